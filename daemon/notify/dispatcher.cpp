#include "notify/dispatcher.h"

#include <algorithm>

#include <SQLiteCpp/Exception.h>
#include <spdlog/spdlog.h>
#include <boost/asio/post.hpp>
#include <boost/json.hpp>

#include "core/dates.h"
#include "notify/backoff.h"

namespace rectifyd::notify {
namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {
constexpr std::size_t kDeadLetterListed = 50;
constexpr auto kLongestSleep = 60s;
constexpr auto kHousekeepingEvery = 10min;
constexpr std::size_t kUnroutableBatch =
    100;  // wake at least this often: clock jumps, rows added by others
}  // namespace

struct Dispatcher::Job {
  std::uint64_t id = 0;
  std::string channel;
  store::OutboxRow row;
  Envelope env;
  std::vector<Request> requests;
  std::size_t part = 0;
  std::size_t endpoint = 0;
  bool prepared = false;
  bool in_transfer = false;
  Transport::TransferId transfer = 0;
};

Dispatcher::Dispatcher(asio::io_context& io, store::Database& db, const Clock& clock,
                       config::Snapshot cfg)
    : io_(io),
      db_(db),
      outbox_(db),
      clock_(clock),
      cfg_(std::move(cfg)),
      transport_(io),
      wake_(io),
      grace_(io) {}

Dispatcher::~Dispatcher() {
  transport_.cancel_all();
}

Status Dispatcher::start() {
  auto now = clock_.now();
  for (const auto& c : cfg_->channels) {
    auto ch = make_channel(c);
    if (!ch) {
      spdlog::error("delivery: channel {} unavailable: {}", c.id, ch.error().message);
      continue;
    }
    auto rate = (*ch)->rate();
    auto endpoints = (*ch)->endpoints();
    channels_.emplace(
        c.id, ChannelState{std::move(ch.value()), EndpointLimiter(rate, endpoints, now), 0, {}});
  }
  try {
    stats_.requeued_at_start = static_cast<std::uint64_t>(outbox_.reset_sending(now));
  } catch (const SQLite::Exception& e) {
    return Error{std::string("outbox: cannot reset rows left sending: ") + e.what()};
  }
  if (stats_.requeued_at_start > 0)
    spdlog::info("delivery: {} rows left sending by the last run are due again",
                 stats_.requeued_at_start);
  started_ = true;
  schedule_pump();
  return ok_status();
}

void Dispatcher::kick() {
  if (started_ && !stopping_)
    schedule_pump();
}

void Dispatcher::schedule_pump() {
  if (pump_posted_)
    return;
  pump_posted_ = true;
  asio::post(io_, [this, alive = std::weak_ptr<bool>(alive_)] {
    if (!alive.expired())
      pump();
  });
}

void Dispatcher::pump() {
  pump_posted_ = false;
  auto now = clock_.now();
  if (stopping_) {
    flush(now);
    return;
  }
  if (now >= next_housekeeping_) {
    next_housekeeping_ = now + kHousekeepingEvery;
    housekeeping(now);
  }

  std::map<std::string, std::size_t> limits;
  for (auto& [id, cs] : channels_) {
    int free = cs.channel->concurrency() - cs.busy;
    if (free <= 0 || !cs.waiting.empty() || cs.limiter.next_available(now) > now)
      continue;
    limits[id] = std::min<std::size_t>(static_cast<std::size_t>(free), claim_batch_);
  }
  // The results of this loop turn and the next claim share one transaction. It commits before
  // any claimed transfer starts, so a crash after it finds the claimed rows 'sending'.
  std::vector<store::OutboxRow> rows;
  if (!limits.empty()) {
    try {
      rows = db_.write([&] {
        write_settled(now);
        return outbox_.claim_due(limits, now);
      });
      clear_settled();
    } catch (const SQLite::Exception& e) {
      flush(now);  // the results alone, in a transaction of their own
      spdlog::error("delivery: cannot claim outbox rows: {}", e.what());
      wake_.expires_after(5s);
      wake_.async_wait([this](const boost::system::error_code& ec) {
        if (!ec)
          schedule_pump();
      });
      return;
    }
  } else {
    flush(now);
  }
  std::map<std::string, std::size_t> claimed;
  for (auto& row : rows) {
    claimed[row.channel]++;
    auto job = std::make_unique<Job>();
    job->id = next_job_++;
    job->channel = row.channel;
    job->row = std::move(row);
    auto& cs = channels_.at(job->channel);
    cs.busy++;
    begin(cs, std::move(job));
  }
  // Jobs that waited for a token try again.
  for (auto& [id, cs] : channels_) {
    auto waiting = std::move(cs.waiting);
    cs.waiting.clear();
    for (auto job_id : waiting)
      send_part(job_id);
  }
  flush(now);
  for (const auto& [id, n] : claimed) {
    if (n == limits[id])
      schedule_pump();  // there may be more due
  }
  arm_wake(now);
}

void Dispatcher::begin(ChannelState& cs, std::unique_ptr<Job> job) {
  (void)cs;
  auto& j = *job;
  jobs_.emplace(j.id, std::move(job));
  j.env.row_id = j.row.id;
  j.env.key = j.row.key;
  j.env.kind = j.row.kind;
  j.env.channel = j.row.channel;
  j.env.recipient = j.row.recipient;
  j.env.attempt = j.row.attempts;
  j.env.created_at = j.row.created_at;
  j.env.late = j.row.late;
  boost::system::error_code ec;
  auto v = boost::json::parse(j.row.payload, ec);
  j.row.payload.clear();
  j.row.payload.shrink_to_fit();
  if (ec) {
    settle(j, Outcome::permanent("payload is not JSON: " + ec.message()));
    return;
  }
  auto msg = message_from_json(v);
  if (!msg) {
    settle(j, Outcome::permanent("payload is not a message: " + msg.error().message));
    return;
  }
  j.env.message = std::move(msg.value());
  if (j.env.message.kind.empty())
    j.env.message.kind = j.row.kind;
  j.env.message.late = j.env.message.late || j.row.late;
  send_part(j.id);
}

void Dispatcher::send_part(std::uint64_t job_id) {
  auto it = jobs_.find(job_id);
  if (it == jobs_.end())
    return;
  auto& j = *it->second;
  auto& cs = channels_.at(j.channel);
  auto now = clock_.now();
  if (!j.prepared) {
    auto ep = cs.limiter.acquire(now);
    if (!ep) {
      cs.waiting.push_back(job_id);
      return;
    }
    j.endpoint = *ep;
    auto reqs = cs.channel->prepare(j.env, SendContext{j.endpoint, now});
    j.prepared = true;
    stats_.attempts += reqs && reqs->empty() ? 1 : 0;
    if (!reqs) {
      settle(j, Outcome::permanent(reqs.error().message));
      return;
    }
    if (reqs->empty()) {
      settle(j, Outcome::sent());
      return;
    }
    j.requests = std::move(reqs.value());
    j.part = 0;
  } else if (!cs.limiter.acquire_on(j.endpoint, now)) {
    cs.waiting.push_back(job_id);
    return;
  }
  j.in_transfer = true;
  auto timeout = std::chrono::duration_cast<std::chrono::milliseconds>(cs.channel->timeout());
  j.transfer = transport_.start(j.requests[j.part], timeout,
                                [this, job_id](Response r) { on_response(job_id, std::move(r)); });
}

void Dispatcher::on_response(std::uint64_t job_id, Response r) {
  auto it = jobs_.find(job_id);
  if (it == jobs_.end())
    return;
  auto& j = *it->second;
  j.in_transfer = false;
  stats_.attempts++;
  auto& cs = channels_.at(j.channel);
  r.received_at = clock_.now();
  auto outcome = cs.channel->classify(j.requests[j.part], r);
  if (outcome.kind == Outcome::Kind::sent && j.part + 1 < j.requests.size()) {
    j.part++;
    send_part(job_id);
    return;
  }
  if (outcome.kind == Outcome::Kind::retry && outcome.retry_at)
    cs.limiter.pause(j.endpoint, *outcome.retry_at);
  settle(j, outcome);
}

void Dispatcher::record(const store::OutboxRow& row, const Outcome& outcome) {
  auto now = clock_.now();
  const auto& d = cfg_->delivery;
  store::Settlement s{row.id, store::OutboxState::sent, {}, ""};
  switch (outcome.kind) {
    case Outcome::Kind::sent:
      stats_.sent++;
      break;
    case Outcome::Kind::retry: {
      // Age counts from when the row was first due, so a row deferred past a weekend by quiet
      // hours still gets its full max_age of retries.
      auto deadline = row.due_at + d.max_age;
      if (now >= deadline) {
        s.state = store::OutboxState::dead;
        s.error =
            outcome.reason + " (undelivered after " +
            std::to_string(std::chrono::duration_cast<std::chrono::hours>(d.max_age).count()) +
            " h)";
        break;
      }
      std::uniform_real_distribution<double> jitter(0.0, 1.0);
      auto next = outcome.retry_at.value_or(
          now + backoff_delay(row.attempts, d.retry_base, d.retry_max, jitter(rng_)));
      next = std::clamp(next, now + 1s, std::max(deadline, now + 1s));
      s.state = store::OutboxState::failed;
      s.not_before = next;
      s.error = outcome.reason;
      stats_.retried++;
      break;
    }
    case Outcome::Kind::permanent:
      s.state = store::OutboxState::dead;
      s.error = outcome.reason;
      break;
  }
  if (s.state == store::OutboxState::dead) {
    stats_.dead++;
    if (row.kind == "dead_letter") {
      spdlog::error("delivery: the dead-letter notice {} could not be delivered on {}: {}", row.key,
                    row.channel, s.error);
    } else {
      spdlog::warn("delivery: row {} ({}) on {} is dead: {}", row.id, row.kind, row.channel,
                   s.error);
      died_.push_back(row);
      died_reasons_.push_back(s.error);
    }
  }
  if (on_result_) {
    on_result_(row.channel, s.state == store::OutboxState::sent     ? "sent"
                            : s.state == store::OutboxState::failed ? "retry"
                                                                    : "dead");
  }
  settled_.push_back(std::move(s));
}

void Dispatcher::settle(Job& j, const Outcome& outcome) {
  record(j.row, outcome);
  auto& cs = channels_.at(j.channel);
  cs.busy--;
  auto id = j.id;
  jobs_.erase(id);  // j is gone from here on
  if (stopping_) {
    if (jobs_.empty())
      asio::post(io_, [this, alive = std::weak_ptr<bool>(alive_)] {
        if (!alive.expired())
          finish_stop();
      });
    return;
  }
  schedule_pump();
}

void Dispatcher::flush(Instant now) {
  if (settled_.empty())
    return;
  try {
    db_.write([&] { write_settled(now); });
  } catch (const SQLite::Exception& e) {
    // The rows stay 'sending' in the database and are sent again after a restart.
    spdlog::error("delivery: cannot record {} results: {}", settled_.size(), e.what());
  }
  clear_settled();
}

void Dispatcher::clear_settled() {
  settled_.clear();
  died_.clear();
  died_reasons_.clear();
}

void Dispatcher::write_settled(Instant now) {
  if (settled_.empty())
    return;
  outbox_.settle(settled_, now);
  if (died_.empty())
    return;
  auto msg = dead_letter_message(died_, died_reasons_);
  auto payload = boost::json::serialize(to_json(msg));
  auto [lo, hi] = std::minmax_element(
      died_.begin(), died_.end(),
      [](const store::OutboxRow& a, const store::OutboxRow& b) { return a.id < b.id; });
  for (const auto& office : cfg_->routing.office) {
    store::NewNotification n;
    n.key = "dead_letter/" + format_instant_utc(now) + "/" + std::to_string(lo->id) + "-" +
            std::to_string(hi->id) + "/" + office;
    n.kind = "dead_letter";
    n.channel = office;
    n.recipient = "office";
    n.subject = msg.subject;
    n.payload = payload;
    n.not_before = now;
    outbox_.enqueue(n, now);
  }
}

void Dispatcher::housekeeping(Instant now) {
  try {
    auto pruned = outbox_.prune_sent(now - cfg_->delivery.prune_sent_after);
    if (pruned > 0)
      spdlog::info("delivery: pruned {} sent rows", pruned);
    // Rows for a channel the configuration no longer has: they age like failures, so the
    // office hears of them instead of their waiting forever.
    std::map<std::string, std::size_t> unroutable;
    for (const auto& ch : outbox_.queued_channels()) {
      if (!channels_.contains(ch))
        unroutable[ch] = kUnroutableBatch;
    }
    if (unroutable.empty())
      return;
    for (const auto& row : outbox_.claim_due(unroutable, now))
      record(row, Outcome::retry("channel " + row.channel + " is not configured"));
    flush(now);
  } catch (const SQLite::Exception& e) {
    spdlog::error("delivery: outbox housekeeping failed: {}", e.what());
  }
}

Message Dispatcher::dead_letter_message(const std::vector<store::OutboxRow>& rows,
                                        const std::vector<std::string>& reasons) const {
  Message m;
  m.kind = "dead_letter";
  m.subject = "有 " + std::to_string(rows.size()) + " 条通知未能送达";
  std::string text =
      "以下 " + std::to_string(rows.size()) +
      " 条通知未能送达，请今日内核对收件人地址和渠道配置，处理后在管理界面重新发送：";
  for (std::size_t i = 0; i < rows.size() && i < kDeadLetterListed; ++i) {
    const auto& r = rows[i];
    // Appended piece by piece: a chain of operator+ starting from a literal trips GCC 12's
    // -Wrestrict false positive at -O3.
    text += '\n';
    text += std::to_string(i + 1);
    text += ". ";
    text += r.subject.empty() ? r.kind : r.subject;
    text += "（收件人：";
    text += r.recipient;
    text += "，渠道：";
    text += r.channel;
    text += "，第 ";
    text += std::to_string(r.attempts);
    text += " 次尝试）原因：";
    text += reasons[i];
  }
  if (rows.size() > kDeadLetterListed)
    text += "\n……另有 " + std::to_string(rows.size() - kDeadLetterListed) + " 条，详见管理界面。";
  m.text = std::move(text);
  return m;
}

void Dispatcher::arm_wake(Instant now) {
  Instant at = Instant::max();
  bool due_now = false;
  for (auto& [id, cs] : channels_) {
    if (!cs.waiting.empty()) {
      at = std::min(at, cs.limiter.next_available(now));
      continue;
    }
    if (cs.busy >= cs.channel->concurrency())
      continue;
    std::optional<Instant> nd;
    try {
      std::vector<std::string> one{id};
      nd = outbox_.next_due(one);
    } catch (const SQLite::Exception& e) {
      spdlog::error("delivery: cannot read the outbox: {}", e.what());
      continue;
    }
    if (!nd)
      continue;
    if (*nd <= now) {
      auto token = cs.limiter.next_available(now);
      due_now = due_now || token <= now;  // rows held back by a rate limit are not "due now"
      at = std::min(at, token);
    } else {
      at = std::min(at, *nd);
    }
  }
  auto delay = std::chrono::seconds{kLongestSleep};
  if (at != Instant::max())
    delay = std::clamp<std::chrono::seconds>(at - now, 1s, kLongestSleep);
  wake_.expires_after(delay);
  wake_.async_wait([this](const boost::system::error_code& ec) {
    if (!ec)
      schedule_pump();
  });
  // Jobs still held are waiting for a token, which is not work that can be done now.
  if (transport_.in_flight() == 0 && settled_.empty() && !due_now && !pump_posted_ && on_idle_)
    on_idle_();
}

void Dispatcher::stop(std::function<void()> done) {
  if (stopping_) {
    return;
  }
  stopping_ = true;
  stop_done_ = std::move(done);
  wake_.cancel();
  std::vector<std::uint64_t> idle_jobs;
  for (const auto& [id, job] : jobs_) {
    if (!job->in_transfer)
      idle_jobs.push_back(id);
  }
  for (auto id : idle_jobs) {
    auto& j = *jobs_.at(id);
    settled_.push_back({j.row.id, store::OutboxState::pending, {}, ""});
    channels_.at(j.channel).busy--;
    jobs_.erase(id);
  }
  for (auto& [id, cs] : channels_)
    cs.waiting.clear();
  if (jobs_.empty()) {
    asio::post(io_, [this, alive = std::weak_ptr<bool>(alive_)] {
      if (!alive.expired())
        finish_stop();
    });
    return;
  }
  grace_.expires_after(cfg_->delivery.shutdown_grace);
  grace_.async_wait([this](const boost::system::error_code& ec) {
    if (ec)
      return;
    spdlog::warn("delivery: {} transfers unfinished after the grace period; their rows stay queued",
                 jobs_.size());
    for (auto& [id, job] : jobs_) {
      transport_.cancel(job->transfer);
      settled_.push_back({job->row.id, store::OutboxState::pending, {}, ""});
    }
    jobs_.clear();
    finish_stop();
  });
}

void Dispatcher::finish_stop() {
  if (!stop_done_)
    return;
  grace_.cancel();
  wake_.cancel();
  flush(clock_.now());
  auto done = std::move(stop_done_);
  stop_done_ = nullptr;
  done();
}

}  // namespace rectifyd::notify
