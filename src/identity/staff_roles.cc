#include "identity/staff_roles.h"

#include <soci/soci.h>

#include <algorithm>
#include <stdexcept>

#include "core/http/request.h"

namespace lumbung::identity {
namespace {

// kStaffRoles order: pages and mails list a person's roles the same way everywhere.
std::vector<std::string> InRoleOrder(std::vector<std::string> roles) {
  std::vector<std::string> ordered;
  for (const auto role : http::kStaffRoles) {
    if (std::find(roles.begin(), roles.end(), role) != roles.end()) {
      ordered.emplace_back(role);
    }
  }
  return ordered;
}

}  // namespace

std::vector<std::string> StaffRolesOf(soci::session& sql, std::int64_t account_id) {
  const long long id = account_id;
  std::vector<std::string> roles;
  soci::rowset<std::string> rows =
      (sql.prepare << "SELECT role FROM staff_roles WHERE account_id = :id", soci::use(id));
  for (const auto& role : rows) roles.push_back(role);
  return InRoleOrder(std::move(roles));
}

StaffRoleChange SetStaffRoles(soci::session& sql, std::int64_t account_id,
                              const std::vector<std::string>& roles,
                              std::optional<std::int64_t> granted_by, std::int64_t now) {
  for (const auto& role : roles) {
    if (!http::IsStaffRole(role)) throw std::invalid_argument("not a staff role: " + role);
  }
  const std::vector<std::string> wanted = InRoleOrder(roles);
  const std::vector<std::string> held = StaffRolesOf(sql, account_id);
  StaffRoleChange change;
  const long long id = account_id;
  for (const auto& role : held) {
    if (std::find(wanted.begin(), wanted.end(), role) != wanted.end()) continue;
    sql << "DELETE FROM staff_roles WHERE account_id = :id AND role = :role", soci::use(id),
        soci::use(role);
    change.revoked.push_back(role);
  }
  for (const auto& role : wanted) {
    if (std::find(held.begin(), held.end(), role) != held.end()) continue;
    long long at = now;
    long long by = granted_by.value_or(0);
    soci::indicator by_ind = granted_by ? soci::i_ok : soci::i_null;
    sql << "INSERT INTO staff_roles (account_id, role, granted_by, granted_at) VALUES (:id, "
           ":role, :by, :at)",
        soci::use(id), soci::use(role), soci::use(by, by_ind), soci::use(at);
    change.granted.push_back(role);
  }
  return change;
}

std::optional<std::vector<std::string>> ParseStaffRoles(const std::string& comma_separated) {
  std::vector<std::string> roles;
  std::size_t start = 0;
  while (start <= comma_separated.size()) {
    std::size_t end = comma_separated.find(',', start);
    if (end == std::string::npos) end = comma_separated.size();
    std::string name = comma_separated.substr(start, end - start);
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    if (!name.empty()) {
      if (!http::IsStaffRole(name)) return std::nullopt;
      roles.push_back(name);
    }
    start = end + 1;
  }
  roles = InRoleOrder(std::move(roles));
  if (roles.empty()) return std::nullopt;
  return roles;
}

}  // namespace lumbung::identity
