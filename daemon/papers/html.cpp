#include "papers/html.h"

#include "core/markup.h"
#include "papers/docx.h"

namespace rectifyd::papers {
namespace {

constexpr std::string_view kStyle = R"(
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "仿宋_GB2312", "仿宋", "FangSong", "STFangsong", serif; font-size: 16pt;
       line-height: 28.9pt; margin: 0 auto; max-width: 156mm; color: #000; }
h1 { font-family: "方正小标宋简体", "小标宋", "华文中宋", "宋体", "SimSun", serif;
     font-size: 22pt; font-weight: normal; text-align: center; line-height: 1.4; margin: 0 0 28.9pt; }
h2 { font-family: "黑体", "SimHei", sans-serif; font-size: 16pt; font-weight: normal;
     margin: 0; text-indent: 2em; }
h3 { font-family: "楷体_GB2312", "楷体", "KaiTi", serif; font-size: 16pt; font-weight: normal;
     margin: 0; text-indent: 2em; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.subtitle { font-family: "楷体_GB2312", "楷体", "KaiTi", serif; text-align: center; text-indent: 0; }
mark { background: #ffe699; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 12pt; font-size: 12pt;
        line-height: 1.5; page-break-inside: auto; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
th, td { border: 1px solid #000; padding: 2pt 4pt; text-align: center; }
th { font-weight: bold; }
)";

std::string runs(const Paragraph& p) {
  std::string out;
  for (const auto& r : p.runs) {
    std::string t = markup_escape(r.text);
    if (r.placeholder)
      t = "<mark>" + t + "</mark>";
    if (r.bold)
      t = "<b>" + t + "</b>";
    out += t;
  }
  return out;
}

}  // namespace

std::string paper_html(const Paper& paper) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>" +
                    markup_escape(paper.title) + "</title><style>" + std::string(kStyle) +
                    "</style></head><body>\n";
  for (const auto& b : paper.blocks) {
    if (const auto* p = std::get_if<Paragraph>(&b)) {
      switch (p->style) {
        case Style::title:
          out += "<h1>" + runs(*p) + "</h1>\n";
          break;
        case Style::subtitle:
          out += "<p class=\"subtitle\">" + runs(*p) + "</p>\n";
          break;
        case Style::heading1:
          out += "<h2>" + runs(*p) + "</h2>\n";
          break;
        case Style::heading2:
          out += "<h3>" + runs(*p) + "</h3>\n";
          break;
        case Style::body:
          out += "<p>" + runs(*p) + "</p>\n";
          break;
      }
      continue;
    }
    const auto& t = std::get<Table>(b);
    out += "<table><thead><tr>";
    for (const auto& h : t.header)
      out += "<th>" + markup_escape(h) + "</th>";
    out += "</tr></thead><tbody>\n";
    for (const auto& row : t.rows) {
      out += "<tr>";
      for (const auto& c : row)
        out += "<td>" + markup_escape(c) + "</td>";
      out += "</tr>\n";
    }
    out += "</tbody></table>\n";
  }
  out += "</body></html>\n";
  return out;
}

}  // namespace rectifyd::papers
