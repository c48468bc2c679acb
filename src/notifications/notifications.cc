#include "notifications/notifications.h"

#include <soci/soci.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <exception>

#include "core/db/transaction.h"
#include "core/http/access.h"
#include "core/http/url.h"
#include "core/i18n/wib_time.h"
#include "core/inbox/inbox.h"
#include "core/inbox/mail_preferences.h"
#include "core/inbox/render.h"
#include "core/mail/outbox.h"
#include "core/view/form.h"
#include "core/view/page.h"
#include "notifications/preferences.h"

namespace lumbung::notifications {
namespace {

using view::mustache::data;

constexpr int kPageSize = 20;
constexpr int kMaxPage = 1'000'000;

std::int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A positive whole number of at most `max`, written plainly ("2", not "+2", "02" or "2.0").
std::optional<std::int64_t> PositiveNumber(const std::string& text, std::int64_t max) {
  if (text.empty() || text.size() > 18 || text[0] == '0') return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value > max) return std::nullopt;
  return value;
}

// The first value of `name` in a form body; empty when absent or the body is malformed.
std::string FormField(const http::Request& request, std::string_view name) {
  if (auto fields = http::ParseUrlEncoded(request.body)) {
    for (const auto& [key, value] : *fields) {
      if (key == name) return value;
    }
  }
  return "";
}

// "2026-11-28T03:04:05Z" for <time datetime>.
std::string IsoTime(std::int64_t epoch_seconds) {
  std::time_t t = static_cast<std::time_t>(epoch_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

std::string PageQuery(int page) {
  return page > 1 ? "page=" + std::to_string(page) : "";
}

MailSettings MailSettingsFrom(const config::Config& config) {
  MailSettings settings;
  settings.fund_name = config.String("fund.name");
  settings.public_url = config.String("public.url");
  while (!settings.public_url.empty() && settings.public_url.back() == '/') {
    settings.public_url.pop_back();
  }
  settings.web_address = config.String("fund.web_address").empty()
                             ? settings.public_url
                             : config.String("fund.web_address");
  settings.message_id_domain = mail::MessageIdDomain(config.String("smtp.from"));
  return settings;
}

// /notifications: a page of the visitor's items. `error`: a translated message shown at the
// top (a mark-read that found nothing), with `status`.
http::Response InboxPage(const http::Request& request, const view::Views& views,
                         db::Database& database, int page, const std::string& error = "",
                         int status = 200) {
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  const std::int64_t account = request.visitor.account_id;
  auto lease = database.Acquire();
  soci::session& sql = lease.session();
  inbox::ItemPage items = inbox::List(sql, account, page, kPageSize);
  if (items.items.empty() && page > 1 && items.total > 0) {
    // Past the end (items were fewer when the link was made): the last page instead.
    page = static_cast<int>((items.total + kPageSize - 1) / kPageSize);
    items = inbox::List(sql, account, page, kPageSize);
  }
  const std::int64_t unread = inbox::UnreadCount(sql, account);

  data out{data::type::object};
  if (!error.empty()) out.set("error", error);
  const std::string notice = request.Query("notice").value_or("");
  if (error.empty() && (notice == "read" || notice == "all_read")) {
    out.set("notice", t.Get(lang, "notifications.notice." + notice));
  }
  out.set("has_unread", unread > 0);
  out.set("unread_summary",
          t.Format(lang, "notifications.unread_summary", {{"count", std::to_string(unread)}}));
  out.set("has_items", !items.items.empty());
  out.set("current_page", std::to_string(page));
  data list{data::type::list};
  for (const inbox::InboxItem& item : items.items) {
    data row{data::type::object};
    row.set("id", std::to_string(item.id));
    row.set("unread", !item.read_at.has_value());
    row.set("category", t.Get(lang, "notifications.category." + item.category));
    row.set("text", inbox::RenderMessage(t, lang, item));
    row.set("when", i18n::FormatWibTime(item.created_at, lang, t));
    row.set("datetime", IsoTime(item.created_at));
    if (!item.link.empty() && http::IsLocalPath(item.link)) row.set("link", item.link);
    list.push_back(row);
  }
  out.set("items", list);
  if (items.has_newer) {
    out.set("newer_href",
            "/notifications" + std::string(page > 2 ? "?" : "") + PageQuery(page - 1));
  }
  if (items.has_older) out.set("older_href", "/notifications?" + PageQuery(page + 1));
  out.set("has_pager", items.has_newer || items.has_older);
  return view::Page(request, views, "notifications/inbox", "notifications.title", out, status);
}

int PageOf(const std::optional<std::string>& text) {
  if (!text) return 1;
  return static_cast<int>(PositiveNumber(*text, kMaxPage).value_or(1));
}

view::Form PreferencesForm(const http::Request& request, const view::Views& views,
                           const inbox::MailChoices& stored) {
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  view::Form form;
  form.heading = t.Get(lang, "notifications.preferences.title");
  const auto categories = ChoosableCategories(request.visitor.role);
  form.intro = {t.Get(lang, "notifications.preferences.intro"),
                t.Get(lang, "notifications.preferences.security_always")};
  form.action = "/notifications/preferences";
  form.submit = t.Get(lang, "notifications.preferences.submit");
  if (categories.empty()) {
    form.no_form = true;
  } else {
    view::FormGroup group;
    group.legend = t.Get(lang, "notifications.preferences.legend");
    for (const auto category : categories) {
      const std::string name(category);
      group.fields.push_back(
          view::FormField{.name = name,
                          .label = t.Get(lang, "notifications.preferences.label." + name),
                          .type = "checkbox",
                          .value = inbox::Mails(stored, category) ? "1" : "",
                          .required = false});
    }
    form.groups = {group};
  }
  form.links = {{"/notifications", t.Get(lang, "notifications.preferences.back")}};
  return form;
}

http::Response PreferencesPage(const http::Request& request, const view::Views& views,
                               const view::Form& form, int status = 200) {
  return view::Page(request, views, "app/form", "notifications.preferences.title",
                    view::FormData(form, views.catalogs(), request.lang), status);
}

}  // namespace

Notifications::Notifications(const config::Config& config, db::Database& database,
                             const view::Views& views, RecipientLookup recipient)
    : database_(database),
      views_(views),
      synced_(config.Int("cache.seconds") * 1000LL, 16384),
      unread_(config.Int("cache.seconds") * 1000LL, 16384) {
  mailer_.catalogs = &views.catalogs();
  mailer_.settings = MailSettingsFrom(config);
  mailer_.recipient = std::move(recipient);
}

void Notifications::Attend(http::Request& request) const {
  http::Visitor& visitor = request.visitor;
  if (!visitor.signed_in()) return;
  std::exception_ptr failed;
  const std::string account = std::to_string(visitor.account_id);
  if (request.method == "GET" && visitor.role == "member" && visitor.member_id > 0 &&
      (request.path == "/dashboard" || request.path == "/notifications")) {
    try {
      synced_.Get(account + ":" + std::to_string(visitor.member_id), [&] {
        auto lease = database_.Acquire();
        const std::int64_t now = NowSeconds();
        const SyncResult result = SyncMemberEvents(lease.session(), visitor.account_id,
                                                   visitor.member_id, WibDay(now), &mailer_, now);
        if (result.posted > 0) cache::Changed();  // the inbox has news: counts are stale
        return true;
      });
    } catch (const std::exception&) {
      failed = std::current_exception();  // the count below still works without it
    }
  }
  const auto count = [&] {
    auto lease = database_.Acquire();
    return static_cast<std::int64_t>(inbox::UnreadCount(lease.session(), visitor.account_id));
  };
  const bool only_reads = request.method == "GET" || request.method == "HEAD";
  visitor.unread_notifications = only_reads ? *unread_.Get(account, count) : count();
  if (failed) std::rethrow_exception(failed);
}

inbox::Notifier Notifications::Notifier() const {
  return [mailer = mailer_](soci::session& sql, const inbox::InboxItem& item) {
    return PostAndMail(sql, mailer, item);
  };
}

view::DashboardCardSource Notifications::DashboardCards() const {
  return [this](const http::Request& request) {
    std::vector<view::DashboardCard> cards;
    if (!request.visitor.signed_in()) return cards;
    const auto& t = views_.catalogs();
    const std::string& lang = request.lang;
    view::DashboardCard card;
    card.order = 15;
    card.title = t.Get(lang, "notifications.title");
    // Counted once for this request by Attend (the header shows the same number).
    card.figure = std::to_string(request.visitor.unread_notifications);
    card.lines = {t.Get(lang, "notifications.card.unread")};
    card.href = "/notifications";
    card.link_text = t.Get(lang, "notifications.card.link");
    cards.push_back(std::move(card));
    return cards;
  };
}

void Notifications::AddRoutes(http::Router& router) {
  router.Get("/notifications", http::SignedIn([this](http::Request& request) {
               return InboxPage(request, views_, database_, PageOf(request.Query("page")));
             }));

  router.Post("/notifications/read", http::SignedIn([this](http::Request& request) {
                const auto& t = views_.catalogs();
                const int page = PageOf(FormField(request, "page"));
                const std::string not_found = t.Get(request.lang, "notifications.error.not_found");
                const auto id = PositiveNumber(FormField(request, "id"), INT64_MAX);
                if (!id) return InboxPage(request, views_, database_, page, not_found, 422);
                bool marked = false;
                {
                  auto lease = database_.Acquire();
                  marked = inbox::MarkRead(lease.session(), request.visitor.account_id, *id,
                                           NowSeconds());
                }
                // Another account's item is answered exactly like one that does not exist.
                if (!marked) return InboxPage(request, views_, database_, page, not_found, 404);
                const std::string query = PageQuery(page);
                return http::Response::Redirect("/notifications?" +
                                                (query.empty() ? "" : query + "&") + "notice=read");
              }));

  router.Post("/notifications/read-all", http::SignedIn([this](http::Request& request) {
                auto lease = database_.Acquire();
                inbox::MarkAllRead(lease.session(), request.visitor.account_id, NowSeconds());
                return http::Response::Redirect("/notifications?notice=all_read");
              }));

  router.Get("/notifications/preferences", http::SignedIn([this](http::Request& request) {
               inbox::MailChoices stored;
               {
                 auto lease = database_.Acquire();
                 stored = inbox::LoadMailChoices(lease.session(), request.visitor.account_id);
               }
               view::Form form = PreferencesForm(request, views_, stored);
               if (request.Query("saved") == "1") {
                 form.notice =
                     views_.catalogs().Get(request.lang, "notifications.preferences.saved");
                 form.notice_kind = "success";
               }
               return PreferencesPage(request, views_, form);
             }));

  router.Post(
      "/notifications/preferences", http::SignedIn([this](http::Request& request) {
        const auto categories = ChoosableCategories(request.visitor.role);
        const auto fields = http::ParseUrlEncoded(request.body);
        const PreferencesInput input =
            fields ? ReadPreferencesForm(*fields, categories)
                   : PreferencesInput{.error_id = "notifications.preferences.error.invalid"};
        auto lease = database_.Acquire();
        soci::session& sql = lease.session();
        if (!input.error_id.empty()) {
          // Nothing is saved: the form shows what is stored, and says why.
          view::Form form = PreferencesForm(
              request, views_, inbox::LoadMailChoices(sql, request.visitor.account_id));
          form.form_error = views_.catalogs().Get(request.lang, input.error_id);
          return PreferencesPage(request, views_, form, 422);
        }
        auto tx = db::Transaction::ForWriting(sql);
        inbox::SaveMailChoices(sql, request.visitor.account_id, input.choices, NowSeconds());
        tx.Commit();
        return http::Response::Redirect("/notifications/preferences?saved=1");
      }));
}

}  // namespace lumbung::notifications
