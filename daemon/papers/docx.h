#pragma once
// A Paper as a Word document (.docx), laid out as an official document (GB/T 9704-2012): A4,
// margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right (a 156 mm × 225 mm text area), a
// grid of 22 lines of 28 characters, the body in 3号 (16 pt) 仿宋_GB2312, the title in 2号
// 方正小标宋简体, headings in 黑体 and 楷体_GB2312, each font with a fallback that every Chinese
// Windows has (仿宋, 宋体, 楷体), and the page number centred at the foot ("— 1 —").
//
// No Debian library writes .docx from C++: the parts are written here, as few and as plain as
// the format allows ([Content_Types].xml, the relationships, document, styles, font table,
// footer and core properties), and zipped with libzip.

#include <string>

#include "core/result.h"
#include "papers/paper.h"

namespace rectifyd::papers {

/// The word/document.xml part (for tests and benchmarks that look at it without unzipping).
std::string docx_document_xml(const Paper& paper);

/// Writes the whole package to `path` (replaced whole).
Status write_docx(const Paper& paper, const std::string& path);

/// The package's bytes, for a download.
Result<std::string> docx_bytes(const Paper& paper, const std::string& scratch_dir);

}  // namespace rectifyd::papers
