// What the fuzz targets share: the check that stops a run on a broken property, and an
// independent reading of UTF-8 to hold the parsers' own against.
#pragma once

#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace lumbung::fuzz {

// A property that does not hold is a finding: say which, and abort so that libFuzzer keeps
// the input.
inline void Require(bool condition, const char* file = __builtin_FILE(),
                    int line = __builtin_LINE()) {
  if (condition) return;
  std::fprintf(stderr, "property broken at %s:%d\n", file, line);
  std::abort();
}

// RFC 3629, section 4 (the syntax of UTF-8 byte sequences), one byte range at a time.
inline bool WellFormedUtf8(std::string_view text) {
  const auto in = [](unsigned c, unsigned lo, unsigned hi) { return c >= lo && c <= hi; };
  std::size_t i = 0;
  while (i < text.size()) {
    const auto b = [&](std::size_t k) -> unsigned {
      return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0u;
    };
    const std::size_t left = text.size() - i;
    const unsigned c = b(0);
    if (c <= 0x7F) {
      i += 1;
    } else if (in(c, 0xC2, 0xDF) && left >= 2 && in(b(1), 0x80, 0xBF)) {
      i += 2;
    } else if (left >= 3 &&
               ((c == 0xE0 && in(b(1), 0xA0, 0xBF)) ||
                ((in(c, 0xE1, 0xEC) || in(c, 0xEE, 0xEF)) && in(b(1), 0x80, 0xBF)) ||
                (c == 0xED && in(b(1), 0x80, 0x9F))) &&
               in(b(2), 0x80, 0xBF)) {
      i += 3;
    } else if (left >= 4 &&
               ((c == 0xF0 && in(b(1), 0x90, 0xBF)) ||
                (in(c, 0xF1, 0xF3) && in(b(1), 0x80, 0xBF)) ||
                (c == 0xF4 && in(b(1), 0x80, 0x8F))) &&
               in(b(2), 0x80, 0xBF) && in(b(3), 0x80, 0xBF)) {
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}

}  // namespace lumbung::fuzz
