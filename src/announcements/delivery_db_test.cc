#include "announcements/delivery.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <stdexcept>
#include <string>

#include "announcements/store.h"
#include "core/inbox/mail_preferences.h"
#include "core/jobs/jobs.h"
#include "core/jobs/runner.h"
#include "support/test_databases.h"

namespace lumbung::announcements {
namespace {

constexpr std::int64_t kNow = 1'795'000'000;  // 2026-11-18

i18n::Catalogs TestCatalogs() {
  std::map<std::string, std::string> id = {
      {"announcements.mail.subject", "Pengumuman: {{title}}"},
      {"announcements.mail.greeting", "Halo {{name}},"},
      {"announcements.mail.intro", "{{fund}} punya pengumuman:"},
      {"announcements.mail.read", "Baca:"},
      {"announcements.mail.choices", "Pilihan:"},
      {"announcements.mail.signature", "{{fund}}"}};
  std::map<std::string, std::string> en = {
      {"announcements.mail.subject", "Announcement: {{title}}"},
      {"announcements.mail.greeting", "Hello {{name}},"},
      {"announcements.mail.intro", "{{fund}} has an announcement:"},
      {"announcements.mail.read", "Read:"},
      {"announcements.mail.choices", "Choices:"},
      {"announcements.mail.signature", "{{fund}}"}};
  return i18n::Catalogs::FromMaps({{"id", id}, {"en", en}});
}

class DeliveryDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations({"src/registry/migrations", "src/core/audit/migrations",
                     "src/core/inbox/migrations", "src/core/mail/migrations",
                     "src/identity/migrations", "src/core/jobs/migrations",
                     "src/announcements/migrations"});
    employer_ = Exec(
        "INSERT INTO employers (npp, name, sector, province_code, jkk_risk_class, "
        "registered_on) VALUES ('ACME0001', 'PT Acme', 'manufacturing', 31, 1, "
        "'2010-01-01') RETURNING id");
    for (int i = 0; i < 5; ++i) jakarta_.push_back(MemberAccount(i, 31, i == 1 ? "en" : "id"));
    bandung_ = MemberAccount(9, 32, "id");
    Exec("INSERT INTO employment_spells (member_id, employer_id, start_date) VALUES (" +
         std::to_string(bandung_.member) + ", " + std::to_string(employer_) +
         ", '2020-01-01') RETURNING id");
    auto lease = db().Acquire();
    // One Jakarta member does not want mail about announcements.
    inbox::SaveMailChoices(*lease, jakarta_[2].account, {{"announcements", false}}, kNow);
  }

  struct Person {
    std::int64_t member = 0, account = 0;
  };

  long long Exec(const std::string& query) {
    auto lease = db().Acquire();
    long long id = 0;
    lease.session() << query, soci::into(id);
    return id;
  }

  Person MemberAccount(int n, int province, const std::string& lang) {
    Person p;
    const std::string nik = std::to_string(province) + "71011208900" + std::to_string(10 + n) + "1";
    p.member = Exec(
        "INSERT INTO members (kpj, nik, full_name, birth_date, sex, province_code, "
        "marital_status, registered_on, status) VALUES ('" +
        std::to_string(10000000000 + n + province * 100) + "', '" + nik.substr(0, 16) +
        "', 'Member " + std::to_string(n) + "', '1990-08-12', 'M', " + std::to_string(province) +
        ", 'married', '2015-07-01', 'active') RETURNING id");
    p.account = Exec(
        "INSERT INTO accounts (role, state, member_id, email, display_name, lang, "
        "created_at) VALUES ('member', 'active', " +
        std::to_string(p.member) + ", 'm" + std::to_string(n) + "-" + std::to_string(province) +
        "@example.id', 'Member', '" + lang + "', 1) RETURNING id");
    return p;
  }

  std::int64_t Publish(const Draft& draft, std::int64_t employer_id = 0) {
    auto lease = db().Acquire();
    const auto id = Create(*lease, draft, employer_id, 900, kNow);
    MarkSubmitted(*lease, id, kNow);
    const auto job = jobs::Enqueue(*lease,
                                   {.kind = std::string(kDeliverJob),
                                    .payload = "{\"announcement\":" + std::to_string(id) + "}"},
                                   kNow);
    MarkPublished(*lease, id, 901, job, kNow);
    return id;
  }

  static Draft ForProvince(int code) {
    Draft d;
    d.title_id = "Kantor tutup";
    d.title_en = "Office closed";
    d.body_id = "Teks.";
    d.body_en = "Text.";
    d.starts_on = "2026-11-01";
    d.ends_on = "2026-11-30";
    d.audience = std::string(kProvince);
    d.province_code = code;
    d.send_mail = true;
    return d;
  }

  jobs::RunnerOptions Options(const std::string& id) {
    jobs::RunnerOptions o;
    o.runner_id = id;
    o.clock = [this] { return std::chrono::system_clock::time_point(std::chrono::seconds(now_)); };
    o.log = [](std::string_view) {};
    return o;
  }

  DeliverySettings Settings() {
    return {.catalogs = &catalogs_,
            .fund_name = "Dana Lumbung",
            .public_url = "https://portal.example.id",
            .message_id_domain = "lumbung.example",
            .batch_size = 2};
  }

  long long Count(const std::string& query) { return Exec(query); }

