#include "demo/demo_generator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>

#include "employers/bill.h"
#include "employers/late_fine.h"
#include "employers/payment_code.h"
#include "registry/contribution.h"
#include "registry/nik.h"

namespace lumbung::demo {
namespace {

using registry::ComputeContribution;
using registry::CrossCheckNik;
using registry::NikProblem;
using std::chrono::days;
using std::chrono::sys_days;

const RuleBook& Rules() {
  static const RuleBook rules = [] {
    const char* share = std::getenv("LUMBUNG_SHARE_DIR");
    return RuleBook::LoadFile(std::filesystem::path(share ? share : ".") / "config/rules.json");
  }();
  return rules;
}

constexpr Date kToday{std::chrono::year{2025}, std::chrono::month{6}, std::chrono::day{10}};
constexpr std::uint64_t kFirstCodeSequence = 0;

DemoOptions Options(int members = 600, int employers = 40, int years = 10, std::uint64_t seed = 1) {
  DemoOptions options;
  options.members = members;
  options.employers = employers;
  options.years = years;
  options.seed = seed;
  options.today = kToday;
  options.first_payment_code_sequence = kFirstCodeSequence;
  return options;
}

std::vector<DemoMember> GenerateAll(DemoGenerator& generator, int members) {
  std::vector<DemoMember> all(static_cast<std::size_t>(members));
  for (int id = 1; id <= members; ++id)
    generator.GenerateMember(id, all[static_cast<std::size_t>(id - 1)]);
  return all;
}

Month MonthOf(Date d) {
  return Month{d.year(), d.month()};
}

TEST(DemoGeneratorTest, WindowEndsTheMonthBeforeToday) {
  DemoGenerator generator(Rules(), Options(10, 5, 3));
  EXPECT_EQ(generator.last_month(), Month(std::chrono::year{2025}, std::chrono::month{5}));
  EXPECT_EQ(generator.first_month(), Month(std::chrono::year{2022}, std::chrono::month{6}));
  // Ten years back reaches before the rules: the window starts with them.
  DemoGenerator long_ago(Rules(), Options(10, 5, 30));
  EXPECT_EQ(long_ago.first_month(), Rules().FirstMonth());
}

TEST(DemoGeneratorTest, RejectsBadOptions) {
  EXPECT_THROW(DemoGenerator(Rules(), Options(10, 0)), std::invalid_argument);
  EXPECT_THROW(DemoGenerator(Rules(), Options(10, 5, 0)), std::invalid_argument);
  DemoOptions early = Options();
  early.today = Date{std::chrono::year{2001}, std::chrono::month{1}, std::chrono::day{1}};
  EXPECT_THROW(DemoGenerator(Rules(), early), std::invalid_argument);
}

TEST(DemoGeneratorTest, MembersComeInIdOrder) {
  DemoGenerator generator(Rules(), Options(10, 5));
  DemoMember member;
  generator.GenerateMember(1, member);
  EXPECT_THROW(generator.GenerateMember(3, member), std::logic_error);
}

TEST(DemoGeneratorTest, Deterministic) {
  DemoGenerator a(Rules(), Options(200, 20)), b(Rules(), Options(200, 20)),
      c(Rules(), Options(200, 20, 10, 2));
  const auto first = GenerateAll(a, 200), second = GenerateAll(b, 200), other = GenerateAll(c, 200);
  int same_name_as_other_seed = 0;
  for (std::size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].nik, second[i].nik);
    EXPECT_EQ(first[i].full_name, second[i].full_name);
    EXPECT_EQ(first[i].months.size(), second[i].months.size());
    EXPECT_EQ(first[i].jht.size(), second[i].jht.size());
    if (!first[i].jht.empty()) {
      EXPECT_EQ(first[i].jht.back().closing, second[i].jht.back().closing);
    }
    same_name_as_other_seed += first[i].full_name == other[i].full_name ? 1 : 0;
  }
  EXPECT_LT(same_name_as_other_seed, 20);
  EXPECT_EQ(a.Bills().size(), b.Bills().size());
  EXPECT_EQ(a.employers()[3].name, b.employers()[3].name);
}

