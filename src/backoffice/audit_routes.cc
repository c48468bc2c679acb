// /staff/audit: the audit log for the fund's administrators. Filters (who acted, whom it
// concerned, the action or its beginning, a range of the fund's days), newest first in keyset
// pages, the CSV export of the same filter, and the check of the whole hash chain. Each look is
// itself audited (audit.viewed, audit.exported, audit.chain_verified), with the filter.
#include <soci/soci.h>

#include <atomic>
#include <map>

#include "backoffice/audit_filter.h"
#include "backoffice/audit_text.h"
#include "backoffice/routes.h"
#include "core/audit/audit_log.h"
#include "core/audit/audit_query.h"
#include "core/csv/safe_csv.h"
#include "core/http/access.h"
#include "core/view/form.h"
#include "core/view/page.h"
#include "identity/account_store.h"
#include "identity/activity.h"

namespace lumbung::backoffice {
namespace {

using view::mustache::data;

constexpr int kPageRows = 25;
// The export holds at most this many events (the newest of the filter); the page says so.
constexpr int kCsvMaxRows = 10000;
constexpr int kActionsListed = 500;
constexpr std::chrono::year_month_day kEarliestDay{std::chrono::year(2000), std::chrono::January,
                                                   std::chrono::day(1)};

const std::string& T(const http::Request& request, const view::Views& views,
                     const std::string& id) {
  return views.catalogs().Get(request.lang, id);
}

// The filter as typed, checked, with the form fields (values and errors) to show it again.
struct CheckedFilter {
  AuditFilterInput input;
  audit::Filter filter;
  view::Form form;  // actor, subject, prefix, from, to (the action select is the page's own)
  std::string action_error;

  bool ok() const { return action_error.empty() && !form.HasErrors(); }
};

// A person field: an account id as it is, an address through the accounts.
std::optional<std::int64_t> ReadPerson(soci::session& sql, view::FormField& field,
                                       const http::Request& request, const view::Views& views) {
  if (field.value.empty()) return std::nullopt;
  const auto person = ParsePersonRef(field.value);
  if (!person) {
    field.error = T(request, views, "backoffice.audit.error.person");
    return std::nullopt;
  }
  if (person->account_id) return person->account_id;
  const auto account = identity::FindAccountByEmail(sql, person->email);
  if (!account) {
    field.error = T(request, views, "backoffice.audit.error.no_account");
    return std::nullopt;
  }
  return account->id;
}

CheckedFilter CheckFilter(soci::session& sql, const http::Request& request,
                          const view::Views& views) {
  const auto& t = views.catalogs();
  const std::string& lang = request.lang;
  CheckedFilter c;
  c.input = ReadAuditFilterInput(http::ParseUrlEncoded(request.raw_query).value_or(http::Fields{}));
  const auto text_field = [&](const char* name, const std::string& value) {
    return view::FormField{.name = name,
                           .label = t.Get(lang, std::string("backoffice.audit.field.") + name),
                           .hint = t.Get(lang, std::string("backoffice.audit.hint.") + name),
                           .autocomplete = "off",
                           .width = "w20",
                           .value = value,
                           .required = false,
                           .maxlength = 254};
  };
  const auto date_field = [&](const char* name, const view::DateParts& parts) {
    return view::FormField{.name = name,
                           .label = t.Get(lang, std::string("backoffice.audit.field.") + name),
                           .hint = t.Get(lang, "backoffice.audit.hint.date"),
                           .type = "date",
                           .autocomplete = "off",
                           .required = false,
                           .date = parts};
  };
  view::FormField actor = text_field("actor", c.input.actor);
  view::FormField subject = text_field("subject", c.input.subject);
  view::FormField prefix = text_field("prefix", c.input.prefix);
  prefix.maxlength = static_cast<int>(audit::kMaxActionChars);
  view::FormField from = date_field("from", c.input.from);
  view::FormField to = date_field("to", c.input.to);

  c.filter.actor_user_id = ReadPerson(sql, actor, request, views);
  c.filter.subject_user_id = ReadPerson(sql, subject, request, views);
  if (!c.input.action.empty()) {
    if (IsActionText(c.input.action)) {
      c.filter.action = c.input.action;
    } else {
      c.action_error = t.Get(lang, "backoffice.audit.error.action");
    }
  }
  if (!c.input.prefix.empty()) {
    const std::string lowered = LowerAscii(c.input.prefix);
    if (IsActionText(lowered)) {
      c.filter.action_prefix = lowered;
    } else {
      prefix.error = t.Get(lang, "backoffice.audit.error.prefix");
    }
  }
  const auto today = i18n::FundToday();
  const auto typed = [](const view::DateParts& p) {
    return !p.day.empty() || !p.month.empty() || !p.year.empty();
  };
  std::optional<std::chrono::year_month_day> from_day, to_day;
  if (typed(c.input.from)) {
    from_day = view::ReadDateField(from, c.input.from, kEarliestDay, today,
                                   "backoffice.date_problem.", t, lang);
  }
  if (typed(c.input.to)) {
    to_day = view::ReadDateField(to, c.input.to, kEarliestDay, today, "backoffice.date_problem.", t,
                                 lang);
  }
  if (from_day && to_day && *to_day < *from_day) {
    to.error = t.Get(lang, "backoffice.audit.error.to_before_from");
    to_day.reset();
  }
  const i18n::FundZone zone = i18n::CurrentFundZone();
  if (from_day) c.filter.occurred_from = DayStartTimestamp(*from_day, zone);
  if (to_day) {
    c.filter.occurred_before =
        DayStartTimestamp(std::chrono::sys_days(*to_day) + std::chrono::days(1), zone);
  }
  c.form.get = true;
  c.form.action = "/staff/audit";
  c.form.submit = t.Get(lang, "backoffice.audit.filter_submit");
  c.form.groups = {view::FormGroup{.fields = {actor, subject, prefix, from, to}}};
  return c;
}

// What the audit row of a look records about the filter: only what was set.
audit::Details FilterDetails(const CheckedFilter& c) {
  audit::Details details;
  if (c.filter.actor_user_id) details["actor"] = std::to_string(*c.filter.actor_user_id);
  if (c.filter.subject_user_id) details["subject"] = std::to_string(*c.filter.subject_user_id);
  if (!c.filter.action.empty()) details["action"] = c.filter.action;
  if (!c.filter.action_prefix.empty()) details["prefix"] = c.filter.action_prefix;
  if (!c.filter.occurred_from.empty()) details["from"] = c.filter.occurred_from;
  if (!c.filter.occurred_before.empty()) details["before"] = c.filter.occurred_before;
  return details;
}

audit::Event LookEvent(const http::Request& request, std::string action, audit::Details details) {
  return audit::Event{.actor_user_id = request.visitor.account_id,
                      .action = std::move(action),
                      .ip = request.remote_ip,
                      .user_agent = std::string(request.Header("user-agent")),
                      .details = std::move(details)};
}

// Accounts as the log's rows name them, each looked up once per page.
class People {
 public:
  People(soci::session& sql, const std::string& nobody) : sql_(sql), nobody_(nobody) {}

