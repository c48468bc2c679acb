// A stored file sent back as a download, never shown inline (OWASP ASVS 4.0.3 12.5.2, 14.4.2):
// Content-Disposition "attachment" with the name twice, an ASCII fallback (anything outside
// printable ASCII, quotes and backslashes become '_') and the exact UTF-8 name percent-encoded
// (RFC 6266 / RFC 5987 filename*); the stored type; nosniff, so a browser never second-guesses
// the type; private, no-store, so no shared cache keeps a member's document. The caller has
// checked who may read it and gives the type it stored, never one the uploader declared.
#pragma once

#include <string>
#include <string_view>

#include "core/http/response.h"

namespace lumbung::http {

Response Attachment(std::string body, std::string_view content_type, std::string_view file_name);

// The Content-Disposition value for `file_name` (pure; for the header and its tests).
std::string AttachmentDisposition(std::string_view file_name);

}  // namespace lumbung::http
