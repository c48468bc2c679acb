#include "statements/statement_pdf.h"

#include <hpdf.h>
#include "core/i18n/fund_time.h"

#include <cstdio>
#include <ctime>
#include <memory>
#include <type_traits>

#include "statements/statement_layout.h"

namespace lumbung::statements {
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
  std::snprintf(message, sizeof message, "statement pdf: %s failed (libharu error 0x%04X, %u)",
                what, static_cast<unsigned>(errors.code), static_cast<unsigned>(errors.detail));
  throw PdfError(message);
}

HPDF_Date WibDate(std::int64_t epoch_seconds) {
  const i18n::FundZone zone = i18n::CurrentFundZone();
  const i18n::FundClock clock = i18n::FundClockAt(epoch_seconds, zone);
  HPDF_Date date{};
  date.year = static_cast<int>(clock.day.year());
  date.month = static_cast<int>(static_cast<unsigned>(clock.day.month()));
  date.day = static_cast<int>(static_cast<unsigned>(clock.day.day()));
  date.hour = clock.hour;
  date.minutes = clock.minute;
  date.seconds = clock.second;
  date.ind = '+';
  date.off_hour = static_cast<int>(
      std::chrono::duration_cast<std::chrono::hours>(i18n::FundZoneOffset(zone)).count());
  date.off_minutes = 0;
  return date;
}

}  // namespace

std::string RenderStatementPdf(const StatementText& text, const std::filesystem::path& font_file,
                               std::int64_t created_at) {
  Errors errors;
  std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, void (*)(HPDF_Doc)> pdf(
      HPDF_New(OnError, &errors), HPDF_Free);
  if (!pdf) throw PdfError("statement pdf: libharu could not start a document");
  HPDF_Doc doc = pdf.get();
  HPDF_SetCompressionMode(doc, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(doc);
  HPDF_SetCurrentEncoder(doc, "UTF-8");
  Check(errors, "UTF-8 encoding");
  if (!std::filesystem::is_regular_file(font_file)) {
    throw PdfError("statement pdf: font file not found: " + font_file.string() +
                   " (config statements.font_file)");
  }
  // Embedded: the reader needs no font of its own, and libharu writes only the glyphs used.
  const char* font_name = HPDF_LoadTTFontFromFile(doc, font_file.c_str(), HPDF_TRUE);
  Check(errors, "loading the font");
  HPDF_Font font = font_name ? HPDF_GetFont(doc, font_name, "UTF-8") : nullptr;
  Check(errors, "using the font");
  if (!font) throw PdfError("statement pdf: unusable font " + font_file.string());

  // Document information: readers show the title; the author is the issuing fund.
  HPDF_SetInfoAttr(doc, HPDF_INFO_TITLE, text.title.c_str());
  HPDF_SetInfoAttr(doc, HPDF_INFO_AUTHOR, text.fund_name.c_str());
  HPDF_SetInfoAttr(doc, HPDF_INFO_CREATOR, "Lumbung");
  HPDF_SetInfoDateAttr(doc, HPDF_INFO_CREATION_DATE, WibDate(created_at));
  Check(errors, "document information");

  const Measure measure = [font](std::string_view s, double size) {
    const HPDF_TextWidth w = HPDF_Font_TextWidth(font, reinterpret_cast<const HPDF_BYTE*>(s.data()),
                                                 static_cast<HPDF_UINT>(s.size()));
    return static_cast<double>(w.width) * size / 1000.0;
  };
  const PageSize size;
  for (const LayoutPage& laid : LayOutStatement(text, measure, size)) {
    HPDF_Page page = HPDF_AddPage(doc);
    HPDF_Page_SetWidth(page, static_cast<HPDF_REAL>(size.width));
    HPDF_Page_SetHeight(page, static_cast<HPDF_REAL>(size.height));
    for (const Line& line : laid.lines) {
      HPDF_Page_SetLineWidth(page, static_cast<HPDF_REAL>(line.width));
      HPDF_Page_MoveTo(page, static_cast<HPDF_REAL>(line.x1), static_cast<HPDF_REAL>(line.y1));
      HPDF_Page_LineTo(page, static_cast<HPDF_REAL>(line.x2), static_cast<HPDF_REAL>(line.y2));
      HPDF_Page_Stroke(page);
    }
    HPDF_Page_BeginText(page);
    for (const TextRun& run : laid.texts) {
      if (run.text.empty()) continue;
      HPDF_Page_SetFontAndSize(page, font, static_cast<HPDF_REAL>(run.size));
      const double x = run.align == Align::kRight ? run.x - measure(run.text, run.size) : run.x;
      HPDF_Page_TextOut(page, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(run.y),
                        run.text.c_str());
    }
    HPDF_Page_EndText(page);
    Check(errors, "drawing a page");
  }

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

}  // namespace lumbung::statements
