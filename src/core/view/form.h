// One way to render a form, so every form in the portal follows the same accessible pattern
// (../shared/design/ui-patterns.md, GOV.UK style): labels above fields, hints under labels, an
// error summary at the top linking to each field, each error beside its field and tied to it
// with aria-describedby, "Error:" in the title, values kept (never passwords), the CSRF token.
// Rendered by the template "app/form" (src/app/templates/form.mustache). All texts arrive
// translated.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/view/memorable_date.h"
#include "core/view/views.h"

namespace lumbung::view {

// Every member has an initializer, so callers name only what they need:
// FormField{.name = "email", .label = ..., .type = "email"}.
struct FormField {
  std::string name{};  // also the element id, prefixed "f-"
  std::string label{};
  std::string hint{};
  // text, email, password, checkbox (value "1" when ticked), or date: the memorable-date
  // pattern (memorable_date.h), a fieldset with the label as its legend, the hint and one error
  // for the group, and three text fields <name>_day, <name>_month, <name>_year (inputmode
  // numeric; autocomplete "bday" becomes bday-day, bday-month, bday-year).
  std::string type = "text";
  std::string autocomplete{};  // username, current-password, new-password, email, bday, ...
  std::string inputmode{};     // numeric for NIK, KPJ and codes
  std::string width{};         // "w16": the input--w16 class
  std::string value{};         // kept on errors; never for passwords
  std::string error{};         // shown beside the field and in the summary
  bool required = true;
  bool password_toggle = false;  // "Show password" button (static/js/site.js)
  int maxlength = 0;
  DateParts date{};                      // type date: the three fields as typed
  DatePart error_part = DatePart::kAll;  // type date: the field the error is about
};

// A one-button form shown under the main one ("Send a new code"): a POST with the CSRF token.
struct ButtonForm {
  std::string action{}, label{};
  std::vector<std::pair<std::string, std::string>> hidden{};  // name, value
  bool warning = false;
  // Non-empty: the form is rendered `hidden` with data-enhance="<enhance>", followed by
  // static/js/passkeys.js (the one script that enhances such forms today), which shows and
  // drives it when the browser can. Without the script, never seen. One per page.
  std::string enhance{};
};

struct FormGroup {
  std::string legend{};  // empty: no fieldset
  std::vector<FormField> fields{};
};

struct Link {
  std::string href, text;
};

struct Form {
  std::string heading;             // the page's h1
  std::vector<std::string> intro;  // paragraphs under the heading
  std::string notice;              // a message box above the form
  std::string notice_kind;         // "", "success" or "warning"
  std::string form_error;          // an error about the whole form (first in the summary)
  std::string action;              // where the form goes
  bool get = false;                // a GET form (search, calculators): no CSRF token
  std::vector<FormGroup> groups;
  std::vector<std::pair<std::string, std::string>> hidden;  // name, value
  std::string submit;
  bool submit_warning = false;      // a red button for actions that take something away
  std::vector<ButtonForm> buttons;  // under the form, before the links
  std::vector<Link> links;          // under the form
  bool no_form = false;             // a message page: heading, intro, notice and links only

  bool HasErrors() const;
  FormField* Field(const std::string& name);
};

// Reads date field `field` (type date) from what was typed: keeps the typed parts, and when they
// give no date between `earliest` and `latest` (inclusive) sets the error to the catalog text
// "<messages><problem>" (DateProblemId; values {{day}}, {{year}} and {{month}}, the month's name
// in `lang`, for a day the month does not have) and marks the part it is about.
std::optional<std::chrono::year_month_day> ReadDateField(FormField& field, const DateParts& typed,
                                                         std::chrono::year_month_day earliest,
                                                         std::chrono::year_month_day latest,
                                                         const std::string& messages,
                                                         const i18n::Catalogs& catalogs,
                                                         const std::string& lang);

// The template data for `form`; the page adds the CSRF token through the request globals.
mustache::data FormData(const Form& form, const i18n::Catalogs& catalogs, const std::string& lang);

// One field rendered alone, for pages that lay their fields out themselves: its template data as
// app/form renders it, and the link the page's error summary gives it (its error's anchor, or
// "#f-<name>").
struct RenderedField {
  mustache::data field;
  std::string href;
};
RenderedField RenderField(const FormField& field, const i18n::Catalogs& catalogs,
                          const std::string& lang);

}  // namespace lumbung::view
