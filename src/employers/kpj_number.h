// The KPJ (Kartu Peserta Jamsostek), the member's 11-digit membership number, as this fund
// issues it: 10 digits of issue number and a Damm check digit (core/security/damm.h), so that a
// KPJ mistyped by one digit or with two neighbouring digits swapped is refused.
//
//   digit 1-10  1,000,000,000 + the issue sequence (0 .. 8,999,999,999): never a leading zero,
//               which spreadsheets and bank files would drop
//   digit 11    Damm check digit over digits 1-10
//
// Unique by construction: distinct sequence numbers give distinct KPJs. Numbers issued before
// this scheme (a legacy registry, the demo registry) carry no check digit; about one in ten
// passes by chance, so a lookup must come first and the check digit only explains a miss
// (report_validation.h does this). Pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lumbung::employers {

inline constexpr std::uint64_t kKpjSequenceCount = 9'000'000'000;

enum class KpjProblem {
  kNone,
  kNotElevenDigits,  // not exactly 11 digits 0-9, or a leading zero
  kBadCheckDigit,    // the shape is right but the last digit does not match: a typo
};

// The KPJ for issue number `sequence`; throws std::out_of_range at kKpjSequenceCount or above.
std::string IssueKpj(std::uint64_t sequence);

// What is wrong with a KPJ as typed (no spaces or separators are removed: the caller trims).
KpjProblem CheckKpj(std::string_view kpj);

// The issue sequence of a valid KPJ, nullopt for any other text.
std::optional<std::uint64_t> KpjSequence(std::string_view kpj);

}  // namespace lumbung::employers
