#include "core/security/damm.h"

namespace lumbung::security {
namespace {

// The operation table of Damm's quasigroup (row: interim digit, column: next digit), as
// published with the algorithm; its diagonal is all zeros.
constexpr char kTable[10][10] = {{0, 3, 1, 7, 5, 9, 8, 6, 4, 2}, {7, 0, 9, 2, 1, 5, 4, 8, 6, 3},
                                 {4, 2, 0, 6, 8, 7, 1, 3, 5, 9}, {1, 7, 5, 0, 9, 8, 3, 4, 2, 6},
                                 {6, 1, 2, 3, 0, 4, 5, 9, 7, 8}, {3, 6, 7, 4, 2, 0, 9, 5, 8, 1},
                                 {5, 8, 6, 9, 7, 2, 0, 1, 3, 4}, {8, 9, 4, 5, 3, 6, 2, 0, 1, 7},
                                 {9, 4, 3, 8, 6, 1, 7, 2, 0, 5}, {2, 5, 8, 1, 4, 3, 6, 7, 9, 0}};

// The interim digit after `digits`, or -1 for an empty string or a non-digit.
int Interim(std::string_view digits) {
  if (digits.empty()) return -1;
  int interim = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return -1;
    interim = kTable[interim][c - '0'];
  }
  return interim;
}

}  // namespace

std::optional<char> DammCheckDigit(std::string_view digits) {
  const int interim = Interim(digits);
  if (interim < 0) return std::nullopt;
  // The diagonal is zero, so appending the interim digit itself brings the result to 0.
  return static_cast<char>('0' + interim);
}

bool IsDammValid(std::string_view digits) {
  return Interim(digits) == 0;
}

}  // namespace lumbung::security
