// The demo registry generator, without any database: employers, members with their employment
// spells, each employer's monthly wage reports and the bills made from them, the bank payments
// of those bills and the members' JHT yearly credits.
//
// The money goes through the employer pipeline's own rules, never a copy of them: a month's
// contributions are the lines of the employer's bill for the month (employers::ComputeBill over
// the wages it reported), its due date is the bill's, a bill paid late is fined with a later
// bill (employers::FineOnBill) as the pipeline does when the next report makes a bill
// (employers/report_store.h ChargeEarlierFines), and payments settle a bill as
// employers::ApplyPayment would (a bill paid in full turns its month's contributions paid).
//
// Deterministic: the same options give the same data on every machine (own PRNG, integer
// arithmetic; the JHT figures come from ComputeJhtLedger). Members are made in id order in two
// steps, so that a batch of members' employer-months is billed together and memory stays small
// however many members are made: StartMember (ids 1, 2, 3, ...: the person, spells and wages)
// for each member of a batch, then FinishMembers on the batch (the bill lines of its
// employer-months, then the JHT credits). ComputeBill computes every worker's line on its own
// (the JP cap applies per employer and worker), so a month's report split over batches gives
// the lines and totals the whole report would. What the generator keeps across members is the
// set of NIKs issued (8 bytes each, to keep them unique) and each employer-month's report totals.
//
// The history ends with the month before `today`, spans `years` years (never before the first
// month the rules cover) and starts empty: every member joins within it.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "demo/demo_random.h"
#include "registry/contribution.h"
#include "registry/nik.h"
#include "registry/rules.h"

namespace lumbung::demo {

using registry::ContributionRules;
using registry::Date;
using registry::Month;
using registry::MonthlyContribution;
using registry::RiskClass;
using registry::RuleBook;
using registry::Rupiah;
using registry::Sex;

struct DemoOptions {
  int members = 2000;
  int employers = 100;
  int years = 10;
  std::uint64_t seed = 1;
  Date today{};  // the history ends with the month before this day
  // The payment code sequence (employers/payment_code.h) of the first bill; the bills take the
  // numbers from here on, in bill id order.
  std::uint64_t first_payment_code_sequence = 0;
};

struct DemoEmployer {
  std::int64_t id = 0;
  std::string npp;  // 8 digits, unique
  std::string name;
  std::string sector;  // DemoSector::slug
  int province_code = 0;
  RiskClass risk = RiskClass::kVeryLow;
  Date registered_on{};
  int arrears_months = 0;  // the last N months of bills are not paid in full
};

struct DemoSpell {
  std::int64_t id = 0;
  std::int64_t employer_id = 0;
  Date start{};
  std::optional<Date> end;                // nullopt: still employed
  std::optional<std::string> end_reason;  // resigned, contract_ended, dismissed, retired
};

// One month at one employer: the wage reported and the member's line of the employer's bill.
struct DemoMonth {
  int period = 0;  // yyyymm
  std::int64_t employer_id = 0;
  Rupiah wage = 0;
  MonthlyContribution contribution;  // the bill line's amounts (FinishMembers)
  bool paid = false;                 // the employer's bill for the month is paid in full
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
  // The member's draws after StartMember, continued by FinishMembers.
  DemoRandom random{0};
};

// A payment at the partner bank towards a bill, as the bank's payment file reports it
// (table bank_payments). Never more than the bill still owes: all of it is applied.
struct DemoBankPayment {
  std::int64_t id = 0;
  std::string reference;  // "DEMO-<bill id>-<n>", n from 1 in date order
  Rupiah amount = 0;
  Date paid_on{};
};

// A late fine collected with this bill: an earlier bill of the employer paid in full after its
// due date, fined when this bill was made.
struct DemoFine {
  std::int64_t for_bill_id = 0;
  Rupiah amount = 0;
};

// An employer's bill for a month with at least one worker: made from the month's wage report
// (version 1, submitted on the first day of the next month), with the fines of earlier bills,
// and its bank payments.
struct DemoBill {
  std::int64_t id = 0;  // also the id of the wage report submission it was made from
  std::int64_t employer_id = 0;
  int period = 0;
  std::int64_t workers = 0;
  Rupiah total_wage = 0;
  Rupiah month_amount = 0;  // the report's bill (ComputeBill totals.Billed()): the 'month' line
  std::vector<DemoFine> fines;
  Rupiah amount_billed = 0;  // month_amount + the fines
  Rupiah amount_paid = 0;    // the payments' sum
  std::string payment_code;  // IssuePaymentCode(first_payment_code_sequence + id - 1)
  Date due_date{};
  Date submitted_on{};  // the first day of the next month: the report, the bill and its fines
  std::optional<Date> paid_on;            // when paid in full: the last payment's day
  std::vector<DemoBankPayment> payments;  // by date
};

class DemoGenerator {
 public:
  // Throws std::invalid_argument for counts < 1 or a `today` the rules do not cover.
  DemoGenerator(const RuleBook& rules, const DemoOptions& options);

