#include "identity/recovery_code.h"

#include <gtest/gtest.h>

#include <cctype>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>

#include "core/security/digest.h"
#include "core/security/encoding.h"

namespace lumbung::identity {
namespace {

constexpr std::string_view kAlphabet = "0123456789abcdefghjkmnpqrstvwxyz";

std::string WithoutDashes(std::string code) {
  std::erase(code, '-');
  return code;
}

TEST(RecoveryCode, AskedForTenCodes) {
  EXPECT_EQ(kRecoveryCodeCount, 10);
}

TEST(RecoveryCode, ShownAsThreeGroupsOfFourInLowerCase) {
  for (int i = 0; i < 200; ++i) {
    const std::string code = NewRecoveryCode();
    ASSERT_EQ(code.size(), 14u) << code;
    EXPECT_EQ(code[4], '-');
    EXPECT_EQ(code[9], '-');
    const std::string plain = WithoutDashes(code);
    ASSERT_EQ(plain.size(), 12u);
    EXPECT_EQ(plain.find_first_not_of(kAlphabet), std::string::npos) << code;
    // No look-alikes: i, l, o, u never appear, nor upper case.
    EXPECT_EQ(plain.find_first_of("ilouABCDEFGHIJKLMNOPQRSTUVWXYZ"), std::string::npos) << code;
    // What is shown normalises to itself without the dashes.
    EXPECT_EQ(NormaliseRecoveryCode(code), plain);
  }
}

TEST(RecoveryCode, Asvs2_6_2_CodesDoNotRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 20000; ++i) EXPECT_TRUE(seen.insert(NewRecoveryCode()).second);
}

TEST(RecoveryCode, Asvs2_6_2_EveryCharacterOfTheAlphabetAtEveryPosition) {
  // 60 bits, 5 per character: over 3000 codes each of the 32 letters shows up ~94 times at each
  // of the 12 positions; missing one would mean a stuck or biased bit.
  std::map<std::size_t, std::set<char>> seen;
  for (int i = 0; i < 3000; ++i) {
    const std::string plain = WithoutDashes(NewRecoveryCode());
    for (std::size_t p = 0; p < plain.size(); ++p) seen[p].insert(plain[p]);
  }
  ASSERT_EQ(seen.size(), 12u);
  for (const auto& [position, letters] : seen) {
    EXPECT_EQ(letters.size(), kAlphabet.size()) << "position " << position;
  }
}

TEST(RecoveryCode, NormaliseAcceptsWhatPeopleType) {
  const std::optional<std::string> canonical = "abcdefghjkmn";
  EXPECT_EQ(NormaliseRecoveryCode("abcd-efgh-jkmn"), canonical);
  EXPECT_EQ(NormaliseRecoveryCode("abcdefghjkmn"), canonical);
  EXPECT_EQ(NormaliseRecoveryCode("ABCD-EFGH-JKMN"), canonical);
  EXPECT_EQ(NormaliseRecoveryCode("AbCd EfGh JkMn"), canonical);
  EXPECT_EQ(NormaliseRecoveryCode("  abcd - efgh - jkmn  "), canonical);
  EXPECT_EQ(NormaliseRecoveryCode("abcd--efgh--jkmn-"), canonical);
  EXPECT_EQ(NormaliseRecoveryCode("a b c d e f g h j k m n"), canonical);
  EXPECT_EQ(NormaliseRecoveryCode("0123-4567-89vz"), "0123456789vz");
}

TEST(RecoveryCode, NormaliseMapsLookAlikes) {
  EXPECT_EQ(NormaliseRecoveryCode("oOiI-lL00-1111"), "001111001111");
  EXPECT_EQ(NormaliseRecoveryCode("wxyz-o1l1-pqrs"), "wxyz0111pqrs");
}

TEST(RecoveryCode, NormaliseRejectsWhatCannotBeACode) {
  const std::string bad[] = {
      "",
      "    ",
      "----",
      "abcd-efgh-jkm",    // 11
      "abcd-efgh-jkmnp",  // 13
      "abcd-efgh-jkmu",   // 'u' is not in the alphabet, nor mapped
      "abcd_efgh_jkmn",   // other separators
      "abcd.efgh.jkmn",
      "abcd\tefgh\njkmn",  // only spaces and dashes are ignored
      "abcd-efgh-jkm!",
      "abcd-efgh-jkm\xC3\xB1",  // non-ASCII
      std::string("abcd-efgh-jkm\0", 14),
      "123456",  // a TOTP code typed in the wrong field
      std::string(10000, 'a'),
  };
  for (const std::string& typed : bad) {
    EXPECT_EQ(NormaliseRecoveryCode(typed), std::nullopt) << typed;
  }
}

TEST(RecoveryCode, Asvs2_6_2_StoredFormIsSaltAndSha256) {
  const std::string stored = HashRecoveryCode("abcdefghjkmn");
  const std::size_t dollar = stored.find('$');
  ASSERT_NE(dollar, std::string::npos);
  EXPECT_EQ(stored.find('$', dollar + 1), std::string::npos);
  const std::string salt_text = stored.substr(0, dollar);
  const std::string hash = stored.substr(dollar + 1);
  const std::optional<std::string> salt = security::Base64UrlDecode(salt_text);
  ASSERT_TRUE(salt);
  EXPECT_EQ(salt->size(), 16u);  // 128 bits; ASVS asks for at least 32
  EXPECT_EQ(salt_text.size(), 22u);
  EXPECT_EQ(hash, security::Sha256Hex(*salt + "abcdefghjkmn"));
  EXPECT_EQ(stored.find("abcdefghjkmn"), std::string::npos);
}

TEST(RecoveryCode, Asvs2_6_2_SameCodeHashesDifferentlyEachTime) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) EXPECT_TRUE(seen.insert(HashRecoveryCode("abcdefghjkmn")).second);
}

