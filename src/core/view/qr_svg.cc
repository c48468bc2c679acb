#include "core/view/qr_svg.h"

#include <qrencode.h>

#include <cerrno>
#include <climits>
#include <memory>
#include <stdexcept>

#include "core/view/escape.h"

namespace lumbung::view {
namespace {

constexpr int kQuietZone = 4;  // modules of white around the symbol (ISO/IEC 18004)

struct QrCodeFree {
  void operator()(QRcode* code) const noexcept { QRcode_free(code); }
};

}  // namespace

std::string QrSvg(std::string_view text, std::string_view accessible_label, int pixels_per_module) {
  if (pixels_per_module < 1 || pixels_per_module > 64) {
    throw std::invalid_argument("qr_svg: 1 to 64 pixels per module");
  }
  if (text.empty() || text.size() > static_cast<std::size_t>(INT_MAX)) {
    throw std::invalid_argument("qr_svg: nothing to encode");
  }
  // Version 0: the smallest symbol that holds the text. 8-bit mode keeps the bytes exactly as
  // given (URIs, UTF-8). Level M survives a smudged or glared phone screen reasonably.
  errno = 0;
  const std::unique_ptr<QRcode, QrCodeFree> code(
      QRcode_encodeData(static_cast<int>(text.size()),
                        reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M));
  if (!code) {
    throw std::invalid_argument(errno == ERANGE ? "qr_svg: the text is too long for a QR code"
                                                : "qr_svg: the text cannot be encoded");
  }
  const int width = code->width;
  const int modules = width + 2 * kQuietZone;
  const std::string size = std::to_string(modules);
  const std::string pixels = std::to_string(modules * pixels_per_module);

  std::string path;
  for (int y = 0; y < width; ++y) {
    const unsigned char* row = code->data + static_cast<std::ptrdiff_t>(y) * width;
    for (int x = 0; x < width;) {
      if ((row[x] & 1) == 0) {  // bit 0 is the module's colour; the others are libqrencode's
        ++x;
        continue;
      }
      int run = 1;
      while (x + run < width && (row[x + run] & 1) != 0) ++run;
      const std::string length = std::to_string(run);
      path += 'M';
      path += std::to_string(x + kQuietZone);
      path += ' ';
      path += std::to_string(y + kQuietZone);
      path += 'h';
      path += length;
      path += "v1h-";
      path += length;
      path += 'z';
      x += run;
    }
  }

  std::string svg = R"(<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 )";
  svg += size + ' ' + size + R"(" width=")" + pixels + R"(" height=")" + pixels;
  svg += R"(" shape-rendering="crispEdges" role="img" aria-label=")";
  svg += EscapeHtml(accessible_label);
  svg += R"("><rect width=")" + size + R"(" height=")" + size + R"(" fill="#fff"/>)";
  svg += R"(<path fill="#000" d=")" + path + R"("/></svg>)";
  return svg;
}

}  // namespace lumbung::view
