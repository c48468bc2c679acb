#include "credentials/status_list.h"

#include <openssl/rand.h>
#include <soci/soci.h>
#include <zlib.h>

#include <cstring>

#include "core/security/encoding.h"

namespace lumbung::credentials {
namespace {

constexpr std::size_t kMaxDecodedBytes = 16 * 1024 * 1024;
// Random tries before looking for the lowest free index: with the list 90% full, 64 tries all
// fail about once in 800 allocations.
constexpr int kRandomTries = 64;

std::string Gzip(const std::string& data) {
  z_stream zs{};
  if (deflateInit2(&zs, Z_BEST_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    throw std::runtime_error("zlib: deflateInit2 failed");
  }
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) throw std::runtime_error("zlib: deflate failed");
  return out;
}

std::optional<std::string> Gunzip(const std::string& data) {
  z_stream zs{};
  if (inflateInit2(&zs, 15 + 16) != Z_OK) return std::nullopt;  // gzip only
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buffer[16384];
  int rc = Z_OK;
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buffer);
    zs.avail_out = sizeof buffer;
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) break;
    out.append(buffer, sizeof buffer - zs.avail_out);
    if (out.size() > kMaxDecodedBytes) rc = Z_MEM_ERROR;
    if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) rc = Z_BUF_ERROR;  // truncated
  }
  const bool complete = rc == Z_STREAM_END && zs.avail_in == 0;
  inflateEnd(&zs);
  if (!complete) return std::nullopt;
  return out;
}

std::int64_t RandomIndex() {
  unsigned char bytes[4];
  if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("OpenSSL: RAND_bytes");
  std::uint32_t value = 0;
  std::memcpy(&value, bytes, sizeof value);
  // kStatusListSize is a power of two: masking keeps every index equally likely.
  static_assert((kStatusListSize & (kStatusListSize - 1)) == 0);
  return static_cast<std::int64_t>(value & static_cast<std::uint32_t>(kStatusListSize - 1));
}

bool TryInsert(soci::session& sql, const std::string& list, long long index, long long now) {
  long long got = 0;
  soci::statement insert =
      (sql.prepare << "INSERT INTO credential_status_entries (list_id, status_index, created_at)"
                      " VALUES (:list, :idx, :now) ON CONFLICT (list_id, status_index) DO NOTHING"
                      " RETURNING status_index",
       soci::into(got), soci::use(list), soci::use(index), soci::use(now));
  return insert.execute(true);
}

}  // namespace

std::string EncodeStatusList(const std::vector<bool>& bits) {
  const std::size_t count = std::max<std::size_t>(bits.size(), kStatusListSize);
  std::string bytes((count + 7) / 8, '\0');
  for (std::size_t i = 0; i < bits.size(); ++i) {
    if (bits[i]) bytes[i / 8] = static_cast<char>(bytes[i / 8] | (0x80 >> (i % 8)));
  }
  return "u" + security::Base64UrlEncode(Gzip(bytes));
}

std::optional<std::vector<bool>> DecodeStatusList(std::string_view encoded) {
  if (encoded.empty() || encoded[0] != 'u') return std::nullopt;
  auto compressed = security::Base64UrlDecode(encoded.substr(1));
  if (!compressed) return std::nullopt;
  auto bytes = Gunzip(*compressed);
  if (!bytes || bytes->size() * 8 < static_cast<std::size_t>(kStatusListSize)) return std::nullopt;
  std::vector<bool> bits(bytes->size() * 8);
  for (std::size_t i = 0; i < bits.size(); ++i) {
    bits[i] = (static_cast<unsigned char>((*bytes)[i / 8]) & (0x80 >> (i % 8))) != 0;
  }
  return bits;
}

