// The fixed bands the aggregates are kept in, and what is read back from them. Pure.
//
// A band is [lower edge, next lower edge); the last band has no upper edge. The edges are part
// of the stored aggregates' meaning (analytics_wages.band is an index into WageBands()):
// changing them means rebuilding the aggregates, which is why they are here and not in the
// dated rules.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace lumbung::analytics {

// Monthly wages, rupiah: Rp 250,000 wide up to Rp 10 million (fine enough that a median read
// from them is within Rp 125,000 of the true one), then wider to Rp 100 million and above.
std::span<const std::int64_t> WageBands();
// Days from a claim's submission to its decision: 0-7, 8-14, 15-30, 31-60, 61-90, 91 and more.
std::span<const std::int64_t> ProcessingBands();
// Completed years of age: under 20, 20-24, 25-29, ..., 55-59, 60 and older.
std::span<const std::int64_t> AgeBands();
// Days an employer's oldest unpaid bill is past its due date: 1-30, 31-90, 91-180, 181-365,
// more than 365.
std::span<const std::int64_t> OverdueBands();

// The band holding `value`; values below the first edge fall in the first band.
int BandOf(std::span<const std::int64_t> lower_edges, std::int64_t value);

// A CASE expression giving the band of `column` (an integer column), for the aggregate queries.
std::string BandCaseSql(std::span<const std::int64_t> lower_edges, const std::string& column);

// The median of values counted in bands: the middle person's band found from the counts, the
// value inside it read by straight-line interpolation (people spread evenly in the band). In
// the last, open band it is that band's lower edge (at_least set). nullopt when nobody.
struct BandMedian {
  double value = 0;
  bool at_least = false;
};
std::optional<BandMedian> MedianFromBands(std::span<const std::int64_t> lower_edges,
                                          std::span<const std::int64_t> counts);

// Completed years of age on `day` of someone born on `birth`. A birthday on 29 February counts
// on 1 March in other years.
int AgeOn(std::chrono::year_month_day birth, std::chrono::year_month_day day);

// For each edge of AgeBands() after the first: the latest birth day of someone at least that old
// on `day`, as "YYYY-MM-DD" (so that the database compares dates, never computes ages).
std::vector<std::string> AgeCutoffs(std::chrono::year_month_day day);

// "YYYY-MM-DD".
std::string IsoDay(std::chrono::year_month_day day);

}  // namespace lumbung::analytics
