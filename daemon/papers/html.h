#pragma once
// A Paper as one printable HTML page: A4 with the official margins (@page), the same fonts as
// the Word document with the fallbacks a browser finds (仿宋, FangSong, STFangsong, serif), no
// script and nothing fetched from outside.

#include <string>

#include "papers/paper.h"

namespace rectifyd::papers {

std::string paper_html(const Paper& paper);

}  // namespace rectifyd::papers
