#include "card/card_image.h"

#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <ft2build.h>
#include FT_FREETYPE_H

#include <map>
#include <memory>
#include <mutex>

namespace lumbung::card {
namespace {

constexpr double kPointsPerMm = 72.0 / 25.4;
constexpr double kMeasureSize = 100.0;  // measured large, scaled linearly (no hinting)

// One cairo font face per font file for the life of the process. cairo keeps faces in its own
// caches for an unknown time and the FreeType face must outlive every use, so they are never
// freed; cairo serialises its own use of the FreeType face, so threads may share it.
cairo_font_face_t* FontFace(const std::filesystem::path& font_file) {
  static std::mutex mutex;
  static FT_Library library = nullptr;
  static std::map<std::string, cairo_font_face_t*> faces;
  const std::lock_guard<std::mutex> lock(mutex);
  if (auto it = faces.find(font_file.string()); it != faces.end()) return it->second;
  if (!std::filesystem::is_regular_file(font_file)) {
    throw CardImageError("card image: font file not found: " + font_file.string() +
                         " (config card.font_file)");
  }
  if (!library && FT_Init_FreeType(&library) != 0) {
    library = nullptr;
    throw CardImageError("card image: FreeType did not start");
  }
  FT_Face ft_face = nullptr;
  if (FT_New_Face(library, font_file.c_str(), 0, &ft_face) != 0) {
    throw CardImageError("card image: not a usable font: " + font_file.string() +
                         " (config card.font_file)");
  }
  cairo_font_face_t* face = cairo_ft_font_face_create_for_ft_face(ft_face, 0);
  if (cairo_font_face_status(face) != CAIRO_STATUS_SUCCESS) {
    cairo_font_face_destroy(face);
    FT_Done_Face(ft_face);
    throw CardImageError("card image: cairo cannot use the font " + font_file.string());
  }
  faces.emplace(font_file.string(), face);
  return face;
}

// Unhinted outlines and metrics: text is as wide at every scale, so what LayOutCard measured is
// what the PNG and the PDF draw.
std::unique_ptr<cairo_font_options_t, void (*)(cairo_font_options_t*)> FontOptions() {
  std::unique_ptr<cairo_font_options_t, void (*)(cairo_font_options_t*)> options(
      cairo_font_options_create(), cairo_font_options_destroy);
  cairo_font_options_set_hint_metrics(options.get(), CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options.get(), CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias(options.get(), CAIRO_ANTIALIAS_GRAY);
  return options;
}

void Check(cairo_status_t status, const char* what) {
  if (status != CAIRO_STATUS_SUCCESS) {
    throw CardImageError(std::string("card image: ") + what + ": " +
                         cairo_status_to_string(status));
  }
}

void SetColour(cairo_t* cr, const Colour& colour) {
  cairo_set_source_rgb(cr, colour.r, colour.g, colour.b);
}

// Draws `layout` in millimetres: the caller has scaled the context to the device.
void Draw(cairo_t* cr, const CardLayout& layout, cairo_font_face_t* face) {
  for (const Box& box : layout.boxes) {
    SetColour(cr, box.colour);
    if (box.stroke > 0) {
      cairo_set_line_width(cr, box.stroke);
      cairo_rectangle(cr, box.x, box.y, box.width, box.height);
      cairo_stroke(cr);
    } else {
      cairo_rectangle(cr, box.x, box.y, box.width, box.height);
      cairo_fill(cr);
    }
  }
  const Box& area = layout.qr_area;
  SetColour(cr, area.colour);
  cairo_rectangle(cr, area.x, area.y, area.width, area.height);
  cairo_fill(cr);
  // The modules as one path filled once: no seams between neighbouring runs, and no
  // anti-aliased grey edges for a camera to misread.
  cairo_save(cr);
  cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
  for (const Box& module : layout.qr_modules) {
    cairo_rectangle(cr, module.x, module.y, module.width, module.height);
  }
  if (!layout.qr_modules.empty()) SetColour(cr, layout.qr_modules.front().colour);
  cairo_fill(cr);
  cairo_restore(cr);

  const auto options = FontOptions();
  cairo_set_font_options(cr, options.get());
  cairo_set_font_face(cr, face);
  for (const TextRun& run : layout.texts) {
    if (run.text.empty()) continue;
    SetColour(cr, run.colour);
    cairo_set_font_size(cr, run.size);
    cairo_move_to(cr, run.x, run.y);
    cairo_show_text(cr, run.text.c_str());
  }
  Check(cairo_status(cr), "drawing");
}

cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

using Surface = std::unique_ptr<cairo_surface_t, void (*)(cairo_surface_t*)>;
using Context = std::unique_ptr<cairo_t, void (*)(cairo_t*)>;

}  // namespace

Measure FontMeasure(const std::filesystem::path& font_file) {
  cairo_font_face_t* face = FontFace(font_file);
  cairo_matrix_t size, identity;
  cairo_matrix_init_scale(&size, kMeasureSize, kMeasureSize);
  cairo_matrix_init_identity(&identity);
  const auto options = FontOptions();
  std::shared_ptr<cairo_scaled_font_t> font(
      cairo_scaled_font_create(face, &size, &identity, options.get()), cairo_scaled_font_destroy);
  Check(cairo_scaled_font_status(font.get()), "measuring text");
  return [font](std::string_view text, double em) {
    const std::string copy(text);  // cairo wants a NUL-terminated string
    cairo_text_extents_t extents;
    cairo_scaled_font_text_extents(font.get(), copy.c_str(), &extents);
    return extents.x_advance * em / kMeasureSize;
  };
}

std::string RenderCardPng(const CardLayout& layout, const std::filesystem::path& font_file) {
  cairo_font_face_t* face = FontFace(font_file);
  Surface surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, kPngWidth, kPngHeight),
                  cairo_surface_destroy);
  Check(cairo_surface_status(surface.get()), "making the image");
  Context cr(cairo_create(surface.get()), cairo_destroy);
  cairo_scale(cr.get(), kPngWidth / layout.width, kPngWidth / layout.width);
  Draw(cr.get(), layout, face);
  cr.reset();
  std::string png;
  Check(cairo_surface_write_to_png_stream(surface.get(), Append, &png), "writing the PNG");
  return png;
}

std::string RenderCardPdf(const CardLayout& layout, const std::filesystem::path& font_file,
                          const std::string& title, const std::string& author) {
  cairo_font_face_t* face = FontFace(font_file);
  std::string pdf;
  Surface surface(cairo_pdf_surface_create_for_stream(Append, &pdf, layout.width * kPointsPerMm,
                                                      layout.height * kPointsPerMm),
                  cairo_surface_destroy);
  Check(cairo_surface_status(surface.get()), "making the PDF");
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_AUTHOR, author.c_str());
  cairo_pdf_surface_set_metadata(surface.get(), CAIRO_PDF_METADATA_CREATOR, "Lumbung");
  Context cr(cairo_create(surface.get()), cairo_destroy);
  cairo_scale(cr.get(), kPointsPerMm, kPointsPerMm);
  Draw(cr.get(), layout, face);
  cairo_show_page(cr.get());
  cr.reset();
  cairo_surface_finish(surface.get());
  Check(cairo_surface_status(surface.get()), "writing the PDF");
  return pdf;
}

}  // namespace lumbung::card
