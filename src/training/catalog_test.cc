#include "training/catalog.h"

#include <gtest/gtest.h>

namespace lumbung::training {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;

TEST(CatalogFilter, KeepsAllowedValuesAndDropsTheRest) {
  const CatalogFilter f = ParseFilter({{"q", "  las  "},
                                       {"field", "construction"},
                                       {"mode", "in_person"},
                                       {"province", "35"},
                                       {"from", "9-3-2026"},
                                       {"page", "2"}});
  EXPECT_EQ(f.q, "las");
  EXPECT_EQ(f.field, "construction");
  EXPECT_EQ(f.mode, "in_person");
  EXPECT_EQ(f.province, 35);
  EXPECT_EQ(f.from, "2026-03-09");
  EXPECT_EQ(f.page, 2);
  const CatalogFilter bad = ParseFilter({{"field", "astrology"},
                                         {"mode", "both"},
                                         {"province", "10"},
                                         {"from", "2026-02-30"},
                                         {"page", "-1"}});
  EXPECT_EQ(bad.field, "");
  EXPECT_EQ(bad.mode, "");
  EXPECT_EQ(bad.province, 0);
  EXPECT_EQ(bad.from, "");
  EXPECT_EQ(bad.page, 1);
}

TEST(CatalogFilter, QueryGivesTheFilterBack) {
  CatalogFilter f;
  f.q = "web & data";
  f.field = "digital";
  f.province = 31;
  EXPECT_EQ(FilterQuery(f, 1), "q=web%20%26%20data&field=digital&province=31");
  EXPECT_EQ(FilterQuery(f, 3), "q=web%20%26%20data&field=digital&province=31&page=3");
  EXPECT_EQ(FilterQuery({}, 1), "");
}

TEST(ParseDay, CommonWaysOfWritingADay) {
  EXPECT_EQ(IsoDay(*ParseDay("2026-03-09")), "2026-03-09");
  EXPECT_EQ(IsoDay(*ParseDay("09/03/2026")), "2026-03-09");
  EXPECT_EQ(IsoDay(*ParseDay("9.3.2026")), "2026-03-09");
  EXPECT_FALSE(ParseDay("2026-02-29"));
  EXPECT_FALSE(ParseDay("09-03-26"));
  EXPECT_FALSE(ParseDay("besok"));
  EXPECT_FALSE(ParseDay(""));
}

ProgrammeForm Valid() {
  ProgrammeForm f;
  f.title = "Teknik Las";
  f.field = "construction";
  f.mode = "in_person";
  f.province = "35";
  f.city = "Surabaya";
  f.duration_hours = "160";
  f.min_age = "18";
  f.max_age = "45";
  f.min_education = "smp";
  f.cost = "Rp 250.000";
  return f;
}

TEST(CheckProgramme, AValidProgramme) {
  const auto c = CheckProgramme(Valid());
  EXPECT_TRUE(c.errors.empty());
  EXPECT_EQ(c.province_code, 35);
  EXPECT_EQ(c.cost_rupiah, 250000);
  EXPECT_EQ(c.min_age, 18);
  EXPECT_EQ(c.max_age, 45);
}

TEST(CheckProgramme, OnlineNeedsNoPlace) {
  ProgrammeForm f = Valid();
  f.mode = "online";
  f.province = "";
  f.city = "";
  f.cost = "";
  f.min_age = "";
  const auto c = CheckProgramme(f);
  EXPECT_TRUE(c.errors.empty());
  EXPECT_EQ(c.province_code, 0);
  EXPECT_EQ(c.city, "");
  EXPECT_EQ(c.cost_rupiah, 0);
  EXPECT_EQ(c.min_age, 0);
}

TEST(CheckProgramme, EachFieldItsOwnError) {
  ProgrammeForm f = Valid();
  f.title = " ";
  f.field = "x";
  f.province = "10";
  f.city = "";
  f.duration_hours = "0";
  f.min_age = "14";
  f.min_education = "phd";
  f.cost = "5jt";
  const auto c = CheckProgramme(f);
  EXPECT_EQ(c.errors.at("title"), "training.error.title_missing");
  EXPECT_EQ(c.errors.at("field"), "training.error.field");
  EXPECT_EQ(c.errors.at("province"), "training.error.province");
  EXPECT_EQ(c.errors.at("city"), "training.error.city_missing");
  EXPECT_EQ(c.errors.at("duration_hours"), "training.error.duration_hours");
  EXPECT_EQ(c.errors.at("min_age"), "training.error.age");
  EXPECT_EQ(c.errors.at("min_education"), "training.error.education");
  EXPECT_EQ(c.errors.at("cost"), "training.error.cost");
  ProgrammeForm order = Valid();
  order.min_age = "40";
  order.max_age = "30";
  EXPECT_EQ(CheckProgramme(order).errors.at("max_age"), "training.error.age_order");
}

TEST(CheckSession, DaysQuotaAndOrder) {
  const year_month_day today{year{2026}, month{3}, day{1}};
  auto c = CheckSession({"2026-03-09", "2026-03-20", "Senin-Jumat", "20"}, today, true);
  EXPECT_TRUE(c.errors.empty());
  EXPECT_EQ(c.quota, 20);
  // A new session starts after today; an edited one may keep its day.
  c = CheckSession({"2026-03-01", "2026-03-20", "", "20"}, today, true);
  EXPECT_EQ(c.errors.at("starts_on"), "training.error.starts_future");
  EXPECT_TRUE(CheckSession({"2026-03-01", "2026-03-20", "", "20"}, today, false).errors.empty());
  c = CheckSession({"2026-03-09", "2026-03-08", "", "0"}, today, true);
  EXPECT_EQ(c.errors.at("ends_on"), "training.error.ends_before");
  EXPECT_EQ(c.errors.at("quota"), "training.error.quota");
  EXPECT_EQ(CheckSession({"x", "2026-03-08", "", "1"}, today, true).errors.at("starts_on"),
            "training.error.day");
}

}  // namespace
}  // namespace lumbung::training
