#include "store/disk_full.h"

#include <sqlite3.h>

#include <SQLiteCpp/Exception.h>

namespace rectifyd::store {

bool is_disk_full(const std::exception& e) {
  if (const auto* s = dynamic_cast<const SQLite::Exception*>(&e)) {
    if ((s->getErrorCode() & 0xff) == SQLITE_FULL ||
        (s->getExtendedErrorCode() & 0xff) == SQLITE_FULL)
      return true;
  }
  return is_disk_full(std::string_view(e.what()));
}

bool is_disk_full(std::string_view text) {
  return text.find("database or disk is full") != std::string_view::npos ||
         text.find("No space left on device") != std::string_view::npos;
}

}  // namespace rectifyd::store
