// Test-only: writes canonical CBOR, so tests can build COSE keys and attestation objects,
// valid and subtly wrong, without recorded bytes for every case.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lumbung::security::testing {

inline std::string CborHead(int major, std::uint64_t n) {
  std::string out;
  const auto m = static_cast<char>(major << 5);
  if (n < 24) return std::string(1, static_cast<char>(m | static_cast<char>(n)));
  int size = n <= 0xff ? 1 : n <= 0xffff ? 2 : n <= 0xffffffffULL ? 4 : 8;
  out += static_cast<char>(m | (size == 1 ? 24 : size == 2 ? 25 : size == 4 ? 26 : 27));
  for (int k = size - 1; k >= 0; --k) out += static_cast<char>((n >> (8 * k)) & 0xff);
  return out;
}
inline std::string CborInt(std::int64_t v) {
  return v >= 0 ? CborHead(0, static_cast<std::uint64_t>(v))
                : CborHead(1, static_cast<std::uint64_t>(-1 - v));
}
inline std::string CborBytes(std::string_view b) {
  return CborHead(2, b.size()) + std::string(b);
}
inline std::string CborText(std::string_view t) {
  return CborHead(3, t.size()) + std::string(t);
}
// Entries are already-encoded key and value pairs, written in the order given.
inline std::string CborMap(const std::vector<std::pair<std::string, std::string>>& entries) {
  std::string out = CborHead(5, entries.size());
  for (const auto& [k, v] : entries) out += k + v;
  return out;
}

}  // namespace lumbung::security::testing
