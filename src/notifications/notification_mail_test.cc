#include "notifications/notification_mail.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

namespace lumbung::notifications {
namespace {

// The shipped catalogs (LUMBUNG_SHARE_DIR is set for every test binary).
const i18n::Catalogs& Catalogs() {
  static const i18n::Catalogs catalogs = i18n::Catalogs::LoadDirectory(
      std::filesystem::path(std::getenv("LUMBUNG_SHARE_DIR")) / "locale");
  return catalogs;
}

const MailSettings kSettings{.fund_name = "Dana Jaminan Pekerja Lumbung",
                             .web_address = "https://dana.example",
                             .public_url = "https://portal.dana.example",
                             .message_id_domain = "dana.example"};

const inbox::InboxItem kLate{
    .account_id = 5,
    .category = "payments",
    .message_id = "notifications.event.payment_late",
    .values = {{"month", "202609"}, {"employer", "PT Maju & <Jaya>"}, {"due_date", "2026-10-15"}},
    .link = "/contributions?year=2026"};

TEST(NotificationMailTest, TheNoticeInTheAccountsLanguageWithLinksOnTheirOwnLines) {
  const auto mail = ComposeNotificationMail(
      Catalogs(), kSettings, {.email = "siti@example.id", .lang = "en", .name = "Siti"}, kLate);
  EXPECT_NO_THROW(mail::ValidateOutgoingMail(mail));
  EXPECT_EQ(mail.to, "siti@example.id");
  EXPECT_EQ(mail.category, "notifications");
  EXPECT_EQ(mail.subject, Catalogs().Get("en", "notifications.mail.subject.payments"));
  EXPECT_NE(mail.text_body.find("Hello Siti,"), std::string::npos);
  EXPECT_NE(mail.text_body.find("PT Maju & <Jaya> has not paid your contributions for "
                                "September 2026, which were due on 15 October 2026."),
            std::string::npos)
      << mail.text_body;
  EXPECT_NE(mail.text_body.find("\nhttps://portal.dana.example/notifications\n"),
            std::string::npos);
  EXPECT_NE(mail.text_body.find("\nhttps://portal.dana.example/notifications/preferences\n"),
            std::string::npos);
  EXPECT_NE(mail.text_body.find("https://dana.example"), std::string::npos) << "official address";
  // HTML: escaped, the same links.
  EXPECT_NE(mail.html_body.find("PT Maju &amp; &lt;Jaya&gt;"), std::string::npos);
  EXPECT_EQ(mail.html_body.find("<Jaya>"), std::string::npos);
  EXPECT_NE(mail.html_body.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(mail.html_body.find("href=\"https://portal.dana.example/notifications\""),
            std::string::npos);
}

TEST(NotificationMailTest, IndonesianByDefault) {
  const auto mail = ComposeNotificationMail(
      Catalogs(), kSettings, {.email = "siti@example.id", .lang = "fr", .name = "Siti"}, kLate);
  EXPECT_EQ(mail.subject, Catalogs().Get("id", "notifications.mail.subject.payments"));
  EXPECT_NE(mail.text_body.find("September 2026"), std::string::npos);
  EXPECT_NE(mail.text_body.find("15 Oktober 2026"), std::string::npos) << mail.text_body;
  EXPECT_EQ(mail.text_body.find("[["), std::string::npos) << "every id is in the catalog";
}

TEST(NotificationMailTest, EveryCategoryHasASubject) {
  for (const auto category : inbox::Categories()) {
    inbox::InboxItem item = kLate;
    item.category = std::string(category);
    for (const char* lang : {"id", "en"}) {
      const auto mail = ComposeNotificationMail(Catalogs(), kSettings,
                                                {.email = "a@example.id", .lang = lang}, item);
      EXPECT_EQ(mail.subject.find("[["), std::string::npos) << category << " " << lang;
      EXPECT_NO_THROW(mail::ValidateOutgoingMail(mail));
    }
  }
}

}  // namespace
}  // namespace lumbung::notifications
