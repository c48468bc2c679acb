#include "core/audit/chain.h"

#include <nlohmann/json.hpp>

#include <string>

#include "core/security/digest.h"

namespace lumbung::audit {
namespace {

nlohmann::json OptionalId(const std::optional<std::int64_t>& id) {
  return id ? nlohmann::json(*id) : nlohmann::json(nullptr);
}

}  // namespace

std::string CanonicalRow(const ChainRow& row) {
  const nlohmann::json array = nlohmann::json::array(
      {row.id, row.occurred_at, OptionalId(row.actor_user_id), OptionalId(row.subject_user_id),
       row.action, row.result, row.ip, row.user_agent, row.details});
  // Strict: invalid UTF-8 throws instead of being replaced, so that two different byte strings
  // can never serialise alike. Appended rows are always valid UTF-8 (Normalise cleans them).
  return array.dump();
}

std::string RowHash(std::string_view prev_hash, const ChainRow& row) {
  std::string input(prev_hash);
  input += CanonicalRow(row);
  return security::Sha256Hex(input);
}

}  // namespace lumbung::audit
