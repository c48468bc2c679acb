#include "claims/staff_queue.h"

#include "core/i18n/typed_text.h"

#include <algorithm>
#include <array>
#include <set>

namespace lumbung::claims {
namespace {

constexpr std::array<Status, 10> kQueueStatuses = {
    Status::kSubmitted, Status::kBeingVerified, Status::kVerified,     Status::kMoreDocuments,
    Status::kApproved,  Status::kInPayout,      Status::kPayoutFailed, Status::kPaid,
    Status::kRejected,  Status::kWithdrawn};

bool AllDigits(std::string_view s) {
  return !s.empty() && s.size() <= 18 && s.find_first_not_of("0123456789") == std::string::npos;
}

std::int64_t Number(std::string_view s) {
  std::int64_t n = 0;
  for (char ch : s) n = n * 10 + (ch - '0');
  return n;
}

}  // namespace

std::span<const Status> QueueStatuses() {
  return kQueueStatuses;
}

bool IsQueueStatus(Status status) {
  return std::find(kQueueStatuses.begin(), kQueueStatuses.end(), status) != kQueueStatuses.end();
}

NextActor NextActorOf(Status status) {
  switch (status) {
    case Status::kSubmitted:
    case Status::kBeingVerified:
      return NextActor::kVerifier;
    case Status::kVerified:
      return NextActor::kApprover;
    case Status::kDraft:
    case Status::kMoreDocuments:
    case Status::kPayoutFailed:
      return NextActor::kClaimant;
    case Status::kApproved:
    case Status::kInPayout:
      return NextActor::kFinance;
    case Status::kPaid:
    case Status::kRejected:
    case Status::kWithdrawn:
      return NextActor::kNobody;
  }
  return NextActor::kNobody;
}

QueueClock ReadClock(Status status, int working_days_waited, int target_working_days) {
  QueueClock clock;
  const NextActor actor = NextActorOf(status);
  clock.runs = actor == NextActor::kVerifier || actor == NextActor::kApprover;
  clock.working_days_waited = std::max(0, working_days_waited);
  if (!clock.runs) return clock;
  clock.overdue = clock.working_days_waited > target_working_days;
  clock.last_day = clock.working_days_waited == target_working_days;
  clock.working_days_left = std::max(0, target_working_days - clock.working_days_waited);
  return clock;
}

std::string_view ClockTag(const QueueClock& clock) {
  if (!clock.runs) return "";
  if (clock.overdue) return "error";
  if (clock.last_day) return "warning";
  return "";
}

std::string FormatQueueCursor(std::int64_t status_since, std::int64_t id) {
  return std::to_string(status_since) + "." + std::to_string(id);
}

std::optional<std::pair<std::int64_t, std::int64_t>> ParseQueueCursor(std::string_view text) {
  const auto dot = text.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const auto since = text.substr(0, dot), id = text.substr(dot + 1);
  if (!AllDigits(since) || !AllDigits(id)) return std::nullopt;
  return std::make_pair(Number(since), Number(id));
}

bool IsReviewable(const Document& document) {
  return !document.superseded && document.scan_state == "clean";
}

bool IsDownloadable(const Document& document) {
  return document.scan_state == "clean";
}

VerifyReadiness CheckVerifyReadiness(const std::vector<Document>& documents,
                                     const std::vector<std::string>& required_types) {
  std::set<std::string> present;
  for (const auto& d : documents) {
    if (!d.superseded) present.insert(d.doc_type);
  }
  if (present.empty()) return {VerifyBlock::kNoDocuments, ""};
  for (const auto& type : required_types) {
    if (!present.count(type)) return {VerifyBlock::kRequiredMissing, type};
  }
  for (const auto& d : documents) {
    if (d.superseded) continue;
    if (d.scan_state == "infected") return {VerifyBlock::kInfected, d.doc_type};
    if (d.scan_state != "clean") return {VerifyBlock::kNotScanned, d.doc_type};
  }
  for (const auto& d : documents) {
    if (d.superseded) continue;
    if (d.review == "ask_again") return {VerifyBlock::kAskedAgain, d.doc_type};
    if (d.review != "accepted") return {VerifyBlock::kNotReviewed, d.doc_type};
  }
  return {};
}

std::string_view VerifyBlockName(VerifyBlock block) {
  switch (block) {
    case VerifyBlock::kNone:
      return "none";
    case VerifyBlock::kNoDocuments:
      return "no_documents";
    case VerifyBlock::kRequiredMissing:
      return "required_missing";
    case VerifyBlock::kNotScanned:
      return "not_scanned";
    case VerifyBlock::kInfected:
      return "infected";
    case VerifyBlock::kNotReviewed:
      return "not_reviewed";
    case VerifyBlock::kAskedAgain:
      return "asked_again";
  }
  return "none";
}

bool CanAskForDocuments(const std::vector<Document>& documents, std::string_view note) {
  if (!note.empty()) return true;
  return std::any_of(documents.begin(), documents.end(),
                     [](const Document& d) { return !d.superseded && d.review == "ask_again"; });
}

std::vector<std::string> ExtraCheckReasons(std::string_view extra_checks) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= extra_checks.size()) {
    auto end = extra_checks.find(',', start);
    if (end == std::string_view::npos) end = extra_checks.size();
    std::string_view item = extra_checks.substr(start, end - start);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty() && std::find(out.begin(), out.end(), item) == out.end()) {
      out.emplace_back(item);
    }
    start = end + 1;
  }
  return out;
}

bool TidyStaffText(std::string_view typed, std::size_t max_chars, std::string* out) {
  return i18n::TidyTypedText(typed, true, out) && i18n::CharacterCount(*out) <= max_chars;
}

}  // namespace lumbung::claims
