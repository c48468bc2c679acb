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

}  // namespace
}  // namespace lumbung::profile
