#include "subsidy/member_status.h"

#include <soci/soci.h>

#include <algorithm>
#include <cstdio>
#include <map>

#include "core/db/row_value.h"
#include "subsidy/reason_mask.h"

namespace lumbung::subsidy {
namespace {

std::string IsoDay(Date day) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return text;
}

PaymentResult ResultOf(const PaymentRow& payment) {
  if (payment.result == "paid") {
    return payment.channel == "post_office" ? PaymentResult::kPaidAtPostOffice
                                            : PaymentResult::kPaidToBank;
  }
  if (payment.result == "failed") return PaymentResult::kFailed;
  if (payment.result == "rerouted_post_office") return PaymentResult::kReroutedToPostOffice;
  if (payment.result == "returned_to_employer") return PaymentResult::kReturnedToEmployer;
  return PaymentResult::kNone;
}

// Decide's order (eligibility.h), which is how a member reads the rules; the mask's own order
// (ReasonCodes) differs around the wage.
std::vector<std::string> DisplayOrder(const Program& program) {
  std::vector<std::string> codes = {
      "citizen",          "not_citizen",          "wage_earner",      "not_wage_earner",
      "active_on_cutoff", "not_active_on_cutoff", "no_wage_reported", "minimum_wage_unknown",
      "wages_summed",     "wage_within_limit",    "wage_above_limit", "not_on_exclusion_lists"};
  for (const std::string& list : program.exclusions) codes.push_back("excluded_" + list);
  for (const char* code : {"area_covered", "area_not_covered", "bank_account_valid",
                           "no_bank_account", "bank_account_shared", "bank_account_flagged"}) {
    codes.push_back(code);
  }
  return codes;
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) {
    if (!out.empty()) out += ", ";
    out += name;
  }
  return out;
}

CutoffJobs ReadCutoffJobs(soci::session& sql, const Program& program, std::int64_t member_id) {
  CutoffJobs jobs;
  const std::string cutoff = IsoDay(program.cutoff);
  const int period = static_cast<int>(program.cutoff.year()) * 100 +
                     static_cast<int>(static_cast<unsigned>(program.cutoff.month()));
  long long member = member_id;
  soci::rowset<soci::row> rows =
      (sql.prepare << "SELECT s.employer_id, e.name, (SELECT COUNT(*) FROM wage_reports w WHERE "
                      "w.member_id = s.member_id AND w.period = :p AND w.employer_id = "
                      "s.employer_id) FROM employment_spells s JOIN employers e ON e.id = "
                      "s.employer_id WHERE s.member_id = :m AND s.start_date <= :c AND "
                      "(s.end_date IS NULL OR s.end_date >= :c) ORDER BY s.employer_id",
       soci::use(period, "p"), soci::use(member, "m"), soci::use(cutoff, "c"));
  std::int64_t last = 0;
  for (const soci::row& row : rows) {
    const std::int64_t employer = db::RowInt(row, 0);
    if (employer == last) continue;  // the same employer's spells count once, as in the run
    last = employer;
    ++jobs.count;
    if (db::RowInt(row, 2) == 0) jobs.without_wage.push_back(db::RowText(row, 1));
  }
  return jobs;
}

}  // namespace

std::optional<BatchStatus> ParseBatchState(std::string_view state) {
  if (state == "draft") return BatchStatus::kDraft;
  if (state == "submitted") return BatchStatus::kSubmitted;
  if (state == "approved") return BatchStatus::kApproved;
  if (state == "sent") return BatchStatus::kSent;
  if (state == "reconciled") return BatchStatus::kReconciled;
  return std::nullopt;
}

std::string_view StageTone(MemberStage stage) {
  switch (stage) {
    case MemberStage::kAccountProblem:
      return "warning";
    case MemberStage::kNotEligible:
      return "error";
    case MemberStage::kPaidBank:
    case MemberStage::kPaidPostOffice:
      return "success";
    case MemberStage::kCandidate:
    case MemberStage::kConfirmed:
    case MemberStage::kPostOffice:
      break;
  }
  return "";
}

StageFacts StageFactsOf(const OutcomeRow& outcome, const std::optional<PaymentRow>& payment) {
  StageFacts facts;
  facts.eligible = outcome.eligible;
  facts.account_problem = outcome.account_problem;
  if (!payment) return facts;
  facts.batch = ParseBatchState(payment->batch_state);
  facts.batch_number = payment->batch_number;
  facts.payment = ResultOf(*payment);
  if (payment->result == "pending") {
    // Put in a batch after the run: the run's account problem was dealt with (a bank payment),
    // or the payment goes through the post office.
    facts.account_problem = false;
    if (payment->channel == "post_office" && facts.batch && BatchIsConfirmed(*facts.batch)) {
      facts.payment = PaymentResult::kReroutedToPostOffice;
    }
  }
  return facts;
}

