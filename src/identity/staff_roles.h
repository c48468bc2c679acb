// The staff roles a fund staff account holds (table `staff_roles`, migrations/0035): each
// grants a set of staff pages, the least a task needs (core/http/request.h kStaffRoles; the
// table of role and action is in docs/identity.md). Every function runs in the caller's
// transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace lumbung::identity {

// The account's staff roles in kStaffRoles order; empty for an account that is not staff.
std::vector<std::string> StaffRolesOf(soci::session& sql, std::int64_t account_id);

// Makes the account's staff roles exactly `roles` (each one of kStaffRoles; others throw
// std::invalid_argument and nothing changes). Roles kept keep their grant; new ones record
// `granted_by` (nullopt: the command line) and `now`. Returns what changed.
struct StaffRoleChange {
  std::vector<std::string> granted, revoked;
  bool empty() const { return granted.empty() && revoked.empty(); }
};
StaffRoleChange SetStaffRoles(soci::session& sql, std::int64_t account_id,
                              const std::vector<std::string>& roles,
                              std::optional<std::int64_t> granted_by, std::int64_t now);

// "member_services,finance" → {"member_services", "finance"} in kStaffRoles order, duplicates
// dropped; nullopt when a name is not a staff role or none is given.
std::optional<std::vector<std::string>> ParseStaffRoles(const std::string& comma_separated);

}  // namespace lumbung::identity
