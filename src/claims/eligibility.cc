#include "claims/eligibility.h"

#include <algorithm>
#include <cstdio>
#include <set>
#include <utility>

#include "calculators/jp_estimate.h"
#include "core/i18n/day_text.h"
#include "core/i18n/rupiah.h"

namespace lumbung::claims {
namespace {

using registry::Date;
using registry::Month;
using std::chrono::days;
using std::chrono::sys_days;

// Builds a Reason with its placeholder values.
class Because {
 public:
  explicit Because(std::string id) { reason_.id = "claims.reason." + std::move(id); }
  Because& Text(const std::string& key, std::string value) {
    reason_.text[key] = std::move(value);
    return *this;
  }
  Because& On(const std::string& key, Date value) {
    reason_.dates[key] = value;
    return *this;
  }
  Because& Number(const std::string& key, long long value) {
    reason_.numbers[key] = value;
    return *this;
  }
  Because& Percent(const std::string& key, int bp) {
    reason_.percents[key] = bp;
    return *this;
  }
  operator Reason() const { return reason_; }

 private:
  Reason reason_;
};

// What a decision gathers before it is told: hard blocks, a day to wait for, and the facts
// that make the claim possible.
class Verdict {
 public:
  void Block(Reason reason) { blocked_.push_back(std::move(reason)); }
  // The claim waits until `from` (when that is after today), or is met already.
  void WaitOrMet(Date today, Date from, Reason waiting, Reason met) {
    if (today < from) {
      waits_.push_back(std::move(waiting));
      wait_until_ = wait_until_ ? std::max(*wait_until_, from) : from;
    } else {
      met_.push_back(std::move(met));
    }
  }
  void Met(Reason reason) { met_.push_back(std::move(reason)); }

  Eligibility Finish() && {
    Eligibility e;
    e.eligible = blocked_.empty() && waits_.empty();
    if (blocked_.empty() && !waits_.empty()) e.eligible_from = wait_until_;
    for (auto* list : {&blocked_, &waits_, &met_}) {
      for (auto& r : *list) e.reasons.push_back(std::move(r));
    }
    return e;
  }

