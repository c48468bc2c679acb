// /training for members (routes.h): the catalog anyone may browse, and the member's own
// applications. A member's application is read by the session's member id, never by an id in
// the request alone (OWASP ASVS 4.0.3 V4.2.1): another member's looks like none (404).
#include <soci/soci.h>

#include <memory>

#include "core/audit/audit_log.h"
#include "core/db/transaction.h"
#include "core/http/access.h"
#include "core/view/page.h"
#include "registry/nik.h"
#include "training/pages.h"
#include "training/routes.h"

namespace lumbung::training {
namespace {

using view::mustache::data;

struct Context {
  db::Database& database;
  const view::Views& views;
  inbox::Notifier notify;
};
using Ctx = std::shared_ptr<const Context>;

const i18n::Catalogs& T(const Context& c) {
  return c.views.catalogs();
}

std::string Id(std::int64_t id) {
  return std::to_string(id);
}

// ---------------------------------------------------------------------------------------------
// The catalog

data Choices(const std::vector<std::pair<std::string, std::string>>& options,
             const std::string& chosen) {
  data list{data::type::list};
  for (const auto& [value, label] : options) {
    data item{data::type::object};
    item.set("value", value);
    item.set("label", label);
    item.set("selected", value == chosen);
    list.push_back(item);
  }
  return list;
}

http::Response CatalogGet(const Context& c, http::Request& request) {
  const std::string& lang = request.lang;
  std::map<std::string, std::string> query;
  for (const char* key : {"q", "field", "mode", "province", "from", "page"}) {
    if (auto v = request.Query(key)) query[key] = *v;
  }
  const CatalogFilter filter = ParseFilter(query);
  CatalogPage found;
  std::vector<std::vector<Session>> sessions;
  const std::string today = Today();
  {
    auto lease = c.database.Acquire();
    found = SearchCatalog(*lease, filter, today, kCatalogPageSize);
  }
  data rows{data::type::list};
  for (std::size_t i = 0; i < found.programmes.size(); ++i) {
    data row = ProgrammeData(c.views, lang, found.programmes[i]);
    row.set("next_start", DayWords(c.views, lang, found.next_starts[i]));
    rows.push_back(row);
  }
  std::vector<std::pair<std::string, std::string>> fields = {
      {"", T(c).Get(lang, "training.catalog.any_field")}};
  for (auto f : Fields()) {
    fields.push_back({std::string(f), T(c).Get(lang, "training.field." + std::string(f))});
  }
  std::vector<std::pair<std::string, std::string>> provinces = {
      {"", T(c).Get(lang, "training.catalog.any_province")}};
  for (const auto& p : registry::Provinces()) provinces.push_back({Id(p.code), p.name});
  const std::vector<std::pair<std::string, std::string>> modes = {
      {"", T(c).Get(lang, "training.catalog.any_mode")},
      {"online", T(c).Get(lang, "training.mode.online")},
      {"in_person", T(c).Get(lang, "training.mode.in_person")}};
  data page{data::type::object};
  page.set("q", filter.q);
  page.set("from", filter.from);
  page.set("fields", Choices(fields, filter.field));
  page.set("provinces", Choices(provinces, filter.province ? Id(filter.province) : ""));
  page.set("modes", Choices(modes, filter.mode));
  page.set("rows", rows);
  page.set("has_rows", !found.programmes.empty());
  const std::int64_t pages = (found.total + kCatalogPageSize - 1) / kCatalogPageSize;
  page.set("count",
           T(c).Format(lang, "training.catalog.count", {{"n", std::to_string(found.total)}}));
  if (pages > 1) {
    data pager{data::type::object};
    pager.set("position", T(c).Format(lang, "training.catalog.page_of",
                                      {{"page", std::to_string(filter.page)},
                                       {"pages", std::to_string(pages)}}));
    if (filter.page > 1) {
      const std::string q = FilterQuery(filter, filter.page - 1);
      pager.set("previous_href", "/training" + (q.empty() ? "" : "?" + q));
    }
    if (filter.page < pages)
      pager.set("next_href", "/training?" + FilterQuery(filter, filter.page + 1));
    page.set("pager", pager);
  }
  page.set("member", request.visitor.role == "member");
  return view::Page(request, c.views, "training/catalog", "training.catalog.title", page);
}

http::Response ProgrammeGet(const Context& c, http::Request& request) {
  const auto id = http::PathId(request, "id");
  if (!id) return http::Response::Error(404);
  std::optional<Programme> programme;
  std::vector<Session> sessions;
  {
    auto lease = c.database.Acquire();
    programme = FindProgramme(*lease, *id);
    if (!programme || !programme->published) return http::Response::Error(404);
    sessions = SessionsOf(*lease, *id, Today());
  }
  const std::string& lang = request.lang;
  data page = ProgrammeData(c.views, lang, *programme);
  data list{data::type::list};
  for (const auto& s : sessions) list.push_back(SessionData(c.views, lang, s));
  page.set("sessions", list);
  page.set("has_sessions", !sessions.empty());
  return view::Page(request, c.views, "training/programme", "training.programme.title", page);
}

// ---------------------------------------------------------------------------------------------
// A session and applying

struct SessionFacts {
  Session session;
  Programme programme;
  std::optional<MemberFacts> member;
  std::optional<Application> existing;  // the member's open application for the programme
};

std::optional<SessionFacts> LoadSessionFacts(soci::session& sql, std::int64_t session_id,
                                             std::int64_t member_id) {
  const auto session = FindSession(sql, session_id);
  if (!session) return std::nullopt;
  const auto programme = FindProgramme(sql, session->programme_id);
  if (!programme || !programme->published) return std::nullopt;
  SessionFacts f{*session, *programme, LoadMemberFacts(sql, member_id), std::nullopt};
  for (const auto& v : ApplicationsOf(sql, member_id)) {
    if (v.session.programme_id == programme->id && IsOpen(v.application.status)) {
      f.existing = v.application;
      break;
    }
  }
  return f;
}

data EducationChoices(const Context& c, const std::string& lang, const std::string& chosen) {
  data list{data::type::list};
  for (auto level : EducationLevels()) {
    data item{data::type::object};
    item.set("value", std::string(level));
    item.set("label", T(c).Get(lang, "training.education." + std::string(level)));
    item.set("checked", chosen == level);
    list.push_back(item);
  }
  return list;
}

http::Response SessionPage(const Context& c, const http::Request& request, const SessionFacts& f,
                           const std::string& education, const std::string& error,
                           int status = 200) {
  const std::string& lang = request.lang;
  data page = ProgrammeData(c.views, lang, f.programme);
  page.set("session", SessionData(c.views, lang, f.session));
  page.set("apply_action", "/training/sessions/" + Id(f.session.id) + "/apply");
  const bool begun = f.session.starts_on <= Today();
  page.set("begun", begun);
  if (f.existing) {
    page.set("existing_href", "/training/applications/" + Id(f.existing->id));
  }
  const bool asks_education = !f.programme.requirements.min_education.empty();
  page.set("asks_education", asks_education);
  page.set("educations", EducationChoices(c, lang, education));
  if (!error.empty()) {
    page.set("education_error", error);
    page.set("has_errors", true);
    data errors{data::type::list};
    data e{data::type::object};
    e.set("href", std::string("#f-education-") + std::string(EducationLevels().front()));
    e.set("message", error);
    errors.push_back(e);
    page.set("errors", errors);
  }
  if (f.member) {
    MemberFacts facts = *f.member;
    facts.education = education;
    const auto starts = ParseDay(f.session.starts_on);
    const Decision d =
        Decide(f.programme.requirements, facts, starts.value_or(std::chrono::year_month_day{}));
    data reasons{data::type::list};
    for (const auto& r : d.reasons) {
      // The education is judged once stated: before that only the requirement is shown.
      if (asks_education && education.empty() && r.id.starts_with("training.rule.education")) {
        continue;
      }
      data item{data::type::object};
      item.set("text", ReasonText(c.views, lang, r));
      item.set("met", r.met);
      reasons.push_back(item);
    }
    page.set("reasons", reasons);
    page.set("has_reasons", !reasons.is_empty_list());
    const bool blocked = std::any_of(d.reasons.begin(), d.reasons.end(), [&](const Reason& r) {
      return !r.met && !(asks_education && r.id.starts_with("training.rule.education"));
    });
    page.set("blocked", blocked);
    page.set("can_apply", !blocked && !begun && !f.existing);
  }
  page.set("full", f.session.taken >= f.session.quota);
  page.set("waiting_next", std::to_string(f.session.waiting + 1));
  page.set("back_href", "/training/programmes/" + Id(f.programme.id));
  return view::Page(request, c.views, "training/session", "training.session.title", page, status);
}

http::Response SessionGet(const Context& c, http::Request& request) {
  const auto id = http::PathId(request, "id");
  if (!id) return http::Response::Error(404);
  std::optional<SessionFacts> f;
  {
    auto lease = c.database.Acquire();
    f = LoadSessionFacts(*lease, *id, request.visitor.member_id);
  }
  if (!f) return http::Response::Error(404);
  return SessionPage(c, request, *f, "", "");
}

http::Response ApplyPost(const Context& c, http::Request& request) {
  const auto id = http::PathId(request, "id");
  if (!id) return http::Response::Error(404);
  const auto fields = http::ParseUrlEncoded(request.body);
  if (!fields) return http::Response::Error(400);
  std::string education = FormValue(*fields, "education");
  if (!IsEducationLevel(education)) education.clear();
  const std::string today = Today();
  auto lease = c.database.Acquire();
  auto tx = db::Transaction::ForWriting(*lease);
  const auto f = LoadSessionFacts(*lease, *id, request.visitor.member_id);
  if (!f) return http::Response::Error(404);
  if (f->existing) {
    return http::Response::Redirect("/training/applications/" + Id(f->existing->id));
  }
  if (!f->member || f->session.starts_on <= today) return SessionPage(c, request, *f, "", "", 409);
  const bool asks_education = !f->programme.requirements.min_education.empty();
  if (asks_education && education.empty()) {
    return SessionPage(c, request, *f, "",
                       T(c).Get(request.lang, "training.error.education_missing"), 422);
  }
  MemberFacts facts = *f->member;
  facts.education = education;
  const Decision d =
      Decide(f->programme.requirements, facts, ParseDay(f->session.starts_on).value());
  if (!d.eligible) return SessionPage(c, request, *f, education, "", 422);
  const ApplyResult result = Apply(*lease,
                                   {.session_id = *id,
                                    .member_id = request.visitor.member_id,
                                    .account_id = request.visitor.account_id,
                                    .priority = d.priority,
                                    .education = asks_education ? education : ""},
                                   today, Now());
  if (result.outcome == ApplyOutcome::kAlreadyApplied) {
    return http::Response::Redirect("/training/applications/" + Id(result.application_id));
  }
  if (result.outcome == ApplyOutcome::kClosed) return SessionPage(c, request, *f, "", "", 409);
  const auto application = FindApplication(*lease, result.application_id);
  const bool waiting = result.outcome == ApplyOutcome::kWaiting;
  const int position = waiting ? WaitingPosition(*lease, *application) : 0;
  Tell(c.notify, *lease, *application,
       waiting ? "training.inbox.waiting" : "training.inbox.applied",
       {{"title", f->programme.title},
        {"start_date", f->session.starts_on},
        {"position", std::to_string(position)}},
       waiting ? "waiting" : "applied");
  audit::Event e = TrainingEvent(request, *application);
  e.action = "training.applied";
  e.details["outcome"] = waiting ? "waiting" : "applied";
  audit::Append(*lease, e);  // last before the commit (audit_log.h)
  tx.Commit();
  return http::Response::Redirect("/training/applications/" + Id(result.application_id) +
                                  "?notice=" + (waiting ? "waiting" : "applied"));
}

// ---------------------------------------------------------------------------------------------
// The member's applications

http::Response ApplicationsGet(const Context& c, http::Request& request) {
  const std::string& lang = request.lang;
  std::vector<ApplicationView> views;
  {
    auto lease = c.database.Acquire();
    views = ApplicationsOf(*lease, request.visitor.member_id);
  }
  data rows{data::type::list};
  for (const auto& v : views) {
    data row{data::type::object};
    row.set("href", "/training/applications/" + Id(v.application.id));
    row.set("title", v.programme.title);
    row.set("provider", v.programme.provider_name);
    row.set("days", SessionData(c.views, lang, v.session).get("days")->string_value());
    row.set("status", StatusText(c.views, lang, v.application.status, v.position));
    row.set("tag", StatusTag(v.application.status));
    rows.push_back(row);
  }
  data page{data::type::object};
  page.set("rows", rows);
  page.set("has_rows", !views.empty());
  return view::Page(request, c.views, "training/applications", "training.applications.title", page);
}

// The steps of an application as the member sees them: applied, then the place (accepted, or
// the waiting list and the offer), the training, its end.
data Steps(const Context& c, const std::string& lang, const ApplicationView& v) {
  const Status s = v.application.status;
  struct Step {
    std::string id;
    bool done, current;
  };
  std::vector<Step> steps;
  const bool waited = v.application.waiting_since.has_value();
  steps.push_back({"training.step.applied", true, false});
  if (waited) {
    steps.push_back({"training.step.waiting", s != Status::kWaiting, s == Status::kWaiting});
    const bool offered = v.application.offered_at.has_value();
    steps.push_back(
        {"training.step.offered", offered && s != Status::kOffered, s == Status::kOffered});
  }
  const bool placed = s == Status::kAccepted || s == Status::kStarted || s == Status::kCompleted ||
                      s == Status::kNotCompleted;
  steps.push_back({"training.step.accepted", placed && s != Status::kAccepted,
                   s == Status::kAccepted || s == Status::kApplied});
  steps.push_back({"training.step.started", s == Status::kCompleted || s == Status::kNotCompleted,
                   s == Status::kStarted});
  steps.push_back(
      {"training.step.finished", s == Status::kCompleted || s == Status::kNotCompleted, false});
  data list{data::type::list};
  for (const auto& st : steps) {
    data item{data::type::object};
    item.set("label", T(c).Get(lang, st.id));
    item.set("kind", std::string(st.current ? "current" : st.done ? "done" : "next"));
    item.set("current", st.current);
    item.set("state", T(c).Get(lang, st.current ? "training.step.state_current"
                                     : st.done  ? "training.step.state_done"
                                                : "training.step.state_next"));
    list.push_back(item);
  }
  return list;
}

http::Response ApplicationPage(const Context& c, const http::Request& request,
                               const ApplicationView& v, int status = 200,
                               const std::string& problem = "") {
  const std::string& lang = request.lang;
  const Status s = v.application.status;
  data page = ProgrammeData(c.views, lang, v.programme);
  page.set("session", SessionData(c.views, lang, v.session));
  page.set("status", StatusText(c.views, lang, s, v.position));
  page.set("status_code", std::string(StatusName(s)));
  page.set("tag", StatusTag(s));
  page.set("next", T(c).Format(lang, "training.next." + std::string(StatusName(s)),
                               {{"n", std::to_string(v.position)}}));
  page.set("steps", Steps(c, lang, v));
  const bool closed = s == Status::kCancelled || s == Status::kDeclined;
  page.set("show_steps", !closed);
  const std::string base = "/training/applications/" + Id(v.application.id);
  page.set("base", base);
  page.set("offered", s == Status::kOffered);
  page.set("can_cancel", Next(s, Step::kCancel).has_value() && v.session.starts_on > Today());
  page.set("completed", s == Status::kCompleted);
  if (v.application.certificate_id) {
    page.set("certificate_href", "/certificates/" + Id(*v.application.certificate_id));
  }
  const std::string notice = request.Query("notice").value_or("");
  if (status == 200 && (notice == "applied" || notice == "waiting" || notice == "cancelled" ||
                        notice == "accepted" || notice == "declined")) {
    page.set("notice", T(c).Get(lang, "training.notice." + notice));
  }
  if (!problem.empty()) page.set("problem", T(c).Get(lang, problem));
  return view::Page(request, c.views, "training/application", "training.application.title", page,
                    status);
}

http::Response ApplicationGet(const Context& c, http::Request& request) {
  const auto id = http::PathId(request, "id");
  if (!id) return http::Response::Error(404);
  auto lease = c.database.Acquire();
  const auto a = FindOwnApplication(*lease, *id, request.visitor.member_id);
  if (!a) return http::Response::Error(404);
  const auto v = ViewOf(*lease, *a);
  if (!v) return http::Response::Error(404);
  return ApplicationPage(c, request, *v);
}

enum class MemberAction { kCancel, kAccept, kDecline };

http::Response MemberActionPost(const Context& c, http::Request& request, MemberAction action) {
  const auto id = http::PathId(request, "id");
  if (!id) return http::Response::Error(404);
  const std::int64_t member = request.visitor.member_id;
  auto lease = c.database.Acquire();
  auto tx = db::Transaction::ForWriting(*lease);
  const auto before = FindOwnApplication(*lease, *id, member);
  if (!before) return http::Response::Error(404);
  const std::int64_t now = Now();
  std::optional<Change> change;
  switch (action) {
    case MemberAction::kCancel:
      change = Cancel(*lease, *id, member, Today(), now);
      break;
    case MemberAction::kAccept:
      change = AcceptOffer(*lease, *id, member, now);
      break;
    case MemberAction::kDecline:
      change = DeclineOffer(*lease, *id, member, now);
      break;
  }
  if (!change) {
    // Changed meanwhile, or too late: the page says what holds now.
    const auto v = ViewOf(*lease, *FindOwnApplication(*lease, *id, member));
    return ApplicationPage(c, request, *v, 409, "training.error.changed");
  }
  const auto v = ViewOf(*lease, change->before);
  const std::map<std::string, std::string> values = {{"title", v->programme.title},
                                                     {"start_date", v->session.starts_on}};
  std::string notice;
  audit::Event e = TrainingEvent(request, change->before);
  switch (action) {
    case MemberAction::kCancel:
      e.action = "training.application_cancelled";
      e.details["was"] = std::string(StatusName(change->before.status));
      Tell(c.notify, *lease, change->before, "training.inbox.cancelled", values, "cancelled");
      notice = "cancelled";
      break;
    case MemberAction::kAccept:
      e.action = "training.offer_accepted";
      Tell(c.notify, *lease, change->before, "training.inbox.accepted", values, "accepted");
      notice = "accepted";
      break;
    case MemberAction::kDecline:
      e.action = "training.offer_declined";
      notice = "declined";
      break;
  }
  if (change->offered) {
    // The freed place goes to the first on the waiting list, who is told at once.
    Tell(c.notify, *lease, *change->offered, "training.inbox.offered", values, "offered");
    audit::Event offered = TrainingEvent(request, *change->offered);
    offered.action = "training.place_offered";
    offered.details["freed_by"] = std::to_string(change->before.id);
    audit::Append(*lease, offered);
  }
  audit::Append(*lease, e);  // last before the commit (audit_log.h)
  tx.Commit();
  return http::Response::Redirect("/training/applications/" + Id(*id) + "?notice=" + notice);
}

}  // namespace

void AddTrainingMemberRoutes(http::Router& router, db::Database& database, const view::Views& views,
                             inbox::Notifier notifier) {
  auto c = std::make_shared<const Context>(Context{database, views, std::move(notifier)});
  const auto bind = [c](http::Response (*f)(const Context&, http::Request&)) {
    return [c, f](http::Request& request) { return f(*c, request); };
  };
  // Members with a registry record only: applying needs the member's facts.
  const auto member = [](http::Handler h) {
    return http::OnlyRoles({"member"}, [h = std::move(h)](http::Request& request) {
      if (request.visitor.member_id == 0) return http::Response::Error(403);
      return h(request);
    });
  };
  const auto action = [c](MemberAction a) {
    return [c, a](http::Request& request) { return MemberActionPost(*c, request, a); };
  };
  router.Get("/training", bind(CatalogGet));
  router.Get("/training/programmes/{id}", bind(ProgrammeGet));
  router.Get("/training/sessions/{id}", member(bind(SessionGet)));
  router.Post("/training/sessions/{id}/apply", member(bind(ApplyPost)));
  router.Get("/training/applications", member(bind(ApplicationsGet)));
  router.Get("/training/applications/{id}", member(bind(ApplicationGet)));
  router.Post("/training/applications/{id}/cancel", member(action(MemberAction::kCancel)));
  router.Post("/training/applications/{id}/accept", member(action(MemberAction::kAccept)));
  router.Post("/training/applications/{id}/decline", member(action(MemberAction::kDecline)));
}

view::DashboardCardSource DashboardCards(db::Database& database, const view::Views& views) {
  return [&database, &views](const http::Request& request) {
    std::vector<view::DashboardCard> cards;
    if (request.visitor.role != "member" || !request.visitor.member_id) return cards;
    MemberSummary summary;
    {
      auto lease = database.Acquire();
      summary = SummaryOf(*lease, request.visitor.member_id, Today());
    }
    if (summary.open == 0 && !summary.next) return cards;
    const std::string& lang = request.lang;
    const auto& t = views.catalogs();
    view::DashboardCard card;
    card.order = 35;
    card.title = t.Get(lang, "training.card.title");
    if (summary.next) {
      card.lines.push_back(
          t.Format(lang, "training.card.next",
                   {{"title", summary.next->programme.title},
                    {"day", DayWords(views, lang, summary.next->session.starts_on)}}));
    }
    card.lines.push_back(
        t.Format(lang, "training.card.open", {{"n", std::to_string(summary.open)}}));
    card.href = "/training/applications";
    card.link_text = t.Get(lang, "training.card.link");
    card.warning = summary.next && summary.next->application.status == Status::kOffered;
    cards.push_back(std::move(card));
    return cards;
  };
}

}  // namespace lumbung::training
