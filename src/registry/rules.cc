#include "registry/rules.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <initializer_list>
#include <limits>
#include <sstream>

#include <nlohmann/json.hpp>

namespace lumbung::registry {
namespace {

using nlohmann::json;

constexpr int kSchemaVersion = 1;
constexpr int kMaxBasisPoints = 10000;

// Indexes into RuleBook::contribution_verified_.
enum VerifiedIndex { kJht, kJkk, kJkm, kJp, kJpCap, kJkp };

[[noreturn]] void Fail(const std::string& path, std::string_view message) {
  throw RuleError("rules: " + path + ": " + std::string(message));
}

std::string FormatMonth(Month month) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u", static_cast<int>(month.year()),
                static_cast<unsigned>(month.month()));
  return text;
}

// Only the strict ISO form, so that a typo like "2016-3-1" cannot slip through as another date.
std::optional<Date> ParseIsoDate(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  }
  const int year = std::stoi(text.substr(0, 4));
  const unsigned month = static_cast<unsigned>(std::stoi(text.substr(5, 2)));
  const unsigned day = static_cast<unsigned>(std::stoi(text.substr(8, 2)));
  const Date date{std::chrono::year{year}, std::chrono::month{month}, std::chrono::day{day}};
  if (!date.ok()) return std::nullopt;
  return date;
}

// One object in a series, read with its key path so every error can say where it is.
class Entry {
 public:
  Entry(const json& value, std::string path, std::initializer_list<std::string_view> fields)
      : value_(value), path_(std::move(path)) {
    if (!value_.is_object()) Fail(path_, "must be an object");
    for (const auto& [key, item] : value_.items()) {
      const bool annotation = key == "source" || key == "note";
      if (annotation && !item.is_string()) Fail(Key(key), "must be a string");
      if (key == "verified" && !item.is_boolean()) Fail(Key(key), "must be true or false");
      if (annotation || key == "verified") continue;
      if (std::find(fields.begin(), fields.end(), key) == fields.end()) {
        Fail(Key(key), "unknown key");
      }
    }
  }

  const std::string& path() const { return path_; }
  std::string Key(std::string_view key) const { return path_ + "." + std::string(key); }

  const json& Required(std::string_view key) const {
    auto it = value_.find(key);
    if (it == value_.end()) Fail(Key(key), "missing");
    return *it;
  }

  Date GetDate(std::string_view key) const {
    const json& item = Required(key);
    std::optional<Date> date;
    if (item.is_string()) date = ParseIsoDate(item.get<std::string>());
    if (!date) Fail(Key(key), "must be a date written YYYY-MM-DD");
    return *date;
  }

  std::int64_t GetInteger(std::string_view key, std::int64_t low, std::int64_t high,
                          std::string_view range_message) const {
    const json& item = Required(key);
    if (!item.is_number_integer()) Fail(Key(key), "must be a whole number");
    if (item.is_number_unsigned() && item.get<std::uint64_t>() > static_cast<std::uint64_t>(high)) {
      Fail(Key(key), range_message);
    }
    const std::int64_t number = item.get<std::int64_t>();
    if (number < low || number > high) Fail(Key(key), range_message);
    return number;
  }

  int GetBp(std::string_view key) const {
    return static_cast<int>(GetInteger(key, 0, kMaxBasisPoints, "must be 0 to 10000 basis points"));
  }

  Rupiah GetAmount(std::string_view key) const {
    return GetInteger(key, 0, std::numeric_limits<Rupiah>::max(),
                      "must be 0 or more rupiah (and below 2^63)");
  }

  int GetYear(std::string_view key) const {
    return static_cast<int>(GetInteger(key, 1900, 9999, "must be a year from 1900 to 9999"));
  }

  std::string GetText(std::string_view key) const {
    const json& item = Required(key);
    if (!item.is_string() || item.get<std::string>().empty()) {
      Fail(Key(key), "must be a non-empty string");
    }
    return item.get<std::string>();
  }

