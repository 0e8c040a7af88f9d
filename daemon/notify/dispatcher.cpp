#include "notify/dispatcher.h"

#include <algorithm>

#include <SQLiteCpp/Exception.h>
#include <spdlog/spdlog.h>
#include <boost/asio/post.hpp>
#include <boost/json.hpp>
#include <boost/json/monotonic_resource.hpp>

#include "core/dates.h"
#include "engine/intent_writer.h"
#include "notify/delivery_notices.h"
#include "notify/settlement.h"
#include "time/zone.h"

namespace rectifyd::notify {
namespace asio = boost::asio;
using namespace std::chrono_literals;

namespace {
constexpr std::size_t kUnroutableBatch = 100;
/// Results waiting for the next claim are written at the latest this much later…
constexpr auto kResultsWithin = 1s;
/// …or when this many have gathered.
constexpr std::size_t kMaxUnwritten = 512;
/// After the database refused a claim or a prune, try again this much later.
constexpr auto kRetryAfterDbError = 5s;
/// Payloads up to this size are parsed without touching the heap.
constexpr std::size_t kParseBuffer = 64 * 1024;
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
                       config::Snapshot cfg, std::unique_ptr<Transport> transport)
    : io_(io),
      db_(db),
      outbox_(db),
      clock_(clock),
      cfg_(std::move(cfg)),
      transport_(transport ? std::move(transport) : std::make_unique<CurlTransport>(io)),
      wake_(io),
      grace_(io),
      results_timer_(io),
      parse_buffer_(std::make_unique<unsigned char[]>(kParseBuffer)) {}

Dispatcher::~Dispatcher() {
  transport_->cancel_all();
}

Status Dispatcher::start() {
  auto now = clock_.now();
  if (!health_)
    health_ = std::make_shared<ChannelHealth>();
  health_->set_alert_after(cfg_->delivery.channel_alert_after);
  if (auto z = find_zone(cfg_->unit.time_zone))
    zone_ = *z;
  else
    zone_ = date::locate_zone("UTC");
  for (const auto& c : cfg_->channels) {
    if (c.type == config::ChannelType::smtp && c.smtp_url.value.starts_with("smtp://") &&
        c.tls != config::SmtpTls::required) {
      spdlog::warn(
          "delivery: channel {} sends mail {} (tls = \"{}\"); set tls = \"required\" "
          "unless the mail server is on this machine or a trusted network",
          c.id,
          c.tls == config::SmtpTls::none ? "in clear text"
                                         : "in clear text when the server offers no "
                                           "STARTTLS",
          config::to_string(c.tls));
    }
    auto ch = make_channel(c);
    if (!ch) {
      spdlog::error("delivery: channel {} unavailable: {}", c.id, ch.error().message);
      continue;
    }
    auto rate = (*ch)->rate();
    auto endpoints = (*ch)->endpoints();
    channels_.emplace(
        c.id, ChannelState{
                  std::move(ch.value()), EndpointLimiter(rate, endpoints, now), 0, {}, false, {}});
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
  if (!started_ || stopping_)
    return;
  for (auto& [id, cs] : channels_)
    cs.drained = false;
  check_unroutable_ = true;
  rearm_ = true;  // the wall clock may have moved under the steady timer
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

bool Dispatcher::may_refill(const ChannelState& cs) const {
  const int concurrency = cs.channel->concurrency();
  const int free = concurrency - cs.busy;
  if (free <= 0)
    return false;
  if (cs.busy == 0)
    return true;
  const auto fill = std::min<std::size_t>(static_cast<std::size_t>(concurrency), claim_batch_);
  return static_cast<std::size_t>(free) * 2 >= fill;
}

bool Dispatcher::may_have_due(const ChannelState& cs, Instant now) {
  return !cs.drained || (cs.next_due && *cs.next_due <= now);
}

void Dispatcher::pump() {
  pump_posted_ = false;
  auto now = clock_.now();
  if (stopping_) {
    flush(now);
    return;
  }
  if (prune_due_ || (next_prune_ && now >= *next_prune_))
    prune(now);
  if (check_unroutable_ || (unroutable_due_ && now >= *unroutable_due_))
    route_unroutable(now);
  if (auto at = health_->next_alert(); at && now >= *at)
    alert_failing(now);

  std::map<std::string, std::size_t> limits;
  for (auto& [id, cs] : channels_) {
    if (!may_have_due(cs, now) || !cs.waiting.empty() || !may_refill(cs) ||
        cs.limiter.next_available(now) > now)
      continue;
    limits[id] = std::min<std::size_t>(
        static_cast<std::size_t>(cs.channel->concurrency() - cs.busy), claim_batch_);
  }
  // The results gathered so far and the next claim share one transaction. It commits before
  // any claimed transfer starts, so a crash after it finds the claimed rows 'sending'.
  std::vector<store::OutboxRow> rows;
  std::map<std::string, std::size_t> claimed;
  if (!limits.empty()) {
    try {
      rows = db_.write([&] {
        write_settled(now);
        auto got = outbox_.claim_due(limits, now);
        for (const auto& r : got)
          claimed[r.channel]++;
        // A channel that got fewer rows than it asked for has nothing more due now: remember
        // when its next row is, so that settling its transfers needs no claim.
        for (const auto& [id, limit] : limits) {
          auto& cs = channels_.at(id);
          cs.drained = claimed[id] < limit;
          cs.next_due.reset();
          if (cs.drained) {
            std::string one[] = {id};
            cs.next_due = outbox_.next_due(one);
          }
        }
        return got;
      });
      clear_settled();
    } catch (const SQLite::Exception& e) {
      for (const auto& [id, limit] : limits)
        channels_.at(id).drained = false;  // what was read before the rollback means nothing
      flush(now);                          // the results alone, in a transaction of their own
      spdlog::error("delivery: cannot claim outbox rows: {}", e.what());
      next_wake_ = now + kRetryAfterDbError;
      arm_at(*next_wake_, now);
      return;
    }
  } else {
    flush(now);
  }
  for (auto& row : rows) {
    auto job = std::make_unique<Job>();
    job->id = next_job_++;
    job->channel = row.channel;
    job->row = std::move(row);
    channels_.at(job->channel).busy++;
    begin(std::move(job));
  }
  // Jobs that waited for a token try again.
  for (auto& [id, cs] : channels_) {
    if (cs.waiting.empty())
      continue;
    auto waiting = std::move(cs.waiting);
    cs.waiting.clear();
    for (auto job_id : waiting)
      send_part(job_id);
  }
  flush(now);
  arm_wake(now);
}

void Dispatcher::begin(std::unique_ptr<Job> job) {
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
  Result<Message> msg = Error{""};
  boost::system::error_code ec;
  {
    // The tree lives in the reused buffer (and beyond it on the heap for a huge payload) only
    // until the message is read out of it.
    boost::json::monotonic_resource mr(parse_buffer_.get(), kParseBuffer);
    parser_.reset(boost::json::storage_ptr(&mr));
    parser_.write(j.row.payload, ec);
    if (!ec) {
      boost::json::value v = parser_.release();
      msg = message_from_json(v);
    }
    parser_.reset();
  }
  j.row.payload.clear();
  j.row.payload.shrink_to_fit();
  if (ec) {
    settle(j, Outcome::permanent("payload is not JSON: " + ec.message()));
    return;
  }
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
  j.transfer = transport_->start(j.requests[j.part], timeout,
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
  r.received_at = clock_.precise_now();
  auto outcome = cs.channel->classify(j.requests[j.part], r);
  const Instant now = clock_.now();
  if (outcome.kind == Outcome::Kind::sent)
    on_health(health_->succeeded(j.channel, now), now);
  else
    on_health(health_->failed(j.channel, outcome.reason, now), now);
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
  std::uniform_real_distribution<double> jitter(0.0, 1.0);
  store::Settlement s = settle_attempt(row, outcome, cfg_->delivery, now,
                                       outcome.kind == Outcome::Kind::retry ? jitter(rng_) : 0.0);
  if (s.state == store::OutboxState::sent)
    stats_.sent++;
  else if (s.state == store::OutboxState::failed)
    stats_.retried++;
  if (s.state == store::OutboxState::dead) {
    stats_.dead++;
    if (is_delivery_notice(row.kind)) {
      spdlog::error("delivery: the notice to the office {} could not be delivered on {}: {}",
                    row.key, row.channel, s.error);
    } else {
      spdlog::warn("delivery: row {} ({}) on {} is dead: {}", row.id, row.kind, row.channel,
                   s.error);
      died_.push_back(row);
      died_reasons_.push_back(s.error);
    }
  }
  if (s.state == store::OutboxState::sent) {
    // Sent rows are pruned prune_sent_after later (sent_at < now − prune_sent_after).
    auto at = now + cfg_->delivery.prune_sent_after + 1s;
    if (!next_prune_ || at < *next_prune_)
      next_prune_ = at;
  } else if (s.state == store::OutboxState::failed) {
    auto& due = [&]() -> std::optional<Instant>& {
      auto it = channels_.find(row.channel);
      return it == channels_.end() ? unroutable_due_ : it->second.next_due;
    }();
    if (!due || s.not_before < *due)
      due = s.not_before;
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
  // A claim is worth a transaction when a good share of the channel's slots is free; until
  // then results wait (at most kResultsWithin, or kMaxUnwritten of them).
  if (jobs_.empty() || settled_.size() >= kMaxUnwritten ||
      (may_have_due(cs, clock_.now()) && may_refill(cs)))
    schedule_pump();
  else
    arm_results_timer();
}

void Dispatcher::arm_results_timer() {
  if (results_timer_armed_ || pump_posted_)
    return;
  results_timer_armed_ = true;
  results_timer_.expires_after(kResultsWithin);
  results_timer_.async_wait(
      [this, alive = std::weak_ptr<bool>(alive_)](const boost::system::error_code& ec) {
        if (alive.expired())
          return;
        results_timer_armed_ = false;
        if (!ec && (!settled_.empty() || !notices_.empty()))
          schedule_pump();
      });
}

void Dispatcher::flush(Instant now) {
  if (settled_.empty() && notices_.empty())
    return;
  try {
    db_.write([&] { write_settled(now); });
  } catch (const SQLite::Exception& e) {
    // The results are kept and written by a later transaction (a full disk gets cleared);
    // meanwhile the rows stay 'sending', and a restart would send them again with their keys.
    spdlog::error("delivery: cannot record {} results: {}", settled_.size(), e.what());
    return;
  }
  clear_settled();
}

void Dispatcher::clear_settled() {
  settled_.clear();
  notices_.clear();
  died_.clear();
  died_reasons_.clear();
}

void Dispatcher::write_settled(Instant now) {
  if (settled_.empty() && notices_.empty())
    return;
  if (!settled_.empty())
    outbox_.settle(settled_, now);
  if (!died_.empty()) {
    std::vector<render::DeadLetterEntry> entries;
    entries.reserve(died_.size());
    for (std::size_t i = 0; i < died_.size(); ++i) {
      const auto& r = died_[i];
      entries.push_back({r.subject, r.kind, r.recipient, r.channel, r.attempts, died_reasons_[i]});
    }
    auto [lo, hi] = std::minmax_element(
        died_.begin(), died_.end(),
        [](const store::OutboxRow& a, const store::OutboxRow& b) { return a.id < b.id; });
    notify_office(dead_letter_intent(*cfg_, entries, lo->id, hi->id, now));
  }
  if (notices_.empty())
    return;
  engine::write_intents(db_, notices_, now);
  for (const auto& intent : notices_) {
    for (const auto& ch : intent.channels) {
      if (auto it = channels_.find(ch); it != channels_.end())
        it->second.drained = false;
      else
        check_unroutable_ = true;
    }
  }
  schedule_pump();
}

void Dispatcher::notify_office(plan::Intent intent) {
  notices_.push_back(std::move(intent));
}

void Dispatcher::on_health(const std::optional<HealthChange>& change, Instant now) {
  if (!change)
    return;
  const ChannelStatus& s = change->status;
  const auto since = s.failing_since ? format_instant_utc(*s.failing_since) : std::string("-");
  switch (change->kind) {
    case HealthChange::Kind::failing:
      spdlog::warn("delivery: channel {} is failing: {}", s.channel, s.last_error);
      break;
    case HealthChange::Kind::still_failing:
      spdlog::warn(
          "delivery: channel {} still failing since {}: {} failed attempts ({} since the last "
          "report), last error: {}",
          s.channel, since, s.failures, change->failures_since_logged, s.last_error);
      break;
    case HealthChange::Kind::recovered:
      spdlog::info("delivery: channel {} recovered after {} failed attempts since {}", s.channel,
                   s.failures, since);
      if (s.office_told)
        notify_office(channel_notice_intent(*cfg_, zone_, s, true, now));
      break;
  }
  arm_results_timer();
}

void Dispatcher::alert_failing(Instant now) {
  for (const auto& s : health_->take_due_alerts(now)) {
    auto intent = channel_notice_intent(*cfg_, zone_, s, false, now);
    if (intent.channels.empty()) {
      spdlog::error(
          "delivery: channel {} has been failing since {} and the office has no other channel "
          "to be told through (routing.office)",
          s.channel, s.failing_since ? format_instant_utc(*s.failing_since) : std::string("-"));
      continue;
    }
    std::string on;
    for (const auto& ch : intent.channels)
      on += (on.empty() ? "" : ", ") + ch;
    spdlog::error("delivery: channel {} has been failing since {}; telling the office on {}",
                  s.channel,
                  s.failing_since ? format_instant_utc(*s.failing_since) : std::string("-"), on);
    notify_office(intent);
  }
}

void Dispatcher::prune(Instant now) {
  prune_due_ = false;
  const auto after = cfg_->delivery.prune_sent_after;
  try {
    auto pruned = outbox_.prune_sent(now - after);
    if (pruned > 0)
      spdlog::info("delivery: pruned {} sent rows", pruned);
    auto oldest = outbox_.oldest_sent();
    next_prune_.reset();
    if (oldest)
      next_prune_ = *oldest + after + 1s;
  } catch (const SQLite::Exception& e) {
    spdlog::error("delivery: cannot prune sent rows: {}", e.what());
    prune_due_ = true;
    next_prune_ = now + kRetryAfterDbError;
  }
}

void Dispatcher::route_unroutable(Instant now) {
  check_unroutable_ = false;
  try {
    std::map<std::string, std::size_t> unroutable;
    std::vector<std::string> names;
    for (auto& ch : outbox_.queued_channels()) {
      if (!channels_.contains(ch)) {
        unroutable[ch] = kUnroutableBatch;
        names.push_back(std::move(ch));
      }
    }
    unroutable_due_.reset();
    if (unroutable.empty())
      return;
    auto rows = outbox_.claim_due(unroutable, now);
    for (const auto& row : rows)
      record(row, Outcome::retry("channel " + row.channel + " is not configured"));
    flush(now);
    if (rows.size() == kUnroutableBatch * names.size()) {
      check_unroutable_ = true;  // there may be more
      schedule_pump();
    }
    unroutable_due_ = outbox_.next_due(names);
  } catch (const SQLite::Exception& e) {
    spdlog::error("delivery: cannot look for rows of unconfigured channels: {}", e.what());
    unroutable_due_ = now + kRetryAfterDbError;
  }
}

void Dispatcher::arm_wake(Instant now) {
  Instant at = Instant::max();
  bool due_now = false;
  for (auto& [id, cs] : channels_) {
    if (!cs.waiting.empty()) {
      at = std::min(at, cs.limiter.next_available(now));
      continue;
    }
    if (!may_refill(cs))
      continue;  // a finishing transfer looks again
    if (cs.drained && !cs.next_due)
      continue;  // nothing queued: kick() announces new rows
    Instant due = cs.drained ? *cs.next_due : now;
    if (due > now) {
      at = std::min(at, due);
      continue;
    }
    auto token = cs.limiter.next_available(now);
    if (token > now)
      at = std::min(at, token);  // rows held back by a rate limit are not "due now"
    else
      due_now = true;
  }
  if (unroutable_due_)
    at = std::min(at, *unroutable_due_);
  if (!settled_.empty())
    at = std::min(at, now + kRetryAfterDbError);  // results the store refused, tried again
  if (auto alert = health_->next_alert())
    at = std::min(at, *alert);
  if (due_now)
    schedule_pump();
  next_wake_.reset();
  if (at != Instant::max())
    next_wake_ = std::max(at, now + 1s);  // whole seconds: a token due within this second
  auto when = next_wake_;
  if (next_prune_ && (!when || *next_prune_ < *when))
    when = next_prune_;
  if (when) {
    arm_at(*when, now);
  } else if (armed_at_) {
    armed_at_.reset();
    wake_.cancel();
  }
  // Jobs still held are waiting for a token, which is not work that can be done now.
  if (transport_->in_flight() == 0 && settled_.empty() && notices_.empty() && !pump_posted_ &&
      on_idle_)
    on_idle_();
}

void Dispatcher::arm_at(Instant when, Instant now) {
  if (armed_at_ == when && !rearm_)
    return;  // re-arming costs two system calls
  armed_at_ = when;
  rearm_ = false;
  // From the precise time: counted from the whole second, the timer would fire up to a
  // second late (and a pump at the start of a second would see rows as not yet due).
  (void)now;
  wake_.expires_after(std::max(std::chrono::milliseconds{0}, when - clock_.precise_now()));
  wake_.async_wait(
      [this, alive = std::weak_ptr<bool>(alive_)](const boost::system::error_code& ec) {
        if (alive.expired() || ec)
          return;
        armed_at_.reset();
        schedule_pump();
      });
}

void Dispatcher::stop(std::function<void()> done) {
  if (stopping_) {
    return;
  }
  stopping_ = true;
  stop_done_ = std::move(done);
  wake_.cancel();
  armed_at_.reset();
  next_wake_.reset();
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
      transport_->cancel(job->transfer);
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
  results_timer_.cancel();
  flush(clock_.now());
  auto done = std::move(stop_done_);
  stop_done_ = nullptr;
  done();
}

}  // namespace rectifyd::notify
