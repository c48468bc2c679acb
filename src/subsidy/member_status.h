// A member's wage subsidy, programme by programme, as the eligibility run and the payment
// batches left it: what /subsidy, the dashboard card and the public check (/cek-bsu) show.
//
// Read from the tables (docs/subsidy.md):
//   - the member's outcome in the programme's CONFIRMED run (subsidy_runs.confirmed = 1): a
//     programme without a confirmed run, or in whose confirmed run the member was not
//     considered, is not shown at all (a dry run is staff's, never the member's);
//   - their latest payment of that programme (subsidy_payments through subsidy_batches of that
//     program_year, the highest batch number), with its batch's state and number.
// The stage is stage.h's StageFor in the programme's own words, with two readings of a payment
// that has no result yet (`pending`): being put in a batch came after the run, so the run's
// account problem no longer holds for a bank payment, and a post-office payment in a confirmed
// batch is "to be paid through the post office".
//
// The reasons are the outcome's bit mask (reason_mask.h), shown in the order Decide gives them,
// with the values their sentences need: the cutoff and the wage limit from the programme and the
// outcome, and the jobs active on the cutoff day from the registry (how many, and which employer
// reported no wage for the cutoff's month).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "subsidy/eligibility.h"
#include "subsidy/program.h"
#include "subsidy/stage.h"

namespace soci {
class session;
}

namespace lumbung::subsidy {

// subsidy_outcomes of a confirmed run.
struct OutcomeRow {
  int year = 0;
  bool eligible = false;
  std::int64_t reasons = 0;
  Rupiah wage = 0, wage_limit = 0;
  bool account_problem = false;
};

// The member's latest subsidy_payments row of a programme and its batch.
struct PaymentRow {
  int year = 0;
  long long batch_number = 0;
  std::string batch_state;  // draft, submitted, approved, sent, reconciled
  std::string channel;      // bank, post_office
  std::string result;       // pending, paid, failed, rerouted_post_office, returned_to_employer
};

// The jobs active on a programme's cutoff day, for the reasons' sentences.
struct CutoffJobs {
  long long count = 0;
  std::vector<std::string> without_wage;  // employers that reported no wage for the month
};

// "approved" -> kApproved; nullopt for a state the table does not have.
std::optional<BatchStatus> ParseBatchState(std::string_view state);

// What StageFor needs, from the outcome and the latest payment (see the header's readings).
StageFacts StageFactsOf(const OutcomeRow& outcome, const std::optional<PaymentRow>& payment);

// The outcome's reasons in Decide's order with their values; `blocks` as the programme says.
std::vector<Reason> ReasonsOf(const Program& program, const OutcomeRow& outcome,
                              const CutoffJobs& jobs);

// How a stage is marked beside its words (a tag's colour; the words say it too): "warning" for
// an account problem, "error" for not eligible, "success" once paid, "" otherwise.
std::string_view StageTone(MemberStage stage);

struct YearStatus {
  const Program* program = nullptr;  // in the ProgramBook the caller passed
  OutcomeRow outcome;
  StageText stage;
  std::vector<Reason> reasons;  // empty unless asked for
};

// The member's programmes, newest year first (see the header). Programmes missing from `book`
// are left out. `with_reasons` also reads the registry's jobs for the reasons' values.
std::vector<YearStatus> ReadMemberStatus(soci::session& sql, const ProgramBook& book,
                                         std::int64_t member_id, bool with_reasons);

}  // namespace lumbung::subsidy
