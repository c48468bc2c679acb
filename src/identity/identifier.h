// What a member typed into "Email, username or NIK": one sign-in field, three kinds of
// identifier, all naming the same account (so they share one failure counter).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lumbung::identity {

enum class IdentifierKind { kEmail, kUsername, kNik };

struct Identifier {
  IdentifierKind kind;
  std::string value;  // normalised: trimmed, e-mail and username lower-cased, NIK digits only
};

// Detects the kind: contains '@' -> e-mail; exactly 16 digits (spaces, dots and dashes between
// groups allowed, as printed on the ID card) -> NIK; otherwise a username. nullopt for empty
// input, more than 254 bytes, invalid UTF-8 or control characters.
std::optional<Identifier> ParseIdentifier(std::string_view text);

// Usernames: 3..32 of [a-z0-9._-], starting with a letter, not all digits (NIKs and KPJs stay
// unambiguous). Input is lower-cased first; returns the stored form or nullopt.
std::optional<std::string> NormaliseUsername(std::string_view text);

// E-mail addresses for accounts: trimmed and lower-cased; nullopt unless it is one plausible
// address (local@domain.tld, no spaces, at most 254 bytes).
std::optional<std::string> NormaliseEmail(std::string_view text);

}  // namespace lumbung::identity
