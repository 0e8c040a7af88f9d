#include "notify/mime.h"

#include <algorithm>
#include <cstdio>

#include <openssl/evp.h>

#include "core/markup.h"
#include "notify/signing.h"

namespace rectifyd::notify::mime {
namespace {

/// Fewer characters cannot hold "=?UTF-8?B?" "?=" and one four-byte character.
constexpr std::size_t kMinEncodedWord = 20;

bool is_atext(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
    return true;
  return std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
}

bool printable_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
}

/// Control characters (line breaks included) become spaces, and runs of spaces one space.
std::string clean_header_text(std::string_view text) {
  std::string out;
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    char x = (u < 0x20 || u == 0x7f) ? ' ' : c;
    if (x == ' ' && (out.empty() || out.back() == ' '))
      continue;
    out += x;
  }
  while (!out.empty() && out.back() == ' ')
    out.pop_back();
  return out;
}

std::vector<std::string> split_spaces(std::string_view s) {
  std::vector<std::string> out;
  std::size_t i = 0;
  while (i < s.size()) {
    auto j = s.find(' ', i);
    if (j == std::string_view::npos)
      j = s.size();
    if (j > i)
      out.emplace_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

/// Builds one header field token by token, folding before a token that would pass
/// kHeaderLine (never right after the field name).
class Field {
 public:
  explicit Field(std::string_view name) : out_(std::string(name) + ":"), col_(out_.size()) {}

  /// Room for a token that follows a space on the current line.
  std::size_t room() const { return col_ + 1 >= kHeaderLine ? 0 : kHeaderLine - col_ - 1; }
  /// Starts a new line when the current one has a token and cannot take `width` more.
  void fold_if_needed(std::size_t width) {
    if (tokens_ > 0 && width > room()) {
      out_ += "\r\n";
      col_ = 0;
      tokens_ = 0;
    }
  }
  void token(std::string_view t) {
    fold_if_needed(t.size());
    out_ += ' ';
    out_ += t;
    col_ += 1 + t.size();
    ++tokens_;
  }
  /// Text that must follow the previous token directly (a comma).
  void glue(std::string_view t) {
    out_ += t;
    col_ += t.size();
  }
  void words(std::string_view text) {
    if (printable_ascii(text) && text.find("=?") == std::string_view::npos) {
      for (const auto& w : split_spaces(text))
        token(w);
      return;
    }
    fold_if_needed(kMinEncodedWord + 4);
    for (auto& w : encoded_words(text, std::min(room(), kMaxEncodedWord), kHeaderLine - 1))
      token(w);
  }
  std::string finish() && { return std::move(out_) + "\r\n"; }

 private:
  std::string out_;
  std::size_t col_ = 0;
  int tokens_ = 0;
};

std::string crlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 40);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r')
      continue;
    if (text[i] == '\n')
      out += "\r\n";
    else
      out += text[i];
  }
  return out;
}

std::string sha256_hex(std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 0xF];
  }
  return out;
}

const char* light_colour(const std::string& colour) {
  if (colour == "red")
    return "#d93025";
  if (colour == "yellow")
    return "#e8a200";
  if (colour == "green")
    return "#188038";
  return "#80868b";
}

const char* light_name(const std::string& colour) {
  if (colour == "red")
    return "红灯";
  if (colour == "yellow")
    return "黄灯";
  if (colour == "green")
    return "绿灯";
  return "";
}

}  // namespace

std::vector<std::string> encoded_words(std::string_view text, std::size_t first_max_len,
                                       std::size_t max_len) {
  auto payload = [](std::size_t len) {
    len = std::clamp(len, kMinEncodedWord, kMaxEncodedWord);
    return (len - 12) / 4 * 3;  // bytes whose base64 fits between "=?UTF-8?B?" and "?="
  };
  std::vector<std::string> words;
  std::size_t limit = payload(first_max_len);
  std::size_t start = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t n = 1;
    while (i + n < text.size() && (static_cast<unsigned char>(text[i + n]) & 0xC0) == 0x80)
      ++n;
    if (i + n - start > limit && i > start) {
      words.push_back("=?UTF-8?B?" + base64_encode(text.substr(start, i - start)) + "?=");
      start = i;
      limit = payload(max_len);
    }
    i += n;
  }
  if (i > start)
    words.push_back("=?UTF-8?B?" + base64_encode(text.substr(start, i - start)) + "?=");
  return words;
}

