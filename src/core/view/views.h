// HTML rendering with mustache templates (escaped by default). Each feature keeps its
// templates in src/<feature>/templates/; a template is named "<feature>/<file stem>".
//
// Every template sees, beneath its own data, the language's globals:
//   lang, t (the catalog as nested objects: {{t.home.title}}), tr (a lambda rendering a
//   message that has {{placeholders}} in the page's context: {{#tr}}home.intro{{/tr}}),
//   fund (name, web_address, web_host, phone, email, office_hours) and assets (urls).
#pragma once

#include <filesystem>
#include <kainjow/mustache.hpp>
#include <map>
#include <memory>
#include <string>

#include "core/i18n/catalog.h"
#include "core/view/assets.h"

namespace lumbung::view {

namespace mustache = kainjow::mustache;

struct FundInfo {
  std::string name, web_address, phone, email;
  std::map<std::string, std::string> office_hours;  // by language; empty: the catalog's
};

struct LayoutInfo {
  std::string title;   // the page's h1 text; " – fund name" is added
  bool error = false;  // prefixes "Error: " to <title>
  std::string switch_lang_href;
  // Per-request values every template of the page sees (beneath the page's own data): the
  // masked CSRF token `csrf` for forms and `visitor` (signed_in, name, staff, idle expiry).
  const mustache::data* request_globals = nullptr;
};

// The template `source` with what cannot differ between two pages of one language written in:
// {{t.…}}, {{fund.…}}, {{assets.…}} and {{lang}} (escaped as the renderer would), and
// {{#tr}}id{{/tr}} as the message itself (its placeholders stay for the page). Rendering the
// result gives exactly what rendering `source` with the globals gives, without the look-ups
// (most of a page's rendering time, measured). Anything else is left as it is.
std::string BakeLanguage(const std::string& source, const mustache::data& globals,
                         const i18n::Catalogs& catalogs, const std::string& lang);

class Views {
 public:
  // Loads src/*/templates/*.mustache under `share_dir`. Throws on a template that does not
  // parse or a catalog whose ids clash ("a" and "a.b").
  Views(const std::filesystem::path& share_dir, const i18n::Catalogs& catalogs,
        const Assets& assets, FundInfo fund);
  ~Views();

  // The template alone.
  std::string Render(const std::string& name, const std::string& lang, const mustache::data& page,
                     const mustache::data* request_globals = nullptr) const;
  // The template inside "app/layout".
  std::string RenderPage(const std::string& name, const std::string& lang, const LayoutInfo& layout,
                         const mustache::data& page) const;

  const i18n::Catalogs& catalogs() const { return catalogs_; }
  // What BakeLanguage works from (for the test that rendering is unchanged by it).
  const std::map<std::string, std::string>& sources() const { return sources_; }
  const mustache::data& globals(const std::string& lang) const { return *globals_.at(lang); }
  bool Has(const std::string& name) const { return sources_.count(name) > 0; }

 private:
  mustache::mustache& Compiled(const std::string& name, const std::string& lang) const;

  const i18n::Catalogs& catalogs_;
  std::map<std::string, std::string> sources_;
  // By language, then name: the sources with the language's constants written in.
  std::map<std::string, std::map<std::string, std::string>> baked_;
  std::map<std::string, std::unique_ptr<mustache::data>> globals_;  // by language
  std::string fund_name_;
  std::uint64_t id_;
};

}  // namespace lumbung::view
