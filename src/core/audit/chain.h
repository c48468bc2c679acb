// The hash chain that makes the audit log tamper-evident (ASVS 7.3.3/7.3.4 spirit): every row
// stores the hash of the row before it and its own hash over that and its content, so changing
// or deleting a row in the middle breaks the chain at that point. Pure; audit_log.h stores it.
//
//   row_hash = hex(SHA-256(prev_hash || canonical))
//
// where prev_hash is the previous row's row_hash as 64 lowercase hex characters (kGenesisHash,
// 64 zeros, for row 1) and `canonical` is the row's columns as a compact JSON array, in this
// order, exactly as stored:
//
//   [id, occurred_at, actor_user_id|null, subject_user_id|null, action, result, ip,
//    user_agent, details]
//
// e.g. [1,"2024-05-01T03:04:05.678Z",null,42,"login.failed","denied","203.0.113.9","curl/8",
// "{\"reason\":\"bad_password\"}"]. JSON escaping makes the serialisation unambiguous (no
// field can imitate a separator), so anyone can re-verify an exported log with a few lines of
// code. Changing this format invalidates every existing chain: don't.
//
// The chain detects changes by someone who cannot also rewrite every later row and the chain
// head; it cannot stop an attacker with full write access from rebuilding the whole chain.
// Copying the head hash elsewhere from time to time (another system, a printed report) closes
// that gap.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lumbung::audit {

inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// A stored row's hashed columns, as text exactly as in the database.
struct ChainRow {
  std::int64_t id = 0;
  std::string occurred_at{};
  std::optional<std::int64_t> actor_user_id{};
  std::optional<std::int64_t> subject_user_id{};
  std::string action{};
  std::string result{};
  std::string ip{};
  std::string user_agent{};
  std::string details{};  // the JSON text
};

// Throw nlohmann::json::type_error when a text column is not valid UTF-8 (only a row changed
// behind the log's back can be).
std::string CanonicalRow(const ChainRow& row);
std::string RowHash(std::string_view prev_hash, const ChainRow& row);

}  // namespace lumbung::audit
