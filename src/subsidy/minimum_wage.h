// Regional minimum wages (UMP per province, UMK per regency or city where one is set) by
// calendar year, as data (config/minimum_wages.json, schema in docs/subsidy.md). The subsidy's
// wage limit is the programme's ceiling or, where the programme says so and it is higher, the
// minimum wage of the member's place of work rounded up to the next Rp 100,000.
//
// The shipped figures are plausible values with no primary source in the domain facts; every
// entry is marked "verified": false until a fund replaces them with the decrees' figures.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "subsidy/data_file.h"
#include "subsidy/program.h"

namespace lumbung::subsidy {

struct MinimumWage {
  Rupiah amount = 0;
  Area area;  // where the figure was set: the regency's own, or its province's
  bool verified = true;
};

class MinimumWages {
 public:
  // Parses and validates the JSON text. Throws DataError naming the bad key, e.g.
  // "minimum_wages: minimum_wages[3].amounts.2021: must be 1 to 10^15 rupiah".
  static MinimumWages FromJson(std::string_view json_text);
  // Reads and parses the file. Throws DataError (also for an unreadable file).
  static MinimumWages LoadFile(const std::filesystem::path& path);

  // The minimum wage at a place of work in `year`: the regency's own figure when the workplace's
  // regency is known and has one for that year, else the province's; nullopt when neither.
  std::optional<MinimumWage> For(const Area& workplace, int year) const;
  // The name the file gives the area ("DKI Jakarta", "Kota Bekasi"), or "".
  std::string NameOf(const Area& area) const;

 private:
  struct Entry {
    std::string name;
    bool verified = true;
    std::map<int, Rupiah> by_year;
  };
  std::map<Area, Entry> entries_;
};

// Rounds up to the next multiple of Rp 100,000 (4,416,186 -> 4,500,000; 4,500,000 stays).
Rupiah RoundUpToHundredThousand(Rupiah amount);
// Rounds up to the next multiple of `step`; `step` 0 leaves the amount as it is. Throws
// std::invalid_argument for a negative amount or step, std::overflow_error when it cannot fit.
Rupiah RoundUpTo(Rupiah amount, Rupiah step);

// The wage limit a member's wage is compared with, and where it came from.
struct WageLimit {
  Rupiah amount = 0;
  bool from_minimum_wage = false;  // the rounded minimum wage was higher than the ceiling
  // The programme counts the minimum wage but the file has none for the workplace in that year:
  // the ceiling alone was used (shown as a note, never silently).
  bool minimum_wage_unknown = false;
  std::optional<MinimumWage> minimum_wage;  // the figure looked up, unrounded
  bool verified = true;                     // false when an unverified figure decided it
};

// max(ceiling, minimum wage of the programme's year at `workplace` rounded up to the
// programme's step) when the programme lets the minimum wage replace the ceiling; the ceiling
// otherwise.
WageLimit EffectiveWageLimit(const Program& program, const Area& workplace,
                             const MinimumWages& wages);

// Whether `wage` passes the limit under the programme's comparison (<= or <).
bool WithinLimit(const Program& program, Rupiah wage, Rupiah limit);

}  // namespace lumbung::subsidy
