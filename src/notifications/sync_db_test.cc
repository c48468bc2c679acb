#include "notifications/sync.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/inbox/inbox.h"
#include "core/inbox/mail_preferences.h"
#include "notifications/member_events.h"
#include "support/test_databases.h"

namespace lumbung::notifications {
namespace {

constexpr std::int64_t kAccount = 41, kOtherAccount = 42;
constexpr std::int64_t kNow = 1'795'000'000;

const i18n::Catalogs& ShippedCatalogs() {
  static const i18n::Catalogs catalogs = i18n::Catalogs::LoadDirectory(
      std::filesystem::path(std::getenv("LUMBUNG_SHARE_DIR")) / "locale");
  return catalogs;
}

class SyncDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations(
        {"src/registry/migrations", "src/core/mail/migrations", "src/core/inbox/migrations"});
    employer_ = Insert(
        "INSERT INTO employers (npp, name, sector, province_code, jkk_risk_class, "
        "registered_on) VALUES ('12345678', 'PT Maju Jaya', 'construction', 31, 4, "
        "'2010-01-04') RETURNING id");
    second_employer_ = Insert(
        "INSERT INTO employers (npp, name, sector, province_code, jkk_risk_class, "
        "registered_on) VALUES ('87654321', 'CV Sumber Rejeki', 'retail', 31, 1, "
        "'2012-01-04') RETURNING id");
    member_ = Member("10000000001", "3171000000000001");
    other_member_ = Member("10000000002", "3171000000000002");
    // Paid up to September 2026; October (due 15 November) and November (due 15 December)
    // unpaid.
    for (int period : {202607, 202608, 202609}) Month(member_, employer_, period, true);
    Month(member_, employer_, 202610, false);
    Month(member_, employer_, 202611, false);
    Month(other_member_, employer_, 202610, true);
    mailer_.catalogs = &ShippedCatalogs();
    mailer_.settings = {.fund_name = "Dana Jaminan Pekerja Lumbung",
                        .web_address = "https://dana.example",
                        .public_url = "https://portal.dana.example",
                        .message_id_domain = "dana.example"};
    mailer_.recipient = [this](soci::session&, std::int64_t account) -> std::optional<Recipient> {
      ++lookups_;
      if (!mail_reachable_) return std::nullopt;
      return Recipient{.email = "member" + std::to_string(account) + "@example.id",
                       .lang = "en",
                       .name = "Siti"};
    };
  }

