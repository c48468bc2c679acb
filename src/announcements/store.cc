#include "announcements/store.h"

#include <soci/soci.h>

#include <stdexcept>

#include "core/db/row_value.h"

namespace lumbung::announcements {
namespace {

const char* const kSelect =
    "SELECT n.id, n.state, n.title_id, n.title_en, n.body_id, n.body_en, n.starts_on, "
    "n.ends_on, n.audience, n.province_code, n.employer_id, e.npp, e.name, n.send_mail, "
    "n.author_account_id, n.reviewer_account_id, n.sent_back_reason, n.job_id, n.created_at, "
    "n.updated_at, n.submitted_at, n.published_at "
    "FROM announcements n LEFT JOIN employers e ON e.id = n.employer_id ";

Announcement FromRow(const soci::row& row) {
  Announcement a;
  a.id = db::RowInt(row, 0);
  a.state = ParseState(row.get<std::string>(1)).value_or(State::kDraft);
  a.draft.title_id = row.get<std::string>(2);
  a.draft.title_en = row.get<std::string>(3);
  a.draft.body_id = row.get<std::string>(4);
  a.draft.body_en = row.get<std::string>(5);
  a.draft.starts_on = row.get<std::string>(6);
  a.draft.ends_on = row.get<std::string>(7);
  a.draft.audience = row.get<std::string>(8);
  a.draft.province_code = static_cast<int>(db::RowMaybeInt(row, 9).value_or(0));
  a.employer_id = db::RowMaybeInt(row, 10).value_or(0);
  a.draft.employer_npp = db::RowText(row, 11);
  a.employer_name = db::RowText(row, 12);
  a.draft.send_mail = db::RowInt(row, 13) != 0;
  a.author_account_id = db::RowInt(row, 14);
  a.reviewer_account_id = db::RowMaybeInt(row, 15);
  a.sent_back_reason = db::RowText(row, 16);
  a.job_id = db::RowMaybeInt(row, 17);
  a.created_at = db::RowInt(row, 18);
  a.updated_at = db::RowInt(row, 19);
  a.submitted_at = db::RowMaybeInt(row, 20);
  a.published_at = db::RowMaybeInt(row, 21);
  return a;
}

// The audience's member accounts, as a FROM ... WHERE with :province / :employer bound by the
// caller when the audience needs them.
std::string AudienceFrom(const Announcement& a) {
  std::string sql =
      " FROM accounts a JOIN members m ON m.id = a.member_id "
      "WHERE a.role = 'member' AND a.state IN ('active', 'locked')";
  if (a.draft.audience == kProvince) sql += " AND m.province_code = :province";
  if (a.draft.audience == kEmployer) {
    sql +=
        " AND EXISTS (SELECT 1 FROM employment_spells s WHERE s.member_id = m.id "
        "AND s.employer_id = :employer AND s.end_date IS NULL)";
  }
  return sql;
}

}  // namespace

std::optional<std::int64_t> FindEmployerByNpp(soci::session& sql, const std::string& npp) {
  long long id = 0;
  sql << "SELECT id FROM employers WHERE npp = :npp", soci::use(npp), soci::into(id);
  if (!sql.got_data()) return std::nullopt;
  return id;
}

std::int64_t Create(soci::session& sql, const Draft& d, std::int64_t employer_id,
                    std::int64_t author, std::int64_t now) {
  const std::string state(StateName(State::kDraft));
  int province = d.province_code;
  soci::indicator province_ind = d.audience == kProvince ? soci::i_ok : soci::i_null;
  long long employer = employer_id;
  soci::indicator employer_ind = d.audience == kEmployer ? soci::i_ok : soci::i_null;
  const int mail = d.send_mail ? 1 : 0;
  const long long author_value = author, now_value = now;
  long long id = 0;
  sql << "INSERT INTO announcements (state, title_id, title_en, body_id, body_en, starts_on, "
         "ends_on, audience, province_code, employer_id, send_mail, author_account_id, "
         "created_at, updated_at) VALUES (:state, :tid, :ten, :bid, :ben, :s, :e, :aud, :p, "
         ":emp, :mail, :author, :now, :now2) RETURNING id",
      soci::use(state), soci::use(d.title_id), soci::use(d.title_en), soci::use(d.body_id),
      soci::use(d.body_en), soci::use(d.starts_on), soci::use(d.ends_on), soci::use(d.audience),
      soci::use(province, province_ind), soci::use(employer, employer_ind), soci::use(mail),
      soci::use(author_value), soci::use(now_value), soci::use(now_value), soci::into(id);
  return id;
}

void Update(soci::session& sql, std::int64_t id, const Draft& d, std::int64_t employer_id,
            std::int64_t now) {
  const std::string state(StateName(State::kDraft));
  int province = d.province_code;
  soci::indicator province_ind = d.audience == kProvince ? soci::i_ok : soci::i_null;
  long long employer = employer_id;
  soci::indicator employer_ind = d.audience == kEmployer ? soci::i_ok : soci::i_null;
  const int mail = d.send_mail ? 1 : 0;
  const long long id_value = id, now_value = now;
  sql << "UPDATE announcements SET state = :state, title_id = :tid, title_en = :ten, "
         "body_id = :bid, body_en = :ben, starts_on = :s, ends_on = :e, audience = :aud, "
         "province_code = :p, employer_id = :emp, send_mail = :mail, updated_at = :now "
         "WHERE id = :id",
      soci::use(state), soci::use(d.title_id), soci::use(d.title_en), soci::use(d.body_id),
      soci::use(d.body_en), soci::use(d.starts_on), soci::use(d.ends_on), soci::use(d.audience),
      soci::use(province, province_ind), soci::use(employer, employer_ind), soci::use(mail),
      soci::use(now_value), soci::use(id_value);
}

std::optional<Announcement> Load(soci::session& sql, std::int64_t id) {
  const long long id_value = id;
  soci::row row;
  sql << std::string(kSelect) + "WHERE n.id = :id", soci::use(id_value), soci::into(row);
  if (!sql.got_data()) return std::nullopt;
  return FromRow(row);
}

std::vector<Announcement> ListRecent(soci::session& sql, int limit) {
  std::vector<Announcement> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kSelect) + "ORDER BY n.id DESC LIMIT :limit", soci::use(limit));
  for (const auto& row : rows) out.push_back(FromRow(row));
  return out;
}