  bool GetFlag(std::string_view key) const {
    const json& item = Required(key);
    if (!item.is_boolean()) Fail(Key(key), "must be true or false");
    return item.get<bool>();
  }

  // A list of {"months", "bp"} steps. With `open_ended_last`, the last step may have months 0
  // (it lasts as long as the benefit is paid); every other step covers 1 to 600 months.
  std::vector<BenefitStep> GetSteps(std::string_view key, bool open_ended_last) const {
    const json& list = Required(key);
    if (!list.is_array() || list.empty()) Fail(Key(key), "must be a non-empty list");
    std::vector<BenefitStep> steps;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const Entry step(list[i], Key(key) + "[" + std::to_string(i) + "]", {"months", "bp"});
      const bool last = i + 1 == list.size();
      const int low = open_ended_last && last ? 0 : 1;
      const int months = static_cast<int>(
          step.GetInteger("months", low, 600, low == 0 ? "must be 0 to 600" : "must be 1 to 600"));
      steps.push_back({months, step.GetBp("bp")});
    }
    return steps;
  }

  bool Verified() const {
    auto it = value_.find("verified");
    return it == value_.end() || it->get<bool>();
  }

 private:
  const json& value_;
  std::string path_;
};

const json& RequireSeries(const json& root, std::string_view key) {
  auto it = root.find(key);
  if (it == root.end()) Fail(std::string(key), "missing");
  if (!it->is_array()) Fail(std::string(key), "must be a list");
  if (it->empty()) Fail(std::string(key), "must not be empty");
  return *it;
}

// Calls fn(entry, from) for each entry of a series keyed by "from" dates.
template <typename Fn>
void ForEachDated(const json& root, std::string_view key,
                  std::initializer_list<std::string_view> fields, Fn fn) {
  const json& series = RequireSeries(root, key);
  std::optional<Date> previous;
  for (std::size_t i = 0; i < series.size(); ++i) {
    Entry entry(series[i], std::string(key) + "[" + std::to_string(i) + "]", fields);
    const Date from = entry.GetDate("from");
    if (previous && from <= *previous) Fail(entry.Key("from"), "dates must increase");
    previous = from;
    fn(entry, from);
  }
}

// Calls fn(entry, year) for each entry of a series keyed by calendar year.
template <typename Fn>
void ForEachYearly(const json& root, std::string_view key,
                   std::initializer_list<std::string_view> fields, Fn fn) {
  const json& series = RequireSeries(root, key);
  std::optional<int> previous;
  for (std::size_t i = 0; i < series.size(); ++i) {
    Entry entry(series[i], std::string(key) + "[" + std::to_string(i) + "]", fields);
    const int year = entry.GetYear("year");
    if (previous && year <= *previous) Fail(entry.Key("year"), "years must increase");
    previous = year;
    fn(entry, year);
  }
}

// The first month whose first day is on or after `day`.
Month FirstWholeMonthFrom(Date day) {
  const Month month{day.year(), day.month()};
  return day.day() == std::chrono::day{1} ? month : month + std::chrono::months{1};
}

}  // namespace

