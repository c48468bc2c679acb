#include "backoffice/audit_text.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

namespace lumbung::backoffice {
namespace {

const i18n::Catalogs& Catalogs() {
  static const i18n::Catalogs catalogs = i18n::Catalogs::LoadDirectory(
      std::filesystem::path(std::getenv("LUMBUNG_SHARE_DIR")) / "locale");
  return catalogs;
}

TEST(AuditText, TimesOnTheFundsClockToTheSecond) {
  // 14:54:29 UTC is 21:54:29 WIB, 22:54:29 WITA, and after midnight in WIT.
  const std::string stored = "2026-12-07T14:54:29.123Z";
  EXPECT_EQ(AuditTimeText(stored, "en", Catalogs(), i18n::FundZone::kWib),
            "7 December 2026, 21:54:29 WIB");
  EXPECT_EQ(AuditTimeText(stored, "id", Catalogs(), i18n::FundZone::kWib),
            "7 Desember 2026, 21.54.29 WIB");
  EXPECT_EQ(AuditTimeIso(stored, i18n::FundZone::kWita), "2026-12-07 22:54:29 WITA");
  EXPECT_EQ(AuditTimeIso("2026-12-07T15:00:00.000Z", i18n::FundZone::kWit),
            "2026-12-08 00:00:00 WIT");
  EXPECT_EQ(AuditTimeText("garbled", "en", Catalogs(), i18n::FundZone::kWib), "garbled");
}

TEST(AuditText, Details) {
  EXPECT_EQ(DetailsText({}), "");
  EXPECT_EQ(DetailsText({{"reason", "bad_password"}, {"device", "known"}}),
            "device: known; reason: bad_password");
}

TEST(AuditText, CsvRowsNeutraliseFormulas) {
  audit::Event e{.id = 7,
                 .occurred_at = "2026-12-07T14:54:29.123Z",
                 .actor_user_id = std::nullopt,
                 .subject_user_id = 42,
                 .action = "login.failed",
                 .result = audit::Result::kDenied,
                 .ip = "203.0.113.9",
                 .user_agent = "=HYPERLINK(\"http://evil.example\",\"x\")",
                 .details = {{"reason", "@SUM(A1)"}}};
  const std::string line = AuditCsvLine({.event = &e,
                                         .actor = "",
                                         .subject = "+Sari <s@x.id> #42",
                                         .action_text = "Failed sign-in attempt"},
                                        i18n::FundZone::kWib);
  EXPECT_EQ(line,
            "7,2026-12-07 21:54:29 WIB,2026-12-07T14:54:29.123Z,,,42,'+Sari <s@x.id> #42,"
            "login.failed,Failed sign-in attempt,denied,203.0.113.9,"
            "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\","
            "\"{\"\"reason\"\":\"\"@SUM(A1)\"\"}\"\r\n");
  EXPECT_EQ(AuditCsvHeaderIds().size(), 13u);
  for (const auto& id : AuditCsvHeaderIds()) {
    EXPECT_TRUE(Catalogs().All("id").count(id)) << id;
    EXPECT_TRUE(Catalogs().All("en").count(id)) << id;
  }
}

}  // namespace
}  // namespace lumbung::backoffice
