// What a visitor typed into the help search, made safe for each database's full-text query
// language, and the matched words of a result made visible without letting any of the
// article's text become HTML. Pure; the queries themselves are in help_store.cc.
//
// A visitor's words are never query syntax: quotes, parentheses, AND/OR/NOT, NEAR, '*', ':'
// and column filters are all just words (or nothing) here.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace lumbung::help {

inline constexpr std::size_t kMaxQueryChars = 200;  // longer queries are refused with a message
inline constexpr std::size_t kMaxQueryTerms = 12;   // words past this are ignored

// The markers the databases put around matched words (snippet() / ts_headline()): control
// characters that the save code refuses in articles, so they cannot come from the text itself.
inline constexpr char kMarkStart = '\x01';
inline constexpr char kMarkEnd = '\x02';

enum class QueryProblem { kNone, kEmpty, kTooLong };

// kEmpty when `typed` has no word, kTooLong past kMaxQueryChars characters (code points).
QueryProblem CheckQuery(std::string_view typed);

// The words of `typed`: runs of letters and digits (any script; invalid UTF-8 and every other
// character separate words), lower-cased for ASCII, at most kMaxQueryTerms, duplicates removed,
// in the order typed.
std::vector<std::string> SearchTerms(std::string_view typed);

enum class Match { kAll, kAny };

// An FTS5 MATCH expression: each term a quoted string with a prefix star ("klai"*), joined by
// AND (implicit) or OR. Empty for no terms.
std::string Fts5Query(const std::vector<std::string>& terms, Match match);

// A to_tsquery() text for PostgreSQL: 'term':* joined by & or |. The terms hold only letters
// and digits (SearchTerms), so the quotes cannot be broken. Empty for no terms.
std::string TsQuery(const std::vector<std::string>& terms, Match match);

// `marked` (text with kMarkStart/kMarkEnd around matches) as HTML: everything escaped, each
// marked run inside <mark></mark>. Unbalanced markers are dropped.
std::string HighlightHtml(std::string_view marked);

}  // namespace lumbung::help