TEST(RecoveryCode, HashRefusesNonCanonicalCodes) {
  EXPECT_THROW(HashRecoveryCode("abcd-efgh-jkmn"), std::invalid_argument);  // display form
  EXPECT_THROW(HashRecoveryCode("ABCDEFGHJKMN"), std::invalid_argument);
  EXPECT_THROW(HashRecoveryCode("abcdefghjkmo"), std::invalid_argument);
  EXPECT_THROW(HashRecoveryCode(""), std::invalid_argument);
}

TEST(RecoveryCode, MatchesItsOwnCodeOnly) {
  const std::string code = *NormaliseRecoveryCode(NewRecoveryCode());
  const std::string stored = HashRecoveryCode(code);
  EXPECT_TRUE(RecoveryCodeMatches(stored, code));
  EXPECT_TRUE(RecoveryCodeMatches(
      stored, *NormaliseRecoveryCode(code.substr(0, 4) + " " + code.substr(4))));
  std::string other = code;
  other[11] = other[11] == '0' ? '2' : '0';
  EXPECT_FALSE(RecoveryCodeMatches(stored, other));
  EXPECT_FALSE(RecoveryCodeMatches(stored, *NormaliseRecoveryCode(NewRecoveryCode())));
  EXPECT_FALSE(RecoveryCodeMatches(HashRecoveryCode(other), code));
  // Only the canonical form is compared.
  EXPECT_FALSE(RecoveryCodeMatches(stored, code.substr(0, 4) + "-" + code.substr(4)));
  EXPECT_FALSE(RecoveryCodeMatches(stored, ""));
}

TEST(RecoveryCode, MalformedStoredFormsNeverMatch) {
  const std::string code = "abcdefghjkmn";
  const std::string stored = HashRecoveryCode(code);
  const std::size_t dollar = stored.find('$');
  const std::string salt = stored.substr(0, dollar);
  const std::string hash = stored.substr(dollar + 1);
  std::string upper_hash = hash;
  for (char& c : upper_hash) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const std::string bad[] = {
      "",
      "$",
      salt,                     // no hash
      hash,                     // no salt
      salt + hash,              // no separator
      "$" + hash,               // empty salt
      salt + "$",               // empty hash
      salt + "$" + hash + "$",  // two separators
      salt + "$$" + hash,
      salt + "$" + hash.substr(1),        // short hash
      salt + "$" + hash + "0",            // long hash
      salt + "$" + hash.substr(1) + "g",  // not hex
      salt + "=" + "$" + hash,            // padded salt
      salt.substr(1) + "$" + hash,        // salt not 16 bytes
      security::Base64UrlEncode("short") + "$" + security::Sha256Hex("short" + code),
      salt + "$" + upper_hash,  // not what HashRecoveryCode writes
      " " + stored,
      stored + " ",
      code,  // a plain code stored by mistake
  };
  for (const std::string& form : bad) {
    EXPECT_FALSE(RecoveryCodeMatches(form, code)) << form;
  }
  EXPECT_TRUE(RecoveryCodeMatches(stored, code));
}

}  // namespace
}  // namespace lumbung::identity