std::vector<Reason> ReasonsOf(const Program& program, const OutcomeRow& outcome,
                              const CutoffJobs& jobs) {
  const std::vector<std::string> present = ReasonCodesIn(program, outcome.reasons);
  const std::int64_t blocking = BlockingMask(program);
  std::vector<Reason> reasons;
  for (const std::string& code : DisplayOrder(program)) {
    if (std::find(present.begin(), present.end(), code) == present.end()) continue;
    Reason r;
    r.code = code;
    r.blocks = (ReasonBit(program, code) & blocking) != 0;
    if (code == "active_on_cutoff") {
      r.dates["cutoff"] = program.cutoff;
      r.numbers["jobs"] = jobs.count;
    } else if (code == "not_active_on_cutoff") {
      r.dates["cutoff"] = program.cutoff;
    } else if (code == "no_wage_reported") {
      r.text["employer"] = JoinNames(jobs.without_wage);
      r.dates["cutoff"] = program.cutoff;
    } else if (code == "minimum_wage_unknown") {
      r.amounts["ceiling"] = program.wage_ceiling;
    } else if (code == "wages_summed") {
      r.numbers["jobs"] = jobs.count;
      r.amounts["wage"] = outcome.wage;
    } else if (code == "wage_within_limit" || code == "wage_above_limit") {
      r.amounts["wage"] = outcome.wage;
      r.amounts["limit"] = outcome.wage_limit;
    }
    reasons.push_back(std::move(r));
  }
  return reasons;
}

std::vector<YearStatus> ReadMemberStatus(soci::session& sql, const ProgramBook& book,
                                         std::int64_t member_id, bool with_reasons) {
  long long member = member_id;
  std::vector<OutcomeRow> outcomes;
  {
    // The confirmed runs are few (one per programme); each probes the outcomes' primary key.
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT r.program_year, o.eligible, o.reasons, o.wage, o.wage_limit, "
                        "o.account_problem FROM subsidy_runs r JOIN subsidy_outcomes o ON "
                        "o.run_id = r.id AND o.member_id = :m WHERE r.confirmed = 1 "
                        "ORDER BY r.program_year DESC",
         soci::use(member, "m"));
    for (const soci::row& row : rows) {
      OutcomeRow o;
      o.year = static_cast<int>(db::RowInt(row, 0));
      o.eligible = db::RowInt(row, 1) != 0;
      o.reasons = db::RowInt(row, 2);
      o.wage = db::RowInt(row, 3);
      o.wage_limit = db::RowInt(row, 4);
      o.account_problem = db::RowInt(row, 5) != 0;
      outcomes.push_back(o);
    }
  }
  // Always asked, also when there is no outcome: the public check does the same work whoever
  // it found.
  std::map<int, PaymentRow> latest;
  {
    // Batches are few per programme; each probes the payments' primary key (batch, member).
    soci::rowset<soci::row> rows =
        (sql.prepare << "SELECT b.program_year, b.number, b.state, p.channel, p.result FROM "
                        "subsidy_batches b JOIN subsidy_payments p ON p.batch_id = b.id AND "
                        "p.member_id = :m ORDER BY b.program_year DESC, b.number DESC",
         soci::use(member, "m"));
    for (const soci::row& row : rows) {
      PaymentRow p;
      p.year = static_cast<int>(db::RowInt(row, 0));
      if (latest.count(p.year)) continue;
      p.batch_number = db::RowInt(row, 1);
      p.batch_state = db::RowText(row, 2);
      p.channel = db::RowText(row, 3);
      p.result = db::RowText(row, 4);
      latest.emplace(p.year, std::move(p));
    }
  }
  std::vector<YearStatus> years;
  for (const OutcomeRow& outcome : outcomes) {
    const Program* program = book.ForYear(outcome.year);
    if (!program) continue;
    YearStatus status;
    status.program = program;
    status.outcome = outcome;
    const auto payment = latest.find(outcome.year);
    status.stage =
        StageFor(program->stage_style,
                 StageFactsOf(outcome, payment == latest.end() ? std::nullopt
                                                               : std::optional(payment->second)));
    if (with_reasons) {
      status.reasons = ReasonsOf(*program, outcome, ReadCutoffJobs(sql, *program, member_id));
    }
    years.push_back(std::move(status));
  }
  return years;
}

}  // namespace lumbung::subsidy
