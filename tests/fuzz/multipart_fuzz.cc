// libFuzzer entry for forms that carry files (core/http/multipart.h): the input's first line
// is the request's Content-Type, the rest its body. Each input is parsed as the upload
// handlers parse it (files kept) and as the CSRF check parses it (files skipped), with small
// limits so that they are reached.
//
// Properties, beyond no crash, leak, undefined behaviour or hang:
// - both readings agree: refused by both or read by both with the same text fields in the
//   same order (the CSRF check sees the token the handler sees) and the same files;
// - the limits hold: no more parts than max_parts, no text field over max_field_bytes, no file
//   without a filename;
// - nothing is made up: every value and file content is a piece of the body, every name and
//   filename is made of the body's bytes in order; Get and File answer the first of a name.
// Built with clang as lumbung_fuzz_multipart (make fuzz); the seeds in corpus/multipart/ are
// also replayed as a unit test.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/http/multipart.h"
#include "core/http/request.h"
#include "fuzz_support.h"

namespace {

using lumbung::fuzz::Require;

// `part`'s bytes occur in `whole` in the same order (quoted names lose their escapes).
bool Subsequence(std::string_view part, std::string_view whole) {
  std::size_t at = 0;
  for (char c : part) {
    at = whole.find(c, at);
    if (at == std::string_view::npos) return false;
    ++at;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lumbung::http;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t eol = input.find('\n');
  if (eol == std::string_view::npos) return 0;
  Request request;
  request.method = "POST";
  request.headers = {{"content-type", std::string(input.substr(0, eol))}};
  request.body = std::string(input.substr(eol + 1));

  const MultipartLimits limits{.max_parts = 8, .max_field_bytes = 256};
  const std::optional<MultipartForm> form = ParseMultipart(request, limits);
  const std::optional<MultipartForm> token_only = ParseMultipart(request, limits, true);
  Require(form.has_value() == token_only.has_value());
  if (!form) return 0;
  Require(IsMultipart(request));
  Require(form->fields == token_only->fields);
  Require(form->files.size() == token_only->files.size());
  Require(form->fields.size() + form->files.size() <= limits.max_parts);
  const std::string_view body = request.body;
  for (std::size_t i = 0; i < form->files.size(); ++i) {
    const UploadedFile& file = form->files[i];
    const UploadedFile& skipped = token_only->files[i];
    Require(file.field == skipped.field && file.filename == skipped.filename &&
            file.content_type == skipped.content_type && skipped.content.empty());
    Require(!file.filename.empty());
    Require(Subsequence(file.field, body) && Subsequence(file.filename, body));
    Require(body.find(file.content) != std::string_view::npos);
  }
  for (const auto& [name, value] : form->fields) {
    Require(value.size() <= limits.max_field_bytes);
    Require(Subsequence(name, body));
    Require(body.find(value) != std::string_view::npos);
    for (const auto& [n, v] : form->fields) {
      if (n == name) {
        Require(form->Get(name) == v);
        break;
      }
    }
  }
  for (const auto& file : form->files) {
    const UploadedFile* first = nullptr;
    for (const auto& f : form->files) {
      if (f.field == file.field) {
        first = &f;
        break;
      }
    }
    Require(form->File(file.field) == first);
  }
  return 0;
}
