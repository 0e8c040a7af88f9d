#pragma once
// The encodings an office's text files come in. Excel on a Chinese Windows saves "CSV" in
// GB18030 (GBK), not UTF-8: a file that is not valid UTF-8 but reads whole as GB18030 is
// converted (with glibc's iconv). A file that is neither is refused, naming where its first
// unreadable byte stands as a CSV row and column.

#include <string>
#include <string_view>

#include "core/result.h"

namespace rectifyd::ledger_io {

enum class TextEncoding { utf8, gb18030 };

/// "UTF-8", "GB18030".
std::string_view to_string(TextEncoding e);

struct DecodedText {
  std::string text;  ///< UTF-8
  TextEncoding encoding = TextEncoding::utf8;
};

/// UTF-8 text as it is (a byte order mark kept for the reader to skip), GB18030 converted.
/// The error: "ledger.csv: row 3, column 2 (line 3, character 5): the file is neither UTF-8 nor
/// GB18030 (byte 0xff); save it as \"CSV UTF-8\"".
Result<DecodedText> decode_csv_text(std::string_view bytes, const std::string& source);

}  // namespace rectifyd::ledger_io
