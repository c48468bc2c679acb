// The figures the home page quotes, formatted for a language from the rules in force on a day.
#pragma once

#include <map>
#include <string>

#include "core/i18n/catalog.h"
#include "registry/rules.h"

namespace lumbung::site {

// Pure. Keys: jht_worker, jht_employer, jkk_lowest, jkk_highest, jkm, jp_worker, jp_employer,
// jp_wage_cap, jkp, as_of. Percentages use the language's decimal mark ("5,7%" / "5.7%").
std::map<std::string, std::string> ProgramRates(const registry::RuleBook& rules, registry::Date day,
                                                const std::string& lang,
                                                const i18n::Catalogs& catalogs);

// 24 bp -> "0,24%" (id) / "0.24%" (en); 200 -> "2%"; 370 -> "3,7%".
std::string FormatPercent(int basis_points, const std::string& lang);

}  // namespace lumbung::site