  Month first_month() const { return first_month_; }
  Month last_month() const { return last_month_; }
  const std::vector<DemoEmployer>& employers() const { return employers_; }

  // Fills `member` (reusing its vectors' capacity) with member `id`'s person, spells and
  // monthly wages; ids must come in order 1, 2, 3, ... (std::logic_error otherwise). The money
  // comes with FinishMembers.
  void StartMember(std::int64_t id, DemoMember& member);
  // Bills the employer-months of `members` (each started, none finished yet): every month's
  // contribution is its line of the bill, then each member's JHT credits.
  void FinishMembers(std::span<DemoMember> members);
  // StartMember and FinishMembers for one member.
  void GenerateMember(std::int64_t id, DemoMember& member);

  // The bills of every employer-month with at least one worker, by employer then period, with
  // their fines and payments. Complete once every member has been finished.
  std::vector<DemoBill> Bills() const;

  // How an employer's bill for a month is paid (pure): in full on `paid_on`, and, when
  // `part_on` is set, `part_permille` of it first on that day. A bill not paid in full may
  // have that first part alone.
  struct Settlement {
    bool paid = false;  // in full, before `today`
    std::optional<Date> paid_on;
    std::optional<Date> part_on;
    int part_permille = 0;
  };
  Settlement SettlementFor(const DemoEmployer& employer, Month month) const;

 private:
  struct Job;
  int MonthIndex(Month month) const;
  Month MonthAt(int index) const;
  void PlanSpells(DemoRandom& random, DemoMember& member, std::vector<Job>& jobs);
  void FinishJht(DemoMember& member);
  bool IssueNik(std::uint64_t nik);
  std::size_t Cell(std::size_t employer_index, int month_index) const {
    return employer_index * static_cast<std::size_t>(month_count_) +
           static_cast<std::size_t>(month_index);
  }

  // One employer-month's report, summed over the batches that billed it.
  struct MonthReport {
    std::int64_t workers = 0;
    Rupiah total_wage = 0;
    Rupiah billed = 0;
  };

  const RuleBook& rules_;
  DemoOptions options_;
  Month first_month_, last_month_;
  int month_count_ = 0;
  std::vector<std::optional<int>> jht_rates_;  // by year - first year
  std::vector<DemoEmployer> employers_;
  std::vector<std::vector<std::int64_t>> employers_by_province_;  // index: province code
  std::vector<Settlement> settlements_;             // Cell(employer index, month index)
  std::vector<MonthReport> reports_;                // same layout
  std::vector<Date> due_dates_;                     // by month index, from the bills
  std::vector<std::vector<Rupiah>> minimum_wages_;  // [province code][year - first year]
  std::vector<std::uint64_t> nik_table_;            // open addressing; 0 = empty
  std::size_t nik_count_ = 0;
  std::int64_t next_member_id_ = 1;
  std::int64_t next_spell_id_ = 1;
};

// yyyymm of a month, and back.
int PeriodOf(Month month);
Month MonthOfPeriod(int period);

}  // namespace lumbung::demo
