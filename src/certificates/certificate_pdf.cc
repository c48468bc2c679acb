#include "certificates/certificate_pdf.h"

#include <hpdf.h>

#include <cstdio>
#include <memory>
#include <stdexcept>
#include <type_traits>

#include "card/qr_matrix.h"

namespace lumbung::certificates {
namespace {

// libharu reports errors through a C callback; throwing through its C frames is not safe, so the
// first error is kept and checked after each step that matters.
struct Errors {
  HPDF_STATUS code = HPDF_OK;
  HPDF_STATUS detail = 0;
};

void OnError(HPDF_STATUS code, HPDF_STATUS detail, void* user) {
  auto* errors = static_cast<Errors*>(user);
  if (errors->code == HPDF_OK) {
    errors->code = code;
    errors->detail = detail;
  }
}

void Check(const Errors& errors, const char* what) {
  if (errors.code == HPDF_OK) return;
  char message[128];
  std::snprintf(message, sizeof message, "certificate pdf: %s failed (libharu error 0x%04X, %u)",
                what, static_cast<unsigned>(errors.code), static_cast<unsigned>(errors.detail));
  throw std::runtime_error(message);
}

constexpr double kWidth = 595.276;  // A4 in points
constexpr double kHeight = 841.89;
constexpr double kMargin = 56.0;

}  // namespace

std::string RenderCertificatePdf(const CertificatePdfText& text,
                                 const std::filesystem::path& font_file) {
  const card::QrMatrix qr = card::EncodeQr(text.verify_url);
  Errors errors;
  std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, void (*)(HPDF_Doc)> pdf(
      HPDF_New(OnError, &errors), HPDF_Free);
  if (!pdf) throw std::runtime_error("certificate pdf: libharu could not start a document");
  HPDF_Doc doc = pdf.get();
  HPDF_SetCompressionMode(doc, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(doc);
  HPDF_SetCurrentEncoder(doc, "UTF-8");
  Check(errors, "UTF-8 encoding");
  if (!std::filesystem::is_regular_file(font_file)) {
    throw std::runtime_error("certificate pdf: font file not found: " + font_file.string());
  }
  const char* font_name = HPDF_LoadTTFontFromFile(doc, font_file.c_str(), HPDF_TRUE);
  Check(errors, "loading the font");
  HPDF_Font font = font_name ? HPDF_GetFont(doc, font_name, "UTF-8") : nullptr;
  Check(errors, "using the font");
  if (!font) throw std::runtime_error("certificate pdf: unusable font " + font_file.string());

  HPDF_SetInfoAttr(doc, HPDF_INFO_TITLE, text.title.c_str());
  HPDF_SetInfoAttr(doc, HPDF_INFO_AUTHOR, text.fund_name.c_str());
  HPDF_SetInfoAttr(doc, HPDF_INFO_CREATOR, "Lumbung");
  Check(errors, "document information");

  HPDF_Page page = HPDF_AddPage(doc);
  HPDF_Page_SetWidth(page, static_cast<HPDF_REAL>(kWidth));
  HPDF_Page_SetHeight(page, static_cast<HPDF_REAL>(kHeight));

  auto width_of = [font](const std::string& s, double size) {
    const HPDF_TextWidth w = HPDF_Font_TextWidth(font, reinterpret_cast<const HPDF_BYTE*>(s.data()),
                                                 static_cast<HPDF_UINT>(s.size()));
    return static_cast<double>(w.width) * size / 1000.0;
  };
  auto centred = [&](const std::string& s, double size, double y) {
    if (s.empty()) return;
    HPDF_Page_SetFontAndSize(page, font, static_cast<HPDF_REAL>(size));
    HPDF_Page_TextOut(page, static_cast<HPDF_REAL>((kWidth - width_of(s, size)) / 2),
                      static_cast<HPDF_REAL>(y), s.c_str());
  };
  auto left = [&](const std::string& s, double size, double x, double y) {
    if (s.empty()) return;
    HPDF_Page_SetFontAndSize(page, font, static_cast<HPDF_REAL>(size));
    HPDF_Page_TextOut(page, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y), s.c_str());
  };

  // A frame around the page, as printed certificates have.
  HPDF_Page_SetLineWidth(page, 2);
  HPDF_Page_Rectangle(page, static_cast<HPDF_REAL>(kMargin / 2),
                      static_cast<HPDF_REAL>(kMargin / 2), static_cast<HPDF_REAL>(kWidth - kMargin),
                      static_cast<HPDF_REAL>(kHeight - kMargin));
  HPDF_Page_Stroke(page);

  HPDF_Page_BeginText(page);
  double y = kHeight - kMargin - 40;
  centred(text.fund_name, 14, y);
  y -= 44;
  centred(text.title, 26, y);
  y -= 56;
  centred(text.holder, 20, y);
  y -= 48;
  for (const auto& [label, value] : text.facts) {
    left(label, 10, kMargin + 20, y);
    y -= 16;
    left(value, 13, kMargin + 20, y);
    y -= 26;
  }
  y -= 8;
  left(text.code_label, 10, kMargin + 20, y);
  y -= 18;
  left(text.code, 16, kMargin + 20, y);
  y -= 28;
  left(text.verify_label, 10, kMargin + 20, y);
  y -= 14;
  left(text.verify_url, 8, kMargin + 20, y);
  HPDF_Page_EndText(page);
  Check(errors, "writing the text");

  // The QR code in the lower right corner, with its quiet zone left white.
  const double module = 3.0;
  const double side = (qr.size + 2 * card::kQrQuietZone) * module;
  const double qx = kWidth - kMargin - side;
  const double qy = kMargin;
  HPDF_Page_SetRGBFill(page, 0, 0, 0);
  for (int row = 0; row < qr.size; ++row) {
    for (int col = 0; col < qr.size; ++col) {
      if (!qr.Dark(col, row)) continue;
      const double x = qx + (col + card::kQrQuietZone) * module;
      const double top = qy + side - (row + card::kQrQuietZone) * module;
      HPDF_Page_Rectangle(page, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(top - module),
                          static_cast<HPDF_REAL>(module), static_cast<HPDF_REAL>(module));
    }
  }
  HPDF_Page_Fill(page);
  Check(errors, "drawing the QR code");

  HPDF_SaveToStream(doc);
  Check(errors, "writing the document");
  std::string bytes;
  bytes.reserve(HPDF_GetStreamSize(doc));
  HPDF_ResetStream(doc);
  HPDF_BYTE buffer[8192];
  for (;;) {
    HPDF_UINT32 n = sizeof buffer;
    const HPDF_STATUS status = HPDF_ReadFromStream(doc, buffer, &n);
    bytes.append(reinterpret_cast<const char*>(buffer), n);
    if (status == HPDF_STREAM_EOF) break;
    if (status != HPDF_OK) {
      errors.code = status;
      Check(errors, "reading the document");
    }
  }
  return bytes;
}

}  // namespace lumbung::certificates
