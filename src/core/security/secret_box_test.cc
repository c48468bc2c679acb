#include "core/security/secret_box.h"

#include <gtest/gtest.h>

#include <stdexcept>

#include "core/security/encoding.h"
#include "core/security/signed_value.h"

namespace lumbung::security {
namespace {

const std::string kKey(32, 'k');

TEST(SecretBox, Asvs6_2_SealsAndOpens) {
  const std::string sealed = Seal(kKey, "JBSWY3DPEHPK3PXP");
  EXPECT_EQ(sealed.size(), 24u + 16u + 16u);  // nonce, MAC, ciphertext
  EXPECT_EQ(sealed.find("JBSWY3DPEHPK3PXP"), std::string::npos);
  EXPECT_EQ(Open(kKey, sealed), "JBSWY3DPEHPK3PXP");
  EXPECT_EQ(Open(kKey, Seal(kKey, "")), "");
  const std::string binary("\0\x01\xff", 3);
  EXPECT_EQ(Open(kKey, Seal(kKey, binary)), binary);
}

TEST(SecretBox, FreshNonceEveryTime) {
  EXPECT_NE(Seal(kKey, "same"), Seal(kKey, "same"));
  EXPECT_NE(Seal(kKey, "same").substr(0, 24), Seal(kKey, "same").substr(0, 24));
}

TEST(SecretBox, WrongKeyDoesNotOpen) {
  const std::string sealed = Seal(kKey, "secret");
  EXPECT_FALSE(Open(std::string(32, 'K'), sealed));
  const std::string master(32, 'm');
  EXPECT_FALSE(Open(DeriveKey(master, "totp.seal"), Seal(DeriveKey(master, "other"), "secret")));
}

TEST(SecretBox, AnyChangeIsDetected) {
  const std::string sealed = Seal(kKey, "secret");
  for (std::size_t i = 0; i < sealed.size(); ++i) {
    std::string changed = sealed;
    changed[i] = static_cast<char>(changed[i] ^ 0x01);
    EXPECT_FALSE(Open(kKey, changed)) << i;
  }
  EXPECT_FALSE(Open(kKey, sealed.substr(0, sealed.size() - 1)));
  EXPECT_FALSE(Open(kKey, sealed + "x"));
  EXPECT_FALSE(Open(kKey, ""));
  EXPECT_FALSE(Open(kKey, std::string(39, '\0')));  // shorter than nonce + MAC
  EXPECT_FALSE(Open(kKey, std::string(40, '\0')));  // empty message, forged MAC
}

TEST(SecretBox, TextColumnsTakeItBase64UrlEncoded) {
  const std::string text = Base64UrlEncode(Seal(kKey, "JBSWY3DPEHPK3PXP"));
  auto sealed = Base64UrlDecode(text);
  ASSERT_TRUE(sealed);
  EXPECT_EQ(Open(kKey, *sealed), "JBSWY3DPEHPK3PXP");
}

TEST(SecretBox, KeyMustBe32Bytes) {
  EXPECT_THROW(Seal("short", "x"), std::invalid_argument);
  EXPECT_THROW(Open(std::string(33, 'k'), Seal(kKey, "x")), std::invalid_argument);
}

}  // namespace
}  // namespace lumbung::security
