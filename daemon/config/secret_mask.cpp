#include "config/secret_mask.h"

#include <algorithm>
#include <map>
#include <optional>

#include <toml++/toml.h>

namespace rectifyd::config {
namespace {

/// An inline secret's string in the text: its key, where it starts (line, column), and the
/// byte range of its literal, quotes included.
struct InlineSecret {
  std::string key;
  int line = 0;
  int column = 0;
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string value;
};

/// The byte offset of (line, column), the column counted in code points as toml++ counts.
std::optional<std::size_t> offset_of(std::string_view text, int line, int column) {
  std::size_t at = 0;
  for (int l = 1; l < line; ++l) {
    at = text.find('\n', at);
    if (at == std::string_view::npos)
      return std::nullopt;
    ++at;
  }
  for (int c = 1; c < column; ++c) {
    if (at >= text.size() || text[at] == '\n')
      return std::nullopt;
    ++at;
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80)
      ++at;
  }
  return at;
}

/// The end of the TOML string literal starting at `at` (one past its closing quote).
std::optional<std::size_t> literal_end(std::string_view text, std::size_t at) {
  if (at >= text.size() || (text[at] != '"' && text[at] != '\''))
    return std::nullopt;
  const char q = text[at];
  const std::string triple(3, q);
  if (text.substr(at, 3) == triple) {
    std::size_t i = at + 3;
    while (i < text.size()) {
      if (q == '"' && text[i] == '\\') {
        i += 2;
        continue;
      }
      if (text.substr(i, 3) == triple) {
        // Up to two more quotes may end the content: """a"""" is a then ".
        std::size_t e = i + 3;
        while (e < text.size() && e < i + 5 && text[e] == q)
          ++e;
        return e;
      }
      ++i;
    }
    return std::nullopt;
  }
  for (std::size_t i = at + 1; i < text.size() && text[i] != '\n'; ++i) {
    if (q == '"' && text[i] == '\\') {
      ++i;
      continue;
    }
    if (text[i] == q)
      return i + 1;
  }
  return std::nullopt;
}

/// Every secret written as a string in the parsed text, by key.
class Finder {
 public:
  explicit Finder(std::string_view text) : text_(text) {}

  std::vector<InlineSecret> find(const toml::table& root) {
    if (const toml::table* admin = root["admin"].as_table()) {
      one(admin->get("token"), "admin.token");
      one(admin->get("read_only_token"), "admin.read_only_token");
      one(admin->get("tls_private_key"), "admin.tls_private_key");
    }
    if (const toml::array* channels = root["channel"].as_array()) {
      for (std::size_t i = 0; i < channels->size(); ++i) {
        const toml::table* ch = channels->get(i)->as_table();
        if (!ch)
          continue;
        std::string id = "#" + std::to_string(i);
        if (auto v = ch->get_as<std::string>("id"))
          id = v->get();
        const std::string p = "channel." + id + ".";
        one(ch->get("url"), p + "url");
        one(ch->get("secret"), p + "secret");
        one(ch->get("password"), p + "password");
        if (const toml::array* urls = ch->get_as<toml::array>("urls")) {
          for (std::size_t j = 0; j < urls->size(); ++j)
            one(urls->get(j), p + "urls." + std::to_string(j));
        }
      }
    }
    return std::move(found_);
  }

  bool unreadable = false;  ///< a secret's literal was not where the parser said

 private:
  void one(const toml::node* n, std::string key) {
    if (!n || !n->is_string())
      return;
    InlineSecret s;
    s.key = std::move(key);
    s.line = static_cast<int>(n->source().begin.line);
    s.column = static_cast<int>(n->source().begin.column);
    s.value = n->as_string()->get();
    auto b = offset_of(text_, s.line, s.column);
    auto e = b ? literal_end(text_, *b) : std::nullopt;
    if (!e) {
      unreadable = true;
      return;
    }
    s.begin = *b;
    s.end = *e;
    found_.push_back(std::move(s));
  }

  std::string_view text_;
  std::vector<InlineSecret> found_;
};

/// The parsed text, or nullopt with the syntax error in `err`.
std::optional<toml::table> parse(std::string_view text, const std::string& file,
                                 Diagnostic* err = nullptr) {
  try {
    return toml::parse(text, file);
  } catch (const toml::parse_error& e) {
    if (err)
      *err = Diagnostic{file, static_cast<int>(e.source().begin.line),
                        static_cast<int>(e.source().begin.column), std::string(e.description())};
    return std::nullopt;
  }
}

/// `text` with the ranges of `secrets` (in order) replaced by what `with` gives.
template <typename F>
std::string replace(std::string_view text, const std::vector<InlineSecret>& secrets, F with) {
  std::string out;
  std::size_t at = 0;
  for (const auto& s : secrets) {
    out.append(text.substr(at, s.begin - at));
    out += with(s);
    at = s.end;
  }
  out.append(text.substr(at));
  return out;
}

}  // namespace

MaskedText mask_secrets(std::string_view text, const std::string& file) {
  Diagnostic err;
  std::optional<toml::table> parsed = parse(text, file, &err);
  if (!parsed)
    return MaskedText{{}, {err}};
  Finder finder(text);
  std::vector<InlineSecret> secrets = finder.find(*parsed);
  if (finder.unreadable)
    return MaskedText{{}, {Diagnostic{file, 0, 0, "cannot find a secret's value in the text"}}};
  std::sort(secrets.begin(), secrets.end(),
            [](const auto& a, const auto& b) { return a.begin < b.begin; });
  const std::string placeholder = "\"" + std::string(kKeptSecret) + "\"";
  return MaskedText{replace(text, secrets, [&](const InlineSecret&) { return placeholder; }), {}};
}

MaskedText restore_secrets(std::string_view edited, std::string_view current,
                           const std::string& file) {
  std::optional<toml::table> parsed = parse(edited, file);
  if (!parsed)
    return MaskedText{std::string(edited), {}};
  Finder finder(edited);
  std::vector<InlineSecret> kept;
  for (auto& s : finder.find(*parsed)) {
    if (s.value == kKeptSecret)
      kept.push_back(std::move(s));
  }
  if (kept.empty())
    return MaskedText{std::string(edited), {}};

  std::map<std::string, std::string> originals;  // key → its literal in the current file
  if (std::optional<toml::table> before = parse(current, file)) {
    Finder old(current);
    for (const auto& s : old.find(*before))
      originals[s.key] = std::string(current.substr(s.begin, s.end - s.begin));
  }
  MaskedText out;
  for (const auto& s : kept) {
    if (!originals.contains(s.key))
      out.errors.push_back(Diagnostic{
          file, s.line, s.column,
          s.key + ": 原文件中此处没有密钥可保留，请填写密钥或写成 { file = \"…\" }（no secret to "
                  "keep here）"});
  }
  if (!out.ok())
    return out;
  std::sort(kept.begin(), kept.end(),
            [](const auto& a, const auto& b) { return a.begin < b.begin; });
  out.text = replace(edited, kept, [&](const InlineSecret& s) { return originals.at(s.key); });
  return out;
}

}  // namespace rectifyd::config