std::int64_t AllocateStatusIndex(soci::session& sql, std::string_view list_id, std::int64_t now) {
  const std::string list(list_id);
  for (int i = 0; i < kRandomTries; ++i) {
    const long long index = RandomIndex();
    if (TryInsert(sql, list, index, now)) return index;
  }
  // A nearly full list: the lowest free index, tried until one sticks or none is left.
  for (;;) {
    long long candidate = -1, size = kStatusListSize;
    soci::indicator found = soci::i_null;
    sql << "SELECT MIN(candidate) FROM ("
           " SELECT 0 AS candidate WHERE NOT EXISTS (SELECT 1 FROM credential_status_entries"
           "  WHERE list_id = :l1 AND status_index = 0)"
           " UNION ALL"
           " SELECT e.status_index + 1 FROM credential_status_entries e"
           "  WHERE e.list_id = :l2 AND e.status_index + 1 < :size AND NOT EXISTS ("
           "   SELECT 1 FROM credential_status_entries f"
           "   WHERE f.list_id = :l3 AND f.status_index = e.status_index + 1)) gaps",
        soci::into(candidate, found), soci::use(list), soci::use(list), soci::use(size),
        soci::use(list);
    if (found != soci::i_ok) {
      throw StatusListFull("status list " + list + " has no free index");
    }
    if (TryInsert(sql, list, candidate, now)) return candidate;
  }
}

bool SetRevoked(soci::session& sql, std::string_view list_id, std::int64_t index, bool revoked,
                std::int64_t now) {
  const std::string list(list_id);
  long long idx = index, at = now;
  if (revoked) {
    soci::statement update =
        (sql.prepare << "UPDATE credential_status_entries SET revoked_at = COALESCE(revoked_at,"
                        " :now) WHERE list_id = :list AND status_index = :idx",
         soci::use(at), soci::use(list), soci::use(idx));
    update.execute(true);
    return update.get_affected_rows() > 0;
  }
  soci::statement update = (sql.prepare << "UPDATE credential_status_entries SET revoked_at = NULL"
                                           " WHERE list_id = :list AND status_index = :idx",
                            soci::use(list), soci::use(idx));
  update.execute(true);
  return update.get_affected_rows() > 0;
}

std::vector<bool> LoadStatusBits(soci::session& sql, std::string_view list_id) {
  std::vector<bool> bits(kStatusListSize);
  const std::string list(list_id);
  long long index = 0;
  soci::statement select = (sql.prepare << "SELECT status_index FROM credential_status_entries"
                                           " WHERE list_id = :list AND revoked_at IS NOT NULL",
                            soci::into(index), soci::use(list));
  select.execute();
  while (select.fetch()) {
    if (index >= 0 && index < kStatusListSize) bits[static_cast<std::size_t>(index)] = true;
  }
  return bits;
}

std::string EncodedStatusList(soci::session& sql, std::string_view list_id) {
  return EncodeStatusList(LoadStatusBits(sql, list_id));
}

nlohmann::json StatusListEntry(std::string_view list_credential_url, std::int64_t index) {
  const std::string url(list_credential_url);
  return {{"id", url + "#" + std::to_string(index)},
          {"type", "BitstringStatusListEntry"},
          {"statusPurpose", "revocation"},
          {"statusListIndex", std::to_string(index)},
          {"statusListCredential", url}};
}

nlohmann::json StatusListCredential(const StatusListCredentialFields& fields) {
  nlohmann::json credential = {{"@context", {"https://www.w3.org/ns/credentials/v2"}},
                               {"id", fields.id},
                               {"type", {"VerifiableCredential", "BitstringStatusListCredential"}},
                               {"issuer", fields.issuer},
                               {"validFrom", fields.valid_from},
                               {"credentialSubject",
                                {{"id", fields.id + "#list"},
                                 {"type", "BitstringStatusList"},
                                 {"statusPurpose", "revocation"},
                                 {"encodedList", fields.encoded_list}}}};
  if (!fields.valid_until.empty()) credential["validUntil"] = fields.valid_until;
  return credential;
}

bool StatusBit(const std::vector<bool>& bits, std::int64_t index) {
  return index >= 0 && static_cast<std::size_t>(index) < bits.size() &&
         bits[static_cast<std::size_t>(index)];
}

}  // namespace lumbung::credentials
