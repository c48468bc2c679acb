#include "core/i18n/fund_time.h"

#include <gtest/gtest.h>

#include "core/i18n/wib_time.h"

namespace lumbung::i18n {
namespace {

using std::chrono::day;
using std::chrono::December;
using std::chrono::year;
using std::chrono::year_month_day;

// 4 December 2026, 17:00:00 UTC: midnight of 5 December in WIB.
constexpr std::int64_t kWibMidnight = 1796403600;
// 4 December 2026, 16:00:00 UTC: midnight of 5 December in WITA.
constexpr std::int64_t kWitaMidnight = kWibMidnight - 3600;

class FundZoneGuard {
 public:
  explicit FundZoneGuard(FundZone zone) : before_(CurrentFundZone()) { SetFundZone(zone); }
  ~FundZoneGuard() { SetFundZone(before_); }

 private:
  FundZone before_;
};

TEST(FundDay, WibTurnsTheDayAtSeventeenUtc) {
  EXPECT_EQ(FundDay(kWibMidnight - 1, FundZone::kWib),
            year_month_day(year(2026), December, day(4)));
  EXPECT_EQ(FundDay(kWibMidnight, FundZone::kWib), year_month_day(year(2026), December, day(5)));
}

TEST(FundDay, WitaTurnsTheDayAnHourEarlier) {
  EXPECT_EQ(FundDay(kWitaMidnight - 1, FundZone::kWita),
            year_month_day(year(2026), December, day(4)));
  EXPECT_EQ(FundDay(kWitaMidnight, FundZone::kWita), year_month_day(year(2026), December, day(5)));
  EXPECT_EQ(FundDay(kWitaMidnight, FundZone::kWib), year_month_day(year(2026), December, day(4)));
}

TEST(FundDay, WitTurnsTheDayAtFifteenUtc) {
  EXPECT_EQ(FundDay(kWibMidnight - 7201, FundZone::kWit),
            year_month_day(year(2026), December, day(4)));
  EXPECT_EQ(FundDay(kWibMidnight - 7200, FundZone::kWit),
            year_month_day(year(2026), December, day(5)));
}

TEST(FundDay, TheConfiguredZoneDecidesTheDayAndYear) {
  // 31 December 2026, 16:30 UTC: still 2026 in WIB, already 2027 in WITA.
  constexpr std::int64_t kNewYearEve = 1798734600;
  {
    FundZoneGuard wib(FundZone::kWib);
    EXPECT_EQ(FundYear(kNewYearEve), 2026);
    EXPECT_EQ(FundDayIso(kWibMidnight - 1), "2026-12-04");
    EXPECT_EQ(FundDayIso(kWibMidnight), "2026-12-05");
  }
  FundZoneGuard wita(FundZone::kWita);
  EXPECT_EQ(FundYear(kNewYearEve), 2027);
  EXPECT_EQ(FundDayIso(kWitaMidnight - 1), "2026-12-04");
  EXPECT_EQ(FundDayIso(kWitaMidnight), "2026-12-05");
}

TEST(FundZone, ParsesOnlyIndonesiasThreeZones) {
  EXPECT_EQ(ParseFundZone("WIB"), FundZone::kWib);
  EXPECT_EQ(ParseFundZone("WITA"), FundZone::kWita);
  EXPECT_EQ(ParseFundZone("WIT"), FundZone::kWit);
  EXPECT_EQ(ParseFundZone("wib"), std::nullopt);
  EXPECT_EQ(ParseFundZone("UTC+7"), std::nullopt);
  EXPECT_EQ(FundZoneLabel(FundZone::kWita), "WITA");
  EXPECT_EQ(FundZoneOffset(FundZone::kWit), std::chrono::hours(9));
}

TEST(FundClock, ShowsTheZonesWallClockAndLabel) {
  {
    FundZoneGuard wib(FundZone::kWib);
    EXPECT_EQ(FormatWibClock(kWibMidnight - 1, "id"), "23.59 WIB");
    EXPECT_EQ(FormatWibClock(kWibMidnight, "en"), "00:00 WIB");
  }
  FundZoneGuard wita(FundZone::kWita);
  EXPECT_EQ(FormatWibClock(kWibMidnight, "id"), "01.00 WITA");
}

}  // namespace
}  // namespace lumbung::i18n