  std::string Name(const std::optional<std::int64_t>& id) {
    if (!id) return nobody_;
    auto [it, added] = names_.try_emplace(*id);
    if (added) {
      it->second = "#" + std::to_string(*id);
      if (const auto account = identity::FindAccountById(sql_, *id)) {
        it->second = account->display_name + " <" + account->email + "> #" + std::to_string(*id);
      }
    }
    return it->second;
  }

 private:
  soci::session& sql_;
  std::string nobody_;
  std::map<std::int64_t, std::string> names_;
};

std::string ActionText(const audit::Event& event, const http::Request& request,
                       const view::Views& views) {
  const std::string id = identity::ActivityTextId(event.action, event.result);
  if (id == "identity.activity.other") return "";
  return T(request, views, id);
}

std::string ResultText(audit::Result result, const http::Request& request,
                       const view::Views& views) {
  return T(request, views, "backoffice.audit.result." + std::string(audit::ResultName(result)));
}

data EventData(const audit::Event& e, People& people, const http::Request& request,
               const view::Views& views) {
  data row{data::type::object};
  row.set("id", std::to_string(e.id));
  row.set("time",
          AuditTimeText(e.occurred_at, request.lang, views.catalogs(), i18n::CurrentFundZone()));
  row.set("actor", people.Name(e.actor_user_id));
  row.set("subject", people.Name(e.subject_user_id));
  row.set("action", e.action);
  row.set("action_text", ActionText(e, request, views));
  row.set("result", ResultText(e.result, request, views));
  row.set("not_ok", e.result != audit::Result::kOk);
  row.set("ip", e.ip.empty() ? "–" : e.ip);
  const std::string details = DetailsText(e.details);
  row.set("details", details.empty() ? "–" : details);
  return row;
}

std::string WithQuery(const std::string& path, const std::string& query) {
  return query.empty() ? path : path + "?" + query;
}

http::Response AuditPage(http::Request& request, db::Database& database, const view::Views& views) {
  const auto& t = views.catalogs();
  const std::string& lang = request.lang;
  auto lease = database.Acquire();
  soci::session& sql = lease.session();
  CheckedFilter c = CheckFilter(sql, request, views);

  data page{data::type::object};
  data actions{data::type::list};
  {
    data any{data::type::object};
    any.set("value", "");
    any.set("label", t.Get(lang, "backoffice.audit.any_action"));
    actions.push_back(any);
  }
  bool listed = c.input.action.empty();
  for (const std::string& action : audit::ActionsInLog(sql, kActionsListed)) {
    data option{data::type::object};
    option.set("value", action);
    option.set("label", action);
    if (action == c.filter.action) {
      option.set("selected", true);
      listed = true;
    }
    actions.push_back(option);
  }
  if (!listed && !c.filter.action.empty()) {  // an action no longer in the log: keep it chosen
    data option{data::type::object};
    option.set("value", c.filter.action);
    option.set("label", c.filter.action);
    option.set("selected", true);
    actions.push_back(option);
  }
  page.set("actions", actions);
  page.set("filter", view::FormData(c.form, t, lang));
  if (!c.action_error.empty()) page.set("action_error", c.action_error);
  page.set("has_errors", !c.ok());
  if (!c.ok())
    return view::Page(request, views, "backoffice/audit", "backoffice.audit.title", page, 400);

  audit::Cursor cursor;
  if (auto before = RowIdParam(request.Query("before").value_or(""))) {
    cursor = {audit::Cursor::Direction::kOlderThan, *before};
  } else if (auto after = RowIdParam(request.Query("after").value_or(""))) {
    cursor = {audit::Cursor::Direction::kNewerThan, *after};
  }
  const audit::EventPage found = audit::FindEvents(sql, c.filter, cursor, kPageRows);
  People people(sql, t.Get(lang, "backoffice.audit.nobody"));
  data rows{data::type::list};
  for (const audit::Event& e : found.events) rows.push_back(EventData(e, people, request, views));
  page.set("rows", rows);
  page.set("has_rows", !found.events.empty());
  const std::string query = AuditFilterQuery(c.input);
  const std::string joiner = query.empty() ? "" : query + "&";
  if (found.has_older || found.has_newer) {
    data pager{data::type::object};
    if (found.has_newer && !found.events.empty()) {
      pager.set("previous_href",
                "/staff/audit?" + joiner + "after=" + std::to_string(found.events.front().id));
      pager.set("newest_href", WithQuery("/staff/audit", query));
    }
    if (found.has_older && !found.events.empty()) {
      pager.set("next_href",
                "/staff/audit?" + joiner + "before=" + std::to_string(found.events.back().id));
    }
    if (!found.events.empty()) {
      pager.set("position", t.Format(lang, "backoffice.audit.position",
                                     {{"first", std::to_string(found.events.front().id)},
                                      {"last", std::to_string(found.events.back().id)}}));
    }
    page.set("pager", pager);
  }
  page.set("csv_href", WithQuery("/staff/audit.csv", query));
  page.set("csv_note",
           t.Format(lang, "backoffice.audit.csv_note", {{"count", std::to_string(kCsvMaxRows)}}));

  audit::Details details = FilterDetails(c);
  if (cursor.direction != audit::Cursor::Direction::kNewest) {
    details[cursor.direction == audit::Cursor::Direction::kOlderThan ? "older_than"
                                                                     : "newer_than"] =
        std::to_string(cursor.id);
  }
  auto event = LookEvent(request, "", std::move(details));
  event.action = "audit.viewed";
  audit::Append(sql, event);
  return view::Page(request, views, "backoffice/audit", "backoffice.audit.title", page);
}

http::Response AuditCsv(http::Request& request, db::Database& database, const view::Views& views) {
  const auto& t = views.catalogs();
  const std::string& lang = request.lang;
  auto lease = database.Acquire();
  soci::session& sql = lease.session();
  CheckedFilter c = CheckFilter(sql, request, views);
  if (!c.ok()) {
    // The form with its errors, where the filter is typed.
    return http::Response::Redirect(WithQuery("/staff/audit", AuditFilterQuery(c.input)));
  }
  const i18n::FundZone zone = i18n::CurrentFundZone();
  std::string body = "\xEF\xBB\xBF";  // BOM: spreadsheets then read the names as UTF-8
  std::vector<std::string> header;
  for (const std::string& id : AuditCsvHeaderIds()) header.push_back(csv::CsvCell(t.Get(lang, id)));
  body += csv::CsvLine(header);
  People people(sql, "");
  int written = 0;
  audit::Cursor cursor;
  bool more = true;
  while (more && written < kCsvMaxRows) {
    const audit::EventPage found = audit::FindEvents(
        sql, c.filter, cursor, std::min(audit::kMaxPageRows, kCsvMaxRows - written));
    for (const audit::Event& e : found.events) {
      body += AuditCsvLine({.event = &e,
                            .actor = e.actor_user_id ? people.Name(e.actor_user_id) : "",
                            .subject = e.subject_user_id ? people.Name(e.subject_user_id) : "",
                            .action_text = ActionText(e, request, views)},
                           zone);
      ++written;
    }
    more = found.has_older && !found.events.empty();
    if (more) cursor = {audit::Cursor::Direction::kOlderThan, found.events.back().id};
  }
  const bool cut = more;
  if (cut) {
    // Said in the file itself too, as its last line: the rest is not there.
    body += csv::CsvLine({csv::CsvCell(
        t.Format(lang, "backoffice.audit.csv_cut", {{"count", std::to_string(kCsvMaxRows)}}))});
  }
  audit::Details details = FilterDetails(c);
  details["rows"] = std::to_string(written);
  if (cut) details["cut"] = "1";
  auto event = LookEvent(request, "", std::move(details));
  event.action = "audit.exported";
  audit::Append(sql, event);

  auto response = http::Response::Text(std::move(body));
  response.Set("Content-Type", "text/csv; charset=utf-8");
  response.Set("Content-Disposition", "attachment; filename=\"audit-log.csv\"");
  return response;
}

// One chain check at a time in this process: it reads the whole log.
std::atomic<bool> verifying{false};

http::Response VerifyPost(http::Request& request, db::Database& database,
                          const view::Views& views) {
  const auto& t = views.catalogs();
  const std::string& lang = request.lang;
  data page{data::type::object};
  if (verifying.exchange(true)) {
    page.set("busy", true);
    return view::Page(request, views, "backoffice/audit_verify", "backoffice.verify.title", page,
                      429);
  }
  struct Done {
    ~Done() { verifying.store(false); }
  } done;
  auto lease = database.Acquire();
  soci::session& sql = lease.session();
  const audit::ChainVerification check = audit::VerifyChain(sql);

  audit::Details details{{"rows", std::to_string(check.rows)}};
  if (check.ok) {
    details["outcome"] = "intact";
    page.set("intact",
             t.Format(lang, "backoffice.verify.intact", {{"rows", std::to_string(check.rows)}}));
  } else {
    details["outcome"] = "broken";
    if (check.first_bad_id) details["first_bad_id"] = std::to_string(*check.first_bad_id);
    data broken{data::type::object};
    if (check.first_bad_id) {
      broken.set("text", t.Format(lang, "backoffice.verify.broken",
                                  {{"row", std::to_string(*check.first_bad_id)},
                                   {"rows", std::to_string(check.rows)}}));
      if (const auto row = audit::FindRow(sql, *check.first_bad_id)) {
        People people(sql, t.Get(lang, "backoffice.audit.nobody"));
        data shown = EventData(row->event, people, request, views);
        shown.set("details_text", row->details_text);
        shown.set("user_agent", row->event.user_agent.empty() ? "–" : row->event.user_agent);
        shown.set("occurred_at", row->event.occurred_at);
        broken.set("row", shown);
      } else {
        broken.set("missing", t.Format(lang, "backoffice.verify.missing",
                                       {{"row", std::to_string(*check.first_bad_id)}}));
      }
    } else {
      broken.set("text", t.Get(lang, "backoffice.verify.no_head"));
    }
    page.set("broken", broken);
  }
  auto event = LookEvent(request, "", std::move(details));
  event.action = "audit.chain_verified";
  event.result = check.ok ? audit::Result::kOk : audit::Result::kError;
  audit::Append(sql, event);
  return view::Page(request, views, "backoffice/audit_verify", "backoffice.verify.title", page);
}

}  // namespace

void AddAuditRoutes(http::Router& router, db::Database& database, const view::Views& views) {
  router.Get("/staff/audit",
             http::StaffOnly({"administrator"}, [&database, &views](http::Request& request) {
               return AuditPage(request, database, views);
             }));
  router.Get("/staff/audit.csv",
             http::StaffOnly({"administrator"}, [&database, &views](http::Request& request) {
               return AuditCsv(request, database, views);
             }));
  router.Post("/staff/audit/verify",
              http::StaffOnly({"administrator"}, [&database, &views](http::Request& request) {
                return VerifyPost(request, database, views);
              }));
}

void AddRoutes(http::Router& router, db::Database& database, const view::Views& views) {
  AddAuditRoutes(router, database, views);
  AddMaintenanceRoutes(router, database, views);
}

}  // namespace lumbung::backoffice
