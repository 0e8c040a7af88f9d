#include "store/outbox.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <memory>

#include <SQLiteCpp/Statement.h>

#include "core/dates.h"

namespace rectifyd::store {
namespace {

constexpr const char* kColumns =
    "id, idempotency_key, kind, channel, recipient, subject, payload, state, attempts, "
    "not_before, last_error, late, created_at, updated_at, sent_at, due_at";

// Rows waiting to be sent. The first term repeats the partial index outbox_due's condition word
// for word (schema step 4), which is what lets SQLite use it: claims then walk the index in
// not_before order instead of sorting every queued row.
constexpr const char* kDueRows = "WHERE state NOT IN ('sent','dead') AND state <> 'sending'";

Instant instant_or_epoch(const std::string& s) {
  return parse_instant(s).value_or(Instant{});
}

OutboxRow read_row(SQLite::Statement& st) {
  OutboxRow r;
  r.id = st.getColumn(0).getInt64();
  r.key = st.getColumn(1).getString();
  r.kind = st.getColumn(2).getString();
  r.channel = st.getColumn(3).getString();
  r.recipient = st.getColumn(4).getString();
  r.subject = st.getColumn(5).getString();
  r.payload = st.getColumn(6).getString();
  r.state = outbox_state_from_string(st.getColumn(7).getString()).value_or(OutboxState::pending);
  r.attempts = st.getColumn(8).getInt();
  r.not_before = instant_or_epoch(st.getColumn(9).getString());
  r.last_error = st.getColumn(10).getString();
  r.late = st.getColumn(11).getInt() != 0;
  r.created_at = instant_or_epoch(st.getColumn(12).getString());
  r.updated_at = instant_or_epoch(st.getColumn(13).getString());
  if (!st.getColumn(14).isNull())
    r.sent_at = parse_instant(st.getColumn(14).getString());
  // A row without due_at (none should be, after migration 3) ages from its creation.
  r.due_at =
      st.getColumn(15).isNull() ? r.created_at : instant_or_epoch(st.getColumn(15).getString());
  return r;
}

/// Resets a cached statement when a call is done with it, so that a half-read SELECT does not
/// keep a read transaction (and the WAL) open between calls.
class Use {
 public:
  explicit Use(SQLite::Statement& st) : st_(st) { st_.tryReset(); }
  ~Use() { st_.tryReset(); }
  Use(const Use&) = delete;
  Use& operator=(const Use&) = delete;
  SQLite::Statement* operator->() { return &st_; }
  SQLite::Statement& operator*() { return st_; }

 private:
  SQLite::Statement& st_;
};

}  // namespace

/// Statements prepared on first use and kept, and the text of the instants formatted last:
/// a loop turn or a bulk enqueue formats the same "now" for every row.
struct Outbox::Cache {
  explicit Cache(SQLite::Database& d) : db(d) {}

  SQLite::Statement& get(std::unique_ptr<SQLite::Statement>& slot, const std::string& sql) {
    if (!slot)
      slot = std::make_unique<SQLite::Statement>(db, sql);
    return *slot;
  }
  const std::string& text(Instant t) {
    for (std::size_t i = 0; i < kTexts; ++i) {
      if (text_valid[i] && text_at[i] == t)
        return texts[i];
    }
    auto i = text_next;
    text_next = (text_next + 1) % kTexts;
    text_at[i] = t;
    texts[i] = format_instant_utc(t);
    text_valid[i] = true;
    return texts[i];
  }

