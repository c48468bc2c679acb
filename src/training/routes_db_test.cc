// The training pages through their routes (the router and handlers as the app wires them, the
// visitor set as the session middleware would), on SQLite and PostgreSQL: every page renders
// in both languages, the waiting-list journey moves as the store says, provider B reaches
// nothing of provider A (ASVS 4.0.3 V4.2.1), completion issues the certificate, every change is
// audited and the member is told.
#include <gtest/gtest.h>
#include <soci/soci.h>

#include <filesystem>
#include <regex>

#include "core/http/router.h"
#include "core/i18n/catalog.h"
#include "core/view/assets.h"
#include "core/view/views.h"
#include "support/test_databases.h"
#include "training/pages.h"
#include "training/routes.h"
#include "training/training_store.h"

namespace lumbung::training {
namespace {

class TrainingRoutesDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations({"src/registry/migrations", "src/claims/migrations",
                     "src/core/audit/migrations", "src/core/inbox/migrations",
                     "src/identity/migrations", "src/credentials/migrations",
                     "src/certificates/migrations", "src/training/migrations"});
    const auto share = testing::SourceDir();
    catalogs_ = std::make_unique<i18n::Catalogs>(i18n::Catalogs::LoadDirectory(share / "locale"));
    assets_ = std::make_unique<view::Assets>(view::Assets::LoadDirectory(share / "static"));
    views_ = std::make_unique<view::Views>(
        share, *catalogs_, *assets_,
        view::FundInfo{"Dana Uji", "https://dana.example", "1500 000", "bantuan@dana.example", {}});
    AddTrainingMemberRoutes(router_, db(), *views_, {});
    AddTrainingProviderRoutes(router_, db(), *views_, {});
    auto lease = db().Acquire();
    auto& sql = lease.session();
    for (int i = 0; i < 3; ++i) {
      long long id = 0;
      const std::string kpj = "1000000000" + std::to_string(i);
      const std::string nik = "317101450890000" + std::to_string(i);
      const std::string name = i == 0 ? "Siti Rahayu" : i == 1 ? "Budi Santoso" : "Ani";
      sql << "INSERT INTO members (kpj, nik, full_name, birth_date, sex, province_code, "
             "marital_status, registered_on, status) VALUES (:k, :n, :f, '1990-08-05', 'F', 31, "
             "'single', '2015-01-01', 'active') RETURNING id",
          soci::into(id), soci::use(kpj), soci::use(nik), soci::use(name);
      members_.push_back(id);
    }
    alpha_ = AddProvider(sql, "BLK Alpha", 1);
    beta_ = AddProvider(sql, "LPK Beta", 1);
    LinkProviderStaff(sql, 901, alpha_);
    LinkProviderStaff(sql, 902, beta_);
  }

  http::Visitor Member(int i) {
    http::Visitor v;
    v.account_id = 801 + i;
    v.role = "member";
    v.member_id = members_[i];
    v.display_name = "Peserta";
    v.csrf_secret = std::string(32, 'x');
    return v;
  }
  static http::Visitor Provider(std::int64_t account) {
    http::Visitor v;
    v.account_id = account;
    v.role = "staff";
    v.staff_roles = {"training_provider"};
    v.display_name = "Staf";
    v.csrf_secret = std::string(32, 'y');
    return v;
  }

  http::Response Do(const std::string& method, const std::string& target,
                    const http::Visitor& visitor, const std::string& body = "",
                    const std::string& lang = "id") {
    http::Request request;
    request.method = method;
    request.target = target;
    const auto q = target.find('?');
    request.path = target.substr(0, q);
    request.raw_query = q == std::string::npos ? "" : target.substr(q + 1);
    request.body = body;
    request.lang = lang;
    request.visitor = visitor;
    request.remote_ip = "192.0.2.1";
    const auto match = router_.Find(method, request.path);
    if (!match.handler) return http::Response::Error(404);
    request.params = match.params;
    request.route = match.pattern;
    http::Response response = (*match.handler)(request);
    if (response.status == 200 || response.status == 422 || response.status == 409) {
      EXPECT_EQ(response.body.find("[["), std::string::npos) << target << " shows a catalog id";
      EXPECT_LT(response.body.size(), 50u * 1024) << target;
    }
    return response;
  }

  static std::string Location(const http::Response& r) {
    for (const auto& [k, v] : r.headers) {
      if (k == "Location" || k == "location") return v;
    }
    return "";
  }
  static std::int64_t IdIn(const std::string& location) {
    std::smatch m;
    std::regex_search(location, m, std::regex(R"(/(\d+))"));
    return m.empty() ? 0 : std::stoll(m[1]);
  }
  static std::string StatusOf(const http::Response& r) {
    std::smatch m;
    std::regex_search(r.body, m, std::regex(R"re(data-status="([a-z_]+)")re"));
    return m.empty() ? "" : std::string(m[1]);
  }

