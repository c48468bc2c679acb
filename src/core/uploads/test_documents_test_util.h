// Images and PDFs for the tests of the claim-document pipeline, made on the spot with the same
// libraries the code uses (libvips, qpdf, zlib): photos carrying EXIF with a GPS position,
// XMP and comments, a PNG decompression bomb, PDFs written as text with a correct xref table
// and encrypted PDFs. Nothing is read from disk or the network.
#pragma once

#include <vips/vips.h>
#include <zlib.h>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFWriter.hh>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/uploads/image_sanitizer.h"

namespace lumbung::uploads::testing {

// Whether `haystack` holds `needle` anywhere (bytes, not text).
inline bool Holds(const std::string& haystack, std::string_view needle) {
  return haystack.find(needle) != std::string::npos;
}

// A width x height RGB image with some variation in it, encoded by libvips as `kind` with no
// metadata of its own.
inline std::string PlainImage(FileKind kind, int width, int height) {
  EnsureImageLibrary();
  VipsImage* xyz = nullptr;
  VipsImage* image = nullptr;
  if (vips_xyz(&xyz, width, height, nullptr) != 0) throw std::runtime_error("vips_xyz");
  // Two bands of coordinates and one of their sum, as bytes: a smooth picture.
  VipsImage* sum = nullptr;
  VipsImage* bands[3] = {nullptr, nullptr, nullptr};
  vips_extract_band(xyz, &bands[0], 0, nullptr);
  vips_extract_band(xyz, &bands[1], 1, nullptr);
  vips_add(bands[0], bands[1], &bands[2], nullptr);
  vips_bandjoin(bands, &sum, 3, nullptr);
  vips_cast_uchar(sum, &image, nullptr);
  for (VipsImage* i : {xyz, bands[0], bands[1], bands[2], sum}) g_object_unref(i);
  void* buffer = nullptr;
  std::size_t length = 0;
  const int rc = kind == FileKind::kJpeg
                     ? vips_jpegsave_buffer(image, &buffer, &length, "strip", TRUE, nullptr)
                     : vips_pngsave_buffer(image, &buffer, &length, "strip", TRUE, nullptr);
  g_object_unref(image);
  if (rc != 0) throw std::runtime_error("vips save");
  std::string out(static_cast<const char*>(buffer), length);
  g_free(buffer);
  return out;
}

// The decoded image's size and whether it carries any EXIF or XMP, by libvips' own reading.
struct Decoded {
  bool ok = false;
  int width = 0;
  int height = 0;
  bool exif = false;
  bool gps = false;
  bool xmp = false;
  bool icc = false;
};

inline Decoded Decode(const std::string& bytes) {
  EnsureImageLibrary();
  Decoded d;
  VipsImage* image = vips_image_new_from_buffer(bytes.data(), bytes.size(), "", nullptr);
  if (!image) {
    vips_error_clear();
    return d;
  }
  VipsImage* memory = vips_image_copy_memory(image);  // every pixel, or a failure
  d.ok = memory != nullptr;
  d.width = vips_image_get_width(image);
  d.height = vips_image_get_height(image);
  d.exif = vips_image_get_typeof(image, VIPS_META_EXIF_NAME) != 0;
  d.gps = vips_image_get_typeof(image, "exif-ifd3-GPSLatitude") != 0;
  d.xmp = vips_image_get_typeof(image, VIPS_META_XMP_NAME) != 0;
  d.icc = vips_image_get_typeof(image, VIPS_META_ICC_NAME) != 0;
  if (memory) g_object_unref(memory);
  g_object_unref(image);
  vips_error_clear();
  return d;
}

// EXIF as a little-endian TIFF structure: IFD0 with the orientation and a pointer to the GPS
// IFD, which holds 6°10'S 106°49'E (Jakarta) and the owner's name as the GPS processing method.
inline std::string ExifWithGps(std::uint16_t orientation) {
  std::string t;
  const auto u16 = [&](std::uint32_t v) {
    t += static_cast<char>(v & 0xFF);
    t += static_cast<char>((v >> 8) & 0xFF);
  };
  const auto u32 = [&](std::uint32_t v) {
    u16(v & 0xFFFF);
    u16(v >> 16);
  };
  const auto entry = [&](std::uint16_t tag, std::uint16_t type, std::uint32_t count,
                         std::uint32_t value) { u16(tag), u16(type), u32(count), u32(value); };
  const std::uint32_t ifd0 = 8, ifd0_size = 2 + 2 * 12 + 4;
  const std::uint32_t gps = ifd0 + ifd0_size, gps_size = 2 + 4 * 12 + 4;
  const std::uint32_t latitude = gps + gps_size, longitude = latitude + 24;
  t += "II";
  u16(42);
  u32(ifd0);
  u16(2);
  entry(0x0112, 3, 1, orientation);  // Orientation, SHORT inline
  entry(0x8825, 4, 1, gps);          // GPSInfo IFD pointer
  u32(0);
  u16(4);
  entry(0x0001, 2, 2, 'S');  // GPSLatitudeRef "S"
  entry(0x0002, 5, 3, latitude);
  entry(0x0003, 2, 2, 'E');  // GPSLongitudeRef "E"
  entry(0x0004, 5, 3, longitude);
  u32(0);
  for (std::uint32_t v : {6u, 1u, 10u, 1u, 0u, 1u, 106u, 1u, 49u, 1u, 0u, 1u}) u32(v);
  return t;
}

inline std::string JpegSegment(unsigned char marker, const std::string& body) {
  const std::size_t length = body.size() + 2;
  std::string s = {'\xFF', static_cast<char>(marker), static_cast<char>(length >> 8),
                   static_cast<char>(length & 0xFF)};
  return s + body;
}

// A JPEG from a phone as it arrives: EXIF with GPS and orientation 6 (to be turned 90° to show
// upright), XMP, an ICC profile that is not one, and a comment, each carrying a marker text.
inline std::string JpegWithMetadata(int width, int height, std::uint16_t orientation = 6) {
  const std::string plain = PlainImage(FileKind::kJpeg, width, height);
  std::string segments;
  segments += JpegSegment(0xE1, std::string("Exif\0\0", 6) + ExifWithGps(orientation));
  segments += JpegSegment(0xE1, std::string("http://ns.adobe.com/xap/1.0/\0", 29) +
                                    "<x:xmpmeta xmlns:x='adobe:ns:meta/'>secret-xmp-siti"
                                    "</x:xmpmeta>");
  segments += JpegSegment(0xE2, std::string("ICC_PROFILE\0\x01\x01", 14) + "secret-icc-siti");
  segments += JpegSegment(0xFE, "secret-comment-siti");
  return plain.substr(0, 2) + segments + plain.substr(2);
}

inline std::string PngChunk(const std::string& type, const std::string& data) {
  std::string c;
  const std::uint32_t length = static_cast<std::uint32_t>(data.size());
  for (int shift : {24, 16, 8, 0}) c += static_cast<char>((length >> shift) & 0xFF);
  const std::string body = type + data;
  c += body;
  const std::uint32_t crc = static_cast<std::uint32_t>(
      crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size())));
  for (int shift : {24, 16, 8, 0}) c += static_cast<char>((crc >> shift) & 0xFF);
  return c;
}

