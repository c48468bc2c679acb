// /staff/maintenance: an administrator switches maintenance mode on (with the message members
// see, in Indonesian and English, and the announced end on the fund's clock) and off. The same
// switch as `lumbung maintenance` (ops/maintenance.h); every instance sees it within
// maintenance.poll_seconds. Each switch is audited in the transaction that makes it.
#include <soci/soci.h>

#include "backoffice/maintenance_time.h"
#include "backoffice/routes.h"
#include "core/audit/audit_log.h"
#include "core/db/transaction.h"
#include "core/http/access.h"
#include "core/http/url.h"
#include "core/i18n/wib_time.h"
#include "core/view/form.h"
#include "core/view/page.h"
#include "ops/maintenance.h"

namespace lumbung::backoffice {
namespace {

// How far ahead an end may be announced.
constexpr int kMaxDaysAhead = 31;

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::size_t CharacterCount(std::string_view text) {
  std::size_t count = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return std::string(text);
}

struct MaintenanceForm {
  view::FormField message_id, message_en, end_date, end_time;
};

MaintenanceForm EmptyForm(const http::Request& request, const view::Views& views) {
  const auto& t = views.catalogs();
  const std::string& lang = request.lang;
  const auto message = [&](const char* name) {
    return view::FormField{
        .name = name,
        .label = t.Get(lang, std::string("backoffice.maintenance.field.") + name),
        .hint = t.Format(lang, "backoffice.maintenance.hint.message",
                         {{"count", std::to_string(ops::kMaxMaintenanceMessageChars)}}),
        .autocomplete = "off",
        .required = false,
        .maxlength = static_cast<int>(ops::kMaxMaintenanceMessageChars)};
  };
  MaintenanceForm f;
  f.message_id = message("message_id");
  f.message_en = message("message_en");
  f.end_date = {.name = "end_date",
                .label = t.Get(lang, "backoffice.maintenance.field.end_date"),
                .hint = t.Get(lang, "backoffice.maintenance.hint.end_date"),
                .type = "date",
                .autocomplete = "off",
                .required = false};
  f.end_time = {.name = "end_time",
                .label = t.Format(lang, "backoffice.maintenance.field.end_time",
                                  {{"zone", i18n::FundZoneLabel(i18n::CurrentFundZone())}}),
                .hint = t.Get(lang, "backoffice.maintenance.hint.end_time"),
                .autocomplete = "off",
                .width = "w6",
                .required = false,
                .maxlength = 5};
  return f;
}

// The form filled with the switch as it is (so that saving again keeps what is there).
void Fill(MaintenanceForm& f, const ops::MaintenanceState& state, const std::string& lang) {
  f.message_id.value = state.message_id;
  f.message_en.value = state.message_en;
  if (state.until_epoch_seconds) {
    const i18n::FundClock clock =
        i18n::FundClockAt(*state.until_epoch_seconds, i18n::CurrentFundZone());
    f.end_date.date = {std::to_string(static_cast<unsigned>(clock.day.day())),
                       std::to_string(static_cast<unsigned>(clock.day.month())),
                       std::to_string(static_cast<int>(clock.day.year()))};
    f.end_time.value = ClockText(clock.hour * 60 + clock.minute, lang);
  }
}

http::Response MaintenancePage(const http::Request& request, const view::Views& views,
                               const ops::MaintenanceState& state, MaintenanceForm f,
                               int status = 200) {
  const auto& t = views.catalogs();
  const std::string& lang = request.lang;
  view::Form form;
  form.heading = t.Get(lang, "backoffice.maintenance.title");
  if (state.on) {
    form.notice =
        state.until_epoch_seconds
            ? t.Format(lang, "backoffice.maintenance.state.on_until",
                       {{"until", i18n::FormatWibTime(*state.until_epoch_seconds, lang, t)}})
            : t.Get(lang, "backoffice.maintenance.state.on");
    form.notice_kind = "warning";
  } else {
    form.notice = t.Get(lang, "backoffice.maintenance.state.off");
  }
  const std::string notice = request.Query("notice").value_or("");
  for (const char* known : {"switched_on", "switched_off", "saved"}) {
    if (notice == known && status == 200) {
      form.intro.push_back(t.Get(lang, std::string("backoffice.maintenance.notice.") + known));
    }
  }
  form.intro.push_back(t.Get(lang, "backoffice.maintenance.intro"));
  form.intro.push_back(t.Get(lang, "backoffice.maintenance.intro_staff"));
  form.action = "/staff/maintenance";
  form.groups = {view::FormGroup{.legend = t.Get(lang, "backoffice.maintenance.legend.message"),
                                 .fields = {f.message_id, f.message_en}},
                 view::FormGroup{.legend = t.Get(lang, "backoffice.maintenance.legend.end"),
                                 .fields = {f.end_date, f.end_time}}};
  form.submit =
      t.Get(lang, state.on ? "backoffice.maintenance.save" : "backoffice.maintenance.switch_on");
  form.submit_warning = !state.on;
  if (state.on) {
    form.buttons.push_back(
        view::ButtonForm{.action = "/staff/maintenance/off",
                         .label = t.Get(lang, "backoffice.maintenance.switch_off")});
  }
  form.links = {{"/staff/audit?action=maintenance.switched_on",
                 t.Get(lang, "backoffice.maintenance.history_link")}};
  return view::Page(request, views, "app/form", "backoffice.maintenance.title",
                    view::FormData(form, t, lang), status);
}

audit::Event SwitchEvent(const http::Request& request, audit::Details details) {
  return audit::Event{.actor_user_id = request.visitor.account_id,
                      .ip = request.remote_ip,
                      .user_agent = std::string(request.Header("user-agent")),
                      .details = std::move(details)};
}

http::Response SwitchOn(http::Request& request, db::Database& database, const view::Views& views) {
  const auto& t = views.catalogs();
  const std::string& lang = request.lang;
  const auto fields = http::ParseUrlEncoded(request.body).value_or(http::Fields{});
  const auto get = [&fields](std::string_view name) {
    for (const auto& [key, value] : fields) {
      if (key == name) return value;
    }
    return std::string();
  };
  MaintenanceForm f = EmptyForm(request, views);
  f.message_id.value = Trim(get("message_id"));
  f.message_en.value = Trim(get("message_en"));
  f.end_time.value = Trim(get("end_time"));
  const view::DateParts typed_day{Trim(get("end_date_day")), Trim(get("end_date_month")),
                                  Trim(get("end_date_year"))};
  f.end_date.date = typed_day;

  for (view::FormField* message : {&f.message_id, &f.message_en}) {
    if (!http::IsValidUtf8(message->value)) {
      message->value.clear();
      message->error = t.Get(lang, "backoffice.maintenance.error.message_unreadable");
    } else if (CharacterCount(message->value) > ops::kMaxMaintenanceMessageChars) {
      message->error = t.Format(lang, "backoffice.maintenance.error.message_long",
                                {{"count", std::to_string(ops::kMaxMaintenanceMessageChars)}});
    } else if (message->value.find_first_of("\r\n") != std::string::npos) {
      message->error = t.Get(lang, "backoffice.maintenance.error.message_lines");
    }
  }
  const bool day_typed =
      !typed_day.day.empty() || !typed_day.month.empty() || !typed_day.year.empty();
  std::optional<std::int64_t> until;
  if (day_typed || !f.end_time.value.empty()) {
    const auto today = i18n::FundToday();
    const std::chrono::year_month_day latest{std::chrono::sys_days(today) +
                                             std::chrono::days(kMaxDaysAhead)};
    std::optional<std::chrono::year_month_day> day;
    if (!day_typed) {
      f.end_date.error = t.Get(lang, "backoffice.maintenance.error.end_date_missing");
    } else {
      day = view::ReadDateField(f.end_date, typed_day, today, latest, "backoffice.date_problem.", t,
                                lang);
      const auto problem = view::ParseMemorableDate(typed_day, today, latest).problem;
      if (problem == view::DateProblem::kTooEarly) {
        f.end_date.error = t.Get(lang, "backoffice.maintenance.error.end_past");
      } else if (problem == view::DateProblem::kTooLate) {
        f.end_date.error = t.Format(lang, "backoffice.maintenance.error.end_far",
                                    {{"count", std::to_string(kMaxDaysAhead)}});
      }
    }
    std::optional<int> minute;
    if (f.end_time.value.empty()) {
      f.end_time.error = t.Get(lang, "backoffice.maintenance.error.end_time_missing");
    } else if (!(minute = ParseClockText(f.end_time.value))) {
      f.end_time.error = t.Get(lang, "backoffice.maintenance.error.end_time_bad");
    }
    if (day && minute) {
      const std::int64_t moment = FundMoment(*day, *minute, i18n::CurrentFundZone());
      if (moment <= Now()) {
        f.end_time.error = t.Get(lang, "backoffice.maintenance.error.end_past");
      } else {
        until = moment;
      }
    }
  }
  auto lease = database.Acquire();
  soci::session& sql = lease.session();
  const ops::MaintenanceState before = ops::ReadMaintenance(sql);
  if (!f.message_id.error.empty() || !f.message_en.error.empty() || !f.end_date.error.empty() ||
      !f.end_time.error.empty()) {
    return MaintenancePage(request, views, before, f, 422);
  }
  const ops::MaintenanceState state{.on = true,
                                    .until_epoch_seconds = until,
                                    .message_id = f.message_id.value,
                                    .message_en = f.message_en.value};
  audit::Details details{{"was", before.on ? "on" : "off"}};
  if (until) {
    details["until"] =
        audit::FormatTimestamp(std::chrono::system_clock::time_point(std::chrono::seconds(*until)));
  }
  if (!state.message_id.empty()) details["text_id"] = state.message_id;
  if (!state.message_en.empty()) details["text_en"] = state.message_en;
  auto event = SwitchEvent(request, std::move(details));
  event.action = "maintenance.switched_on";
  auto tx = db::Transaction::ForWriting(sql);
  ops::WriteMaintenance(sql, state);
  audit::Append(sql, event);
  tx.Commit();
  return http::Response::Redirect(std::string("/staff/maintenance?notice=") +
                                  (before.on ? "saved" : "switched_on"));
}

http::Response SwitchOff(http::Request& request, db::Database& database) {
  auto lease = database.Acquire();
  soci::session& sql = lease.session();
  auto tx = db::Transaction::ForWriting(sql);
  const ops::MaintenanceState before = ops::ReadMaintenance(sql);
  ops::WriteMaintenance(sql, ops::MaintenanceState{});
  auto event = SwitchEvent(request, {{"was", before.on ? "on" : "off"}});
  event.action = "maintenance.switched_off";
  audit::Append(sql, event);
  tx.Commit();
  return http::Response::Redirect("/staff/maintenance?notice=switched_off");
}

}  // namespace

void AddMaintenanceRoutes(http::Router& router, db::Database& database, const view::Views& views) {
  router.Get("/staff/maintenance",
             http::StaffOnly({"administrator"}, [&database, &views](http::Request& request) {
               ops::MaintenanceState state;
               {
                 auto lease = database.Acquire();
                 state = ops::ReadMaintenance(lease.session());
               }
               MaintenanceForm f = EmptyForm(request, views);
               Fill(f, state, request.lang);
               return MaintenancePage(request, views, state, f);
             }));
  router.Post("/staff/maintenance",
              http::StaffOnly({"administrator"}, [&database, &views](http::Request& request) {
                return SwitchOn(request, database, views);
              }));
  router.Post("/staff/maintenance/off",
              http::StaffOnly({"administrator"}, [&database](http::Request& request) {
                return SwitchOff(request, database);
              }));
}

}  // namespace lumbung::backoffice
