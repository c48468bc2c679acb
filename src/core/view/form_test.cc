#include "core/view/form.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace lumbung::view {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const i18n::Catalogs& Catalogs() {
  static const i18n::Catalogs catalogs = i18n::Catalogs::FromMaps(
      {{"id",
        {{"form.show_password", "Tampilkan"},
         {"form.hide_password", "Sembunyikan"},
         {"form.date.day", "Tanggal"},
         {"form.date.month", "Bulan"},
         {"form.date.year", "Tahun"},
         {"date.months.2", "Februari"},
         {"birth.no_such_day", "Bulan {{month}} {{year}} tidak punya tanggal {{day}}."},
         {"birth.missing_month", "Isi bulannya."}}},
       {"en",
        {{"form.show_password", "Show"},
         {"form.hide_password", "Hide"},
         {"form.date.day", "Day"},
         {"form.date.month", "Month"},
         {"form.date.year", "Year"},
         {"date.months.2", "February"},
         {"birth.no_such_day", "{{month}} {{year}} has no day {{day}}."},
         {"birth.missing_month", "Enter the month."}}}});
  return catalogs;
}

constexpr const char* kSecret = "correct horse battery staple";

Form SignInForm() {
  Form form;
  form.heading = "Sign in";
  form.action = "/login";
  form.submit = "Sign in";
  form.groups.push_back(FormGroup{.legend = "",
                                  .fields = {FormField{.name = "identifier",
                                                       .label = "Email, username or NIK",
                                                       .hint = "The NIK is on your ID card",
                                                       .autocomplete = "username",
                                                       .value = "siti@contoh.co.id"},
                                             FormField{.name = "password",
                                                       .label = "Password",
                                                       .type = "password",
                                                       .autocomplete = "current-password",
                                                       .value = kSecret,
                                                       .password_toggle = true}}});
  return form;
}

const mustache::data& At(const mustache::data& object, const std::string& key) {
  const mustache::data* value = object.get(key);
  if (value == nullptr) {
    ADD_FAILURE() << "no key " << key;
    static const mustache::data empty{mustache::data::type::object};
    return empty;
  }
  return *value;
}

std::string String(const mustache::data& object, const std::string& key) {
  const mustache::data& value = At(object, key);
  return value.is_string() ? value.string_value() : "<not a string>";
}

const mustache::data& FieldData(const mustache::data& form, std::size_t group, std::size_t field) {
  return At(At(form, "groups").list_value().at(group), "fields").list_value().at(field);
}

struct SummaryEntry {
  std::string message, href;
  bool operator==(const SummaryEntry&) const = default;
};

std::vector<SummaryEntry> Summary(const mustache::data& form) {
  std::vector<SummaryEntry> out;
  for (const auto& e : At(form, "errors").list_value()) {
    out.push_back({String(e, "message"), String(e, "href")});
  }
  return out;
}

// The form rendered by the real template (src/app/templates/form.mustache).
std::string Render(const mustache::data& data) {
  const char* share = std::getenv("LUMBUNG_SHARE_DIR");
  EXPECT_NE(share, nullptr);
  std::ifstream in(std::filesystem::path(share ? share : ".") / "src/app/templates/form.mustache");
  std::stringstream text;
  text << in.rdbuf();
  mustache::mustache tmpl(text.str());
  EXPECT_TRUE(tmpl.is_valid()) << tmpl.error_message();
  return tmpl.render(data);
}

TEST(FormData, WithoutErrorsThereIsNoSummary) {
  const mustache::data d = FormData(SignInForm(), Catalogs(), "en");
  EXPECT_TRUE(At(d, "has_errors").is_false());
  EXPECT_TRUE(At(d, "errors").is_empty_list());
  EXPECT_FALSE(SignInForm().HasErrors());
  EXPECT_EQ(At(FieldData(d, 0, 0), "describedby").string_value(), "f-identifier-hint");
  EXPECT_EQ(FieldData(d, 0, 1).get("describedby"), nullptr);
  EXPECT_EQ(FieldData(d, 0, 1).get("error"), nullptr);
}

TEST(FormData, ErrorSummaryEntriesLinkToTheirFields) {
  Form form = SignInForm();
  form.Field("identifier")->error = "Enter your email, username or NIK";
  form.Field("password")->error = "Enter your password";
  EXPECT_TRUE(form.HasErrors());
  const mustache::data d = FormData(form, Catalogs(), "en");
  EXPECT_TRUE(At(d, "has_errors").is_true());
  EXPECT_EQ(Summary(d),
            (std::vector<SummaryEntry>{{"Enter your email, username or NIK", "#f-identifier"},
                                       {"Enter your password", "#f-password"}}));
  EXPECT_EQ(String(FieldData(d, 0, 0), "id"), "f-identifier");
  EXPECT_EQ(String(FieldData(d, 0, 1), "id"), "f-password");
}

