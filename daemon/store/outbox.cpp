#include "store/outbox.h"

#include <algorithm>

#include <SQLiteCpp/Statement.h>

#include "core/dates.h"

namespace rectifyd::store {
namespace {

constexpr const char* kColumns =
    "id, idempotency_key, kind, channel, recipient, subject, payload, state, attempts, "
    "not_before, last_error, late, created_at, updated_at, sent_at, due_at";

// Rows waiting to be sent. The first term repeats the partial index outbox_due's condition word
// for word, which is what lets SQLite use it: claims then walk the index in not_before order
// instead of sorting every queued row.
constexpr const char* kDueRows =
    "WHERE state IN ('pending','sending','failed') AND state <> 'sending'";

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

}  // namespace

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
    SQLite::Statement st(db_.sql(),
                         "INSERT OR IGNORE INTO outbox(idempotency_key, kind, channel, recipient, "
                         "subject, payload, not_before, late, created_at, updated_at, due_at) "
                         "VALUES (?,?,?,?,?,?,?,?,?,?,?)");
    auto ts = format_instant_utc(now);
    st.bind(1, n.key);
    st.bind(2, n.kind);
    st.bind(3, n.channel);
    st.bind(4, n.recipient);
    st.bind(5, n.subject);
    st.bind(6, n.payload);
    st.bind(7, format_instant_utc(n.not_before));
    st.bind(8, n.late ? 1 : 0);
    st.bind(9, ts);
    st.bind(10, ts);
    st.bind(11, format_instant_utc(std::max(n.not_before, now)));
    return st.exec() == 1;
  });
}

std::vector<OutboxRow> Outbox::claim_due(const std::map<std::string, std::size_t>& limits,
                                         Instant now) {
  return db_.write([&] {
    std::vector<OutboxRow> rows;
    auto ts = format_instant_utc(now);
    SQLite::Statement sel(db_.sql(), std::string("SELECT ") + kColumns +
                                         " FROM outbox INDEXED BY outbox_due " + kDueRows +
                                         " AND not_before <= ? AND channel = ? "
                                         "ORDER BY not_before, id LIMIT ?");
    SQLite::Statement upd(db_.sql(),
                          "UPDATE outbox SET state='sending', attempts=attempts+1, "
                          "updated_at=? WHERE id=?");
    for (const auto& [channel, limit] : limits) {
      if (limit == 0)
        continue;
      sel.reset();
      sel.bind(1, ts);
      sel.bind(2, channel);
      sel.bind(3, static_cast<std::int64_t>(limit));
      while (sel.executeStep()) {
        auto r = read_row(sel);
        r.state = OutboxState::sending;
        r.attempts += 1;
        r.updated_at = now;
        rows.push_back(std::move(r));
      }
    }
    for (const auto& r : rows) {
      upd.reset();
      upd.bind(1, ts);
      upd.bind(2, r.id);
      upd.exec();
    }
    return rows;
  });
}

void Outbox::settle(std::span<const Settlement> results, Instant now) {
  if (results.empty())
    return;
  db_.write([&] {
    auto ts = format_instant_utc(now);
    SQLite::Statement sent(db_.sql(),
                           "UPDATE outbox SET state='sent', sent_at=?, updated_at=?, "
                           "last_error='' WHERE id=?");
    SQLite::Statement other(db_.sql(),
                            "UPDATE outbox SET state=?, not_before=?, last_error=?, updated_at=? "
                            "WHERE id=?");
    SQLite::Statement back(db_.sql(), "UPDATE outbox SET state='pending', updated_at=? WHERE id=?");
    for (const auto& s : results) {
      if (s.state == OutboxState::sent) {
        sent.reset();
        sent.bind(1, ts);
        sent.bind(2, ts);
        sent.bind(3, s.id);
        sent.exec();
      } else if (s.state == OutboxState::pending) {
        back.reset();
        back.bind(1, ts);
        back.bind(2, s.id);
        back.exec();
      } else {
        other.reset();
        other.bind(1, std::string(to_string(s.state)));
        other.bind(2, format_instant_utc(s.state == OutboxState::failed ? s.not_before : now));
        other.bind(3, s.error);
        other.bind(4, ts);
        other.bind(5, s.id);
        other.exec();
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
  if (!channels.empty()) {
    q += " AND channel IN (";
    for (std::size_t i = 0; i < channels.size(); ++i)
      q += i == 0 ? "?" : ",?";
    q += ")";
  }
  q += " ORDER BY not_before LIMIT 1";
  SQLite::Statement st(db_.sql(), q);
  for (std::size_t i = 0; i < channels.size(); ++i)
    st.bind(static_cast<int>(i + 1), channels[i]);
  if (!st.executeStep() || st.getColumn(0).isNull())
    return std::nullopt;
  return parse_instant(st.getColumn(0).getString());
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

int Outbox::prune_sent(Instant before) {
  return db_.write([&] {
    SQLite::Statement st(db_.sql(), "DELETE FROM outbox WHERE state='sent' AND sent_at < ?");
    st.bind(1, format_instant_utc(before));
    return st.exec();
  });
}

}  // namespace rectifyd::store
