#include "admin/auth.h"

#include <array>

#include <openssl/crypto.h>
#include <openssl/evp.h>

namespace rectifyd::admin {
namespace {

using Digest = std::array<unsigned char, 32>;

Digest sha256(std::string_view s) {
  Digest d{};
  unsigned int len = 0;
  EVP_Digest(s.data(), s.size(), d.data(), &len, EVP_sha256(), nullptr);
  return d;
}

bool token_matches(const config::Secret& configured, std::string_view presented) {
  // Evaluated even for an unset token, so the time taken does not tell which tokens exist.
  const bool equal = constant_time_equal(configured.value, presented);
  return equal && !configured.empty();
}

}  // namespace

bool constant_time_equal(std::string_view a, std::string_view b) {
  // Hashing first gives equal-length inputs, so neither length nor content leaks through
  // timing.
  const Digest da = sha256(a);
  const Digest db = sha256(b);
  return CRYPTO_memcmp(da.data(), db.data(), da.size()) == 0;
}

Caller authenticate(const config::AdminConfig& admin, std::string_view authorization) {
  constexpr std::string_view kBearer = "Bearer ";
  if (authorization.size() <= kBearer.size())
    return {};
  // The scheme is case-insensitive (RFC 9110 §11.1).
  for (std::size_t i = 0; i < kBearer.size(); ++i) {
    char c = authorization[i];
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
    char want = kBearer[i];
    if (want >= 'A' && want <= 'Z')
      want = static_cast<char>(want - 'A' + 'a');
    if (c != want)
      return {};
  }
  std::string_view token = authorization.substr(kBearer.size());
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t'))
    token.remove_suffix(1);
  const bool rw = token_matches(admin.token, token);
  const bool ro = token_matches(admin.read_only_token, token);
  if (rw)
    return Caller{Access::read_write, "admin", false};
  if (ro)
    return Caller{Access::read_only, "read-only", false};
  return {};
}

bool is_write_method(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

}  // namespace rectifyd::admin
