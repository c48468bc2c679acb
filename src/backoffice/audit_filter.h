// The audit viewer's filter as the administrator types it (the query string of /staff/audit and
// /staff/audit.csv) and the pure checks and conversions behind it: a person named by account id
// or e-mail address, an action or an action prefix, and a range of the fund's days turned into
// the UTC bounds the log stores (core/audit/audit_query.h). Pure.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/audit/event.h"
#include "core/http/url.h"
#include "core/i18n/fund_time.h"
#include "core/view/memorable_date.h"

namespace lumbung::backoffice {

// What the filter form sent, kept as typed so that the page shows it again.
struct AuditFilterInput {
  std::string actor{}, subject{}, action{}, prefix{};
  view::DateParts from{}, to{};
};

// The filter's fields from a query string (absent fields are empty; values trimmed).
AuditFilterInput ReadAuditFilterInput(const http::Fields& query);

// The query string that gives `input` again ("actor=5&from_day=1&..."), only the fields that
// hold something, percent-encoded; "" for an empty filter. For the pager and the CSV link.
std::string AuditFilterQuery(const AuditFilterInput& input);

// A person as the filter names them: an account id ("42") or an e-mail address (lower-cased).
struct PersonRef {
  std::optional<std::int64_t> account_id{};
  std::string email{};
};
// nullopt when `text` is neither (the field's error); an id must be 1..15 digits, an address at
// most 254 bytes with one '@' and something on either side.
std::optional<PersonRef> ParsePersonRef(std::string_view text);

// Whether `text` may be an action or an action's beginning: 1..64 of [a-z0-9_.-] (the form
// lower-cases the prefix first).
bool IsActionText(std::string_view text);
std::string LowerAscii(std::string_view text);

// The moment the fund's day `day` begins, as the log stores times: the first day of December
// 2026 in WIB begins at "2026-11-30T17:00:00.000Z".
std::string DayStartTimestamp(std::chrono::year_month_day day, i18n::FundZone zone);

// The seconds since the epoch of a stored time ("2026-12-07T14:54:29.123Z"); nullopt when the
// text is not one.
std::optional<std::int64_t> EpochOfTimestamp(std::string_view timestamp);

// A whole number a pager link carries (a row id: 1..2^53); nullopt otherwise.
std::optional<std::int64_t> RowIdParam(std::string_view text);

}  // namespace lumbung::backoffice
