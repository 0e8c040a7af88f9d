#pragma once
// The owner's personal page as HTML: server-rendered, Chinese, mobile first, with no script, so
// it works in the browsers inside WeCom, DingTalk and Feishu and in a mail client's. Every form
// POSTs to the page's own address with the page's form token; the page shows what it is given
// and nothing here reads or writes the store.

#include <optional>
#include <string>
#include <vector>

#include "core/model.h"
#include "office/owner_reports.h"

namespace rectifyd::web {

struct OwnerPage {
  std::string person;     ///< the owner's name
  std::string unit;       ///< the unit's office, whom to ask
  std::string base_path;  ///< "/o/<token>": the forms post below it
  std::string form_token;
  LocalDate today{};
  std::vector<office::OwnerItem> items;
  std::string notice;     ///< a success line ("进度已提交")
  Id notice_measure = 0;  ///< shown at this item (0 or not listed: at the top)
  /// A refusal of the last submission, shown at its item.
  struct Problem {
    Id measure = 0;
    std::string message;
  };
  std::optional<Problem> problem;
};

std::string owner_page_html(const OwnerPage& p);

/// The one page for a link that is wrong, expired or revoked: it says the link no longer
/// works and whom to ask, and is the same whichever it was.
std::string invalid_link_html(const std::string& unit);

/// A short page with a title and one paragraph (too many requests, a form that is spent).
std::string plain_page_html(const std::string& title, const std::string& text,
                            const std::string& back_path = "");

/// The Content-Security-Policy of these pages: nothing but their own inline style (by hash)
/// and forms posting to themselves.
std::string owner_page_csp();

}  // namespace rectifyd::web
