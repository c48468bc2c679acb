#include "analytics/bands.h"

#include <algorithm>
#include <cstdio>

namespace lumbung::analytics {
namespace {

std::vector<std::int64_t> MakeWageBands() {
  std::vector<std::int64_t> edges;
  for (std::int64_t w = 0; w <= 10'000'000; w += 250'000) edges.push_back(w);
  for (std::int64_t w :
       {12'500'000LL, 15'000'000LL, 20'000'000LL, 30'000'000LL, 50'000'000LL, 100'000'000LL})
    edges.push_back(w);
  return edges;
}

const std::vector<std::int64_t> kWageBands = MakeWageBands();
constexpr std::int64_t kProcessingBands[] = {0, 8, 15, 31, 61, 91};
constexpr std::int64_t kAgeBands[] = {0, 20, 25, 30, 35, 40, 45, 50, 55, 60};
constexpr std::int64_t kOverdueBands[] = {1, 31, 91, 181, 366};

}  // namespace

std::span<const std::int64_t> WageBands() {
  return kWageBands;
}
std::span<const std::int64_t> ProcessingBands() {
  return kProcessingBands;
}
std::span<const std::int64_t> AgeBands() {
  return kAgeBands;
}
std::span<const std::int64_t> OverdueBands() {
  return kOverdueBands;
}

int BandOf(std::span<const std::int64_t> lower_edges, std::int64_t value) {
  const auto it = std::upper_bound(lower_edges.begin(), lower_edges.end(), value);
  if (it == lower_edges.begin()) return 0;
  return static_cast<int>(it - lower_edges.begin()) - 1;
}

std::string BandCaseSql(std::span<const std::int64_t> lower_edges, const std::string& column) {
  std::string sql = "CASE";
  for (std::size_t i = 1; i < lower_edges.size(); ++i) {
    sql += " WHEN " + column + " < " + std::to_string(lower_edges[i]) + " THEN " +
           std::to_string(i - 1);
  }
  return sql + " ELSE " + std::to_string(lower_edges.size() - 1) + " END";
}

std::optional<BandMedian> MedianFromBands(std::span<const std::int64_t> lower_edges,
                                          std::span<const std::int64_t> counts) {
  std::int64_t total = 0;
  for (std::int64_t c : counts) total += std::max<std::int64_t>(0, c);
  if (total == 0) return std::nullopt;
  const double middle = static_cast<double>(total) / 2.0;
  double before = 0;
  for (std::size_t i = 0; i < counts.size() && i < lower_edges.size(); ++i) {
    const double here = static_cast<double>(std::max<std::int64_t>(0, counts[i]));
    if (here > 0 && before + here >= middle) {
      const double low = static_cast<double>(lower_edges[i]);
      if (i + 1 >= lower_edges.size()) return BandMedian{low, true};
      const double width = static_cast<double>(lower_edges[i + 1]) - low;
      return BandMedian{low + (middle - before) / here * width, false};
    }
    before += here;
  }
  return BandMedian{static_cast<double>(lower_edges.back()), true};
}

int AgeOn(std::chrono::year_month_day birth, std::chrono::year_month_day day) {
  int age = static_cast<int>(day.year()) - static_cast<int>(birth.year());
  const unsigned bm = static_cast<unsigned>(birth.month()), bd = static_cast<unsigned>(birth.day());
  const unsigned dm = static_cast<unsigned>(day.month()), dd = static_cast<unsigned>(day.day());
  // Not yet had this year's birthday (29 February counts as 1 March when the year has none).
  unsigned birthday_month = bm, birthday_day = bd;
  if (bm == 2 && bd == 29 && !day.year().is_leap()) birthday_month = 3, birthday_day = 1;
  if (dm < birthday_month || (dm == birthday_month && dd < birthday_day)) --age;
  return age;
}

std::string IsoDay(std::chrono::year_month_day day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return buf;
}

std::vector<std::string> AgeCutoffs(std::chrono::year_month_day day) {
  std::vector<std::string> cutoffs;
  for (std::size_t i = 1; i < std::size(kAgeBands); ++i) {
    const std::chrono::year year = day.year() - std::chrono::years(kAgeBands[i]);
    std::chrono::year_month_day latest{year, day.month(), day.day()};
    // On 29 February, in a year without one: whoever was born up to 28 February has had the
    // birthday; one born on 29 February has it on 1 March.
    if (!latest.ok()) latest = std::chrono::year_month_day{year, day.month(), std::chrono::day(28)};
    cutoffs.push_back(IsoDay(latest));
  }
  return cutoffs;
}

}  // namespace lumbung::analytics
