#include "core/uploads/file_kind.h"

#include <algorithm>
#include <array>
#include <cstdint>

namespace lumbung::uploads {
namespace {

constexpr std::string_view kPngSignature("\x89PNG\r\n\x1a\n", 8);
// "%%EOF" must be this close to the end: writers may add a line end or a little padding.
constexpr std::size_t kPdfTailBytes = 1024;

std::uint8_t Byte(std::string_view bytes, std::size_t at) {
  return static_cast<std::uint8_t>(bytes[at]);
}

std::uint32_t BigEndian32(std::string_view bytes, std::size_t at) {
  return (std::uint32_t{Byte(bytes, at)} << 24) | (std::uint32_t{Byte(bytes, at + 1)} << 16) |
         (std::uint32_t{Byte(bytes, at + 2)} << 8) | std::uint32_t{Byte(bytes, at + 3)};
}

std::uint16_t BigEndian16(std::string_view bytes, std::size_t at) {
  return static_cast<std::uint16_t>((Byte(bytes, at) << 8) | Byte(bytes, at + 1));
}

// CRC-32 as PNG defines it (ISO 3309, the same as zlib's).
std::uint32_t Crc32(std::string_view data) {
  static const auto table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFu;
  for (unsigned char b : data) c = table[(c ^ b) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

// Start-of-frame markers: every SOFn but DHT (C4), JPG (C8) and DAC (CC).
bool IsStartOfFrame(std::uint8_t marker) {
  return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
}

// Markers that stand alone, without a length: TEM and RSTn.
bool IsStandalone(std::uint8_t marker) {
  return marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7);
}

bool ValidPngDepth(std::uint8_t colour, std::uint8_t depth) {
  switch (colour) {
    case 0:
      return depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
    case 3:
      return depth == 1 || depth == 2 || depth == 4 || depth == 8;
    case 2:
    case 4:
    case 6:
      return depth == 8 || depth == 16;
    default:
      return false;
  }
}

}  // namespace

bool LooksLike(std::string_view bytes, FileKind kind) {
  switch (kind) {
    case FileKind::kPdf:
      return bytes.substr(0, 5) == "%PDF-";
    case FileKind::kJpeg:
      return bytes.size() >= 3 && Byte(bytes, 0) == 0xFF && Byte(bytes, 1) == 0xD8 &&
             Byte(bytes, 2) == 0xFF;
    case FileKind::kPng:
      return bytes.substr(0, kPngSignature.size()) == kPngSignature;
  }
  return false;
}

bool IsWellFormedPdf(std::string_view bytes) {
  if (!LooksLike(bytes, FileKind::kPdf)) return false;
  // "%PDF-1.0" .. "%PDF-2.0": a digit, a dot, a digit.
  if (bytes.size() < 8 || bytes[5] < '1' || bytes[5] > '2' || bytes[6] != '.' || bytes[7] < '0' ||
      bytes[7] > '9') {
    return false;
  }
  const std::size_t from = bytes.size() > kPdfTailBytes ? bytes.size() - kPdfTailBytes : 8;
  return bytes.substr(from).find("%%EOF") != std::string_view::npos;
}

bool IsWellFormedJpeg(std::string_view bytes) {
  if (bytes.size() < 4 || Byte(bytes, 0) != 0xFF || Byte(bytes, 1) != 0xD8) return false;
  std::size_t at = 2;
  bool frame = false;
  while (at < bytes.size()) {
    if (Byte(bytes, at) != 0xFF) return false;  // segments follow each other directly
    while (at < bytes.size() && Byte(bytes, at) == 0xFF) ++at;  // fill bytes
    if (at >= bytes.size()) return false;
    const std::uint8_t marker = Byte(bytes, at++);
    if (marker == 0x00 || marker == 0xD8 || marker == 0xD9) return false;  // nothing scanned yet
    if (IsStandalone(marker)) continue;
    if (at + 2 > bytes.size()) return false;
    const std::uint16_t length = BigEndian16(bytes, at);
    if (length < 2 || at + length > bytes.size()) return false;
    if (IsStartOfFrame(marker)) {
      // precision, height, width, components, then 3 bytes per component.
      if (length < 8) return false;
      const std::uint16_t height = BigEndian16(bytes, at + 3);
      const std::uint16_t width = BigEndian16(bytes, at + 5);
      const std::uint8_t components = Byte(bytes, at + 7);
      if (height == 0 || width == 0 || components == 0 || length < 8 + 3 * components) {
        return false;
      }
      frame = true;
    }
    if (marker == 0xDA) {  // start of scan: entropy-coded data up to EOI
      if (!frame) return false;
      const std::size_t scan = at + length;
      const std::size_t end = bytes.rfind("\xFF\xD9");
      return end != std::string_view::npos && end >= scan;
    }
    at += length;
  }
  return false;
}

bool IsWellFormedPng(std::string_view bytes) {
  if (!LooksLike(bytes, FileKind::kPng)) return false;
  std::size_t at = kPngSignature.size();
  bool first = true, data = false;
  while (at + 12 <= bytes.size()) {
    const std::uint32_t length = BigEndian32(bytes, at);
    if (length > 0x7FFFFFFFu || bytes.size() - at - 12 < length) return false;
    const std::string_view type = bytes.substr(at + 4, 4);
    const std::string_view body = bytes.substr(at + 8, length);
    if (Crc32(bytes.substr(at + 4, 4 + length)) != BigEndian32(bytes, at + 8 + length)) {
      return false;
    }
    if (first) {
      if (type != "IHDR" || length != 13) return false;
      const std::uint32_t width = BigEndian32(body, 0), height = BigEndian32(body, 4);
      if (width == 0 || height == 0 || width > 0x7FFFFFFFu || height > 0x7FFFFFFFu) return false;
      if (!ValidPngDepth(Byte(body, 9), Byte(body, 8))) return false;
      if (Byte(body, 10) != 0 || Byte(body, 11) != 0 || Byte(body, 12) > 1) return false;
      first = false;
    } else if (type == "IHDR") {
      return false;
    }
    if (type == "IDAT") data = true;
    at += 12 + length;
    if (type == "IEND") return data && length == 0;
  }
  return false;  // no IEND: cut short
}

UploadVerdict CheckUpload(std::string_view bytes, const std::vector<FileKind>& allowed,
                          std::size_t max_bytes) {
  if (bytes.empty()) return {UploadProblem::kEmpty};
  if (bytes.size() > max_bytes) return {UploadProblem::kTooBig};
  for (FileKind kind : allowed) {
    if (!LooksLike(bytes, kind)) continue;
    const bool whole = kind == FileKind::kPdf    ? IsWellFormedPdf(bytes)
                       : kind == FileKind::kJpeg ? IsWellFormedJpeg(bytes)
                                                 : IsWellFormedPng(bytes);
    if (!whole) return {UploadProblem::kDamaged, kind};
    return {UploadProblem::kNone, kind};
  }
  return {UploadProblem::kUnsupportedType};
}

std::string_view ContentType(FileKind kind) {
  switch (kind) {
    case FileKind::kPdf:
      return "application/pdf";
    case FileKind::kJpeg:
      return "image/jpeg";
    case FileKind::kPng:
      return "image/png";
  }
  return "application/octet-stream";
}

std::string_view Extension(FileKind kind) {
  switch (kind) {
    case FileKind::kPdf:
      return "pdf";
    case FileKind::kJpeg:
      return "jpg";
    case FileKind::kPng:
      return "png";
  }
  return "bin";
}

std::string_view KindName(FileKind kind) {
  switch (kind) {
    case FileKind::kPdf:
      return "pdf";
    case FileKind::kJpeg:
      return "jpeg";
    case FileKind::kPng:
      return "png";
  }
  return "";
}

bool ParseKindName(std::string_view name, FileKind* kind) {
  for (FileKind k : {FileKind::kPdf, FileKind::kJpeg, FileKind::kPng}) {
    if (KindName(k) == name) {
      *kind = k;
      return true;
    }
  }
  return false;
}

std::string_view ProblemName(UploadProblem problem) {
  switch (problem) {
    case UploadProblem::kNone:
      return "";
    case UploadProblem::kEmpty:
      return "empty";
    case UploadProblem::kTooBig:
      return "too_big";
    case UploadProblem::kUnsupportedType:
      return "unsupported_type";
    case UploadProblem::kDamaged:
      return "damaged";
  }
  return "";
}

}  // namespace lumbung::uploads
