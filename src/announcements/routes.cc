#include "announcements/routes.h"

#include <soci/soci.h>

#include <chrono>
#include <string>
#include <vector>

#include "announcements/delivery.h"
#include "announcements/draft.h"
#include "announcements/store.h"
#include "announcements/workflow.h"
#include "core/audit/audit_log.h"
#include "core/db/transaction.h"
#include "core/http/access.h"
#include "core/http/url.h"
#include "core/i18n/day_text.h"
#include "core/i18n/fund_time.h"
#include "core/jobs/jobs.h"
#include "core/mail/outbox.h"
#include "core/view/page.h"
#include "registry/nik.h"

namespace lumbung::announcements {
namespace {

using view::mustache::data;

constexpr const char* kEditor = "content_editor";
constexpr std::size_t kMaxReasonChars = 1000;

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::optional<std::int64_t> IdParam(const http::Request& request) {
  const auto it = request.params.find("id");
  if (it == request.params.end() || it->second.empty() || it->second.size() > 18) {
    return std::nullopt;
  }
  for (char c : it->second) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  return std::stoll(it->second);
}

std::string FieldValue(const http::Fields& fields, std::string_view name) {
  for (const auto& [key, value] : fields) {
    if (key == name) return value;
  }
  return "";
}

std::string ProvinceName(int code) {
  for (const auto& p : registry::Provinces()) {
    if (p.code == code) return p.name;
  }
  return std::to_string(code);
}

// Plain text as paragraphs: each line its own, escaped by the template.
data Paragraphs(const std::string& text) {
  data list{data::type::list};
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find('\n', start);
    const std::string line =
        text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (!line.empty()) list.push_back(data(line));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return list;
}

// The first words of the text for the dashboard card.
std::string Teaser(const std::string& text) {
  std::string first = text.substr(0, text.find('\n'));
  constexpr std::size_t kMax = 160;
  if (first.size() <= kMax) return first;
  std::size_t cut = kMax;
  while (cut > 0 && (static_cast<unsigned char>(first[cut]) & 0xC0) == 0x80) --cut;
  return first.substr(0, cut) + "…";
}

std::string AudienceText(const Announcement& a, const std::string& lang, const i18n::Catalogs& t) {
  if (a.draft.audience == kProvince) {
    return t.Format(lang, "announcements.audience.province_text",
                    {{"province", ProvinceName(a.draft.province_code)}});
  }
  if (a.draft.audience == kEmployer) {
    return t.Format(lang, "announcements.audience.employer_text",
                    {{"employer", a.employer_name}, {"npp", a.draft.employer_npp}});
  }
  return t.Get(lang, "announcements.audience.everyone_text");
}

void Audit(soci::session& sql, const http::Request& request, const std::string& action,
           std::int64_t id, audit::Result result = audit::Result::kOk, audit::Details extra = {}) {
  audit::Event event;
  event.actor_user_id = request.visitor.account_id;
  event.action = action;
  event.result = result;
  event.ip = request.remote_ip;
  event.user_agent = std::string(request.Header("user-agent"));
  event.details = std::move(extra);
  event.details["announcement"] = std::to_string(id);
  audit::Append(sql, event);
}

// ---------------------------------------------------------------------------------------------
// The form

struct FormState {
  Draft draft;
  std::vector<FieldError> errors;
};

http::Response FormPage(const http::Request& request, const view::Views& views,
                        const FormState& form, const std::string& action, bool editing,
                        int status = 200) {
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  data page{data::type::object};
  page.set("action", action);
  page.set("editing", editing);
  data errors{data::type::list};
  std::map<std::string, std::string> by_field;
  for (const auto& e : form.errors) {
    std::string message = t.Format(lang, e.message_id,
                                   {{"max_title", std::to_string(kMaxTitleChars)},
                                    {"max_body", std::to_string(kMaxBodyChars)}});
    data item{data::type::object};
    item.set("href", "#f-" + e.field);
    item.set("message", message);
    errors.push_back(item);
    by_field.emplace(e.field, message);
  }
  page.set("has_errors", !form.errors.empty());
  page.set("errors", errors);
  const auto field = [&](const std::string& name, const std::string& value) {
    data f{data::type::object};
    f.set("value", value);
    if (auto it = by_field.find(name); it != by_field.end()) f.set("error", it->second);
    page.set(name, f);
  };
  const Draft& d = form.draft;
  field("title_id", d.title_id);
  field("title_en", d.title_en);
  field("body_id", d.body_id);
  field("body_en", d.body_en);
  field("starts_on", d.starts_on);
  field("ends_on", d.ends_on);
  field("employer", d.employer_npp);
  if (auto it = by_field.find("audience"); it != by_field.end()) {
    page.set("audience_error", it->second);
  }
  if (auto it = by_field.find("province"); it != by_field.end()) {
    page.set("province_error", it->second);
  }
  data audiences{data::type::list};
  for (auto value : {kEveryone, kProvince, kEmployer}) {
    data o{data::type::object};
    o.set("value", std::string(value));
    o.set("label", t.Get(lang, "announcements.audience." + std::string(value)));
    o.set("checked", d.audience == value);
    audiences.push_back(o);
  }
  page.set("audiences", audiences);
  data provinces{data::type::list};
  for (const auto& p : registry::Provinces()) {
    data o{data::type::object};
    char code[3];
    std::snprintf(code, sizeof code, "%02d", p.code);
    o.set("value", std::string(code));
    o.set("label", std::string(p.name));
    o.set("selected", d.province_code == p.code);
    provinces.push_back(o);
  }
  page.set("provinces", provinces);
  page.set("send_mail", d.send_mail);
  page.set("max_title", std::to_string(kMaxTitleChars));
  page.set("max_body", std::to_string(kMaxBodyChars));
  page.set("title_hint", t.Format(lang, "announcements.form.title_hint",
                                  {{"max", std::to_string(kMaxTitleChars)}}));
  page.set("body_hint", t.Format(lang, "announcements.form.body_hint",
                                 {{"max", std::to_string(kMaxBodyChars)}}));
  return view::Page(request, views, "announcements/staff_form",
                    editing ? "announcements.form.edit_title" : "announcements.form.new_title",
                    page, status);
}

// Checks the form; on success fills employer_id. Adds the employer's own error when no
// employer has the NPP.
bool CheckForm(soci::session& sql, FormState& form, std::int64_t& employer_id) {
  form.errors = CheckDraft(form.draft, i18n::FundDayIso(Now()));
  employer_id = 0;
  if (form.draft.audience == kEmployer) {
    const bool npp_error = std::any_of(form.errors.begin(), form.errors.end(),
                                       [](const FieldError& e) { return e.field == "employer"; });
    if (!npp_error) {
      if (auto id = FindEmployerByNpp(sql, form.draft.employer_npp)) {
        employer_id = *id;
      } else {
        form.errors.push_back({"employer", "announcements.error.employer_unknown"});
      }
    }
  }
  return form.errors.empty();
}

// ---------------------------------------------------------------------------------------------
// The staff's page of one announcement

http::Response ShowPage(const http::Request& request, soci::session& sql, const view::Views& views,
                        const Announcement& a, const std::string& notice = "",
                        bool notice_is_error = false, const std::string& reason_error = "",
                        int status = 200) {
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  const std::int64_t me = request.visitor.account_id;
  data page{data::type::object};
  page.set("id", std::to_string(a.id));
  page.set("state", t.Get(lang, "announcements.state." + std::string(StateName(a.state))));
  page.set("title_id", a.draft.title_id);
  page.set("title_en", a.draft.title_en);
  page.set("body_id", Paragraphs(a.draft.body_id));
  page.set("body_en", Paragraphs(a.draft.body_en));
  page.set("preview_title", a.Title(lang));
  page.set("preview_teaser", Teaser(a.Body(lang)));
  page.set("starts_on", i18n::DayText(t, lang, a.draft.starts_on));
  page.set("ends_on", i18n::DayText(t, lang, a.draft.ends_on));
  page.set("audience", AudienceText(a, lang, t));
  page.set("send_mail", t.Get(lang, a.draft.send_mail ? "announcements.show.mail_yes"
                                                      : "announcements.show.mail_no"));
  page.set("author", t.Get(lang, a.author_account_id == me ? "announcements.show.author_you"
                                                           : "announcements.show.author_other"));
  if (!a.sent_back_reason.empty() && a.state == State::kSentBack) {
    page.set("sent_back_reason", a.sent_back_reason);
  }
  if (!notice.empty()) {
    data n{data::type::object};
    n.set("text", notice);
    n.set("class", notice_is_error ? "notice notice--warning" : "notice notice--success");
    page.set("notice", n);
  }
  page.set("can_edit", Decide(a.state, Action::kEdit, me, a.author_account_id).allowed());
  page.set("can_submit", Decide(a.state, Action::kSubmit, me, a.author_account_id).allowed());
  page.set("can_review", Decide(a.state, Action::kApprove, me, a.author_account_id).allowed());
  page.set("own_submitted", a.state == State::kSubmitted && a.author_account_id == me);
  if (!reason_error.empty()) page.set("reason_error", reason_error);
  if (a.state == State::kSubmitted || a.state == State::kDraft || a.state == State::kSentBack) {
    page.set("audience_size", t.Format(lang, "announcements.show.audience_size",
                                       {{"count", std::to_string(AudienceSize(sql, a))}}));
  }
  if (a.job_id) {
    if (auto job = jobs::Find(sql, *a.job_id)) {
      data progress{data::type::object};
      const std::string total = job->total ? std::to_string(*job->total) : "…";
      progress.set("text", t.Format(lang, "announcements.show.progress",
                                    {{"done", std::to_string(job->done)}, {"total", total}}));
      progress.set("state", t.Get(lang, "announcements.job." + job->state));
      progress.set("done", std::to_string(job->done));
      progress.set("max", std::to_string(job->total.value_or(0) > 0 ? *job->total : 1));
      if (!job->last_error.empty() && job->state != jobs::kDone) {
        progress.set("trouble", t.Get(lang, "announcements.show.job_trouble"));
      }
      page.set("progress", progress);
    }
  }
  return view::Page(request, views, "announcements/staff_show", "announcements.show.title", page,
                    status);
}

// ---------------------------------------------------------------------------------------------
// Handlers

http::Response List(http::Request& request, db::Database& database, const view::Views& views) {
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  auto lease = database.Acquire();
  data rows{data::type::list};
  for (const auto& a : ListRecent(*lease, 100)) {
    data r{data::type::object};
    r.set("href", "/staff/announcements/" + std::to_string(a.id));
    r.set("title", a.Title(lang));
    r.set("state", t.Get(lang, "announcements.state." + std::string(StateName(a.state))));
    r.set("dates", i18n::DayText(t, lang, a.draft.starts_on) + " – " +
                       i18n::DayText(t, lang, a.draft.ends_on));
    r.set("audience", AudienceText(a, lang, t));
    rows.push_back(r);
  }
  data page{data::type::object};
  page.set("rows", rows);
  page.set("has_rows", !rows.is_empty_list());
  return view::Page(request, views, "announcements/staff_list", "announcements.list.title", page);
}

http::Response NewForm(http::Request& request, const view::Views& views) {
  FormState form;
  const std::string today = i18n::FundDayIso(Now());
  form.draft.starts_on = today;
  form.draft.ends_on = i18n::FundDayIso(Now() + 14 * 86400);
  return FormPage(request, views, form, "/staff/announcements", false);
}

http::Response Create(http::Request& request, db::Database& database, const view::Views& views) {
  const auto fields = http::ParseUrlEncoded(request.body);
  if (!fields) return http::Response::Error(400);
  FormState form;
  form.draft = ReadDraft(*fields);
  auto lease = database.Acquire();
  soci::session& sql = *lease;
  auto tx = db::Transaction::ForWriting(sql);
  std::int64_t employer_id = 0;
  if (!CheckForm(sql, form, employer_id)) {
    return FormPage(request, views, form, "/staff/announcements", false, 422);
  }
  const auto id = Create(sql, form.draft, employer_id, request.visitor.account_id, Now());
  Audit(sql, request, "announcement.created", id);
  tx.Commit();
  return http::Response::Redirect("/staff/announcements/" + std::to_string(id));
}

http::Response Show(http::Request& request, db::Database& database, const view::Views& views) {
  const auto id = IdParam(request);
  if (!id) return http::Response::Error(404);
  auto lease = database.Acquire();
  const auto a = Load(*lease, *id);
  if (!a) return http::Response::Error(404);
  std::string notice;
  if (auto done = request.Query("done")) {
    if (*done == "saved" || *done == "submitted" || *done == "approved" || *done == "sent_back") {
      notice = views.catalogs().Get(request.lang, "announcements.notice." + *done);
    }
  }
  return ShowPage(request, *lease, views, *a, notice);
}

http::Response EditForm(http::Request& request, db::Database& database, const view::Views& views) {
  const auto id = IdParam(request);
  if (!id) return http::Response::Error(404);
  auto lease = database.Acquire();
  const auto a = Load(*lease, *id);
  if (!a) return http::Response::Error(404);
  if (!Decide(a->state, Action::kEdit, request.visitor.account_id, a->author_account_id)
           .allowed()) {
    return http::Response::Error(403);
  }
  FormState form;
  form.draft = a->draft;
  return FormPage(request, views, form, "/staff/announcements/" + std::to_string(*id) + "/edit",
                  true);
}

http::Response Edit(http::Request& request, db::Database& database, const view::Views& views) {
  const auto id = IdParam(request);
  if (!id) return http::Response::Error(404);
  const auto fields = http::ParseUrlEncoded(request.body);
  if (!fields) return http::Response::Error(400);
  auto lease = database.Acquire();
  soci::session& sql = *lease;
  auto tx = db::Transaction::ForWriting(sql);
  const auto a = Load(sql, *id);
  if (!a) return http::Response::Error(404);
  if (!Decide(a->state, Action::kEdit, request.visitor.account_id, a->author_account_id)
           .allowed()) {
    return http::Response::Error(403);
  }
  FormState form;
  form.draft = ReadDraft(*fields);
  std::int64_t employer_id = 0;
  if (!CheckForm(sql, form, employer_id)) {
    return FormPage(request, views, form, "/staff/announcements/" + std::to_string(*id) + "/edit",
                    true, 422);
  }
  Update(sql, *id, form.draft, employer_id, Now());
  Audit(sql, request, "announcement.edited", *id);
  tx.Commit();
  return http::Response::Redirect("/staff/announcements/" + std::to_string(*id) + "?done=saved");
}

// Submit, approve and send back: the workflow decides; a refusal is audited as denied and
// answered 403 with the page saying why.
http::Response Transition(http::Request& request, db::Database& database, const view::Views& views,
                          Action action, const std::function<void()>& wake_jobs) {
  const auto id = IdParam(request);
  if (!id) return http::Response::Error(404);
  const auto fields = http::ParseUrlEncoded(request.body);
  if (!fields) return http::Response::Error(400);
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  auto lease = database.Acquire();
  soci::session& sql = *lease;
  auto tx = db::Transaction::ForWriting(sql);
  const auto a = Load(sql, *id);
  if (!a) return http::Response::Error(404);
  const std::int64_t me = request.visitor.account_id;
  const Decision decision = Decide(a->state, action, me, a->author_account_id);
  const std::string action_name = action == Action::kSubmit    ? "announcement.submitted"
                                  : action == Action::kApprove ? "announcement.approved"
                                                               : "announcement.sent_back";
  if (!decision.allowed()) {
    const std::string why = decision.refusal == Refusal::kOwnAnnouncement ? "own_announcement"
                            : decision.refusal == Refusal::kNotAuthor     ? "not_author"
                                                                          : "wrong_state";
    if (action != Action::kSubmit) {
      Audit(sql, request, action_name, *id, audit::Result::kDenied, {{"reason", why}});
      tx.Commit();
    }
    return ShowPage(request, sql, views, *a, t.Get(lang, "announcements.refused." + why), true, "",
                    403);
  }
  const std::int64_t now = Now();
  std::string done;
  switch (action) {
    case Action::kSubmit:
      MarkSubmitted(sql, *id, now);
      Audit(sql, request, "announcement.submitted", *id);
      done = "submitted";
      break;
    case Action::kSendBack: {
      std::string reason = FieldValue(*fields, "reason");
      while (!reason.empty() &&
             (reason.back() == ' ' || reason.back() == '\n' || reason.back() == '\r')) {
        reason.pop_back();
      }
      std::size_t chars = 0;
      for (unsigned char c : reason) chars += (c & 0xC0) != 0x80;
      if (reason.empty() || chars > kMaxReasonChars) {
        return ShowPage(request, sql, views, *a, "", false,
                        t.Format(lang,
                                 reason.empty() ? "announcements.error.reason_empty"
                                                : "announcements.error.reason_too_long",
                                 {{"max", std::to_string(kMaxReasonChars)}}),
                        422);
      }
      MarkSentBack(sql, *id, me, reason, now);
      Audit(sql, request, "announcement.sent_back", *id);
      done = "sent_back";
      break;
    }
    case Action::kApprove: {
      // The delivery job exists if and only if the publication does.
      const auto job = jobs::Enqueue(sql,
                                     {.kind = std::string(kDeliverJob),
                                      .payload = "{\"announcement\":" + std::to_string(*id) + "}",
                                      .dedupe_key = "announcement.deliver:" + std::to_string(*id)},
                                     now);
      MarkPublished(sql, *id, me, job, now);
      Audit(sql, request, "announcement.approved", *id, audit::Result::kOk,
            {{"job", std::to_string(job)}});
      done = "approved";
      break;
    }
    case Action::kEdit:
      return http::Response::Error(400);
  }
  tx.Commit();
  if (action == Action::kApprove && wake_jobs) wake_jobs();
  return http::Response::Redirect("/staff/announcements/" + std::to_string(*id) + "?done=" + done);
}

// ---------------------------------------------------------------------------------------------
// Members

http::Response Read(http::Request& request, db::Database& database, const view::Views& views) {
  const auto id = IdParam(request);
  if (!id) return http::Response::Error(404);
  auto lease = database.Acquire();
  const auto a = ReadableBy(*lease, *id, request.visitor.member_id);
  if (!a) return http::Response::Error(404);
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  data page{data::type::object};
  page.set("id", std::to_string(a->id));
  page.set("title", a->Title(lang));
  page.set("body", Paragraphs(a->Body(lang)));
  page.set("published", i18n::DayText(t, lang, i18n::FundDayIso(a->published_at.value_or(0))));
  return view::Page(request, views, "announcements/read", "announcements.read.heading", page);
}

http::Response DismissPost(http::Request& request, db::Database& database) {
  const auto id = IdParam(request);
  if (!id) return http::Response::Error(404);
  auto lease = database.Acquire();
  soci::session& sql = *lease;
  auto tx = db::Transaction::ForWriting(sql);
  if (!ReadableBy(sql, *id, request.visitor.member_id)) return http::Response::Error(404);
  Dismiss(sql, *id, request.visitor.account_id, Now());
  tx.Commit();
  return http::Response::Redirect("/dashboard");
}

}  // namespace

void AddRoutes(http::Router& router, db::Database& database, const view::Views& views,
               std::function<void()> wake_jobs) {
  router.Get("/staff/announcements", http::StaffOnly({kEditor}, [&](http::Request& r) {
               return List(r, database, views);
             }));
  router.Get("/staff/announcements/new",
             http::StaffOnly({kEditor}, [&](http::Request& r) { return NewForm(r, views); }));
  router.Post("/staff/announcements", http::StaffOnly({kEditor}, [&](http::Request& r) {
                return Create(r, database, views);
              }));
  router.Get("/staff/announcements/{id}", http::StaffOnly({kEditor}, [&](http::Request& r) {
               return Show(r, database, views);
             }));
  router.Get("/staff/announcements/{id}/edit", http::StaffOnly({kEditor}, [&](http::Request& r) {
               return EditForm(r, database, views);
             }));
  router.Post("/staff/announcements/{id}/edit", http::StaffOnly({kEditor}, [&](http::Request& r) {
                return Edit(r, database, views);
              }));
  router.Post("/staff/announcements/{id}/submit", http::StaffOnly({kEditor}, [&](http::Request& r) {
                return Transition(r, database, views, Action::kSubmit, {});
              }));
  router.Post("/staff/announcements/{id}/approve",
              http::StaffOnly({kEditor}, [&database, &views, wake_jobs](http::Request& r) {
                return Transition(r, database, views, Action::kApprove, wake_jobs);
              }));
  router.Post("/staff/announcements/{id}/send-back",
              http::StaffOnly({kEditor}, [&](http::Request& r) {
                return Transition(r, database, views, Action::kSendBack, {});
              }));
  router.Get("/announcements/{id}", http::OnlyRoles({"member"}, [&](http::Request& r) {
               return Read(r, database, views);
             }));
  router.Post("/announcements/{id}/dismiss", http::OnlyRoles({"member"}, [&](http::Request& r) {
                return DismissPost(r, database);
              }));
}

view::DashboardCardSource DashboardCards(db::Database& database, const view::Views& views) {
  return [&database, &views](const http::Request& request) {
    std::vector<view::DashboardCard> cards;
    if (request.visitor.role != "member" || !request.visitor.member_id) return cards;
    const auto& t = views.catalogs();
    auto lease = database.Acquire();
    const auto shown = ShownTo(*lease, request.visitor.account_id, request.visitor.member_id,
                               i18n::FundDayIso(Now()), 3);
    int order = 5;
    for (const auto& a : shown) {
      view::DashboardCard card;
      card.order = order++;
      card.title = a.Title(request.lang);
      card.lines = {Teaser(a.Body(request.lang))};
      card.href = "/announcements/" + std::to_string(a.id);
      card.link_text = t.Get(request.lang, "announcements.card.read");
      card.dismiss_action = "/announcements/" + std::to_string(a.id) + "/dismiss";
      card.dismiss_label = t.Get(request.lang, "announcements.card.dismiss");
      cards.push_back(std::move(card));
    }
    return cards;
  };
}

void RegisterJobs(jobs::Runner& runner, const view::Views& views, const config::Config& config) {
  DeliverySettings settings;
  settings.catalogs = &views.catalogs();
  settings.fund_name = config.String("fund.name");
  settings.public_url = config.String("public.url");
  while (!settings.public_url.empty() && settings.public_url.back() == '/') {
    settings.public_url.pop_back();
  }
  settings.message_id_domain = mail::MessageIdDomain(config.String("smtp.from"));
  settings.batch_size = static_cast<int>(config.Int("jobs.batch_size"));
  runner.Register(std::string(kDeliverJob), DeliveryHandler(std::move(settings)));
}

}  // namespace lumbung::announcements
