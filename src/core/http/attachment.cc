#include "core/http/attachment.h"

#include <cstdio>

namespace lumbung::http {

std::string AttachmentDisposition(std::string_view file_name) {
  std::string ascii, encoded;
  for (unsigned char ch : file_name) {
    ascii += (ch >= 0x20 && ch < 0x7F && ch != '"' && ch != '\\') ? static_cast<char>(ch) : '_';
    if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
        ch == '.' || ch == '-' || ch == '_') {
      encoded += static_cast<char>(ch);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", ch);
      encoded += buf;
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

Response Attachment(std::string body, std::string_view content_type, std::string_view file_name) {
  Response response;
  response.status = 200;
  response.body = std::move(body);
  response.Set("Content-Type", std::string(content_type));
  response.Set("Content-Disposition", AttachmentDisposition(file_name));
  response.Set("X-Content-Type-Options", "nosniff");
  response.Set("Cache-Control", "private, no-store");
  return response;
}

}  // namespace lumbung::http
