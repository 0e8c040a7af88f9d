#pragma once
// The body of an HTML form's POST: application/x-www-form-urlencoded, or multipart/form-data
// (RFC 7578) with files. Bytes in, fields and files out; a malformed body is an error that
// says so, and nothing of it is used.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "store/evidence_store.h"

namespace rectifyd::web {

struct FormData {
  std::map<std::string, std::string, std::less<>> fields;  ///< the last value of each name
  std::vector<store::Upload> files;  ///< every part that had a filename, in order
  /// The field's value, empty when absent.
  std::string_view field(std::string_view name) const;
};

/// `content_type` is the request's Content-Type header.
Result<FormData> parse_form(std::string_view content_type, std::string_view body);

}  // namespace rectifyd::web
