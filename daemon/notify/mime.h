#pragma once
// An email as bytes (RFC 5322 + MIME): headers with RFC 2047 encoded UTF-8 words, a stable
// Message-ID, and a multipart/alternative body (text/plain, text/html and, for meetings,
// text/calendar). Pure: no I/O, no clock; the caller passes the date.

#include <string>
#include <string_view>
#include <vector>

#include "core/message.h"
#include "core/model.h"

namespace rectifyd::notify::mime {

/// Header lines are folded to stay within this many characters (RFC 5322's SHOULD).
inline constexpr std::size_t kHeaderLine = 78;
/// RFC 2047: an encoded-word is at most 75 characters.
inline constexpr std::size_t kMaxEncodedWord = 75;

/// `text` as RFC 2047 "=?UTF-8?B?…?=" words, each at most `max_len` characters (at most 75),
/// each holding whole UTF-8 characters, so every word decodes on its own. `first_max_len`
/// limits the first word (the room left on a header's first line). Empty text: no words.
std::vector<std::string> encoded_words(std::string_view text,
                                       std::size_t first_max_len = kMaxEncodedWord,
                                       std::size_t max_len = kMaxEncodedWord);

/// A whole header field, "Name: value\r\n", folded at kHeaderLine. Text that is printable
/// ASCII is written as is; anything else becomes encoded-words. Line breaks and other
/// control characters in `text` become spaces (no header injection).
std::string unstructured_header(std::string_view name, std::string_view text);

/// An address header (From, To, Cc): each mailbox "display name <address>" with the name
/// encoded when it is not plain ASCII words, mailboxes separated by ",", folded.
std::string address_header(std::string_view name, const std::vector<Addressee>& mailboxes);

/// True for a bare addr-spec we may put in a header and an SMTP envelope: local@domain,
/// printable ASCII, no spaces, angle brackets, quotes, commas or control characters.
bool valid_address(std::string_view address);

/// RFC 5322 date-time in UTC: "Tue, 01 Dec 2026 01:00:00 +0000".
std::string rfc5322_date(Instant t);

/// "<sha256(key) in hex, 32 digits@domain of from_address>": the same for every send of one
/// outbox row, so a receiver (or a person) can see a re-sent message is the same message.
std::string message_id(std::string_view idempotency_key, std::string_view from_address);

/// Base64 in lines of 76 characters, each ending with CRLF (RFC 2045).
std::string base64_lines(std::string_view bytes);

/// A short HTML document for a message: the subject as heading, the text with its line
/// breaks, and the items as a table with their red/yellow/green light.
std::string html_body(const Message& m);

/// One alternative of a multipart/alternative body. `content_type` is complete
/// ("text/plain; charset=UTF-8"); `text` is UTF-8 with '\n' or CRLF line ends.
struct Part {
  std::string content_type;
  std::string text;
};

/// A file after the body (multipart/mixed), named for any mail client: RFC 2231 filename*
/// (UTF-8, percent-encoded, continued over folded lines) and an encoded-word name.
struct FilePart {
  std::string filename;
  std::string content_type;  ///< without parameters, e.g. "application/pdf"
  std::string bytes;
};

struct Mail {
  Addressee from;
  std::vector<Addressee> to;
  std::string subject;
  Instant date{};
  std::string message_id;  ///< with its angle brackets
  /// Extra header lines, "Name: value" without CRLF, ASCII (e.g. Auto-Submitted).
  std::vector<std::string> extra_headers;
  /// In order of increasing preference: plain text, HTML, calendar.
  std::vector<Part> alternatives;
  std::vector<FilePart> files;
};

/// The whole message with CRLF line ends. Every part is base64-encoded, so no body line is
/// long and the boundary (derived from the Message-ID) can never occur inside a part.
std::string render(const Mail& mail);

/// The headers that name and carry one file part (Content-Type with name, Content-Disposition
/// with filename*, Content-Transfer-Encoding), each line ending in CRLF, then the empty line.
std::string file_part_headers(const FilePart& file);

}  // namespace rectifyd::notify::mime
