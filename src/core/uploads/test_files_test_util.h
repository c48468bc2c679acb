// Small files of each kind for the uploads tests (and the features that reuse them).
#pragma once

#include <string>

#include "core/security/encoding.h"

namespace lumbung::uploads::testing {

inline std::string MinimalPdf() {
  return "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
         "2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
         "trailer\n<< /Root 1 0 R >>\n%%EOF\n";
}

// A 1x1 PNG (standard test image), decoded from base64.
inline std::string MinimalPng() {
  return *security::Base64UrlDecode(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYI"
      "I");
}

// SOI, APP0 (JFIF), a baseline frame of 1x1 with one component, a scan and EOI.
inline std::string MinimalJpeg() {
  const unsigned char bytes[] = {
      0xFF, 0xD8,                                                              // SOI
      0xFF, 0xE0, 0x00, 0x10, 'J',  'F',  'I',  'F',  0x00, 0x01, 0x01, 0x00,  // APP0
      0x00, 0x01, 0x00, 0x01, 0x00, 0x00,                                      //
      0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x01, 0x00, 0x01, 0x01, 0x01, 0x11,  // SOF0 1x1
      0x00,                                                                    //
      0xFF, 0xDA, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3F, 0x00,              // SOS
      0x12, 0x34, 0xFF, 0x00, 0x56,                                            // scan data
      0xFF, 0xD9};                                                             // EOI
  return std::string(reinterpret_cast<const char*>(bytes), sizeof bytes);
}

}  // namespace lumbung::uploads::testing
