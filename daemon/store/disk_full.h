#pragma once
// Telling a full disk apart from other store failures: SQLite says SQLITE_FULL ("database or
// disk is full"), the file system says ENOSPC ("No space left on device"). A full disk is the
// office's to fix, not a bug, so it gets its own answer (HTTP 507, a direct alert).

#include <exception>
#include <string_view>

namespace rectifyd::store {

/// True for SQLite's SQLITE_FULL (any extended code) and for an error text that says so.
bool is_disk_full(const std::exception& e);
bool is_disk_full(std::string_view error_text);

}  // namespace rectifyd::store
