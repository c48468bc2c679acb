#include "certificates/certificate_store.h"

#include <soci/soci.h>

#include <chrono>
#include <stdexcept>

#include "certificates/certificate_code.h"
#include "core/audit/audit_log.h"
#include "core/db/row_value.h"
#include "core/view/memorable_date.h"
#include "credentials/status_list.h"

namespace lumbung::certificates {
namespace {

// Certificates reach the holder under training and certificates, which members may also mail.
constexpr std::string_view kInboxCategory = inbox::kTraining;

constexpr std::size_t kMaxCompetencyChars = 200;
constexpr std::size_t kMaxLevelChars = 100;
constexpr std::size_t kMaxIssuerChars = 200;
constexpr std::size_t kMaxReasonChars = 500;

constexpr const char* kColumns =
    "SELECT id, member_id, competency, level, provider_id, issuer_name, issued_by_account,"
    " issued_on, expires_on, code, status_index, training_application_id, created_at,"
    " revoked_at, revoked_by_account, revocation_reason FROM certificates";

std::size_t Utf8Chars(std::string_view text) {
  std::size_t chars = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++chars;
  }
  return chars;
}

bool HasControl(std::string_view text) {
  for (const char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return true;
  }
  return false;
}

bool IsDay(std::string_view day) {
  if (day.size() != 10 || day[4] != '-' || day[7] != '-') return false;
  int year = 0, month = 0, d = 0;
  for (std::size_t i = 0; i < 10; ++i) {
    if (i == 4 || i == 7) continue;
    if (day[i] < '0' || day[i] > '9') return false;
  }
  year = std::stoi(std::string(day.substr(0, 4)));
  month = std::stoi(std::string(day.substr(5, 2)));
  d = std::stoi(std::string(day.substr(8, 2)));
  const std::chrono::year_month_day ymd{std::chrono::year(year),
                                        std::chrono::month(static_cast<unsigned>(month)),
                                        std::chrono::day(static_cast<unsigned>(d))};
  return ymd.ok();
}

Certificate FromRow(const soci::row& row) {
  Certificate c;
  c.id = db::RowInt(row, 0);
  c.member_id = db::RowInt(row, 1);
  c.competency = db::RowText(row, 2);
  c.level = db::RowText(row, 3);
  c.provider_id = db::RowMaybeInt(row, 4).value_or(0);
  c.issuer_name = db::RowText(row, 5);
  c.issued_by_account = db::RowMaybeInt(row, 6).value_or(0);
  c.issued_on = db::RowText(row, 7);
  c.expires_on = db::RowText(row, 8);
  c.code = db::RowText(row, 9);
  c.status_index = db::RowInt(row, 10);
  c.training_application_id = db::RowMaybeInt(row, 11).value_or(0);
  c.created_at = db::RowInt(row, 12);
  c.revoked_at = db::RowMaybeInt(row, 13);
  c.revoked_by_account = db::RowMaybeInt(row, 14).value_or(0);
  c.revocation_reason = db::RowText(row, 15);
  return c;
}

std::string Query(std::string_view tail) {
  return std::string(kColumns) + " " + std::string(tail);
}

std::vector<Certificate> Read(const soci::rowset<soci::row>& rows) {
  std::vector<Certificate> found;
  for (const soci::row& row : rows) found.push_back(FromRow(row));
  return found;
}

// The holder's account, when they have signed up.
std::optional<std::int64_t> AccountOfMember(soci::session& sql, std::int64_t member_id) {
  long long member = member_id, account = 0;
  sql << "SELECT id FROM accounts WHERE member_id = :m", soci::use(member), soci::into(account);
  if (!sql.got_data()) return std::nullopt;
  return account;
}

void Tell(soci::session& sql, const inbox::Notifier& notify, std::int64_t member_id,
          const std::string& message_id, const Certificate& certificate,
          const std::string& dedupe_key, std::int64_t now) {
  const auto account = AccountOfMember(sql, member_id);
  if (!account) return;
  inbox::InboxItem item{.account_id = *account,
                        .category = std::string(kInboxCategory),
                        .message_id = message_id,
                        .values = {{"competency", certificate.competency.substr(0, 400)},
                                   {"issuer", certificate.issuer_name.substr(0, 400)}},
                        .link = "/certificates/" + std::to_string(certificate.id),
                        .created_at = now,
                        .dedupe_key = dedupe_key};
  inbox::Notify(notify, sql, item);
}

}  // namespace