  SQLite::Database& db;
  std::unique_ptr<SQLite::Statement> insert, claim_pick, claim, settle_sent, settle_other,
      settle_back, next_due_all, next_due_one;
  static constexpr std::size_t kTexts = 4;
  std::array<Instant, kTexts> text_at{};
  std::array<std::string, kTexts> texts{};
  std::array<bool, kTexts> text_valid{};
  std::size_t text_next = 0;
  std::string ids;  ///< claim_due(): the ids of the rows claimed, as a JSON array
};

Outbox::Outbox(Database& db) : db_(db), cache_(std::make_unique<Cache>(db.sql())) {}
Outbox::~Outbox() = default;

std::string_view to_string(OutboxState s) {
  switch (s) {
    case OutboxState::pending:
      return "pending";
    case OutboxState::sending:
      return "sending";
    case OutboxState::sent:
      return "sent";
    case OutboxState::failed:
      return "failed";
    case OutboxState::dead:
      return "dead";
  }
  return "pending";
}

std::optional<OutboxState> outbox_state_from_string(std::string_view s) {
  for (auto st : {OutboxState::pending, OutboxState::sending, OutboxState::sent,
                  OutboxState::failed, OutboxState::dead}) {
    if (to_string(st) == s)
      return st;
  }
  return std::nullopt;
}

bool Outbox::enqueue(const NewNotification& n, Instant now) {
  return db_.write([&] {
    Use st(cache_->get(cache_->insert,
                       "INSERT OR IGNORE INTO outbox(idempotency_key, kind, channel, recipient, "
                       "subject, payload, not_before, late, created_at, updated_at, due_at) "
                       "VALUES (?,?,?,?,?,?,?,?,?,?,?)"));
    const auto& ts = cache_->text(now);
    // SQLITE_STATIC: the strings outlive the statement's use, which ends with this call.
    st->bindNoCopy(1, n.key);
    st->bindNoCopy(2, n.kind);
    st->bindNoCopy(3, n.channel);
    st->bindNoCopy(4, n.recipient);
    st->bindNoCopy(5, n.subject);
    st->bindNoCopy(6, n.payload);
    st->bindNoCopy(7, cache_->text(n.not_before));
    st->bind(8, n.late ? 1 : 0);
    st->bindNoCopy(9, ts);
    st->bindNoCopy(10, ts);
    st->bindNoCopy(11, cache_->text(std::max(n.not_before, now)));
    return st->exec() == 1;
  });
}

std::vector<OutboxRow> Outbox::claim_due(const std::map<std::string, std::size_t>& limits,
                                         Instant now) {
  return db_.write([&] {
    std::vector<OutboxRow> rows;
    const auto& ts = cache_->text(now);
    // Each channel's due rows through the due index, oldest first, then one statement marks
    // them all. A plain SELECT and an UPDATE by id cost less than UPDATE … RETURNING, which
    // gathers the rows it returns, payload and all, in a temporary table before handing them
    // out. Both run inside the one write transaction, so nothing can claim the rows between.
    Use pick(cache_->get(cache_->claim_pick, std::string("SELECT ") + kColumns +
                                                 " FROM outbox INDEXED BY outbox_due " + kDueRows +
                                                 " AND not_before <= ?1 AND channel = ?2 "
                                                 "ORDER BY not_before, id LIMIT ?3"));
    std::string& ids = cache_->ids;
    ids.assign(1, '[');
    char buf[24];
    for (const auto& [channel, limit] : limits) {
      if (limit == 0)
        continue;
      pick->tryReset();
      pick->bindNoCopy(1, ts);
      pick->bindNoCopy(2, channel);
      pick->bind(3, static_cast<std::int64_t>(limit));
      while (pick->executeStep()) {
        rows.push_back(read_row(*pick));
        if (ids.size() > 1)
          ids += ',';
        auto [end, ec] = std::to_chars(buf, buf + sizeof buf, rows.back().id);
        (void)ec;
        ids.append(buf, end);
      }
    }
    pick->tryReset();  // done reading before the table changes
    if (rows.empty())
      return rows;
    ids += ']';
    // OR FAIL: the statement needs no statement journal (which, for dozens of rows, SQLite
    // spills to a temporary file); should it fail, the whole transaction is rolled back anyway.
    Use mark(cache_->get(cache_->claim,
                         "UPDATE OR FAIL outbox SET state='sending', attempts=attempts+1, "
                         "updated_at=?1 WHERE id IN (SELECT value FROM json_each(?2))"));
    mark->bindNoCopy(1, ts);
    mark->bindNoCopy(2, ids);
    mark->exec();
    for (auto& r : rows) {  // as the UPDATE left them
      r.state = OutboxState::sending;
      r.attempts += 1;
      r.updated_at = now;
    }
    return rows;
  });
}

void Outbox::settle(std::span<const Settlement> results, Instant now) {
  if (results.empty())
    return;
  db_.write([&] {
    const auto ts = cache_->text(now);
    Use sent(cache_->get(cache_->settle_sent,
                         "UPDATE outbox SET state='sent', sent_at=?1, updated_at=?1, "
                         "last_error='' WHERE id=?2"));
    Use other(cache_->get(cache_->settle_other,
                          "UPDATE outbox SET state=?, not_before=?, last_error=?, updated_at=? "
                          "WHERE id=?"));
    Use back(cache_->get(cache_->settle_back,
                         "UPDATE outbox SET state='pending', updated_at=? WHERE id=?"));
    sent->bind(1, ts);
    back->bind(1, ts);
    for (const auto& s : results) {
      if (s.state == OutboxState::sent) {
        sent->tryReset();
        sent->bind(2, s.id);
        sent->exec();
      } else if (s.state == OutboxState::pending) {
        back->tryReset();
        back->bind(2, s.id);
        back->exec();
      } else {
        other->tryReset();
        other->bind(1, std::string(to_string(s.state)));
        other->bind(2, cache_->text(s.state == OutboxState::failed ? s.not_before : now));
        other->bind(3, s.error);
        other->bind(4, ts);
        other->bind(5, s.id);
        other->exec();
      }
    }
  });
}

int Outbox::reset_sending(Instant now) {
  return db_.write([&] {
    SQLite::Statement st(db_.sql(),
                         "UPDATE outbox SET state='pending', not_before=min(not_before, ?), "
                         "updated_at=? WHERE state='sending'");
    auto ts = format_instant_utc(now);
    st.bind(1, ts);
    st.bind(2, ts);
    return st.exec();
  });
}

std::optional<Instant> Outbox::next_due(std::span<const std::string> channels) {
  std::string q = std::string("SELECT not_before FROM outbox INDEXED BY outbox_due ") + kDueRows;
  auto first = [](SQLite::Statement& st) -> std::optional<Instant> {
    if (!st.executeStep() || st.getColumn(0).isNull())
      return std::nullopt;
    return parse_instant(st.getColumn(0).getString());
  };
  if (channels.empty()) {
    Use st(cache_->get(cache_->next_due_all, q + " ORDER BY not_before LIMIT 1"));
    return first(*st);
  }
  if (channels.size() == 1) {
    // The delivery loop asks per channel after each turn.
    Use st(cache_->get(cache_->next_due_one, q + " AND channel = ? ORDER BY not_before LIMIT 1"));
    st->bind(1, channels[0]);
    return first(*st);
  }
  q += " AND channel IN (";
  for (std::size_t i = 0; i < channels.size(); ++i)
    q += i == 0 ? "?" : ",?";
  q += ") ORDER BY not_before LIMIT 1";
  SQLite::Statement st(db_.sql(), q);
  for (std::size_t i = 0; i < channels.size(); ++i)
    st.bind(static_cast<int>(i + 1), channels[i]);
  return first(st);
}

std::vector<std::string> Outbox::queued_channels() {
  SQLite::Statement st(db_.sql(),
                       "SELECT DISTINCT channel FROM outbox WHERE state IN ('pending','failed')");
  std::vector<std::string> out;
  while (st.executeStep())
    out.push_back(st.getColumn(0).getString());
  return out;
}

std::optional<OutboxRow> Outbox::get(Id id) {
  SQLite::Statement st(db_.sql(), std::string("SELECT ") + kColumns + " FROM outbox WHERE id=?");
  st.bind(1, id);
  if (!st.executeStep())
    return std::nullopt;
  return read_row(st);
}

std::vector<OutboxRow> Outbox::about_measure(Id measure, std::size_t limit) {
  SQLite::Statement st(db_.sql(),
                       std::string("SELECT ") + kColumns +
                           " FROM outbox WHERE json_valid(payload) AND EXISTS (SELECT 1 FROM "
                           "json_each(payload, '$.items') j WHERE json_extract(j.value, "
                           "'$.measure_id') = ?) ORDER BY id DESC LIMIT ?");
  st.bind(1, static_cast<std::int64_t>(measure));
  st.bind(2, static_cast<std::int64_t>(limit));
  std::vector<OutboxRow> rows;
  while (st.executeStep())
    rows.push_back(read_row(st));
  return rows;
}

std::vector<OutboxRow> Outbox::list(std::optional<OutboxState> state, std::size_t limit,
                                    std::size_t offset) {
  std::string q = std::string("SELECT ") + kColumns + " FROM outbox";
  if (state)
    q += " WHERE state=?";
  q += " ORDER BY id DESC LIMIT ? OFFSET ?";
  SQLite::Statement st(db_.sql(), q);
  int i = 1;
  if (state)
    st.bind(i++, std::string(to_string(*state)));
  st.bind(i++, static_cast<std::int64_t>(limit));
  st.bind(i++, static_cast<std::int64_t>(offset));
  std::vector<OutboxRow> rows;
  while (st.executeStep())
    rows.push_back(read_row(st));
  return rows;
}

std::map<OutboxState, int> Outbox::counts() {
  std::map<OutboxState, int> out;
  SQLite::Statement st(db_.sql(), "SELECT state, count(*) FROM outbox GROUP BY state");
  while (st.executeStep()) {
    if (auto s = outbox_state_from_string(st.getColumn(0).getString()))
      out[*s] = st.getColumn(1).getInt();
  }
  return out;
}

bool Outbox::retry_dead(Id id, Instant now) {
  return db_.write([&] {
    SQLite::Statement st(db_.sql(),
                         "UPDATE outbox SET state='pending', not_before=?, due_at=?, "
                         "updated_at=? WHERE id=? AND state='dead'");
    auto ts = format_instant_utc(now);
    st.bind(1, ts);
    st.bind(2, ts);
    st.bind(3, ts);
    st.bind(4, id);
    return st.exec() == 1;
  });
}

bool Outbox::drop(Id id) {
  return db_.write([&] {
    SQLite::Statement st(db_.sql(), "DELETE FROM outbox WHERE id=? AND state <> 'sending'");
    st.bind(1, id);
    return st.exec() == 1;
  });
}

std::optional<Instant> Outbox::oldest_sent() {
  SQLite::Statement st(db_.sql(), "SELECT min(sent_at) FROM outbox WHERE state='sent'");
  if (!st.executeStep() || st.getColumn(0).isNull())
    return std::nullopt;
  return parse_instant(st.getColumn(0).getString());
}

int Outbox::prune_sent(Instant before) {
  return db_.write([&] {
    SQLite::Statement st(db_.sql(), "DELETE FROM outbox WHERE state='sent' AND sent_at < ?");
    st.bind(1, format_instant_utc(before));
    return st.exec();
  });
}

std::vector<OutboxTally> outbox_tally(Database& db) {
  SQLite::Statement q(db.sql(),
                      "SELECT state, channel, COUNT(*), SUM(MAX(attempts - 1, 0)) FROM outbox "
                      "GROUP BY state, channel");
  std::vector<OutboxTally> out;
  while (q.executeStep())
    out.push_back(OutboxTally{q.getColumn(0).getString(), q.getColumn(1).getString(),
                              q.getColumn(2).getInt64(), q.getColumn(3).getInt64()});
  return out;
}

}  // namespace rectifyd::store
