#pragma once
// The schema, as numbered steps. Step N brings a database from user_version N-1 to N.
// A released step is never edited: a change is a new step appended at the end.

#include <span>
#include <string_view>

namespace rectifyd::store {

struct Migration {
  int version;
  std::string_view sql;
};

std::span<const Migration> migrations();
int latest_schema_version();

}  // namespace rectifyd::store
