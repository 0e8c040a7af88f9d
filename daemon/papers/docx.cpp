#include "papers/docx.h"

#include <fstream>
#include <sstream>

#include <unistd.h>

#include "core/markup.h"
#include "papers/zip_writer.h"

namespace rectifyd::papers {
namespace {

constexpr std::string_view kW = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr std::string_view kR =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

// GB/T 9704-2012 in twentieths of a point (1 mm = 56.7 twips).
constexpr int kPageWidth = 11906;                                    // 210 mm
constexpr int kPageHeight = 16838;                                   // 297 mm
constexpr int kMarginTop = 2098;                                     // 37 mm
constexpr int kMarginBottom = 1985;                                  // 35 mm
constexpr int kMarginLeft = 1588;                                    // 28 mm
constexpr int kMarginRight = 1474;                                   // 26 mm
constexpr int kTextWidth = kPageWidth - kMarginLeft - kMarginRight;  // 156 mm
// 225 mm of text height in 22 lines: one line every 10.23 mm.
constexpr int kLinePitch = 579;
// 156 mm in 28 characters is 15.79 pt a character against 16 pt type: the grid narrows each
// character by 0.207 pt, written in 1/4096 pt.
constexpr int kCharSpace = -849;

const char* style_id(Style s) {
  switch (s) {
    case Style::title:
      return "Title";
    case Style::subtitle:
      return "Subtitle";
    case Style::heading1:
      return "Heading1";
    case Style::heading2:
      return "Heading2";
    case Style::body:
      break;
  }
  return "Normal";
}

void run_xml(std::string& out, const Run& r) {
  out += "<w:r>";
  if (r.bold || r.placeholder) {
    out += "<w:rPr>";
    if (r.bold)
      out += "<w:b/>";
    if (r.placeholder)
      out += "<w:highlight w:val=\"yellow\"/>";
    out += "</w:rPr>";
  }
  out += "<w:t xml:space=\"preserve\">";
  out += markup_escape(r.text);
  out += "</w:t></w:r>";
}

void paragraph_xml(std::string& out, const Paragraph& p) {
  out += "<w:p>";
  if (p.style != Style::body) {
    out += "<w:pPr><w:pStyle w:val=\"";
    out += style_id(p.style);
    out += "\"/></w:pPr>";
  }
  for (const auto& r : p.runs)
    run_xml(out, r);
  out += "</w:p>";
}

void cell_xml(std::string& out, const std::string& text, int width, bool header) {
  out += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/></w:tcPr>";
  out += "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr>";
  run_xml(out, Run{text, header, false});
  out += "</w:p></w:tc>";
}

void table_xml(std::string& out, const Table& t) {
  const std::size_t cols = std::max<std::size_t>(t.header.size(), 1);
  const int width = kTextWidth / static_cast<int>(cols);
  out += "<w:tbl><w:tblPr><w:tblStyle w:val=\"PaperTable\"/><w:tblW w:w=\"" +
         std::to_string(kTextWidth) + "\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>";
  out += "<w:tblBorders>";
  for (const char* side : {"top", "left", "bottom", "right", "insideH", "insideV"})
    out += std::string("<w:") + side +
           " w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>";
  out += "</w:tblBorders></w:tblPr><w:tblGrid>";
  for (std::size_t c = 0; c < cols; ++c)
    out += "<w:gridCol w:w=\"" + std::to_string(width) + "\"/>";
  out += "</w:tblGrid>";
  // The header row repeats on every page the table runs over.
  out += "<w:tr><w:trPr><w:tblHeader/></w:trPr>";
  for (const auto& h : t.header)
    cell_xml(out, h, width, true);
  out += "</w:tr>";
  for (const auto& row : t.rows) {
    out += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
    for (std::size_t c = 0; c < cols; ++c)
      cell_xml(out, c < row.size() ? row[c] : std::string(), width, false);
    out += "</w:tr>";
  }
  out += "</w:tbl>";
  // Word wants a paragraph between a table and what follows.
  out += "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr></w:p>";
}

std::string content_types() {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>)";
}

std::string package_rels() {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>)";
}

std::string document_rels() {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable" Target="fontTable.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/></Relationships>)";
}

/// rFonts for Chinese text in `east_asia`, Latin and digits in Times New Roman.
std::string fonts(std::string_view east_asia) {
  return "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"" +
         std::string(east_asia) + "\" w:cs=\"Times New Roman\"/>";
}

std::string styles() {
  const std::string line = "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"" +
                           std::to_string(kLinePitch) + "\" w:lineRule=\"exact\"/>";
  auto style = [&](const char* id, const char* name, const std::string& ppr,
                   const std::string& rpr) {
    return std::string("<w:style w:type=\"paragraph\" w:styleId=\"") + id + "\"><w:name w:val=\"" +
           name + "\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr>" +
           ppr + "</w:pPr><w:rPr>" + rpr + "</w:rPr></w:style>";
  };
  std::string s =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w=")" +
      std::string(kW) + R"("><w:docDefaults><w:rPrDefault><w:rPr>)" + fonts("仿宋_GB2312") +
      R"(<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>)" +
      line + R"(</w:pPr></w:pPrDefault></w:docDefaults>)";
  // Normal: the body, justified, the first line indented two characters.
  s +=
      R"(<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/><w:ind w:firstLineChars="200" w:firstLine="640"/>)" +
      line + "</w:pPr><w:rPr>" + fonts("仿宋_GB2312") +
      R"(<w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr></w:style>)";
  s += style("Title", "Title",
             "<w:jc w:val=\"center\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:spacing "
             "w:before=\"0\" w:after=\"" +
                 std::to_string(kLinePitch) + "\" w:line=\"700\" w:lineRule=\"exact\"/>",
             fonts("方正小标宋简体") + "<w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/>");
  s += style("Subtitle", "Subtitle",
             "<w:jc w:val=\"center\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/>",
             fonts("楷体_GB2312"));
  s += style("Heading1", "heading 1", "<w:keepNext/><w:outlineLvl w:val=\"0\"/>", fonts("黑体"));
  s += style("Heading2", "heading 2", "<w:keepNext/><w:outlineLvl w:val=\"1\"/>",
             fonts("楷体_GB2312"));
  s += style("TableText", "Table Text",
             "<w:jc w:val=\"center\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:spacing "
             "w:before=\"0\" w:after=\"0\" w:line=\"360\" w:lineRule=\"exact\"/>",
             fonts("仿宋_GB2312") + "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>");
  s +=
      R"(<w:style w:type="table" w:styleId="PaperTable"><w:name w:val="Paper Table"/><w:tblPr><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>)";
  s += "</w:styles>";
  return s;
}

