#include "claims/claim_store.h"

#include <soci/soci.h>

#include <stdexcept>

#include "claims/reference.h"
#include "core/db/row_value.h"
#include "profile/profile_store.h"

namespace lumbung::claims {
namespace {

constexpr const char* kClaimColumns =
    "SELECT id, reference, member_id, claimant_account_id, claimant_member_id, program,"
    " claim_type, status, answers, decision, amount, amount_is_monthly, payout_bank_code,"
    " payout_last4, payout_holder, extra_checks, verifier_account_id, approver_account_id,"
    " decision_reason, created_at, updated_at, status_since, submitted_at, decided_at, paid_at"
    " FROM claims";

Claim ReadClaim(const soci::row& r) {
  Claim c;
  c.id = db::RowInt(r, 0);
  c.reference = db::RowText(r, 1);
  c.member_id = db::RowInt(r, 2);
  c.claimant_account_id = db::RowInt(r, 3);
  c.claimant_member_id = db::RowInt(r, 4);
  c.program = db::RowText(r, 5);
  c.claim_type = db::RowText(r, 6);
  c.status = ParseStatus(db::RowText(r, 7)).value_or(Status::kDraft);
  c.answers = db::RowText(r, 8);
  c.decision = db::RowText(r, 9);
  c.amount = db::RowMaybeInt(r, 10);
  c.amount_is_monthly = db::RowInt(r, 11) != 0;
  c.payout_bank_code = db::RowText(r, 12);
  c.payout_last4 = db::RowText(r, 13);
  c.payout_holder = db::RowText(r, 14);
  c.extra_checks = db::RowText(r, 15);
  c.verifier_account_id = db::RowMaybeInt(r, 16);
  c.approver_account_id = db::RowMaybeInt(r, 17);
  c.decision_reason = db::RowText(r, 18);
  c.created_at = db::RowInt(r, 19);
  c.updated_at = db::RowInt(r, 20);
  c.status_since = db::RowInt(r, 21);
  c.submitted_at = db::RowMaybeInt(r, 22);
  c.decided_at = db::RowMaybeInt(r, 23);
  c.paid_at = db::RowMaybeInt(r, 24);
  return c;
}

template <typename... Uses>
std::vector<Claim> SelectClaims(soci::session& sql, const std::string& where, Uses&&... uses) {
  std::vector<Claim> out;
  soci::rowset<soci::row> rows =
      ((sql.prepare << (std::string(kClaimColumns) + " " + where)), ..., uses);
  for (const auto& row : rows) out.push_back(ReadClaim(row));
  return out;
}

constexpr const char* kDocumentColumns =
    "SELECT id, claim_id, doc_type, blob_id, display_name, kind, size_bytes, scan_state,"
    " scan_signature, review, review_reason, reviewed_by, superseded, uploaded_by, uploaded_at"
    " FROM claim_documents";

Document ReadDocument(const soci::row& r) {
  Document d;
  d.id = db::RowInt(r, 0);
  d.claim_id = db::RowInt(r, 1);
  d.doc_type = db::RowText(r, 2);
  d.blob_id = db::RowText(r, 3);
  d.display_name = db::RowText(r, 4);
  d.kind = db::RowText(r, 5);
  d.size_bytes = db::RowInt(r, 6);
  d.scan_state = db::RowText(r, 7);
  d.scan_signature = db::RowText(r, 8);
  d.review = db::RowText(r, 9);
  d.review_reason = db::RowText(r, 10);
  d.reviewed_by = db::RowMaybeInt(r, 11);
  d.superseded = db::RowInt(r, 12) != 0;
  d.uploaded_by = db::RowInt(r, 13);
  d.uploaded_at = db::RowInt(r, 14);
  return d;
}

template <typename... Uses>
std::vector<Document> SelectDocuments(soci::session& sql, const std::string& where,
                                      Uses&&... uses) {
  std::vector<Document> out;
  soci::rowset<soci::row> rows =
      ((sql.prepare << (std::string(kDocumentColumns) + " " + where)), ..., uses);
  for (const auto& row : rows) out.push_back(ReadDocument(row));
  return out;
}

std::string StatusText(Status s) {
  return std::string(StatusName(s));
}

}  // namespace

std::int64_t CreateDraft(soci::session& sql, const NewClaim& claim, std::int64_t now) {
  long long member = claim.member_id, account = claim.claimant_account_id,
            claimant_member = claim.claimant_member_id, at = now;
  for (int attempt = 0;; ++attempt) {
    const std::string reference = NewReference();
    long long taken = 0;
    sql << "SELECT COUNT(*) FROM claims WHERE reference = :r", soci::use(reference),
        soci::into(taken);
    if (taken != 0) {
      if (attempt > 8) throw std::runtime_error("claims: no free reference number");
      continue;
    }
    long long id = 0;
    sql << "INSERT INTO claims (reference, member_id, claimant_account_id, claimant_member_id,"
           " program, claim_type, status, answers, created_at, updated_at, status_since)"
           " VALUES (:ref, :m, :a, :cm, :p, :t, 'draft', :ans, :c, :u, :s) RETURNING id",
        soci::use(reference), soci::use(member), soci::use(account), soci::use(claimant_member),
        soci::use(claim.program), soci::use(claim.claim_type), soci::use(claim.answers),
        soci::use(at), soci::use(at), soci::use(at), soci::into(id);
    return id;
  }
}

std::optional<Claim> FindClaim(soci::session& sql, std::int64_t id) {
  long long key = id;
  auto found = SelectClaims(sql, "WHERE id = :id", soci::use(key));
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::optional<Claim> FindByReference(soci::session& sql, std::string_view reference) {
  const auto canonical = ParseReference(reference);
  if (!canonical) return std::nullopt;
  auto found = SelectClaims(sql, "WHERE reference = :r", soci::use(*canonical));
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::vector<Claim> ClaimsOfClaimant(soci::session& sql, std::int64_t account_id, int limit) {
  long long account = account_id, cap = limit;
  return SelectClaims(sql,
                      "WHERE claimant_account_id = :a ORDER BY updated_at DESC, id DESC LIMIT :n",
                      soci::use(account), soci::use(cap));
}

std::vector<Claim> ClaimsOfMember(soci::session& sql, std::int64_t member_id) {
  long long member = member_id;
  return SelectClaims(sql, "WHERE member_id = :m AND status <> 'draft' ORDER BY id",
                      soci::use(member));
}

std::vector<Claim> Queue(soci::session& sql, Status status, int limit,
                         std::optional<std::pair<std::int64_t, std::int64_t>> after) {
  const std::string name = StatusText(status);
  long long cap = limit;
  if (!after) {
    return SelectClaims(sql, "WHERE status = :s ORDER BY status_since, id LIMIT :n",
                        soci::use(name), soci::use(cap));
  }
  long long since = after->first, id = after->second;
  return SelectClaims(sql,
                      "WHERE status = :s AND (status_since > :a OR (status_since = :b AND id > "
                      ":i)) ORDER BY status_since, id LIMIT :n",
                      soci::use(name), soci::use(since), soci::use(since), soci::use(id),
                      soci::use(cap));
}

std::vector<std::int64_t> CountByStatus(soci::session& sql) {
  std::vector<std::int64_t> counts(kStatusCount, 0);
  soci::rowset<soci::row> rows = sql.prepare
                                 << "SELECT status, COUNT(*) FROM claims GROUP BY status";
  for (const auto& row : rows) {
    if (auto s = ParseStatus(row.get<std::string>(0))) {
      counts[static_cast<int>(*s)] = db::RowInt(row, 1);
    }
  }
  return counts;
}

int CountPending(soci::session& sql, std::int64_t member_id) {
  long long member = member_id, count = 0;
  sql << "SELECT COUNT(*) FROM claims WHERE member_id = :m AND status IN ('submitted',"
         " 'being_verified', 'more_documents', 'verified', 'approved', 'in_payout',"
         " 'payout_failed')",
      soci::into(count), soci::use(member);
  return static_cast<int>(count);
}

bool SaveAnswers(soci::session& sql, std::int64_t id, std::string_view answers_json,
                 std::int64_t now) {
  long long key = id, at = now;
  const std::string answers(answers_json);
  soci::statement st = (sql.prepare << "UPDATE claims SET answers = :a, updated_at = :u"
                                       " WHERE id = :id AND status = 'draft'",
                        soci::use(answers), soci::use(at), soci::use(key));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void SaveDecision(soci::session& sql, std::int64_t id, std::string_view decision_json,
                  std::optional<std::int64_t> amount, bool monthly, std::int64_t now) {
  long long key = id, at = now, value = amount.value_or(0);
  int is_monthly = monthly ? 1 : 0;
  soci::indicator ind = amount ? soci::i_ok : soci::i_null;
  const std::string decision(decision_json);
  sql << "UPDATE claims SET decision = :d, amount = :a, amount_is_monthly = :m, updated_at = :u"
         " WHERE id = :id",
      soci::use(decision), soci::use(value, ind), soci::use(is_monthly), soci::use(at),
      soci::use(key);
}

void SavePayoutChoice(soci::session& sql, std::int64_t id, std::string_view bank_code,
                      std::string_view last4, std::string_view holder,
                      std::string_view extra_checks, std::int64_t now) {
  long long key = id, at = now;
  const std::string bank(bank_code), four(last4), name(holder), checks(extra_checks);
  sql << "UPDATE claims SET payout_bank_code = :b, payout_last4 = :l, payout_holder = :h,"
         " extra_checks = :x, updated_at = :u WHERE id = :id",
      soci::use(bank), soci::use(four), soci::use(name), soci::use(checks), soci::use(at),
      soci::use(key);
}

std::int64_t AddDocument(soci::session& sql, const NewDocument& d, std::int64_t now) {
  long long claim = d.claim_id, size = d.size_bytes, by = d.uploaded_by, at = now;
  sql << "UPDATE claim_documents SET superseded = 1 WHERE claim_id = :c AND doc_type = :t"
         " AND superseded = 0 AND (review = 'ask_again' OR"
         " (SELECT status FROM claims WHERE id = :c2) = 'draft')",
      soci::use(claim), soci::use(d.doc_type), soci::use(claim);
  long long id = 0;
  sql << "INSERT INTO claim_documents (claim_id, doc_type, blob_id, display_name, kind,"
         " size_bytes, scan_state, scan_signature, uploaded_by, uploaded_at)"
         " VALUES (:c, :t, :b, :n, :k, :s, :st, :sig, :by, :at) RETURNING id",
      soci::use(claim), soci::use(d.doc_type), soci::use(d.blob_id), soci::use(d.display_name),
      soci::use(d.kind), soci::use(size), soci::use(d.scan_state), soci::use(d.scan_signature),
      soci::use(by), soci::use(at), soci::into(id);
  return id;
}

std::vector<Document> DocumentsOf(soci::session& sql, std::int64_t claim_id) {
  long long claim = claim_id;
  return SelectDocuments(sql, "WHERE claim_id = :c ORDER BY id", soci::use(claim));
}

std::optional<Document> FindDocument(soci::session& sql, std::int64_t claim_id,
                                     std::int64_t document_id) {
  long long claim = claim_id, id = document_id;
  auto found =
      SelectDocuments(sql, "WHERE id = :d AND claim_id = :c", soci::use(id), soci::use(claim));
  if (found.empty()) return std::nullopt;
  return found.front();
}

bool RemoveDraftDocument(soci::session& sql, std::int64_t claim_id, std::int64_t document_id) {
  long long claim = claim_id, id = document_id;
  soci::statement st =
      (sql.prepare << "DELETE FROM claim_documents WHERE id = :d AND claim_id = :c AND"
                      " (SELECT status FROM claims WHERE id = :c2) = 'draft'",
       soci::use(id), soci::use(claim), soci::use(claim));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

bool ReviewDocument(soci::session& sql, std::int64_t claim_id, std::int64_t document_id,
                    std::string_view review, std::string_view reason, std::int64_t reviewer) {
  long long claim = claim_id, id = document_id, by = reviewer;
  const std::string word(review), why(reason);
  soci::statement st =
      (sql.prepare << "UPDATE claim_documents SET review = :r, review_reason = :w,"
                      " reviewed_by = :b WHERE id = :d AND claim_id = :c AND superseded = 0"
                      " AND scan_state = 'clean'",
       soci::use(word), soci::use(why), soci::use(by), soci::use(id), soci::use(claim));
  st.execute(true);
  return st.get_affected_rows() == 1;
}

void SetScanResult(soci::session& sql, std::int64_t document_id, std::string_view scan_state,
                   std::string_view signature) {
  long long id = document_id;
  const std::string state(scan_state), sig(signature);
  sql << "UPDATE claim_documents SET scan_state = :s, scan_signature = :g WHERE id = :d",
      soci::use(state), soci::use(sig), soci::use(id);
}

std::vector<Document> DocumentsAwaitingScan(soci::session& sql, int limit) {
  long long cap = limit;
  return SelectDocuments(sql, "WHERE scan_state = 'pending' ORDER BY id LIMIT :n", soci::use(cap));
}

std::vector<ClaimEvent> EventsOf(soci::session& sql, std::int64_t claim_id) {
  long long claim = claim_id;
  std::vector<ClaimEvent> out;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT id, claim_id, action, from_status, to_status, actor_account_id,"
                      " actor_role, note, at FROM claim_events WHERE claim_id = :c ORDER BY id",
       soci::use(claim));
  for (const auto& r : rows) {
    ClaimEvent e;
    e.id = db::RowInt(r, 0);
    e.claim_id = db::RowInt(r, 1);
    e.action = db::RowText(r, 2);
    e.from_status = db::RowText(r, 3);
    e.to_status = db::RowText(r, 4);
    e.actor_account_id = db::RowInt(r, 5);
    e.actor_role = db::RowText(r, 6);
    e.note = db::RowText(r, 7);
    e.at = db::RowInt(r, 8);
    out.push_back(std::move(e));
  }
  return out;
}

SeparationFacts SeparationFactsFor(soci::session& sql, const Claim& claim,
                                   std::int64_t actor_account_id,
                                   const std::optional<std::string>& actor_nik) {
  SeparationFacts facts;
  facts.actor_account_id = actor_account_id;
  facts.claimant_account_id = claim.claimant_account_id;
  facts.verifier_account_id = claim.verifier_account_id;
  if (actor_nik && !actor_nik->empty()) {
    long long member = claim.member_id, claimant = claim.claimant_member_id;
    long long same = 0;
    sql << "SELECT COUNT(*) FROM members WHERE id IN (:m, :c) AND nik = :n", soci::use(member),
        soci::use(claimant), soci::use(*actor_nik), soci::into(same);
    facts.actor_is_insured_member = same > 0;
    for (const auto& b : profile::LoadBeneficiaries(sql, claim.member_id)) {
      if (b.nik == *actor_nik) facts.actor_is_beneficiary = true;
    }
  }
  return facts;
}

StepOutcome Transition(soci::session& sql, const StepRequest& request) {
  StepOutcome outcome;
  auto claim = FindClaim(sql, request.claim_id);
  if (!claim) {
    outcome.refusal = StepRefusal::kNotFound;
    return outcome;
  }
  outcome.from = claim->status;
  outcome.claim = claim;
  const auto next = NextStatus(claim->status, request.action, request.role);
  if (!next) {
    outcome.refusal = StepRefusal::kNotAllowed;
    return outcome;
  }
  if (request.role != Role::kClaimant) {
    const auto separation = CheckSeparation(
        request.action, request.role,
        SeparationFactsFor(sql, *claim, request.actor_account_id, request.actor_nik));
    if (separation != Separation::kAllowed) {
      outcome.refusal = StepRefusal::kSeparation;
      outcome.separation = separation;
      return outcome;
    }
  } else if (claim->claimant_account_id != request.actor_account_id) {
    outcome.refusal = StepRefusal::kNotFound;  // another account's claim looks like none
    return outcome;
  }
  const std::string from = StatusText(claim->status), to = StatusText(*next);
  long long id = claim->id, at = request.now, actor = request.actor_account_id;
  // What the step means beyond the status, set in the same UPDATE.
  std::string stamps;
  switch (request.action) {
    case Action::kSubmit:
      stamps = ", submitted_at = :at2";
      break;
    case Action::kVerify:
      stamps = ", verifier_account_id = :actor";
      break;
    case Action::kApprove:
    case Action::kReject:
      stamps = ", approver_account_id = :actor, decided_at = :at2, decision_reason = :note";
      break;
    case Action::kSendBack:
      stamps = ", verifier_account_id = NULL";
      break;
    case Action::kRecordPaid:
      stamps = ", paid_at = :at2";
      break;
    default:
      break;
  }
  const std::string query = "UPDATE claims SET status = :to, status_since = :at, updated_at = :u" +
                            stamps + " WHERE id = :id AND status = :from";
  soci::statement st(sql);
  st.alloc();
  st.exchange(soci::use(to, "to"));
  st.exchange(soci::use(at, "at"));
  st.exchange(soci::use(at, "u"));
  if (stamps.find(":at2") != std::string::npos) st.exchange(soci::use(at, "at2"));
  if (stamps.find(":actor") != std::string::npos) st.exchange(soci::use(actor, "actor"));
  if (stamps.find(":note") != std::string::npos) st.exchange(soci::use(request.note, "note"));
  st.exchange(soci::use(id, "id"));
  st.exchange(soci::use(from, "from"));
  st.prepare(query);
  st.define_and_bind();
  st.execute(true);
  if (st.get_affected_rows() != 1) {
    outcome.refusal = StepRefusal::kChanged;
    return outcome;
  }
  const std::string action(ActionName(request.action)), role(RoleName(request.role));
  sql << "INSERT INTO claim_events (claim_id, action, from_status, to_status, actor_account_id,"
         " actor_role, note, at) VALUES (:c, :a, :f, :t, :w, :r, :n, :at)",
      soci::use(id), soci::use(action), soci::use(from), soci::use(to), soci::use(actor),
      soci::use(role), soci::use(request.note), soci::use(at);
  outcome.to = *next;
  outcome.claim = FindClaim(sql, claim->id);
  return outcome;
}

}  // namespace lumbung::claims
