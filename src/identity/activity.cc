#include "identity/activity.h"

#include <algorithm>

namespace lumbung::identity {
namespace {

constexpr ActivityAction kActions[] = {
    // Signing in and out.
    {"login.succeeded"},
    {"login.failed"},
    {"login.refused"},
    {"login.second_factor_due"},
    {"login.enrolment_required"},
    {"login.second_factor_failed"},
    {"login.second_factor_refused"},
    {"login.email_code_sent", true},
    {"login.passkey_failed"},
    {"logout"},
    {"session.ended"},
    {"session.ended_others"},
    {"step_up.succeeded"},
    {"step_up.failed"},
    // The account itself.
    {"account.registered"},
    {"account.register_failed"},
    {"account.invited"},
    {"invitation.accepted"},
    {"account.unlocked"},
    {"account.reported"},
    {"account.disabled"},
    {"account.enabled"},
    {"email.verified"},
    {"email.verification_sent"},
    {"email.change_requested"},
    {"email.changed"},
    {"password.reset_requested"},
    {"password.reset"},
    {"password.changed"},
    {"password.change_failed"},
    {"username.set"},
    {"username.changed"},
    {"username.removed"},
    {"username.change_failed"},
    // Second factors and passkeys.
    {"two_factor.added"},
    {"two_factor.removed"},
    {"two_factor.renamed"},
    {"two_factor.recovery_codes_renewed"},
    {"two_factor.browser_remembered"},
    {"two_factor.browsers_forgotten"},
    {"two_factor.reset"},
    {"passkey.added"},
    {"passkey.add_failed"},
    {"passkey.removed"},
    {"passkey.renamed"},
    {"passkey.counter_regressed"},
    // Other features' changes to what the fund holds about the member.
    {"profile.contact_changed"},
    {"profile.bank_changed"},
    {"profile.bank_holder_mismatch"},
    {"profile.beneficiaries_changed"},
    {"card.created"},
    {"card.renewed"},
    // What an employer's or staff account did for the employer pipeline.
    {"employer.worker_registered"},
    {"employer.worker_ended"},
    {"employer.report_submitted"},
    {"employer.report_amended"},
    // An employer's administrator and the employer's staff accounts (/employer/users).
    {"employer.user_invited", true},
    {"employer.user_disabled"},
    {"employer.user_enabled"},
    {"payments.imported"},
    // Administrators in the back office (/staff/audit, /staff/maintenance).
    {"audit.viewed"},
    {"audit.exported"},
    {"audit.chain_verified"},
    {"maintenance.switched_on"},
    {"maintenance.switched_off"},
    // Content editors (/staff/help).
    {"help.article_created"},
    {"help.article_saved"},
    // Content editors' announcements (/staff/announcements); approving or sending back one's own
    // is refused (the four-eyes rule).
    {"announcement.created"},
    {"announcement.edited"},
    {"announcement.submitted"},
    {"announcement.approved", true},
    {"announcement.sent_back", true},
    // Administrators and the fund's staff accounts (/staff/accounts).
    {"staff.invited", true},
    {"staff.roles_changed", true},
    {"staff.disabled"},
    {"staff.enabled"},
    // Member services looking members up and acting on their accounts (/staff/members): the
    // member sees each one that concerns them.
    {"staff.member_searched"},
    {"staff.member_viewed"},
    {"staff.member_unlocked"},
    {"staff.member_verification_sent"},
    {"staff.member_sessions_ended"},
    {"staff.member_disabled"},
    {"staff.member_enabled"},
    {"staff.member_two_factor_reset"},
    // Support conversations (/support, /staff/support): the member's messages, and staff
    // replying, taking, closing, opening one or downloading its attachments.
    {"support.conversation_opened"},
    {"support.message_sent"},
    {"support.conversation_assigned"},
    {"support.conversation_closed"},
    {"support.conversation_viewed"},
    {"support.attachment_downloaded"},
    // Benefit claims (/claims, /staff/claims, /staff/payouts): every step on the member's claim.
    // Staff steps may be refused by the separation of duties (their own or a relative's claim,
    // or deciding a claim they verified), which the member sees too.
    {"claims.submit"},
    {"claims.answer"},
    {"claims.withdraw"},
    {"claims.correct_account"},
    {"claims.start_verification", true},
    {"claims.ask_documents", true},
    {"claims.verify", true},
    {"claims.approve", true},
    {"claims.reject", true},
    {"claims.send_back", true},
    {"claims.add_to_batch", true},
    {"claims.record_paid", true},
    {"claims.record_failed", true},
    {"claims.draft_started"},
    {"claims.draft_saved"},
    {"claims.heir_refused"},
    {"claims.document_uploaded"},
    {"claims.document_removed"},
    {"claims.document_refused"},
    {"claims.document_infected"},
    {"claims.payout_confirmed"},
    {"claims.viewed"},
    {"claims.document_downloaded"},
    {"claims.document_reviewed", true},
    // Work accidents an employer reports and the member confirms (/employer/accidents,
    // /claims/accidents).
    {"accidents.reported"},
    {"accidents.corrected"},
    {"accidents.confirmed"},
    // Finance paying claims in batches (/staff/payouts).
    {"payouts.batch_created"},
    {"payouts.file_downloaded"},
    {"payouts.results_imported"},
    // The wage subsidy's eligibility runs and exclusion lists (`lumbung subsidy`).
    {"subsidy.run_started"},
    {"subsidy.run_confirmed"},
    {"subsidy.list_imported"},
    {"subsidy.run_confirm_refused"},
    {"subsidy.list_import_refused"},
    // The wage subsidy's batches (/staff/subsidy/batches): programme staff and finance.
    {"subsidy.batch_created"},
    {"subsidy.batch_submitted"},
    {"subsidy.batch_withdrawn"},
    {"subsidy.batch_sent_back"},
    {"subsidy.batch_approved"},
    {"subsidy.batch_sent"},
    {"subsidy.batch_file_downloaded"},
    {"subsidy.batch_results_imported"},
    {"subsidy.batch_reconciled"},
    {"subsidy.batch_payment_rerouted"},
    {"subsidy.batch_payment_returned"},
    {"subsidy.batch_refused"},
    // Training programmes (/training, /staff/training).
    {"training.applied"},
    {"training.application_cancelled"},
    {"training.place_offered"},
    {"training.offer_accepted"},
    {"training.offer_declined"},
    {"training.participant_confirmed"},
    {"training.attendance_recorded"},
    {"training.completion_recorded"},
    {"training.programme_created"},
    {"training.programme_updated"},
    {"training.cohort_created"},
    {"training.cohort_updated"},
    // Certificates issued and revoked (/staff/certificates, on completing a training).
    {"certificate.issued"},
    {"certificate.revoked"},
    // The fund's keys that sign verifiable certificates (`lumbung credentials`).
    {"credentials.key_rotated"},
    {"credentials.key_withdrawn"},
    // The analysts' figures downloaded (/staff/analytics, aggregates only).
    {"analytics.exported"},
};

}  // namespace

std::span<const ActivityAction> ActivityActions() {
  return kActions;
}

std::string ActivityTextId(std::string_view action, audit::Result result) {
  const auto* found = std::find_if(std::begin(kActions), std::end(kActions),
                                   [&](const ActivityAction& a) { return a.action == action; });
  if (found == std::end(kActions)) return "identity.activity.other";
  // A separate prefix: a catalog id cannot be both a message and the start of another.
  const bool refused = found->has_denied_text && result != audit::Result::kOk;
  return (refused ? "identity.activity_refused." : "identity.activity.") + std::string(action);
}

}  // namespace lumbung::identity
