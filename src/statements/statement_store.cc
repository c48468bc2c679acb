#include "statements/statement_store.h"

#include <soci/soci.h>

#include "core/db/transaction.h"
#include "core/security/encoding.h"

namespace lumbung::statements {

std::optional<StoredStatement> FindCurrent(soci::session& sql, std::int64_t member_id, int year,
                                           const std::string& lang, bool with_pdf) {
  StoredStatement s;
  long long member = member_id, id = 0, generated_at = 0;
  std::string pdf;
  soci::indicator pdf_ind = soci::i_null;
  // Only the current row has a PDF; reading the text column is skipped when it is not wanted.
  const std::string pdf_column = with_pdf ? "pdf" : "''";
  sql << "SELECT id, source_hash, generated_at, " + pdf_column +
             " FROM statements WHERE member_id = :m AND year = :y AND lang = :l "
             "AND superseded_at IS NULL",
      soci::into(id), soci::into(s.source_hash), soci::into(generated_at), soci::into(pdf, pdf_ind),
      soci::use(member), soci::use(year), soci::use(lang);
  if (!sql.got_data()) return std::nullopt;
  s.id = id;
  s.year = year;
  s.lang = lang;
  s.generated_at = generated_at;
  if (with_pdf) {
    auto bytes = pdf_ind == soci::i_ok ? security::Base64UrlDecode(pdf) : std::nullopt;
    if (!bytes) return std::nullopt;  // unreadable: made again
    s.pdf = std::move(*bytes);
  }
  return s;
}

std::vector<StoredStatement> CurrentStatements(soci::session& sql, std::int64_t member_id) {
  std::vector<StoredStatement> out;
  StoredStatement s;
  long long member = member_id, id = 0, generated_at = 0;
  soci::statement st =
      (sql.prepare << "SELECT id, year, lang, source_hash, generated_at FROM statements "
                      "WHERE member_id = :m AND superseded_at IS NULL ORDER BY year DESC, lang",
       soci::into(id), soci::into(s.year), soci::into(s.lang), soci::into(s.source_hash),
       soci::into(generated_at), soci::use(member));
  st.execute();
  while (st.fetch()) {
    s.id = id;
    s.generated_at = generated_at;
    out.push_back(s);
  }
  return out;
}

void SaveStatement(soci::session& sql, std::int64_t member_id, int year, const std::string& lang,
                   const std::string& code_hash, const std::string& source_hash,
                   std::int64_t generated_at, const std::string& pdf) {
  long long member = member_id, at = generated_at;
  const std::string encoded = security::Base64UrlEncode(pdf);
  auto transaction = db::Transaction::ForWriting(sql);
  sql << "UPDATE statements SET superseded_at = :at, pdf = NULL "
         "WHERE member_id = :m AND year = :y AND lang = :l AND superseded_at IS NULL",
      soci::use(at), soci::use(member), soci::use(year), soci::use(lang);
  sql << "INSERT INTO statements (member_id, year, lang, code_hash, source_hash, generated_at, "
         "pdf) VALUES (:m, :y, :l, :code, :source, :at, :pdf)",
      soci::use(member), soci::use(year), soci::use(lang), soci::use(code_hash),
      soci::use(source_hash), soci::use(at), soci::use(encoded);
  transaction.Commit();
}

std::optional<VerifiedStatement> FindByCodeHash(soci::session& sql, const std::string& code_hash) {
  VerifiedStatement v;
  long long generated_at = 0, superseded_at = 0;
  soci::indicator superseded_ind = soci::i_null;
  sql << "SELECT s.year, s.lang, m.full_name, s.generated_at, s.superseded_at "
         "FROM statements s JOIN members m ON m.id = s.member_id WHERE s.code_hash = :h",
      soci::into(v.year), soci::into(v.lang), soci::into(v.full_name), soci::into(generated_at),
      soci::into(superseded_at, superseded_ind), soci::use(code_hash);
  if (!sql.got_data()) return std::nullopt;
  v.generated_at = generated_at;
  if (superseded_ind == soci::i_ok) v.superseded_at = superseded_at;
  return v;
}

}  // namespace lumbung::statements