std::vector<FieldError> CheckNewCertificate(const NewCertificate& c) {
  std::vector<FieldError> errors;
  if (c.competency.empty()) {
    errors.push_back({"competency", "certificates.error.competency_missing"});
  } else if (Utf8Chars(c.competency) > kMaxCompetencyChars || HasControl(c.competency)) {
    errors.push_back({"competency", "certificates.error.competency_too_long"});
  }
  if (Utf8Chars(c.level) > kMaxLevelChars || HasControl(c.level)) {
    errors.push_back({"level", "certificates.error.level_too_long"});
  }
  if (c.issuer_name.empty() || Utf8Chars(c.issuer_name) > kMaxIssuerChars ||
      HasControl(c.issuer_name)) {
    errors.push_back({"issuer_name", "certificates.error.issuer_invalid"});
  }
  const bool issued_ok = IsDay(c.issued_on);
  if (!issued_ok) errors.push_back({"issued_on", "certificates.error.issued_on_invalid"});
  if (!c.expires_on.empty()) {
    if (!IsDay(c.expires_on)) {
      errors.push_back({"expires_on", "certificates.error.expires_on_invalid"});
    } else if (issued_ok && c.expires_on <= c.issued_on) {
      errors.push_back({"expires_on", "certificates.error.expires_before_issue"});
    }
  }
  return errors;
}

std::string_view StateName(CertificateState state) {
  switch (state) {
    case CertificateState::kValid:
      return "valid";
    case CertificateState::kExpired:
      return "expired";
    case CertificateState::kRevoked:
      return "revoked";
  }
  return "valid";
}

CertificateState StateOn(const Certificate& certificate, std::string_view today) {
  if (certificate.revoked_at) return CertificateState::kRevoked;
  if (!certificate.expires_on.empty() && certificate.expires_on < today) {
    return CertificateState::kExpired;
  }
  return CertificateState::kValid;
}

IssuedCertificate IssueCertificate(soci::session& sql, const NewCertificate& certificate,
                                   std::int64_t now) {
  return IssueCertificate(sql, certificate, now, inbox::Notifier{});
}

IssuedCertificate IssueCertificate(soci::session& sql, const NewCertificate& certificate,
                                   std::int64_t now, const inbox::Notifier& notify) {
  if (certificate.member_id <= 0) throw std::invalid_argument("certificate: no holder");
  if (!CheckNewCertificate(certificate).empty()) {
    throw std::invalid_argument("certificate: a field is missing or malformed");
  }
  if (certificate.training_application_id > 0) {
    long long application = certificate.training_application_id, id = 0;
    std::string code;
    sql << "SELECT id, code FROM certificates WHERE training_application_id = :a",
        soci::use(application), soci::into(id), soci::into(code);
    if (sql.got_data()) return {id, code};
  }
  {
    long long member = certificate.member_id;
    int found = 0;
    sql << "SELECT COUNT(*) FROM members WHERE id = :m", soci::use(member), soci::into(found);
    if (found == 0) throw std::invalid_argument("certificate: no such member");
  }

  Certificate stored;
  stored.member_id = certificate.member_id;
  stored.competency = certificate.competency;
  stored.level = certificate.level;
  stored.provider_id = certificate.provider_id;
  stored.issuer_name = certificate.issuer_name;
  stored.issued_by_account = certificate.issued_by_account;
  stored.issued_on = certificate.issued_on;
  stored.expires_on = certificate.expires_on;
  stored.code = NewCertificateCode();
  stored.status_index = credentials::AllocateStatusIndex(sql, kStatusList, now);
  stored.training_application_id = certificate.training_application_id;
  stored.created_at = now;

  long long member = stored.member_id, status_index = stored.status_index, at = now, id = 0;
  long long provider = stored.provider_id, issuer_account = stored.issued_by_account,
            application = stored.training_application_id;
  soci::indicator provider_ind = provider > 0 ? soci::i_ok : soci::i_null;
  soci::indicator account_ind = issuer_account > 0 ? soci::i_ok : soci::i_null;
  soci::indicator application_ind = application > 0 ? soci::i_ok : soci::i_null;
  soci::indicator expires_ind = stored.expires_on.empty() ? soci::i_null : soci::i_ok;
  const std::string list(kStatusList);
  sql << "INSERT INTO certificates (member_id, competency, level, provider_id, issuer_name,"
         " issued_by_account, issued_on, expires_on, code, status_list, status_index,"
         " training_application_id, created_at) VALUES (:m, :c, :l, :p, :n, :a, :i, :e, :code,"
         " :list, :idx, :app, :t) RETURNING id",
      soci::use(member), soci::use(stored.competency), soci::use(stored.level),
      soci::use(provider, provider_ind), soci::use(stored.issuer_name),
      soci::use(issuer_account, account_ind), soci::use(stored.issued_on),
      soci::use(stored.expires_on, expires_ind), soci::use(stored.code), soci::use(list),
      soci::use(status_index), soci::use(application, application_ind), soci::use(at),
      soci::into(id);
  stored.id = id;

  const auto holder_account = AccountOfMember(sql, stored.member_id);
  audit::Event event;
  if (stored.issued_by_account > 0) event.actor_user_id = stored.issued_by_account;
  event.subject_user_id = holder_account;
  event.action = "certificate.issued";
  event.details = {{"certificate", std::to_string(stored.id)},
                   {"provider", std::to_string(stored.provider_id)}};
  audit::Append(sql, event);
  Tell(sql, notify, stored.member_id, "certificates.notice.issued", stored,
       "certificate.issued:" + std::to_string(stored.id), now);
  return {stored.id, stored.code};
}

