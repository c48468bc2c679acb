// Loads what the claim rules (eligibility.h, benefit_amount.h) read about an insured member
// from the registry and the claims tables.
#pragma once

#include <cstdint>

#include "claims/eligibility.h"
#include "registry/rules.h"

namespace soci {
class session;
}

namespace lumbung::claims {

// The member's record (members), their employment spells with the employers' names
// (employment_spells, employers), every contribution row with its reported wage
// (contributions, wage_reports), the JHT balance of the latest ledger year up to `today`'s
// year (savings/ledger.h: the running year's row holds its return so far), their claims
// (claims; rows of a kind the rules do not know, such as claims recorded before the online
// journey, are left out) and the work accidents their employers reported (work_accidents).
// Throws std::runtime_error when there is no such member.
ClaimantFacts LoadClaimantFacts(soci::session& sql, std::int64_t member_id,
                                const registry::RuleBook& rules, registry::Date today);

}  // namespace lumbung::claims
