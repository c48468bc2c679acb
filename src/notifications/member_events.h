// The member's registry events as inbox notices: "the contribution for <month> was
// received" once a month's contribution at an employer is paid, and "the employer's payment for
// <month> is late" once an unpaid month is past the due date of the employer's bill
// (employer_payments.due_date, the 15th of the following month by law; ../shared/domain).
//
// There is no event bus: the registry's tables are the truth, and SyncMemberEvents (sync.h)
// compares them with what the member was already told. This header is the pure part: which
// notices a list of months calls for, and the small state kept between syncs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/inbox/inbox.h"

namespace lumbung::notifications {

// A new account hears about this many months before the current one (so the first visit shows
// recent news, not ten years of history).
inline constexpr int kBackfillMonths = 2;

// One of the member's contribution rows (a month at an employer), as the registry holds it.
struct MonthStatus {
  int period = 0;  // YYYYMM
  std::int64_t employer_id = 0;
  std::string employer_name{};
  bool paid = false;
  std::int64_t amount = 0;  // every program's contribution that month at that employer
  std::string due_date{};   // the employer's bill's due date, YYYY-MM-DD; empty: not billed yet
};

// The notices `months` call for on `today` (YYYY-MM-DD, Western Indonesian Time), for
// `account_id`, oldest month first (so the newest month is posted last and listed first). Each
// carries a dedupe key ("contribution.paid:<period>:<employer>",
// "payment.late:<period>:<employer>"), so deriving them again posts nothing new. A late month
// that is paid later gets both notices. created_at is left 0 (the time of posting).
std::vector<inbox::InboxItem> DeriveMemberEvents(std::int64_t account_id,
                                                 const std::vector<MonthStatus>& months,
                                                 std::string_view today);

// YYYYMM of a YYYY-MM-DD date; 0 when malformed.
int PeriodOfDay(std::string_view day);
// `period` moved by `months` (may be negative): 202601, -2 -> 202511.
int AddMonths(int period, int months);

// What the registry looked like at the last sync, in one cheap aggregate over the months still
// watched (period >= since): when it and the day are unchanged, nothing new can be found.
struct Fingerprint {
  long long rows = 0, paid = 0, paid_periods = 0;  // COUNT, SUM(paid), SUM(paid * period)
  long long newest = 0;                            // MAX(period)
  bool operator==(const Fingerprint&) const = default;
};
Fingerprint FingerprintOf(const std::vector<MonthStatus>& months, int since);

// The state kept per account between syncs (inbox::SaveMark, source kMarkSource).
inline constexpr std::string_view kMarkSource = "registry.contributions";
struct SyncMark {
  int since = 0;      // the oldest month still watched
  std::string day{};  // the day of the last full look (lateness changes with the date)
  Fingerprint fingerprint{};
  bool operator==(const SyncMark&) const = default;
};
std::string FormatMark(const SyncMark& mark);
// nullopt for anything FormatMark did not write (the next sync then starts afresh).
std::optional<SyncMark> ParseMark(std::string_view text);

// Where the watch starts next time: the oldest month still unpaid (it may be paid or become
// late), else the newest month (another employer may still report it); never before `since`.
int NextSince(const std::vector<MonthStatus>& months, int since);

}  // namespace lumbung::notifications