TEST(FormData, AFormErrorComesFirstAndLinksToTheFirstField) {
  Form form = SignInForm();
  form.form_error = "The details do not match";
  form.Field("password")->error = "Enter your password";
  EXPECT_TRUE(form.HasErrors());
  const mustache::data d = FormData(form, Catalogs(), "en");
  EXPECT_EQ(Summary(d), (std::vector<SummaryEntry>{{"The details do not match", "#f-identifier"},
                                                   {"Enter your password", "#f-password"}}));

  Form only_form_error = SignInForm();
  only_form_error.form_error = "Too many attempts";
  EXPECT_TRUE(only_form_error.HasErrors());
  EXPECT_TRUE(At(FormData(only_form_error, Catalogs(), "en"), "has_errors").is_true());
}

TEST(FormData, AriaDescribedByJoinsHintAndErrorIds) {
  Form form = SignInForm();
  form.Field("identifier")->error = "Enter your email, username or NIK";
  form.Field("password")->error = "Enter your password";
  const mustache::data d = FormData(form, Catalogs(), "en");
  EXPECT_EQ(String(FieldData(d, 0, 0), "describedby"), "f-identifier-hint f-identifier-error");
  EXPECT_EQ(String(FieldData(d, 0, 1), "describedby"), "f-password-error");  // no hint
  EXPECT_EQ(String(FieldData(d, 0, 1), "error"), "Enter your password");

  const std::string html = Render(d);
  EXPECT_THAT(html, HasSubstr("aria-describedby=\"f-identifier-hint f-identifier-error\""));
  EXPECT_THAT(html, HasSubstr("id=\"f-identifier-hint\""));
  EXPECT_THAT(html, HasSubstr("id=\"f-identifier-error\""));
  EXPECT_THAT(html, HasSubstr("<a href=\"#f-identifier\">"));
  EXPECT_THAT(html, HasSubstr("<a href=\"#f-password\">"));
  EXPECT_THAT(html, HasSubstr("aria-invalid=\"true\""));
}

TEST(FormData, KeepsValuesButNeverPasswords) {
  Form form = SignInForm();
  form.Field("password")->error = "Enter your password";
  const mustache::data d = FormData(form, Catalogs(), "en");
  EXPECT_EQ(String(FieldData(d, 0, 0), "value"), "siti@contoh.co.id");
  EXPECT_EQ(FieldData(d, 0, 1).get("value"), nullptr);
  const std::string html = Render(d);
  EXPECT_THAT(html, HasSubstr("value=\"siti@contoh.co.id\""));
  EXPECT_THAT(html, Not(HasSubstr(kSecret)));
  EXPECT_THAT(html, Not(HasSubstr("correct horse")));
}

TEST(FormData, PasswordToggleLabelsComeFromTheCatalog) {
  const mustache::data id = FormData(SignInForm(), Catalogs(), "id");
  EXPECT_TRUE(At(FieldData(id, 0, 1), "toggle").is_true());
  EXPECT_EQ(String(FieldData(id, 0, 1), "show_label"), "Tampilkan");
  EXPECT_EQ(String(FieldData(id, 0, 1), "hide_label"), "Sembunyikan");
  EXPECT_EQ(FieldData(id, 0, 0).get("toggle"), nullptr);
}

TEST(FormData, EscapesWhatItRenders) {
  Form form = SignInForm();
  form.Field("identifier")->value = "\"><script>alert(1)</script>";
  form.Field("identifier")->error = "<b>bad</b>";
  const std::string html = Render(FormData(form, Catalogs(), "en"));
  EXPECT_THAT(html, Not(HasSubstr("<script>")));
  EXPECT_THAT(html, Not(HasSubstr("<b>bad</b>")));
}

TEST(FormData, HiddenFieldsAndMessagePages) {
  Form form = SignInForm();
  form.hidden = {{"next", "/dashboard"}};
  const mustache::data d = FormData(form, Catalogs(), "en");
  ASSERT_EQ(At(d, "hidden").list_value().size(), 1u);
  EXPECT_EQ(String(At(d, "hidden").list_value()[0], "value"), "/dashboard");
  EXPECT_TRUE(At(d, "form").is_true());
  EXPECT_EQ(String(d, "action"), "/login");

  Form message;
  message.heading = "Check your email";
  message.no_form = true;
  const mustache::data m = FormData(message, Catalogs(), "en");
  EXPECT_EQ(m.get("form"), nullptr);
  EXPECT_THAT(Render(m), Not(HasSubstr("<form")));
}

Form BirthDateForm() {
  Form form;
  form.heading = "Create an account";
  form.action = "/register";
  form.submit = "Create";
  form.groups.push_back(FormGroup{.legend = "",
                                  .fields = {FormField{.name = "birth_date",
                                                       .label = "Date of birth",
                                                       .hint = "For example 17 8 1990",
                                                       .type = "date",
                                                       .autocomplete = "bday"},
                                             FormField{.name = "email", .label = "Email"}}});
  return form;
}

constexpr std::chrono::year_month_day kFrom{std::chrono::year(1900), std::chrono::January,
                                            std::chrono::day(1)};
constexpr std::chrono::year_month_day kTo{std::chrono::year(2026), std::chrono::December,
                                          std::chrono::day(5)};

