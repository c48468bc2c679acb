// Certificates in the database (table `certificates`, migrations/0050_certificates*.sql): a
// member's competency as an issuer attested it, from issue to expiry or revocation.
//
// A certificate is issued by a training provider (on a completed training, or by the provider's
// staff) or by the fund itself (staff with the role certifier). Only its issuer may revoke it:
// the provider's own staff for a provider's certificate, a certifier for the fund's (ASVS 4.0.3
// 4.2.1, IDOR). Every issue and revocation is audited ("certificate.issued",
// "certificate.revoked") and told to the holder in their inbox, in the caller's transaction.
//
// Each certificate carries a public code (certificate_code.h) that anyone may type at
// /verify/certificate, and an index in the fund's status list, so that a signed credential's
// revocation can be checked offline.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/inbox/inbox.h"

namespace soci {
class session;
}

namespace lumbung::certificates {

// What an issuer attests. Every member has an initializer, so callers name only what they have.
struct NewCertificate {
  std::int64_t member_id = 0;                // the holder (registry members.id)
  std::string competency;                    // what was achieved, e.g. the programme title
  std::string level;                         // "" when none
  std::int64_t provider_id = 0;              // issuing training provider; 0 when the fund issues it
  std::string issuer_name;                   // shown on the page and in the credential
  std::int64_t issued_by_account = 0;        // the staff account that issued it
  std::string issued_on;                     // YYYY-MM-DD
  std::string expires_on;                    // "" when it does not expire
  std::int64_t training_application_id = 0;  // 0 when not from a training
};

struct IssuedCertificate {
  std::int64_t id = 0;
  std::string code;  // canonical form (certificate_code.h)
};

// The status list every certificate's credential points into.
inline constexpr std::string_view kStatusList = "certificates-1";

// Issues `certificate` at `now` (epoch seconds) inside the caller's transaction (it neither
// begins nor commits one): stores it with a fresh public code and status-list index, audits
// "certificate.issued" (actor: issued_by_account) and posts the holder's inbox notice (through
// `notify` when given, else inbox::Post) when the member has an account. A certificate issued
// for a training application that already has one is not issued twice: the existing one is
// returned. Throws std::invalid_argument when a field is missing or malformed (see
// CheckNewCertificate) or the member does not exist.
IssuedCertificate IssueCertificate(soci::session& sql, const NewCertificate& certificate,
                                   std::int64_t now);
IssuedCertificate IssueCertificate(soci::session& sql, const NewCertificate& certificate,
                                   std::int64_t now, const inbox::Notifier& notify);

// The fields that are wrong, as catalog ids of their messages keyed by field name
// ("competency", "level", "issuer_name", "issued_on", "expires_on"); empty when it may be
// issued. Pure.
struct FieldError {
  std::string field;
  std::string message_id;
  bool operator==(const FieldError&) const = default;
};
std::vector<FieldError> CheckNewCertificate(const NewCertificate& certificate);

enum class CertificateState { kValid, kExpired, kRevoked };
// "valid", "expired", "revoked".
std::string_view StateName(CertificateState state);

struct Certificate {
  std::int64_t id = 0;
  std::int64_t member_id = 0;
  std::string competency;
  std::string level;
  std::int64_t provider_id = 0;  // 0: the fund
  std::string issuer_name;
  std::int64_t issued_by_account = 0;
  std::string issued_on;
  std::string expires_on;
  std::string code;
  std::int64_t status_index = 0;
  std::int64_t training_application_id = 0;
  std::int64_t created_at = 0;
  std::optional<std::int64_t> revoked_at;
  std::int64_t revoked_by_account = 0;
  std::string revocation_reason;
};

// Revoked beats expired: a certificate expires the day after `expires_on` (fund day `today`,
// YYYY-MM-DD). Pure.
CertificateState StateOn(const Certificate& certificate, std::string_view today);

// Who may revoke: a certifier revokes the fund's certificates, a provider's staff account only
// its own provider's. Resolved by the caller from the session (ProviderOfAccount), never from
// a request parameter.
struct Revoker {
  std::int64_t account_id = 0;
  std::int64_t provider_id = 0;  // 0: a certifier acting for the fund
};

enum class RevokeResult {
  kRevoked,
  kNotFound,        // no such certificate, or not this revoker's (the same answer: no probing)
  kAlreadyRevoked,  // nothing changed
  kReasonRequired,  // the reason is empty or too long (1..500 characters)
};

// Revokes certificate `id` with `reason` at `now` when `revoker` is its issuer; audits
// "certificate.revoked" and tells the holder, in the caller's transaction. The status list
// shows it at once (it is read from this table).
RevokeResult Revoke(soci::session& sql, std::int64_t id, const Revoker& revoker,
                    std::string_view reason, std::int64_t now, const inbox::Notifier& notify = {});

// One certificate by id, whoever holds it (callers check ownership with member_id).
std::optional<Certificate> FindCertificate(soci::session& sql, std::int64_t id);
// The holder's certificate `id`, or nullopt when it is not theirs.
std::optional<Certificate> FindMemberCertificate(soci::session& sql, std::int64_t member_id,
                                                 std::int64_t id);
// By canonical public code (certificate_code.h ParseCertificateCode first).
std::optional<Certificate> FindByCode(soci::session& sql, std::string_view code);
// The holder's certificates, newest first.
std::vector<Certificate> MemberCertificates(soci::session& sql, std::int64_t member_id);
// An issuer's certificates, newest first, at most `limit` (provider_id 0: the fund's).
std::vector<Certificate> IssuerCertificates(soci::session& sql, std::int64_t provider_id,
                                            int limit);

// The provider the staff account works for (table training_provider_staff), or nullopt.
std::optional<std::int64_t> ProviderOfAccount(soci::session& sql, std::int64_t account_id);

// The status-list indexes of every revoked certificate (for the status list credential).
std::vector<std::int64_t> RevokedStatusIndexes(soci::session& sql);

}  // namespace lumbung::certificates
