#include "statements/routes.h"

#include <chrono>

#include "core/http/access.h"
#include "core/i18n/wib_time.h"
#include "core/view/form.h"
#include "core/view/mask.h"
#include "core/view/page.h"
#include "statements/documents.h"
#include "statements/statement_store.h"
#include "statements/verification_code.h"

namespace lumbung::statements {
namespace {

using view::mustache::data;

const std::vector<std::string> kLanguages = {"id", "en"};

std::int64_t Now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// "2024.pdf" -> 2024; nullopt for anything else (the page is then not found).
std::optional<int> YearOfFile(const std::string& file) {
  if (file.size() != 8 || file.compare(4, 4, ".pdf") != 0) return std::nullopt;
  for (std::size_t i = 0; i < 4; ++i) {
    if (file[i] < '0' || file[i] > '9') return std::nullopt;
  }
  const int year = std::stoi(file.substr(0, 4));
  if (year < 1900 || year > 2200) return std::nullopt;
  return year;
}

std::string StatementHref(int year, const std::string& lang) {
  return "/documents/statement/" + std::to_string(year) + ".pdf?lang=" + lang;
}

http::Response VerifyPage(const http::Request& request, const view::Views& views,
                          db::Database& database, const Settings& settings,
                          const std::optional<std::string>& typed) {
  const std::string& lang = request.lang;
  const auto& t = views.catalogs();
  view::Form form;
  form.heading = t.Get(lang, "verify.title");
  form.intro = {t.Get(lang, "verify.intro")};
  form.action = "/verify/statement";
  form.get = true;
  form.submit = t.Get(lang, "verify.submit");
  view::FormGroup group;
  group.fields = {view::FormField{.name = "code",
                                  .label = t.Get(lang, "verify.code"),
                                  .hint = t.Get(lang, "verify.hint"),
                                  .autocomplete = "off",
                                  .width = "w16",
                                  .value = typed.value_or(""),
                                  .maxlength = 40}};
  form.groups = {group};
  data page{data::type::object};
  if (typed) {
    const auto canonical = CanonicalCode(*typed);
    if (!canonical) {
      form.Field("code")->error = t.Get(lang, "verify.malformed");
    } else {
      form.Field("code")->value = GroupCode(*canonical);
      auto lease = database.Acquire();
      const auto found = FindByCodeHash(lease.session(), CodeHash(*canonical));
      data result{data::type::object};
      result.set("code", GroupCode(*canonical));
      if (!found) {
        result.set("valid", false);
        result.set("invalid_text",
                   t.Format(lang, "verify.invalid", {{"fund", settings.fund_name}}));
      } else {
        result.set("valid", true);
        result.set("valid_text", t.Format(lang, "verify.valid", {{"fund", settings.fund_name}}));
        result.set("member", view::MaskName(found->full_name));
        result.set("year", std::to_string(found->year));
        result.set("language", t.Get(lang, "lang." + found->lang));
        result.set("generated", i18n::FormatWibTime(found->generated_at, lang, t));
        if (found->superseded_at) {
          result.set("superseded",
                     t.Format(lang, "verify.superseded",
                              {{"date", i18n::FormatWibTime(*found->superseded_at, lang, t)}}));
        }
      }
      page.set("result", result);
    }
  }
  page.set("form_html", views.Render("app/form", lang, view::FormData(form, t, lang)));
  return view::Page(request, views, "statements/verify", "verify.title", page,
                    form.HasErrors() ? 422 : 200);
}

}  // namespace

void AddRoutes(http::Router& router, db::Database& database, const view::Views& views,
               const config::Config& config) {
  const Settings settings = SettingsFrom(config);

  router.Get("/documents",
             http::OnlyRoles({"member"}, [&database, &views, settings](http::Request& request) {
               const std::string& lang = request.lang;
               const auto& t = views.catalogs();
               const auto entries = ListStatements(database, t, settings, request.visitor.member_id,
                                                   kLanguages, Now());
               data page{data::type::object};
               page.set("has_years", !entries.empty());
               data years{data::type::list};
               for (const auto& entry : entries) {
                 const std::string year = std::to_string(entry.year);
                 data row{data::type::object};
                 row.set("year", year);
                 row.set("in_progress", entry.in_progress);
                 data statements{data::type::list};
                 for (const auto& code : kLanguages) {
                   const std::string language = t.Get(lang, "lang." + code);
                   data s{data::type::object};
                   s.set("code", code);
                   s.set("language", language);
                   s.set("href", StatementHref(entry.year, code));
                   s.set("link_text", t.Format(lang, "documents.download",
                                               {{"year", year}, {"language", language}}));
                   const auto generated = entry.generated.at(code);
                   s.set("generated",
                         generated ? t.Format(lang, "documents.generated",
                                              {{"date", i18n::FormatWibTime(*generated, lang, t)}})
                                   : t.Get(lang, "documents.not_generated"));
                   statements.push_back(s);
                 }
                 row.set("statements", statements);
                 years.push_back(row);
               }
               page.set("years", years);
               return view::Page(request, views, "statements/documents", "documents.title", page);
             }));

  router.Get("/documents/statement/{file}",
             http::OnlyRoles({"member"}, [&database, &views, settings](http::Request& request) {
               const auto year = YearOfFile(request.params["file"]);
               if (!year) return http::Response::Error(404);
               // The statement's language: asked for, else the page's.
               std::string lang = request.lang;
               if (auto asked = request.Query("lang")) {
                 if (*asked != "id" && *asked != "en") return http::Response::Error(404);
                 lang = *asked;
               }
               const auto& t = views.catalogs();
               const auto document = StatementFor(database, t, settings, request.visitor.member_id,
                                                  *year, lang, Now());
               if (!document) return http::Response::Error(404);
               http::Response response;
               response.body = document->pdf;
               response.Set("Content-Type", "application/pdf");
               response.Set("Content-Disposition", "attachment; filename=\"" +
                                                       t.Format(lang, "statement.file_name",
                                                                {{"year", std::to_string(*year)}}) +
                                                       "\"");
               return response;
             }));

  router.Get("/verify/statement", [&database, &views, settings](http::Request& request) {
    return VerifyPage(request, views, database, settings, request.Query("code"));
  });
  router.Get("/verify/statement/{code}", [&database, &views, settings](http::Request& request) {
    return VerifyPage(request, views, database, settings, request.params["code"]);
  });
}

}  // namespace lumbung::statements
