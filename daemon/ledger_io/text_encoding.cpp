#include "ledger_io/text_encoding.h"

#include <iconv.h>

#include <cerrno>
#include <cstdio>
#include <optional>

#include "ledger_io/utf8.h"

namespace rectifyd::ledger_io {
namespace {

/// Converts GB18030 to UTF-8; on failure, the offset of the first byte that cannot be read.
struct Gb18030 {
  std::string out;
  std::optional<std::size_t> bad_at;
};

Gb18030 from_gb18030(std::string_view in) {
  Gb18030 r;
  iconv_t cd = iconv_open("UTF-8", "GB18030");
  if (cd == reinterpret_cast<iconv_t>(-1)) {
    r.bad_at = 0;
    return r;
  }
  r.out.resize(in.size() * 2 + 16);
  char* src = const_cast<char*>(in.data());
  std::size_t src_left = in.size();
  std::size_t done = 0;
  while (src_left > 0) {
    char* dst = r.out.data() + done;
    std::size_t dst_left = r.out.size() - done;
    const std::size_t rc = iconv(cd, &src, &src_left, &dst, &dst_left);
    done = r.out.size() - dst_left;
    if (rc != static_cast<std::size_t>(-1))
      break;
    if (errno == E2BIG) {
      r.out.resize(r.out.size() * 2);
      continue;
    }
    // EILSEQ: an invalid sequence; EINVAL: the input ends inside a character.
    r.bad_at = static_cast<std::size_t>(src - in.data());
    break;
  }
  iconv_close(cd);
  r.out.resize(done);
  return r;
}

/// Where byte `at` stands as a spreadsheet shows it: the CSV record and field (quotes
/// respected), and the line and character.
std::string place(std::string_view text, std::size_t at) {
  std::size_t row = 1, column = 1, line = 1, line_start = 0;
  bool quoted = false;
  for (std::size_t i = 0; i < at && i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      quoted = !quoted;
    } else if (c == '\n') {
      ++line;
      line_start = i + 1;
      if (!quoted) {
        ++row;
        column = 1;
      }
    } else if (c == ',' && !quoted) {
      ++column;
    }
  }
  // Characters are counted in the valid UTF-8 before the bad byte.
  const std::string_view before = text.substr(line_start, at - line_start);
  std::size_t chars = 1;
  for (unsigned char c : before) {
    if ((c & 0xC0) != 0x80)
      ++chars;
  }
  return "row " + std::to_string(row) + ", column " + std::to_string(column) + " (line " +
         std::to_string(line) + ", character " + std::to_string(chars) + ")";
}

}  // namespace

std::string_view to_string(TextEncoding e) {
  return e == TextEncoding::gb18030 ? "GB18030" : "UTF-8";
}

Result<DecodedText> decode_csv_text(std::string_view bytes, const std::string& source) {
  const auto bad_utf8 = invalid_utf8_at(bytes);
  if (!bad_utf8)
    return DecodedText{std::string(bytes), TextEncoding::utf8};
  auto gb = from_gb18030(bytes);
  if (!gb.bad_at)
    return DecodedText{std::move(gb.out), TextEncoding::gb18030};
  // Neither: the reading that got further is the one the file was most likely meant in, so
  // its stopping place is the byte to look at.
  const std::size_t at = std::max(*bad_utf8, *gb.bad_at);
  char hex[8];
  std::snprintf(hex, sizeof hex, "0x%02x", static_cast<unsigned char>(bytes[at]));
  return Error{source + ": " + place(bytes, at) +
               ": the file is neither UTF-8 nor GB18030 (GBK) (byte " + hex +
               "); save it as \"CSV UTF-8\" or as CSV from Excel"};
}

}  // namespace rectifyd::ledger_io