RuleBook RuleBook::FromJson(std::string_view json_text) {
  json root;
  try {
    root = json::parse(json_text);
  } catch (const json::parse_error& e) {
    throw RuleError(std::string("rules: not valid JSON: ") + e.what());
  }
  if (!root.is_object()) throw RuleError("rules: the top level must be an object");

  static constexpr std::string_view kTopLevelKeys[] = {"schema",
                                                       "note",
                                                       "jht",
                                                       "jkk",
                                                       "jkm",
                                                       "jp",
                                                       "jp_wage_cap",
                                                       "jkp",
                                                       "jht_return",
                                                       "jp_benefit_limits",
                                                       "pension_age",
                                                       "jkm_benefit",
                                                       "employer_payment",
                                                       "jht_withdrawal",
                                                       "jkp_benefit",
                                                       "jkk_benefit"};
  for (const auto& [key, value] : root.items()) {
    if (std::find(std::begin(kTopLevelKeys), std::end(kTopLevelKeys), key) ==
        std::end(kTopLevelKeys)) {
      Fail(key, "unknown key");
    }
  }
  {
    auto it = root.find("schema");
    if (it == root.end()) Fail("schema", "missing");
    if (!it->is_number_integer() || it->get<std::int64_t>() != kSchemaVersion) {
      Fail("schema", "unsupported version (this build reads version 1)");
    }
  }
  if (root.contains("note") && !root["note"].is_string()) Fail("note", "must be a string");

  RuleBook book;
  auto& verified = book.contribution_verified_;

  ForEachDated(root, "jht", {"from", "worker_bp", "employer_bp"}, [&](const Entry& e, Date from) {
    book.jht_worker_bp_.entries.emplace_back(from, e.GetBp("worker_bp"));
    book.jht_employer_bp_.entries.emplace_back(from, e.GetBp("employer_bp"));
    verified[kJht].entries.emplace_back(from, e.Verified());
  });

  ForEachDated(root, "jkk",
               {"from", "very_low_bp", "low_bp", "medium_bp", "high_bp", "very_high_bp"},
               [&](const Entry& e, Date from) {
                 // Same order as RiskClass.
                 const std::array<int, kRiskClassCount> rates = {
                     e.GetBp("very_low_bp"), e.GetBp("low_bp"), e.GetBp("medium_bp"),
                     e.GetBp("high_bp"), e.GetBp("very_high_bp")};
                 book.jkk_bp_.entries.emplace_back(from, rates);
                 verified[kJkk].entries.emplace_back(from, e.Verified());
               });

  ForEachDated(root, "jkm", {"from", "bp"}, [&](const Entry& e, Date from) {
    book.jkm_bp_.entries.emplace_back(from, e.GetBp("bp"));
    verified[kJkm].entries.emplace_back(from, e.Verified());
  });

  ForEachDated(root, "jp", {"from", "worker_bp", "employer_bp"}, [&](const Entry& e, Date from) {
    book.jp_worker_bp_.entries.emplace_back(from, e.GetBp("worker_bp"));
    book.jp_employer_bp_.entries.emplace_back(from, e.GetBp("employer_bp"));
    verified[kJp].entries.emplace_back(from, e.Verified());
  });

  ForEachDated(root, "jp_wage_cap", {"from", "amount"}, [&](const Entry& e, Date from) {
    book.jp_wage_cap_.entries.emplace_back(from, e.GetAmount("amount"));
    verified[kJpCap].entries.emplace_back(from, e.Verified());
  });

  ForEachDated(root, "jkp",
               {"from", "total_bp", "government_bp", "from_jkk_bp", "from_jkm_bp", "wage_cap"},
               [&](const Entry& e, Date from) {
                 const std::array<int, 4> rates = {e.GetBp("total_bp"), e.GetBp("government_bp"),
                                                   e.GetBp("from_jkk_bp"), e.GetBp("from_jkm_bp")};
                 // The parts are where the money comes from; they must account for all of it.
                 if (rates[1] + rates[2] + rates[3] != rates[0]) {
                   Fail(e.Key("total_bp"), "must equal government_bp + from_jkk_bp + from_jkm_bp");
                 }
                 book.jkp_bp_.entries.emplace_back(from, rates);
                 book.jkp_wage_cap_.entries.emplace_back(from, e.GetAmount("wage_cap"));
                 verified[kJkp].entries.emplace_back(from, e.Verified());
               });

  ForEachYearly(root, "jht_return", {"year", "rate_bp"}, [&](const Entry& e, int year) {
    book.jht_return_bp_[year] = {e.GetBp("rate_bp"), e.Verified()};
  });

  ForEachYearly(
      root, "jp_benefit_limits", {"year", "minimum_monthly", "maximum_monthly"},
      [&](const Entry& e, int year) {
        JpBenefitLimits limits{e.GetAmount("minimum_monthly"), e.GetAmount("maximum_monthly")};
        if (limits.minimum_monthly > limits.maximum_monthly) {
          Fail(e.Key("maximum_monthly"), "must not be below minimum_monthly");
        }
        book.jp_limits_[year] = limits;
      });

  ForEachYearly(root, "pension_age", {"year", "age"}, [&](const Entry& e, int year) {
    const int age = static_cast<int>(e.GetInteger("age", 1, 120, "must be 1 to 120"));
    book.pension_age_.entries.emplace_back(
        Date{std::chrono::year{year}, std::chrono::January, std::chrono::day{1}}, age);
  });

  // Benefit amounts are optional: a fund that has not entered them gets no JKM explanation.
  if (root.contains("jkm_benefit")) {
    ForEachDated(
        root, "jkm_benefit",
        {"from", "death_lump_sum", "periodic_total", "periodic_months", "funeral",
         "scholarship_max_total", "scholarship_max_children", "scholarship_min_months"},
        [&](const Entry& e, Date from) {
          JkmBenefit b;
          b.death_lump_sum = e.GetAmount("death_lump_sum");
          b.periodic_total = e.GetAmount("periodic_total");
          b.periodic_months =
              static_cast<int>(e.GetInteger("periodic_months", 0, 600, "must be 0 to 600"));
          b.funeral = e.GetAmount("funeral");
          b.scholarship_max_total = e.GetAmount("scholarship_max_total");
          b.scholarship_max_children =
              static_cast<int>(e.GetInteger("scholarship_max_children", 0, 20, "must be 0 to 20"));
          b.scholarship_min_months =
              static_cast<int>(e.GetInteger("scholarship_min_months", 0, 720, "must be 0 to 720"));
          b.verified = e.Verified();
          book.jkm_benefit_.entries.emplace_back(from, b);
        });
  }

  // Optional too: without it the portal bills but computes no due date or fine.
  if (root.contains("employer_payment")) {
    ForEachDated(root, "employer_payment", {"from", "due_day", "late_fine_bp"},
                 [&](const Entry& e, Date from) {
                   EmployerPaymentRules rules;
                   // Up to the 28th, so that every month has the due day and "one month
                   // later" is always the same day.
                   rules.due_day =
                       static_cast<int>(e.GetInteger("due_day", 1, 28, "must be 1 to 28"));
                   rules.late_fine_bp = e.GetBp("late_fine_bp");
                   rules.verified = e.Verified();
                   book.employer_payment_.entries.emplace_back(from, rules);
                 });
  }

  // Benefit rules for claims, optional like the JKM amounts: without them the portal cannot
  // decide those claims and says so.
  if (root.contains("jht_withdrawal")) {
    ForEachDated(root, "jht_withdrawal",
                 {"from", "full_at_age", "waiting_months", "partial_min_years",
                  "partial_retirement_bp", "partial_housing_bp", "partial_only_one"},
                 [&](const Entry& e, Date from) {
                   JhtWithdrawalRules r;
                   r.full_at_age = static_cast<int>(
                       e.GetInteger("full_at_age", 0, 120, "must be 0 (pension age) to 120"));
                   r.waiting_months =
                       static_cast<int>(e.GetInteger("waiting_months", 0, 120, "must be 0 to 120"));
                   r.partial_min_years = static_cast<int>(
                       e.GetInteger("partial_min_years", 0, 80, "must be 0 to 80"));
                   r.partial_retirement_bp = e.GetBp("partial_retirement_bp");
                   r.partial_housing_bp = e.GetBp("partial_housing_bp");
                   r.partial_only_one = e.GetFlag("partial_only_one");
                   r.verified = e.Verified();
                   book.jht_withdrawal_.entries.emplace_back(from, r);
                 });
  }

  if (root.contains("jkp_benefit")) {
    ForEachDated(
        root, "jkp_benefit",
        {"from", "regulation", "schedule", "wage_cap", "qualifying_months",
         "qualifying_window_months", "consecutive_months"},
        [&](const Entry& e, Date from) {
          JkpBenefit b;
          b.regulation = e.GetText("regulation");
          b.schedule = e.GetSteps("schedule", /*open_ended_last=*/false);
          b.wage_cap = e.GetAmount("wage_cap");
          b.qualifying_window_months = static_cast<int>(
              e.GetInteger("qualifying_window_months", 1, 600, "must be 1 to 600"));
          b.qualifying_months =
              static_cast<int>(e.GetInteger("qualifying_months", 0, b.qualifying_window_months,
                                            "must be 0 to qualifying_window_months"));
          b.consecutive_months =
              static_cast<int>(e.GetInteger("consecutive_months", 0, b.qualifying_window_months,
                                            "must be 0 to qualifying_window_months"));
          b.verified = e.Verified();
          book.jkp_benefit_.entries.emplace_back(from, std::move(b));
        });
  }

  if (root.contains("jkk_benefit")) {
    ForEachDated(
        root, "jkk_benefit",
        {"from", "regulation", "death_wage_multiple", "death_funeral", "death_periodic_total",
         "death_periodic_months", "death_periodic_at_once", "incapacity_steps", "daily_wage_days"},
        [&](const Entry& e, Date from) {
          JkkBenefit b;
          b.regulation = e.GetText("regulation");
          b.death_wage_multiple =
              static_cast<int>(e.GetInteger("death_wage_multiple", 0, 1000, "must be 0 to 1000"));
          b.death_funeral = e.GetAmount("death_funeral");
          b.death_periodic_total = e.GetAmount("death_periodic_total");
          b.death_periodic_months =
              static_cast<int>(e.GetInteger("death_periodic_months", 0, 600, "must be 0 to 600"));
          b.death_periodic_at_once = e.GetFlag("death_periodic_at_once");
          b.incapacity_steps = e.GetSteps("incapacity_steps", /*open_ended_last=*/true);
          b.daily_wage_days =
              static_cast<int>(e.GetInteger("daily_wage_days", 1, 31, "must be 1 to 31"));
          b.verified = e.Verified();
          book.jkk_benefit_.entries.emplace_back(from, std::move(b));
        });
  }

  // Contributions can only be computed once every billed program has a value; JKP may start
  // later because before it existed it is simply zero.
  Date start = book.jht_worker_bp_.entries.front().first;
  for (Date first :
       {book.jkk_bp_.entries.front().first, book.jkm_bp_.entries.front().first,
        book.jp_worker_bp_.entries.front().first, book.jp_wage_cap_.entries.front().first}) {
    start = std::max(start, first);
  }
  book.first_month_ = FirstWholeMonthFrom(start);
  return book;
}

