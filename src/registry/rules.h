// The fund's dated rules: rates, caps and amounts that change over time.
//
// Every figure lives in a data file (config/rules.json), never in code. Each parameter is a
// series of values with the date they take effect; a month is always computed with the values
// in force on the first day of that month. Rates are integer basis points of the wage
// (1 bp = 0.01%, so 5.7% = 570 bp); amounts are integer rupiah.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lumbung::registry {

using Rupiah = std::int64_t;
using Date = std::chrono::year_month_day;
using Month = std::chrono::year_month;

// JKK (work-accident) rate classes by the employer's risk of accidents.
enum class RiskClass { kVeryLow = 0, kLow = 1, kMedium = 2, kHigh = 3, kVeryHigh = 4 };
inline constexpr int kRiskClassCount = 5;

// Thrown for a rules file that cannot be trusted; what() names the offending key, e.g.
// "rules: jp_wage_cap[3].from: dates must increase". The file's schema: docs/rules.md.
class RuleError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The contribution parameters in force on one day.
struct ContributionRules {
  int jht_worker_bp = 0;                      // JHT paid by the worker
  int jht_employer_bp = 0;                    // JHT paid by the employer
  std::array<int, kRiskClassCount> jkk_bp{};  // by RiskClass, paid by the employer
  int jkm_bp = 0;                             // paid by the employer
  int jp_worker_bp = 0;
  int jp_employer_bp = 0;
  Rupiah jp_wage_cap = 0;  // JP is computed on min(wage, cap), per employer
  // JKP (job-loss) is not billed to the employer: part is paid by the state and part is moved
  // out of what the employer already pays for JKK and JKM. Zero before the program existed.
  int jkp_total_bp = 0;
  int jkp_government_bp = 0;
  int jkp_from_jkk_bp = 0;
  int jkp_from_jkm_bp = 0;
  Rupiah jkp_wage_cap = 0;  // JKP is computed on min(wage, cap)
};

// A value that changes on given dates. Entries are sorted by `from`, strictly increasing.
template <typename T>
struct DatedSeries {
  std::vector<std::pair<Date, T>> entries;
  // The value in force on `day`, or nullopt before the first entry.
  std::optional<T> At(Date day) const {
    const T* found = nullptr;
    for (const auto& [from, value] : entries) {
      if (from > day) break;
      found = &value;
    }
    return found ? std::optional<T>(*found) : std::nullopt;
  }
};

struct JpBenefitLimits {
  Rupiah minimum_monthly = 0;
  Rupiah maximum_monthly = 0;
};

// The JKM (death) benefit paid when a member dies (not from a work accident, which JKK covers),
// in force on the day of death. Amounts in rupiah.
struct JkmBenefit {
  Rupiah death_lump_sum = 0;
  Rupiah periodic_total = 0;  // the periodic benefit, paid at once
  int periodic_months = 0;    // the months it stands for
  Rupiah funeral = 0;
  // Scholarship for the member's children: at most `scholarship_max_children`, up to
  // `scholarship_max_total` together, when the member had `scholarship_min_months` of
  // contributions or more.
  Rupiah scholarship_max_total = 0;
  int scholarship_max_children = 0;
  int scholarship_min_months = 0;
  bool verified = true;
};

// When an employer must pay a month's contributions and what paying late costs, in force on
// the first day of the contribution month (so a month's obligation is always judged by the
// rules of that month, like its contributions).
struct EmployerPaymentRules {
  int due_day = 0;       // day of the month after the contribution month (1-28)
  int late_fine_bp = 0;  // of the unpaid amount, per month or part of a month late, simple
  bool verified = true;
};

// When and how much of the JHT balance a member may withdraw, in force on the day of the claim
// (optional series "jht_withdrawal").
struct JhtWithdrawalRules {
  // The whole balance: at `full_at_age` years; 0 means at the pension age of the year the
  // member reaches it (PensionAgeFor). Or `waiting_months` after a job ended.
  int full_at_age = 0;
  int waiting_months = 0;
  // Part of the balance while still working, after `partial_min_years` of membership: up to
  // `partial_retirement_bp` to prepare for retirement and up to `partial_housing_bp` for a
  // house, each once; when `partial_only_one` is set, taking one rules out the other.
  int partial_min_years = 0;
  int partial_retirement_bp = 0;
  int partial_housing_bp = 0;
  bool partial_only_one = false;
  bool verified = true;
};

// One step of a benefit paid as a share of the wage over time: `bp` of the wage for `months`
// months. In a schedule that runs until the member can work again, the last step may have
// `months` 0: it applies for as long as the benefit is paid.
struct BenefitStep {
  int months = 0;
  int bp = 0;
  friend bool operator==(const BenefitStep&, const BenefitStep&) = default;
};

// The JKP (job-loss) cash benefit in force on the day of DISMISSAL (optional series
// "jkp_benefit").
struct JkpBenefit {
  std::string regulation;             // e.g. "PP 6/2025", shown to the member
  std::vector<BenefitStep> schedule;  // every step has months >= 1
  Rupiah wage_cap = 0;                // the wage base is min(last wage, cap)
  // Qualifying: `qualifying_months` months of contributions within the `qualifying_window_months`
  // months before dismissal, and the last `consecutive_months` months before it all paid.
  int qualifying_months = 0;
  int qualifying_window_months = 0;
  int consecutive_months = 0;
  bool verified = true;
};