class GeneratedRegistry : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    generator_ = new DemoGenerator(Rules(), Options(2000, 60));
    members_ = new std::vector<DemoMember>(GenerateAll(*generator_, 2000));
  }
  static void TearDownTestSuite() {
    delete members_;
    delete generator_;
  }
  static const DemoEmployer& Employer(std::int64_t id) {
    return generator_->employers()[static_cast<std::size_t>(id - 1)];
  }
  static DemoGenerator* generator_;
  static std::vector<DemoMember>* members_;
};
DemoGenerator* GeneratedRegistry::generator_ = nullptr;
std::vector<DemoMember>* GeneratedRegistry::members_ = nullptr;

TEST_F(GeneratedRegistry, IdentifiersAreValidAndUnique) {
  std::set<std::string> niks, kpjs;
  for (const DemoMember& m : *members_) {
    EXPECT_EQ(CrossCheckNik(m.nik, m.birth_date, m.sex), NikProblem::kNone) << m.nik;
    EXPECT_EQ(std::stoi(m.nik.substr(0, 2)), m.province_code);
    EXPECT_TRUE(niks.insert(m.nik).second) << m.nik;
    EXPECT_THAT(m.kpj, ::testing::MatchesRegex("[1-9][0-9]{10}"));
    EXPECT_TRUE(kpjs.insert(m.kpj).second) << m.kpj;
  }
  std::set<std::string> npps, codes;
  for (const DemoEmployer& e : generator_->employers()) {
    EXPECT_THAT(e.npp, ::testing::MatchesRegex("[0-9]{8}"));
    EXPECT_TRUE(npps.insert(e.npp).second);
  }
  const std::vector<DemoBill> bills = generator_->Bills();
  for (const DemoBill& b : bills) {
    EXPECT_EQ(employers::CheckPaymentCode(b.payment_code), employers::PaymentCodeProblem::kNone)
        << b.payment_code;
    EXPECT_EQ(employers::PaymentCodeSequence(b.payment_code),
              kFirstCodeSequence + static_cast<std::uint64_t>(b.id - 1));
    EXPECT_TRUE(codes.insert(b.payment_code).second);
  }
}

TEST_F(GeneratedRegistry, ContributionsFollowTheRulesOfTheirMonth) {
  std::int64_t rows = 0, above_jp_cap = 0;
  for (const DemoMember& m : *members_) {
    for (const DemoMonth& row : m.months) {
      const ContributionRules rules = Rules().ContributionRulesFor(MonthOfPeriod(row.period));
      const MonthlyContribution expected =
          ComputeContribution(rules, Employer(row.employer_id).risk, row.wage);
      ASSERT_EQ(row.contribution.jht_worker, expected.jht_worker);
      ASSERT_EQ(row.contribution.jht_employer, expected.jht_employer);
      ASSERT_EQ(row.contribution.jkk, expected.jkk);
      ASSERT_EQ(row.contribution.jkm, expected.jkm);
      ASSERT_EQ(row.contribution.jp_worker, expected.jp_worker);
      ASSERT_EQ(row.contribution.jp_employer, expected.jp_employer);
      ASSERT_EQ(row.contribution.jkp, expected.jkp);
      above_jp_cap += row.wage > rules.jp_wage_cap ? 1 : 0;
      ++rows;
    }
  }
  EXPECT_GT(rows, 2000 * 30);
  // The cap matters for a visible minority of months.
  EXPECT_GT(above_jp_cap, rows / 100);
  EXPECT_LT(above_jp_cap, rows / 5);
}

