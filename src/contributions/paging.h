// Paging of the all-years contribution history: which slice of the member's rows a
// page shows and which page links the pager offers. Pure.
#pragma once

#include <cstdint>
#include <vector>

namespace lumbung::contributions {

// Two years of monthly rows at one employer.
inline constexpr int kRowsPerPage = 24;

struct PageSlice {
  int page = 1;   // 1-based, always a page that exists
  int pages = 1;  // at least 1, also when there are no rows
  int offset = 0;
  int limit = kRowsPerPage;
};

// `requested`: the page the visitor asked for, 0 when absent or malformed. A page that does not
// exist falls back to the first, as every other filter value falls back to its default.
PageSlice SliceFor(std::int64_t total_rows, std::int64_t requested,
                   int rows_per_page = kRowsPerPage);

// The page numbers to link, in order, 0 standing for a gap ("…"): the first and last page and
// two either side of `page`, so 20 pages (40 years) still fit on a phone's line or two.
std::vector<int> PageLinks(int page, int pages);

}  // namespace lumbung::contributions