RuleBook RuleBook::LoadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw RuleError("rules: cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw RuleError("rules: cannot read " + path.string());
  try {
    return FromJson(text.str());
  } catch (const RuleError& e) {
    throw RuleError(std::string(e.what()) + " (in " + path.string() + ")");
  }
}

Month RuleBook::FirstMonth() const {
  if (!first_month_) throw RuleError("rules: no rules loaded");
  return *first_month_;
}

ContributionRules RuleBook::ContributionRulesFor(Month month) const {
  const Month first = FirstMonth();
  if (!month.ok() || month < first) {
    throw RuleError("rules: no contribution rules for " + FormatMonth(month) + "; they begin in " +
                    FormatMonth(first));
  }
  const Date day = month / 1;
  ContributionRules rules;
  rules.jht_worker_bp = *jht_worker_bp_.At(day);
  rules.jht_employer_bp = *jht_employer_bp_.At(day);
  rules.jkk_bp = *jkk_bp_.At(day);
  rules.jkm_bp = *jkm_bp_.At(day);
  rules.jp_worker_bp = *jp_worker_bp_.At(day);
  rules.jp_employer_bp = *jp_employer_bp_.At(day);
  rules.jp_wage_cap = *jp_wage_cap_.At(day);
  if (auto jkp = jkp_bp_.At(day)) {
    rules.jkp_total_bp = (*jkp)[0];
    rules.jkp_government_bp = (*jkp)[1];
    rules.jkp_from_jkk_bp = (*jkp)[2];
    rules.jkp_from_jkm_bp = (*jkp)[3];
    rules.jkp_wage_cap = *jkp_wage_cap_.At(day);
  }
  return rules;
}

