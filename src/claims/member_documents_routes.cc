// The documents of a member's claim: the journey's documents page, uploads (document_intake.h,
// then the virus scanner), removal from a draft and downloads by the claimant.
#include <soci/soci.h>

#include "claims/claim_documents_rules.h"
#include "claims/jobs.h"
#include "claims/member_context.h"
#include "core/audit/audit_log.h"
#include "core/db/transaction.h"
#include "core/http/access.h"
#include "core/http/attachment.h"
#include "core/http/multipart.h"
#include "core/i18n/wib_time.h"
#include "core/uploads/document_intake.h"
#include "core/uploads/file_kind.h"
#include "core/view/page.h"

namespace lumbung::claims {
namespace {

using view::mustache::data;

const std::vector<uploads::FileKind> kAllowedKinds = {
    uploads::FileKind::kPdf, uploads::FileKind::kJpeg, uploads::FileKind::kPng};

const i18n::Catalogs& T(const MemberContext& c) {
  return c.services.views.catalogs();
}

std::string MaxMegabytes(const MemberContext& c) {
  return std::to_string((c.max_file_bytes + 1024 * 1024 - 1) / (1024 * 1024));
}

std::string KindLabel(std::string_view kind) {
  return kind == "jpeg" ? "JPEG" : kind == "png" ? "PNG" : "PDF";
}

std::string SizeText(std::int64_t bytes) {
  return std::to_string((bytes + 1023) / 1024) + " KB";
}

std::optional<std::int64_t> DocumentId(const http::Request& request) {
  return http::PathId(request, "doc");
}

// The documents page of a draft, with `error` beside the upload form of `error_type`.
http::Response DocumentsPage(const MemberContext& c, const http::Request& request,
                             soci::session& sql, const Claim& claim,
                             const std::string& error_type = "", const std::string& error = "",
                             int status = 200) {
  const std::string& lang = request.lang;
  const auto answers = AnswersOf(claim);
  const auto documents = DocumentsOf(sql, claim.id);
  const std::string base = "/claims/" + std::to_string(claim.id);
  data slots{data::type::list};
  for (const auto& need : RequiredDocuments(answers.type, answers)) {
    data slot{data::type::object};
    slot.set("doc_type", need.doc_type);
    slot.set("label", T(c).Get(lang, "claims.doc.type_" + need.doc_type));
    slot.set("required", need.required);
    data files{data::type::list};
    for (const auto& d : documents) {
      if (d.superseded || d.doc_type != need.doc_type || d.scan_state == "infected") continue;
      data f{data::type::object};
      f.set("name", d.display_name);
      f.set("kind", KindLabel(d.kind));
      f.set("size", SizeText(d.size_bytes));
      f.set("pending", d.scan_state == "pending");
      if (d.scan_state == "clean") {
        f.set("href", base + "/documents/" + std::to_string(d.id));
      }
      f.set("remove_action", base + "/documents/" + std::to_string(d.id) + "/remove");
      files.push_back(f);
    }
    slot.set("has_file", !files.is_empty_list());
    slot.set("files", files);
    if (need.doc_type == error_type) slot.set("error", error);
    slots.push_back(slot);
  }
  data page{data::type::object};
  page.set("base", base);
  page.set("reference", claim.reference);
  page.set("slots", slots);
  page.set("hint", T(c).Format(lang, "claims.doc.upload_hint", {{"max", MaxMegabytes(c)}}));
  if (!error.empty()) {
    data errors{data::type::list};
    data e{data::type::object};
    e.set("href", "#f-file-" + (error_type.empty() ? std::string("ektp") : error_type));
    e.set("message", error);
    errors.push_back(e);
    page.set("errors", errors);
    page.set("has_errors", true);
  }
  const std::string notice = request.Query("notice").value_or("");
  if (status == 200 && (notice == "uploaded" || notice == "removed" || notice == "pending")) {
    page.set("notice", T(c).Get(lang, "claims.doc.notice_" + notice));
  }
  page.set("back_href", base + "/step/amount");
  page.set("next_href", base + "/step/payout");
  return view::Page(request, c.services.views, "claims/member_documents", "claims.doc.heading",
                    page, status);
}

http::Response DocumentsGet(const MemberContext& c, http::Request& request) {
  auto lease = c.services.database.Acquire();
  const auto claim = OwnClaim(*lease, request);
  if (!claim) return http::Response::Error(404);
  if (claim->status != Status::kDraft) {
    return http::Response::Redirect("/claims/" + std::to_string(claim->id));
  }
  if (!EligibleNow(c, *lease, *claim)) {
    return http::Response::Redirect("/claims/" + std::to_string(claim->id) + "/step/eligibility");
  }
  return DocumentsPage(c, request, *lease, *claim);
}

http::Response UploadPost(const MemberContext& c, http::Request& request) {
  const auto form = http::ParseMultipart(request);
  if (!form) return http::Response::Error(400);
  std::optional<Claim> claim;
  {
    auto lease = c.services.database.Acquire();
    claim = OwnClaim(*lease, request);
  }
  if (!claim) return http::Response::Error(404);
  if (claim->status != Status::kDraft) {
    return http::Response::Redirect("/claims/" + std::to_string(claim->id));
  }
  const std::string doc_type = form->Get("doc_type");
  bool listed = false;
  const auto answers = AnswersOf(*claim);
  for (const auto& need : RequiredDocuments(answers.type, answers)) {
    listed = listed || need.doc_type == doc_type;
  }
  if (!listed) return http::Response::Error(404);
  {
    auto lease = c.services.database.Acquire();
    if (!EligibleNow(c, *lease, *claim)) {
      return http::Response::Redirect("/claims/" + std::to_string(claim->id) + "/step/eligibility");
    }
  }
  const http::UploadedFile* file = form->File("file");
  std::string error;
  bool too_big = false;
  std::optional<IncomingDocument> incoming;
  if (!file) {
    error = T(c).Get(request.lang, "claims.doc.error_no_file");
  } else {
    incoming = CheckDocument(c, request, *claim, doc_type, file->content, file->filename, &error,
                             &too_big);
  }
  if (!incoming) {
    auto lease = c.services.database.Acquire();
    return DocumentsPage(c, request, *lease, *claim, doc_type, error, too_big ? 413 : 422);
  }
  std::string blob_id;
  {
    auto lease = c.services.database.Acquire();
    StoreDocument(c, *lease, *claim, *incoming, request, &blob_id);
  }
  if (incoming->scan_state == "pending" && c.services.wake_jobs) c.services.wake_jobs();
  return http::Response::Redirect(
      "/claims/" + std::to_string(claim->id) +
      "/step/documents?notice=" + (incoming->scan_state == "pending" ? "pending" : "uploaded"));
}

http::Response RemovePost(const MemberContext& c, http::Request& request) {
  const auto doc_id = DocumentId(request);
  auto lease = c.services.database.Acquire();
  const auto claim = OwnClaim(*lease, request);
  if (!claim || !doc_id) return http::Response::Error(404);
  const auto document = FindDocument(*lease, claim->id, *doc_id);
  if (!document) return http::Response::Error(404);
  const std::string back = "/claims/" + std::to_string(claim->id);
  {
    auto tx = db::Transaction::ForWriting(*lease);
    if (!RemoveDraftDocument(*lease, claim->id, *doc_id)) return http::Response::Redirect(back);
    c.services.remove_blob(*lease, document->blob_id);
    audit::Event e = ClaimAudit(request, "claims.document_removed", *claim);
    e.details["document"] = std::to_string(*doc_id);
    e.details["type"] = document->doc_type;
    audit::Append(*lease, e);
    tx.Commit();
  }
  return http::Response::Redirect(back + "/step/documents?notice=removed");
}

// A document as a download for its claimant: never inline, its type the one the content
// proved, and only once the virus scanner said it is clean (ASVS 4.0.3 12.5.2, 12.4.2).
http::Response DownloadGet(const MemberContext& c, http::Request& request) {
  const auto doc_id = DocumentId(request);
  auto lease = c.services.database.Acquire();
  const auto claim = OwnClaim(*lease, request);
  if (!claim || !doc_id) return http::Response::Error(404);
  const auto document = FindDocument(*lease, claim->id, *doc_id);
  if (!document || document->scan_state != "clean") return http::Response::Error(404);
  const auto bytes = c.services.read_blob(*lease, document->blob_id);
  if (!bytes) return http::Response::Error(404);
  uploads::FileKind kind = uploads::FileKind::kPdf;
  if (!uploads::ParseKindName(document->kind, &kind)) return http::Response::Error(404);
  return http::Attachment(*bytes, uploads::ContentType(kind), document->display_name);
}

}  // namespace

std::vector<std::string> PresentDocumentTypes(const std::vector<Document>& documents) {
  std::vector<std::string> types;
  for (const auto& d : documents) {
    if (!d.superseded && d.scan_state != "infected") types.push_back(d.doc_type);
  }
  return types;
}

data DocumentRows(const MemberContext& c, const http::Request& request, const Claim& claim,
                  const std::vector<Document>& documents) {
  const std::string& lang = request.lang;
  data rows{data::type::list};
  for (const auto& d : documents) {
    if (d.superseded) continue;
    data row{data::type::object};
    row.set("id", std::to_string(d.id));
    row.set("label", T(c).Get(lang, "claims.doc.type_" + d.doc_type));
    row.set("name", d.display_name);
    row.set("kind", KindLabel(d.kind));
    row.set("size", SizeText(d.size_bytes));
    row.set("uploaded_at", i18n::FormatWibTime(d.uploaded_at, lang, T(c)));
    if (d.scan_state == "clean") {
      row.set("href", "/claims/" + std::to_string(claim.id) + "/documents/" + std::to_string(d.id));
    }
    std::string state;
    if (d.scan_state == "infected") {
      state = T(c).Get(lang, "claims.doc.state_infected");
    } else if (d.review == "accepted") {
      state = T(c).Get(lang, "claims.doc.state_accepted");
    } else if (d.review == "ask_again") {
      state = T(c).Get(lang, "claims.doc.state_ask_again");
      if (!d.review_reason.empty()) row.set("reason", d.review_reason);
      row.set("ask_again", true);
    } else if (d.scan_state == "pending") {
      state = T(c).Get(lang, "claims.doc.state_scan_pending");
    } else {
      state = T(c).Get(lang, "claims.doc.state_received");
    }
    row.set("state", state);
    rows.push_back(row);
  }
  return rows;
}

std::optional<IncomingDocument> CheckDocument(const MemberContext& c, const http::Request& request,
                                              const Claim& claim, const std::string& doc_type,
                                              std::string_view bytes,
                                              std::string_view uploaded_name, std::string* error,
                                              bool* too_big) {
  const std::string& lang = request.lang;
  const auto limits = uploads::DocumentLimitsFrom(c.services.config, c.max_file_bytes);
  auto prepared = uploads::PrepareDocument(bytes, uploaded_name, kAllowedKinds, limits,
                                           T(c).Get(lang, "claims.doc.fallback_name"));
  if (!prepared.ok()) {
    *too_big = prepared.problem == uploads::DocumentProblem::kTooBig;
    *error = T(c).Format(
        lang, "uploads.problem_" + std::string(uploads::DocumentProblemName(prepared.problem)),
        {{"name", prepared.display_name}, {"max", MaxMegabytes(c)}});
    return std::nullopt;
  }
  IncomingDocument doc;
  doc.doc_type = doc_type;
  doc.display_name = prepared.display_name;
  doc.kind = std::string(uploads::KindName(prepared.kind));
  doc.bytes = std::move(prepared.bytes);
  const ScanAnswer scan = c.services.scan ? c.services.scan(doc.bytes) : ScanAnswer{};
  if (scan.verdict == ScanAnswer::Verdict::kInfected) {
    *error = T(c).Format(lang, "claims.doc.error_infected", {{"name", doc.display_name}});
    // Refused files are on record for the fund, never stored (ASVS 4.0.3 12.4.2).
    auto lease = c.services.database.Acquire();
    audit::Event e = ClaimAudit(request, "claims.document_refused", claim);
    e.result = audit::Result::kDenied;
    e.details["signature"] = scan.signature.substr(0, 100);
    e.details["type"] = doc_type;
    audit::Append(*lease, e);
    return std::nullopt;
  }
  doc.scan_state = scan.verdict == ScanAnswer::Verdict::kClean ? "clean" : "pending";
  return doc;
}

std::int64_t StoreDocument(const MemberContext& c, soci::session& sql, const Claim& claim,
                           const IncomingDocument& document, const http::Request& request,
                           std::string* blob_id) {
  blob_id->clear();
  try {
    // The bytes in the same transaction as their row when the store is the database's.
    auto tx = db::Transaction::ForWriting(sql);
    *blob_id = c.services.save_blob(sql, document.bytes);
    NewDocument row;
    row.claim_id = claim.id;
    row.doc_type = document.doc_type;
    row.blob_id = *blob_id;
    row.display_name = document.display_name;
    row.kind = document.kind;
    row.size_bytes = static_cast<std::int64_t>(document.bytes.size());
    row.scan_state = document.scan_state;
    row.uploaded_by = request.visitor.account_id;
    const std::int64_t now = NowSeconds();
    const std::int64_t id = AddDocument(sql, row, now);
    if (document.scan_state == "pending") EnqueueScan(sql, id, now);
    audit::Event e = ClaimAudit(request, "claims.document_uploaded", claim);
    e.details["document"] = std::to_string(id);
    e.details["type"] = document.doc_type;
    e.details["scan"] = document.scan_state;
    audit::Append(sql, e);
    tx.Commit();
    return id;
  } catch (...) {
    // A directory store wrote the file outside the transaction: take it away again.
    if (!blob_id->empty()) {
      try {
        c.services.remove_blob(sql, *blob_id);
      } catch (...) {
      }
    }
    throw;
  }
}

void AddMemberDocumentRoutes(http::Router& router, const MemberCtx& context) {
  const auto bind = [context](http::Response (*f)(const MemberContext&, http::Request&)) {
    return http::OnlyRoles({"member"},
                           [context, f](http::Request& request) { return f(*context, request); });
  };
  router.Get("/claims/{id}/step/documents", bind(DocumentsGet));
  router.Post("/claims/{id}/documents", bind(UploadPost));
  router.Post("/claims/{id}/documents/{doc}/remove", bind(RemovePost));
  router.Get("/claims/{id}/documents/{doc}", bind(DownloadGet));
}

}  // namespace lumbung::claims
