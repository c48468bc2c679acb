// What the fund staff's member look-up reads (the registry's `members`, with the member's
// portal account when there is one) and the record grants of migrations/0041: which staff
// session may see which member's record until when. Every function runs in the caller's
// transaction; every value is bound as a parameter.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "identity/member_lookup.h"

namespace soci {
class session;
}

namespace lumbung::identity {

// A registry member as the look-up found them, with their account's facts when they have one.
struct MemberMatch {
  std::int64_t member_id = 0;
  std::string nik, kpj, full_name, birth_date, status;  // birth_date "YYYY-MM-DD"
  std::optional<std::int64_t> account_id;
  std::string account_state;  // "" without an account
  // The account's address, else the one the registry holds, else "".
  std::string email;
};

struct MemberMatches {
  std::vector<MemberMatch> rows;  // by name, then member id
  bool more = false;              // more than `limit` matched
};

// Members matching `query`: NIK and KPJ exactly, an e-mail address exactly (the account's or
// the registry's, case ignored), a name anywhere in the registry's full name (ASCII case
// ignored). At most `limit` rows (1..200).
MemberMatches FindMembers(soci::session& sql, const MemberQuery& query, int limit);

// The registry's facts about one member; nullopt when there is no such member.
struct RegistryFacts {
  std::int64_t member_id = 0;
  std::string nik, kpj, full_name, birth_date, sex, status, registered_on, email, phone;
};
std::optional<RegistryFacts> FindRegistryFacts(soci::session& sql, std::int64_t member_id);

// A staff session's leave to see a member's record (migrations/0041).
struct RecordGrant {
  std::string session_key;
  std::int64_t member_id = 0;
  std::int64_t staff_account_id = 0;
  std::string reason;
  std::int64_t granted_at = 0, expires_at = 0;
};

// Grants (or renews, with the new reason) `session_key` access to the member's record until
// `expires_at`; removes every grant already expired at `now` on the way.
void GrantRecordAccess(soci::session& sql, const RecordGrant& grant, std::int64_t now);

// The session's grant for the member when it is live at `now` (expires_at > now).
std::optional<RecordGrant> LiveRecordGrant(soci::session& sql, const std::string& session_key,
                                           std::int64_t member_id, std::int64_t now);

}  // namespace lumbung::identity
