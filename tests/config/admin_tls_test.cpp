// TLS on the admin listener as the configuration states it: a certificate file and its private
// key (a secret), both or neither, checked to be a pair when the file is read.

#include <cstdlib>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "config/config_diff.h"
#include "config/config_load.h"
#include "temp_dir.h"

namespace rectifyd::config {
namespace {

using rectifyd::testing::read_file;
using rectifyd::testing::TempDir;
using ::testing::HasSubstr;

/// A self-signed certificate and its key, made by Debian's openssl: NAME-cert.pem, NAME-key.pem.
void make_pair(const TempDir& dir, const std::string& name) {
  const std::string cmd =
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 "
      "-subj /CN=" +
      name + " -keyout '" + dir.file(name + "-key.pem") + "' -out '" +
      dir.file(name + "-cert.pem") + "' 2>/dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
}

std::string admin(const TempDir& dir, const std::string& cert, const std::string& key,
                  const std::string& listen = "0.0.0.0:8443") {
  std::string t = "[admin]\nlisten = \"" + listen + "\"\n";
  if (!cert.empty())
    t += "tls_certificate = \"" + dir.file(cert) + "\"\n";
  if (!key.empty())
    t += "tls_private_key = { file = \"" + dir.file(key) + "\" }\n";
  return t;
}

TEST(AdminTls, AMatchingPairIsTakenAndTheKeyIsNeverShown) {
  TempDir dir;
  make_pair(dir, "a");
  auto r = load_config_text(admin(dir, "a-cert.pem", "a-key.pem"), "rectifyd.toml");
  ASSERT_TRUE(r.ok()) << r.error_text();
  EXPECT_TRUE(r.config->admin.tls());
  EXPECT_EQ(r.config->admin.tls_certificate, dir.file("a-cert.pem"));
  EXPECT_THAT(r.config->admin.tls_private_key.value, HasSubstr("PRIVATE KEY"));
  const std::string shown = redacted_toml(*r.config);
  EXPECT_THAT(shown, HasSubstr("tls_certificate"));
  EXPECT_THAT(shown, HasSubstr("tls_private_key"));
  EXPECT_EQ(shown.find("PRIVATE KEY"), std::string::npos) << shown;
  EXPECT_EQ(shown.find(read_file(dir.file("a-key.pem")).substr(40, 30)), std::string::npos);

  auto plain = load_config_text("[admin]\nlisten = \"127.0.0.1:8377\"\n", "rectifyd.toml");
  ASSERT_TRUE(plain.ok());
  EXPECT_FALSE(plain.config->admin.tls());
}

TEST(AdminTls, AWrongPairOrHalfAPairIsAnErrorAtItsLine) {
  TempDir dir;
  make_pair(dir, "a");
  make_pair(dir, "b");
  dir.write("notes.txt", "这不是证书\n");

  auto mismatch = load_config_text(admin(dir, "a-cert.pem", "b-key.pem"), "rectifyd.toml");
  ASSERT_FALSE(mismatch.ok());
  EXPECT_THAT(mismatch.error_text(),
              HasSubstr("rectifyd.toml:4:19: admin.tls_private_key: the private key does not "
                        "belong to the certificate"));
  EXPECT_EQ(mismatch.error_text().find("PRIVATE KEY"), std::string::npos);

  auto only_cert = load_config_text(admin(dir, "a-cert.pem", ""), "rectifyd.toml");
  ASSERT_FALSE(only_cert.ok());
  EXPECT_THAT(only_cert.error_text(),
              HasSubstr("rectifyd.toml:3:19: admin.tls_certificate: TLS needs both "
                        "admin.tls_certificate and admin.tls_private_key"));

  auto not_cert = load_config_text(admin(dir, "notes.txt", "a-key.pem"), "rectifyd.toml");
  ASSERT_FALSE(not_cert.ok());
  EXPECT_THAT(not_cert.error_text(),
              HasSubstr("rectifyd.toml:3:19: admin.tls_certificate: no PEM certificate"));

  auto key_as_key = load_config_text(admin(dir, "a-cert.pem", "a-cert.pem"), "rectifyd.toml");
  ASSERT_FALSE(key_as_key.ok());
  EXPECT_THAT(key_as_key.error_text(),
              HasSubstr("admin.tls_private_key: no unencrypted PEM private key"));

  auto missing = load_config_text(admin(dir, "none.pem", "a-key.pem"), "rectifyd.toml");
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.error_text(), HasSubstr("cannot read certificate file"));

  auto on_unix = load_config_text(
      admin(dir, "a-cert.pem", "a-key.pem", "unix:/run/rectifyd/admin.sock"), "rectifyd.toml");
  ASSERT_FALSE(on_unix.ok());
  EXPECT_THAT(on_unix.error_text(), HasSubstr("TLS needs a TCP address in admin.listen"));
}

}  // namespace
}  // namespace rectifyd::config
