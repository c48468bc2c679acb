// The statement as a PDF (libharu): the layout of statement_layout.h drawn with one embedded
// TrueType font in UTF-8, so Indonesian names print as written and the text can be copied,
// searched and read by screen readers and pdftotext (the font carries a ToUnicode map).
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>

#include "statements/statement.h"

namespace lumbung::statements {

class PdfError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The PDF's bytes. `font_file` is a TrueType font covering the texts (config
// `statements.font_file`); `created_at` (epoch seconds) goes into the document's information.
// Throws PdfError naming libharu's error code (a missing or unusable font, for one).
std::string RenderStatementPdf(const StatementText& text, const std::filesystem::path& font_file,
                               std::int64_t created_at);

}  // namespace lumbung::statements