std::string unstructured_header(std::string_view name, std::string_view text) {
  Field f(name);
  f.words(clean_header_text(text));
  return std::move(f).finish();
}

std::string address_header(std::string_view name, const std::vector<Addressee>& mailboxes) {
  Field f(name);
  bool first = true;
  for (const auto& m : mailboxes) {
    if (!first)
      f.glue(",");
    first = false;
    auto display = clean_header_text(m.name);
    if (display.empty()) {
      f.token(m.email);
      continue;
    }
    bool plain =
        std::all_of(display.begin(), display.end(), [](char c) { return c == ' ' || is_atext(c); });
    if (plain) {
      for (const auto& w : split_spaces(display))
        f.token(w);
    } else {
      // An encoded-word may not stand inside a quoted string; as a phrase it is fine.
      f.fold_if_needed(kMinEncodedWord + 4);
      for (auto& w : encoded_words(display, std::min(f.room(), kMaxEncodedWord), kHeaderLine - 1))
        f.token(w);
    }
    f.token("<" + m.email + ">");
  }
  return std::move(f).finish();
}

bool valid_address(std::string_view address) {
  auto at = address.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= address.size() ||
      address.rfind('@') != at)
    return false;
  if (address.size() > 254)
    return false;
  for (char c : address) {
    if (c <= 0x20 || c >= 0x7f)
      return false;
    if (std::string_view("<>()[]\\,;:\"").find(c) != std::string_view::npos)
      return false;
  }
  auto domain = address.substr(at + 1);
  return domain.front() != '.' && domain.back() != '.';
}

std::string rfc5322_date(Instant t) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  auto dp = date::floor<date::days>(t);
  date::year_month_day ymd{dp};
  date::weekday wd{dp};
  date::hh_mm_ss hms{t - dp};
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d +0000", kDays[wd.c_encoding()],
                static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                static_cast<int>(ymd.year()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return buf;
}

std::string message_id(std::string_view idempotency_key, std::string_view from_address) {
  std::string domain = "rectifyd.invalid";
  if (auto at = from_address.rfind('@');
      at != std::string_view::npos && at + 1 < from_address.size())
    domain = std::string(from_address.substr(at + 1));
  std::transform(domain.begin(), domain.end(), domain.begin(), [](unsigned char c) {
    return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  });
  return "<" + sha256_hex(idempotency_key).substr(0, 32) + "@" + domain + ">";
}

std::string base64_lines(std::string_view bytes) {
  auto b64 = base64_encode(bytes);
  std::string out;
  out.reserve(b64.size() + b64.size() / 76 * 2 + 2);
  for (std::size_t i = 0; i < b64.size(); i += 76) {
    out.append(b64, i, 76);
    out += "\r\n";
  }
  return out;
}

std::string html_body(const Message& m) {
  std::string h;
  h += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"UTF-8\">\n<title>";
  h += markup_escape(m.subject);
  h += "</title>\n</head>\n";
  h += "<body style=\"font-family:'PingFang SC','Microsoft YaHei',sans-serif;font-size:14px;"
       "line-height:1.7;color:#202124;max-width:720px\">\n";
  if (m.late)
    h += "<p style=\"color:#b3261e;font-weight:bold\">【补发】本消息因服务中断晚于计划发送。</p>\n";
  h += "<h2 style=\"font-size:18px;margin:0 0 12px\">" + markup_escape(m.subject) + "</h2>\n";
  std::string_view text = m.text;
  // The subject usually opens the text; it is already the heading.
  if (!m.subject.empty() && text.starts_with(m.subject)) {
    text.remove_prefix(m.subject.size());
    while (!text.empty() && (text.front() == '\n' || text.front() == '\r'))
      text.remove_prefix(1);
  }
  h += "<div style=\"white-space:pre-wrap\">" + markup_escape(text) + "</div>\n";
  if (!m.items.empty()) {
    const char* th = "style=\"text-align:left;border-bottom:2px solid #dadce0;padding:4px 8px\"";
    const char* td = "style=\"border-bottom:1px solid #e8eaed;padding:4px 8px;vertical-align:top\"";
    h += "<table style=\"border-collapse:collapse;margin-top:16px;font-size:13px\">\n<tr>";
    for (const char* col : {"状态", "事项", "整改措施", "责任人", "时限", "说明"})
      h += std::string("<th ") + th + ">" + col + "</th>";
    h += "</tr>\n";
    for (const auto& it : m.items) {
      h += "<tr><td ";
      h += td;
      h += "><span style=\"color:";
      h += light_colour(it.colour);
      h += "\">●</span> ";
      h += light_name(it.colour);
      h += "</td>";
      for (const std::string* v : {&it.label, &it.text, &it.owner, &it.due, &it.note})
        h += std::string("<td ") + td + ">" + markup_escape(*v) + "</td>";
      h += "</tr>\n";
    }
    h += "</table>\n";
  }
  h += "</body>\n</html>\n";
  return h;
}

