#include "site/program_rates.h"

#include <algorithm>

#include "core/i18n/rupiah.h"

namespace lumbung::site {

std::string FormatPercent(int bp, const std::string& lang) {
  std::string whole = std::to_string(bp / 100);
  std::string frac = std::to_string(bp % 100);
  if (frac.size() < 2) frac = "0" + frac;
  while (!frac.empty() && frac.back() == '0') frac.pop_back();
  std::string out = whole;
  if (!frac.empty()) out += (lang == "en" ? "." : ",") + frac;
  return out + "%";
}

std::map<std::string, std::string> ProgramRates(const registry::RuleBook& rules, registry::Date day,
                                                const std::string& lang,
                                                const i18n::Catalogs& catalogs) {
  const auto month = registry::Month{day.year(), day.month()};
  const auto r = rules.ContributionRulesFor(month);
  std::map<std::string, std::string> out;
  out["jht_worker"] = FormatPercent(r.jht_worker_bp, lang);
  out["jht_employer"] = FormatPercent(r.jht_employer_bp, lang);
  out["jkk_lowest"] = FormatPercent(*std::min_element(r.jkk_bp.begin(), r.jkk_bp.end()), lang);
  out["jkk_highest"] = FormatPercent(*std::max_element(r.jkk_bp.begin(), r.jkk_bp.end()), lang);
  out["jkm"] = FormatPercent(r.jkm_bp, lang);
  out["jp_worker"] = FormatPercent(r.jp_worker_bp, lang);
  out["jp_employer"] = FormatPercent(r.jp_employer_bp, lang);
  out["jp_wage_cap"] = i18n::FormatRupiah(r.jp_wage_cap, lang);
  out["jkp"] = FormatPercent(r.jkp_total_bp, lang);
  const unsigned m = static_cast<unsigned>(month.month());
  out["as_of"] = std::to_string(static_cast<unsigned>(day.day())) + " " +
                 catalogs.Get(lang, "date.months." + std::to_string(m)) + " " +
                 std::to_string(static_cast<int>(day.year()));
  return out;
}

}  // namespace lumbung::site
