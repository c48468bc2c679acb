// The demo registry generator, without any database: employers, members with their employment
// spells, monthly wage reports and contributions, employer bills and JHT yearly credits.
//
// Deterministic: the same options give the same data on every machine (own PRNG, integer
// arithmetic; the JHT figures come from ComputeJhtLedger). Members are generated one at a time
// in id order (GenerateMember must be called for ids 1, 2, 3, ...), so memory stays small
// however many members are made; what the generator keeps across members is the set of NIKs
// issued (8 bytes each, to keep them unique) and the employers' monthly bill totals.
//
// The history ends with the month before `today`, spans `years` years (never before the first
// month the rules cover) and starts empty: every member joins within it.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "registry/contribution.h"
#include "registry/demo_random.h"
#include "registry/nik.h"
#include "registry/rules.h"

namespace lumbung::registry {

struct DemoOptions {
  int members = 2000;
  int employers = 100;
  int years = 10;
  std::uint64_t seed = 1;
  Date today{};  // the history ends with the month before this day
};

struct DemoEmployer {
  std::int64_t id = 0;
  std::string npp;  // 8 digits, unique
  std::string name;
  std::string sector;  // DemoSector::slug
  int province_code = 0;
  RiskClass risk = RiskClass::kVeryLow;
  Date registered_on{};
  int arrears_months = 0;  // the last N months of bills are unpaid
};

struct DemoSpell {
  std::int64_t id = 0;
  std::int64_t employer_id = 0;
  Date start{};
  std::optional<Date> end;                // nullopt: still employed
  std::optional<std::string> end_reason;  // resigned, contract_ended, dismissed, retired
};

// One month at one employer: the wage report and the contribution row.
struct DemoMonth {
  int period = 0;  // yyyymm
  std::int64_t employer_id = 0;
  Rupiah wage = 0;
  MonthlyContribution contribution;
  bool paid = false;  // the employer's bill for the month was paid
};

// Rounded to the rupiah as a statement shows them.
struct DemoJhtYear {
  int year = 0;
  Rupiah opening = 0, contributions = 0, returns = 0, withdrawals = 0, closing = 0;
  std::optional<int> rate_bp;
};

struct DemoMember {
  std::int64_t id = 0;
  std::string kpj;  // 11 digits, unique
  std::string nik;  // valid for birth_date and sex (CrossCheckNik), unique
  std::string full_name;
  Date birth_date{};
  Sex sex = Sex::kMale;
  std::string address;
  int province_code = 0;
  std::string phone;
  std::optional<std::string> email;
  std::string marital_status;  // single, married, divorced, widowed
  Date registered_on{};
  std::string status;             // active (an open spell), inactive
  std::vector<DemoSpell> spells;  // by start date
  std::vector<DemoMonth> months;  // by period, then employer
  std::vector<DemoJhtYear> jht;   // consecutive years; empty when nothing was paid
};

// An employer's monthly bill: the sum of Billed() over its workers' rows of the month.
struct DemoPayment {
  std::int64_t id = 0;
  std::int64_t employer_id = 0;
  int period = 0;
  Rupiah amount_billed = 0;
  Rupiah amount_paid = 0;
  std::string payment_code;  // 11 digits, unique
  Date due_date{};           // the 15th of the next month
  std::optional<Date> paid_on;
};

class DemoGenerator {
 public:
  // Throws std::invalid_argument for counts < 1 or a `today` the rules do not cover.
  DemoGenerator(const RuleBook& rules, const DemoOptions& options);

  Month first_month() const { return first_month_; }
  Month last_month() const { return last_month_; }
  const std::vector<DemoEmployer>& employers() const { return employers_; }

  // Fills `member` (reusing its vectors' capacity) with member `id`; ids must come in order
  // 1, 2, 3, ... (std::logic_error otherwise).
  void GenerateMember(std::int64_t id, DemoMember& member);

  // The bills of every employer-month with at least one worker, by employer then period.
  // Complete once every member has been generated.
  std::vector<DemoPayment> Payments() const;

  // Whether an employer's bill for a month is paid, and when (pure).
  struct Settlement {
    bool paid = false;
    std::optional<Date> paid_on;
  };
  Settlement SettlementFor(const DemoEmployer& employer, Month month) const;

 private:
  struct Job;
  int MonthIndex(Month month) const;
  Month MonthAt(int index) const;
  void PlanSpells(DemoRandom& random, DemoMember& member, std::vector<Job>& jobs);
  bool IssueNik(std::uint64_t nik);

  const RuleBook& rules_;
  DemoOptions options_;
  Month first_month_, last_month_;
  int month_count_ = 0;
  std::vector<ContributionRules> month_rules_;  // by month index
  std::vector<std::optional<int>> jht_rates_;   // by year - first year
  std::vector<DemoEmployer> employers_;
  std::vector<std::vector<std::int64_t>> employers_by_province_;  // index: province code
  std::vector<Settlement> settlements_;             // employer index * month_count + month index
  std::vector<Rupiah> billed_;                      // same layout
  std::vector<std::vector<Rupiah>> minimum_wages_;  // [province code][year - first year]
  std::vector<std::uint64_t> nik_table_;            // open addressing; 0 = empty
  std::size_t nik_count_ = 0;
  std::int64_t next_member_id_ = 1;
  std::int64_t next_spell_id_ = 1;
};

// yyyymm of a month, and back.
int PeriodOf(Month month);
Month MonthOfPeriod(int period);

}  // namespace lumbung::registry
