#pragma once
// The per-page form token of the owners' pages: a page shown (GET, which writes nothing) carries
// a token made for that page's link; the POST of any form on it must bring it back, and each
// token is accepted once. A token is a random nonce, the time it was made and an HMAC-SHA-256
// over both and the page, keyed by a secret this process draws at start; so a token is not
// stored anywhere until it is spent, a forged one or one from another person's page fails its
// check, and a replayed one is refused. Tokens live `lifetime`; a restart retires them all
// (the owner reloads the page).

#include <chrono>
#include <map>
#include <string>
#include <string_view>

#include "time/clock.h"

namespace rectifyd::web {

class FormTokens {
 public:
  explicit FormTokens(const Clock& clock, std::chrono::seconds lifetime = std::chrono::hours(4));

  /// A token for a page; `page` names it (the link key).
  std::string make(std::string_view page);

  enum class Check { ok, invalid, expired, used };
  /// Checks the token against the page and spends it when it is good.
  Check spend(std::string_view page, std::string_view token);

 private:
  std::string mac(std::string_view page, std::string_view stamp_and_nonce) const;

  const Clock& clock_;
  std::chrono::seconds lifetime_;
  unsigned char key_[32];
  std::map<std::string, Instant, std::less<>> spent_;  ///< nonce → when it expires
};

}  // namespace rectifyd::web
