#include "claims/benefit_amount.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>

#include "calculators/jkm_benefit.h"
#include "calculators/jp_estimate.h"
#include "registry/jht.h"

namespace lumbung::claims {
namespace {

using registry::Date;
using registry::Month;
using registry::Rupiah;

class Label {
 public:
  explicit Label(std::string id) { reason_.id = "claims.amount." + std::move(id); }
  Label& Text(const std::string& key, std::string value) {
    reason_.text[key] = std::move(value);
    return *this;
  }
  Label& On(const std::string& key, Date value) {
    reason_.dates[key] = value;
    return *this;
  }
  Label& Amount(const std::string& key, Rupiah value) {
    reason_.amounts[key] = value;
    return *this;
  }
  Label& Number(const std::string& key, long long value) {
    reason_.numbers[key] = value;
    return *this;
  }
  Label& Percent(const std::string& key, int bp) {
    reason_.percents[key] = bp;
    return *this;
  }
  operator Reason() const { return reason_; }

 private:
  Reason reason_;
};

void Add(BenefitAmount& out, Reason label, Rupiah amount) {
  out.lines.push_back({std::move(label), amount, false});
  out.total += amount;
}

Month MonthOf(Date day) {
  return Month{day.year(), day.month()};
}

// wage x days x bp / (10000 x days_per_month), rounded half up; exact in 128 bits.
Rupiah DaysAtShare(Rupiah monthly_wage, long long days, int bp, int days_per_month) {
  const __int128 numerator = static_cast<__int128>(monthly_wage) * days * bp;
  const __int128 denominator = static_cast<__int128>(10000) * days_per_month;
  return static_cast<Rupiah>((numerator + denominator / 2) / denominator);
}

void JhtFull(const ClaimantFacts& facts, Date today, BenefitAmount& out) {
  Add(out, Label("jht_balance").On("date", today), facts.jht_balance);
}

void JhtPartial(const ClaimAnswers& answers, const ClaimantFacts& facts,
                const registry::RuleBook& rules, Date today, BenefitAmount& out) {
  const auto wr = rules.JhtWithdrawalRulesOn(today);
  if (!wr) return;
  const int bp =
      answers.type == ClaimType::kJhtPartial30 ? wr->partial_housing_bp : wr->partial_retirement_bp;
  Add(out,
      Label(answers.type == ClaimType::kJhtPartial30 ? "jht_partial_30" : "jht_partial_10")
          .Percent("percent", bp)
          .Amount("balance", facts.jht_balance)
          .On("date", today),
      registry::ApplyRate(facts.jht_balance, bp));
}

void Jp(const ClaimantFacts& facts, const registry::RuleBook& rules, Date today,
        BenefitAmount& out) {
  // Each month's JP wage: every employer's wage up to that month's cap, added together.
  std::map<Month, Rupiah> wage_by_month;
  std::map<Month, Rupiah> paid_by_month;
  for (const auto& m : facts.months) {
    if (!m.paid || !m.jp) continue;
    const Rupiah cap =
        m.month < rules.FirstMonth() ? 0 : rules.ContributionRulesFor(m.month).jp_wage_cap;
    wage_by_month[m.month] += cap > 0 ? std::min(m.wage, cap) : m.wage;
    paid_by_month[m.month] += m.jp_amount;
  }
  const int months = static_cast<int>(wage_by_month.size());
  if (months >= calculators::kJpMinimumMonths) {
    Rupiah sum = 0;
    for (const auto& [month, wage] : wage_by_month) sum += wage;
    const Rupiah average = (sum + months / 2) / months;
    const auto limits = rules.JpLimitsFor(static_cast<int>(today.year()));
    calculators::JpEstimateInput in;
    in.contribution_months = std::min(months, 720);
    in.average_monthly_wage = average;
    if (limits) in.limits = *limits;
    const auto e = calculators::EstimateJp(in);
    out.monthly = true;
    out.lines.push_back(
        {Label("jp_formula").Number("months", months).Amount("wage", average), e.formula});
    if (e.raised_to_minimum) {
      out.lines.push_back({Label("jp_raised_to_minimum").Amount("minimum", e.monthly), e.monthly});
    } else if (e.cut_to_maximum) {
      out.lines.push_back({Label("jp_cut_to_maximum").Amount("maximum", e.monthly), e.monthly});
    }
    out.total = e.monthly;
    return;
  }
  std::vector<registry::JhtFlow> flows;
  Rupiah contributions = 0;
  for (const auto& [month, amount] : paid_by_month) {
    flows.push_back({month, amount});
    contributions += amount;
  }
  const Month through = MonthOf(today) - std::chrono::months{1};
  Rupiah total = contributions;
  if (!flows.empty() && flows.front().month <= through) {
    const auto ledger = registry::ComputeJhtLedger(
        flows, through, [&](int year) { return rules.JhtReturnBp(year); });
    total = std::max(contributions, registry::RoundRupiah(ledger.Balance()));
  }
  Add(out, Label("jp_lump_contributions").Number("months", months), contributions);
  Add(out, Label("jp_lump_returns").On("date", through / std::chrono::last), total - contributions);
}

void Jkm(const ClaimAnswers& answers, const ClaimantFacts& facts, const registry::RuleBook& rules,
         BenefitAmount& out) {
  if (!facts.death_date) return;
  const auto benefit = rules.JkmBenefitOn(*facts.death_date);
  if (!benefit) return;
  std::set<Month> paid;
  for (const auto& m : facts.months) {
    if (m.paid) paid.insert(m.month);
  }
  const auto e = calculators::ExplainJkm(*benefit, std::min(static_cast<int>(paid.size()), 720),
                                         std::clamp(answers.children_in_school, 0, 20));
  Add(out, Label("jkm_death"), e.death_lump_sum);
  Add(out, Label("jkm_periodic").Number("months", e.periodic_months), e.periodic_total);
  Add(out, Label("jkm_funeral"), e.funeral);
  if (e.scholarship_eligible) {
    out.lines.push_back({Label("jkm_scholarship").Number("children", e.scholarship_children),
                         e.scholarship_max_total, true});
  }
}

void Jkk(const ClaimAnswers& answers, const ClaimantFacts& facts, const registry::RuleBook& rules,
         BenefitAmount& out) {
  const Accident* accident = nullptr;
  for (const auto& a : facts.accidents) {
    if (answers.accident_id && a.id == *answers.accident_id) accident = &a;
  }
  if (!accident) return;
  const auto rule = rules.JkkBenefitOn(accident->date);
  if (!rule) return;
  const Rupiah wage = accident->monthly_wage;
  if (accident->fatal) {
    Add(out,
        Label("jkk_death_wage").Number("multiple", rule->death_wage_multiple).Amount("wage", wage),
        wage * rule->death_wage_multiple);
    Add(out, Label("jkk_funeral"), rule->death_funeral);
    if (rule->death_periodic_at_once) {
      Add(out, Label("jkk_periodic_at_once").Number("months", rule->death_periodic_months),
          rule->death_periodic_total);
    } else {
      const int months = std::max(rule->death_periodic_months, 1);
      Add(out,
          Label("jkk_periodic_monthly")
              .Number("months", rule->death_periodic_months)
              .Amount("per_month", rule->death_periodic_total / months),
          rule->death_periodic_total);
    }
    return;
  }
  long long days_left = accident->days_unable_to_work;
  for (const auto& step : rule->incapacity_steps) {
    if (days_left <= 0) break;
    const long long step_days =
        step.months == 0
            ? days_left
            : std::min<long long>(days_left, 1LL * step.months * rule->daily_wage_days);
    Add(out,
        Label("jkk_incapacity_step")
            .Number("days", step_days)
            .Percent("percent", step.bp)
            .Amount("wage", wage),
        DaysAtShare(wage, step_days, step.bp, rule->daily_wage_days));
    days_left -= step_days;
  }
}

void Jkp(const ClaimAnswers& answers, const ClaimantFacts& facts, const registry::RuleBook& rules,
         BenefitAmount& out) {
  const Spell* spell = nullptr;
  for (const auto& s : facts.spells) {
    if (answers.spell_id && s.id == *answers.spell_id) spell = &s;
  }
  if (!spell || !spell->end) return;
  const auto rule = rules.JkpBenefitOn(*spell->end);
  if (!rule) return;
  // The last wage the employer reported for the member, up to the month of dismissal.
  const Month dismissal = MonthOf(*spell->end);
  Rupiah last_wage = 0;
  std::optional<Month> last_month;
  for (const auto& m : facts.months) {
    if (m.employer_id != spell->employer_id || m.month > dismissal || m.wage <= 0) continue;
    if (!last_month || m.month >= *last_month) {
      last_month = m.month;
      last_wage = m.wage;
    }
  }
  const Rupiah base = rule->wage_cap > 0 ? std::min(last_wage, rule->wage_cap) : last_wage;
  int first = 1;
  for (const auto& step : rule->schedule) {
    const Rupiah per_month = registry::ApplyRate(base, step.bp);
    Add(out,
        Label(last_wage > base ? "jkp_step_capped" : "jkp_step")
            .Amount("wage", last_wage)
            .Amount("cap", rule->wage_cap)
            .Number("first", first)
            .Number("last", first + step.months - 1)
            .Number("months", step.months)
            .Percent("percent", step.bp)
            .Amount("base", base)
            .Amount("per_month", per_month),
        per_month * step.months);
    first += step.months;
  }
}

}  // namespace

BenefitAmount ComputeAmount(const ClaimAnswers& answers, const ClaimantFacts& facts,
                            const registry::RuleBook& rules, Date today) {
  BenefitAmount out;
  switch (answers.type) {
    case ClaimType::kJhtFull:
      JhtFull(facts, today, out);
      break;
    case ClaimType::kJhtPartial10:
    case ClaimType::kJhtPartial30:
      JhtPartial(answers, facts, rules, today, out);
      break;
    case ClaimType::kJp:
      Jp(facts, rules, today, out);
      break;
    case ClaimType::kJkm:
      Jkm(answers, facts, rules, out);
      break;
    case ClaimType::kJkk:
      Jkk(answers, facts, rules, out);
      break;
    case ClaimType::kJkp:
      Jkp(answers, facts, rules, out);
      break;
  }
  return out;
}

Rupiah MonthlyWageFromDaily(Rupiah daily_wage, const registry::JkkBenefit& rule) {
  return daily_wage * rule.daily_wage_days;
}

}  // namespace lumbung::claims
