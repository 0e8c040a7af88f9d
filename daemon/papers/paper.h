#pragma once
// A paper as the office reads it, before any file format: a title, headings, paragraphs (with
// places marked for the office's own words) and tables. docx.h writes it as Word, html.h as a
// printable page, and paper_text() as the plain text of the seed's own format.

#include <string>
#include <variant>
#include <vector>

namespace rectifyd::papers {

enum class Style {
  title,     ///< 2号 方正小标宋, centred
  subtitle,  ///< 3号 楷体, centred (the issuing office and date of a 通报)
  heading1,  ///< 一、… 3号 黑体
  heading2,  ///< （一）… 3号 楷体
  body,      ///< 3号 仿宋, first line indented two characters
};

struct Run {
  std::string text;
  bool bold = false;
  /// A place for the office's own words: highlighted, in 【】, to be replaced.
  bool placeholder = false;
};

struct Paragraph {
  Style style = Style::body;
  std::vector<Run> runs;
  /// The whole text, placeholders included.
  std::string text() const;
};

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

using Block = std::variant<Paragraph, Table>;

struct Paper {
  std::string title;  ///< the document's title property
  std::vector<Block> blocks;

  Paragraph& para(Style s, std::string text = {});
  /// A paragraph that is only a marked place.
  void placeholder(Style s, std::string what);
  void table(Table t) { blocks.emplace_back(std::move(t)); }
};

/// One line per paragraph; a table as lines of cells separated by two spaces.
std::string paper_text(const Paper& p);

}  // namespace rectifyd::papers
