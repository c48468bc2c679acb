// What the member's and the provider's pages share (internal to the feature): the clock, the
// words for statuses, fields and requirements, a programme's facts for templates, audit events
// and the member's notices.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "core/audit/event.h"
#include "core/http/request.h"
#include "core/http/url.h"
#include "core/inbox/inbox.h"
#include "core/view/views.h"
#include "training/training_store.h"

namespace lumbung::training {

// The inbox category of every training notice (mailed by default, the member's choice).
inline constexpr std::string_view kInboxCategory = inbox::kTraining;

std::int64_t Now();
std::string Today();  // the fund's day, YYYY-MM-DD

// The form field `name` ("" when absent).
std::string FormValue(const http::Fields& fields, std::string_view name);

// "16 November 2026" in the page's language.
std::string DayWords(const view::Views& views, const std::string& lang, const std::string& iso);

// A requirement's reason in words (values that are catalog ids are translated).
std::string ReasonText(const view::Views& views, const std::string& lang, const Reason& reason);

// The programme's facts as the catalog, programme and application pages show them: title,
// provider, field, mode and place, duration, cost, requirement lines.
view::mustache::data ProgrammeData(const view::Views& views, const std::string& lang,
                                   const Programme& programme);

// A session's days, schedule and places ("3 of 20 places left" / "full: 4 waiting").
view::mustache::data SessionData(const view::Views& views, const std::string& lang,
                                 const Session& session);

// The status in words, with the waiting-list place for waiting ones; and its tag colour.
std::string StatusText(const view::Views& views, const std::string& lang, Status status,
                       int position);
std::string StatusTag(Status status);

audit::Event TrainingEvent(const http::Request& request, const Application& application);

// Tells the member about their application (inbox, and mail per their choices), once per
// application, status and `occasion`.
void Tell(const inbox::Notifier& notify, soci::session& sql, const Application& application,
          const std::string& message_id, std::map<std::string, std::string> values,
          const std::string& occasion);

}  // namespace lumbung::training
