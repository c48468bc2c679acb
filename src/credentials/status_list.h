// Revocation published as a W3C Bitstring Status List v1.0 (https://www.w3.org/TR/vc-bitstring-
// status-list/): each credential gets an index in a list; the list's bit at that index is 1 when
// the credential is revoked. Anyone checks a credential by fetching the list credential and
// reading one bit, so the fund learns nothing about who checks which credential, and the list
// tells nothing about any one holder (indexes are random, lists are large).
//
// Storage (table `credential_status_entries`, migration 0051_credentials*.sql): one row per
// allocated index, (list_id, status_index, created_at, revoked_at). The issuing feature:
//   - at issue, in its transaction:       idx = AllocateStatusIndex(sql, "1", now);
//     and puts StatusListEntry(list_url, idx) in the credential's credentialStatus;
//   - at revocation, in its transaction:  SetRevoked(sql, "1", idx, true, now);
//   - to publish the list:                StatusListCredential({.id = list_url, ...,
//                                            .encoded_list = EncodedStatusList(sql, "1")})
//     signed with SignJwt or served as JSON.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace soci {
class session;
}

namespace lumbung::credentials {

// Entries per list: the specification's minimum (16 KB uncompressed), for herd privacy.
inline constexpr std::int64_t kStatusListSize = 131'072;

// Pure. The bitstring (index 0 is the most significant bit of the first byte, as the
// specification says), GZIP-compressed (RFC 1952), then multibase base64url without padding:
// "u" + Base64UrlEncode(gzip). Shorter input is padded with zeros to kStatusListSize bits;
// longer input is kept, rounded up to whole bytes. Throws std::runtime_error if zlib fails.
std::string EncodeStatusList(const std::vector<bool>& bits);

// The inverse: nullopt for a missing "u" prefix, bad base64url, data that is not one complete
// gzip stream, or a bitstring shorter than kStatusListSize bits. Decompresses at most 16 MB
// (a hostile list cannot exhaust memory). Never throws on bad input.
std::optional<std::vector<bool>> DecodeStatusList(std::string_view encoded);

class StatusListFull : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A fresh, unused index in [0, kStatusListSize) of list `list_id` (any short text the caller
// chooses, e.g. "1"), chosen at random and recorded (created_at = now). Unique even when many
// instances allocate at once (primary key and INSERT ... ON CONFLICT DO NOTHING; PostgreSQL and
// SQLite alike). Throws StatusListFull when every index of the list is taken: start another
// list then.
std::int64_t AllocateStatusIndex(soci::session& sql, std::string_view list_id, std::int64_t now);

// Sets (revoked = true, revoked_at = now) or clears the entry's bit. False when the list has no
// such allocated index. Setting a revoked entry again keeps its first revoked_at.
bool SetRevoked(soci::session& sql, std::string_view list_id, std::int64_t index, bool revoked,
                std::int64_t now);

// The list's bits from the table (kStatusListSize of them, revoked ones set).
std::vector<bool> LoadStatusBits(soci::session& sql, std::string_view list_id);

// EncodeStatusList(LoadStatusBits(sql, list_id)): the credentialSubject's encodedList.
std::string EncodedStatusList(soci::session& sql, std::string_view list_id);

// Pure. One credential's credentialStatus (BitstringStatusListEntry): {"id": url + "#" + index,
// "type", "statusPurpose": "revocation", "statusListIndex": "<index>" (a string, as the
// specification says), "statusListCredential": url}.
nlohmann::json StatusListEntry(std::string_view list_credential_url, std::int64_t index);

struct StatusListCredentialFields {
  std::string id{};            // the URL the list credential is served at
  std::string issuer{};        // the fund's issuer id (a URL or DID), as in its credentials
  std::string valid_from{};    // XML Schema dateTime, e.g. "2026-01-01T00:00:00Z"
  std::string valid_until{};   // "" for none
  std::string encoded_list{};  // EncodeStatusList / EncodedStatusList
};

// Pure. The BitstringStatusListCredential (VC data model 2.0): @context, id, type
// ["VerifiableCredential","BitstringStatusListCredential"], issuer, validFrom (validUntil when
// given), credentialSubject {id: id + "#list", type "BitstringStatusList", statusPurpose
// "revocation", encodedList}.
nlohmann::json StatusListCredential(const StatusListCredentialFields& fields);

// Pure. The bit at `index`; false outside the list.
bool StatusBit(const std::vector<bool>& bits, std::int64_t index);

}  // namespace lumbung::credentials
