// Whether a member (or their heir) may claim a benefit today, and why, in words a member
// understands. Pure: every fact comes in as ClaimantFacts (loaded by claimant_facts.h), every
// figure from the dated rules (registry::RuleBook), and "today" is the fund's day.
//
// The rules (../shared/domain/programs.md, config/rules.json):
// - JHT in full: at the JHT age (`jht_withdrawal.full_at_age`, or the pension age of the year
//   when that is 0), `waiting_months` after a job ended by resignation, dismissal or the end of
//   a contract, to the heir after the member's death, or on permanent disability (the member's
//   word, which staff check against a doctor's statement). Never with a zero balance, never
//   while the member works at that employer again, and only once (an open or paid claim blocks).
// - JHT in part (10% or 30%): after `partial_min_years` of membership counted from the day of
//   registration, while the member works (an employment spell still open), each once.
// - JP: at the pension age of the year the member reaches it, with at least one paid JP month;
//   180 months or more give a monthly pension, fewer a lump sum (benefit_amount.h).
// - JKM: to the heir of a member whose death is recorded, with the amounts in force on the day
//   of death; a death from a work accident is paid by JKK instead.
// - JKK: for an accident the employer reported (table work_accidents). The member must have
//   confirmed it; a fatal accident is claimed by the heir instead.
// - JKP: only when the employer ended the job (dismissal or the end of a contract), with the
//   rule in force on the day of dismissal and its qualifying months.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claims/claim_type.h"
#include "core/i18n/catalog.h"
#include "registry/rules.h"

namespace lumbung::claims {

// Why the member claims JHT in full (the member's answer; checked against the registry).
enum class JhtGround { kPensionAge, kJobEnded, kDeath, kPermanentDisability };

// One employment spell in the registry (employment_spells with the employer's name).
struct Spell {
  std::int64_t id = 0;
  std::int64_t employer_id = 0;
  std::string employer_name;
  registry::Date start;
  std::optional<registry::Date> end;
  std::string end_reason;  // resigned, contract_ended, dismissed, retired, died, or "" while open
};

// One employer's contribution row for one month.
struct ContributionMonth {
  registry::Month month;
  std::int64_t employer_id = 0;
  registry::Rupiah wage = 0;  // the reported wage (0 when none was reported)
  bool paid = false;
  bool jp = false;                 // JP was due (worker + employer JP above zero)
  bool jkp = false;                // JKP was due
  registry::Rupiah jp_amount = 0;  // worker + employer JP of the month
};

// One of the member's other claims. Statuses: draft, submitted, being_verified,
// more_documents, verified, approved, in_payout, payout_failed, paid, rejected, withdrawn.
struct PriorClaim {
  ClaimType type = ClaimType::kJhtFull;
  std::string status;
  std::int64_t id = 0;
};

// A work accident the employer reported (table work_accidents).
struct Accident {
  std::int64_t id = 0;
  registry::Date date;
  std::int64_t employer_id = 0;
  registry::Rupiah monthly_wage = 0;  // a daily-paid worker's is the daily wage x 30 (rules)
  bool fatal = false;
  bool confirmed_by_member = false;
  int days_unable_to_work = 0;
};

// Everything the rules read about the insured member, loaded by LoadClaimantFacts.
struct ClaimantFacts {
  registry::Date birth_date;
  registry::Date registered_on;
  std::string member_status;                 // active, inactive, deceased
  std::optional<registry::Date> death_date;  // the end of a spell ended 'died', if any
  std::vector<Spell> spells;                 // oldest first
  std::vector<ContributionMonth> months;     // oldest first
  registry::Rupiah jht_balance = 0;          // as of today, with the running year's return so far
  std::vector<PriorClaim> prior_claims;
  std::vector<Accident> accidents;
};

// What the claimant chose in the journey.
struct ClaimAnswers {
  ClaimType type = ClaimType::kJhtFull;
  std::optional<JhtGround> jht_ground;      // JHT in full
  std::optional<std::int64_t> spell_id;     // the job that ended (JHT job ended, JKP)
  std::optional<std::int64_t> accident_id;  // JKK
  bool claimant_is_heir = false;            // JKM, JKK death, JHT after death
  int children_in_school = 0;               // JKM scholarship (0..20)
  // The claim being decided, when it is already stored: never counted against itself.
  std::optional<std::int64_t> claim_id;
};

// A sentence from the catalog (`id`, claims.reason.* or claims.amount.*) with its values; the
// placeholder {{name}} is filled from whichever map holds `name`.
struct Reason {
  std::string id;
  std::map<std::string, std::string> text;          // as is (e.g. an employer's name)
  std::map<std::string, registry::Date> dates;      // "15 Januari 2027"
  std::map<std::string, registry::Rupiah> amounts;  // "Rp 1.234.567"
  std::map<std::string, long long> numbers;         // "12"
  std::map<std::string, int> percents;              // basis points: "45%", "62,5%"
  friend bool operator==(const Reason&, const Reason&) = default;
};

struct Eligibility {
  bool eligible = false;
  // When the claim is refused only because it is too early: the day it can be made, if nothing
  // else changes. nullopt when eligible, or refused for another reason.
  std::optional<registry::Date> eligible_from;
  // Why: what blocks the claim first, then what it waits for, then what makes it possible.
  std::vector<Reason> reasons;
};

Eligibility Decide(const ClaimAnswers& answers, const ClaimantFacts& facts,
                   const registry::RuleBook& rules, registry::Date today);

// A reason in plain words in the reader's language. Not escaped: the caller escapes for HTML.
std::string ExplainReason(const Reason& reason, const i18n::Catalogs& catalogs,
                          std::string_view lang);

// "Open" claims are still being handled: anything but draft, paid, rejected and withdrawn.
bool IsOpenStatus(std::string_view status);

// Dates the rules count with.
// `months` after `day`; a day the target month lacks becomes its last day (31 Jan + 1 month =
// 28 or 29 Feb). So does a birthday on 29 February in a year without one.
registry::Date AddMonths(registry::Date day, int months);
// The day a member reaches their pension age: the birthday in the first year whose pension
// age (RuleBook::PensionAgeFor) the member has reached; nullopt without pension ages.
std::optional<registry::Date> PensionDate(registry::Date birth_date,
                                          const registry::RuleBook& rules);
// "2027-01-15"; and back (strict YYYY-MM-DD, nullopt otherwise).
std::string IsoDate(registry::Date day);
std::optional<registry::Date> ParseIsoDate(std::string_view text);

}  // namespace lumbung::claims
