#include "training/eligibility.h"

#include <algorithm>

namespace lumbung::training {

const std::vector<std::string_view>& EducationLevels() {
  static const std::vector<std::string_view> levels = {"sd", "smp", "sma", "d3", "s1", "s2"};
  return levels;
}

int EducationRank(std::string_view level) {
  const auto& all = EducationLevels();
  const auto it = std::find(all.begin(), all.end(), level);
  return it == all.end() ? -1 : static_cast<int>(it - all.begin());
}

bool IsEducationLevel(std::string_view level) {
  return EducationRank(level) >= 0;
}

int AgeOn(std::chrono::year_month_day birth, std::chrono::year_month_day on) {
  int age = static_cast<int>(on.year()) - static_cast<int>(birth.year());
  const unsigned bm = static_cast<unsigned>(birth.month()), bd = static_cast<unsigned>(birth.day());
  const unsigned om = static_cast<unsigned>(on.month()), od = static_cast<unsigned>(on.day());
  if (om < bm || (om == bm && od < bd)) --age;
  return age;
}

Decision Decide(const Requirements& r, const MemberFacts& facts,
                std::chrono::year_month_day starts_on) {
  Decision d;
  auto add = [&d](std::string id, std::map<std::string, std::string> values, bool met) {
    d.reasons.push_back({std::move(id), std::move(values), met});
    d.eligible = d.eligible && met;
  };
  if (r.min_age > 0 || r.max_age > 0) {
    const int age = AgeOn(facts.birth_date, starts_on);
    const std::string a = std::to_string(age);
    if (r.min_age > 0 && r.max_age > 0) {
      const bool met = age >= r.min_age && age <= r.max_age;
      add(met ? "training.rule.age_range_met" : "training.rule.age_range_not_met",
          {{"min", std::to_string(r.min_age)}, {"max", std::to_string(r.max_age)}, {"age", a}},
          met);
    } else if (r.min_age > 0) {
      const bool met = age >= r.min_age;
      add(met ? "training.rule.age_min_met" : "training.rule.age_min_not_met",
          {{"min", std::to_string(r.min_age)}, {"age", a}}, met);
    } else {
      const bool met = age <= r.max_age;
      add(met ? "training.rule.age_max_met" : "training.rule.age_max_not_met",
          {{"max", std::to_string(r.max_age)}, {"age", a}}, met);
    }
  }
  if (r.needs_active_membership) {
    add(facts.active_member ? "training.rule.active_met" : "training.rule.active_not_met", {},
        facts.active_member);
  }
  if (!r.min_education.empty()) {
    const bool met = EducationRank(facts.education) >= EducationRank(r.min_education) &&
                     EducationRank(facts.education) >= 0;
    add(met ? "training.rule.education_met" : "training.rule.education_not_met",
        {{"level", "training.education." + r.min_education}}, met);
  }
  if (r.jkp_first) {
    d.priority = facts.jkp_recipient;
    d.reasons.push_back(
        {facts.jkp_recipient ? "training.rule.jkp_first_yes" : "training.rule.jkp_first_no",
         {},
         true});
  }
  return d;
}

}  // namespace lumbung::training
