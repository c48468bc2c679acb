#include "card/card_token.h"

#include <gtest/gtest.h>

#include <set>

namespace lumbung::card {
namespace {

const std::string kMaster(32, 'k');

CardKeys Keys(const std::string& master = kMaster) {
  return CardKeys::FromMaster(master);
}

TEST(CardToken, IsTheIdAndItsMacIn87UrlSafeCharacters) {
  const auto keys = Keys();
  const std::string id = NewCardId();
  ASSERT_EQ(id.size(), kCardIdChars);
  const std::string token = TokenForId(keys, id);
  EXPECT_EQ(token.size(), kCardTokenChars);
  EXPECT_EQ(token.substr(0, kCardIdChars), id);
  EXPECT_EQ(token[kCardIdChars], '.');
  EXPECT_EQ(
      token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_."),
      std::string::npos);
  EXPECT_EQ(IdFromToken(keys, token), id);
  EXPECT_EQ(TokenForId(keys, id), token) << "the same id always gives the same token";
}

TEST(CardToken, IdsAreFreshEachTime) {
  std::set<std::string> ids;
  for (int i = 0; i < 100; ++i) ids.insert(NewCardId());
  EXPECT_EQ(ids.size(), 100u);
}

// ASVS 3.5.2 / 6.2.1: a changed token, whatever changed, is refused.
TEST(CardToken, AnyChangedCharacterIsRefused) {
  const auto keys = Keys();
  const std::string token = TokenForId(keys, NewCardId());
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (i == kCardIdChars) continue;
    std::string changed = token;
    changed[i] = changed[i] == 'A' ? 'B' : 'A';
    EXPECT_EQ(IdFromToken(keys, changed), std::nullopt) << "position " << i;
  }
}

TEST(CardToken, ATokenOfAnotherKeyOrPurposeIsRefused) {
  const std::string token = TokenForId(Keys(), NewCardId());
  EXPECT_EQ(IdFromToken(Keys(std::string(32, 'x')), token), std::nullopt) << "another deployment";
  // The same shape signed for another purpose (say, a cookie) under the same master key.
  const security::Signer cookie(security::DeriveKey(kMaster, "cookie.session"));
  const std::string other = cookie.Sign(std::string(32, '\x01'));
  ASSERT_EQ(other.size(), kCardTokenChars);
  EXPECT_EQ(IdFromToken(Keys(), other), std::nullopt);
}

TEST(CardToken, MalformedInputIsRefusedWithoutThrowing) {
  const auto keys = Keys();
  const std::string token = TokenForId(keys, NewCardId());
  for (const std::string& bad :
       {std::string(), std::string("."), token.substr(1), token + "A", token + ".",
        token.substr(0, kCardIdChars), std::string(kCardTokenChars, 'A'),
        token.substr(0, kCardIdChars) + "!" + token.substr(kCardIdChars + 1),
        token.substr(0, 10) + "%" + token.substr(11), token.substr(0, 10) + "=" + token.substr(11),
        std::string(10'000, 'A'), std::string("' OR 1=1 --")}) {
    EXPECT_EQ(IdFromToken(keys, bad), std::nullopt) << bad.substr(0, 100);
  }
}

TEST(CardToken, TokenForIdRefusesWhatIsNotAnId) {
  const auto keys = Keys();
  EXPECT_THROW(TokenForId(keys, ""), std::invalid_argument);
  EXPECT_THROW(TokenForId(keys, "short"), std::invalid_argument);
  EXPECT_THROW(TokenForId(keys, std::string(43, '*')), std::invalid_argument);
}

TEST(CardToken, TheStoredHashIsSha256OfTheId) {
  EXPECT_EQ(IdHash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const std::string id = NewCardId();
  EXPECT_EQ(IdHash(id).size(), 64u);
  EXPECT_EQ(IdHash(id).find(id), std::string::npos);
}

TEST(CardToken, ASealedIdOpensOnlyForItsMemberAndKey) {
  const auto keys = Keys();
  const std::string id = NewCardId();
  const std::string sealed = SealId(keys, 42, id);
  EXPECT_EQ(sealed.find(id), std::string::npos) << "the id is not readable in the table";
  EXPECT_EQ(OpenId(keys, 42, sealed), id);
  EXPECT_EQ(OpenId(keys, 43, sealed), std::nullopt) << "moved to another member's row";
  EXPECT_EQ(OpenId(Keys(std::string(32, 'x')), 42, sealed), std::nullopt) << "another key";
  std::string changed = sealed;
  changed[changed.size() / 2] = changed[changed.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_EQ(OpenId(keys, 42, changed), std::nullopt);
  EXPECT_EQ(OpenId(keys, 42, ""), std::nullopt);
  EXPECT_EQ(OpenId(keys, 42, "not base64!"), std::nullopt);
  EXPECT_NE(SealId(keys, 42, id), sealed) << "a fresh nonce each time";
}

TEST(CardToken, TheVerificationUrlIsBuiltFromThePublicAddress) {
  EXPECT_EQ(VerificationUrl("https://dana.example", "T.M"), "https://dana.example/verify/card/T.M");
  EXPECT_EQ(VerificationUrl("https://dana.example/", "T.M"),
            "https://dana.example/verify/card/T.M");
  EXPECT_EQ(VerificationUrl("https://dana.example/portal//", "T.M"),
            "https://dana.example/portal/verify/card/T.M");
}

}  // namespace
}  // namespace lumbung::card
