#include "training/pages.h"

#include <chrono>

#include "core/i18n/day_text.h"
#include "core/i18n/fund_time.h"
#include "core/i18n/rupiah.h"
#include "registry/nik.h"

namespace lumbung::training {

using view::mustache::data;

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string Today() {
  return IsoDay(i18n::FundToday());
}

std::string FormValue(const http::Fields& fields, std::string_view name) {
  for (const auto& [k, v] : fields) {
    if (k == name) return v;
  }
  return "";
}

std::string DayWords(const view::Views& views, const std::string& lang, const std::string& iso) {
  return i18n::DayText(views.catalogs(), lang, iso);
}

std::string ReasonText(const view::Views& views, const std::string& lang, const Reason& reason) {
  std::map<std::string, std::string> values = reason.values;
  if (auto it = values.find("level"); it != values.end()) {
    it->second = views.catalogs().Get(lang, it->second);
  }
  return views.catalogs().Format(lang, reason.id, values);
}

namespace {

std::string ProvinceName(int code) {
  for (const auto& p : registry::Provinces()) {
    if (p.code == code) return p.name;
  }
  return std::to_string(code);
}

}  // namespace

data ProgrammeData(const view::Views& views, const std::string& lang, const Programme& p) {
  const auto& t = views.catalogs();
  data d{data::type::object};
  d.set("id", std::to_string(p.id));
  d.set("href", "/training/programmes/" + std::to_string(p.id));
  d.set("title", p.title);
  d.set("provider", p.provider_name);
  d.set("field", t.Get(lang, "training.field." + p.field));
  d.set("online", p.mode == "online");
  d.set("mode", p.mode == "online"
                    ? t.Get(lang, "training.mode.online")
                    : t.Format(lang, "training.mode.in_person_at",
                               {{"city", p.city}, {"province", ProvinceName(p.province_code)}}));
  d.set("duration",
        t.Format(lang, "training.catalog.hours", {{"n", std::to_string(p.duration_hours)}}));
  d.set("cost", p.cost_rupiah == 0 ? t.Get(lang, "training.catalog.free")
                                   : i18n::FormatRupiah(p.cost_rupiah, lang));
  d.set("description", p.description);
  d.set("has_description", !p.description.empty());
  data lines{data::type::list};
  const auto& r = p.requirements;
  if (r.min_age > 0 && r.max_age > 0) {
    lines.push_back(
        data(t.Format(lang, "training.requirement.age_range",
                      {{"min", std::to_string(r.min_age)}, {"max", std::to_string(r.max_age)}})));
  } else if (r.min_age > 0) {
    lines.push_back(
        data(t.Format(lang, "training.requirement.age_min", {{"min", std::to_string(r.min_age)}})));
  } else if (r.max_age > 0) {
    lines.push_back(
        data(t.Format(lang, "training.requirement.age_max", {{"max", std::to_string(r.max_age)}})));
  }
  if (r.needs_active_membership) {
    lines.push_back(data(t.Get(lang, "training.requirement.active")));
  }
  if (!r.min_education.empty()) {
    lines.push_back(
        data(t.Format(lang, "training.requirement.education",
                      {{"level", t.Get(lang, "training.education." + r.min_education)}})));
  }
  if (r.jkp_first) lines.push_back(data(t.Get(lang, "training.requirement.jkp_first")));
  const bool none = lines.is_empty_list();
  if (none) lines.push_back(data(t.Get(lang, "training.requirement.none")));
  d.set("requirements", lines);
  return d;
}

data SessionData(const view::Views& views, const std::string& lang, const Session& s) {
  const auto& t = views.catalogs();
  data d{data::type::object};
  d.set("id", std::to_string(s.id));
  d.set("href", "/training/sessions/" + std::to_string(s.id));
  d.set("days", s.starts_on == s.ends_on ? DayWords(views, lang, s.starts_on)
                                         : t.Format(lang, "training.session.days",
                                                    {{"start", DayWords(views, lang, s.starts_on)},
                                                     {"end", DayWords(views, lang, s.ends_on)}}));
  d.set("schedule", s.schedule);
  const bool full = s.taken >= s.quota;
  d.set("full", full);
  d.set("places", full ? t.Format(lang, "training.session.full",
                                  {{"quota", std::to_string(s.quota)},
                                   {"waiting", std::to_string(s.waiting)}})
                       : t.Format(lang, "training.session.places_left",
                                  {{"left", std::to_string(s.quota - s.taken)},
                                   {"quota", std::to_string(s.quota)}}));
  return d;
}

std::string StatusText(const view::Views& views, const std::string& lang, Status status,
                       int position) {
  if (status == Status::kWaiting && position > 0) {
    return views.catalogs().Format(lang, "training.status.waiting_at",
                                   {{"n", std::to_string(position)}});
  }
  return views.catalogs().Get(lang, "training.status." + std::string(StatusName(status)));
}

std::string StatusTag(Status status) {
  switch (status) {
    case Status::kAccepted:
    case Status::kStarted:
    case Status::kCompleted:
      return "success";
    case Status::kWaiting:
    case Status::kOffered:
    case Status::kApplied:
      return "warning";
    case Status::kNotCompleted:
      return "error";
    case Status::kCancelled:
    case Status::kDeclined:
      return "done";
  }
  return "";
}

audit::Event TrainingEvent(const http::Request& request, const Application& application) {
  audit::Event e;
  e.actor_user_id = request.visitor.account_id;
  e.subject_user_id = application.account_id;
  e.ip = request.remote_ip;
  e.user_agent = std::string(request.Header("user-agent"));
  e.details = {{"application", std::to_string(application.id)},
               {"cohort", std::to_string(application.session_id)}};
  return e;
}

void Tell(const inbox::Notifier& notify, soci::session& sql, const Application& application,
          const std::string& message_id, std::map<std::string, std::string> values,
          const std::string& occasion) {
  inbox::Notify(notify, sql,
                {.account_id = application.account_id,
                 .category = std::string(kInboxCategory),
                 .message_id = message_id,
                 .values = std::move(values),
                 .link = "/training/applications/" + std::to_string(application.id),
                 .dedupe_key = "training:" + std::to_string(application.id) + ":" + occasion,
                 .mail_subject_id = "training.mail.subject"});
}

}  // namespace lumbung::training
