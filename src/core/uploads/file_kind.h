// What an uploaded file is, decided by its bytes and never by its name or the content type the
// browser declared (ASVS 4.0.3 12.2.1): a text file named "x.pdf" is not a PDF. Each kind is
// also checked for the structure a reader needs, so a truncated or damaged file is refused at
// the door instead of failing later on a staff member's screen:
//   PDF   "%PDF-" and a version at the start, "%%EOF" within the last 1024 bytes.
//   JPEG  SOI, well-formed marker segments up to the scan, a frame header (SOF) with a height,
//         a width and components, then EOI after the scan.
//   PNG   the 8-byte signature, IHDR first (13 bytes, non-zero size, a valid bit depth and
//         colour type), every chunk's CRC-32, at least one IDAT and IEND last.
// Pure; used for support attachments and claim documents alike.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace lumbung::uploads {

enum class FileKind { kPdf, kJpeg, kPng };

enum class UploadProblem {
  kNone,
  kEmpty,            // no bytes at all
  kTooBig,           // more than the limit the caller set
  kUnsupportedType,  // none of the kinds allowed (whatever its name says)
  kDamaged,          // looks like an allowed kind but its structure is broken
};

struct UploadVerdict {
  UploadProblem problem = UploadProblem::kNone;
  FileKind kind = FileKind::kPdf;  // meaningful only when ok()
  bool ok() const { return problem == UploadProblem::kNone; }
};

// The verdict on `bytes`: empty first, then the size, then the kind (one of `allowed`), then
// its structure.
UploadVerdict CheckUpload(std::string_view bytes, const std::vector<FileKind>& allowed,
                          std::size_t max_bytes);

// The kind whose signature `bytes` start with, structure not checked; for the checks below.
bool LooksLike(std::string_view bytes, FileKind kind);

// Structure checks alone (the kind's signature included).
bool IsWellFormedPdf(std::string_view bytes);
bool IsWellFormedJpeg(std::string_view bytes);
bool IsWellFormedPng(std::string_view bytes);

// "application/pdf", "image/jpeg", "image/png": what a download says it is.
std::string_view ContentType(FileKind kind);
// "pdf", "jpg", "png": the extension a name of this kind ends with.
std::string_view Extension(FileKind kind);
// "pdf", "jpeg", "png": the stored spelling (database columns).
std::string_view KindName(FileKind kind);
bool ParseKindName(std::string_view name, FileKind* kind);
// "empty", "too_big", "unsupported_type", "damaged" ("" for kNone): for catalog ids.
std::string_view ProblemName(UploadProblem problem);

}  // namespace lumbung::uploads
