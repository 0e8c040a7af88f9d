// The owner page's form bodies (application/x-www-form-urlencoded and multipart/form-data
// with files). The input's first line is the Content-Type header, the rest the body. Any
// bytes give fields and files or a refusal of kind "invalid input" that names the body; an
// accepted form, written again the way a browser writes it, reads back the same.

#include <cctype>
#include <cstdint>
#include <string>

#include "fuzz_check.h"
#include "web/form_data.h"

using namespace rectifyd;

namespace {

std::string percent_encode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) != 0 || c == '-' || c == '_' || c == '.' || c == '*') {
      out += static_cast<char>(c);
    } else if (c == ' ') {
      out += '+';
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

/// Whether a name can stand inside the quotes of a Content-Disposition parameter unchanged.
bool quotable(std::string_view s) {
  return s.find_first_of("\";\r\n") == std::string_view::npos;
}

void require_same(const web::FormData& a, const web::FormData& b) {
  fuzz::require(a.fields == b.fields, "a form written again has the same fields");
  fuzz::require(a.files.size() == b.files.size(), "a form written again has the same files");
  for (std::size_t i = 0; i < a.files.size(); ++i) {
    fuzz::require(
        a.files[i].file_name == b.files[i].file_name && a.files[i].content == b.files[i].content,
        "a form written again has the same files");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input = fuzz::as_text(data, size);
  const auto eol = input.find('\n');
  const std::string_view type = input.substr(0, eol);
  const std::string_view body =
      eol == std::string_view::npos ? std::string_view() : input.substr(eol + 1);

  auto form = web::parse_form(type, body);
  if (!form) {
    fuzz::require(form.error().kind == ErrorKind::invalid, "a bad form is invalid input",
                  form.error().message);
    fuzz::require(form.error().location == "body", "a bad form's error names the body",
                  form.error().message);
    fuzz::require(form.error().message.starts_with("表单内容有误"),
                  "a bad form's message says so in Chinese", form.error().message);
    return 0;
  }
  std::string lowered(type.substr(0, type.find(';')));
  for (auto& c : lowered)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const bool urlencoded = lowered == "application/x-www-form-urlencoded";
  std::size_t bytes = 0;
  for (const auto& [k, v] : form->fields) {
    fuzz::require(!urlencoded || !k.empty(), "a urlencoded field has a name");
    bytes += k.size() + v.size();
  }
  for (const auto& f : form->files)
    bytes += f.content.size();
  fuzz::require(bytes <= body.size(), "a form holds no more than its body");

  if (urlencoded) {
    std::string again;
    for (const auto& [k, v] : form->fields)
      again += (again.empty() ? "" : "&") + percent_encode(k) + "=" + percent_encode(v);
    auto reread = web::parse_form(type, again);
    fuzz::require(bool(reread), "a form written again is read", again);
    require_same(*form, *reread);
    return 0;
  }

  // multipart: written again with a boundary of its own, each part as a browser writes it.
  bool plain = true;
  for (const auto& [k, v] : form->fields)
    plain = plain && quotable(k);
  for (const auto& f : form->files)
    plain = plain && quotable(f.file_name);
  if (!plain)
    return 0;
  const std::string boundary = "----rectifydFuzzBoundary7MA4YWxkTrZu0gW";
  std::string again;
  auto part = [&](const std::string& head, std::string_view content) {
    again += "--" + boundary + "\r\nContent-Disposition: form-data; " + head + "\r\n\r\n";
    again += content;
    again += "\r\n";
  };
  for (const auto& [k, v] : form->fields)
    part("name=\"" + k + "\"", v);
  for (const auto& f : form->files)
    part("name=\"evidence\"; filename=\"" + f.file_name + "\"", f.content);
  again += "--" + boundary + "--\r\n";
  for (const auto& [k, v] : form->fields) {
    if (v.find("\r\n--" + boundary) != std::string::npos)
      return 0;
  }
  for (const auto& f : form->files) {
    if (f.content.find("\r\n--" + boundary) != std::string::npos)
      return 0;
  }
  auto reread = web::parse_form("multipart/form-data; boundary=" + boundary, again);
  fuzz::require(bool(reread), "a form written again is read", again);
  require_same(*form, *reread);
  return 0;
}
