#include "employers/issue_message.h"

#include <map>

#include "core/i18n/rupiah.h"

namespace lumbung::employers {

std::string IssueMessage(const Issue& issue, const i18n::Catalogs& catalogs,
                         std::string_view lang) {
  std::map<std::string, std::string> values = {{"row", std::to_string(issue.row_number)},
                                               {"column", issue.field_name},
                                               {"cell", issue.cell}};
  if (issue.first_row) values["first_row"] = std::to_string(*issue.first_row);
  if (issue.amount) values["amount"] = i18n::FormatRupiah(*issue.amount, lang);
  return catalogs.Format(lang, IssueMessageId(issue.code), values);
}

}  // namespace lumbung::employers
