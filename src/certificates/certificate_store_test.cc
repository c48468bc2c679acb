#include <gtest/gtest.h>

#include "certificates/certificate_store.h"
#include "core/view/mask.h"

namespace lumbung::certificates {
namespace {

NewCertificate Good() {
  return {.member_id = 1,
          .competency = "Operator Forklift",
          .issuer_name = "Dana Contoh",
          .issued_on = "2026-03-01"};
}

TEST(CheckNewCertificate, AcceptsACompleteCertificate) {
  EXPECT_TRUE(CheckNewCertificate(Good()).empty());
  NewCertificate c = Good();
  c.expires_on = "2027-03-01";
  c.level = "Madya";
  EXPECT_TRUE(CheckNewCertificate(c).empty());
}

TEST(CheckNewCertificate, NamesEachWrongField) {
  NewCertificate c = Good();
  c.competency = "";
  c.issued_on = "2026-02-30";
  c.level = std::string(101, 'x');
  const auto errors = CheckNewCertificate(c);
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0], (FieldError{"competency", "certificates.error.competency_missing"}));
  EXPECT_EQ(errors[1], (FieldError{"level", "certificates.error.level_too_long"}));
  EXPECT_EQ(errors[2], (FieldError{"issued_on", "certificates.error.issued_on_invalid"}));
  c = Good();
  c.expires_on = "2026-03-01";
  ASSERT_EQ(CheckNewCertificate(c).size(), 1u);
  EXPECT_EQ(CheckNewCertificate(c)[0].message_id, "certificates.error.expires_before_issue");
  c = Good();
  c.competency = "line\nbreak";
  EXPECT_EQ(CheckNewCertificate(c)[0].field, "competency");
}

TEST(StateOn, RevokedBeatsExpiredAndTheLastDayIsValid) {
  Certificate c;
  c.expires_on = "2026-12-31";
  EXPECT_EQ(StateOn(c, "2026-12-31"), CertificateState::kValid);
  EXPECT_EQ(StateOn(c, "2027-01-01"), CertificateState::kExpired);
  c.revoked_at = 5;
  EXPECT_EQ(StateOn(c, "2026-01-01"), CertificateState::kRevoked);
  EXPECT_EQ(StateName(CertificateState::kExpired), "expired");
  c = Certificate{};
  EXPECT_EQ(StateOn(c, "2999-01-01"), CertificateState::kValid);
}

// ASVS 4.0.3 8.3.1: the public page's name is masked.
TEST(Masking, ThePublicPageShowsInitialsOnly) {
  EXPECT_EQ(view::MaskName("Siti Rahayu"), "S*** R***");
}

}  // namespace
}  // namespace lumbung::certificates