void MarkSubmitted(soci::session& sql, std::int64_t id, std::int64_t now) {
  const std::string state(StateName(State::kSubmitted));
  const long long id_value = id, now_value = now;
  sql << "UPDATE announcements SET state = :state, submitted_at = :now, updated_at = :now2 "
         "WHERE id = :id",
      soci::use(state), soci::use(now_value), soci::use(now_value), soci::use(id_value);
}

void MarkSentBack(soci::session& sql, std::int64_t id, std::int64_t reviewer,
                  const std::string& reason, std::int64_t now) {
  const std::string state(StateName(State::kSentBack));
  const long long id_value = id, reviewer_value = reviewer, now_value = now;
  sql << "UPDATE announcements SET state = :state, reviewer_account_id = :r, "
         "sent_back_reason = :reason, updated_at = :now WHERE id = :id",
      soci::use(state), soci::use(reviewer_value), soci::use(reason), soci::use(now_value),
      soci::use(id_value);
}

void MarkPublished(soci::session& sql, std::int64_t id, std::int64_t reviewer, std::int64_t job_id,
                   std::int64_t now) {
  const std::string state(StateName(State::kPublished));
  const long long id_value = id, reviewer_value = reviewer, job = job_id, now_value = now;
  sql << "UPDATE announcements SET state = :state, reviewer_account_id = :r, job_id = :job, "
         "sent_back_reason = NULL, published_at = :now, updated_at = :now2 WHERE id = :id",
      soci::use(state), soci::use(reviewer_value), soci::use(job), soci::use(now_value),
      soci::use(now_value), soci::use(id_value);
}

