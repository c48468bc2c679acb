#include "card/qr_matrix.h"

#include <gtest/gtest.h>

#include <string>

namespace lumbung::card {
namespace {

// ISO/IEC 18004 finder pattern: a dark 7x7 ring, a light ring, a dark 3x3 centre.
void ExpectFinderAt(const QrMatrix& qr, int left, int top) {
  for (int y = 0; y < 7; ++y) {
    for (int x = 0; x < 7; ++x) {
      const bool ring = x == 0 || y == 0 || x == 6 || y == 6;
      const bool centre = x >= 2 && x <= 4 && y >= 2 && y <= 4;
      EXPECT_EQ(qr.Dark(left + x, top + y), ring || centre) << left + x << "," << top + y;
    }
  }
}

TEST(QrMatrix, TheSmallestSymbolWithFinderPatternsInThreeCorners) {
  const QrMatrix small = EncodeQr("kartu");
  EXPECT_EQ(small.size, 21) << "version 1 holds 14 bytes at level M";
  const QrMatrix qr = EncodeQr("https://x.example/");
  EXPECT_EQ(qr.size, 25) << "18 bytes need version 2";
  EXPECT_EQ(qr.dark.size(), 25u * 25u);
  ExpectFinderAt(qr, 0, 0);
  ExpectFinderAt(qr, 18, 0);
  ExpectFinderAt(qr, 0, 18);
}

TEST(QrMatrix, ACardAddressFitsInASymbolAPhoneReadsFromACard) {
  // public.url + "/verify/card/" + an 87-character token.
  const std::string url = "https://portal.dana-pekerja.example/verify/card/" + std::string(87, 'A');
  const QrMatrix qr = EncodeQr(url);
  EXPECT_LE(qr.size, 57) << "version 10 at most: modules stay large on a 30 mm code";
  ExpectFinderAt(qr, 0, 0);
}

TEST(QrMatrix, RefusesWhatNoQrCodeHolds) {
  EXPECT_THROW(EncodeQr(""), std::invalid_argument);
  EXPECT_THROW(EncodeQr(std::string(5000, 'a')), std::invalid_argument);
}

}  // namespace
}  // namespace lumbung::card
