// Every message the profile shows or mails exists in both shipped catalogs, so no member ever
// sees a raw id ("[[profile.error.nik_own]]") for a value the pure checks can produce.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "core/i18n/catalog.h"
#include "profile/beneficiaries.h"
#include "profile/contact.h"

namespace lumbung::profile {
namespace {

const i18n::Catalogs& Shipped() {
  static const i18n::Catalogs catalogs = i18n::Catalogs::LoadDirectory(
      std::filesystem::path(std::getenv("LUMBUNG_SHARE_DIR")) / "locale");
  return catalogs;
}

void ExpectId(const std::string& id) {
  for (const auto& lang : Shipped().Languages()) {
    EXPECT_TRUE(Shipped().All(lang).count(id)) << lang << ": " << id;
  }
}

TEST(ProfileCatalog, NamesEveryStoredValue) {
  for (auto status : MaritalStatuses()) ExpectId("profile.marital." + std::string(status));
  for (auto relation : Relations()) ExpectId("profile.relation." + std::string(relation));
  for (const char* sex : {"M", "F"}) ExpectId(std::string("profile.sex.") + sex);
  for (const char* field : {"address", "phone", "marital_status"}) {
    ExpectId(std::string("profile.field.") + field);  // listed in the contact mail
  }
}

TEST(ProfileCatalog, HasAMessageForEveryProblemTheBeneficiaryCheckReports) {
  // Rows that between them produce every row problem, then each list problem.
  const std::vector<BeneficiaryRow> rows = {
      {"", "", "cousin", "", "", false},
      {"", "Budi 2", "", "123", "0", false},
      {"", std::string(101, 'a'), "child", "3171010508900000", "x", false},
      {"", "Ani", "child", "3171010508900001", "50", false},
      {"", "Dewi", "child", "3171010508900002", "50", false},
      {"", "Dewi", "child", "3171010508900002", "50", false},
  };
  for (const auto& p : CheckBeneficiaries(rows, {}, "3171010508900001").problems) {
    ExpectId("profile.error." + p.what);
  }
  for (const char* what : {"unknown_beneficiary", "too_many", "shares_sum"}) {
    ExpectId(std::string("profile.error.") + what);
  }
}

TEST(ProfileCatalog, HasTheMailsAndTheRecentActivityLines) {
  for (const char* kind : {"contact_changed", "bank_changed", "beneficiaries_changed"}) {
    for (const char* part : {".subject", ".body", ".action"}) {
      ExpectId(std::string("identity.mail.profile_") + kind + part);
    }
    ExpectId(std::string("identity.activity.profile.") + kind);
    ExpectId(std::string("profile.notice.") + kind);
  }
  // A payout account in another person's name: its own mail, activity line and notice.
  for (const char* part : {".subject", ".body", ".action"}) {
    ExpectId(std::string("identity.mail.profile_bank_holder_mismatch") + part);
  }
  ExpectId("identity.activity.profile.bank_holder_mismatch");
  ExpectId("profile.notice.bank_changed_other_holder");
}

}  // namespace
}  // namespace lumbung::profile
