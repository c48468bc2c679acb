#include "identity/account_mail.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

namespace lumbung::identity {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

// Only the ids ComposeAccountMail uses, in both languages.
i18n::Catalogs TestCatalogs() {
  const auto messages = [](const std::string& hello, const std::string& subject) {
    return std::map<std::string, std::string>{
        {"identity.mail.greeting", hello + " {{name}},"},
        {"identity.mail.not_me", "Not you? {{fund}}:"},
        {"identity.mail.safety", "Only {{web_address}} is ours."},
        {"identity.mail.signature", "Regards,\n{{fund}}"},
        {"identity.mail.reset_password.subject", subject},
        {"identity.mail.reset_password.body",
         "Reset within {{minutes}} minutes.\n\nIgnore it otherwise."},
        {"identity.mail.reset_password.action", "Choose a new password:"},
        {"identity.mail.new_device.subject", "New device"},
        {"identity.mail.new_device.body", "A new sign-in.\n\nIP: {{ip}}\nDevice: {{device}}"},
        {"identity.mail.new_device.action", "Your sessions:"},
    };
  };
  return i18n::Catalogs::FromMaps({{"id", messages("Halo", "Pilih kata sandi baru")},
                                   {"en", messages("Hello", "Choose a new password")}});
}

const i18n::Catalogs& Catalogs() {
  static const i18n::Catalogs catalogs = TestCatalogs();
  return catalogs;
}

constexpr const char* kFund = "Dana Jaminan Pekerja Lumbung";
constexpr const char* kWeb = "https://lumbung.example";
constexpr const char* kLink = "https://lumbung.example/reset-password?token=abcDEF123_-xyz";
constexpr const char* kReport = "https://lumbung.example/report?token=REPORT987_-abc";

AccountMail Reset(std::string lang = "en") {
  return {.kind = "reset_password",
          .to = "siti@contoh.co.id",
          .lang = std::move(lang),
          .name = "Siti Rahma",
          .values = {{"minutes", "30"}},
          .link = kLink,
          .report_link = ""};
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

int CountLinesEqualTo(const std::string& text, const std::string& wanted) {
  int n = 0;
  for (const auto& line : Lines(text)) n += line == wanted ? 1 : 0;
  return n;
}

TEST(ComposeAccountMail, SubjectAndTextComeFromTheCatalogInTheAccountsLanguage) {
  mail::OutgoingMail en = ComposeAccountMail(Catalogs(), kFund, kWeb, Reset("en"));
  EXPECT_EQ(en.to, "siti@contoh.co.id");
  EXPECT_EQ(en.subject, "Choose a new password");
  EXPECT_EQ(en.category, "account");
  EXPECT_THAT(en.text_body, HasSubstr("Hello Siti Rahma,"));
  EXPECT_THAT(en.text_body, HasSubstr("Reset within 30 minutes."));
  EXPECT_THAT(en.text_body, HasSubstr("Only https://lumbung.example is ours."));
  EXPECT_THAT(en.text_body, HasSubstr("Regards,\nDana Jaminan Pekerja Lumbung"));
  EXPECT_THAT(en.html_body, HasSubstr("<html lang=\"en\">"));
  EXPECT_THAT(en.html_body, HasSubstr("<title>Choose a new password</title>"));

  mail::OutgoingMail id = ComposeAccountMail(Catalogs(), kFund, kWeb, Reset("id"));
  EXPECT_EQ(id.subject, "Pilih kata sandi baru");
  EXPECT_THAT(id.text_body, HasSubstr("Halo Siti Rahma,"));
  EXPECT_THAT(id.html_body, HasSubstr("<html lang=\"id\">"));
}

TEST(ComposeAccountMail, TheLinkStandsAloneOnItsOwnLine) {
  mail::OutgoingMail m = ComposeAccountMail(Catalogs(), kFund, kWeb, Reset());
  EXPECT_EQ(CountLinesEqualTo(m.text_body, kLink), 1) << m.text_body;
  // Its label is on the line before, not on the same line.
  const auto lines = Lines(m.text_body);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (lines[i] == kLink) {
      ASSERT_GT(i, 0u);
      EXPECT_EQ(lines[i - 1], "Choose a new password:");
      ASSERT_LT(i + 1, lines.size());
      EXPECT_EQ(lines[i + 1], "");
    }
  }
  EXPECT_THAT(m.html_body, HasSubstr(std::string("<a href=\"") + kLink + "\">" + kLink + "</a>"));
}

TEST(ComposeAccountMail, ParagraphsAreSeparatedAndEachBecomesAnHtmlParagraph) {
  mail::OutgoingMail m = ComposeAccountMail(Catalogs(), kFund, kWeb, Reset());
  EXPECT_THAT(m.text_body, HasSubstr("Reset within 30 minutes.\n\nIgnore it otherwise.\n\n"));
  EXPECT_THAT(m.html_body, HasSubstr("<p>Reset within 30 minutes.</p>"));
  EXPECT_THAT(m.html_body, HasSubstr("<p>Ignore it otherwise.</p>"));
}

TEST(ComposeAccountMail, LineBreaksInsideAParagraphSurviveInHtml) {
  // "Regards,\n<fund>" and "IP: ...\nDevice: ..." must not run together in the HTML part.
  AccountMail mail = Reset();
  mail.kind = "new_device";
  mail.values = {{"ip", "203.0.113.7"}, {"device", "Chrome on Android"}};
  mail::OutgoingMail m = ComposeAccountMail(Catalogs(), kFund, kWeb, mail);
  EXPECT_THAT(m.text_body, HasSubstr("IP: 203.0.113.7\nDevice: Chrome on Android"));
  EXPECT_THAT(m.html_body, HasSubstr("IP: 203.0.113.7<br>\nDevice: Chrome on Android"));
  EXPECT_THAT(m.html_body, HasSubstr("Regards,<br>\nDana Jaminan Pekerja Lumbung"));
}

TEST(ComposeAccountMail, HtmlEscapesNamesAndValuesButTextKeepsThem) {
  AccountMail mail = Reset();
  mail.name = "<b>Siti & Co</b>";
  mail.values["minutes"] = "30\"><script>x</script>";
  mail::OutgoingMail m = ComposeAccountMail(Catalogs(), kFund, kWeb, mail);
  EXPECT_THAT(m.html_body, HasSubstr("Hello &lt;b&gt;Siti &amp; Co&lt;/b&gt;,"));
  EXPECT_THAT(m.html_body, Not(HasSubstr("<b>")));
  EXPECT_THAT(m.html_body, Not(HasSubstr("<script>")));
  EXPECT_THAT(m.html_body, HasSubstr("30&quot;&gt;&lt;script&gt;"));
  // The text part is plain text: nothing to escape.
  EXPECT_THAT(m.text_body, HasSubstr("Hello <b>Siti & Co</b>,"));
}

TEST(ComposeAccountMail, TheReportLinkAppearsOnlyWhenAsked) {
  mail::OutgoingMail without = ComposeAccountMail(Catalogs(), kFund, kWeb, Reset());
  EXPECT_THAT(without.text_body, Not(HasSubstr("/report")));
  EXPECT_THAT(without.html_body, Not(HasSubstr("/report")));
  EXPECT_THAT(without.text_body, Not(HasSubstr("Not you?")));

  AccountMail mail = Reset();
  mail.report_link = kReport;
  mail::OutgoingMail with = ComposeAccountMail(Catalogs(), kFund, kWeb, mail);
  EXPECT_EQ(CountLinesEqualTo(with.text_body, kReport), 1) << with.text_body;
  EXPECT_EQ(CountLinesEqualTo(with.text_body, kLink), 1);
  EXPECT_THAT(with.text_body,
              HasSubstr("Not you? Dana Jaminan Pekerja Lumbung:\n" + std::string(kReport) + "\n"));
  EXPECT_THAT(with.html_body, HasSubstr(std::string("<a href=\"") + kReport + "\">"));
}

TEST(ComposeAccountMail, NoActionLinkWhenThereIsNone) {
  AccountMail mail = Reset();
  mail.link.clear();
  mail::OutgoingMail m = ComposeAccountMail(Catalogs(), kFund, kWeb, mail);
  EXPECT_THAT(m.text_body, Not(HasSubstr("Choose a new password:")));
  EXPECT_THAT(m.html_body, Not(HasSubstr("<a ")));
}

TEST(ComposeAccountMail, TheResultIsAValidOutboxMail) {
  AccountMail mail = Reset();
  mail.report_link = kReport;
  EXPECT_NO_THROW(mail::ValidateOutgoingMail(ComposeAccountMail(Catalogs(), kFund, kWeb, mail)));
}

TEST(ComposeAccountMail, ShippedCatalogsHaveEveryKindTheFeatureSends) {
  const char* share = std::getenv("LUMBUNG_SHARE_DIR");
  ASSERT_NE(share, nullptr);
  const auto catalogs = i18n::Catalogs::LoadDirectory(std::filesystem::path(share) / "locale");
  for (const char* kind :
       {"verify_email",      "reset_password",       "locked",          "new_device",
        "register_existing", "register_email_taken", "password_reset",  "password_changed",
        "email_changed",     "confirm_new_email",    "reported",        "invitation",
        "passkey_added",     "passkey_removed",      "passkey_counter", "username_changed",
        "username_removed",  "account_disabled",     "account_enabled", "staff_roles_changed"}) {
    for (const std::string lang : {"id", "en"}) {
      AccountMail mail{.kind = kind,
                       .to = "siti@contoh.co.id",
                       .lang = lang,
                       .name = "Siti",
                       .values = {},
                       .link = kLink,
                       .report_link = kReport};
      mail::OutgoingMail m = ComposeAccountMail(catalogs, kFund, kWeb, mail);
      EXPECT_THAT(m.subject, Not(HasSubstr("[["))) << kind << " " << lang;
      EXPECT_THAT(m.text_body, Not(HasSubstr("[["))) << kind << " " << lang;
      EXPECT_EQ(CountLinesEqualTo(m.text_body, kLink), 1) << kind << " " << lang;
      EXPECT_NO_THROW(mail::ValidateOutgoingMail(m)) << kind << " " << lang;
    }
  }
}

}  // namespace
}  // namespace lumbung::identity
