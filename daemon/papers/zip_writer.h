#pragma once
// A zip package written whole (an OOXML document is one): parts added in order, compressed with
// deflate by libzip, the file replaced only once everything is written.

#include <deque>
#include <string>
#include <utility>

#include "core/result.h"

namespace rectifyd::papers {

class ZipWriter {
 public:
  /// Adds a part; the first part added is stored first (OOXML readers look for
  /// [Content_Types].xml there).
  void add(std::string name, std::string content);
  /// Writes every part to `path` (through path + ".tmp").
  Status write(const std::string& path) const;

 private:
  std::deque<std::pair<std::string, std::string>> parts_;
};

}  // namespace rectifyd::papers
