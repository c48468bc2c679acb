// /dev/mailbox: in dev mode only (`make run`), the newest mail in the outbox, readable in the
// browser so a developer can follow its links without a mail server. It shows every member's
// mail, so the route is never added outside dev.mode.
#pragma once

#include <string>
#include <vector>

#include "core/db/database.h"
#include "core/http/router.h"
#include "core/view/views.h"

namespace lumbung::ops {

// A mail's text body as lines; a line that is a whole http(s) URL becomes a link (every mail
// carries its link on a line of its own).
struct MailLine {
  std::string text;
  bool is_link = false;
};
std::vector<MailLine> SplitMailBody(const std::string& text_body);

void AddDevMailboxRoutes(http::Router& router, db::Database& database, const view::Views& views);

}  // namespace lumbung::ops
