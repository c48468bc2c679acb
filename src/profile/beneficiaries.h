// A member's beneficiaries: who receives the benefits if the member dies, each with a
// share in whole percent. The member edits the whole list in one form (add, change and remove
// rows at once), so every saved list adds up to exactly 100% (or is empty); an edit that leaves
// it at another total is refused. Pure checks; storage is in profile_store.h.
#pragma once

#include <cstdint>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace lumbung::profile {

inline constexpr std::size_t kMaxBeneficiaries = 10;

// The values of profile_beneficiaries.relation, in the order forms offer them.
std::span<const std::string_view> Relations();
bool IsRelation(std::string_view value);

struct Beneficiary {
  std::int64_t id = 0;  // 0: not stored yet
  std::string full_name;
  std::string relation;
  std::string nik;
  int share_percent = 0;

  bool operator==(const Beneficiary&) const = default;
};

// One row of the form as submitted: `id` is the hidden field of a stored beneficiary ("" for an
// empty row to add someone), the rest as typed.
struct BeneficiaryRow {
  std::string id, full_name, relation, nik, share;
  bool remove = false;
};

// A problem with a field of a row; `what` completes the catalog id
// "profile.error.<what>" (beneficiary_name_empty, nik_own, share_invalid, ...).
struct RowProblem {
  std::size_t row = 0;  // index into the submitted rows
  std::string field;    // full_name | relation | nik | share
  std::string what;
};

struct BeneficiaryListCheck {
  std::vector<Beneficiary> list;  // the list to store, in row order (valid only when ok())
  std::vector<RowProblem> problems;
  // A problem with the list as a whole, completing "profile.error.<what>":
  //   unknown_beneficiary  a row names an id that is not one of the member's (or names one
  //                        twice): a stale page or a tampered form; nothing is stored
  //   too_many             more than kMaxBeneficiaries rows to keep
  //   shares_sum           the kept rows' shares do not add up to 100 (see share_total)
  std::string list_problem;
  int share_total = 0;

  bool ok() const { return problems.empty() && list_problem.empty(); }
};

// Checks a submitted list against the member's stored beneficiaries (`own_ids`) and their own
// NIK (nobody is their own beneficiary). Rows:
//   - a stored row with `remove` set is left out;
//   - an empty new row (every field blank) is ignored, so the form can offer spare rows;
//   - every other row needs a name (CheckPersonName), a relation from Relations(), a NIK that
//     passes registry::CheckNikStructure and differs from the member's and from the other
//     rows', and a share of 1..100 ("25" or "25%").
BeneficiaryListCheck CheckBeneficiaries(std::span<const BeneficiaryRow> rows,
                                        const std::set<std::int64_t>& own_ids,
                                        std::string_view own_nik);

// The NIK with spaces removed, as people copy it from a card ("3171 0101 9000 0001").
std::string CompactNik(std::string_view typed);

}  // namespace lumbung::profile
