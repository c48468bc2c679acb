// Statistical disclosure control for the analyst's figures: no count of fewer than ten people
// is ever shown or exported, and no hidden count can be worked out from the counts and totals
// that are shown. Pure.
//
// A figure is a cell of a Cube: a table of counts over a few dimensions (province, age band,
// claim type...) with every total ("margin") included, so that whatever slice a page shows, the
// same cells are hidden: a filter never changes what is hidden, and two views cannot be
// subtracted to reveal a hidden cell. The rule (Suppress):
//   1. Primary: a group of 1 to kMinimumGroup - 1 is hidden (kSmallGroup). Zero is shown: an
//      empty group says nothing about anybody. Where records are not people (claims, payments:
//      one person may have several), a cell is hidden when its different people are fewer
//      than kMinimumGroup, and a total is shown only when at least one group it adds up is
//      shown (then it holds at least kMinimumGroup people).
//   2. Complementary: along every line of the cube (the parts of a total and that total), a
//      line with exactly one hidden cell would give it away by subtraction, so a second cell of
//      the line is hidden too (kComplementary): the smallest shown part that is not zero, or
//      when there is none, the total. Repeated until no line has exactly one hidden cell.
// Figures derived from a hidden count (a mean, a median, a sum of rupiah) are hidden with it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace lumbung::analytics {

inline constexpr std::int64_t kMinimumGroup = 10;

enum class Hidden { kShown, kSmallGroup, kComplementary };

// Counts over dimensions of sizes[0..n): along dimension d the index runs 0..sizes[d]-1 over
// the categories, and sizes[d] is the total over them. Add() keeps every total in step.
class Cube {
 public:
  explicit Cube(std::vector<int> sizes);

  const std::vector<int>& sizes() const { return sizes_; }
  std::size_t cell_count() const { return records_.size(); }

  // Adds to the cell at `index` (categories only, no totals) and to every total that holds
  // it. `people`: the different people among the records (records when they are people).
  void Add(const std::vector<int>& index, std::int64_t records, std::int64_t people);
  void Add(const std::vector<int>& index, std::int64_t records) { Add(index, records, records); }

  // `index` may name totals (index[d] == sizes[d]).
  std::size_t Offset(const std::vector<int>& index) const;
  std::vector<int> IndexOf(std::size_t offset) const;
  std::int64_t Records(const std::vector<int>& index) const { return records_[Offset(index)]; }
  std::int64_t records_at(std::size_t offset) const { return records_[offset]; }
  std::int64_t people_at(std::size_t offset) const { return people_[offset]; }

  // True when some cell's people differ from its records (records are not people).
  bool records_are_people() const { return records_are_people_; }

 private:
  std::vector<int> sizes_;
  std::vector<std::int64_t> records_, people_;
  bool records_are_people_ = true;
};

// Which cells are hidden, by Offset. Deterministic: the same cube gives the same cells.
std::vector<Hidden> Suppress(const Cube& cube, std::int64_t minimum = kMinimumGroup);

// A cube with its hidden cells, for the pages to slice.
struct SuppressedCube {
  explicit SuppressedCube(Cube c) : cube(std::move(c)), hidden(Suppress(cube)) {}
  Cube cube;
  std::vector<Hidden> hidden;

  Hidden HiddenAt(const std::vector<int>& index) const { return hidden[cube.Offset(index)]; }
  std::int64_t Records(const std::vector<int>& index) const { return cube.Records(index); }
};

}  // namespace lumbung::analytics
