// The one way a feature takes in a document someone uploads (claim documents: e-KTP, family
// card, letters, bank book page, certificates), from the bytes and the name the browser sent to
// what may be stored:
//   1. CheckUpload (file_kind.h): not empty, not too big, and one of the allowed kinds judged by
//      the bytes alone, whole;
//   2. the name's extension must agree with that kind (".jpg", ".jpeg", ".jpe", ".jfif" for a
//      JPEG; ".png"; ".pdf"; a name without any extension is accepted): a PDF named
//      "foto.png" is refused as extension_mismatch, so nobody is misled about what they sent;
//   3. images are decoded within the pixel limits and encoded again without metadata
//      (image_sanitizer.h): what is stored is only pixels, so anything appended to a JPEG (a
//      script in a JPEG/HTML polyglot) is gone;
//   4. PDFs are inspected (pdf_inspector.h): no encryption, script, launch actions, embedded
//      files or damage; a PDF is stored as it came.
// A file that is something else whatever its name (a PHP or HTML page named "ktp.jpg") is
// refused at step 1 as unsupported_type. The display name is SafeDisplayName's.
// Virus scanning (virus_scanner.h) is the caller's next step, on the bytes to store.
//
// Pure apart from libvips and qpdf (no I/O); thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/uploads/file_kind.h"
#include "core/uploads/image_sanitizer.h"

namespace lumbung::config {
class Config;
}

namespace lumbung::uploads {

enum class DocumentProblem {
  kNone,
  kEmpty,
  kTooBig,
  kUnsupportedType,
  kDamaged,
  kExtensionMismatch,
  kTooManyPixels,
  kEncrypted,
  kJavascript,
  kActiveContent,
};

struct DocumentLimits {
  std::size_t max_bytes = 5 * 1024 * 1024;  // the feature's own limit (e.g. claims.max_file_bytes)
  ImageLimits image{};
  int jpeg_quality = 85;
};

// The image limits and JPEG quality from configuration (uploads.image_max_width,
// uploads.image_max_height, uploads.image_max_pixels, uploads.jpeg_quality) with the feature's
// `max_bytes`.
DocumentLimits DocumentLimitsFrom(const config::Config& config, std::size_t max_bytes);

struct PreparedDocument {
  DocumentProblem problem = DocumentProblem::kNone;
  FileKind kind = FileKind::kPdf;  // when ok()
  std::string bytes;               // when ok(): what to scan and store
  // When ok(): SafeDisplayName, ending in the kind's extension ("../../etc/passwd.pdf" ->
  // "passwd.pdf"). When refused: CleanUploadedName, for the message ("{{name}} ...").
  std::string display_name;
  int pages = 0;  // PDFs: how many pages
  bool ok() const { return problem == DocumentProblem::kNone; }
};

// `fallback_stem` names a file whose name leaves nothing usable ("dokumen" -> "dokumen.pdf").
PreparedDocument PrepareDocument(std::string_view bytes, std::string_view uploaded_name,
                                 const std::vector<FileKind>& allowed, const DocumentLimits& limits,
                                 std::string_view fallback_stem = "dokumen");

// Whether the extension of `uploaded_name` (after its last '/' or '\') fits `kind`, ignoring
// case; true when it has none.
bool ExtensionAgrees(std::string_view uploaded_name, FileKind kind);

// "empty", "too_big", "unsupported_type", "damaged", "extension_mismatch", "too_many_pixels",
// "encrypted", "javascript", "active_content" ("" for kNone). The message for members is the
// catalog's uploads.problem_<name> (values {{name}}: the uploaded name cleaned; {{max}}: the
// largest size in MB).
std::string_view DocumentProblemName(DocumentProblem problem);

}  // namespace lumbung::uploads
