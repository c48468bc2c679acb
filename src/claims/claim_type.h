// The kinds of benefit claim a member can make, and their names in the database
// (claims.claim_type and claims.program).
#pragma once

#include <string_view>

namespace lumbung::claims {

enum class ClaimType {
  kJhtFull,       // the whole JHT balance
  kJhtPartial10,  // up to 10% of the JHT balance, to prepare for retirement
  kJhtPartial30,  // up to 30% of the JHT balance, for a house
  kJp,            // pension (monthly, or a lump sum before 15 years of contributions)
  kJkm,           // death benefit, claimed by an heir
  kJkk,           // work-accident benefit
  kJkp,           // job-loss benefit
};

// "jht_full", "jht_partial_10", "jht_partial_30", "jp", "jkm", "jkk", "jkp": the value stored
// in claims.claim_type, used in URLs and catalog ids.
std::string_view TypeName(ClaimType type);
// The reverse of TypeName; false (and *type untouched) for anything else.
bool ParseTypeName(std::string_view name, ClaimType* type);
// The program paying the claim: "JHT", "JP", "JKM", "JKK" or "JKP" (claims.program).
std::string_view ProgramOf(ClaimType type);

// Every claim type, in the order the journey lists them.
inline constexpr ClaimType kAllClaimTypes[] = {
    ClaimType::kJhtFull, ClaimType::kJhtPartial10, ClaimType::kJhtPartial30, ClaimType::kJp,
    ClaimType::kJkm,     ClaimType::kJkk,          ClaimType::kJkp};

}  // namespace lumbung::claims