  std::int64_t Insert(const std::string& statement) {
    auto lease = db().Acquire();
    long long id = 0;
    lease.session() << statement, soci::into(id);
    return id;
  }
  void Exec(const std::string& statement) {
    auto lease = db().Acquire();
    lease.session() << statement;
  }
  long long Count(const std::string& query) {
    auto lease = db().Acquire();
    long long n = 0;
    lease.session() << query, soci::into(n);
    return n;
  }
  std::int64_t Member(const std::string& kpj, const std::string& nik) {
    return Insert(
        "INSERT INTO members (kpj, nik, full_name, birth_date, sex, province_code, "
        "marital_status, registered_on, status) VALUES ('" +
        kpj + "', '" + nik +
        "', 'Siti Rahayu', '1990-08-05', 'F', 33, 'married', '2015-07-01', 'active') "
        "RETURNING id");
  }
  // A month's contribution and the employer's bill for it (due the 15th of the next month).
  void Month(std::int64_t member, std::int64_t employer, int period, bool paid) {
    const std::string m = std::to_string(member), p = std::to_string(period),
                      e = std::to_string(employer), flag = paid ? "1" : "0";
    Exec(
        "INSERT INTO contributions (member_id, period, employer_id, jht_worker, jht_employer, "
        "jkk, jkm, jp_worker, jp_employer, jkp, paid) VALUES (" +
        m + ", " + p + ", " + e + ", 100000, 185000, 12000, 15000, 50000, 100000, 0, " + flag +
        ")");
    const int next = AddMonths(period, 1);
    char due[32];
    std::snprintf(due, sizeof due, "%04d-%02d-15", next / 100, next % 100);
    if (Count("SELECT COUNT(*) FROM employer_payments WHERE employer_id = " + e +
              " AND period = " + p) == 0) {
      Exec(
          "INSERT INTO employer_payments (employer_id, period, amount_billed, amount_paid, "
          "payment_code, due_date) VALUES (" +
          e + ", " + p + ", 462000, 0, '" +
          std::to_string(10'000'000'000LL + employer * 1000000 + period) + "', '" + due + "')");
    }
  }
  void SetPaid(std::int64_t member, int period, bool paid) {
    Exec("UPDATE contributions SET paid = " + std::string(paid ? "1" : "0") +
         " WHERE member_id = " + std::to_string(member) +
         " AND period = " + std::to_string(period));
  }
  SyncResult Sync(const std::string& today, std::int64_t account = kAccount,
                  std::int64_t member = 0) {
    auto lease = db().Acquire();
    return SyncMemberEvents(lease.session(), account, member ? member : member_, today, &mailer_,
                            kNow);
  }
  std::vector<std::string> Keys(std::int64_t account = kAccount) {
    auto lease = db().Acquire();
    std::vector<std::string> keys;
    for (const auto& item : inbox::List(lease.session(), account, 1, 100).items) {
      keys.push_back(item.dedupe_key);
    }
    return keys;
  }
  long long Mails() {
    return Count("SELECT COUNT(*) FROM mail_outbox WHERE category = 'notifications'");
  }

  std::int64_t employer_ = 0, second_employer_ = 0, member_ = 0, other_member_ = 0;
  Mailer mailer_;
  int lookups_ = 0;
  bool mail_reachable_ = true;
};

TEST_P(SyncDbTest, TheFirstSyncFillsInRecentMonthsWithoutMail) {
  {
    auto lease = db().Acquire();
    inbox::SaveMailChoices(lease.session(), kAccount, {{"contributions", true}}, kNow);
  }
  const SyncResult first = Sync("2026-11-28");
  EXPECT_TRUE(first.looked);
  EXPECT_EQ(first.posted, 2);
  EXPECT_EQ(first.mailed, 0) << "no mail about history the member is looking at";
  EXPECT_EQ(Mails(), 0);
  // Since September (two months back): July and August are not news; November is not due yet.
  EXPECT_EQ(Keys(),
            (std::vector<std::string>{"payment.late:202610:" + std::to_string(employer_),
                                      "contribution.paid:202609:" + std::to_string(employer_)}));
  auto lease = db().Acquire();
  const auto items = inbox::List(lease.session(), kAccount, 1, 10).items;
  EXPECT_EQ(items[0].values.at("due_date"), "2026-11-15");
  EXPECT_EQ(items[0].values.at("employer"), "PT Maju Jaya");
  EXPECT_EQ(items[1].values.at("amount"), "462000");
  EXPECT_EQ(inbox::UnreadCount(lease.session(), kAccount), 2);
}

TEST_P(SyncDbTest, NothingNewTakesTheFastPathAndPostsNothing) {
  Sync("2026-11-28");
  const SyncResult again = Sync("2026-11-28");
  EXPECT_FALSE(again.looked);
  EXPECT_EQ(again.posted, 0);
  // Another member's registry changes are not this member's news.
  SetPaid(other_member_, 202610, false);
  EXPECT_FALSE(Sync("2026-11-28").looked);
  // A new day is looked at once, and finds nothing new here.
  const SyncResult next_day = Sync("2026-11-29");
  EXPECT_TRUE(next_day.looked);
  EXPECT_EQ(next_day.posted, 0);
  EXPECT_FALSE(Sync("2026-11-29").looked);
  EXPECT_EQ(Keys().size(), 2u);
}

TEST_P(SyncDbTest, NewEventsAreMailedOnlyWhereTheAccountWantsThem) {
  Sync("2026-11-28");
  // October is paid: a receipt; contributions are not mailed by default.
  SetPaid(member_, 202610, true);
  SyncResult result = Sync("2026-11-28");
  EXPECT_TRUE(result.looked);
  EXPECT_EQ(result.posted, 1);
  EXPECT_EQ(result.mailed, 0);
  EXPECT_EQ(Keys().front(), "contribution.paid:202610:" + std::to_string(employer_));
  EXPECT_EQ(lookups_, 0) << "the address is not even looked up";

  // The member asks for contributions by mail; November is paid.
  {
    auto lease = db().Acquire();
    inbox::SaveMailChoices(lease.session(), kAccount, {{"contributions", true}}, kNow);
  }
  SetPaid(member_, 202611, true);
  result = Sync("2026-11-28");
  EXPECT_EQ(result.posted, 1);
  EXPECT_EQ(result.mailed, 1);
  {
    auto lease = db().Acquire();
    std::string to, subject, body;
    lease.session() << "SELECT to_address, subject, text_body FROM mail_outbox WHERE category ="
                       " 'notifications'",
        soci::into(to), soci::into(subject), soci::into(body);
    EXPECT_EQ(to, "member41@example.id");
    EXPECT_EQ(subject, ShippedCatalogs().Get("en", "notifications.mail.subject.contributions"));
    EXPECT_NE(body.find("November 2026"), std::string::npos) << body;
    EXPECT_NE(body.find("Rp 462,000"), std::string::npos) << body;
  }

  // A second employer reports November and does not pay: late from 16 December, mailed (late
  // payments are mailed by default).
  Month(member_, second_employer_, 202611, false);
  result = Sync("2026-11-28");
  EXPECT_TRUE(result.looked);
  EXPECT_EQ(result.posted, 0) << "not due yet";
  result = Sync("2026-12-16");
  EXPECT_EQ(result.posted, 1);
  EXPECT_EQ(result.mailed, 1);
  EXPECT_EQ(Keys().front(), "payment.late:202611:" + std::to_string(second_employer_));
  EXPECT_EQ(Mails(), 2);

  // Late payments turned off: the next late month is in the inbox only.
  {
    auto lease = db().Acquire();
    inbox::SaveMailChoices(lease.session(), kAccount, {{"payments", false}}, kNow);
  }
  Month(member_, second_employer_, 202612, false);
  result = Sync("2027-01-16");
  EXPECT_EQ(result.posted, 1);
  EXPECT_EQ(result.mailed, 0);
  EXPECT_EQ(Mails(), 2);
}

TEST_P(SyncDbTest, NoAddressNoMailButTheNoticeStays) {
  Sync("2026-11-28");
  mail_reachable_ = false;
  SetPaid(member_, 202610, true);
  {
    auto lease = db().Acquire();
    inbox::SaveMailChoices(lease.session(), kAccount, {{"contributions", true}}, kNow);
  }
  const SyncResult result = Sync("2026-11-28");
  EXPECT_EQ(result.posted, 1);
  EXPECT_EQ(result.mailed, 0);
  EXPECT_EQ(lookups_, 1);
}

TEST_P(SyncDbTest, AnEventIsPostedOnceHoweverOftenTheRegistryFlips) {
  Sync("2026-11-28");
  for (int round = 0; round < 3; ++round) {
    SetPaid(member_, 202610, true);
    Sync("2026-11-28");
    SetPaid(member_, 202610, false);
    Sync("2026-11-28");
  }
  EXPECT_EQ(Keys().size(), 3u) << "late, paid, and nothing more";
}

TEST_P(SyncDbTest, EachAccountHasItsOwnInboxAndMark) {
  Sync("2026-11-28");
  const SyncResult other = Sync("2026-11-28", kOtherAccount, other_member_);
  EXPECT_TRUE(other.looked);
  EXPECT_EQ(Keys(kOtherAccount),
            std::vector<std::string>{"contribution.paid:202610:" + std::to_string(employer_)});
  EXPECT_EQ(Keys(kAccount).size(), 2u);
}

TEST_P(SyncDbTest, TheWatchMovesOnSoLaterSyncsReadFewMonths) {
  Sync("2026-11-28");
  SetPaid(member_, 202610, true);
  SetPaid(member_, 202611, true);
  Sync("2026-11-28");
  auto lease = db().Acquire();
  const auto mark = ParseMark(*inbox::LoadMark(lease.session(), kAccount, kMarkSource));
  ASSERT_TRUE(mark);
  EXPECT_EQ(mark->since, 202611) << "all paid: only the newest month is watched";
  EXPECT_EQ(mark->day, "2026-11-28");
}

TEST_P(SyncDbTest, ANoticeTheInboxCannotHoldIsSkippedNotTheOthers) {
  Exec("UPDATE employers SET name = 'CV Sumber" + std::string(1, '\x01') +
       "' WHERE id = " + std::to_string(second_employer_));
  Month(member_, second_employer_, 202610, true);
  const SyncResult result = Sync("2026-11-28");
  EXPECT_EQ(result.posted, 2);
  EXPECT_EQ(Keys(),
            (std::vector<std::string>{"payment.late:202610:" + std::to_string(employer_),
                                      "contribution.paid:202609:" + std::to_string(employer_)}));
}

TEST_P(SyncDbTest, MalformedDaysAreRefused) {
  auto lease = db().Acquire();
  EXPECT_THROW(SyncMemberEvents(lease.session(), kAccount, member_, "28-11-2026"),
               std::invalid_argument);
  EXPECT_EQ(SyncMemberEvents(lease.session(), 0, member_, "2026-11-28").posted, 0);
}

TEST(WibDayTest, IsTheDateInJakarta) {
  EXPECT_EQ(WibDay(1'795'000'000), "2026-11-18");  // 11:06:40 UTC = 18:06:40 WIB
  EXPECT_EQ(WibDay(1'795'021'199), "2026-11-18");  // 16:59:59 UTC = 23:59:59 WIB
  EXPECT_EQ(WibDay(1'795'021'200), "2026-11-19");  // 17:00 UTC = midnight WIB
}

LUMBUNG_INSTANTIATE_DB_TESTS(SyncDbTest);

}  // namespace
}  // namespace lumbung::notifications