 private:
  std::vector<Reason> blocked_, waits_, met_;
  std::optional<Date> wait_until_;
};

bool Counts(const PriorClaim& prior, const ClaimAnswers& answers) {
  return !(answers.claim_id && *answers.claim_id == prior.id);
}

// A claim of this type that is being handled or was paid: the benefit is taken.
bool Taken(const ClaimantFacts& facts, const ClaimAnswers& answers, ClaimType type) {
  return std::any_of(facts.prior_claims.begin(), facts.prior_claims.end(), [&](const auto& p) {
    return p.type == type && Counts(p, answers) && (IsOpenStatus(p.status) || p.status == "paid");
  });
}

// A claim of this type still being handled (benefits that can be claimed again later, for
// another accident or another dismissal, wait only for the one in progress).
bool InProgress(const ClaimantFacts& facts, const ClaimAnswers& answers, ClaimType type) {
  return std::any_of(facts.prior_claims.begin(), facts.prior_claims.end(), [&](const auto& p) {
    return p.type == type && Counts(p, answers) && IsOpenStatus(p.status);
  });
}

const Spell* FindSpell(const ClaimantFacts& facts, std::optional<std::int64_t> id) {
  if (!id) return nullptr;
  for (const auto& s : facts.spells) {
    if (s.id == *id) return &s;
  }
  return nullptr;
}

bool WorksNow(const ClaimantFacts& facts) {
  return std::any_of(facts.spells.begin(), facts.spells.end(),
                     [](const Spell& s) { return !s.end.has_value(); });
}

// Distinct months with a paid contribution that satisfies `pick`.
template <typename Pick>
std::set<Month> PaidMonths(const ClaimantFacts& facts, Pick pick) {
  std::set<Month> months;
  for (const auto& m : facts.months) {
    if (m.paid && pick(m)) months.insert(m.month);
  }
  return months;
}

Month MonthOf(Date day) {
  return Month{day.year(), day.month()};
}

// The day the member reaches `age`.
Date Birthday(Date birth, int age) {
  return AddMonths(birth, age * 12);
}

void NeedHeir(const ClaimAnswers& answers, const ClaimantFacts& facts, Verdict& v) {
  if (!answers.claimant_is_heir) v.Block(Because("heir_only"));
  if (!facts.death_date) v.Block(Because("death_not_recorded"));
}

void DecideJhtFull(const ClaimAnswers& answers, const ClaimantFacts& facts,
                   const registry::RuleBook& rules, Date today, Verdict& v) {
  const auto wr = rules.JhtWithdrawalRulesOn(today);
  if (!wr) return v.Block(Because("rules_missing"));
  if (Taken(facts, answers, ClaimType::kJhtFull)) v.Block(Because("jht_full_taken"));
  if (facts.jht_balance <= 0) v.Block(Because("jht_balance_zero"));
  if (!answers.jht_ground) return v.Block(Because("ground_missing"));
  switch (*answers.jht_ground) {
    case JhtGround::kPensionAge: {
      std::optional<Date> from;
      int age = wr->full_at_age;
      if (age > 0) {
        from = Birthday(facts.birth_date, age);
      } else if ((from = PensionDate(facts.birth_date, rules))) {
        age = static_cast<int>(from->year()) - static_cast<int>(facts.birth_date.year());
      }
      if (!from) return v.Block(Because("rules_missing"));
      v.WaitOrMet(today, *from, Because("jht_age_not_yet").Number("age", age).On("date", *from),
                  Because("jht_age_reached").Number("age", age).On("date", *from));
      return;
    }
    case JhtGround::kJobEnded: {
      const Spell* spell = FindSpell(facts, answers.spell_id);
      if (!spell) return v.Block(Because("spell_missing"));
      if (!spell->end) {
        return v.Block(Because("jht_job_still_open").Text("employer", spell->employer_name));
      }
      // The domain's "resignation or dismissal" names who ended the job; a fixed-term contract
      // that runs out is an ended job the member did not choose to keep, paid like a
      // dismissal: Permenaker 19/2015 pays JHT to every member who stopped working by resigning
      // or by the end of the employment relationship. Retirement has its own ground (pension
      // age) and death is claimed by the heir.
      const std::string& why = spell->end_reason;
      if (why == "retired") {
        return v.Block(Because("jht_job_retired").Text("employer", spell->employer_name));
      }
      if (why == "died") return v.Block(Because("jht_job_died"));
      if (why != "resigned" && why != "dismissed" && why != "contract_ended") {
        return v.Block(Because("jht_job_not_ended").Text("employer", spell->employer_name));
      }
      const bool back_there = std::any_of(facts.spells.begin(), facts.spells.end(), [&](auto& s) {
        return s.employer_id == spell->employer_id && !s.end && s.start > *spell->end;
      });
      if (back_there) {
        return v.Block(Because("jht_job_rehired").Text("employer", spell->employer_name));
      }
      const Date from = AddMonths(*spell->end, wr->waiting_months);
      v.WaitOrMet(today, from,
                  Because("jht_job_wait")
                      .Text("employer", spell->employer_name)
                      .On("ended", *spell->end)
                      .On("date", from)
                      .Number("months", wr->waiting_months),
                  Because("jht_job_ended")
                      .Text("employer", spell->employer_name)
                      .On("ended", *spell->end)
                      .Number("months", wr->waiting_months));
      return;
    }
    case JhtGround::kDeath:
      NeedHeir(answers, facts, v);
      if (answers.claimant_is_heir && facts.death_date) {
        v.Met(Because("jht_death").On("date", *facts.death_date));
      }
      return;
    case JhtGround::kPermanentDisability:
      v.Met(Because("jht_disability_doctor"));
      return;
  }
}

void DecideJhtPartial(const ClaimAnswers& answers, const ClaimantFacts& facts,
                      const registry::RuleBook& rules, Date today, Verdict& v) {
  const auto wr = rules.JhtWithdrawalRulesOn(today);
  if (!wr) return v.Block(Because("rules_missing"));
  const bool housing = answers.type == ClaimType::kJhtPartial30;
  const int bp = housing ? wr->partial_housing_bp : wr->partial_retirement_bp;
  const ClaimType other = housing ? ClaimType::kJhtPartial10 : ClaimType::kJhtPartial30;
  const int other_bp = housing ? wr->partial_retirement_bp : wr->partial_housing_bp;
  if (Taken(facts, answers, answers.type)) {
    v.Block(Because("jht_partial_taken").Percent("percent", bp));
  }
  if (wr->partial_only_one && Taken(facts, answers, other)) {
    v.Block(Because("jht_partial_other_taken").Percent("percent", other_bp));
  }
  if (Taken(facts, answers, ClaimType::kJhtFull)) v.Block(Because("jht_full_taken"));
  if (facts.jht_balance <= 0) v.Block(Because("jht_balance_zero"));
  if (!WorksNow(facts)) v.Block(Because("jht_partial_not_working"));
  const Date from = AddMonths(facts.registered_on, wr->partial_min_years * 12);
  v.WaitOrMet(today, from,
              Because("jht_partial_wait")
                  .Number("years", wr->partial_min_years)
                  .On("since", facts.registered_on)
                  .On("date", from),
              Because("jht_partial_membership")
                  .Number("years", wr->partial_min_years)
                  .On("since", facts.registered_on));
}

void DecideJp(const ClaimAnswers& answers, const ClaimantFacts& facts,
              const registry::RuleBook& rules, Date today, Verdict& v) {
  // A survivor's pension needs the family's documents at a branch office.
  if (answers.claimant_is_heir) return v.Block(Because("jp_heir_branch"));
  if (Taken(facts, answers, ClaimType::kJp)) v.Block(Because("jp_taken"));
  const auto months = PaidMonths(facts, [](const ContributionMonth& m) { return m.jp; });
  if (months.empty()) v.Block(Because("jp_no_months"));
  const auto from = PensionDate(facts.birth_date, rules);
  if (!from) return v.Block(Because("rules_missing"));
  const int age = static_cast<int>(from->year()) - static_cast<int>(facts.birth_date.year());
  v.WaitOrMet(today, *from, Because("jp_age_not_yet").Number("age", age).On("date", *from),
              Because("jp_age_reached").Number("age", age).On("date", *from));
  if (months.empty()) return;
  const long long count = static_cast<long long>(months.size());
  if (count >= calculators::kJpMinimumMonths) {
    v.Met(Because("jp_monthly").Number("months", count));
  } else {
    v.Met(Because("jp_lump_sum")
              .Number("months", count)
              .Number("needed", calculators::kJpMinimumMonths));
  }
}

void DecideJkm(const ClaimAnswers& answers, const ClaimantFacts& facts,
               const registry::RuleBook& rules, Date, Verdict& v) {
  NeedHeir(answers, facts, v);
  if (!facts.death_date) return;
  const Date death = *facts.death_date;
  for (const auto& a : facts.accidents) {
    if (a.fatal && a.date <= death) return v.Block(Because("jkm_accident_jkk").On("date", a.date));
  }
  const auto benefit = rules.JkmBenefitOn(death);
  if (!benefit) return v.Block(Because("rules_missing_on").On("date", death));
  if (Taken(facts, answers, ClaimType::kJkm)) v.Block(Because("jkm_taken"));
  v.Met(Because("jkm_death").On("date", death));
  const long long months =
      static_cast<long long>(PaidMonths(facts, [](const auto&) { return true; }).size());
  if (months >= benefit->scholarship_min_months) {
    v.Met(Because("jkm_scholarship_yes")
              .Number("months", months)
              .Number("children", benefit->scholarship_max_children));
  } else {
    v.Met(Because("jkm_scholarship_no")
              .Number("months", months)
              .Number("needed", benefit->scholarship_min_months));
  }
}

void DecideJkk(const ClaimAnswers& answers, const ClaimantFacts& facts,
               const registry::RuleBook& rules, Date, Verdict& v) {
  if (!answers.accident_id) return v.Block(Because("jkk_accident_missing"));
  const Accident* accident = nullptr;
  for (const auto& a : facts.accidents) {
    if (a.id == *answers.accident_id) accident = &a;
  }
  if (!accident) return v.Block(Because("jkk_accident_missing"));
  const auto benefit = rules.JkkBenefitOn(accident->date);
  if (!benefit) return v.Block(Because("rules_missing_on").On("date", accident->date));
  if (InProgress(facts, answers, ClaimType::kJkk)) v.Block(Because("jkk_in_progress"));
  if (accident->fatal) {
    // The member cannot confirm a fatal accident; staff check it with the heir's documents.
    if (!answers.claimant_is_heir) return v.Block(Because("heir_only"));
    v.Met(Because("jkk_death").On("date", accident->date).Text("regulation", benefit->regulation));
    return;
  }
  if (answers.claimant_is_heir) return v.Block(Because("jkk_heir_not_fatal"));
  if (!accident->confirmed_by_member) {
    v.Block(Because("jkk_not_confirmed").On("date", accident->date));
  }
  if (accident->days_unable_to_work <= 0) return v.Block(Because("jkk_no_cash"));
  v.Met(Because("jkk_incapacity")
            .On("date", accident->date)
            .Number("days", accident->days_unable_to_work)
            .Text("regulation", benefit->regulation));
}

void DecideJkp(const ClaimAnswers& answers, const ClaimantFacts& facts,
               const registry::RuleBook& rules, Date, Verdict& v) {
  const Spell* spell = FindSpell(facts, answers.spell_id);
  if (!spell) return v.Block(Because("spell_missing"));
  if (!spell->end) {
    return v.Block(Because("jkp_still_working").Text("employer", spell->employer_name));
  }
  // JKP replaces a wage the employer took away: resignation, retirement, death and
  // disability do not qualify.
  const std::string& why = spell->end_reason;
  if (why != "dismissed" && why != "contract_ended") {
    const std::string id = why == "resigned"  ? "jkp_not_resigned"
                           : why == "retired" ? "jkp_not_retired"
                           : why == "died"    ? "jkp_not_died"
                                              : "jkp_not_dismissed";
    return v.Block(Because(id).Text("employer", spell->employer_name));
  }
  const Date dismissal = *spell->end;
  const auto benefit = rules.JkpBenefitOn(dismissal);
  if (!benefit) return v.Block(Because("jkp_no_program").On("date", dismissal));
  if (InProgress(facts, answers, ClaimType::kJkp)) v.Block(Because("jkp_in_progress"));
  // The months counted are the calendar months before the month of dismissal: the month in
  // which the job ended may not have been paid in full.
  const Month month = MonthOf(dismissal);
  const auto paid = PaidMonths(facts, [](const ContributionMonth& m) { return m.jkp; });
  long long in_window = 0;
  for (int i = 1; i <= benefit->qualifying_window_months; ++i) {
    in_window += paid.count(month - std::chrono::months{i});
  }
  bool consecutive = true;
  for (int i = 1; i <= benefit->consecutive_months; ++i) {
    consecutive = consecutive && paid.count(month - std::chrono::months{i});
  }
  if (in_window < benefit->qualifying_months) {
    v.Block(Because("jkp_too_few_months")
                .Number("count", in_window)
                .Number("needed", benefit->qualifying_months)
                .Number("window", benefit->qualifying_window_months));
  }
  if (!consecutive) {
    v.Block(Because("jkp_not_consecutive").Number("needed", benefit->consecutive_months));
  }
  if (in_window >= benefit->qualifying_months && consecutive) {
    v.Met(Because("jkp_qualifies")
              .Text("employer", spell->employer_name)
              .On("date", dismissal)
              .Text("regulation", benefit->regulation)
              .Number("count", in_window)
              .Number("window", benefit->qualifying_window_months));
  }
}

std::string PercentText(int bp, std::string_view lang) {
  std::string text = std::to_string(bp / 100);
  if (bp % 100 != 0) {
    char decimals[8];
    std::snprintf(decimals, sizeof decimals, "%02d", bp % 100);
    std::string fraction = decimals;
    if (fraction.back() == '0') fraction.pop_back();
    text += (lang == "en" ? "." : ",") + fraction;
  }
  return text + "%";
}

}  // namespace

bool IsOpenStatus(std::string_view status) {
  return status != "draft" && status != "paid" && status != "rejected" && status != "withdrawn";
}

Date AddMonths(Date day, int months) {
  const Month target = MonthOf(day) + std::chrono::months{months};
  const Date last = target.year() / target.month() / std::chrono::last;
  return day.day() > last.day() ? last : Date{target.year(), target.month(), day.day()};
}

std::optional<Date> PensionDate(Date birth_date, const registry::RuleBook& rules) {
  const int born = static_cast<int>(birth_date.year());
  // Years before the first pension age entry use the first age the rules know.
  std::optional<int> first_known;
  int first_known_year = 0;
  for (int year = born + 1; year <= born + 200 && !first_known; ++year) {
    if ((first_known = rules.PensionAgeFor(year))) first_known_year = year;
  }
  if (!first_known) return std::nullopt;
  for (int year = born + 1; year <= born + 200; ++year) {
    const int age = year < first_known_year ? *first_known : *rules.PensionAgeFor(year);
    if (year - born >= age) return AddMonths(birth_date, (year - born) * 12);
  }
  return std::nullopt;
}

std::string IsoDate(Date day) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return text;
}

