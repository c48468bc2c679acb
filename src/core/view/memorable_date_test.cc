#include "core/view/memorable_date.h"

#include <gtest/gtest.h>

namespace lumbung::view {
namespace {

using std::chrono::year_month_day;

constexpr year_month_day kEarliest{std::chrono::year(1900), std::chrono::January,
                                   std::chrono::day(1)};
constexpr year_month_day kToday{std::chrono::year(2026), std::chrono::December,
                                std::chrono::day(5)};

ParsedDate Parse(std::string day, std::string month, std::string year) {
  return ParseMemorableDate(DateParts{day, month, year}, kEarliest, kToday);
}

std::string Iso(const ParsedDate& parsed) {
  return parsed.date ? IsoDate(*parsed.date)
                     : "problem " + std::string(DateProblemId(parsed.problem));
}

TEST(MemorableDate, NumbersWithOrWithoutLeadingZerosAndSpaces) {
  EXPECT_EQ(Iso(Parse("17", "8", "1990")), "1990-08-17");
  EXPECT_EQ(Iso(Parse("07", "08", "1990")), "1990-08-07");
  EXPECT_EQ(Iso(Parse(" 7 ", " 8", "1990 ")), "1990-08-07");
  EXPECT_EQ(Iso(Parse("7", "8", "1 990")), "1990-08-07");
  EXPECT_EQ(Iso(Parse("1", "1", "1900")), "1900-01-01");
}

TEST(MemorableDate, MonthNamesAndAbbreviationsInIndonesianAndEnglish) {
  for (const char* august : {"Agustus", "agustus", "AGUSTUS", "Agu", "Agt", "ags", "Agt.", "August",
                             "aug", "Aug.", " Aug "}) {
    EXPECT_EQ(Iso(Parse("17", august, "1990")), "1990-08-17") << august;
  }
  const std::pair<const char*, int> names[] = {
      {"Januari", 1},  {"Jan", 1},       {"Februari", 2},  {"Pebruari", 2}, {"Feb", 2},
      {"Maret", 3},    {"March", 3},     {"Mar", 3},       {"April", 4},    {"Mei", 5},
      {"May", 5},      {"Juni", 6},      {"June", 6},      {"Juli", 7},     {"July", 7},
      {"Sept", 9},     {"Sep", 9},       {"September", 9}, {"Oktober", 10}, {"Okt", 10},
      {"October", 10}, {"Oct", 10},      {"Nopember", 11}, {"Nov", 11},     {"Desember", 12},
      {"Des", 12},     {"December", 12}, {"Dec", 12}};
  for (const auto& [name, month] : names) EXPECT_EQ(MonthFromText(name), month) << name;
  EXPECT_EQ(MonthFromText("13"), 0);
  EXPECT_EQ(MonthFromText("0"), 0);
  EXPECT_EQ(MonthFromText("Agus tus"), 8) << "spaces inside are dropped";
  EXPECT_EQ(MonthFromText("Augusts"), 0);
  EXPECT_EQ(MonthFromText(""), 0);
}

TEST(MemorableDate, AWholeDateInTheDayFieldAlone) {
  for (const char* whole :
       {"17-08-1990", "17/8/1990", "17.08.1990", "17 8 1990", "17 Agustus 1990", "17 Agu. 1990",
        "17-Aug-1990", "1990-08-17", "August 17, 1990", " 17 / 08 / 1990 "}) {
    EXPECT_EQ(Iso(Parse(whole, "", "")), "1990-08-17") << whole;
  }
  EXPECT_FALSE(SplitDateText("17081990").has_value()) << "no separators: not guessed";
  EXPECT_FALSE(SplitDateText("17 Agustus").has_value());
  // With the other fields filled in, the day field is a day.
  EXPECT_EQ(Parse("17-08-1990", "8", "1990").problem, DateProblem::kBadDay);
}

TEST(MemorableDate, MissingPartsAreNamed) {
  EXPECT_EQ(Parse("", "", "").problem, DateProblem::kMissing);
  EXPECT_EQ(Parse("  ", " ", "").part, DatePart::kAll);
  const ParsedDate no_day = Parse("", "8", "1990");
  EXPECT_EQ(no_day.problem, DateProblem::kMissingDay);
  EXPECT_EQ(no_day.part, DatePart::kDay);
  const ParsedDate no_month = Parse("17", "", "1990");
  EXPECT_EQ(no_month.problem, DateProblem::kMissingMonth);
  EXPECT_EQ(no_month.part, DatePart::kMonth);
  const ParsedDate no_year = Parse("17", "8", "");
  EXPECT_EQ(no_year.problem, DateProblem::kMissingYear);
  EXPECT_EQ(no_year.part, DatePart::kYear);
}

TEST(MemorableDate, WrongPartsAreRefusedWithTheirReason) {
  EXPECT_EQ(Parse("32", "8", "1990").problem, DateProblem::kBadDay);
  EXPECT_EQ(Parse("0", "8", "1990").problem, DateProblem::kBadDay);
  EXPECT_EQ(Parse("007", "8", "1990").problem, DateProblem::kBadDay);
  EXPECT_EQ(Parse("tujuh", "8", "1990").problem, DateProblem::kBadDay);
  EXPECT_EQ(Parse("-1", "8", "1990").problem, DateProblem::kBadDay);
  const ParsedDate month = Parse("17", "Agustusan", "1990");
  EXPECT_EQ(month.problem, DateProblem::kBadMonth);
  EXPECT_EQ(month.part, DatePart::kMonth);
  EXPECT_EQ(Parse("17", "13", "1990").problem, DateProblem::kBadMonth);
  EXPECT_EQ(Parse("17", "8", "199").problem, DateProblem::kBadYear);
  EXPECT_EQ(Parse("17", "8", "19900").problem, DateProblem::kBadYear);
  EXPECT_EQ(Parse("17", "8", "1990a").problem, DateProblem::kBadYear);
  const ParsedDate two = Parse("17", "8", "86");
  EXPECT_EQ(two.problem, DateProblem::kTwoDigitYear) << "refused, not guessed as 1986";
  EXPECT_EQ(two.part, DatePart::kYear);
}

TEST(MemorableDate, DaysAMonthDoesNotHave) {
  const ParsedDate february = Parse("31", "Februari", "1990");
  EXPECT_EQ(february.problem, DateProblem::kNoSuchDay);
  EXPECT_EQ(february.day, 31);
  EXPECT_EQ(february.month, 2);
  EXPECT_EQ(february.year, 1990);
  EXPECT_EQ(Parse("29", "2", "1991").problem, DateProblem::kNoSuchDay);
  EXPECT_EQ(Iso(Parse("29", "2", "1992")), "1992-02-29");
  EXPECT_EQ(Iso(Parse("29", "2", "2000")), "2000-02-29");
  EXPECT_EQ(Parse("29", "2", "1900").problem, DateProblem::kNoSuchDay);
  EXPECT_EQ(Parse("31", "4", "1990").problem, DateProblem::kNoSuchDay);
  EXPECT_EQ(Iso(Parse("30", "4", "1990")), "1990-04-30");
}

TEST(MemorableDate, BoundsAreInclusive) {
  EXPECT_EQ(Iso(Parse("5", "12", "2026")), "2026-12-05");
  EXPECT_EQ(Parse("6", "12", "2026").problem, DateProblem::kTooLate);
  EXPECT_EQ(Parse("1", "1", "2027").problem, DateProblem::kTooLate);
  const ParsedDate early = Parse("31", "12", "1899");
  EXPECT_EQ(early.problem, DateProblem::kTooEarly);
  EXPECT_EQ(early.part, DatePart::kYear);
}

TEST(MemorableDate, ProblemIdsAreDistinct) {
  EXPECT_EQ(DateProblemId(DateProblem::kNoSuchDay), "no_such_day");
  EXPECT_EQ(DateProblemId(DateProblem::kTwoDigitYear), "two_digit_year");
  EXPECT_EQ(DateProblemId(DateProblem::kMissingMonth), "missing_month");
  EXPECT_EQ(DateProblemId(DateProblem::kNone), "");
}

}  // namespace
}  // namespace lumbung::view
