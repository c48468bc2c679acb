#include "core/inbox/render.h"

#include <gtest/gtest.h>

namespace lumbung::inbox {
namespace {

i18n::Catalogs TestCatalogs() {
  std::map<std::string, std::string> id = {
      {"date.months.3", "Maret"},
      {"date.months.4", "April"},
      {"n.late", "{{employer}} belum membayar iuran {{month}} (jatuh tempo {{due_date}})."},
      {"n.paid", "Iuran {{month}} sebesar {{amount}} diterima."}};
  std::map<std::string, std::string> en = {
      {"date.months.3", "March"},
      {"date.months.4", "April"},
      {"n.late", "{{employer}} has not paid for {{month}} (due {{due_date}})."},
      {"n.paid", "Your {{month}} contribution of {{amount}} was received."}};
  return i18n::Catalogs::FromMaps({{"id", id}, {"en", en}});
}

TEST(InboxRenderTest, ValuesAreFormattedInTheReadersLanguage) {
  const auto catalogs = TestCatalogs();
  const InboxItem late{
      .account_id = 1,
      .category = "payments",
      .message_id = "n.late",
      .values = {{"employer", "PT Maju Jaya"}, {"month", "202603"}, {"due_date", "2026-04-15"}}};
  EXPECT_EQ(RenderMessage(catalogs, "id", late),
            "PT Maju Jaya belum membayar iuran Maret 2026 (jatuh tempo 15 April 2026).");
  EXPECT_EQ(RenderMessage(catalogs, "en", late),
            "PT Maju Jaya has not paid for March 2026 (due 15 April 2026).");
  const InboxItem paid{.account_id = 1,
                       .category = "contributions",
                       .message_id = "n.paid",
                       .values = {{"month", "202603"}, {"amount", "1234567"}}};
  EXPECT_EQ(RenderMessage(catalogs, "id", paid), "Iuran Maret 2026 sebesar Rp 1.234.567 diterima.");
  EXPECT_EQ(RenderMessage(catalogs, "en", paid),
            "Your March 2026 contribution of Rp 1,234,567 was received.");
}

TEST(InboxRenderTest, ValuesNotInTheirNamesFormAreShownAsWritten) {
  const auto catalogs = TestCatalogs();
  const auto shown = DisplayValues(catalogs, "en",
                                   {{"month", "202613"},
                                    {"start_month", "2026-03"},
                                    {"date", "15/04/2026"},
                                    {"due_date", "2026-13-01"},
                                    {"amount", "12a"},
                                    {"paid_amount", "-5000"},
                                    {"monthly", "202603"},
                                    {"employer", "<b>PT</b>"}});
  EXPECT_EQ(shown.at("month"), "202613");
  EXPECT_EQ(shown.at("start_month"), "2026-03");
  EXPECT_EQ(shown.at("date"), "15/04/2026");
  EXPECT_EQ(shown.at("due_date"), "2026-13-01");
  EXPECT_EQ(shown.at("amount"), "12a");
  EXPECT_EQ(shown.at("paid_amount"), "-Rp 5,000");
  EXPECT_EQ(shown.at("monthly"), "202603") << "only 'month' or '*_month' is a month";
  EXPECT_EQ(shown.at("employer"), "<b>PT</b>") << "plain text: the page escapes it";
}

TEST(InboxRenderTest, MonthText) {
  const auto catalogs = TestCatalogs();
  EXPECT_EQ(MonthText(catalogs, "id", 202604), "April 2026");
  EXPECT_EQ(MonthText(catalogs, "en", 202603), "March 2026");
  EXPECT_EQ(MonthText(catalogs, "en", 202600), "202600");
  EXPECT_EQ(MonthText(catalogs, "en", 7), "7");
}

}  // namespace
}  // namespace lumbung::inbox
