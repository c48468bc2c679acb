#include "identity/sign_in_wait.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

namespace lumbung::identity {
namespace {

constexpr std::int64_t kNow = 1'796'417'520;  // 2026-12-04T20:52:00Z: 5 December, 03:52 WIB

const i18n::Catalogs& Real() {
  static const i18n::Catalogs catalogs = i18n::Catalogs::LoadDirectory(
      std::filesystem::path(std::getenv("LUMBUNG_SHARE_DIR")) / "locale");
  return catalogs;
}

// A back-off of seconds is said as seconds, never as the current minute's clock time.
TEST(SignInWait, ShortDelaysAreSaidAsSecondsInBothLanguages) {
  EXPECT_EQ(RetryPhrase(Real(), "en", kNow, kNow + 40), "in 40 seconds");
  EXPECT_EQ(RetryPhrase(Real(), "id", kNow, kNow + 40), "dalam 40 detik");
  EXPECT_EQ(RetryPhrase(Real(), "en", kNow, kNow + 1), "in 1 second");
  EXPECT_EQ(RetryPhrase(Real(), "id", kNow, kNow + 1), "dalam 1 detik");
  EXPECT_EQ(RetryPhrase(Real(), "en", kNow, kNow + 59), "in 59 seconds");
  // The moment has just passed (the gate was read a second ago): still a sensible phrase.
  EXPECT_EQ(RetryPhrase(Real(), "en", kNow, kNow), "in 1 second");
}

TEST(SignInWait, DelaysUnderAnHourAreWholeMinutesRoundedUp) {
  EXPECT_EQ(RetryPhrase(Real(), "en", kNow, kNow + 60), "in 1 minute");
  EXPECT_EQ(RetryPhrase(Real(), "en", kNow, kNow + 61), "in 2 minutes");
  EXPECT_EQ(RetryPhrase(Real(), "id", kNow, kNow + 61), "dalam 2 menit");
  EXPECT_EQ(RetryPhrase(Real(), "en", kNow, kNow + 15 * 60), "in 15 minutes");
  EXPECT_EQ(RetryPhrase(Real(), "en", kNow, kNow + 3599), "in 60 minutes");
}

TEST(SignInWait, AnHourOrMoreIsTheFundsLocalTime) {
  EXPECT_EQ(RetryPhrase(Real(), "en", kNow, kNow + 3600), "after 5 December 2026, 04:52 WIB");
  EXPECT_EQ(RetryPhrase(Real(), "id", kNow, kNow + 3600), "setelah 5 Desember 2026, 04.52 WIB");
}

}  // namespace
}  // namespace lumbung::identity