TEST_F(GeneratedRegistry, MonthsMatchSpells) {
  const Month first = generator_->first_month(), last = generator_->last_month();
  int inactive = 0, with_gaps = 0, concurrent = 0;
  for (const DemoMember& m : *members_) {
    ASSERT_FALSE(m.spells.empty());
    std::map<std::pair<int, std::int64_t>, int> expected;  // (period, employer) -> count
    for (const DemoSpell& s : m.spells) {
      EXPECT_GE(MonthOf(s.start), first);
      EXPECT_EQ(s.end.has_value(), s.end_reason.has_value());
      const Month end = s.end ? MonthOf(*s.end) : last;
      if (s.end) {
        EXPECT_GE(sys_days(*s.end), sys_days(s.start));
      }
      EXPECT_LT(sys_days(Employer(s.employer_id).registered_on), sys_days(s.start));
      for (Month mo = MonthOf(s.start); mo <= end; mo += std::chrono::months(1)) {
        ++expected[{PeriodOf(mo), s.employer_id}];
      }
    }
    std::map<std::pair<int, std::int64_t>, int> actual;
    for (const DemoMonth& row : m.months) ++actual[{row.period, row.employer_id}];
    EXPECT_EQ(actual, expected) << "member " << m.id;
    for (const auto& [key, count] : actual) EXPECT_EQ(count, 1);
    // Adults when they start; registered with their first job.
    EXPECT_GE(sys_days(m.spells.front().start), sys_days(m.birth_date) + days(18 * 365));
    EXPECT_EQ(sys_days(m.registered_on), sys_days(m.spells.front().start));
    inactive += m.status == "inactive" ? 1 : 0;
    for (std::size_t i = 1; i < m.spells.size(); ++i) {
      if (m.spells[i - 1].end &&
          MonthOf(*m.spells[i - 1].end) + std::chrono::months(1) < MonthOf(m.spells[i].start)) {
        ++with_gaps;
      }
      if (!m.spells[i - 1].end || sys_days(*m.spells[i - 1].end) >= sys_days(m.spells[i].start)) {
        ++concurrent;
      }
    }
  }
  EXPECT_GT(inactive, 100);
  EXPECT_LT(inactive, 1000);
  EXPECT_GT(with_gaps, 200);
  EXPECT_GT(concurrent, 10);
}

TEST_F(GeneratedRegistry, EmployersCoverRiskClassesAndSomeAreInArrears) {
  std::set<RiskClass> classes;
  std::set<int> provinces;
  int in_arrears = 0;
  for (const DemoEmployer& e : generator_->employers()) {
    classes.insert(e.risk);
    provinces.insert(e.province_code);
    in_arrears += e.arrears_months > 0 ? 1 : 0;
  }
  EXPECT_EQ(classes.size(), 5u);
  EXPECT_GT(provinces.size(), 10u);
  EXPECT_GE(in_arrears, 1);
  EXPECT_LE(in_arrears, 15);
  const DemoEmployer& late = generator_->employers()[1];
  ASSERT_GT(late.arrears_months, 0);
  EXPECT_FALSE(generator_->SettlementFor(late, generator_->last_month()).paid);
}

// Every employer-month's wage report, billed whole by the pipeline's rule, gives the rows and
// the bill the generator made from its batches.
TEST_F(GeneratedRegistry, EachMonthIsTheBillOfItsWholeReport) {
  std::map<std::pair<std::int64_t, int>, std::vector<employers::ReportedWage>> reports;
  std::map<std::pair<std::int64_t, int>, std::map<std::int64_t, const DemoMonth*>> rows;
  for (const DemoMember& m : *members_) {
    for (const DemoMonth& row : m.months) {
      employers::ReportedWage wage;
      wage.worker = m.id;
      wage.wage = row.wage;
      reports[{row.employer_id, row.period}].push_back(wage);
      rows[{row.employer_id, row.period}][m.id] = &row;
    }
  }
  const std::vector<DemoBill> bills = generator_->Bills();
  ASSERT_EQ(bills.size(), reports.size());
  for (const DemoBill& b : bills) {
    const auto key = std::make_pair(b.employer_id, b.period);
    const employers::Bill bill = employers::ComputeBill(Rules(), MonthOfPeriod(b.period),
                                                        Employer(b.employer_id).risk, reports[key]);
    ASSERT_EQ(b.month_amount, bill.totals.Billed()) << b.employer_id << " " << b.period;
    EXPECT_EQ(b.workers, static_cast<std::int64_t>(bill.lines.size()));
    EXPECT_EQ(b.due_date, bill.due);
    Rupiah total_wage = 0;
    for (const employers::BillLine& line : bill.lines) {
      const DemoMonth& row = *rows[key].at(line.worker);
      ASSERT_EQ(row.contribution.Billed(), line.amounts.Billed());
      ASSERT_EQ(row.contribution.jkp, line.amounts.jkp);
      total_wage += line.wage;
    }
    EXPECT_EQ(b.total_wage, total_wage);
  }
}

