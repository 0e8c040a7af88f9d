#include "store/outbox.h"

#include <SQLiteCpp/Statement.h>

#include "core/dates.h"

namespace rectifyd::store {

bool Outbox::enqueue(const NewNotification& n, Instant now) {
  return db_.write([&] {
    SQLite::Statement st(db_.sql(),
                         "INSERT OR IGNORE INTO outbox(idempotency_key, kind, channel, recipient, "
                         "subject, payload, not_before, late, created_at, updated_at) "
                         "VALUES (?,?,?,?,?,?,?,?,?,?)");
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
    return st.exec() == 1;
  });
}

}  // namespace rectifyd::store
