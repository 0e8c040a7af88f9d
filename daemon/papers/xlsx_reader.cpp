#include "papers/xlsx_reader.h"

#include <cstring>
#include <functional>
#include <map>
#include <optional>

#include <expat.h>
#include <zip.h>

namespace rectifyd::papers {
namespace {

constexpr std::string_view kMainNs = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view kRelNs =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr std::string_view kPackageRelNs =
    "http://schemas.openxmlformats.org/package/2006/relationships";
constexpr char kNsSep = '|';

/// An element or attribute name split at the namespace separator.
struct Name {
  std::string_view ns;
  std::string_view local;
};

Name split(const XML_Char* raw) {
  std::string_view s(raw);
  auto bar = s.find(kNsSep);
  if (bar == std::string_view::npos)
    return {{}, s};
  return {s.substr(0, bar), s.substr(bar + 1)};
}

std::string_view attr(const XML_Char** atts, std::string_view ns, std::string_view local) {
  for (std::size_t i = 0; atts[i] != nullptr; i += 2) {
    Name n = split(atts[i]);
    if (n.local == local && n.ns == ns)
      return atts[i + 1];
  }
  return {};
}

/// SAX callbacks as std::functions; the parser is fed the part in chunks.
class Sax {
 public:
  std::function<void(Name, const XML_Char**)> start;
  std::function<void(Name)> end;
  std::function<void(std::string_view)> text;

  Sax() : p_(XML_ParserCreateNS(nullptr, kNsSep)) {
    XML_SetUserData(p_, this);
    XML_SetElementHandler(
        p_,
        [](void* self, const XML_Char* name, const XML_Char** atts) {
          auto* s = static_cast<Sax*>(self);
          if (s->start)
            s->start(split(name), atts);
        },
        [](void* self, const XML_Char* name) {
          auto* s = static_cast<Sax*>(self);
          if (s->end)
            s->end(split(name));
        });
    XML_SetCharacterDataHandler(p_, [](void* self, const XML_Char* t, int len) {
      auto* s = static_cast<Sax*>(self);
      if (s->text)
        s->text(std::string_view(t, static_cast<std::size_t>(len)));
    });
  }
  ~Sax() { XML_ParserFree(p_); }
  Sax(const Sax&) = delete;
  Sax& operator=(const Sax&) = delete;

  /// Feeds a chunk; an error text names the line and column.
  std::optional<std::string> feed(const char* data, std::size_t n, bool last) {
    if (XML_Parse(p_, data, static_cast<int>(n), last ? 1 : 0) != XML_STATUS_OK) {
      return std::to_string(XML_GetCurrentLineNumber(p_)) + ":" +
             std::to_string(XML_GetCurrentColumnNumber(p_) + 1) + ": " +
             XML_ErrorString(XML_GetErrorCode(p_));
    }
    return std::nullopt;
  }

  /// Where the parser is in the part, as line:column.
  std::string position() const {
    return std::to_string(XML_GetCurrentLineNumber(p_)) + ":" +
           std::to_string(XML_GetCurrentColumnNumber(p_) + 1);
  }

 private:
  XML_Parser p_;
};

}  // namespace

struct XlsxWorkbook::Impl {
  std::string source;
  zip_t* zip = nullptr;
  std::map<std::string, std::string, std::less<>> sheet_parts;  ///< name → part path
  std::vector<std::string> shared;
  bool shared_loaded = false;

  ~Impl() {
    if (zip != nullptr)
      zip_discard(zip);
  }

  Error fail(const std::string& what) const { return Error{source + ": " + what}; }

  bool has(const std::string& part) const { return zip_name_locate(zip, part.c_str(), 0) >= 0; }

  /// Streams one part of the package through the SAX handlers.
  Status parse(const std::string& part, Sax& sax) {
    zip_file_t* f = zip_fopen(zip, part.c_str(), 0);
    if (f == nullptr)
      return fail("the workbook has no part " + part + "; is this an .xlsx file?");
    std::vector<char> buf(1 << 16);
    for (;;) {
      const zip_int64_t n = zip_fread(f, buf.data(), buf.size());
      if (n < 0) {
        std::string why = zip_error_strerror(zip_file_get_error(f));
        zip_fclose(f);
        return fail("cannot read " + part + " (" + why + ")");
      }
      if (auto e = sax.feed(buf.data(), static_cast<std::size_t>(n), n == 0)) {
        zip_fclose(f);
        return fail(part + ":" + *e);
      }
      if (n == 0)
        break;
    }
    zip_fclose(f);
    return ok_status();
  }

