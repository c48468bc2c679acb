#include "analytics/suppression.h"

#include <algorithm>
#include <stdexcept>

namespace lumbung::analytics {

Cube::Cube(std::vector<int> sizes) : sizes_(std::move(sizes)) {
  std::size_t n = 1;
  for (int s : sizes_) {
    if (s < 1) throw std::invalid_argument("analytics cube: a dimension needs a category");
    n *= static_cast<std::size_t>(s) + 1;
  }
  records_.assign(n, 0);
  people_.assign(n, 0);
}

std::size_t Cube::Offset(const std::vector<int>& index) const {
  if (index.size() != sizes_.size()) throw std::invalid_argument("analytics cube: index size");
  std::size_t offset = 0;
  for (std::size_t d = 0; d < sizes_.size(); ++d) {
    if (index[d] < 0 || index[d] > sizes_[d])
      throw std::out_of_range("analytics cube: index out of range");
    offset =
        offset * (static_cast<std::size_t>(sizes_[d]) + 1) + static_cast<std::size_t>(index[d]);
  }
  return offset;
}

std::vector<int> Cube::IndexOf(std::size_t offset) const {
  std::vector<int> index(sizes_.size());
  for (std::size_t d = sizes_.size(); d-- > 0;) {
    const std::size_t width = static_cast<std::size_t>(sizes_[d]) + 1;
    index[d] = static_cast<int>(offset % width);
    offset /= width;
  }
  return index;
}

void Cube::Add(const std::vector<int>& index, std::int64_t records, std::int64_t people) {
  if (index.size() != sizes_.size()) throw std::invalid_argument("analytics cube: index size");
  for (std::size_t d = 0; d < sizes_.size(); ++d) {
    if (index[d] < 0 || index[d] >= sizes_[d])
      throw std::out_of_range("analytics cube: a category index");
  }
  if (people != records) records_are_people_ = false;
  // The cell and each total holding it: every subset of dimensions replaced by its total.
  const std::size_t dims = sizes_.size();
  for (std::size_t mask = 0; mask < (std::size_t{1} << dims); ++mask) {
    std::vector<int> at = index;
    for (std::size_t d = 0; d < dims; ++d) {
      if (mask & (std::size_t{1} << d)) at[d] = sizes_[d];
    }
    const std::size_t o = Offset(at);
    records_[o] += records;
    people_[o] += people;
  }
}

namespace {

// Every line of the cube: the offsets of the parts, then the total's.
std::vector<std::vector<std::size_t>> Lines(const Cube& cube) {
  std::vector<std::vector<std::size_t>> lines;
  const auto& sizes = cube.sizes();
  for (std::size_t d = 0; d < sizes.size(); ++d) {
    for (std::size_t o = 0; o < cube.cell_count(); ++o) {
      std::vector<int> index = cube.IndexOf(o);
      if (index[d] != sizes[d]) continue;  // one line per position of the other dimensions
      std::vector<std::size_t> line;
      for (int i = 0; i <= sizes[d]; ++i) {
        index[d] = i;
        line.push_back(cube.Offset(index));
      }
      lines.push_back(std::move(line));
    }
  }
  return lines;
}

bool IsTotal(const Cube& cube, std::size_t offset) {
  const auto index = cube.IndexOf(offset);
  for (std::size_t d = 0; d < index.size(); ++d) {
    if (index[d] == cube.sizes()[d]) return true;
  }
  return false;
}

}  // namespace

std::vector<Hidden> Suppress(const Cube& cube, std::int64_t minimum) {
  std::vector<Hidden> hidden(cube.cell_count(), Hidden::kShown);
  const bool exact = cube.records_are_people();
  const auto lines = Lines(cube);
  // The lines each total ends.
  std::vector<std::vector<std::size_t>> through(cube.cell_count());
  for (std::size_t l = 0; l < lines.size(); ++l) through[lines[l].back()].push_back(l);
  for (std::size_t o = 0; o < cube.cell_count(); ++o) {
    const std::int64_t records = cube.records_at(o);
    if (records <= 0) continue;
    const bool total = IsTotal(cube, o);
    // A total's people summed over its parts may count one person twice: only the parts'
    // people are exact, and the totals are judged by them below.
    const std::int64_t people = exact || !total ? cube.people_at(o) : records;
    if (people < minimum || records < minimum) hidden[o] = Hidden::kSmallGroup;
  }
  for (bool changed = true; changed;) {
    changed = false;
    if (!exact) {
      // A total is shown only when one of the groups it adds up, along some line, is shown.
      for (std::size_t o = 0; o < cube.cell_count(); ++o) {
        if (through[o].empty() || hidden[o] != Hidden::kShown || cube.records_at(o) == 0) continue;
        bool any_shown = false;
        for (std::size_t l : through[o]) {
          const auto& line = lines[l];
          for (std::size_t i = 0; i + 1 < line.size(); ++i) {
            if (hidden[line[i]] == Hidden::kShown && cube.records_at(line[i]) > 0) any_shown = true;
          }
        }
        if (!any_shown) {
          hidden[o] = Hidden::kSmallGroup;
          changed = true;
        }
      }
    }
    for (const auto& line : lines) {
      int count = 0;
      for (std::size_t o : line) count += hidden[o] != Hidden::kShown;
      if (count != 1) continue;
      // The smallest shown part that is not zero; else the total.
      std::size_t pick = line.back();
      std::int64_t smallest = -1;
      for (std::size_t i = 0; i + 1 < line.size(); ++i) {
        const std::size_t o = line[i];
        if (hidden[o] != Hidden::kShown || cube.records_at(o) <= 0) continue;
        if (smallest < 0 || cube.records_at(o) < smallest) {
          smallest = cube.records_at(o);
          pick = o;
        }
      }
      if (hidden[pick] != Hidden::kShown) {
        // The total is the hidden one and no part is left to hide: the parts are all zero, and
        // so is the total; nothing to protect.
        continue;
      }
      hidden[pick] = Hidden::kComplementary;
      changed = true;
    }
  }
  return hidden;
}

}  // namespace lumbung::analytics
