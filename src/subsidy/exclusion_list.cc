#include "subsidy/exclusion_list.h"

#include <optional>
#include <stdexcept>
#include <unordered_set>

#include "registry/nik.h"

namespace lumbung::subsidy {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

// Strict UTF-8: no overlong forms, no surrogates, nothing above U+10FFFF.
bool IsUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t extra = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
      extra = 2;
      if (c == 0xE0) low = 0xA0;
      if (c == 0xED) high = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      extra = 3;
      if (c == 0xF0) low = 0x90;
      if (c == 0xF4) high = 0x8F;
    } else {
      return false;
    }
    if (i + extra >= text.size()) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto b = static_cast<unsigned char>(text[i + k]);
      const unsigned char lo = k == 1 ? low : 0x80, hi = k == 1 ? high : 0xBF;
      if (b < lo || b > hi) return false;
    }
    i += extra + 1;
  }
  return true;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::optional<ListLineProblem> NikLineProblem(std::string_view nik) {
  switch (registry::CheckNikStructure(nik)) {
    case registry::NikProblem::kNone:
      return std::nullopt;
    case registry::NikProblem::kUnknownProvince:
      return ListLineProblem::kUnknownProvince;
    case registry::NikProblem::kBadRegencyOrDistrict:
      return ListLineProblem::kBadRegencyOrDistrict;
    case registry::NikProblem::kBadBirthDate:
      return ListLineProblem::kBadBirthDate;
    case registry::NikProblem::kBadSerial:
      return ListLineProblem::kBadSerial;
    default:
      return ListLineProblem::kNotSixteenDigits;
  }
}

}  // namespace

std::string_view ListLineProblemName(ListLineProblem problem) {
  switch (problem) {
    case ListLineProblem::kNotUtf8:
      return "not_utf8";
    case ListLineProblem::kTooLong:
      return "too_long";
    case ListLineProblem::kNotSixteenDigits:
      return "not_sixteen_digits";
    case ListLineProblem::kUnknownProvince:
      return "unknown_province";
    case ListLineProblem::kBadRegencyOrDistrict:
      return "bad_regency_or_district";
    case ListLineProblem::kBadBirthDate:
      return "bad_birth_date";
    case ListLineProblem::kBadSerial:
      return "bad_serial";
    case ListLineProblem::kStrayCarriageReturn:
      return "stray_carriage_return";
    case ListLineProblem::kMisplacedBom:
      return "misplaced_bom";
  }
  return "not_sixteen_digits";
}

ExclusionListParser::ExclusionListParser(NikSink on_nik) : on_nik_(std::move(on_nik)) {}

void ExclusionListParser::Error(ListLineProblem problem) {
  ++error_count_;
  if (errors_.size() < kMaxReportedErrors) errors_.push_back({line_, problem});
}

void ExclusionListParser::Feed(std::string_view chunk) {
  if (finished_) throw std::logic_error("ExclusionListParser: Feed after Finish");
  // The byte order mark may arrive split over chunks: hold the first bytes until it is clear.
  if (at_start_) {
    while (!chunk.empty() && start_bytes_.size() < kBom.size()) {
      start_bytes_.push_back(chunk.front());
      chunk.remove_prefix(1);
      if (kBom.substr(0, start_bytes_.size()) != start_bytes_) break;
    }
    if (start_bytes_.size() < kBom.size() && kBom.substr(0, start_bytes_.size()) == start_bytes_) {
      return;  // still could be a BOM
    }
    at_start_ = false;
    const std::string held = start_bytes_ == kBom ? std::string() : std::move(start_bytes_);
    start_bytes_.clear();
    Feed(held);
  }
  for (const char c : chunk) {
    if (pending_cr_) {
      pending_cr_ = false;
      if (c == '\n') {
        EndLine();
        continue;
      }
      line_problems_.push_back(ListLineProblem::kStrayCarriageReturn);
    }
    if (c == '\r') {
      pending_cr_ = true;
    } else if (c == '\n') {
      EndLine();
    } else if (line_bytes_.size() < kMaxLineBytes) {
      line_bytes_.push_back(c);
    } else {
      too_long_ = true;
    }
  }
}

void ExclusionListParser::Finish() {
  if (finished_) return;
  if (at_start_) {
    // A file shorter than a BOM: whatever was held is ordinary text (or the BOM alone).
    at_start_ = false;
    const std::string held = start_bytes_ == kBom ? std::string() : std::move(start_bytes_);
    start_bytes_.clear();
    Feed(held);
  }
  if (pending_cr_) {
    pending_cr_ = false;
    line_problems_.push_back(ListLineProblem::kStrayCarriageReturn);
  }
  if (!line_bytes_.empty() || too_long_ || !line_problems_.empty()) EndLine();
  finished_ = true;
}

void ExclusionListParser::EndLine() {
  ++line_;
  const std::string_view raw = line_bytes_;
  std::optional<ListLineProblem> problem;
  if (!line_problems_.empty()) {
    problem = line_problems_.front();
  } else if (too_long_) {
    problem = ListLineProblem::kTooLong;
  } else if (raw.find(kBom) != std::string_view::npos) {
    problem = ListLineProblem::kMisplacedBom;
  } else if (!IsUtf8(raw)) {
    problem = ListLineProblem::kNotUtf8;
  } else {
    const std::string_view text = Trim(raw);
    if (!text.empty() && text.front() != '#') {
      problem = NikLineProblem(text);
      if (!problem) {
        ++nik_count_;
        on_nik_(text, line_);
      }
    }
  }
  if (problem) Error(*problem);
  line_bytes_.clear();
  too_long_ = false;
  line_problems_.clear();
}

ExclusionList ParseExclusionList(std::string_view text) {
  ExclusionList list;
  std::unordered_set<std::string> seen;
  ExclusionListParser parser([&](std::string_view nik, std::int64_t) {
    if (seen.emplace(nik).second) {
      list.niks.emplace_back(nik);
    } else {
      ++list.duplicates;
    }
  });
  parser.Feed(text);
  parser.Finish();
  list.errors = parser.errors();
  list.error_count = parser.error_count();
  if (list.error_count > 0) list.niks.clear();
  return list;
}

}  // namespace lumbung::subsidy