  i18n::Catalogs catalogs_ = TestCatalogs();
  std::int64_t employer_ = 0;
  std::vector<Person> jakarta_;
  Person bandung_;
  std::int64_t now_ = kNow;
};

TEST_P(DeliveryDbTest, AProvinceAnnouncementReachesThatProvinceOnlyOnceEachEvenAfterACrash) {
  const auto id = Publish(ForProvince(31));
  {
    // The first runner dies after two batches: its third batch's writes roll back.
    jobs::Runner first(db(), Options("first"));
    auto handler = DeliveryHandler(Settings());
    first.Register(std::string(kDeliverJob), [handler, calls = 0](jobs::StepContext& step) mutable {
      auto result = handler(step);
      if (++calls == 3) throw std::runtime_error("killed");
      return result;
    });
    EXPECT_EQ(first.RunOnce(), 2);
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM announcement_deliveries"), 4);
  now_ += 3600;
  jobs::Runner second(db(), Options("second"));
  second.Register(std::string(kDeliverJob), DeliveryHandler(Settings()));
  EXPECT_EQ(second.RunOnce(), 1);

  EXPECT_EQ(Count("SELECT COUNT(*) FROM announcement_deliveries"), 5);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM inbox_items WHERE category = 'announcements'"), 5);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM inbox_items WHERE account_id = " +
                  std::to_string(bandung_.account)),
            0);
  // Five members, one of whom turned announcement mail off.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM mail_outbox WHERE category = 'announcements'"), 4);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM announcement_deliveries WHERE mailed = 1"), 4);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM mail_outbox WHERE subject = 'Announcement: Office "
                  "closed'"),
            1);  // the member who reads English
  auto lease = db().Acquire();
  const auto announcement = Load(*lease, id);
  const auto job = jobs::Find(*lease, *announcement->job_id);
  EXPECT_EQ(job->state, jobs::kDone);
  EXPECT_EQ(job->done, 5);
  EXPECT_EQ(job->total, 5);
}

TEST_P(DeliveryDbTest, TheMailLinksToTheAnnouncementInTheMembersLanguage) {
  const auto mail = ComposeAnnouncementMail(
      Settings(), {.title = "Office closed", .name = "Siti", .lang = "en", .announcement_id = 7},
      "siti@example.id");
  EXPECT_EQ(mail.subject, "Announcement: Office closed");
  EXPECT_NE(mail.text_body.find("\nhttps://portal.example.id/announcements/7\n"),
            std::string::npos);
  EXPECT_NE(mail.text_body.find("Hello Siti,"), std::string::npos);
  EXPECT_NO_THROW(mail::ValidateOutgoingMail(mail));
  const auto escaped = ComposeAnnouncementMail(
      Settings(), {.title = "<b>x</b>", .name = "A", .lang = "id", .announcement_id = 7}, "a@b.id");
  EXPECT_EQ(escaped.html_body.find("<b>x"), std::string::npos);
}

TEST_P(DeliveryDbTest, MembersSeeWhatIsForThemUntilTheyDismissIt) {
  const auto jakarta = Publish(ForProvince(31));
  Draft for_employer = ForProvince(0);
  for_employer.audience = std::string(kEmployer);
  for_employer.employer_npp = "ACME0001";
  const auto acme = Publish(for_employer, employer_);
  auto lease = db().Acquire();
  soci::session& sql = *lease;
  const auto shown = ShownTo(sql, jakarta_[0].account, jakarta_[0].member, "2026-11-18", 3);
  ASSERT_EQ(shown.size(), 1u);
  EXPECT_EQ(shown[0].id, jakarta);
  EXPECT_TRUE(ShownTo(sql, jakarta_[0].account, jakarta_[0].member, "2026-12-01", 3).empty());
  const auto bandung = ShownTo(sql, bandung_.account, bandung_.member, "2026-11-18", 3);
  ASSERT_EQ(bandung.size(), 1u);
  EXPECT_EQ(bandung[0].id, acme);
  EXPECT_EQ(bandung[0].employer_name, "PT Acme");
  // Another audience's announcement looks like none at all.
  EXPECT_FALSE(ReadableBy(sql, jakarta, bandung_.member));
  EXPECT_TRUE(ReadableBy(sql, jakarta, jakarta_[0].member));
  Dismiss(sql, jakarta, jakarta_[0].account, kNow);
  Dismiss(sql, jakarta, jakarta_[0].account, kNow + 1);  // again: no change
  EXPECT_TRUE(ShownTo(sql, jakarta_[0].account, jakarta_[0].member, "2026-11-18", 3).empty());
  EXPECT_EQ(ShownTo(sql, jakarta_[1].account, jakarta_[1].member, "2026-11-18", 3).size(), 1u);
  EXPECT_EQ(AudienceSize(sql, *Load(sql, jakarta)), 5);
  EXPECT_EQ(AudienceSize(sql, *Load(sql, acme)), 1);
}

TEST_P(DeliveryDbTest, Asvs1_1_4_TheDatabaseRefusesAnAuthorAsReviewer) {
  auto lease = db().Acquire();
  const auto id = Create(*lease, ForProvince(31), 0, 900, kNow);
  EXPECT_ANY_THROW(MarkSentBack(*lease, id, 900, "no", kNow));
}

LUMBUNG_INSTANTIATE_DB_TESTS(DeliveryDbTest);

}  // namespace
}  // namespace lumbung::announcements
