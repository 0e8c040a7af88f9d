#pragma once
// A server's TLS certificate chain and private key, as PEM text: whether they make a pair a
// TLS listener can use. Checked when the configuration is read, so that a wrong file is an
// error at its line instead of a listener that does not start.

#include <string_view>

#include "core/result.h"

namespace rectifyd {

/// The chain holds at least one certificate, the key is a private key, and the key belongs to
/// the first certificate. The error says which of the three failed (it never quotes the key).
Status check_tls_pair(std::string_view chain_pem, std::string_view key_pem);

}  // namespace rectifyd
