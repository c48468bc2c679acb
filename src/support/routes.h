// Support conversations (docs/support.md).
//
// Members and employers' users (roles member, employer_admin, employer_staff), their own
// conversations only (another's reference is 404 like one that does not exist):
//   GET  /support                              their conversations: state, last activity
//   GET  /support/new                          topic, subject, message
//   POST /support/new/check                    -> "check your message": help articles that may
//                                              answer it, the message again with attachments
//   POST /support/new                          multipart: opens it -> 303 /support/{ref}
//   GET  /support/{ref}                        messages and attachments, reply, close
//   POST /support/{ref}/reply                  multipart: text and up to support.max_files
//   POST /support/{ref}/close
//   GET  /support/{ref}/files/{id}             an attachment, as a download
// Fund staff with member_services (http::StaffOnly):
//   GET  /staff/support?state=                 the queue: open (default), new, waiting_for_staff,
//                                              waiting_for_member, closed; age and the clock
//   GET  /staff/support/{ref}                  the conversation (audited
//   support.conversation_viewed) POST /staff/support/{ref}/assign | reply | close GET
//   /staff/support/{ref}/files/{id}       an attachment (audited support.attachment_downloaded)
//
// Attachments are checked by content (core/uploads/file_kind.h: PDF, JPEG, PNG), each at most
// support.max_file_bytes, kept in the upload store (uploads.dir) under random names. Staff
// replies reach the member through the inbox and, per their mail choices, a mail that says only
// that there is a reply. Every message, assignment, close and staff look is audited.
#pragma once

#include "core/config/config.h"
#include "core/db/database.h"
#include "core/http/router.h"
#include "core/inbox/inbox.h"
#include "core/view/views.h"

namespace lumbung::support {

// The paths whose POST bodies carry files: the server gives them http.max_upload_bytes.
inline constexpr const char* kMemberUploadPrefix = "/support/";
inline constexpr const char* kStaffUploadPrefix = "/staff/support/";

void AddRoutes(http::Router& router, db::Database& database, const view::Views& views,
               const config::Config& config, inbox::Notifier notifier);

}  // namespace lumbung::support
