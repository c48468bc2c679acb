#include "subsidy/reason_mask.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

namespace lumbung::subsidy {
namespace {

const ProgramBook& Book() {
  static const ProgramBook book = ProgramBook::LoadFile(
      std::filesystem::path(LUMBUNG_TEST_SHARE_DIR) / "config/subsidy_programs.json");
  return book;
}

TEST(ReasonMask, EachCodeOfEveryShippedYearHasItsOwnBit) {
  for (const Program& program : Book().All()) {
    std::set<std::int64_t> bits;
    for (const std::string& code : ReasonCodes(program)) {
      const std::int64_t bit = ReasonBit(program, code);
      EXPECT_NE(bit, 0) << program.year << " " << code;
      EXPECT_TRUE(bits.insert(bit).second) << program.year << " " << code;
    }
    EXPECT_EQ(ReasonBit(program, "no_such_reason"), 0);
  }
}

TEST(ReasonMask, AMaskReadsBackAsItsCodes) {
  const Program& program = *Book().ForYear(2025);
  const std::int64_t mask = ReasonBit(program, "excluded_pkh") |
                            ReasonBit(program, "wage_above_limit") |
                            ReasonBit(program, "no_bank_account");
  EXPECT_EQ(ReasonCodesIn(program, mask),
            (std::vector<std::string>{"wage_above_limit", "excluded_pkh", "no_bank_account"}));
  SubsidyDecision d;
  d.reasons = {Reason{.code = "no_wage_reported"}, Reason{.code = "no_wage_reported"},
               Reason{.code = "citizen"}};
  EXPECT_EQ(ReasonMask(program, d),
            ReasonBit(program, "no_wage_reported") | ReasonBit(program, "citizen"));
}

// The blocking bits are exactly the reasons Decide marks `blocks` (every code, every year).
TEST(ReasonMask, TheBlockingMaskIsWhatDecideBlocksOn) {
  const MinimumWages wages = MinimumWages::LoadFile(std::filesystem::path(LUMBUNG_TEST_SHARE_DIR) /
                                                    "config/minimum_wages.json");
  for (const Program& program : Book().All()) {
    const std::int64_t blocking = BlockingMask(program);
    // Facts reaching many reasons at once: an invalid NIK, no job, on every list, each account
    // state; then one active job above the limit without a wage elsewhere.
    for (auto account : {BankAccountState::kNone, BankAccountState::kValid,
                         BankAccountState::kShared, BankAccountState::kFlagged}) {
      for (int variant = 0; variant < 3; ++variant) {
        SubsidyFacts facts;
        facts.nik = variant == 0 ? "2000000000000000" : "3171010101900001";
        facts.wage_earner = variant != 1;
        facts.lists = program.exclusions;
        facts.bank_account = account;
        if (variant == 2) {
          facts.jobs.push_back(
              {.employer_id = 1,
               .start = registry::Date{std::chrono::year{2000} / std::chrono::January / 1},
               .cutoff_month_wage = 99'000'000,
               .workplace = Area{.province = 31}});
          facts.jobs.push_back(
              {.employer_id = 2,
               .start = registry::Date{std::chrono::year{2000} / std::chrono::January / 1},
               .workplace = Area{.province = 93}});
        }
        const SubsidyDecision d = Decide(program, facts, wages);
        for (const Reason& r : d.reasons) {
          EXPECT_EQ((ReasonBit(program, r.code) & blocking) != 0, r.blocks)
              << program.year << " " << r.code;
        }
        EXPECT_EQ((ReasonMask(program, d) & blocking) == 0, d.eligible) << program.year;
      }
    }
  }
}

}  // namespace
}  // namespace lumbung::subsidy
