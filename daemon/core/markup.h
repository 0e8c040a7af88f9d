#pragma once
// Text placed in HTML or XML (a page, a mail's HTML part, a Word document's parts).

#include <string>
#include <string_view>

namespace rectifyd {

/// Text for an element or an attribute value: &, <, >, " and ' as character references, and
/// the control characters XML 1.0 has no place for (all below U+0020 but tab, LF and CR)
/// left out.
std::string markup_escape(std::string_view text);

}  // namespace rectifyd