// The JKK (work-accident) cash benefits in force on the day of the ACCIDENT (optional series
// "jkk_benefit").
struct JkkBenefit {
  std::string regulation;
  // Death from a work accident: `death_wage_multiple` x the monthly wage, plus the funeral
  // allowance and the periodic benefit (`death_periodic_total` standing for
  // `death_periodic_months` monthly payments; paid at once when `death_periodic_at_once`).
  int death_wage_multiple = 0;
  Rupiah death_funeral = 0;
  Rupiah death_periodic_total = 0;
  int death_periodic_months = 0;
  bool death_periodic_at_once = false;
  // Temporary incapacity to work (STMB): the wage share month by month while the member cannot
  // work; the last step may run open-ended (months 0).
  std::vector<BenefitStep> incapacity_steps;
  // A daily-paid worker's monthly wage is the daily wage times this many days.
  int daily_wage_days = 0;
  bool verified = true;
};

class RuleBook {
 public:
  // Parses and validates the JSON rules text. Throws RuleError naming the bad key.
  static RuleBook FromJson(std::string_view json_text);
  // Reads and parses a rules file. Throws RuleError (also for an unreadable file).
  static RuleBook LoadFile(const std::filesystem::path& path);

  // The contribution parameters for a month (in force on its first day).
  // Throws RuleError when the month is before the rules begin.
  ContributionRules ContributionRulesFor(Month month) const;
  // The first month for which contribution rules exist.
  Month FirstMonth() const;

  // The JHT development return credited for a calendar year, in bp (7.19% = 719), if declared.
  std::optional<int> JhtReturnBp(int year) const;
  // False when the year's figure is marked unverified in the rules file (shown as such in the
  // UI), or when no figure is declared for the year.
  bool JhtReturnIsVerified(int year) const;

  // False when any figure used for the month (including JKP when in force) is marked unverified.
  // Throws RuleError like ContributionRulesFor.
  bool ContributionRulesAreVerified(Month month) const;

  // The limits in force in `year`: the latest entry for that year or an earlier one.
  std::optional<JpBenefitLimits> JpLimitsFor(int year) const;
  // Pension age (years) for a member reaching it in `year`.
  std::optional<int> PensionAgeFor(int year) const;
  // The JKM benefit in force on `day` (optional series "jkm_benefit"; nullopt before it).
  std::optional<JkmBenefit> JkmBenefitOn(Date day) const;
  // The due day and late fine for a contribution month (optional series "employer_payment";
  // nullopt when the file has none or the month is before its first entry).
  std::optional<EmployerPaymentRules> EmployerPaymentRulesFor(Month month) const;
  // The JHT withdrawal rules in force on the day of a claim (optional series "jht_withdrawal").
  std::optional<JhtWithdrawalRules> JhtWithdrawalRulesOn(Date day) const;
  // The JKP benefit for a member dismissed on `dismissal` (optional series "jkp_benefit").
  std::optional<JkpBenefit> JkpBenefitOn(Date dismissal) const;
  // The JKK benefits for an accident on `accident` (optional series "jkk_benefit").
  std::optional<JkkBenefit> JkkBenefitOn(Date accident) const;

 private:
  DatedSeries<int> jht_worker_bp_, jht_employer_bp_, jkm_bp_, jp_worker_bp_, jp_employer_bp_;
  DatedSeries<std::array<int, kRiskClassCount>> jkk_bp_;
  DatedSeries<Rupiah> jp_wage_cap_, jkp_wage_cap_;
  DatedSeries<std::array<int, 4>> jkp_bp_;             // total, government, from JKK, from JKM
  std::map<int, std::pair<int, bool>> jht_return_bp_;  // year -> (bp, verified)
  std::map<int, JpBenefitLimits> jp_limits_;           // year -> limits in force that year
  DatedSeries<int> pension_age_;  // keyed by 1 January of the year it starts to apply
  DatedSeries<JkmBenefit> jkm_benefit_;
  DatedSeries<EmployerPaymentRules> employer_payment_;
  DatedSeries<JhtWithdrawalRules> jht_withdrawal_;
  DatedSeries<JkpBenefit> jkp_benefit_;
  DatedSeries<JkkBenefit> jkk_benefit_;
  // Whether each contribution entry is verified, parallel to the series above (jht, jkk, jkm,
  // jp, jp_wage_cap, jkp in that order).
  std::array<DatedSeries<bool>, 6> contribution_verified_;
  std::optional<Month> first_month_;  // nullopt only for a default-constructed book
};

// amount x bp / 10000, rounded half up to the rupiah, exact integer arithmetic.
// The fund's rounding rule: each program's amount is rounded on its own, per month.
// Negative results round half away from zero, so ApplyRate(-a, bp) == -ApplyRate(a, bp).
// Exact for every amount whose result fits; throws std::overflow_error otherwise.
Rupiah ApplyRate(Rupiah amount, int basis_points);

}  // namespace lumbung::registry
