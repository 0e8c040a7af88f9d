#include "engine/intent_writer.h"

#include <boost/json/serialize.hpp>

#include "store/outbox.h"

namespace rectifyd::engine {

std::size_t write_intents(store::Database& db, const std::vector<plan::Intent>& intents,
                          Instant now, const std::function<void(std::size_t)>& after_row) {
  return db.write([&] {
    store::Outbox outbox(db);
    std::size_t added = 0;
    std::size_t rows = 0;
    for (const auto& intent : intents) {
      const std::string payload = boost::json::serialize(to_json(intent.message));
      for (const auto& channel : intent.channels) {
        store::NewNotification n{plan::idempotency_key(intent, channel),
                                 intent.message.kind,
                                 channel,
                                 intent.recipient,
                                 intent.message.subject,
                                 payload,
                                 intent.not_before,
                                 intent.message.late};
        if (outbox.enqueue(n, now))
          ++added;
        if (after_row)
          after_row(++rows);
      }
    }
    return added;
  });
}

}  // namespace rectifyd::engine
