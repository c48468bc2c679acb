#include "profile/beneficiaries.h"

#include <algorithm>
#include <array>
#include <charconv>

#include "profile/text.h"
#include "registry/nik.h"

namespace lumbung::profile {
namespace {

constexpr std::array<std::string_view, 5> kRelations = {"spouse", "child", "parent", "sibling",
                                                        "other"};

bool Blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c == ' '; });
}

// "25", " 25 ", "25%" -> 25; 0 for anything else (including 0 itself, which is not allowed).
int ParseShare(std::string_view typed) {
  while (!typed.empty() && typed.front() == ' ') typed.remove_prefix(1);
  while (!typed.empty() && typed.back() == ' ') typed.remove_suffix(1);
  if (!typed.empty() && typed.back() == '%') typed.remove_suffix(1);
  while (!typed.empty() && typed.back() == ' ') typed.remove_suffix(1);
  if (typed.empty() || typed.size() > 3) return 0;
  int value = 0;
  const auto [end, error] = std::from_chars(typed.data(), typed.data() + typed.size(), value);
  if (error != std::errc() || end != typed.data() + typed.size()) return 0;
  return value >= 1 && value <= 100 ? value : 0;
}

// A stored beneficiary's id as the form carries it: digits only, no sign, no leading zeros.
std::int64_t ParseId(std::string_view text) {
  if (text.empty() || text.size() > 18 || text.front() == '0') return -1;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0) return -1;
  return value;
}

}  // namespace

std::span<const std::string_view> Relations() {
  return kRelations;
}

bool IsRelation(std::string_view value) {
  return std::find(kRelations.begin(), kRelations.end(), value) != kRelations.end();
}

std::string CompactNik(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c != ' ') out += c;
  }
  return out;
}

BeneficiaryListCheck CheckBeneficiaries(std::span<const BeneficiaryRow> rows,
                                        const std::set<std::int64_t>& own_ids,
                                        std::string_view own_nik) {
  BeneficiaryListCheck out;
  std::set<std::int64_t> seen_ids;
  std::set<std::string> seen_niks;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const BeneficiaryRow& row = rows[i];
    Beneficiary b;
    if (!row.id.empty()) {
      b.id = ParseId(row.id);
      // Only the member's own stored rows, each at most once (ASVS 4.2.1: the id in the form
      // is checked against the session's member, never trusted).
      if (b.id <= 0 || !own_ids.count(b.id) || !seen_ids.insert(b.id).second) {
        out.list_problem = "unknown_beneficiary";
        out.list.clear();
        out.problems.clear();
        return out;
      }
      if (row.remove) continue;
    } else if (Blank(row.full_name) && row.relation.empty() && Blank(row.nik) && Blank(row.share)) {
      continue;  // a spare empty row
    }
    const auto problem = [&](const char* field, const char* what) {
      out.problems.push_back({i, field, what});
    };
    const NameCheck name = CheckPersonName(row.full_name);
    switch (name.problem) {
      case NameProblem::kNone:
        b.full_name = name.name;
        break;
      case NameProblem::kEmpty:
        problem("full_name", "beneficiary_name_empty");
        break;
      case NameProblem::kTooLong:
        problem("full_name", "name_too_long");
        break;
      case NameProblem::kCharacters:
        problem("full_name", "name_characters");
        break;
    }
    if (IsRelation(row.relation)) {
      b.relation = row.relation;
    } else {
      problem("relation", "relation");
    }
    const std::string nik = CompactNik(row.nik);
    if (nik.empty()) {
      problem("nik", "nik_empty");
    } else if (nik.size() != 16 ||
               !std::all_of(nik.begin(), nik.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      problem("nik", "nik_length");
    } else if (registry::CheckNikStructure(nik) != registry::NikProblem::kNone) {
      problem("nik", "nik_invalid");
    } else if (nik == own_nik) {
      problem("nik", "nik_own");
    } else if (!seen_niks.insert(nik).second) {
      problem("nik", "nik_duplicate");
    } else {
      b.nik = nik;
    }
    if (Blank(row.share)) {
      problem("share", "share_empty");
    } else if (const int share = ParseShare(row.share); share == 0) {
      problem("share", "share_invalid");
    } else {
      b.share_percent = share;
      out.share_total += share;
    }
    out.list.push_back(std::move(b));
  }
  if (out.list.size() > kMaxBeneficiaries) {
    out.list_problem = "too_many";
  } else if (out.problems.empty() && !out.list.empty() && out.share_total != 100) {
    out.list_problem = "shares_sum";
  }
  if (!out.ok()) out.list.clear();
  return out;
}

}  // namespace lumbung::profile
