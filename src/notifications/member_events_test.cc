#include "notifications/member_events.h"

#include <gtest/gtest.h>

namespace lumbung::notifications {
namespace {

MonthStatus Month(int period, bool paid, std::string due = "", std::int64_t employer = 17,
                  std::string name = "PT Maju Jaya") {
  return {.period = period,
          .employer_id = employer,
          .employer_name = std::move(name),
          .paid = paid,
          .amount = 1'234'567,
          .due_date = std::move(due)};
}

std::vector<std::string> Keys(const std::vector<inbox::InboxItem>& items) {
  std::vector<std::string> keys;
  for (const auto& item : items) keys.push_back(item.dedupe_key);
  return keys;
}

TEST(MemberEventsTest, APaidMonthIsReceivedAndAnUnpaidOnePastItsDueDateIsLate) {
  const auto items = DeriveMemberEvents(
      5, {Month(202608, true, "2026-09-15"), Month(202609, false, "2026-10-15")}, "2026-11-28");
  ASSERT_EQ(items.size(), 2u);
  const inbox::InboxItem& received = items[0];
  EXPECT_EQ(received.account_id, 5);
  EXPECT_EQ(received.category, "contributions");
  EXPECT_EQ(received.message_id, "notifications.event.contribution_received");
  EXPECT_EQ(received.values,
            (std::map<std::string, std::string>{
                {"month", "202608"}, {"employer", "PT Maju Jaya"}, {"amount", "1234567"}}));
  EXPECT_EQ(received.link, "/contributions?year=2026");
  EXPECT_EQ(received.dedupe_key, "contribution.paid:202608:17");
  EXPECT_EQ(received.created_at, 0) << "posted now";
  const inbox::InboxItem& late = items[1];
  EXPECT_EQ(late.category, "payments");
  EXPECT_EQ(late.message_id, "notifications.event.payment_late");
  EXPECT_EQ(late.values,
            (std::map<std::string, std::string>{
                {"month", "202609"}, {"employer", "PT Maju Jaya"}, {"due_date", "2026-10-15"}}));
  EXPECT_EQ(late.dedupe_key, "payment.late:202609:17");
  for (const auto& item : items) EXPECT_NO_THROW(inbox::Validate(item));
}

TEST(MemberEventsTest, LateOnlyAfterTheDueDay) {
  const std::vector<MonthStatus> october = {Month(202610, false, "2026-11-15")};
  EXPECT_TRUE(DeriveMemberEvents(5, october, "2026-11-14").empty());
  EXPECT_TRUE(DeriveMemberEvents(5, october, "2026-11-15").empty()) << "due today: still in time";
  EXPECT_EQ(Keys(DeriveMemberEvents(5, october, "2026-11-16")),
            std::vector<std::string>{"payment.late:202610:17"});
  // No bill yet (or a malformed date): nothing to say.
  EXPECT_TRUE(DeriveMemberEvents(5, {Month(202610, false, "")}, "2027-01-01").empty());
  EXPECT_TRUE(DeriveMemberEvents(5, {Month(202610, false, "15-11-2026")}, "2027-01-01").empty());
}

TEST(MemberEventsTest, EachEmployerIsItsOwnEventOldestMonthFirst) {
  const auto items = DeriveMemberEvents(
      5,
      {Month(202610, true, "2026-11-15", 30, "CV Sumber Rejeki"),
       Month(202609, false, "2026-10-15", 30, "CV Sumber Rejeki"),
       Month(202610, false, "2026-11-15", 17), Month(202609, true, "2026-10-15", 17)},
      "2026-11-28");
  EXPECT_EQ(Keys(items),
            (std::vector<std::string>{"contribution.paid:202609:17", "payment.late:202609:30",
                                      "payment.late:202610:17", "contribution.paid:202610:30"}));
}

TEST(MemberEventsTest, DerivingAgainGivesTheSameKeysSoNothingIsPostedTwice) {
  const std::vector<MonthStatus> months = {Month(202608, true, "2026-09-15"),
                                           Month(202609, false, "2026-10-15")};
  EXPECT_EQ(Keys(DeriveMemberEvents(5, months, "2026-11-28")),
            Keys(DeriveMemberEvents(5, months, "2026-11-29")));
  // A late month paid later: its receipt is a new event; the late notice keeps its key.
  const auto paid_later = DeriveMemberEvents(
      5, {Month(202608, true, "2026-09-15"), Month(202609, true, "2026-10-15")}, "2026-12-01");
  EXPECT_EQ(Keys(paid_later), (std::vector<std::string>{"contribution.paid:202608:17",
                                                        "contribution.paid:202609:17"}));
}

TEST(MemberEventsTest, NoMonthsNoEvents) {
  EXPECT_TRUE(DeriveMemberEvents(5, {}, "2026-11-28").empty());
}

TEST(MemberEventsTest, Periods) {
  EXPECT_EQ(PeriodOfDay("2026-11-28"), 202611);
  EXPECT_EQ(PeriodOfDay("2026-13-01"), 0);
  EXPECT_EQ(PeriodOfDay("2026-1-01"), 0);
  EXPECT_EQ(PeriodOfDay(""), 0);
  EXPECT_EQ(AddMonths(202611, -kBackfillMonths), 202609);
  EXPECT_EQ(AddMonths(202601, -2), 202511);
  EXPECT_EQ(AddMonths(202612, 1), 202701);
  EXPECT_EQ(AddMonths(202603, -15), 202412);
}

TEST(MemberEventsTest, TheWatchMovesToTheOldestUnpaidMonth) {
  EXPECT_EQ(NextSince({Month(202609, true), Month(202610, false), Month(202611, false)}, 202609),
            202610);
  EXPECT_EQ(NextSince({Month(202609, true), Month(202610, true)}, 202609), 202610)
      << "all paid: keep the newest month (another employer may still report it)";
  EXPECT_EQ(NextSince({}, 202609), 202609);
  EXPECT_EQ(NextSince({Month(202605, false), Month(202610, true)}, 202609), 202610)
      << "months before the watch are not looked at";
}

TEST(MemberEventsTest, FingerprintCountsTheWatchedMonths) {
  const std::vector<MonthStatus> months = {Month(202608, true), Month(202609, true),
                                           Month(202610, false)};
  const Fingerprint f = FingerprintOf(months, 202609);
  EXPECT_EQ(f, (Fingerprint{.rows = 2, .paid = 1, .paid_periods = 202609, .newest = 202610}));
  EXPECT_EQ(FingerprintOf({}, 202609), Fingerprint{});
  // Paying one month while another is found unpaid still changes it.
  const Fingerprint swapped = FingerprintOf({Month(202609, false), Month(202610, true)}, 202609);
  EXPECT_NE(swapped, f);
}

TEST(MemberEventsTest, MarksRoundTripAndJunkIsRefused) {
  const SyncMark mark{
      .since = 202609,
      .day = "2026-11-28",
      .fingerprint = {.rows = 3, .paid = 2, .paid_periods = 405219, .newest = 202610}};
  EXPECT_EQ(FormatMark(mark), "v1 since=202609 day=2026-11-28 fp=3:2:405219:202610");
  EXPECT_EQ(ParseMark(FormatMark(mark)), mark);
  for (const char* junk :
       {"", "v2 since=202609 day=2026-11-28 fp=3:2:1:202610",
        "v1 since=20260 day=2026-11-28 fp=3:2:1:202610",
        "v1 since=202609 day=yesterday fp=3:2:1:202610", "v1 since=202609 day=2026-11-28 fp=3:2:1",
        "v1 since=202609 day=2026-11-28 fp=3:2:1:2:5",
        "v1 since=202609 day=2026-11-28 fp=3:-2:1:202610",
        "v1 since=202609 fp=3:2:1:202610 day=2026-11-28"}) {
    EXPECT_FALSE(ParseMark(junk)) << junk;
  }
}

}  // namespace
}  // namespace lumbung::notifications
