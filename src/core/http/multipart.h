// Forms that carry files (multipart/form-data, RFC 7578): the text fields and each uploaded file
// of a POST, read with POCO's multipart reader over the request body. Features that take
// uploads read them here; the session middleware reads the CSRF token here too, so an upload
// form is protected like every other form.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/http/request.h"
#include "core/http/url.h"

namespace lumbung::http {

struct UploadedFile {
  std::string field;     // the form field's name
  std::string filename;  // as the browser sent it (never used as a path)
  std::string content_type;
  std::string content;
};

struct MultipartForm {
  Fields fields;  // the text fields, in order
  std::vector<UploadedFile> files;
  // The text field's value, or "" when absent (repeated: the first).
  std::string Get(std::string_view name) const;
  // The first file sent in `field` (an empty file input sends a part with no filename: skipped).
  const UploadedFile* File(std::string_view field) const;
};

struct MultipartLimits {
  std::size_t max_parts = 64;
  std::size_t max_field_bytes = 64 * 1024;  // a text field; files are bounded by the body limit
};

// True when the request's Content-Type is multipart/form-data.
bool IsMultipart(const Request& request);

// The form of a multipart/form-data request; nullopt when it is not one or is malformed (no
// boundary, a broken part, too many parts, a text field over its limit). With
// `skip_files` the files' contents are not kept (the CSRF check reads only the token).
std::optional<MultipartForm> ParseMultipart(const Request& request, MultipartLimits limits = {},
                                            bool skip_files = false);

}  // namespace lumbung::http
