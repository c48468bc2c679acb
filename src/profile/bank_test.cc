#include "profile/bank.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "core/security/signed_value.h"

namespace lumbung::profile {
namespace {

TEST(ParseBankList, CodesAndNamesCommentsAndBlankLinesSkipped) {
  const auto banks = ParseBankList(
      "# banks\n"
      "\n"
      "bca Bank Central Asia (BCA)\r\n"
      "bpd_bali\tBPD Bali  \n"
      "mandiri Bank Mandiri");
  ASSERT_EQ(banks.size(), 3u);
  EXPECT_EQ(banks[0].code, "bca");
  EXPECT_EQ(banks[0].name, "Bank Central Asia (BCA)");
  EXPECT_EQ(banks[1].code, "bpd_bali");
  EXPECT_EQ(banks[1].name, "BPD Bali");
  EXPECT_EQ(banks[2].name, "Bank Mandiri");
  ASSERT_NE(FindBank(banks, "mandiri"), nullptr);
  EXPECT_EQ(FindBank(banks, "Mandiri"), nullptr);
  EXPECT_EQ(FindBank(banks, ""), nullptr);
}

TEST(ParseBankList, RefusesWhatWouldConfuseMembersOrStoredAccounts) {
  for (const char* bad : {"", "# only a comment\n", "bca\n", "BCA Bank Central Asia\n",
                          "b Bank B\n", "bca Bank A\nbca Bank B\n", "bank-x Bank X\n"}) {
    EXPECT_THROW(ParseBankList(bad), std::invalid_argument) << bad;
  }
  try {
    ParseBankList("bca Bank A\n\nbca Bank B\n");
    FAIL();
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("line 3"), std::string::npos) << e.what();
  }
}

TEST(ParseBankList, TheShippedListLoads) {
  const auto banks = LoadBankList(std::filesystem::path(std::getenv("LUMBUNG_SHARE_DIR")) /
                                  "config" / "banks.txt");
  EXPECT_GE(banks.size(), 5u);
  EXPECT_NE(FindBank(banks, "bri"), nullptr);
  EXPECT_THROW(LoadBankList("/nonexistent/banks.txt"), std::runtime_error);
}

TEST(CheckAccountNumber, DigitsWithSpacesOrDashes) {
  EXPECT_EQ(CheckAccountNumber("1234 5678 90").digits, "1234567890");
  EXPECT_EQ(CheckAccountNumber("123-456-7890").problem, AccountNumberProblem::kNone);
  EXPECT_EQ(CheckAccountNumber("12345").problem, AccountNumberProblem::kNone);
  EXPECT_EQ(CheckAccountNumber(std::string(20, '9')).problem, AccountNumberProblem::kNone);
  EXPECT_EQ(CheckAccountNumber("").problem, AccountNumberProblem::kEmpty);
  EXPECT_EQ(CheckAccountNumber(" - ").problem, AccountNumberProblem::kEmpty);
  EXPECT_EQ(CheckAccountNumber("1234").problem, AccountNumberProblem::kLength);
  EXPECT_EQ(CheckAccountNumber(std::string(21, '9')).problem, AccountNumberProblem::kLength);
  for (const char* bad : {"12345a", "1234.5678", "+12345", "１２３４５", "12345;--"}) {
    EXPECT_EQ(CheckAccountNumber(bad).problem, AccountNumberProblem::kNotDigits) << bad;
  }
  EXPECT_EQ(LastFour("1234567890"), "7890");
}

TEST(SealAccountNumber, OnlyTheOwnerWithTheKeyOpensIt) {
  const std::string key = security::DeriveKey(std::string(32, 'k'), "profile.bank_account");
  const std::string other = security::DeriveKey(std::string(32, 'k'), "something.else");
  const std::string sealed = SealAccountNumber(key, 42, "1234567890");
  EXPECT_EQ(sealed.find("1234567890"), std::string::npos) << "the number is not readable";
  EXPECT_EQ(OpenAccountNumber(key, 42, sealed), "1234567890");
  EXPECT_EQ(OpenAccountNumber(key, 43, sealed), std::nullopt) << "moved to another member";
  EXPECT_EQ(OpenAccountNumber(other, 42, sealed), std::nullopt);
  EXPECT_EQ(OpenAccountNumber(key, 42, "not base64url!"), std::nullopt);
  EXPECT_EQ(OpenAccountNumber(key, 4, SealAccountNumber(key, 42, "1234567890")), std::nullopt)
      << "member 4 is not a prefix match of member 42";
  EXPECT_NE(SealAccountNumber(key, 42, "1234567890"), sealed) << "a fresh nonce every time";
}

// One account, one fingerprint whoever saves it: HMAC-SHA-256 (RFC 2104) of "code:number",
// checked against an independent implementation (Python's hmac) for a fixed key.
TEST(AccountFingerprint, KeyedHmacOfTheNormalisedBankCodeAndNumber) {
  const std::string key(32, 'k');
  EXPECT_EQ(AccountFingerprint(key, "bca", "0012345678"),
            "0dcb32bfe516aaece190d9c187d19b87e268f65fb2ddc7564911a87437d901c7");
  EXPECT_EQ(AccountFingerprint(key, " BCA ", "0012-345 678"),
            AccountFingerprint(key, "bca", "0012345678"))
      << "as typed or as stored, the same account";
  EXPECT_NE(AccountFingerprint(key, "bri", "0012345678"),
            AccountFingerprint(key, "bca", "0012345678"))
      << "the same number at another bank is another account";
  EXPECT_NE(AccountFingerprint(key, "bca", "012345678"),
            AccountFingerprint(key, "bca", "0012345678"))
      << "leading zeros are part of the number";
  EXPECT_NE(AccountFingerprint(std::string(32, 'x'), "bca", "0012345678"),
            AccountFingerprint(key, "bca", "0012345678"))
      << "without the key nobody can test guessed numbers against it";
  EXPECT_THROW(AccountFingerprint("short", "bca", "1"), std::invalid_argument);
}

}  // namespace
}  // namespace lumbung::profile
