// /subsidy: the member's wage subsidy, programme year by programme year, newest first, in the
// programme's own words (member_status.h), with the reasons in plain words and what to do next;
// and the dashboard card. Members only (OWASP ASVS 4.0.3 V4.1.1, V4.2.1: a member sees only
// their own outcome, read by the session's member id, never by an id in the request).
#include <soci/soci.h>

#include <memory>

#include "core/http/access.h"
#include "core/view/page.h"
#include "subsidy/member_status.h"
#include "subsidy/routes.h"

namespace lumbung::subsidy {
namespace {

using view::mustache::data;

std::shared_ptr<const ProgramBook> LoadPrograms(const config::Config& config) {
  return std::make_shared<const ProgramBook>(
      ProgramBook::LoadFile(config.SharePath(config.String("subsidy.programs_file"))));
}

const std::string& ProgramName(const Program& program, const std::string& lang) {
  return lang == "en" ? program.name_en : program.name_id;
}

// The account problem's next step leads to the bank account, unless the bank's refusal went
// back to the employer (then the employer corrects it).
bool LeadsToBankAccount(const StageText& stage) {
  return stage.stage == MemberStage::kAccountProblem &&
         stage.next_id.find("_employer_next") == std::string::npos;
}

http::Response StatusPage(const http::Request& request, db::Database& database,
                          const view::Views& views, const ProgramBook& programs) {
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  std::vector<YearStatus> years;
  {
    auto lease = database.Acquire();
    years = ReadMemberStatus(lease.session(), programs, request.visitor.member_id, true);
  }
  data list{data::type::list};
  for (const YearStatus& year : years) {
    data row{data::type::object};
    const std::string y = std::to_string(year.program->year);
    row.set("year", y);
    row.set("name", ProgramName(*year.program, lang));
    row.set("stage", t.Format(lang, year.stage.id, year.stage.values));
    row.set("tone", std::string(StageTone(year.stage.stage)));
    row.set("next", t.Format(lang, year.stage.next_id, year.stage.values));
    row.set("bank_link", LeadsToBankAccount(year.stage));
    data blocking{data::type::list}, other{data::type::list};
    for (const Reason& reason : year.reasons) {
      (reason.blocks ? blocking : other).push_back(data(ExplainReason(reason, t, lang)));
    }
    row.set("has_blocking", !blocking.is_empty_list());
    row.set("blocking", blocking);
    row.set("has_other", !other.is_empty_list());
    row.set("other", other);
    row.set("unverified", !year.program->verified);
    list.push_back(row);
  }
  data page{data::type::object};
  page.set("years", list);
  page.set("has_years", !years.empty());
  return view::Page(request, views, "subsidy/member_status", "subsidy.member.title", page);
}

}  // namespace

void AddSubsidyMemberRoutes(http::Router& router, db::Database& database, const view::Views& views,
                            const config::Config& config, observe::Metrics& metrics) {
  auto programs = LoadPrograms(config);
  router.Get("/subsidy",
             http::OnlyRoles({"member"}, [&database, &views, programs](http::Request& request) {
               if (request.visitor.member_id == 0) return http::Response::Error(403);
               return StatusPage(request, database, views, *programs);
             }));
  AddCheckerRoutes(router, database, views, config, metrics, programs);
}

view::DashboardCardSource DashboardCards(db::Database& database, const view::Views& views,
                                         const config::Config& config) {
  auto programs = LoadPrograms(config);
  return [&database, &views, programs](const http::Request& request) {
    std::vector<view::DashboardCard> cards;
    if (request.visitor.role != "member" || !request.visitor.member_id) return cards;
    std::vector<YearStatus> years;
    {
      auto lease = database.Acquire();
      years = ReadMemberStatus(lease.session(), *programs, request.visitor.member_id, false);
    }
    if (years.empty()) return cards;
    const YearStatus& newest = years.front();
    const std::string& lang = request.lang;
    const auto& t = views.catalogs();
    view::DashboardCard card;
    card.order = 30;
    card.title = ProgramName(*newest.program, lang);
    card.lines = {t.Format(lang, newest.stage.id, newest.stage.values)};
    card.href = "/subsidy";
    card.link_text = t.Get(lang, "subsidy.member.card_link");
    card.warning = newest.stage.stage == MemberStage::kAccountProblem;
    cards.push_back(std::move(card));
    return cards;
  };
}

}  // namespace lumbung::subsidy
