#include "contributions/paging.h"

#include <algorithm>

namespace lumbung::contributions {

PageSlice SliceFor(std::int64_t total_rows, std::int64_t requested, int rows_per_page) {
  PageSlice slice;
  slice.limit = std::max(rows_per_page, 1);
  const std::int64_t rows = std::max<std::int64_t>(total_rows, 0);
  slice.pages = static_cast<int>(std::max<std::int64_t>(1, (rows + slice.limit - 1) / slice.limit));
  slice.page = requested >= 1 && requested <= slice.pages ? static_cast<int>(requested) : 1;
  slice.offset = (slice.page - 1) * slice.limit;
  return slice;
}

std::vector<int> PageLinks(int page, int pages) {
  std::vector<int> links;
  constexpr int kAround = 2;
  const auto near = [&](int p) {
    return p == 1 || p == pages || (p >= page - kAround && p <= page + kAround);
  };
  for (int p = 1; p <= pages; ++p) {
    // A gap of a single page would take as much room as the page's own link.
    const bool lone_gap = !near(p) && near(p - 1) && near(p + 1);
    if (near(p) || lone_gap) {
      links.push_back(p);
    } else if (links.empty() || links.back() != 0) {
      links.push_back(0);
    }
  }
  return links;
}

}  // namespace lumbung::contributions
