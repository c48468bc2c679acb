// The certificate as a one-page A4 PDF (libharu, like the statements): the holder's name, the
// competency, issuer and dates, the public code in groups of four and the QR code of its
// verification page, so a printed copy can be checked by phone or by typing the code. One
// embedded TrueType font in UTF-8: names print as written and the text can be copied and read
// by pdftotext.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace lumbung::certificates {

struct CertificatePdfText {
  std::string fund_name;
  std::string title;   // "Sertifikat Kompetensi"
  std::string holder;  // the holder's full name (their own document)
  std::vector<std::pair<std::string, std::string>> facts;  // label, value
  std::string code_label;
  std::string code;  // grouped
  std::string verify_label;
  std::string verify_url;  // also the QR code's text
};

// The PDF's bytes. Throws std::runtime_error naming libharu's error code (a missing font, for
// one) and std::invalid_argument when the URL cannot be a QR code.
std::string RenderCertificatePdf(const CertificatePdfText& text,
                                 const std::filesystem::path& font_file);

}  // namespace lumbung::certificates