  std::vector<std::string> AuditActions() {
    auto lease = db().Acquire();
    std::vector<std::string> out(200);
    lease.session() << "SELECT action FROM audit_log WHERE action LIKE 'training.%' ORDER BY id",
        soci::into(out);
    return out;
  }

  std::unique_ptr<i18n::Catalogs> catalogs_;
  std::unique_ptr<view::Assets> assets_;
  std::unique_ptr<view::Views> views_;
  http::Router router_;
  std::vector<long long> members_;
  std::int64_t alpha_ = 0, beta_ = 0;
  http::Visitor anonymous_;
};

TEST_P(TrainingRoutesDbTest, TheWholeJourney) {
  const auto alpha = Provider(901), beta = Provider(902);
  // The provider adds a programme (the form refuses an incomplete one first) and a session.
  EXPECT_EQ(Do("GET", "/staff/training", alpha).status, 200);
  EXPECT_EQ(Do("GET", "/staff/training/programmes/new", alpha, "", "en").status, 200);
  EXPECT_EQ(
      Do("POST", "/staff/training/programmes", alpha, "title=&field=digital&mode=in_person").status,
      422);
  auto created = Do("POST", "/staff/training/programmes", alpha,
                    "title=Analisis+Data&field=digital&mode=online&duration_hours=24"
                    "&min_education=sma&jkp_first=1&cost=0&published=1");
  ASSERT_EQ(created.status, 303) << created.body;
  const std::int64_t programme = IdIn(Location(created));
  const std::string day = IsoDay(std::chrono::year_month_day{
      std::chrono::sys_days{*ParseDay(Today())} + std::chrono::days{3}});
  EXPECT_EQ(Do("POST", "/staff/training/programmes/" + std::to_string(programme) + "/sessions",
               alpha, "starts_on=2000-01-01&ends_on=x&quota=0")
                .status,
            422);
  auto added = Do("POST", "/staff/training/programmes/" + std::to_string(programme) + "/sessions",
                  alpha, "starts_on=" + day + "&ends_on=" + day + "&schedule=Senin&quota=1");
  ASSERT_EQ(added.status, 303) << added.body;
  const std::int64_t session = IdIn(Location(added));
  const std::string s = std::to_string(session);
  EXPECT_EQ(Do("GET", "/staff/training/programmes/" + std::to_string(programme), alpha).status,
            200);

  // The catalog, for anyone, in both languages.
  for (const char* lang : {"id", "en"}) {
    const auto catalog = Do("GET", "/training?field=digital", anonymous_, "", lang);
    ASSERT_EQ(catalog.status, 200);
    EXPECT_NE(catalog.body.find("Analisis Data"), std::string::npos);
    EXPECT_EQ(
        Do("GET", "/training/programmes/" + std::to_string(programme), anonymous_, "", lang).status,
        200);
  }
  EXPECT_EQ(Do("GET", "/training?field=construction", anonymous_).body.find("Analisis Data"),
            std::string::npos);

  // Siti takes the only place; Budi joins the waiting list.
  EXPECT_EQ(Do("GET", "/training/sessions/" + s, Member(0)).status, 200);
  EXPECT_EQ(Do("POST", "/training/sessions/" + s + "/apply", Member(0)).status, 422);
  auto siti = Do("POST", "/training/sessions/" + s + "/apply", Member(0), "education=sma");
  ASSERT_EQ(siti.status, 303) << siti.body;
  const std::string siti_app = std::to_string(IdIn(Location(siti)));
  const auto full = Do("GET", "/training/sessions/" + s, Member(1), "", "en");
  EXPECT_NE(full.body.find("id=\"full-note\""), std::string::npos);
  auto budi = Do("POST", "/training/sessions/" + s + "/apply", Member(1), "education=s1");
  ASSERT_EQ(budi.status, 303);
  const std::string budi_app = std::to_string(IdIn(Location(budi)));
  EXPECT_EQ(StatusOf(Do("GET", "/training/applications/" + budi_app, Member(1))), "waiting");
  EXPECT_EQ(Do("GET", "/training/applications", Member(1), "", "en").status, 200);
  // Nobody else's application (ASVS 4.2.1).
  EXPECT_EQ(Do("GET", "/training/applications/" + budi_app, Member(0)).status, 404);
  EXPECT_EQ(Do("POST", "/training/applications/" + budi_app + "/cancel", Member(0)).status, 404);

  // Siti cancels; Budi is offered the place and accepts it.
  EXPECT_EQ(Do("POST", "/training/applications/" + siti_app + "/cancel", Member(0)).status, 303);
  const auto offered = Do("GET", "/training/applications/" + budi_app, Member(1), "", "en");
  EXPECT_EQ(StatusOf(offered), "offered");
  EXPECT_EQ(Do("POST", "/training/applications/" + budi_app + "/accept", Member(1)).status, 303);
  EXPECT_EQ(StatusOf(Do("GET", "/training/applications/" + budi_app, Member(1))), "accepted");
  EXPECT_EQ(Do("POST", "/training/applications/" + budi_app + "/decline", Member(1)).status, 409);
  {
    auto lease = db().Acquire();
    long long items = 0;
    lease.session() << "SELECT COUNT(*) FROM inbox_items WHERE account_id = 802", soci::into(items);
    EXPECT_EQ(items, 3);  // waiting, offered, accepted
  }

  // Provider B reaches nothing of provider A's.
  EXPECT_EQ(Do("GET", "/staff/training/sessions/" + s, beta).status, 404);
  EXPECT_EQ(Do("GET", "/staff/training/programmes/" + std::to_string(programme), beta).status, 404);
  EXPECT_EQ(Do("POST", "/staff/training/programmes/" + std::to_string(programme), beta,
               "title=X&field=digital&mode=online&duration_hours=1")
                .status,
            404);
  EXPECT_EQ(Do("POST", "/staff/training/sessions/" + s, beta,
               "starts_on=" + day + "&ends_on=" + day + "&quota=9")
                .status,
            404);
  for (const char* step : {"confirm", "start", "complete", "not_complete"}) {
    EXPECT_EQ(Do("POST", "/staff/training/applications/" + budi_app + "/" + step, beta).status, 404)
        << step;
  }
  // An account linked to no provider sees that it is not linked.
  EXPECT_EQ(Do("GET", "/staff/training", Provider(903)).status, 403);

  // Masked participants; attendance and completion from the first day.
  const auto participants = Do("GET", "/staff/training/sessions/" + s, alpha, "", "en");
  ASSERT_EQ(participants.status, 200);
  EXPECT_EQ(participants.body.find("Budi Santoso"), std::string::npos);
  EXPECT_NE(participants.body.find("B*** S***"), std::string::npos);
  EXPECT_EQ(participants.body.find("3171014508900001"), std::string::npos);
  {
    auto lease = db().Acquire();
    const std::string today = Today();
    long long id = session;
    lease.session() << "UPDATE training_sessions SET starts_on = :d, ends_on = :e WHERE id = :id",
        soci::use(today), soci::use(today), soci::use(id);
  }
  EXPECT_EQ(Do("POST", "/staff/training/applications/" + budi_app + "/start", alpha).status, 303);
  EXPECT_EQ(Do("POST", "/staff/training/applications/" + budi_app + "/complete", alpha).status,
            303);
  const auto done = Do("GET", "/training/applications/" + budi_app, Member(1));
  EXPECT_EQ(StatusOf(done), "completed");
  EXPECT_NE(done.body.find("id=\"certificate-link\""), std::string::npos);
  {
    auto lease = db().Acquire();
    long long certificates = 0;
    lease.session() << "SELECT COUNT(*) FROM certificates WHERE member_id = :m",
        soci::use(members_[1]), soci::into(certificates);
    EXPECT_EQ(certificates, 1);
  }

  const auto actions = AuditActions();
  for (const char* action :
       {"training.programme_created", "training.cohort_created", "training.applied",
        "training.application_cancelled", "training.place_offered", "training.offer_accepted",
        "training.attendance_recorded", "training.completion_recorded"}) {
    EXPECT_NE(std::find(actions.begin(), actions.end(), action), actions.end()) << action;
  }

  // The dashboard card.
  const auto cards = DashboardCards(db(), *views_);
  http::Request request;
  request.lang = "id";
  request.visitor = Member(1);
  EXPECT_TRUE(cards(request).empty());  // nothing open after completion
  request.visitor = Member(0);
  EXPECT_TRUE(cards(request).empty());
}

TEST_P(TrainingRoutesDbTest, TheDemoCatalog) {
  {
    auto lease = db().Acquire();
    EXPECT_EQ(SeedDemo(lease.session(), Today(), 1), 8);
    EXPECT_EQ(SeedDemo(lease.session(), Today(), 1), 0);
    const auto page = SearchCatalog(lease.session(), {}, Today(), 10);
    EXPECT_EQ(page.total, 8);
  }
  const auto catalog = Do("GET", "/training?province=32", anonymous_, "", "en");
  EXPECT_EQ(catalog.status, 200);
  EXPECT_NE(catalog.body.find("Operator Mesin CNC"), std::string::npos);
}

LUMBUNG_INSTANTIATE_DB_TESTS(TrainingRoutesDbTest);

}  // namespace
}  // namespace lumbung::training
