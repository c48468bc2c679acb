// Issued statements in the database (table `statements`, migrations/0020_statements*.sql): the
// cache of PDFs and what /verify/statement checks codes against. Every look-up by member takes
// the member id the caller got from the session: nothing here accepts an id from a request.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace soci {
class session;
}

namespace lumbung::statements {

struct StoredStatement {
  std::int64_t id = 0;
  int year = 0;
  std::string lang;
  std::string source_hash;
  std::int64_t generated_at = 0;
  std::string pdf;  // the document's bytes; empty unless asked for
};

// The member's current statement for `year` in `lang`.
std::optional<StoredStatement> FindCurrent(soci::session& sql, std::int64_t member_id, int year,
                                           const std::string& lang, bool with_pdf);

// Every current statement of the member, without the PDFs (for the list of documents).
std::vector<StoredStatement> CurrentStatements(soci::session& sql, std::int64_t member_id);

// Records a newly made statement as the current one for its member, year and language, in one
// transaction; the one it replaces is marked superseded at `generated_at` and loses its PDF. Throws
// soci::soci_error when another request stored one for the same year and language at the same
// moment (the unique index statements_current); the caller then uses that one.
void SaveStatement(soci::session& sql, std::int64_t member_id, int year, const std::string& lang,
                   const std::string& code_hash, const std::string& source_hash,
                   std::int64_t generated_at, const std::string& pdf);

// What /verify/statement may say about a code: never the member's id, KPJ or figures.
struct VerifiedStatement {
  int year = 0;
  std::string lang;
  std::string full_name;  // for the masked name only
  std::int64_t generated_at = 0;
  std::optional<std::int64_t> superseded_at;
};

std::optional<VerifiedStatement> FindByCodeHash(soci::session& sql, const std::string& code_hash);

}  // namespace lumbung::statements
