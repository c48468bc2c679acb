#include "core/security/csrf.h"

#include <gtest/gtest.h>

#include <set>
#include <stdexcept>

#include "core/security/encoding.h"
#include "core/security/tokens.h"

namespace lumbung::security {
namespace {

TEST(Csrf, Asvs4_2_2_MaskedTokenVerifiesAgainstItsSecret) {
  const std::string secret = NewToken();
  const std::string token = MaskCsrfToken(secret);
  EXPECT_TRUE(CheckCsrfToken(secret, token));
  EXPECT_EQ(token.size(), 86u);  // base64url of 64 bytes
}

TEST(Csrf, MaskingDiffersPerResponseAndEveryMaskVerifies) {
  // BREACH mitigation: the secret never appears twice in compressed responses.
  const std::string secret = NewToken();
  std::set<std::string> tokens;
  for (int i = 0; i < 100; ++i) {
    const std::string token = MaskCsrfToken(secret);
    EXPECT_TRUE(tokens.insert(token).second);
    EXPECT_TRUE(CheckCsrfToken(secret, token));
    EXPECT_EQ(token.find(secret), std::string::npos);
  }
}

TEST(Csrf, Asvs4_2_2_TokenOfAnotherSessionIsRefused) {
  const std::string mine = NewToken();
  const std::string theirs = NewToken();
  EXPECT_FALSE(CheckCsrfToken(mine, MaskCsrfToken(theirs)));
}

TEST(Csrf, TamperedOrMalformedTokensAreRefused) {
  const std::string secret = NewToken();
  const std::string token = MaskCsrfToken(secret);
  EXPECT_FALSE(CheckCsrfToken(secret, ""));
  EXPECT_FALSE(CheckCsrfToken(secret, secret));  // the bare secret is not a masked token
  EXPECT_FALSE(CheckCsrfToken(secret, token.substr(1)));
  EXPECT_FALSE(CheckCsrfToken(secret, token + "A"));
  EXPECT_FALSE(CheckCsrfToken(secret, token + "="));
  EXPECT_FALSE(CheckCsrfToken(secret, " " + token));
  EXPECT_FALSE(CheckCsrfToken(secret, std::string(token.size(), '*')));
  EXPECT_FALSE(CheckCsrfToken(secret, std::string(token.size(), 'A')));  // all-zero pad and mask
  for (std::size_t i = 0; i < token.size(); ++i) {
    std::string changed = token;
    changed[i] = changed[i] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(CheckCsrfToken(secret, changed)) << i;
  }
  // Pad and masked half swapped still unmask to the secret (XOR is symmetric); that is
  // harmless, as it needs a valid token to start with. Any other mix is refused.
  auto bytes = Base64UrlDecode(token);
  ASSERT_TRUE(bytes);
  std::string doubled = bytes->substr(0, 32) + bytes->substr(0, 32);
  EXPECT_FALSE(CheckCsrfToken(secret, Base64UrlEncode(doubled)));
}

TEST(Csrf, MalformedSecretsNeverVerify) {
  const std::string token = MaskCsrfToken(NewToken());
  EXPECT_FALSE(CheckCsrfToken("", token));
  EXPECT_FALSE(CheckCsrfToken("", ""));
  EXPECT_FALSE(CheckCsrfToken("not base64!", token));
  EXPECT_FALSE(CheckCsrfToken("c2hvcnQ", MaskCsrfToken(NewToken(16))));  // 5-byte secret
  EXPECT_THROW(MaskCsrfToken(""), std::invalid_argument);
  EXPECT_THROW(MaskCsrfToken("c2hvcnQ"), std::invalid_argument);
  EXPECT_THROW(MaskCsrfToken("not base64!"), std::invalid_argument);
}

}  // namespace
}  // namespace lumbung::security
