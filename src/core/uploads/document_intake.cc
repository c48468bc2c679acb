#include "core/uploads/document_intake.h"

#include <cctype>

#include "core/config/config.h"
#include "core/uploads/display_name.h"
#include "core/uploads/pdf_inspector.h"

namespace lumbung::uploads {
namespace {

PreparedDocument Refuse(DocumentProblem problem, std::string_view uploaded_name) {
  PreparedDocument out;
  out.problem = problem;
  out.display_name = CleanUploadedName(uploaded_name);
  return out;
}

DocumentProblem FromUpload(UploadProblem problem) {
  switch (problem) {
    case UploadProblem::kNone:
      return DocumentProblem::kNone;
    case UploadProblem::kEmpty:
      return DocumentProblem::kEmpty;
    case UploadProblem::kTooBig:
      return DocumentProblem::kTooBig;
    case UploadProblem::kUnsupportedType:
      return DocumentProblem::kUnsupportedType;
    case UploadProblem::kDamaged:
      return DocumentProblem::kDamaged;
  }
  return DocumentProblem::kDamaged;
}

DocumentProblem FromImage(ImageProblem problem) {
  return problem == ImageProblem::kTooManyPixels ? DocumentProblem::kTooManyPixels
         : problem == ImageProblem::kNone        ? DocumentProblem::kNone
                                                 : DocumentProblem::kDamaged;
}

DocumentProblem FromPdf(PdfProblem problem) {
  switch (problem) {
    case PdfProblem::kNone:
      return DocumentProblem::kNone;
    case PdfProblem::kEncrypted:
      return DocumentProblem::kEncrypted;
    case PdfProblem::kJavascript:
      return DocumentProblem::kJavascript;
    case PdfProblem::kActiveContent:
      return DocumentProblem::kActiveContent;
    case PdfProblem::kDamaged:
      return DocumentProblem::kDamaged;
  }
  return DocumentProblem::kDamaged;
}

}  // namespace

DocumentLimits DocumentLimitsFrom(const config::Config& config, std::size_t max_bytes) {
  DocumentLimits limits;
  limits.max_bytes = max_bytes;
  limits.image.max_width = config.Int("uploads.image_max_width");
  limits.image.max_height = config.Int("uploads.image_max_height");
  limits.image.max_pixels = config.Int("uploads.image_max_pixels");
  limits.jpeg_quality = static_cast<int>(config.Int("uploads.jpeg_quality"));
  return limits;
}

bool ExtensionAgrees(std::string_view uploaded_name, FileKind kind) {
  const std::size_t slash = uploaded_name.find_last_of("/\\");
  if (slash != std::string_view::npos) uploaded_name.remove_prefix(slash + 1);
  // Trailing dots and spaces are dropped by Windows and by SafeDisplayName alike.
  while (!uploaded_name.empty() && (uploaded_name.back() == '.' || uploaded_name.back() == ' ')) {
    uploaded_name.remove_suffix(1);
  }
  const std::size_t dot = uploaded_name.find_last_of('.');
  // No extension, or only a leading dot (".profile"): nothing claims another kind.
  if (dot == std::string_view::npos || dot == 0) return true;
  std::string ext(uploaded_name.substr(dot + 1));
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  switch (kind) {
    case FileKind::kPdf:
      return ext == "pdf";
    case FileKind::kJpeg:
      return ext == "jpg" || ext == "jpeg" || ext == "jpe" || ext == "jfif";
    case FileKind::kPng:
      return ext == "png";
  }
  return false;
}

PreparedDocument PrepareDocument(std::string_view bytes, std::string_view uploaded_name,
                                 const std::vector<FileKind>& allowed, const DocumentLimits& limits,
                                 std::string_view fallback_stem) {
  const UploadVerdict verdict = CheckUpload(bytes, allowed, limits.max_bytes);
  if (!verdict.ok()) return Refuse(FromUpload(verdict.problem), uploaded_name);
  if (!ExtensionAgrees(uploaded_name, verdict.kind)) {
    return Refuse(DocumentProblem::kExtensionMismatch, uploaded_name);
  }
  PreparedDocument out;
  out.kind = verdict.kind;
  if (verdict.kind == FileKind::kPdf) {
    const PdfReport report = InspectPdf(bytes);
    if (!report.ok()) return Refuse(FromPdf(report.problem), uploaded_name);
    out.bytes.assign(bytes);
    out.pages = report.pages;
  } else {
    SanitizedImage image = SanitizeImage(bytes, verdict.kind, limits.image, limits.jpeg_quality);
    if (!image.ok()) return Refuse(FromImage(image.problem), uploaded_name);
    out.bytes = std::move(image.bytes);
    out.pages = 1;
  }
  out.display_name = SafeDisplayName(uploaded_name, verdict.kind, fallback_stem);
  return out;
}

std::string_view DocumentProblemName(DocumentProblem problem) {
  switch (problem) {
    case DocumentProblem::kNone:
      return "";
    case DocumentProblem::kEmpty:
      return "empty";
    case DocumentProblem::kTooBig:
      return "too_big";
    case DocumentProblem::kUnsupportedType:
      return "unsupported_type";
    case DocumentProblem::kDamaged:
      return "damaged";
    case DocumentProblem::kExtensionMismatch:
      return "extension_mismatch";
    case DocumentProblem::kTooManyPixels:
      return "too_many_pixels";
    case DocumentProblem::kEncrypted:
      return "encrypted";
    case DocumentProblem::kJavascript:
      return "javascript";
    case DocumentProblem::kActiveContent:
      return "active_content";
  }
  return "";
}

}  // namespace lumbung::uploads
