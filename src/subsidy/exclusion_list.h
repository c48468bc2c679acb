// The exclusion lists other agencies send (the civil-servant registry, state-enterprise staff,
// aid-recipient lists such as PKH, Kartu Prakerja, BPUM), imported as files. The format
// (docs/subsidy.md):
//   - UTF-8 text, one NIK per line; a byte order mark at the very start is allowed;
//   - lines end with LF or CRLF (the last line may have no end);
//   - spaces and tabs around a NIK are ignored; blank lines are skipped;
//   - a line whose first non-blank character is '#' is a comment;
//   - every other line is exactly 16 digits with a valid NIK structure (registry/nik.h:
//     province, regency and district, date of birth, serial).
// An import with any error must be refused whole: a partly read list would quietly pay people
// the agency meant to exclude. So the parser reports every error with its line number (the
// first kMaxReportedErrors of them, and how many there were in all).
//
// The parser streams: it takes the file in chunks of any size and hands each NIK to a callback,
// so a list of millions of lines never sits in memory. Pure: no files, no database.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace lumbung::subsidy {

enum class ListLineProblem {
  kNotUtf8,           // bytes that are not UTF-8 (in a comment; a NIK line is digits anyway)
  kTooLong,           // more than kMaxLineBytes bytes
  kNotSixteenDigits,  // not 16 digits after trimming
  kUnknownProvince,
  kBadRegencyOrDistrict,
  kBadBirthDate,
  kBadSerial,
  kStrayCarriageReturn,  // a CR not directly before the LF (old Mac endings, or a CR inside)
  kMisplacedBom,         // a byte order mark anywhere but the very start
};

struct ListLineError {
  std::int64_t line = 0;  // 1-based
  ListLineProblem problem = ListLineProblem::kNotSixteenDigits;
  friend bool operator==(const ListLineError&, const ListLineError&) = default;
};

inline constexpr std::size_t kMaxLineBytes = 1024;
inline constexpr std::size_t kMaxReportedErrors = 1000;

// "not_utf8", "too_long", "not_sixteen_digits", "unknown_province", "bad_regency_or_district",
// "bad_birth_date", "bad_serial", "stray_carriage_return", "misplaced_bom"; the catalog text is
// subsidy.list_error.<name> with {{line}}.
std::string_view ListLineProblemName(ListLineProblem problem);

class ExclusionListParser {
 public:
  // `on_nik` receives every valid NIK with its line number, in file order (duplicates too:
  // the store keeps one).
  using NikSink = std::function<void(std::string_view nik, std::int64_t line)>;
  explicit ExclusionListParser(NikSink on_nik);

  // Feeds the next bytes of the file; chunks may split lines, CRLF and UTF-8 sequences anywhere.
  void Feed(std::string_view chunk);
  // Ends the file (a last line without its end is read here). Feed after Finish is an error.
  void Finish();

  const std::vector<ListLineError>& errors() const { return errors_; }  // the first ones
  std::int64_t error_count() const { return error_count_; }             // all of them
  std::int64_t nik_count() const { return nik_count_; }
  std::int64_t line_count() const { return line_; }
  bool ok() const { return finished_ && error_count_ == 0; }

 private:
  void EndLine();
  void Error(ListLineProblem problem);

  NikSink on_nik_;
  std::string line_bytes_;  // the current line so far, at most kMaxLineBytes
  bool too_long_ = false;
  bool pending_cr_ = false;  // the last byte fed was a CR
  bool at_start_ = true;     // nothing fed yet: a BOM may come
  std::string start_bytes_;  // the first bytes, held until a BOM is ruled in or out
  bool finished_ = false;
  std::int64_t line_ = 0;
  std::int64_t nik_count_ = 0;
  std::int64_t error_count_ = 0;
  std::vector<ListLineError> errors_;
  std::vector<ListLineProblem> line_problems_;
};

// The whole list at once (small files, tests): the NIKs without duplicates in file order, or
// none at all when any line is wrong.
struct ExclusionList {
  std::vector<std::string> niks;  // empty when errors is not
  std::vector<ListLineError> errors;
  std::int64_t error_count = 0;
  std::int64_t duplicates = 0;  // NIKs listed more than once (kept once)
  bool ok() const { return error_count == 0; }
};
ExclusionList ParseExclusionList(std::string_view text);

}  // namespace lumbung::subsidy
