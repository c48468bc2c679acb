#include "identity/member_directory.h"

#include <soci/soci.h>

#include <algorithm>

#include "core/db/row_value.h"

namespace lumbung::identity {
namespace {

std::string Text(const soci::row& row, std::size_t column) {
  return row.get_indicator(column) == soci::i_ok ? row.get<std::string>(column) : std::string();
}

}  // namespace

MemberMatches FindMembers(soci::session& sql, const MemberQuery& query, int limit) {
  limit = std::clamp(limit, 1, 200);
  // The registry's address may be written in any case; accounts hold theirs lower-cased.
  std::string where;
  std::string value = query.value;
  switch (query.kind) {
    case MemberQueryKind::kNik:
      where = "m.nik = :q";
      break;
    case MemberQueryKind::kKpj:
      where = "m.kpj = :q";
      break;
    case MemberQueryKind::kEmail:
      where = "(a.email = :q OR LOWER(m.email) = :q2)";
      break;
    case MemberQueryKind::kName:
      where = "LOWER(m.full_name) LIKE :q ESCAPE '\\'";
      value = LikeContains(query.value);
      break;
  }
  const std::string statement =
      "SELECT m.id, m.nik, m.kpj, m.full_name, CAST(m.birth_date AS TEXT), m.status, a.id, "
      "a.state, a.email, m.email FROM members m LEFT JOIN accounts a ON a.member_id = m.id "
      "WHERE " +
      where + " ORDER BY m.full_name, m.id LIMIT :lim";
  const int fetch = limit + 1;  // one more says whether there are more
  MemberMatches out;
  const auto read = [&](soci::rowset<soci::row>& rows) {
    for (const soci::row& row : rows) {
      if (static_cast<int>(out.rows.size()) == limit) {
        out.more = true;
        break;
      }
      MemberMatch m;
      m.member_id = db::RowInt(row, 0);
      m.nik = Text(row, 1);
      m.kpj = Text(row, 2);
      m.full_name = Text(row, 3);
      m.birth_date = Text(row, 4).substr(0, 10);
      m.status = Text(row, 5);
      if (row.get_indicator(6) == soci::i_ok) {
        m.account_id = db::RowInt(row, 6);
        m.account_state = Text(row, 7);
        m.email = Text(row, 8);
      }
      if (m.email.empty()) m.email = Text(row, 9);
      out.rows.push_back(std::move(m));
    }
  };
  if (query.kind == MemberQueryKind::kEmail) {
    soci::rowset<soci::row> rows = (sql.prepare << statement, soci::use(value, "q"),
                                    soci::use(value, "q2"), soci::use(fetch, "lim"));
    read(rows);
  } else {
    soci::rowset<soci::row> rows =
        (sql.prepare << statement, soci::use(value, "q"), soci::use(fetch, "lim"));
    read(rows);
  }
  return out;
}

std::optional<RegistryFacts> FindRegistryFacts(soci::session& sql, std::int64_t member_id) {
  const long long id = member_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, nik, kpj, full_name, CAST(birth_date AS TEXT), sex, status, "
                      "CAST(registered_on AS TEXT), email, phone FROM members WHERE id = :id",
       soci::use(id));
  for (const soci::row& row : rows) {
    RegistryFacts f;
    f.member_id = db::RowInt(row, 0);
    f.nik = Text(row, 1);
    f.kpj = Text(row, 2);
    f.full_name = Text(row, 3);
    f.birth_date = Text(row, 4).substr(0, 10);
    f.sex = Text(row, 5);
    f.status = Text(row, 6);
    f.registered_on = Text(row, 7).substr(0, 10);
    f.email = Text(row, 8);
    f.phone = Text(row, 9);
    return f;
  }
  return std::nullopt;
}

void GrantRecordAccess(soci::session& sql, const RecordGrant& grant, std::int64_t now) {
  const long long at = now;
  sql << "DELETE FROM staff_member_access WHERE expires_at <= :now", soci::use(at);
  const long long member = grant.member_id;
  sql << "DELETE FROM staff_member_access WHERE session_key = :k AND member_id = :m",
      soci::use(grant.session_key), soci::use(member);
  const long long staff = grant.staff_account_id, granted = grant.granted_at,
                  expires = grant.expires_at;
  sql << "INSERT INTO staff_member_access (session_key, member_id, staff_account_id, reason, "
         "granted_at, expires_at) VALUES (:k, :m, :s, :r, :g, :e)",
      soci::use(grant.session_key), soci::use(member), soci::use(staff), soci::use(grant.reason),
      soci::use(granted), soci::use(expires);
}

std::optional<RecordGrant> LiveRecordGrant(soci::session& sql, const std::string& session_key,
                                           std::int64_t member_id, std::int64_t now) {
  if (session_key.empty()) return std::nullopt;
  RecordGrant g;
  long long member = member_id, at = now, staff = 0, granted = 0, expires = 0;
  sql << "SELECT staff_account_id, reason, granted_at, expires_at FROM staff_member_access "
         "WHERE session_key = :k AND member_id = :m AND expires_at > :now",
      soci::into(staff), soci::into(g.reason), soci::into(granted), soci::into(expires),
      soci::use(session_key), soci::use(member), soci::use(at);
  if (!sql.got_data()) return std::nullopt;
  g.session_key = session_key;
  g.member_id = member_id;
  g.staff_account_id = staff;
  g.granted_at = granted;
  g.expires_at = expires;
  return g;
}

}  // namespace lumbung::identity