TEST_F(GeneratedRegistry, BillsAreTheirLinesAndPayments) {
  std::map<std::pair<std::int64_t, int>, bool> paid;
  for (const DemoMember& m : *members_) {
    for (const DemoMonth& row : m.months) paid[{row.employer_id, row.period}] = row.paid;
  }
  const std::vector<DemoBill> bills = generator_->Bills();
  ASSERT_EQ(bills.size(), paid.size());
  std::map<std::int64_t, const DemoBill*> by_id;
  std::set<std::string> references;
  int unpaid = 0, late = 0, in_parts = 0, part_paid = 0, fined = 0;
  std::int64_t next_payment_id = 1;
  for (const DemoBill& b : bills) {
    SCOPED_TRACE(b.id);
    by_id[b.id] = &b;
    Rupiah fines = 0;
    for (const DemoFine& fine : b.fines) fines += fine.amount;
    EXPECT_EQ(b.amount_billed, b.month_amount + fines);
    Rupiah payments = 0;
    for (std::size_t i = 0; i < b.payments.size(); ++i) {
      const DemoBankPayment& p = b.payments[i];
      EXPECT_EQ(p.id, next_payment_id++);
      EXPECT_EQ(p.reference, "DEMO-" + std::to_string(b.id) + "-" + std::to_string(i + 1));
      EXPECT_TRUE(references.insert(p.reference).second);
      EXPECT_GT(p.amount, 0);
      EXPECT_GE(sys_days(p.paid_on), sys_days(b.submitted_on));  // the bill existed
      EXPECT_LT(sys_days(p.paid_on), sys_days(kToday));
      if (i > 0) {
        EXPECT_GT(sys_days(p.paid_on), sys_days(b.payments[i - 1].paid_on));
      }
      payments += p.amount;
    }
    EXPECT_EQ(b.amount_paid, payments);
    EXPECT_LE(b.amount_paid, b.amount_billed);
    const bool is_paid = paid[{b.employer_id, b.period}];
    EXPECT_EQ(b.paid_on.has_value(), is_paid);
    EXPECT_EQ(b.amount_paid == b.amount_billed, is_paid);
    EXPECT_EQ(static_cast<unsigned>(b.due_date.day()), 15u);
    EXPECT_EQ(b.submitted_on, (MonthOfPeriod(b.period) + std::chrono::months(1)) / 1);
    if (b.paid_on) {
      // Paid in full on the day of the last payment.
      ASSERT_FALSE(b.payments.empty());
      EXPECT_EQ(*b.paid_on, b.payments.back().paid_on);
      late += sys_days(*b.paid_on) > sys_days(b.due_date) ? 1 : 0;
      in_parts += b.payments.size() > 1 ? 1 : 0;
    } else {
      ++unpaid;
      part_paid += b.amount_paid > 0 ? 1 : 0;
    }
    fined += b.fines.empty() ? 0 : 1;
  }
  EXPECT_GT(unpaid, 0);
  EXPECT_GT(late, static_cast<int>(bills.size()) / 50);
  EXPECT_GT(in_parts, static_cast<int>(bills.size()) / 50);
  EXPECT_GT(part_paid, 0);
  EXPECT_GT(fined, static_cast<int>(bills.size()) / 50);

  // Every bill paid in full late is fined once, with the employer's first bill made after the
  // day it was paid in full, by the pipeline's rule.
  std::map<std::int64_t, const DemoBill*> fined_with;
  for (const DemoBill& b : bills) {
    for (const DemoFine& fine : b.fines) {
      EXPECT_TRUE(fined_with.emplace(fine.for_bill_id, &b).second) << fine.for_bill_id;
      const DemoBill& earlier = *by_id.at(fine.for_bill_id);
      std::vector<employers::PaidPart> parts;
      for (const DemoBankPayment& p : earlier.payments) parts.push_back({p.amount, p.paid_on});
      EXPECT_EQ(fine.amount, employers::FineOnBill(Rules(), MonthOfPeriod(earlier.period),
                                                   earlier.amount_billed, parts, *earlier.paid_on));
    }
  }
  for (const DemoBill& b : bills) {
    if (!b.paid_on || sys_days(*b.paid_on) <= sys_days(b.due_date)) {
      EXPECT_FALSE(fined_with.contains(b.id)) << b.id;
      continue;
    }
    const DemoBill* first_after = nullptr;
    for (const DemoBill& later : bills) {
      if (later.employer_id == b.employer_id && later.period > b.period &&
          sys_days(later.submitted_on) > sys_days(*b.paid_on)) {
        first_after = &later;
        break;
      }
    }
    const auto it = fined_with.find(b.id);
    EXPECT_EQ(it == fined_with.end() ? nullptr : it->second, first_after) << b.id;
  }
}

