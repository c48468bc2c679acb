#include "core/view/form.h"

#include <map>

namespace lumbung::view {
namespace {

constexpr std::pair<DatePart, const char*> kDateParts[] = {
    {DatePart::kDay, "day"}, {DatePart::kMonth, "month"}, {DatePart::kYear, "year"}};

// The element an error link leads to: the field, or of a date the part the error is about.
std::string FocusId(const FormField& field) {
  const std::string id = "f-" + field.name;
  if (field.type != "date") return id;
  for (const auto& [part, name] : kDateParts) {
    if (field.error_part == part) return id + "-" + name;
  }
  return id + "-day";
}

mustache::data DatePartsData(const FormField& f, const std::string& id,
                             const i18n::Catalogs& catalogs, const std::string& lang) {
  using mustache::data;
  data parts{data::type::list};
  const std::string* values[] = {&f.date.day, &f.date.month, &f.date.year};
  int at = 0;
  for (const auto& [part, name] : kDateParts) {
    data p{data::type::object};
    p.set("id", id + "-" + name);
    p.set("name", f.name + "_" + name);
    p.set("label", catalogs.Get(lang, std::string("form.date.") + name));
    const bool invalid =
        !f.error.empty() && (f.error_part == DatePart::kAll || f.error_part == part);
    std::string css = part == DatePart::kYear ? "input input--w4" : "input input--w2";
    if (invalid) {
      css += " input--error";
      p.set("invalid", true);
    }
    p.set("input_class", css);
    if (f.autocomplete == "off") {
      p.set("autocomplete", "off");
    } else if (!f.autocomplete.empty()) {
      p.set("autocomplete", f.autocomplete + "-" + name);
    }
    if (f.required) p.set("required", true);
    p.set("value", *values[at++]);
    parts.push_back(p);
  }
  return parts;
}

}  // namespace

std::optional<std::chrono::year_month_day> ReadDateField(FormField& field, const DateParts& typed,
                                                         std::chrono::year_month_day earliest,
                                                         std::chrono::year_month_day latest,
                                                         const std::string& messages,
                                                         const i18n::Catalogs& catalogs,
                                                         const std::string& lang) {
  field.date = typed;
  const ParsedDate parsed = ParseMemorableDate(typed, earliest, latest);
  if (parsed.date) return parsed.date;
  field.error_part = parsed.part;
  std::map<std::string, std::string> values{{"day", std::to_string(parsed.day)},
                                            {"year", std::to_string(parsed.year)}};
  if (parsed.month >= 1 && parsed.month <= 12) {
    values["month"] = catalogs.Get(lang, "date.months." + std::to_string(parsed.month));
  }
  field.error =
      catalogs.Format(lang, messages + std::string(DateProblemId(parsed.problem)), values);
  return std::nullopt;
}

bool Form::HasErrors() const {
  if (!form_error.empty()) return true;
  for (const auto& g : groups) {
    for (const auto& f : g.fields) {
      if (!f.error.empty()) return true;
    }
  }
  return false;
}

FormField* Form::Field(const std::string& name) {
  for (auto& g : groups) {
    for (auto& f : g.fields) {
      if (f.name == name) return &f;
    }
  }
  return nullptr;
}

mustache::data FormData(const Form& form, const i18n::Catalogs& catalogs, const std::string& lang) {
  using mustache::data;
  data out{data::type::object};
  out.set("heading", form.heading);
  data intro{data::type::list};
  for (const auto& p : form.intro) intro.push_back(data(p));
  out.set("intro", intro);
  if (!form.notice.empty()) {
    data notice{data::type::object};
    notice.set("text", form.notice);
    notice.set("class", form.notice_kind.empty() ? "notice" : "notice notice--" + form.notice_kind);
    notice.set("alert", form.notice_kind == "warning");
    out.set("notice", notice);
  }
  data errors{data::type::list};
  if (!form.form_error.empty()) {
    data e{data::type::object};
    e.set("message", form.form_error);
    std::string first = "f-";
    if (!form.groups.empty() && !form.groups.front().fields.empty()) {
      first = FocusId(form.groups.front().fields.front());
    }
    e.set("href", "#" + first);
    errors.push_back(e);
  }
  data groups{data::type::list};
  for (const auto& g : form.groups) {
    data group{data::type::object};
    if (!g.legend.empty()) group.set("legend", g.legend);
    data fields{data::type::list};
    for (const auto& f : g.fields) {
      data field{data::type::object};
      const std::string id = "f-" + f.name;
      field.set("id", id);
      field.set("name", f.name);
      field.set("label", f.label);
      field.set("type", f.type);
      if (!f.hint.empty()) field.set("hint", f.hint);
      if (!f.autocomplete.empty()) field.set("autocomplete", f.autocomplete);
      if (!f.inputmode.empty()) field.set("inputmode", f.inputmode);
      field.set("input_class", f.width.empty() ? "input" : "input input--" + f.width);
      if (f.type == "date") {
        field.set("date", true);
        field.set("parts", DatePartsData(f, id, catalogs, lang));
      } else if (f.type == "checkbox") {
        field.set("checkbox", true);
        if (!f.value.empty()) field.set("checked", true);
      } else {
        field.set("input", true);
      }
      if (f.type != "password") field.set("value", f.value);
      if (f.required) field.set("required", true);
      if (f.maxlength > 0) field.set("maxlength", std::to_string(f.maxlength));
      std::string described;
      if (!f.hint.empty()) described = id + "-hint";
      if (!f.error.empty()) {
        field.set("error", f.error);
        described += (described.empty() ? "" : " ") + id + "-error";
        data e{data::type::object};
        e.set("message", f.error);
        e.set("href", "#" + FocusId(f));
        errors.push_back(e);
      }
      if (!described.empty()) field.set("describedby", described);
      if (f.password_toggle) {
        field.set("toggle", true);
        field.set("show_label", catalogs.Get(lang, "form.show_password"));
        field.set("hide_label", catalogs.Get(lang, "form.hide_password"));
      }
      fields.push_back(field);
    }
    group.set("fields", fields);
    groups.push_back(group);
  }
  out.set("groups", groups);
  out.set("errors", errors);
  out.set("has_errors", form.HasErrors());
  data hidden{data::type::list};
  for (const auto& [name, value] : form.hidden) {
    data h{data::type::object};
    h.set("name", name);
    h.set("value", value);
    hidden.push_back(h);
  }
  out.set("hidden", hidden);
  if (!form.no_form) {
    out.set("form", true);
    out.set("action", form.action);
    out.set("method", form.get ? "get" : "post");
    out.set("post", !form.get);
    out.set("submit", form.submit);
    out.set("submit_class", form.submit_warning ? "button button--warning" : "button");
  }
  data buttons{data::type::list};
  for (const auto& b : form.buttons) {
    data button{data::type::object};
    button.set("action", b.action);
    button.set("label", b.label);
    button.set("class", b.warning ? "button button--warning" : "button button--secondary");
    if (!b.enhance.empty()) button.set("enhance", b.enhance);
    data hidden_fields{data::type::list};
    for (const auto& [name, value] : b.hidden) {
      data h{data::type::object};
      h.set("name", name);
      h.set("value", value);
      hidden_fields.push_back(h);
    }
    button.set("hidden", hidden_fields);
    buttons.push_back(button);
  }
  if (!form.buttons.empty()) out.set("buttons", buttons);
  data links{data::type::list};
  for (const auto& l : form.links) {
    data link{data::type::object};
    link.set("href", l.href);
    link.set("text", l.text);
    links.push_back(link);
  }
  if (!form.links.empty()) out.set("links", links);
  return out;
}

RenderedField RenderField(const FormField& field, const i18n::Catalogs& catalogs,
                          const std::string& lang) {
  Form one;
  one.groups = {{.fields = {field}}};
  const mustache::data all = FormData(one, catalogs, lang);
  RenderedField out{all.get("groups")->list_value()[0].get("fields")->list_value()[0],
                    "#f-" + field.name};
  if (const mustache::data* errors = all.get("errors"); errors && !errors->list_value().empty()) {
    out.href = errors->list_value()[0].get("href")->string_value();
  }
  return out;
}

}  // namespace lumbung::view
