// /staff/claims: the claims staff's queue with its service-level clock, the claim as the rules
// see it today, and its documents (docs/identity.md: claims verifiers and claims approvers).
// The forms that move a claim on are in staff_actions.cc.
#include <soci/soci.h>

#include <chrono>
#include <cstdio>
#include <memory>

#include "claims/claim_type.h"
#include "claims/routes.h"
#include "claims/staff_pages.h"
#include "claims/staff_queue.h"
#include "core/audit/audit_log.h"
#include "core/http/access.h"
#include "core/http/attachment.h"
#include "core/i18n/day_text.h"
#include "core/i18n/fund_time.h"
#include "core/i18n/wib_time.h"
#include "core/i18n/working_days.h"
#include "core/uploads/file_kind.h"
#include "core/view/mask.h"
#include "core/view/page.h"
#include "profile/profile_store.h"

namespace lumbung::claims {
namespace {

using view::mustache::data;

constexpr int kQueuePage = 25;

struct QueueSettings {
  Services& services;
  int target_working_days;
};

const i18n::Catalogs& T(const Services& s) {
  return s.views.catalogs();
}

std::string Iso(std::chrono::year_month_day day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return buf;
}

std::string StatusText(const Services& s, const std::string& lang, Status status) {
  return T(s).Get(lang, "claims.staff.status." + std::string(StatusName(status)));
}

std::string TypeText(const Services& s, const std::string& lang, const Claim& claim) {
  ClaimType type;
  if (!ParseTypeName(claim.claim_type, &type)) return T(s).Get(lang, "claims.staff.type.legacy");
  return T(s).Get(lang, "claims.staff.type." + claim.claim_type);
}

std::string MaskedMember(soci::session& sql, std::int64_t member_id) {
  const auto profile = profile::LoadRegistryProfile(sql, member_id);
  return profile ? view::MaskName(profile->full_name) : std::string();
}

// The service clock of a claim in its status, read today on the fund's calendar.
QueueClock ClockNow(const Claim& claim, int target) {
  const int waited = i18n::WorkingDaysBetween(i18n::FundDay(claim.status_since), i18n::FundToday());
  return ReadClock(claim.status, waited, target);
}

void PutClock(const Services& s, const std::string& lang, const Claim& claim, int target,
              data& out) {
  const QueueClock clock = ClockNow(claim, target);
  out.set("age", T(s).Format(lang, "claims.staff.queue.working_days",
                             {{"n", std::to_string(clock.working_days_waited)}}));
  out.set("clock", clock.runs);
  if (!clock.runs) return;
  const auto due = i18n::WorkingDayDeadline(i18n::FundDay(claim.status_since), target);
  out.set("due", i18n::DayText(T(s), lang, Iso(due)));
  out.set("overdue", clock.overdue);
  out.set("due_today", clock.last_day);
  out.set("clock_tag", std::string(ClockTag(clock)));
}

http::Response QueueGet(const QueueSettings& q, http::Request& request) {
  const Services& s = q.services;
  const std::string& lang = request.lang;
  Status status = kDefaultQueueStatus;
  if (const auto asked = request.Query("status")) {
    const auto parsed = ParseStatus(*asked);
    if (!parsed || !IsQueueStatus(*parsed)) return http::Response::Error(404);
    status = *parsed;
  }
  std::optional<std::pair<std::int64_t, std::int64_t>> after;
  if (const auto cursor = request.Query("after")) {
    after = ParseQueueCursor(*cursor);
    if (!after) return http::Response::Error(404);
  }
  auto lease = s.database.Acquire();
  soci::session& sql = *lease;
  const auto counts = CountByStatus(sql);
  const auto claims = Queue(sql, status, kQueuePage + 1, after);
  data tabs{data::type::list};
  for (Status each : QueueStatuses()) {
    data tab{data::type::object};
    tab.set("href", "/staff/claims?status=" + std::string(StatusName(each)));
    tab.set("label", StatusText(s, lang, each));
    tab.set("count", std::to_string(counts[static_cast<int>(each)]));
    tab.set("current", each == status);
    tabs.push_back(tab);
  }
  data rows{data::type::list};
  const std::size_t shown = std::min<std::size_t>(claims.size(), kQueuePage);
  for (std::size_t i = 0; i < shown; ++i) {
    const Claim& claim = claims[i];
    data row{data::type::object};
    row.set("href", "/staff/claims/" + std::to_string(claim.id));
    row.set("reference", claim.reference);
    row.set("type", TypeText(s, lang, claim));
    row.set("member", MaskedMember(sql, claim.member_id));
    row.set("since", i18n::FormatWibTime(claim.status_since, lang, T(s)));
    row.set("extra_checks", !ExtraCheckReasons(claim.extra_checks).empty());
    PutClock(s, lang, claim, q.target_working_days, row);
    rows.push_back(row);
  }
  data page{data::type::object};
  page.set("tabs", tabs);
  page.set("rows", rows);
  page.set("has_rows", shown > 0);
  page.set("status_text", StatusText(s, lang, status));
  page.set("target", T(s).Format(lang, "claims.staff.queue.target",
                                 {{"n", std::to_string(q.target_working_days)}}));
  if (claims.size() > kQueuePage) {
    const Claim& last = claims[kQueuePage - 1];
    page.set("next_href", "/staff/claims?status=" + std::string(StatusName(status)) +
                              "&after=" + FormatQueueCursor(last.status_since, last.id));
  }
  if (after) page.set("first_href", "/staff/claims?status=" + std::string(StatusName(status)));
  return view::Page(request, s.views, "claims/staff_queue", "claims.staff.queue.title", page);
}

// A staff look at a claim: the member is the subject, so it shows in their recent activity.
audit::Event LookEvent(const http::Request& request, const Claim& claim) {
  audit::Event e;
  e.actor_user_id = request.visitor.account_id;
  e.subject_user_id = claim.claimant_account_id;
  e.ip = request.remote_ip;
  e.user_agent = std::string(request.Header("user-agent"));
  e.details = {{"claim", claim.reference}};
  return e;
}

http::Response ClaimGet(const Services& s, http::Request& request) {
  const auto id = http::PathId(request, "id");
  if (!id) return http::Response::Error(404);
  auto lease = s.database.Acquire();
  soci::session& sql = *lease;
  const auto claim = FindClaim(sql, *id);
  if (!claim || claim->status == Status::kDraft) return http::Response::Error(404);
  // Every staff look at a member's claim is on record, and in the member's recent activity.
  audit::Event e = LookEvent(request, *claim);
  e.action = "claims.viewed";
  audit::Append(sql, e);
  return StaffClaimPage(s, request, sql, *claim, {}, 200);
}

// A document as a download, never shown inline, its type the one its content proved when it
// was uploaded; never one the scanner has not cleared.
http::Response DocumentGet(const Services& s, http::Request& request) {
  const auto id = http::PathId(request, "id");
  const auto doc_id = http::PathId(request, "doc");
  if (!id || !doc_id) return http::Response::Error(404);
  std::optional<Document> document;
  std::optional<std::string> bytes;
  {
    auto lease = s.database.Acquire();
    soci::session& sql = *lease;
    const auto claim = FindClaim(sql, *id);
    if (!claim || claim->status == Status::kDraft) return http::Response::Error(404);
    document = FindDocument(sql, claim->id, *doc_id);
    if (!document || !IsDownloadable(*document)) return http::Response::Error(404);
    bytes = s.read_blob(sql, document->blob_id);
    if (!bytes) return http::Response::Error(404);
    audit::Event e = LookEvent(request, *claim);
    e.action = "claims.document_downloaded";
    e.details["document"] = std::to_string(document->id);
    e.details["doc_type"] = document->doc_type;
    audit::Append(sql, e);
  }
  uploads::FileKind kind = uploads::FileKind::kPdf;
  if (!uploads::ParseKindName(document->kind, &kind)) return http::Response::Error(404);
  return http::Attachment(std::move(*bytes), uploads::ContentType(kind), document->display_name);
}

}  // namespace

std::int64_t StaffNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void AddStaffRoutes(http::Router& router, Services& services) {
  auto queue = std::make_shared<const QueueSettings>(
      QueueSettings{services, static_cast<int>(services.config.Int("claims.target_working_days"))});
  Services* s = &services;
  const auto claims_staff = [](http::Handler h) {
    return http::StaffOnly({kVerifierRole, kApproverRole}, std::move(h));
  };
  router.Get("/staff/claims",
             claims_staff([queue](http::Request& request) { return QueueGet(*queue, request); }));
  router.Get("/staff/claims/{id}",
             claims_staff([s](http::Request& request) { return ClaimGet(*s, request); }));
  router.Get("/staff/claims/{id}/documents/{doc}",
             claims_staff([s](http::Request& request) { return DocumentGet(*s, request); }));
  AddStaffActionRoutes(router, services);
}

}  // namespace lumbung::claims