std::string file_part_headers(const FilePart& file) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  // RFC 2231: filename*0*=UTF-8''%E6%95%B4…; filename*1*=…, each piece on its own folded line.
  std::vector<std::string> pieces(1);
  for (unsigned char c : file.filename) {
    std::string enc;
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '_' || c == '.') {
      enc = static_cast<char>(c);
    } else {
      enc = {'%', kHex[c >> 4], kHex[c & 15]};
    }
    if (pieces.back().size() + enc.size() > 54)
      pieces.emplace_back();
    pieces.back() += enc;
  }
  std::string disposition = "Content-Disposition: attachment";
  for (std::size_t i = 0; i < pieces.size(); ++i) {
    disposition +=
        ";\r\n filename*" + std::to_string(i) + "*=" + (i == 0 ? "UTF-8''" : "") + pieces[i];
  }
  std::string name;
  for (const auto& w : encoded_words(file.filename, 60, 60))
    name += (name.empty() ? "" : "\r\n ") + w;
  return "Content-Type: " + file.content_type + ";\r\n name=\"" + name + "\"\r\n" + disposition +
         "\r\nContent-Transfer-Encoding: base64\r\n\r\n";
}

std::string render(const Mail& mail) {
  std::string out;
  out += "Date: " + rfc5322_date(mail.date) + "\r\n";
  out += address_header("From", {mail.from});
  out += address_header("To", mail.to);
  out += unstructured_header("Subject", mail.subject);
  out += "Message-ID: " + mail.message_id + "\r\n";
  out += "MIME-Version: 1.0\r\n";
  for (const auto& h : mail.extra_headers)
    out += clean_header_text(h) + "\r\n";
  auto part_headers = [](const Part& p) {
    return "Content-Type: " + p.content_type + "\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  };
  std::string id = mail.message_id;
  std::erase_if(id, [](char c) { return !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')); });
  const std::string boundary = "=_rectifyd_" + id.substr(0, 24);
  // The body: one part, or the alternatives; with files, the first part of a multipart/mixed.
  std::string body;
  if (mail.alternatives.size() == 1) {
    body += part_headers(mail.alternatives.front());
    body += base64_lines(crlf(mail.alternatives.front().text));
  } else {
    body += "Content-Type: multipart/alternative;\r\n boundary=\"" + boundary + "\"\r\n\r\n";
    body += "This is a MIME message.\r\n";
    for (const auto& p : mail.alternatives) {
      body += "\r\n--" + boundary + "\r\n";
      body += part_headers(p);
      body += base64_lines(crlf(p.text));
    }
    body += "\r\n--" + boundary + "--\r\n";
  }
  if (mail.files.empty())
    return out + body;
  const std::string mixed = boundary + "_mixed";
  out += "Content-Type: multipart/mixed;\r\n boundary=\"" + mixed + "\"\r\n\r\n";
  out += "This is a MIME message.\r\n";
  out += "\r\n--" + mixed + "\r\n" + body;
  for (const auto& f : mail.files) {
    out += "\r\n--" + mixed + "\r\n";
    out += file_part_headers(f);
    out += base64_lines(f.bytes);
  }
  out += "\r\n--" + mixed + "--\r\n";
  return out;
}

}  // namespace rectifyd::notify::mime
