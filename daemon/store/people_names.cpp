#include "store/people_names.h"

#include <SQLiteCpp/Statement.h>

namespace rectifyd::store {

std::vector<std::string> people_names(Database& db) {
  std::vector<std::string> names;
  SQLite::Statement q(db.sql(), "SELECT name FROM people");
  while (q.executeStep())
    names.push_back(q.getColumn(0).getString());
  return names;
}

}  // namespace rectifyd::store
