#include "notifications/member_events.h"

#include <algorithm>
#include <charconv>

namespace lumbung::notifications {
namespace {

std::optional<long long> Number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  long long value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

bool IsDay(std::string_view day) {
  return PeriodOfDay(day) != 0;
}

std::string ContributionsLink(int period) {
  return "/contributions?year=" + std::to_string(period / 100);
}

}  // namespace

int PeriodOfDay(std::string_view day) {
  if (day.size() != 10 || day[4] != '-' || day[7] != '-') return 0;
  const auto year = Number(day.substr(0, 4));
  const auto month = Number(day.substr(5, 2));
  const auto date = Number(day.substr(8, 2));
  if (!year || !month || !date || *year < 1000 || *month < 1 || *month > 12 || *date < 1 ||
      *date > 31) {
    return 0;
  }
  return static_cast<int>(*year * 100 + *month);
}

int AddMonths(int period, int months) {
  const int index = (period / 100) * 12 + (period % 100 - 1) + months;
  return (index / 12) * 100 + index % 12 + 1;
}

std::vector<inbox::InboxItem> DeriveMemberEvents(std::int64_t account_id,
                                                 const std::vector<MonthStatus>& months,
                                                 std::string_view today) {
  std::vector<const MonthStatus*> ordered;
  for (const auto& month : months) ordered.push_back(&month);
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto* a, const auto* b) {
    return a->period != b->period ? a->period < b->period : a->employer_id < b->employer_id;
  });
  std::vector<inbox::InboxItem> items;
  for (const MonthStatus* month : ordered) {
    const std::string period = std::to_string(month->period);
    const std::string employer = std::to_string(month->employer_id);
    // A bill past its due date: due on the 15th means late from the 16th.
    // ISO dates compare as text.
    const bool late = !month->paid && IsDay(month->due_date) && month->due_date < today;
    if (late) {
      items.push_back({.account_id = account_id,
                       .category = std::string(inbox::kPayments),
                       .message_id = "notifications.event.payment_late",
                       .values = {{"month", period},
                                  {"employer", month->employer_name},
                                  {"due_date", month->due_date}},
                       .link = ContributionsLink(month->period),
                       .dedupe_key = "payment.late:" + period + ":" + employer});
    }
    if (month->paid) {
      items.push_back({.account_id = account_id,
                       .category = std::string(inbox::kContributions),
                       .message_id = "notifications.event.contribution_received",
                       .values = {{"month", period},
                                  {"employer", month->employer_name},
                                  {"amount", std::to_string(month->amount)}},
                       .link = ContributionsLink(month->period),
                       .dedupe_key = "contribution.paid:" + period + ":" + employer});
    }
  }
  return items;
}

Fingerprint FingerprintOf(const std::vector<MonthStatus>& months, int since) {
  Fingerprint f;
  for (const auto& month : months) {
    if (month.period < since) continue;
    ++f.rows;
    if (month.paid) {
      ++f.paid;
      f.paid_periods += month.period;
    }
    f.newest = std::max<long long>(f.newest, month.period);
  }
  return f;
}

std::string FormatMark(const SyncMark& mark) {
  const Fingerprint& f = mark.fingerprint;
  return "v1 since=" + std::to_string(mark.since) + " day=" + mark.day +
         " fp=" + std::to_string(f.rows) + ":" + std::to_string(f.paid) + ":" +
         std::to_string(f.paid_periods) + ":" + std::to_string(f.newest);
}

std::optional<SyncMark> ParseMark(std::string_view text) {
  constexpr std::string_view kSince = "v1 since=", kDay = " day=", kFp = " fp=";
  if (text.substr(0, kSince.size()) != kSince) return std::nullopt;
  text.remove_prefix(kSince.size());
  const auto day_at = text.find(kDay);
  const auto fp_at = text.find(kFp);
  if (day_at == std::string_view::npos || fp_at == std::string_view::npos || fp_at < day_at) {
    return std::nullopt;
  }
  SyncMark mark;
  const auto since = Number(text.substr(0, day_at));
  if (!since || *since < 100001 || *since > 999912) return std::nullopt;
  mark.since = static_cast<int>(*since);
  mark.day = std::string(text.substr(day_at + kDay.size(), fp_at - day_at - kDay.size()));
  if (!IsDay(mark.day)) return std::nullopt;
  std::string_view fp = text.substr(fp_at + kFp.size());
  long long* parts[] = {&mark.fingerprint.rows, &mark.fingerprint.paid,
                        &mark.fingerprint.paid_periods, &mark.fingerprint.newest};
  for (std::size_t i = 0; i < 4; ++i) {
    const auto colon = fp.find(':');
    if ((i < 3) != (colon != std::string_view::npos)) return std::nullopt;
    const auto value = Number(fp.substr(0, colon));
    if (!value || *value < 0) return std::nullopt;
    *parts[i] = *value;
    fp = i < 3 ? fp.substr(colon + 1) : std::string_view();
  }
  return mark;
}

int NextSince(const std::vector<MonthStatus>& months, int since) {
  int oldest_unpaid = 0, newest = 0;
  for (const auto& month : months) {
    if (month.period < since) continue;
    if (!month.paid && (oldest_unpaid == 0 || month.period < oldest_unpaid)) {
      oldest_unpaid = month.period;
    }
    newest = std::max(newest, month.period);
  }
  if (oldest_unpaid) return std::max(since, oldest_unpaid);
  return newest ? std::max(since, newest) : since;
}

}  // namespace lumbung::notifications
