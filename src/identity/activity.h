// "Recent activity" on /account/security: the audit events about an account (core/audit,
// RecentForUser: the account acted or was acted on) in the member's words. The one list of
// every audit action any feature writes, so that each has a text in every catalog; a unit test
// reads the sources for the actions written and fails for one missing here or in a catalog.
// Pure.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "core/audit/event.h"

namespace lumbung::identity {

struct ActivityAction {
  std::string_view action;  // as written to the audit log: "login.failed"
  // The action is logged both as done and as refused (e.g. a code not sent because the hourly
  // limit was reached): the refusal has its own text, identity.activity_refused.<action>. For
  // the others the text already says how it ended ("Failed sign-in attempt").
  bool has_denied_text = false;
};

std::span<const ActivityAction> ActivityActions();

// The catalog id of an event's text, identity.activity.<action> (or activity_refused); for one not
// in the list (an older build's event), identity.activity.other.
std::string ActivityTextId(std::string_view action, audit::Result result);

}  // namespace lumbung::identity