bool RuleBook::ContributionRulesAreVerified(Month month) const {
  ContributionRulesFor(month);  // same errors
  const Date day = month / 1;
  return std::all_of(
      contribution_verified_.begin(), contribution_verified_.end(),
      [&](const DatedSeries<bool>& series) { return series.At(day).value_or(true); });
}

std::optional<int> RuleBook::JhtReturnBp(int year) const {
  auto it = jht_return_bp_.find(year);
  if (it == jht_return_bp_.end()) return std::nullopt;
  return it->second.first;
}

bool RuleBook::JhtReturnIsVerified(int year) const {
  auto it = jht_return_bp_.find(year);
  return it != jht_return_bp_.end() && it->second.second;
}

std::optional<JpBenefitLimits> RuleBook::JpLimitsFor(int year) const {
  auto it = jp_limits_.upper_bound(year);
  if (it == jp_limits_.begin()) return std::nullopt;
  return std::prev(it)->second;
}

std::optional<int> RuleBook::PensionAgeFor(int year) const {
  return pension_age_.At(Date{std::chrono::year{year}, std::chrono::January, std::chrono::day{1}});
}

std::optional<JkmBenefit> RuleBook::JkmBenefitOn(Date day) const {
  return jkm_benefit_.At(day);
}

std::optional<EmployerPaymentRules> RuleBook::EmployerPaymentRulesFor(Month month) const {
  if (!month.ok()) return std::nullopt;
  return employer_payment_.At(month / 1);
}

