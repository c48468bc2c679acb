#include "notifications/sync.h"

#include <soci/soci.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <stdexcept>

#include "core/db/transaction.h"
#include "core/i18n/fund_time.h"
#include "core/inbox/inbox.h"
#include "core/inbox/mail_preferences.h"
#include "core/mail/outbox.h"
#include "notifications/member_events.h"

namespace lumbung::notifications {
namespace {

std::int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// The aggregate FingerprintOf computes in memory, from the database.
Fingerprint LoadFingerprint(soci::session& sql, std::int64_t member_id, int since) {
  long long member = member_id, rows = 0, paid = 0, paid_periods = 0, newest = 0;
  sql << "SELECT COUNT(*), COALESCE(SUM(paid), 0), COALESCE(SUM(paid * period), 0),"
         " COALESCE(MAX(period), 0) FROM contributions WHERE member_id = :member AND"
         " period >= :since",
      soci::use(member), soci::use(since), soci::into(rows), soci::into(paid),
      soci::into(paid_periods), soci::into(newest);
  return {.rows = rows, .paid = paid, .paid_periods = paid_periods, .newest = newest};
}

std::vector<MonthStatus> LoadMonths(soci::session& sql, std::int64_t member_id, int since) {
  std::vector<MonthStatus> months;
  long long member = member_id, employer = 0, amount = 0;
  int period = 0, paid = 0;
  std::string name, due;
  soci::indicator due_indicator = soci::i_null;
  soci::statement select =
      (sql.prepare << "SELECT c.period, c.employer_id, e.name, c.paid, c.jht_worker +"
                      " c.jht_employer + c.jkk + c.jkm + c.jp_worker + c.jp_employer + c.jkp,"
                      " CAST(p.due_date AS TEXT) FROM contributions c"
                      " JOIN employers e ON e.id = c.employer_id"
                      " LEFT JOIN employer_payments p ON p.employer_id = c.employer_id AND"
                      " p.period = c.period"
                      " WHERE c.member_id = :member AND c.period >= :since"
                      " ORDER BY c.period, c.employer_id",
       soci::use(member), soci::use(since), soci::into(period), soci::into(employer),
       soci::into(name), soci::into(paid), soci::into(amount), soci::into(due, due_indicator));
  select.execute();
  while (select.fetch()) {
    months.push_back({.period = period,
                      .employer_id = employer,
                      .employer_name = name,
                      .paid = paid != 0,
                      .amount = amount,
                      .due_date = due_indicator == soci::i_ok ? due.substr(0, 10) : ""});
  }
  return months;
}

}  // namespace

std::string WibDay(std::int64_t epoch_seconds) {
  return i18n::FundDayIso(epoch_seconds);
}

SyncResult SyncMemberEvents(soci::session& sql, std::int64_t account_id, std::int64_t member_id,
                            std::string_view today, const Mailer* mailer, std::int64_t now) {
  const int today_period = PeriodOfDay(today);
  if (today_period == 0) throw std::invalid_argument("notifications: today must be YYYY-MM-DD");
  if (account_id <= 0 || member_id <= 0) return {};
  if (now == 0) now = NowSeconds();

  // The fast path: same day, same registry rows since the mark.
  const auto stored = inbox::LoadMark(sql, account_id, kMarkSource);
  const std::optional<SyncMark> mark = stored ? ParseMark(*stored) : std::nullopt;
  if (mark && mark->day == today &&
      LoadFingerprint(sql, member_id, mark->since) == mark->fingerprint) {
    return {};
  }

  SyncResult result;
  result.looked = true;
  const bool first = !stored;
  const int since = mark ? mark->since : AddMonths(today_period, -kBackfillMonths);
  // One writer at a time (SQLite: BEGIN IMMEDIATE), so the months read are the months posted.
  auto tx = db::Transaction::ForWriting(sql);
  const std::vector<MonthStatus> months = LoadMonths(sql, member_id, since);
  std::optional<std::optional<Recipient>> recipient;  // looked up once, when needed
  for (const inbox::InboxItem& item : DeriveMemberEvents(account_id, months, today)) {
    try {
      inbox::Validate(item);
    } catch (const std::invalid_argument&) {
      // Registry text the inbox cannot hold (an employer name with control characters): that
      // one notice is skipped rather than every later one blocked.
      continue;
    }
    if (!inbox::Post(sql, item)) continue;
    ++result.posted;
    // The first sync fills in recent history the member is looking at right now: no mail.
    if (first || !mailer || !mailer->catalogs ||
        !inbox::WantsMail(sql, account_id, item.category)) {
      continue;
    }
    if (!recipient)
      recipient = mailer->recipient ? mailer->recipient(sql, account_id) : std::nullopt;
    if (!*recipient) continue;
    mail::Enqueue(sql,
                  ComposeNotificationMail(*mailer->catalogs, mailer->settings, **recipient, item),
                  mailer->settings.message_id_domain);
    ++result.mailed;
  }
  SyncMark next;
  next.since = NextSince(months, since);
  next.day = std::string(today);
  next.fingerprint = FingerprintOf(months, next.since);
  inbox::SaveMark(sql, account_id, kMarkSource, FormatMark(next), now);
  tx.Commit();
  return result;
}

std::optional<std::int64_t> PostAndMail(soci::session& sql, const Mailer& mailer,
                                        const inbox::InboxItem& item) {
  const auto id = inbox::Post(sql, item);
  if (!id || !mailer.catalogs || !mailer.recipient ||
      !inbox::WantsMail(sql, item.account_id, item.category)) {
    return id;
  }
  if (const auto recipient = mailer.recipient(sql, item.account_id)) {
    mail::Enqueue(sql, ComposeNotificationMail(*mailer.catalogs, mailer.settings, *recipient, item),
                  mailer.settings.message_id_domain);
  }
  return id;
}

}  // namespace lumbung::notifications