RevokeResult Revoke(soci::session& sql, std::int64_t id, const Revoker& revoker,
                    std::string_view reason, std::int64_t now, const inbox::Notifier& notify) {
  const auto found = FindCertificate(sql, id);
  // Another issuer's certificate is answered as a missing one (ASVS 4.0.3 4.2.1).
  if (!found || found->provider_id != revoker.provider_id) return RevokeResult::kNotFound;
  const std::string why(reason);
  if (why.empty() || Utf8Chars(why) > kMaxReasonChars || HasControl(why)) {
    return RevokeResult::kReasonRequired;
  }
  long long wanted = id, at = now, account = revoker.account_id;
  soci::indicator account_ind = account > 0 ? soci::i_ok : soci::i_null;
  soci::statement st =
      (sql.prepare << "UPDATE certificates SET revoked_at = :t,"
                      " revoked_by_account = :a, revocation_reason = :r"
                      " WHERE id = :id AND revoked_at IS NULL",
       soci::use(at), soci::use(account, account_ind), soci::use(why), soci::use(wanted));
  st.execute(true);
  if (st.get_affected_rows() == 0) return RevokeResult::kAlreadyRevoked;
  credentials::SetRevoked(sql, kStatusList, found->status_index, true, now);

  audit::Event event;
  if (revoker.account_id > 0) event.actor_user_id = revoker.account_id;
  event.subject_user_id = AccountOfMember(sql, found->member_id);
  event.action = "certificate.revoked";
  event.details = {{"certificate", std::to_string(found->id)},
                   {"provider", std::to_string(found->provider_id)}};
  audit::Append(sql, event);
  Tell(sql, notify, found->member_id, "certificates.notice.revoked", *found,
       "certificate.revoked:" + std::to_string(found->id), now);
  return RevokeResult::kRevoked;
}

std::optional<Certificate> FindCertificate(soci::session& sql, std::int64_t id) {
  long long wanted = id;
  auto rows = Read((sql.prepare << Query("WHERE id = :id"), soci::use(wanted)));
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<Certificate> FindMemberCertificate(soci::session& sql, std::int64_t member_id,
                                                 std::int64_t id) {
  long long wanted = id, member = member_id;
  auto rows = Read((sql.prepare << Query("WHERE id = :id AND member_id = :m"), soci::use(wanted),
                    soci::use(member)));
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::optional<Certificate> FindByCode(soci::session& sql, std::string_view code) {
  const std::string wanted(code);
  auto rows = Read((sql.prepare << Query("WHERE code = :code"), soci::use(wanted)));
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<Certificate> MemberCertificates(soci::session& sql, std::int64_t member_id) {
  long long member = member_id;
  return Read((sql.prepare << Query("WHERE member_id = :m ORDER BY id DESC"), soci::use(member)));
}

std::vector<Certificate> IssuerCertificates(soci::session& sql, std::int64_t provider_id,
                                            int limit) {
  long long provider = provider_id;
  int most = limit < 1 ? 1 : limit;
  if (provider_id == 0) {
    return Read((sql.prepare << Query("WHERE provider_id IS NULL ORDER BY id DESC LIMIT :n"),
                 soci::use(most)));
  }
  return Read((sql.prepare << Query("WHERE provider_id = :p ORDER BY id DESC LIMIT :n"),
               soci::use(provider), soci::use(most)));
}

std::optional<std::int64_t> ProviderOfAccount(soci::session& sql, std::int64_t account_id) {
  long long account = account_id, provider = 0;
  sql << "SELECT provider_id FROM training_provider_staff WHERE account_id = :a",
      soci::use(account), soci::into(provider);
  if (!sql.got_data()) return std::nullopt;
  return provider;
}

}  // namespace lumbung::certificates
