#include "profile/beneficiaries.h"

#include <gtest/gtest.h>

#include "registry/nik.h"

namespace lumbung::profile {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

// Valid NIKs (registry/nik.h): province 31 (Jakarta), born 1990-08-05.
std::string Nik(int serial, registry::Sex sex = registry::Sex::kFemale) {
  return registry::MakeNik(31, 71, 1, year(1990) / month(8) / day(5), sex, serial);
}

const std::string kOwnNik = Nik(1, registry::Sex::kMale);

BeneficiaryRow Row(std::string name, std::string relation, std::string nik, std::string share,
                   std::string id = "", bool remove = false) {
  return {std::move(id),  std::move(name),  std::move(relation),
          std::move(nik), std::move(share), remove};
}

TEST(Relations, AreTheStoredValues) {
  for (const char* r : {"spouse", "child", "parent", "sibling", "other"})
    EXPECT_TRUE(IsRelation(r));
  for (const char* r : {"", "Spouse", "friend"}) EXPECT_FALSE(IsRelation(r)) << r;
}

TEST(CheckBeneficiaries, SharesAddingUpTo100AreKeptInRowOrder) {
  const std::vector<BeneficiaryRow> rows = {
      Row("Siti Rahayu", "spouse", Nik(2), "50"),
      Row("Budi", "child", "3171 0145 0890 0003", " 25% "),
      Row("Ani", "child", Nik(4), "25"),
  };
  const auto check = CheckBeneficiaries(rows, {}, kOwnNik);
  ASSERT_TRUE(check.ok()) << check.list_problem;
  ASSERT_EQ(check.list.size(), 3u);
  EXPECT_EQ(check.list[0], (Beneficiary{0, "Siti Rahayu", "spouse", Nik(2), 50}));
  EXPECT_EQ(check.list[1].nik, Nik(3)) << "spaces copied from the card are dropped";
  EXPECT_EQ(check.list[1].share_percent, 25);
  EXPECT_EQ(check.share_total, 100);
}

TEST(CheckBeneficiaries, SharesThatDoNotAddUpTo100AreRefusedWithTheirTotal) {
  for (const auto& shares :
       std::vector<std::vector<std::string>>{{"50", "49"}, {"60", "50"}, {"99"}}) {
    std::vector<BeneficiaryRow> rows;
    for (std::size_t i = 0; i < shares.size(); ++i) {
      rows.push_back(Row("Anak", "child", Nik(static_cast<int>(i) + 2), shares[i]));
    }
    const auto check = CheckBeneficiaries(rows, {}, kOwnNik);
    EXPECT_FALSE(check.ok());
    EXPECT_EQ(check.list_problem, "shares_sum");
    EXPECT_TRUE(check.list.empty()) << "nothing to store";
  }
  const auto check = CheckBeneficiaries(
      std::vector<BeneficiaryRow>{Row("A", "child", Nik(2), "60"), Row("B", "child", Nik(3), "30")},
      {}, kOwnNik);
  EXPECT_EQ(check.share_total, 90);
}

TEST(CheckBeneficiaries, AnEmptyListIsFineAndSpareEmptyRowsAreIgnored) {
  EXPECT_TRUE(CheckBeneficiaries({}, {}, kOwnNik).ok());
  const std::vector<BeneficiaryRow> rows = {Row("", "", "", ""), Row("  ", "", " ", " "),
                                            Row("Siti", "spouse", Nik(2), "100"),
                                            Row("", "", "", "")};
  const auto check = CheckBeneficiaries(rows, {}, kOwnNik);
  ASSERT_TRUE(check.ok());
  EXPECT_EQ(check.list.size(), 1u);
}

TEST(CheckBeneficiaries, StoredRowsAreUpdatedOrRemoved) {
  const std::vector<BeneficiaryRow> rows = {
      Row("Siti", "spouse", Nik(2), "100", "7"),
      Row("Budi", "child", Nik(3), "50", "9", /*remove=*/true),
      Row("", "", "", "", "12", /*remove=*/true),  // removal needs no other field
  };
  const auto check = CheckBeneficiaries(rows, {7, 9, 12}, kOwnNik);
  ASSERT_TRUE(check.ok()) << check.list_problem;
  ASSERT_EQ(check.list.size(), 1u);
  EXPECT_EQ(check.list[0].id, 7);
  // Removing everyone leaves an empty list, which is allowed.
  EXPECT_TRUE(CheckBeneficiaries(
                  std::vector<BeneficiaryRow>{Row("Siti", "spouse", Nik(2), "100", "7", true)}, {7},
                  kOwnNik)
                  .ok());
}

TEST(CheckBeneficiaries, IdsThatAreNotTheMembersOwnRefuseTheWholeList) {
  // ASVS 4.2.1 (IDOR): another member's row id, a made-up one, or the same id twice.
  for (const char* id : {"8", "0", "-7", "07", "7.0", "abc", "99999999999999999999"}) {
    const std::vector<BeneficiaryRow> rows = {Row("Siti", "spouse", Nik(2), "100", id)};
    const auto check = CheckBeneficiaries(rows, {7}, kOwnNik);
    EXPECT_EQ(check.list_problem, "unknown_beneficiary") << id;
    EXPECT_TRUE(check.list.empty());
    EXPECT_TRUE(check.problems.empty()) << "one message, about the list";
  }
  const std::vector<BeneficiaryRow> twice = {Row("Siti", "spouse", Nik(2), "50", "7"),
                                             Row("Budi", "child", Nik(3), "50", "7")};
  EXPECT_EQ(CheckBeneficiaries(twice, {7}, kOwnNik).list_problem, "unknown_beneficiary");
  // Even a removal of someone else's row.
  const std::vector<BeneficiaryRow> remove = {Row("", "", "", "", "8", true)};
  EXPECT_EQ(CheckBeneficiaries(remove, {7}, kOwnNik).list_problem, "unknown_beneficiary");
}

TEST(CheckBeneficiaries, EachFieldSaysWhatIsWrong) {
  const std::vector<BeneficiaryRow> rows = {
      Row("", "cousin", "", "", "", false),
      Row("Budi 2", "", "123", "0"),
      Row(std::string(101, 'a'), "child", "3171710508900000", "101"),
      Row("Ani", "child", kOwnNik, "abc"),
      Row("Dewi", "child", Nik(5), "50"),
      Row("Dewi Lagi", "child", Nik(5), "12.5"),
      Row("Eko", "child", "9971710508900001", "-5"),
  };
  const auto check = CheckBeneficiaries(rows, {}, kOwnNik);
  EXPECT_FALSE(check.ok());
  EXPECT_EQ(check.list_problem, "") << "the total is judged once every row is right";
  std::map<std::pair<std::size_t, std::string>, std::string> got;
  for (const auto& p : check.problems) got[{p.row, p.field}] = p.what;
  const std::map<std::pair<std::size_t, std::string>, std::string> want = {
      {{0, "full_name"}, "beneficiary_name_empty"},
      {{0, "relation"}, "relation"},
      {{0, "nik"}, "nik_empty"},
      {{0, "share"}, "share_empty"},
      {{1, "full_name"}, "name_characters"},
      {{1, "relation"}, "relation"},
      {{1, "nik"}, "nik_length"},
      {{1, "share"}, "share_invalid"},
      {{2, "full_name"}, "name_too_long"},
      {{2, "nik"}, "nik_invalid"},  // serial 0000
      {{2, "share"}, "share_invalid"},
      {{3, "nik"}, "nik_own"},
      {{3, "share"}, "share_invalid"},
      {{5, "nik"}, "nik_duplicate"},
      {{5, "share"}, "share_invalid"},
      {{6, "nik"}, "nik_invalid"},  // no province 99
      {{6, "share"}, "share_invalid"},
  };
  EXPECT_EQ(got, want);
  EXPECT_TRUE(check.list.empty());
}

TEST(CheckBeneficiaries, AtMostTenAreKept) {
  std::vector<BeneficiaryRow> rows;
  for (int i = 0; i < 11; ++i)
    rows.push_back(Row("Anak", "child", Nik(i + 2), i < 10 ? "9" : "10"));
  EXPECT_EQ(CheckBeneficiaries(rows, {}, kOwnNik).list_problem, "too_many");
  rows.pop_back();
  rows.back().share = "19";
  EXPECT_TRUE(CheckBeneficiaries(rows, {}, kOwnNik).ok());
}

TEST(CompactNik, SpacesAsCopiedFromACardAreDropped) {
  EXPECT_EQ(CompactNik(" 3171 7105 0890 0001 "), "3171710508900001");
}

}  // namespace
}  // namespace lumbung::profile
