#pragma once
// Reads the cells of an .xlsx workbook (Office Open XML, as Excel, WPS and LibreOffice save it):
// the package through libzip, the workbook, relationships, shared strings and sheet XML through
// expat, each sheet streamed. Values only: no styles, no formulas (a formula cell gives its
// cached value).

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace rectifyd::papers {

struct XlsxCell {
  enum class Type { empty, text, number, boolean, error };
  Type type = Type::empty;
  std::string value;  ///< the text, or the number as written ("45000", "12.5")
};

struct XlsxRow {
  std::size_t row = 0;          ///< 1-based, as the sheet numbers it
  std::vector<XlsxCell> cells;  ///< by column from A; trailing empty cells may be absent
};

class XlsxWorkbook {
 public:
  /// Opens workbook bytes, which must stay alive while the workbook is used. `source` names
  /// the file in errors.
  static Result<std::unique_ptr<XlsxWorkbook>> open(std::string_view bytes, std::string source);
  ~XlsxWorkbook();
  XlsxWorkbook(const XlsxWorkbook&) = delete;
  XlsxWorkbook& operator=(const XlsxWorkbook&) = delete;

  /// In workbook order.
  const std::vector<std::string>& sheet_names() const { return names_; }
  /// Every row that has a cell, in order. An error names the part and its line and column.
  Result<std::vector<XlsxRow>> read_sheet(std::string_view name);

 private:
  struct Impl;
  explicit XlsxWorkbook(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  std::vector<std::string> names_;
};

/// "A" → 0, "AB" → 27 from a cell reference such as "AB12"; npos when it has no letters.
std::size_t column_of_reference(std::string_view ref);
/// 0 → "A", 27 → "AB".
std::string column_letters(std::size_t column);

}  // namespace rectifyd::papers