// A PNG with a text chunk and EXIF (eXIf, with GPS) after its header, each with a marker text.
inline std::string PngWithMetadata(int width, int height) {
  const std::string plain = PlainImage(FileKind::kPng, width, height);
  const std::size_t after_header = 8 + 25;
  return plain.substr(0, after_header) +
         PngChunk("tEXt", std::string("Comment\0secret-text-siti", 24)) +
         PngChunk("eXIf", ExifWithGps(1)) + plain.substr(after_header);
}

// A valid PNG of width x height one-bit grey pixels, all zero: a few dozen kilobytes that would
// decode to width x height pixels (20000 x 20000: 400 million).
inline std::string PngBomb(std::uint32_t width, std::uint32_t height) {
  std::string header;
  for (std::uint32_t v : {width, height})
    for (int shift : {24, 16, 8, 0}) header += static_cast<char>((v >> shift) & 0xFF);
  header += std::string("\x01\x00\x00\x00\x00", 5);  // depth 1, grey, deflate, none, no interlace
  z_stream z{};
  if (deflateInit(&z, 9) != Z_OK) throw std::runtime_error("deflateInit");
  const std::size_t row_bytes = 1 + (width + 7) / 8;  // filter byte and the bits
  const std::vector<unsigned char> zeros(row_bytes * 64, 0);
  std::string compressed;
  unsigned char out[65536];
  const auto pump = [&](int flush) {
    do {
      z.next_out = out;
      z.avail_out = sizeof out;
      deflate(&z, flush);
      compressed.append(reinterpret_cast<char*>(out), sizeof out - z.avail_out);
    } while (z.avail_out == 0);
  };
  for (std::uint32_t row = 0; row < height; row += 64) {
    const std::uint32_t rows = std::min<std::uint32_t>(64, height - row);
    z.next_in = const_cast<unsigned char*>(zeros.data());
    z.avail_in = static_cast<uInt>(rows * row_bytes);
    pump(Z_NO_FLUSH);
  }
  pump(Z_FINISH);
  deflateEnd(&z);
  return std::string("\x89PNG\r\n\x1a\n", 8) + PngChunk("IHDR", header) +
         PngChunk("IDAT", compressed) + PngChunk("IEND", "");
}

// A PDF written as text from its objects (object i+1 is objects[i]), with a correct xref table
// and `trailer_extra` added to the trailer dictionary.
inline std::string TextPdf(const std::vector<std::string>& objects,
                           const std::string& trailer_extra = "") {
  std::string pdf = "%PDF-1.7\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const std::size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (std::size_t offset : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) + " /Root 1 0 R " +
         trailer_extra + " >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

// A one-page letter: catalog (1), pages (2), the page (3) with `page_extra` in its dictionary,
// its text (4), a font (5); `catalog_extra` goes into the catalog and `more` are objects 6...
inline std::string LetterPdf(const std::string& catalog_extra = "",
                             const std::string& page_extra = "",
                             const std::vector<std::string>& more = {}) {
  const std::string text = "BT /F1 12 Tf 72 720 Td (Surat keterangan kerja) Tj ET";
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R " + catalog_extra + " >>",
      "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
      "/Resources << /Font << /F1 5 0 R >> >> " +
          page_extra + " >>",
      "<< /Length " + std::to_string(text.size()) + " >>\nstream\n" + text + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
  objects.insert(objects.end(), more.begin(), more.end());
  return TextPdf(objects);
}

// `pdf` encrypted with AES-256 under the given user password ("" opens without one) and an
// owner password, as qpdf writes it.
inline std::string EncryptedPdf(const std::string& pdf, const std::string& user_password) {
  QPDF q;
  q.setSuppressWarnings(true);
  q.processMemoryFile("letter", pdf.data(), pdf.size());
  QPDFWriter w(q);
  w.setOutputMemory();
  w.setR6EncryptionParameters(user_password.c_str(), "owner-secret", true, true, true, true, true,
                              true, qpdf_r3p_full, true);
  w.write();
  auto buffer = w.getBufferSharedPointer();
  return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
}

}  // namespace lumbung::uploads::testing
