// Whether a member receives a year's wage subsidy, and every reason why, in words the member
// understands. Pure: the caller (the eligibility run) summarises the registry into
// SubsidyFacts; the programme (program.h) and the minimum wages (minimum_wage.h) are data.
//
// The rules, checked in this order and all reported (not only the first that fails):
// - citizens only: a structurally valid NIK (registry/nik.h) stands for a citizen;
// - wage earners only: members working for an employer, not the self-employed;
// - active on the cutoff day: an employment spell that started on or before the cutoff and had
//   not ended before it (a spell ending ON the cutoff day still counts);
// - the wage: the wages the employers reported for the cutoff's month, SUMMED over every job
//   active on the cutoff day, against the limit (ceiling, or the rounded minimum wage where the
//   programme says so and it is higher; with jobs in several places, the highest of their
//   limits). Every active job needs a reported wage: an unknown wage cannot be judged.
//   Why the sum: the subsidy is one payment per person for workers on low incomes. Two part-time
//   jobs of Rp 2,000,000 each are an income of Rp 4,000,000; judging each job alone would pay
//   people above the ceiling and would make the answer depend on how the work is split. The
//   highest limit because each workplace's minimum wage is lawful where that job is done, and a
//   member should not lose the subsidy for also working in a cheaper region;
// - the exclusion lists the programme names (the NIK found on an imported list);
// - the areas covered (2021's PPKM level 3/4 areas): at least one active job in one of them;
// - the bank account: none, valid, shared with another NIK, or flagged (e.g. a number that no
//   longer opens). When the programme requires an account, only a valid one passes; otherwise a
//   problem is reported but the member stays eligible (2025: paid through the post office).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/i18n/catalog.h"
#include "subsidy/minimum_wage.h"
#include "subsidy/program.h"

namespace lumbung::subsidy {

// One job of the member: the employment spell with that employer (the caller merges an
// employer's spells that touch each other) and the wage reported for the cutoff's month.
struct Job {
  std::int64_t employer_id = 0;
  std::string employer_name;
  Date start;
  std::optional<Date> end;                  // the last day worked; nullopt while it lasts
  std::optional<Rupiah> cutoff_month_wage;  // nullopt when the employer reported none
  Area workplace;                           // the employer's province (and regency if known)
};

enum class BankAccountState {
  kNone,     // no payout account on record
  kValid,    // an account that may be paid
  kShared,   // the same account is on record for another NIK
  kFlagged,  // held for staff (profile/payout_account.h needs_staff_check) or refused by a bank
};

struct SubsidyFacts {
  std::string nik;
  bool wage_earner = true;
  std::vector<Job> jobs;
  std::vector<std::string> lists;  // the exclusion lists the NIK is on ("pkh", ...)
  BankAccountState bank_account = BankAccountState::kNone;
};

// A sentence from the catalog, subsidy.reason.<code>, with its values for {{name}} placeholders.
struct Reason {
  std::string code;     // "wage_above_limit", "excluded_pkh", ...
  bool blocks = false;  // this alone makes the member not eligible
  std::map<std::string, std::string> text;
  std::map<std::string, Date> dates;
  std::map<std::string, Rupiah> amounts;
  std::map<std::string, long long> numbers;
  std::string MessageId() const { return "subsidy.reason." + code; }
  friend bool operator==(const Reason&, const Reason&) = default;
};

struct SubsidyDecision {
  int year = 0;
  bool eligible = false;
  std::vector<Reason> reasons;  // in the order of the rules above
  // The figures the decision used (0 when the member had no active job).
  Rupiah wage = 0;
  Rupiah wage_limit = 0;
  int active_jobs = 0;
  bool account_problem = false;  // the bank account is not valid (blocking or not)
  bool verified = true;          // false when an unverified figure or rule decided it

  bool Has(std::string_view code) const;
  std::vector<std::string> Codes() const;
};

SubsidyDecision Decide(const Program& program, const SubsidyFacts& facts,
                       const MinimumWages& minimum_wages);

// Whether a job counts on the cutoff day: started on or before it and not ended before it.
bool ActiveOn(const Job& job, Date day);

// Every reason code Decide can give for the programme (for catalog checks and reports):
// citizen, not_citizen, wage_earner, not_wage_earner, active_on_cutoff, not_active_on_cutoff,
// no_wage_reported, wage_within_limit, wage_above_limit, wages_summed, minimum_wage_unknown,
// not_on_exclusion_lists, excluded_<list> for each list, area_covered, area_not_covered,
// bank_account_valid, no_bank_account, bank_account_shared, bank_account_flagged.
std::vector<std::string> ReasonCodes(const Program& program);

// A reason in plain words in the reader's language. Not escaped: the caller escapes for HTML.
std::string ExplainReason(const Reason& reason, const i18n::Catalogs& catalogs,
                          std::string_view lang);

}  // namespace lumbung::subsidy
