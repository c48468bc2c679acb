#include "card/qr_matrix.h"

#include <qrencode.h>

#include <cerrno>
#include <climits>
#include <memory>
#include <stdexcept>

namespace lumbung::card {
namespace {

struct QrCodeFree {
  void operator()(QRcode* code) const noexcept { QRcode_free(code); }
};

}  // namespace

QrMatrix EncodeQr(std::string_view text) {
  if (text.empty() || text.size() > static_cast<std::size_t>(INT_MAX)) {
    throw std::invalid_argument("card qr: nothing to encode");
  }
  errno = 0;
  const std::unique_ptr<QRcode, QrCodeFree> code(
      QRcode_encodeData(static_cast<int>(text.size()),
                        reinterpret_cast<const unsigned char*>(text.data()), 0, QR_ECLEVEL_M));
  if (!code) {
    throw std::invalid_argument(errno == ERANGE ? "card qr: the text is too long for a QR code"
                                                : "card qr: the text cannot be encoded");
  }
  QrMatrix matrix;
  matrix.size = code->width;
  matrix.dark.resize(static_cast<std::size_t>(code->width) * code->width);
  for (std::size_t i = 0; i < matrix.dark.size(); ++i) {
    matrix.dark[i] = (code->data[i] & 1) != 0;  // bit 0 is the colour; the rest is libqrencode's
  }
  return matrix;
}

}  // namespace lumbung::card