std::optional<JhtWithdrawalRules> RuleBook::JhtWithdrawalRulesOn(Date day) const {
  return jht_withdrawal_.At(day);
}

std::optional<JkpBenefit> RuleBook::JkpBenefitOn(Date dismissal) const {
  return jkp_benefit_.At(dismissal);
}

std::optional<JkkBenefit> RuleBook::JkkBenefitOn(Date accident) const {
  return jkk_benefit_.At(accident);
}

Rupiah ApplyRate(Rupiah amount, int basis_points) {
  // Work on magnitudes so the rounding is symmetric and INT64_MIN has a representable size.
  const bool negative = (amount < 0) != (basis_points < 0);
  const std::uint64_t a =
      amount < 0 ? 0 - static_cast<std::uint64_t>(amount) : static_cast<std::uint64_t>(amount);
  const std::uint64_t b = basis_points < 0 ? 0 - static_cast<std::uint64_t>(basis_points)
                                           : static_cast<std::uint64_t>(basis_points);
  // a*b/10000 = (a/10000)*b + (a%10000)*b/10000; the second product is below 10000 * 2^31,
  // so only the first can overflow, and then the result would not fit anyway.
  std::uint64_t whole = 0;
  if (__builtin_mul_overflow(a / 10000, b, &whole)) {
    throw std::overflow_error("ApplyRate: result out of range");
  }
  const std::uint64_t part = (a % 10000) * b;
  std::uint64_t result = 0;
  // A negative result may reach -2^63, a positive one only 2^63 - 1.
  const std::uint64_t limit =
      static_cast<std::uint64_t>(std::numeric_limits<Rupiah>::max()) + (negative ? 1 : 0);
  if (__builtin_add_overflow(whole, part / 10000 + (part % 10000 >= 5000 ? 1 : 0), &result) ||
      result > limit) {
    throw std::overflow_error("ApplyRate: result out of range");
  }
  // Negating in unsigned arithmetic and converting back is exact, even for -2^63.
  return static_cast<Rupiah>(negative ? 0 - result : result);
}

}  // namespace lumbung::registry
