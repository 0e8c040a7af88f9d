#include "papers/paper.h"

namespace rectifyd::papers {

std::string Paragraph::text() const {
  std::string s;
  for (const auto& r : runs)
    s += r.text;
  return s;
}

Paragraph& Paper::para(Style s, std::string text) {
  Paragraph p;
  p.style = s;
  if (!text.empty())
    p.runs.push_back(Run{std::move(text)});
  blocks.emplace_back(std::move(p));
  return std::get<Paragraph>(blocks.back());
}

void Paper::placeholder(Style s, std::string what) {
  para(s).runs.push_back(Run{"【" + what + "】", false, true});
}

std::string paper_text(const Paper& p) {
  std::string out;
  for (const auto& b : p.blocks) {
    if (const auto* para = std::get_if<Paragraph>(&b)) {
      out += para->text();
      out += '\n';
      continue;
    }
    const auto& t = std::get<Table>(b);
    auto line = [&](const std::vector<std::string>& cells) {
      for (std::size_t i = 0; i < cells.size(); ++i)
        out += (i == 0 ? "" : "  ") + cells[i];
      out += '\n';
    };
    line(t.header);
    for (const auto& r : t.rows)
      line(r);
  }
  return out;
}

}  // namespace rectifyd::papers