std::int64_t AudienceSize(soci::session& sql, const Announcement& a) {
  long long n = 0;
  const std::string query = "SELECT COUNT(*)" + AudienceFrom(a);
  int province = a.draft.province_code;
  long long employer = a.employer_id;
  if (a.draft.audience == kProvince) {
    sql << query, soci::use(province, "province"), soci::into(n);
  } else if (a.draft.audience == kEmployer) {
    sql << query, soci::use(employer, "employer"), soci::into(n);
  } else {
    sql << query, soci::into(n);
  }
  return n;
}

std::vector<Recipient> AudienceAfter(soci::session& sql, const Announcement& a, std::int64_t after,
                                     int limit) {
  const std::string query = "SELECT a.id, a.email, a.lang, a.display_name" + AudienceFrom(a) +
                            " AND a.id > :after ORDER BY a.id LIMIT :limit";
  int province = a.draft.province_code;
  long long employer = a.employer_id;
  long long after_value = after;
  std::vector<Recipient> out;
  auto read = [&](soci::rowset<soci::row>& rows) {
    for (const auto& row : rows) {
      out.push_back({db::RowInt(row, 0), row.get<std::string>(1), row.get<std::string>(2),
                     row.get<std::string>(3)});
    }
  };
  if (a.draft.audience == kProvince) {
    soci::rowset<soci::row> rows = (sql.prepare << query, soci::use(province, "province"),
                                    soci::use(after_value, "after"), soci::use(limit, "limit"));
    read(rows);
  } else if (a.draft.audience == kEmployer) {
    soci::rowset<soci::row> rows = (sql.prepare << query, soci::use(employer, "employer"),
                                    soci::use(after_value, "after"), soci::use(limit, "limit"));
    read(rows);
  } else {
    soci::rowset<soci::row> rows =
        (sql.prepare << query, soci::use(after_value, "after"), soci::use(limit, "limit"));
    read(rows);
  }
  return out;
}

namespace {
// Whether announcement n is for member :member (used in the two member-side reads).
const char* const kForMember =
    " AND (n.audience = 'everyone'"
    " OR (n.audience = 'province' AND n.province_code = "
    "(SELECT province_code FROM members WHERE id = :member))"
    " OR (n.audience = 'employer' AND EXISTS (SELECT 1 FROM employment_spells s "
    "WHERE s.member_id = :member2 AND s.employer_id = n.employer_id AND s.end_date IS NULL)))";
}  // namespace

std::vector<Announcement> ShownTo(soci::session& sql, std::int64_t account_id,
                                  std::int64_t member_id, const std::string& today, int limit) {
  const long long account = account_id, member = member_id;
  std::vector<Announcement> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << std::string(kSelect) +
                          "WHERE n.state = 'published' AND n.ends_on >= :today "
                          "AND n.starts_on <= :today2" +
                          kForMember +
                          " AND NOT EXISTS (SELECT 1 FROM announcement_dismissals d "
                          "WHERE d.account_id = :account AND d.announcement_id = n.id) "
                          "ORDER BY n.published_at DESC, n.id DESC LIMIT :limit",
       soci::use(today, "today"), soci::use(today, "today2"), soci::use(member, "member"),
       soci::use(member, "member2"), soci::use(account, "account"), soci::use(limit, "limit"));
  for (const auto& row : rows) out.push_back(FromRow(row));
  return out;
}

std::optional<Announcement> ReadableBy(soci::session& sql, std::int64_t id,
                                       std::int64_t member_id) {
  const long long id_value = id, member = member_id;
  soci::row row;
  sql << std::string(kSelect) + "WHERE n.id = :id AND n.state = 'published'" + kForMember,
      soci::use(id_value, "id"), soci::use(member, "member"), soci::use(member, "member2"),
      soci::into(row);
  if (!sql.got_data()) return std::nullopt;
  return FromRow(row);
}

void Dismiss(soci::session& sql, std::int64_t id, std::int64_t account_id, std::int64_t now) {
  const long long id_value = id, account = account_id, now_value = now;
  sql << "INSERT INTO announcement_dismissals (announcement_id, account_id, dismissed_at) "
         "VALUES (:id, :account, :now) ON CONFLICT (account_id, announcement_id) DO NOTHING",
      soci::use(id_value), soci::use(account), soci::use(now_value);
}

}  // namespace lumbung::announcements
