// The claims staff's pages shared by staff_routes.cc (the queue, the claim, documents) and
// staff_actions.cc (the verifier's and the approver's forms). Internal to the claims feature.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "claims/claim_store.h"
#include "claims/routes.h"
#include "core/http/request.h"
#include "core/http/response.h"
#include "core/http/router.h"

namespace soci {
class session;
}

namespace lumbung::claims {

// The staff roles of the claims work (docs/identity.md).
inline constexpr const char* kVerifierRole = "claims_verifier";
inline constexpr const char* kApproverRole = "claims_approver";

// What a refused form leaves on the claim page: a message about the whole page, errors by
// field (the field's id without "f-") and what was typed, kept.
struct PageProblems {
  std::string form_error;
  std::map<std::string, std::string> field_errors;
  std::map<std::string, std::string> values;
};

// The claim page for staff: the claim, its answers in words, the rules' decision recomputed
// now, its documents and steps, and the forms the visitor's roles and the status allow.
http::Response StaffClaimPage(const Services& services, const http::Request& request,
                              soci::session& sql, const Claim& claim, const PageProblems& problems,
                              int status);

// Seconds since the epoch, the time every step and audit row carries.
std::int64_t StaffNow();

// The POST routes of the claims work (staff_actions.cc).
void AddStaffActionRoutes(http::Router& router, Services& services);

}  // namespace lumbung::claims
