// Importing an exclusion list (the civil-servant registry, an aid programme's recipients) into
// subsidy_list_entries, where the eligibility run (run.h) finds a NIK with one indexed lookup.
// The file's format is exclusion_list.h's (docs/subsidy.md, "Exclusion lists").
//
// All or nothing: the file is read once, streaming (never whole in memory), its NIKs loaded
// through registry::BulkWriter (COPY on PostgreSQL, batched INSERTs on SQLite) into a work table
// inside one transaction; only when every line was right does the list's old content go and the
// new one (each NIK once) take its place, with a subsidy_list_imports row and the audit event
// subsidy.list_imported, in that same transaction. A file with any wrong line, or with no NIK at
// all, changes nothing and is answered with the numbered lines.
#pragma once

#include <cstdint>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "subsidy/exclusion_list.h"

namespace soci {
class session;
}

namespace lumbung::subsidy {

// A list's name as programmes name it (program.h exclusions): a-z, 0-9 and _, starting with a
// letter, up to 40.
bool IsListName(std::string_view name);

enum class ListImportRefusal {
  kNone,
  kBadListName,
  kLineErrors,  // `errors` (the first ones) and `error_count`
  kEmpty,       // not one NIK: an agency never sends an empty list; a wrong file would
                // silently lift every exclusion
  kUnreadable,  // the stream failed before its end
};

struct ListImportResult {
  ListImportRefusal refusal = ListImportRefusal::kNone;
  std::int64_t entries = 0;     // NIKs in the list now (each once)
  std::int64_t duplicates = 0;  // lines repeating a NIK already read
  std::int64_t lines = 0;
  std::string file_sha256;  // 64 hex digits of the bytes read
  std::vector<ListLineError> errors;
  std::int64_t error_count = 0;
  std::optional<std::int64_t> import_id;  // the subsidy_list_imports row
  bool ok() const { return refusal == ListImportRefusal::kNone; }
};

struct ListImportProgress {
  std::int64_t bytes = 0, lines = 0;
};

// Replaces the list `list` with the NIKs of `in`. Opens and commits its own transaction (do not
// call it inside another). `imported_by`: the staff account, nullopt from the command line.
// Throws the database's errors (nothing is changed then).
ListImportResult ImportList(soci::session& sql, std::string_view list, std::istream& in,
                            std::optional<std::int64_t> imported_by, std::int64_t now,
                            const std::function<void(const ListImportProgress&)>& progress = {});

// How many NIKs each list holds now, by list name.
std::vector<std::pair<std::string, std::int64_t>> ListSizes(soci::session& sql);

}  // namespace lumbung::subsidy
