// An issue's message in the reader's language, from the catalogs (locale/*.po, ids
// "employers.report.*"): the row, column, cell, first row of a duplicate and amount (as
// "Rp 1.234.567" / "Rp 1,234,567") filled in. Plain text: escape it for HTML.
#pragma once

#include <string>
#include <string_view>

#include "core/i18n/catalog.h"
#include "employers/report_validation.h"

namespace lumbung::employers {

std::string IssueMessage(const Issue& issue, const i18n::Catalogs& catalogs, std::string_view lang);

// The title of the problems column added to the employer's CSV.
inline constexpr std::string_view kProblemsColumnMessageId = "employers.report.problems_column";

}  // namespace lumbung::employers
