// Delivering a published announcement to its audience: a background job (core/jobs, kind
// "announcement.deliver", payload {"announcement": id}) queued in the approval's transaction.
// Each step takes the next batch of member accounts by id after the job's cursor and, for each
// one, in the step's transaction: records the delivery (announcement_deliveries, primary key
// announcement + account), posts the inbox item (category announcements, dedupe key
// "announcement:<id>") and, when the announcement is mailed and the account wants mail of the
// category, queues the mail in the account's language. The runner stores the cursor in the same
// transaction, so a restart at any moment resumes after the last committed batch and no member
// is posted or mailed twice (the delivery row would refuse it anyway).
#pragma once

#include <string>

#include "core/i18n/catalog.h"
#include "core/jobs/runner.h"
#include "core/mail/outbox.h"

namespace lumbung::announcements {

inline constexpr std::string_view kDeliverJob = "announcement.deliver";

struct DeliverySettings {
  const i18n::Catalogs* catalogs = nullptr;
  std::string fund_name;
  std::string public_url;         // links start with it (no trailing '/')
  std::string message_id_domain;  // from smtp.from
  int batch_size = 200;
};

// The mail for one member: subject and first line the title in their language, a link to read
// it in the portal, one to the mail choices. Pure.
struct MailText {
  std::string title, name, lang;
  std::int64_t announcement_id = 0;
};
mail::OutgoingMail ComposeAnnouncementMail(const DeliverySettings& settings, const MailText& text,
                                           const std::string& to);

// The job's handler.
jobs::Handler DeliveryHandler(DeliverySettings settings);

}  // namespace lumbung::announcements