  Status load_shared() {
    if (shared_loaded)
      return ok_status();
    shared_loaded = true;
    const std::string part = "xl/sharedStrings.xml";
    if (!has(part))
      return ok_status();
    Sax sax;
    // <si> holds <t> or rich runs <r><t>; <rPh> (phonetic guides) is not part of the text.
    int in_t = 0;
    int in_rph = 0;
    sax.start = [&](Name n, const XML_Char**) {
      if (n.ns != kMainNs)
        return;
      if (n.local == "si")
        shared.emplace_back();
      else if (n.local == "rPh")
        ++in_rph;
      else if (n.local == "t")
        ++in_t;
    };
    sax.end = [&](Name n) {
      if (n.ns != kMainNs)
        return;
      if (n.local == "rPh")
        --in_rph;
      else if (n.local == "t")
        --in_t;
    };
    sax.text = [&](std::string_view t) {
      if (in_t > 0 && in_rph == 0 && !shared.empty())
        shared.back() += t;
    };
    return parse(part, sax);
  }
};

XlsxWorkbook::XlsxWorkbook(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XlsxWorkbook::~XlsxWorkbook() = default;

Result<std::unique_ptr<XlsxWorkbook>> XlsxWorkbook::open(std::string_view bytes,
                                                         std::string source) {
  auto impl = std::make_unique<Impl>();
  impl->source = std::move(source);
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  if (src != nullptr)
    impl->zip = zip_open_from_source(src, ZIP_RDONLY, &err);
  if (impl->zip == nullptr) {
    std::string why = zip_error_strerror(&err);
    zip_error_fini(&err);
    if (src != nullptr)
      zip_source_free(src);
    return impl->fail("not an Excel workbook (.xlsx) (" + why +
                      "); save it in Excel or WPS as \"Excel 工作簿 (*.xlsx)\"");
  }
  zip_error_fini(&err);

  // xl/workbook.xml names the sheets and their relationship ids; the relationships give the
  // parts. Targets are relative to xl/ unless they start with '/'.
  std::map<std::string, std::string> targets;
  {
    Sax sax;
    sax.start = [&](Name n, const XML_Char** atts) {
      if (n.ns == kPackageRelNs && n.local == "Relationship")
        targets.emplace(std::string(attr(atts, {}, "Id")), std::string(attr(atts, {}, "Target")));
    };
    if (auto st = impl->parse("xl/_rels/workbook.xml.rels", sax); !st)
      return st.error();
  }
  std::vector<std::string> names;
  {
    Sax sax;
    std::string failure;
    sax.start = [&](Name n, const XML_Char** atts) {
      if (n.ns != kMainNs || n.local != "sheet")
        return;
      std::string name(attr(atts, {}, "name"));
      std::string id(attr(atts, kRelNs, "id"));
      auto t = targets.find(id);
      if (t == targets.end()) {
        failure = "sheet '" + name + "' has no part in xl/_rels/workbook.xml.rels";
        return;
      }
      std::string part = t->second;
      part = part.starts_with("/") ? part.substr(1) : "xl/" + part;
      impl->sheet_parts.emplace(name, part);
      names.push_back(name);
    };
    if (auto st = impl->parse("xl/workbook.xml", sax); !st)
      return st.error();
    if (!failure.empty())
      return impl->fail(failure);
  }
  auto wb = std::unique_ptr<XlsxWorkbook>(new XlsxWorkbook(std::move(impl)));
  wb->names_ = std::move(names);
  return wb;
}

Result<std::vector<XlsxRow>> XlsxWorkbook::read_sheet(std::string_view name) {
  auto it = impl_->sheet_parts.find(name);
  if (it == impl_->sheet_parts.end())
    return impl_->fail("no sheet named '" + std::string(name) + "'");
  if (auto st = impl_->load_shared(); !st)
    return st.error();

  std::vector<XlsxRow> rows;
  std::string failure;
  XlsxCell cell;
  std::string type;
  std::size_t column = 0;
  std::size_t next_column = 0;
  std::size_t next_row = 1;
  bool in_value = false;  // <v>, or <t> inside <is>
  bool in_inline = false;
  std::string value;
  Sax sax;
  sax.start = [&](Name n, const XML_Char** atts) {
    if (n.ns != kMainNs)
      return;
    if (n.local == "row") {
      XlsxRow r;
      std::string_view ref = attr(atts, {}, "r");
      r.row = ref.empty()
                  ? next_row
                  : static_cast<std::size_t>(std::strtoul(std::string(ref).c_str(), nullptr, 10));
      next_row = r.row + 1;
      next_column = 0;
      rows.push_back(std::move(r));
    } else if (n.local == "c") {
      std::string_view ref = attr(atts, {}, "r");
      column = ref.empty() ? next_column : column_of_reference(ref);
      if (column == std::string_view::npos)
        column = next_column;
      next_column = column + 1;
      type = std::string(attr(atts, {}, "t"));
      value.clear();
      cell = XlsxCell{};
    } else if (n.local == "v") {
      in_value = true;
    } else if (n.local == "is") {
      in_inline = true;
    } else if (n.local == "t" && in_inline) {
      in_value = true;
    } else if (n.local == "rPh") {
      in_inline = false;  // phonetic text inside an inline string is not the cell's text
    }
  };
  sax.text = [&](std::string_view t) {
    if (in_value)
      value += t;
  };
  sax.end = [&](Name n) {
    if (n.ns != kMainNs)
      return;
    if (n.local == "v" || n.local == "t") {
      in_value = false;
    } else if (n.local == "is") {
      in_inline = false;
    } else if (n.local == "c") {
      if (type == "s") {
        const auto index = std::strtoul(value.c_str(), nullptr, 10);
        if (value.empty() || index >= impl_->shared.size()) {
          if (failure.empty()) {
            failure = sax.position() + ": sheet " + std::string(name) + ", cell " +
                      column_letters(column) +
                      (rows.empty() ? std::string() : std::to_string(rows.back().row)) +
                      ": the cell refers to shared string " + value + ", which does not exist";
          }
          return;
        }
        cell.type = XlsxCell::Type::text;
        cell.value = impl_->shared[index];
      } else if (type == "inlineStr" || type == "str") {
        cell.type = XlsxCell::Type::text;
        cell.value = std::move(value);
      } else if (type == "b") {
        cell.type = XlsxCell::Type::boolean;
        cell.value = std::move(value);
      } else if (type == "e") {
        cell.type = XlsxCell::Type::error;
        cell.value = std::move(value);
      } else if (!value.empty()) {
        cell.type = XlsxCell::Type::number;
        cell.value = std::move(value);
      }
      if (cell.type == XlsxCell::Type::empty || rows.empty())
        return;
      auto& cells = rows.back().cells;
      if (cells.size() <= column)
        cells.resize(column + 1);
      cells[column] = std::move(cell);
    }
  };
  if (auto st = impl_->parse(it->second, sax); !st)
    return st.error();
  if (!failure.empty())
    return impl_->fail(it->second + ":" + failure);
  std::erase_if(rows, [](const XlsxRow& r) { return r.cells.empty(); });
  return rows;
}

std::size_t column_of_reference(std::string_view ref) {
  std::size_t col = 0;
  std::size_t letters = 0;
  for (char c : ref) {
    if (c >= 'A' && c <= 'Z') {
      col = col * 26 + static_cast<std::size_t>(c - 'A' + 1);
      ++letters;
    } else {
      break;
    }
  }
  if (letters == 0 || letters > 3)
    return std::string_view::npos;
  return col - 1;
}

std::string column_letters(std::size_t column) {
  std::string s;
  ++column;
  while (column > 0) {
    const auto rem = (column - 1) % 26;
    s.insert(s.begin(), static_cast<char>('A' + rem));
    column = (column - 1) / 26;
  }
  return s;
}

}  // namespace rectifyd::papers
