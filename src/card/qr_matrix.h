// The modules of a QR code, for drawing it in the card's PNG and PDF (card_image.h). The web
// page uses core/view/qr_svg.h; both encode the same way (libqrencode, 8-bit mode, error
// correction level M), so a phone reads the printed card and the page alike.
#pragma once

#include <string_view>
#include <vector>

namespace lumbung::card {

struct QrMatrix {
  int size = 0;            // modules per side, without the quiet zone
  std::vector<bool> dark;  // size * size, row by row from the top left

  bool Dark(int x, int y) const { return dark[static_cast<std::size_t>(y) * size + x]; }
};

inline constexpr int kQrQuietZone = 4;  // white modules around the symbol (ISO/IEC 18004)

// The smallest symbol that holds `text`. Throws std::invalid_argument when the text is empty or
// too long for a QR code.
QrMatrix EncodeQr(std::string_view text);

}  // namespace lumbung::card
