// An inbox item as the reader sees it, in the language of the page (or of the mail): pure.
//
// Values are stored as plain text in a neutral form and formatted here by their name, so a
// notice posted while the member browsed in Indonesian reads naturally in English later:
//   "month"  or "*_month"   YYYYMM      -> "Maret 2026" / "March 2026"
//   "date"   or "*_date"    YYYY-MM-DD  -> "15 April 2026"
//   "amount" or "*_amount"  whole rupiah -> "Rp 1.234.567" / "Rp 1,234,567"
// A value that does not have its name's form is shown as written (never throws).
#pragma once

#include <map>
#include <string>

#include "core/i18n/catalog.h"
#include "core/inbox/inbox.h"

namespace lumbung::inbox {

// The values with months, dates and amounts formatted for `lang`.
std::map<std::string, std::string> DisplayValues(const i18n::Catalogs& catalogs,
                                                 const std::string& lang,
                                                 const std::map<std::string, std::string>& values);

// The item's message in `lang` with its values filled in (plain text: escape it for HTML).
std::string RenderMessage(const i18n::Catalogs& catalogs, const std::string& lang,
                          const InboxItem& item);

// 202603 -> "Maret 2026" (id) / "March 2026" (en); the number as written when it is not a
// month.
std::string MonthText(const i18n::Catalogs& catalogs, const std::string& lang, int period);

}  // namespace lumbung::inbox
