// The demo data's random numbers: the same sequence on every platform and standard library, so
// that a seed always produces the same data (std::uniform_int_distribution and friends are
// implementation-defined and differ between libstdc++ and libc++). Integer arithmetic only.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>

namespace lumbung::demo {

__extension__ typedef unsigned __int128 DemoUint128;  // GCC/Clang; __extension__: -Wpedantic

// SplitMix64's finaliser: a good 64-bit mixing function, used to derive independent streams.
constexpr std::uint64_t Mix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// A stream key from several parts (seed, purpose, index...): each part changes everything.
constexpr std::uint64_t StreamKey(std::initializer_list<std::uint64_t> parts) {
  std::uint64_t key = 0x4c756d62756e6721ULL;  // "Lumbung!"
  for (std::uint64_t part : parts) key = Mix64(key ^ Mix64(part));
  return key;
}

// xoshiro256** (Blackman & Vigna), seeded through SplitMix64.
class DemoRandom {
 public:
  explicit constexpr DemoRandom(std::uint64_t seed) {
    std::uint64_t x = seed;  // SplitMix64's sequence fills the state
    for (std::uint64_t& word : s_) {
      word = Mix64(x);
      x += 0x9e3779b97f4a7c15ULL;
    }
  }

  constexpr std::uint64_t Next() {
    const std::uint64_t result = Rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n), n >= 1 (Lemire's multiply-shift with rejection: no modulo bias).
  constexpr std::uint64_t Below(std::uint64_t n) {
    while (true) {
      const DemoUint128 product = static_cast<DemoUint128>(Next()) * n;
      const auto low = static_cast<std::uint64_t>(product);
      if (low >= n || low >= (0 - n) % n) return static_cast<std::uint64_t>(product >> 64);
    }
  }

  // Uniform in [lo, hi], lo <= hi.
  constexpr std::int64_t Between(std::int64_t lo, std::int64_t hi) {
    return lo + static_cast<std::int64_t>(Below(static_cast<std::uint64_t>(hi - lo) + 1));
  }

  // True with probability per_mille / 1000.
  constexpr bool Chance(int per_mille) {
    return Below(1000) < static_cast<std::uint64_t>(per_mille);
  }

  // An index drawn with the given non-negative integer weights (not all zero).
  std::size_t Weighted(std::span<const int> weights) {
    std::uint64_t total = 0;
    for (int w : weights) total += static_cast<std::uint64_t>(w);
    std::uint64_t pick = Below(total);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      if (pick < static_cast<std::uint64_t>(weights[i])) return i;
      pick -= static_cast<std::uint64_t>(weights[i]);
    }
    return weights.size() - 1;
  }

  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[Below(items.size())];
  }

 private:
  static constexpr std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4]{};
};

// A bijection of [0, modulus) (multiplier coprime to modulus): unique, scattered-looking
// numbers from consecutive indexes, with no table of the numbers already used.
constexpr std::uint64_t Scatter(std::uint64_t index, std::uint64_t modulus,
                                std::uint64_t multiplier, std::uint64_t offset) {
  return static_cast<std::uint64_t>(
      (static_cast<DemoUint128>(index % modulus) * multiplier + offset) % modulus);
}

}  // namespace lumbung::demo