std::optional<Date> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const std::size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (std::size_t i = starts[p]; i < starts[p] + lengths[p]; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      parts[p] = parts[p] * 10 + (text[i] - '0');
    }
  }
  const Date day{std::chrono::year{parts[0]}, std::chrono::month{static_cast<unsigned>(parts[1])},
                 std::chrono::day{static_cast<unsigned>(parts[2])}};
  if (!day.ok()) return std::nullopt;
  return day;
}

Eligibility Decide(const ClaimAnswers& answers, const ClaimantFacts& facts,
                   const registry::RuleBook& rules, Date today) {
  Verdict v;
  switch (answers.type) {
    case ClaimType::kJhtFull:
      DecideJhtFull(answers, facts, rules, today, v);
      break;
    case ClaimType::kJhtPartial10:
    case ClaimType::kJhtPartial30:
      DecideJhtPartial(answers, facts, rules, today, v);
      break;
    case ClaimType::kJp:
      DecideJp(answers, facts, rules, today, v);
      break;
    case ClaimType::kJkm:
      DecideJkm(answers, facts, rules, today, v);
      break;
    case ClaimType::kJkk:
      DecideJkk(answers, facts, rules, today, v);
      break;
    case ClaimType::kJkp:
      DecideJkp(answers, facts, rules, today, v);
      break;
  }
  return std::move(v).Finish();
}

std::string ExplainReason(const Reason& reason, const i18n::Catalogs& catalogs,
                          std::string_view lang) {
  std::map<std::string, std::string> values = reason.text;
  for (const auto& [key, day] : reason.dates) {
    values[key] = i18n::DayText(catalogs, lang, IsoDate(day));
  }
  for (const auto& [key, amount] : reason.amounts) values[key] = i18n::FormatRupiah(amount, lang);
  for (const auto& [key, number] : reason.numbers) values[key] = std::to_string(number);
  for (const auto& [key, bp] : reason.percents) values[key] = PercentText(bp, lang);
  return catalogs.Format(lang, reason.id, values);
}

}  // namespace lumbung::claims