TEST(DateField, ThreeNumericFieldsInAFieldsetWithTheHintTiedToTheGroup) {
  const std::string html = Render(FormData(BirthDateForm(), Catalogs(), "id"));
  EXPECT_THAT(html,
              HasSubstr("<fieldset id=\"f-birth_date\" aria-describedby=\"f-birth_date-hint\">"));
  EXPECT_THAT(html, HasSubstr("<legend class=\"label\">Date of birth</legend>"));
  for (const char* part : {"day", "month", "year"}) {
    const std::string id = std::string("f-birth_date-") + part;
    EXPECT_THAT(html, HasSubstr("for=\"" + id + "\""));
    EXPECT_THAT(html, HasSubstr("id=\"" + id + "\" name=\"birth_date_" + part +
                                "\" type=\"text\" inputmode=\"numeric\" autocomplete=\"bday-" +
                                part + "\""));
  }
  EXPECT_THAT(html, HasSubstr(">Tanggal</label>"));
  EXPECT_THAT(html, HasSubstr(">Bulan</label>"));
  EXPECT_THAT(html, HasSubstr(">Tahun</label>"));
  EXPECT_THAT(html, Not(HasSubstr("type=\"date\"")));
  EXPECT_THAT(html, Not(HasSubstr("aria-invalid")));
}

TEST(DateField, ReadKeepsWhatWasTypedAndGivesTheDate) {
  Form form = BirthDateForm();
  const auto date = ReadDateField(*form.Field("birth_date"), {"17", "Agustus", "1990"}, kFrom, kTo,
                                  "birth.", Catalogs(), "id");
  ASSERT_TRUE(date.has_value());
  EXPECT_EQ(IsoDate(*date), "1990-08-17");
  EXPECT_FALSE(form.HasErrors());
  const std::string html = Render(FormData(form, Catalogs(), "id"));
  EXPECT_THAT(html, HasSubstr("name=\"birth_date_month\" type=\"text\" inputmode=\"numeric\" "
                              "autocomplete=\"bday-month\" required value=\"Agustus\""));
}

TEST(DateField, OneErrorForTheGroupLinkedToThePartItIsAbout) {
  Form form = BirthDateForm();
  EXPECT_FALSE(ReadDateField(*form.Field("birth_date"), {"17", "", "1990"}, kFrom, kTo, "birth.",
                             Catalogs(), "en"));
  EXPECT_TRUE(form.HasErrors());
  const mustache::data d = FormData(form, Catalogs(), "en");
  EXPECT_EQ(Summary(d), (std::vector<SummaryEntry>{{"Enter the month.", "#f-birth_date-month"}}));
  const std::string html = Render(d);
  EXPECT_THAT(html, HasSubstr("aria-describedby=\"f-birth_date-hint f-birth_date-error\""));
  EXPECT_THAT(html, HasSubstr("id=\"f-birth_date-error\""));
  // Only the month is marked.
  EXPECT_THAT(html, HasSubstr("input--error\" id=\"f-birth_date-month\""));
  EXPECT_THAT(html, Not(HasSubstr("input--error\" id=\"f-birth_date-day\"")));
  EXPECT_THAT(html, HasSubstr("value=\"17\""));
  EXPECT_THAT(html, HasSubstr("value=\"1990\""));
}

TEST(DateField, ADayTheMonthDoesNotHaveNamesTheMonthInTheReadersLanguage) {
  for (const auto& [lang, message] :
       {std::pair<std::string, std::string>{"id", "Bulan Februari 1990 tidak punya tanggal 31."},
        {"en", "February 1990 has no day 31."}}) {
    Form form = BirthDateForm();
    EXPECT_FALSE(ReadDateField(*form.Field("birth_date"), {"31", "2", "1990"}, kFrom, kTo, "birth.",
                               Catalogs(), lang));
    EXPECT_EQ(form.Field("birth_date")->error, message);
    EXPECT_EQ(Summary(FormData(form, Catalogs(), lang)),
              (std::vector<SummaryEntry>{{message, "#f-birth_date-day"}}));
  }
}

TEST(DateField, AFormErrorLinksToTheFirstPartOfALeadingDate) {
  Form form = BirthDateForm();
  form.form_error = "The details do not match";
  EXPECT_EQ(Summary(FormData(form, Catalogs(), "en")),
            (std::vector<SummaryEntry>{{"The details do not match", "#f-birth_date-day"}}));
}

TEST(Form, FieldFindsByNameAcrossGroups) {
  Form form = SignInForm();
  form.groups.push_back({.legend = "More", .fields = {FormField{.name = "kpj"}}});
  ASSERT_NE(form.Field("kpj"), nullptr);
  EXPECT_EQ(form.Field("kpj")->type, "text");
  EXPECT_TRUE(form.Field("kpj")->required);
  EXPECT_EQ(form.Field("nope"), nullptr);
  form.Field("kpj")->error = "x";
  EXPECT_TRUE(form.HasErrors());
}

}  // namespace
}  // namespace lumbung::view
