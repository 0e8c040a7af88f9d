#include "web/form_tokens.h"

#include <sodium.h>

#include <cstdint>

namespace rectifyd::web {
namespace {

std::string to_hex(const unsigned char* p, std::size_t n) {
  std::string out(2 * n + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), p, n);
  out.pop_back();
  return out;
}

}  // namespace

FormTokens::FormTokens(const Clock& clock, std::chrono::seconds lifetime)
    : clock_(clock), lifetime_(lifetime) {
  randombytes_buf(key_, sizeof key_);
}

std::string FormTokens::mac(std::string_view page, std::string_view stamp_and_nonce) const {
  crypto_auth_hmacsha256_state st;
  crypto_auth_hmacsha256_init(&st, key_, sizeof key_);
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(page.data()),
                                page.size());
  const unsigned char sep = 0;
  crypto_auth_hmacsha256_update(&st, &sep, 1);
  crypto_auth_hmacsha256_update(&st, reinterpret_cast<const unsigned char*>(stamp_and_nonce.data()),
                                stamp_and_nonce.size());
  unsigned char out[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&st, out);
  return to_hex(out, sizeof out);
}

std::string FormTokens::make(std::string_view page) {
  unsigned char nonce[16];
  randombytes_buf(nonce, sizeof nonce);
  const auto now = clock_.now().time_since_epoch().count();
  std::string head = std::to_string(now) + "." + to_hex(nonce, sizeof nonce);
  return head + "." + mac(page, head);
}

FormTokens::Check FormTokens::spend(std::string_view page, std::string_view token) {
  const auto last = token.rfind('.');
  const auto first = token.find('.');
  if (first == std::string_view::npos || last == first || token.size() > 200)
    return Check::invalid;
  const std::string_view head = token.substr(0, last);
  const std::string expected = mac(page, head);
  const std::string_view given = token.substr(last + 1);
  if (given.size() != expected.size() ||
      sodium_memcmp(given.data(), expected.data(), expected.size()) != 0)
    return Check::invalid;
  std::int64_t made = 0;
  for (char c : token.substr(0, first)) {
    if (c < '0' || c > '9')
      return Check::invalid;
    made = made * 10 + (c - '0');
  }
  const Instant now = clock_.now();
  const Instant made_at{std::chrono::seconds(made)};
  if (made_at > now || now - made_at > lifetime_)
    return Check::expired;
  // Forget what has expired anyway, then spend this one.
  for (auto it = spent_.begin(); it != spent_.end();)
    it = it->second <= now ? spent_.erase(it) : std::next(it);
  const std::string nonce(token.substr(first + 1, last - first - 1));
  if (!spent_.emplace(nonce, made_at + lifetime_).second)
    return Check::used;
  return Check::ok;
}

}  // namespace rectifyd::web