std::string font_table() {
  // Each official font with the one Word and WPS use where it is not installed.
  std::string s = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w=")" +
                  std::string(kW) + "\">";
  for (auto [name, alt] : {std::pair{"方正小标宋简体", "宋体"},
                           {"仿宋_GB2312", "仿宋"},
                           {"楷体_GB2312", "楷体"},
                           {"黑体", "SimHei"},
                           {"宋体", "SimSun"}}) {
    s += std::string("<w:font w:name=\"") + name + "\"><w:altName w:val=\"" + alt +
         "\"/><w:charset w:val=\"86\"/><w:family w:val=\"auto\"/><w:pitch "
         "w:val=\"variable\"/></w:font>";
  }
  s +=
      R"(<w:font w:name="Times New Roman"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>)";
  return s;
}

std::string footer() {
  // 4号 半角宋体 page numbers: "— 1 —".
  const std::string rpr =
      "<w:rPr><w:rFonts w:ascii=\"宋体\" w:hAnsi=\"宋体\" w:eastAsia=\"宋体\"/><w:sz "
      "w:val=\"28\"/></w:rPr>";
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:ftr xmlns:w=")" +
         std::string(kW) +
         R"("><w:p><w:pPr><w:jc w:val="center"/><w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr><w:r>)" +
         rpr + R"(<w:t xml:space="preserve">— </w:t></w:r><w:r>)" + rpr +
         R"(<w:fldChar w:fldCharType="begin"/></w:r><w:r>)" + rpr +
         R"(<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r>)" + rpr +
         R"(<w:fldChar w:fldCharType="separate"/></w:r><w:r>)" + rpr +
         R"(<w:t>1</w:t></w:r><w:r>)" + rpr + R"(<w:fldChar w:fldCharType="end"/></w:r><w:r>)" +
         rpr + R"(<w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>)";
}

std::string core(const Paper& p) {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>)" +
         markup_escape(p.title) +
         "</dc:title><dc:creator>rectifyd</dc:creator></cp:coreProperties>";
}

ZipWriter package(const Paper& paper) {
  ZipWriter z;
  z.add("[Content_Types].xml", content_types());
  z.add("_rels/.rels", package_rels());
  z.add("word/document.xml", docx_document_xml(paper));
  z.add("word/_rels/document.xml.rels", document_rels());
  z.add("word/styles.xml", styles());
  z.add("word/fontTable.xml", font_table());
  z.add("word/footer1.xml", footer());
  z.add("docProps/core.xml", core(paper));
  return z;
}

}  // namespace

std::string docx_document_xml(const Paper& paper) {
  std::string out = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w=")" +
                    std::string(kW) + "\" xmlns:r=\"" + std::string(kR) + "\"><w:body>";
  for (const auto& b : paper.blocks) {
    if (const auto* p = std::get_if<Paragraph>(&b))
      paragraph_xml(out, *p);
    else
      table_xml(out, std::get<Table>(b));
  }
  out += "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId3\"/><w:pgSz w:w=\"" +
         std::to_string(kPageWidth) + "\" w:h=\"" + std::to_string(kPageHeight) +
         "\"/><w:pgMar w:top=\"" + std::to_string(kMarginTop) + "\" w:right=\"" +
         std::to_string(kMarginRight) + "\" w:bottom=\"" + std::to_string(kMarginBottom) +
         "\" w:left=\"" + std::to_string(kMarginLeft) +
         "\" w:header=\"851\" w:footer=\"1247\" w:gutter=\"0\"/><w:docGrid "
         "w:type=\"linesAndChars\" w:linePitch=\"" +
         std::to_string(kLinePitch) + "\" w:charSpace=\"" + std::to_string(kCharSpace) +
         "\"/></w:sectPr></w:body></w:document>";
  return out;
}

Status write_docx(const Paper& paper, const std::string& path) {
  return package(paper).write(path);
}

Result<std::string> docx_bytes(const Paper& paper, const std::string& scratch_dir) {
  std::string path = scratch_dir + "/rectifyd-paper-XXXXXX";
  const int fd = ::mkstemp(path.data());
  if (fd < 0)
    return Error{"无法创建临时文件（cannot create a file in " + scratch_dir + "）"};
  ::close(fd);
  auto st = write_docx(paper, path);
  if (!st) {
    ::unlink(path.c_str());
    return st.error();
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  ::unlink(path.c_str());
  return s.str();
}

}  // namespace rectifyd::papers
