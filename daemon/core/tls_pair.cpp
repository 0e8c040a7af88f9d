#include "core/tls_pair.h"

#include <memory>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

namespace rectifyd {
namespace {

struct BioFree {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct X509Free {
  void operator()(X509* x) const { X509_free(x); }
};
struct KeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};

std::unique_ptr<BIO, BioFree> memory_bio(std::string_view text) {
  return std::unique_ptr<BIO, BioFree>(BIO_new_mem_buf(text.data(), static_cast<int>(text.size())));
}

}  // namespace

Status check_tls_pair(std::string_view chain_pem, std::string_view key_pem) {
  auto chain = memory_bio(chain_pem);
  std::unique_ptr<X509, X509Free> cert(PEM_read_bio_X509(chain.get(), nullptr, nullptr, nullptr));
  if (!cert) {
    ERR_clear_error();
    return Error{"no PEM certificate in the file (-----BEGIN CERTIFICATE-----)"};
  }
  auto key_bio = memory_bio(key_pem);
  // No passphrase callback: a key encrypted with a passphrase cannot be read unattended.
  auto no_passphrase = [](char*, int, int, void*) { return 0; };
  std::unique_ptr<EVP_PKEY, KeyFree> key(
      PEM_read_bio_PrivateKey(key_bio.get(), nullptr, no_passphrase, nullptr));
  if (!key) {
    ERR_clear_error();
    return Error{
        "no unencrypted PEM private key in the file (-----BEGIN PRIVATE KEY----- or "
        "-----BEGIN RSA/EC PRIVATE KEY-----)"};
  }
  if (X509_check_private_key(cert.get(), key.get()) != 1) {
    ERR_clear_error();
    return Error{"the private key does not belong to the certificate"};
  }
  return ok_status();
}

}  // namespace rectifyd