// Billing whole batches of members gives what billing them one at a time gives.
TEST(DemoGeneratorTest, BatchesDoNotChangeTheData) {
  DemoGenerator one_by_one(Rules(), Options(300, 12)), batched(Rules(), Options(300, 12));
  const auto singles = GenerateAll(one_by_one, 300);
  std::vector<DemoMember> all(300);
  for (std::size_t begin = 0; begin < all.size(); begin += 37) {
    const std::size_t end = std::min(all.size(), begin + 37);
    for (std::size_t i = begin; i < end; ++i) {
      batched.StartMember(static_cast<std::int64_t>(i + 1), all[i]);
    }
    batched.FinishMembers(std::span<DemoMember>(all.data() + begin, end - begin));
  }
  for (std::size_t i = 0; i < all.size(); ++i) {
    ASSERT_EQ(all[i].months.size(), singles[i].months.size());
    for (std::size_t k = 0; k < all[i].months.size(); ++k) {
      EXPECT_EQ(all[i].months[k].contribution.Billed(), singles[i].months[k].contribution.Billed());
    }
    ASSERT_EQ(all[i].jht.size(), singles[i].jht.size());
    if (!all[i].jht.empty()) {
      EXPECT_EQ(all[i].jht.back().closing, singles[i].jht.back().closing);
    }
  }
  const auto a = one_by_one.Bills(), b = batched.Bills();
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].amount_billed, b[i].amount_billed);
    EXPECT_EQ(a[i].amount_paid, b[i].amount_paid);
    EXPECT_EQ(a[i].payment_code, b[i].payment_code);
  }
}

TEST_F(GeneratedRegistry, JhtStatementsAddUp) {
  int withdrawn = 0;
  for (const DemoMember& m : *members_) {
    Rupiah paid_jht = 0;
    for (const DemoMonth& row : m.months) {
      if (row.paid) paid_jht += row.contribution.jht_worker + row.contribution.jht_employer;
    }
    if (paid_jht == 0) {
      EXPECT_TRUE(m.jht.empty());
      continue;
    }
    ASSERT_FALSE(m.jht.empty());
    Rupiah contributions = 0, withdrawals = 0;
    for (std::size_t i = 0; i < m.jht.size(); ++i) {
      const DemoJhtYear& y = m.jht[i];
      contributions += y.contributions;
      withdrawals += y.withdrawals;
      EXPECT_NEAR(y.closing, y.opening + y.contributions + y.returns - y.withdrawals, 2);
      if (i > 0) {
        EXPECT_EQ(y.opening, m.jht[i - 1].closing);
      }
      EXPECT_EQ(y.rate_bp, Rules().JhtReturnBp(y.year));
    }
    EXPECT_EQ(contributions, paid_jht);
    EXPECT_EQ(m.jht.back().year, static_cast<int>(generator_->last_month().year()));
    if (withdrawals > 0) {
      ++withdrawn;
      EXPECT_EQ(m.status, "inactive");
      EXPECT_LE(m.jht.back().closing, 2);  // the fraction of a rupiah left, with returns
    } else {
      EXPECT_GT(m.jht.back().closing, contributions);  // returns were credited
    }
  }
  EXPECT_GT(withdrawn, 20);
}

TEST_F(GeneratedRegistry, PeopleLookPlausible) {
  std::map<std::string, int> statuses, marital;
  int women = 0, with_email = 0;
  for (const DemoMember& m : *members_) {
    ++statuses[m.status];
    ++marital[m.marital_status];
    women += m.sex == Sex::kFemale ? 1 : 0;
    with_email += m.email ? 1 : 0;
    EXPECT_FALSE(m.full_name.empty());
    EXPECT_FALSE(m.address.empty());
  }
  EXPECT_NEAR(women, 840, 120);
  EXPECT_NEAR(with_email, 1400, 120);
  EXPECT_GT(statuses["active"], 1000);
  EXPECT_EQ(marital.size(), 4u);
}

}  // namespace
}  // namespace lumbung::demo
