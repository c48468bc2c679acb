#include "claims/accident_report.h"

#include <gtest/gtest.h>

namespace lumbung::claims {
namespace {

using std::chrono::year_month_day;

const year_month_day kToday{std::chrono::year(2026), std::chrono::month(12), std::chrono::day(7)};
const std::vector<EmploymentPeriod> kOpenSince2024{{.start_date = "2024-02-01"}};

TypedAccident Good() {
  return {.date = {"3", "11", "2026"},
          .place = "  Gudang   B, lantai 2 ",
          .description = "Tergelincir di tangga gudang\r\nsaat membawa barang.",
          .wage = "5.000.000",
          .fatal = "no",
          .days = "14"};
}

std::vector<std::string> Fields(const AccidentCheck& check) {
  std::vector<std::string> fields;
  for (const auto& p : check.problems) fields.push_back(p.field);
  return fields;
}

const AccidentProblem* ProblemOf(const AccidentCheck& check, const std::string& field) {
  for (const auto& p : check.problems) {
    if (p.field == field) return &p;
  }
  return nullptr;
}

TEST(AccidentReport, AGoodReportIsTidied) {
  const AccidentCheck check = CheckAccident(Good(), kOpenSince2024, kToday);
  ASSERT_TRUE(check.ok());
  ASSERT_TRUE(check.accident);
  EXPECT_EQ(check.accident->accident_date, "2026-11-03");
  EXPECT_EQ(check.accident->place, "Gudang B, lantai 2");
  EXPECT_EQ(check.accident->description, "Tergelincir di tangga gudang\nsaat membawa barang.");
  EXPECT_EQ(check.accident->monthly_wage, 5'000'000);
  EXPECT_FALSE(check.accident->fatal);
  EXPECT_EQ(check.accident->days_unable_to_work, 14);
}

// ASVS 4.0.3 5.1.3: every field checked at once, each problem tied to its field, in form order.
TEST(AccidentReport, EveryProblemIsNamedWithItsField) {
  const TypedAccident empty{};
  const AccidentCheck check = CheckAccident(empty, kOpenSince2024, kToday);
  EXPECT_FALSE(check.accident);
  EXPECT_EQ(Fields(check),
            (std::vector<std::string>{"date", "place", "description", "fatal", "days"}));
  EXPECT_EQ(ProblemOf(check, "date")->message_id, "claims.accident.date_problem.missing");
  EXPECT_EQ(ProblemOf(check, "place")->message_id, "claims.accident.error.place_missing");
  EXPECT_EQ(ProblemOf(check, "description")->message_id,
            "claims.accident.error.description_missing");
  EXPECT_EQ(ProblemOf(check, "fatal")->message_id, "claims.accident.error.fatal_missing");
  EXPECT_EQ(ProblemOf(check, "days")->message_id, "claims.accident.error.days_missing");
}

TEST(AccidentReport, TheDayIsNotInTheFutureNorBeforeTheFirstDayHere) {
  TypedAccident typed = Good();
  typed.date = {"8", "12", "2026"};
  EXPECT_EQ(ProblemOf(CheckAccident(typed, kOpenSince2024, kToday), "date")->message_id,
            "claims.accident.error.date_future");
  typed.date = {"7", "12", "2026"};  // today is fine
  EXPECT_TRUE(CheckAccident(typed, kOpenSince2024, kToday).ok());
  typed.date = {"31", "1", "2024"};
  const AccidentCheck early = CheckAccident(typed, kOpenSince2024, kToday);
  ASSERT_EQ(early.problems.size(), 1u);
  EXPECT_EQ(early.problems[0].message_id, "claims.accident.error.date_before_start");
  EXPECT_EQ(early.problems[0].values.at("date"), "2024-02-01");
  typed.date = {"1", "2", "2024"};  // the first day counts
  EXPECT_TRUE(CheckAccident(typed, kOpenSince2024, kToday).ok());
}

TEST(AccidentReport, TheWorkerWasEmployedHereThatDay) {
  const std::vector<EmploymentPeriod> two{{.start_date = "2020-01-01", .end_date = "2021-06-30"},
                                          {.start_date = "2023-03-01", .end_date = "2025-12-31"}};
  TypedAccident typed = Good();
  typed.date = {"15", "8", "2022"};  // between the two spells
  const AccidentCheck between = CheckAccident(typed, two, kToday);
  ASSERT_EQ(between.problems.size(), 1u);
  EXPECT_EQ(between.problems[0].message_id, "claims.accident.error.date_not_employed");
  typed.date = {"3", "1", "2026"};  // after the last ended
  EXPECT_EQ(CheckAccident(typed, two, kToday).problems[0].message_id,
            "claims.accident.error.date_not_employed");
  typed.date = {"30", "6", "2021"};  // the last day of a spell counts
  EXPECT_TRUE(CheckAccident(typed, two, kToday).ok());
  typed.date = {"1", "1", "2020"};
  EXPECT_TRUE(CheckAccident(typed, two, kToday).ok());
}

TEST(AccidentReport, MemorableDateProblemsKeepTheirPart) {
  TypedAccident typed = Good();
  typed.date = {"31", "2", "2026"};
  const AccidentCheck check = CheckAccident(typed, kOpenSince2024, kToday);
  const AccidentProblem* p = ProblemOf(check, "date");
  ASSERT_TRUE(p);
  EXPECT_EQ(p->message_id, "claims.accident.date_problem.no_such_day");
  EXPECT_EQ(p->values.at("month"), "2");
  EXPECT_EQ(p->values.at("day"), "31");
  typed.date = {"3", "Nopember", "26"};
  EXPECT_EQ(ProblemOf(CheckAccident(typed, kOpenSince2024, kToday), "date")->message_id,
            "claims.accident.date_problem.two_digit_year");
  typed.date = {"3 November 2026", "", ""};  // a whole date pasted into the day field
  EXPECT_TRUE(CheckAccident(typed, kOpenSince2024, kToday).ok());
}

// ASVS 4.0.3 5.1.4: lengths and characters.
TEST(AccidentReport, PlaceAndDescriptionLengthsAndCharacters) {
  TypedAccident typed = Good();
  typed.place = std::string(kMaxPlaceChars, 'x');
  EXPECT_TRUE(CheckAccident(typed, kOpenSince2024, kToday).ok());
  typed.place = std::string(kMaxPlaceChars + 1, 'x');
  EXPECT_EQ(ProblemOf(CheckAccident(typed, kOpenSince2024, kToday), "place")->message_id,
            "claims.accident.error.place_too_long");
  // Characters, not bytes: 200 letters "é" are 400 bytes and fit.
  typed.place.clear();
  for (std::size_t i = 0; i < kMaxPlaceChars; ++i) typed.place += "\xC3\xA9";
  EXPECT_TRUE(CheckAccident(typed, kOpenSince2024, kToday).ok());
  typed.place = "Gudang\nB";
  EXPECT_EQ(ProblemOf(CheckAccident(typed, kOpenSince2024, kToday), "place")->message_id,
            "claims.accident.error.place_characters");
  typed.place = "Gudang \xFF";
  EXPECT_EQ(ProblemOf(CheckAccident(typed, kOpenSince2024, kToday), "place")->message_id,
            "claims.accident.error.place_characters");
  typed.place =
      "Gudang \xE2\x80\xAE"
      "B";  // right-to-left override
  EXPECT_EQ(ProblemOf(CheckAccident(typed, kOpenSince2024, kToday), "place")->message_id,
            "claims.accident.error.place_characters");

  typed = Good();
  typed.description = "Jatuh.";
  const AccidentCheck short_check = CheckAccident(typed, kOpenSince2024, kToday);
  const AccidentProblem* short_one = ProblemOf(short_check, "description");
  ASSERT_TRUE(short_one);
  EXPECT_EQ(short_one->message_id, "claims.accident.error.description_too_short");
  EXPECT_EQ(short_one->values.at("min"), "10");
  typed.description = std::string(kMaxDescriptionChars, 'a');
  EXPECT_TRUE(CheckAccident(typed, kOpenSince2024, kToday).ok());
  typed.description += "a";
  EXPECT_EQ(ProblemOf(CheckAccident(typed, kOpenSince2024, kToday), "description")->message_id,
            "claims.accident.error.description_too_long");
  typed.description = "Tergelincir\tdi tangga\x07 gudang";
  EXPECT_EQ(ProblemOf(CheckAccident(typed, kOpenSince2024, kToday), "description")->message_id,
            "claims.accident.error.description_characters");
  typed.description = "Baris satu\r\rbaris dua\tdengan tab";
  const AccidentCheck lines = CheckAccident(typed, kOpenSince2024, kToday);
  ASSERT_TRUE(lines.ok());
  EXPECT_EQ(lines.accident->description, "Baris satu\n\nbaris dua\tdengan tab");
}

TEST(AccidentReport, TheWageMayBeLeftForTheLastReportedOne) {
  TypedAccident typed = Good();
  typed.wage = "  ";
  const AccidentCheck check = CheckAccident(typed, kOpenSince2024, kToday);
  ASSERT_TRUE(check.ok());
  EXPECT_FALSE(check.accident->monthly_wage);
  typed.wage = "0";
  EXPECT_EQ(ProblemOf(CheckAccident(typed, kOpenSince2024, kToday), "wage")->message_id,
            "claims.accident.error.wage_zero");
  typed.wage = "5jt";
  EXPECT_EQ(ProblemOf(CheckAccident(typed, kOpenSince2024, kToday), "wage")->message_id,
            "money.error.shorthand");
  typed.wage = "-5.000";
  EXPECT_EQ(ProblemOf(CheckAccident(typed, kOpenSince2024, kToday), "wage")->message_id,
            "money.error.negative");
  typed.wage = "Rp 10.000.000.000.000";
  const AccidentCheck large_check = CheckAccident(typed, kOpenSince2024, kToday);
  const AccidentProblem* large = ProblemOf(large_check, "wage");
  ASSERT_TRUE(large);
  EXPECT_EQ(large->message_id, "money.error.too_large");
  EXPECT_EQ(large->values.at("max"), std::to_string(kMaxAccidentWage));
}

TEST(AccidentReport, FatalAndDaysUnableToWork) {
  TypedAccident typed = Good();
  typed.fatal = "maybe";
  EXPECT_EQ(Fields(CheckAccident(typed, kOpenSince2024, kToday)),
            std::vector<std::string>{"fatal"});
  typed = Good();
  typed.fatal = "yes";
  typed.days = "";
  const AccidentCheck fatal = CheckAccident(typed, kOpenSince2024, kToday);
  ASSERT_TRUE(fatal.ok());
  EXPECT_TRUE(fatal.accident->fatal);
  EXPECT_EQ(fatal.accident->days_unable_to_work, 0);
  typed.fatal = "no";
  typed.days = "0";
  EXPECT_TRUE(CheckAccident(typed, kOpenSince2024, kToday).ok());
  for (const char* bad : {"-1", "1.5", "dua", "99999999999"}) {
    typed.days = bad;
    EXPECT_EQ(ProblemOf(CheckAccident(typed, kOpenSince2024, kToday), "days")->message_id,
              "claims.accident.error.days_not_number")
        << bad;
  }
  typed.days = std::to_string(kMaxDaysUnableToWork);
  EXPECT_TRUE(CheckAccident(typed, kOpenSince2024, kToday).ok());
  typed.days = std::to_string(kMaxDaysUnableToWork + 1);
  EXPECT_EQ(ProblemOf(CheckAccident(typed, kOpenSince2024, kToday), "days")->message_id,
            "claims.accident.error.days_too_many");
}

TEST(AccidentReport, TheWorkerIsNamedByKpjOrNik) {
  EXPECT_EQ(WorkerNumber("1000000000 3"), "10000000003");
  EXPECT_EQ(WorkerNumber("3171.0105-0890 0001"), "3171010508900001");
  EXPECT_FALSE(WorkerNumber("12345"));
  EXPECT_FALSE(WorkerNumber("1000000000x"));
  EXPECT_FALSE(WorkerNumber("' OR 1=1 --"));
  EXPECT_EQ(WorkerNumberProblem(" "), "claims.accident.error.worker_missing");
  EXPECT_EQ(WorkerNumberProblem("123"), "claims.accident.error.worker_number");
  EXPECT_EQ(WorkerNumberProblem("10000000003"), "");
}

}  // namespace
}  // namespace lumbung::claims
