#include "web/form_data.h"

#include <cctype>
#include <optional>

#include "core/percent_decode.h"

namespace rectifyd::web {
namespace {

Error malformed(std::string what) {
  return Error{"表单内容有误（" + std::move(what) + "），请刷新页面后重新提交", ErrorKind::invalid,
               "body"};
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

/// The value of a parameter of a header value: boundary=…, name="…", filename="…".
std::optional<std::string> parameter(std::string_view header, std::string_view name) {
  std::size_t pos = 0;
  while (pos < header.size()) {
    auto semi = header.find(';', pos);
    if (semi == std::string_view::npos)
      return std::nullopt;
    pos = semi + 1;
    while (pos < header.size() && header[pos] == ' ')
      ++pos;
    auto eq = header.find('=', pos);
    if (eq == std::string_view::npos)
      return std::nullopt;
    if (lower(header.substr(pos, eq - pos)) != name)
      continue;
    std::size_t v = eq + 1;
    if (v < header.size() && header[v] == '"') {
      // Browsers write a quote in a name as %22 and keep backslashes as they are (a name
      // from Windows may carry its folders with them): no escapes inside the quotes.
      const auto close = header.find('"', v + 1);
      return std::string(
          header.substr(v + 1, close == std::string_view::npos ? close : close - v - 1));
    }
    auto end = header.find(';', v);
    return std::string(header.substr(v, end == std::string_view::npos ? end : end - v));
  }
  return std::nullopt;
}

Result<FormData> parse_urlencoded(std::string_view body) {
  FormData f;
  while (!body.empty()) {
    auto amp = body.find('&');
    std::string_view pair = body.substr(0, amp);
    auto eq = pair.find('=');
    auto k = percent_decode(pair.substr(0, eq), true);
    auto v = percent_decode(eq == std::string_view::npos ? "" : pair.substr(eq + 1), true);
    if (!k || !v)
      return malformed("编码错误");
    if (!k->empty())
      f.fields[*k] = *v;
    if (amp == std::string_view::npos)
      break;
    body.remove_prefix(amp + 1);
  }
  return f;
}

Result<FormData> parse_multipart(std::string_view boundary, std::string_view body) {
  if (boundary.empty() || boundary.size() > 70)
    return malformed("分隔符无效");
  const std::string delim = "--" + std::string(boundary);
  FormData f;
  auto pos = body.find(delim);
  if (pos == std::string_view::npos)
    return malformed("缺少分隔符");
  pos += delim.size();
  while (true) {
    if (body.substr(pos, 2) == "--")
      return f;  // the closing delimiter
    if (body.substr(pos, 2) != "\r\n")
      return malformed("分隔符后缺少换行");
    pos += 2;
    const auto head_end = body.find("\r\n\r\n", pos);
    if (head_end == std::string_view::npos)
      return malformed("分段缺少头部");
    std::string_view head = body.substr(pos, head_end - pos);
    const auto data_start = head_end + 4;
    const auto next = body.find("\r\n" + delim, data_start);
    if (next == std::string_view::npos)
      return malformed("分段没有结束");
    std::string_view data = body.substr(data_start, next - data_start);

    std::optional<std::string> name, filename;
    while (!head.empty()) {
      auto eol = head.find("\r\n");
      std::string_view line = head.substr(0, eol);
      auto colon = line.find(':');
      if (colon != std::string_view::npos &&
          lower(line.substr(0, colon)) == "content-disposition") {
        std::string_view value = line.substr(colon + 1);
        name = parameter(value, "name");
        filename = parameter(value, "filename");
      }
      if (eol == std::string_view::npos)
        break;
      head.remove_prefix(eol + 2);
    }
    if (!name)
      return malformed("分段缺少名称");
    if (filename)
      f.files.push_back(store::Upload{*filename, std::string(data)});
    else
      f.fields[*name] = std::string(data);
    pos = next + 2 + delim.size();
  }
}

}  // namespace

std::string_view FormData::field(std::string_view name) const {
  auto it = fields.find(name);
  return it == fields.end() ? std::string_view() : std::string_view(it->second);
}

Result<FormData> parse_form(std::string_view content_type, std::string_view body) {
  const std::string type = lower(content_type.substr(0, content_type.find(';')));
  if (type == "application/x-www-form-urlencoded")
    return parse_urlencoded(body);
  if (type == "multipart/form-data") {
    auto b = parameter(content_type, "boundary");
    if (!b)
      return malformed("缺少 boundary");
    return parse_multipart(*b, body);
  }
  return malformed("不是表单");
}

}  // namespace rectifyd::web
