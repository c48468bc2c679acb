#include "subsidy/list_import.h"

#include <soci/soci.h>
#include <sodium.h>

#include <algorithm>

#include "core/audit/audit_log.h"
#include "core/db/row_value.h"
#include "core/db/transaction.h"
#include "core/security/encoding.h"
#include "core/security/sodium_ready.h"
#include "registry/bulk_writer.h"

namespace lumbung::subsidy {

bool IsListName(std::string_view name) {
  if (name.empty() || name.size() > 40 || name[0] < 'a' || name[0] > 'z') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

ListImportResult ImportList(soci::session& sql, std::string_view list, std::istream& in,
                            std::optional<std::int64_t> imported_by, std::int64_t now,
                            const std::function<void(const ListImportProgress&)>& progress) {
  ListImportResult result;
  if (!IsListName(list)) {
    result.refusal = ListImportRefusal::kBadListName;
    return result;
  }
  security::internal::EnsureSodium();
  crypto_hash_sha256_state hash;
  crypto_hash_sha256_init(&hash);

  const bool postgres = sql.get_backend_name() == "postgresql";
  auto tx = db::Transaction::ForWriting(sql);
  // The work table holds the file's NIKs (duplicates too) until the whole file has been read.
  if (postgres) {
    sql << "CREATE TEMPORARY TABLE subsidy_list_load (nik TEXT NOT NULL) ON COMMIT DROP";
  } else {
    sql << "CREATE TEMPORARY TABLE IF NOT EXISTS subsidy_list_load (nik TEXT NOT NULL)";
    sql << "DELETE FROM subsidy_list_load";
  }
  std::int64_t loaded = 0;
  {
    auto writer = registry::BulkWriter::Open(sql, "subsidy_list_load", {"nik"});
    ExclusionListParser parser([&](std::string_view nik, std::int64_t) {
      writer->Text(nik);
      writer->EndRow();
    });
    std::string chunk(1 << 20, '\0');
    ListImportProgress seen;
    while (in) {
      in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
      const auto got = static_cast<std::size_t>(in.gcount());
      if (got == 0) break;
      const std::string_view bytes(chunk.data(), got);
      crypto_hash_sha256_update(&hash, reinterpret_cast<const unsigned char*>(bytes.data()),
                                bytes.size());
      parser.Feed(bytes);
      seen.bytes += static_cast<std::int64_t>(got);
      seen.lines = parser.line_count();
      if (progress) progress(seen);
    }
    if (in.bad()) {
      result.refusal = ListImportRefusal::kUnreadable;
      return result;  // the transaction rolls back; the writer's load is abandoned with it
    }
    parser.Finish();
    loaded = writer->Finish();
    result.lines = parser.line_count();
    result.errors = parser.errors();
    result.error_count = parser.error_count();
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&hash, digest);
  result.file_sha256 =
      security::HexEncode(std::string_view(reinterpret_cast<const char*>(digest), sizeof digest));
  if (result.error_count > 0) {
    result.refusal = ListImportRefusal::kLineErrors;
    return result;
  }
  if (loaded == 0) {
    result.refusal = ListImportRefusal::kEmpty;
    return result;
  }

  const std::string name(list);
  sql << "DELETE FROM subsidy_list_entries WHERE list = :l", soci::use(name, "l");
  sql << "INSERT INTO subsidy_list_entries (list, nik) SELECT DISTINCT CAST(:l AS TEXT), nik "
         "FROM subsidy_list_load",
      soci::use(name, "l");
  long long entries = 0;
  sql << "SELECT COUNT(*) FROM subsidy_list_entries WHERE list = :l", soci::use(name, "l"),
      soci::into(entries);
  if (!postgres) sql << "DROP TABLE subsidy_list_load";
  result.entries = entries;
  result.duplicates = loaded - entries;
  long long by = imported_by.value_or(0), at = now, import_id = 0;
  soci::indicator by_ind = imported_by ? soci::i_ok : soci::i_null;
  sql << "INSERT INTO subsidy_list_imports (list, entries, file_sha256, imported_by, imported_at) "
         "VALUES (:l, :e, :h, :by, :at) RETURNING id",
      soci::use(name, "l"), soci::use(entries, "e"), soci::use(result.file_sha256, "h"),
      soci::use(by, by_ind, "by"), soci::use(at, "at"), soci::into(import_id);
  result.import_id = import_id;
  audit::Append(sql, {.actor_user_id = imported_by,
                      .action = "subsidy.list_imported",
                      .details = {{"list", name},
                                  {"entries", std::to_string(entries)},
                                  {"file_sha256", result.file_sha256}}});
  tx.Commit();
  return result;
}

std::vector<std::pair<std::string, std::int64_t>> ListSizes(soci::session& sql) {
  std::vector<std::pair<std::string, std::int64_t>> sizes;
  soci::rowset<soci::row> rows =
      (sql.prepare
       << "SELECT list, COUNT(*) FROM subsidy_list_entries GROUP BY list ORDER BY list");
  for (const soci::row& row : rows) {
    sizes.emplace_back(db::RowText(row, 0), db::RowInt(row, 1));
  }
  return sizes;
}

}  // namespace lumbung::subsidy
