// The public wage-subsidy check (/cek-bsu), as the real programme is used: anyone types a NIK
// (or a KPJ number), a date of birth and a full name, and learns the stage of that person's
// subsidy, never an amount, a bank or an employer. Pure rules, no I/O.
//
// Enumeration is what this page must not allow: one answer ("no match, check what you typed")
// whatever was wrong, the same status and the same work on every path. So every comparison is
// made whatever an earlier one said, and a number the registry does not know is compared with a
// stand-in person (NobodyPerson) rather than answered early.
//
// The name is compared forgivingly, as the registry and people write the same name differently:
// the words of profile/holder_name.h ComparableNameWords (case, spaces, punctuation, titles and
// degrees, the spellings of Muhammad and Abdul), and words written together or apart ("Nur
// Hayati" is "Nurhayati"). Unlike a bank account's holder name, a single letter does not stand
// for a word here: the name is one of the three things that prove who is asking, and an initial
// would make it easier to guess.
//
// Throttling: every lookup counts against the client's address and against the number typed
// (identity/throttle_store.h TakeRateLimit: the `throttle` table, so every instance counts the
// same). The number's bucket is named by a digest, so the table holds no NIK as typed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace lumbung::subsidy {

enum class IdentifierKind { kNik, kKpj };

struct CheckerIdentifier {
  IdentifierKind kind = IdentifierKind::kNik;
  std::string digits;  // 16 for a NIK, 11 for a KPJ number
};

// What was typed in the one number field: 16 digits are a NIK, 11 a KPJ number; spaces, dots and
// hyphens between digits are ignored ("3171 0145 0890 0001"). nullopt for anything else.
std::optional<CheckerIdentifier> ParseCheckerIdentifier(std::string_view typed);

// True when `typed_name` is the registry's `registry_name` by the rules above. A name with no
// words left (only titles, punctuation) is never a match.
bool SameRegistryName(std::string_view registry_name, std::string_view typed_name);

// A registry member as the check reads them.
struct RegistryPerson {
  std::int64_t member_id = 0;
  std::string full_name;
  std::string birth_date;  // YYYY-MM-DD
};

// Whether the typed birth date (YYYY-MM-DD) and name are this person's. Both comparisons are
// always made.
bool MatchesPerson(const RegistryPerson& person, std::string_view birth_date,
                   std::string_view full_name);

// The person compared when the number names nobody: a name and date no one types by chance.
const RegistryPerson& NobodyPerson();

// The throttle buckets of one lookup.
struct CheckerThrottleKeys {
  std::string address;     // "subsidy_check:ip:<address>"
  std::string identifier;  // "subsidy_check:id:<SHA-256 of the kind and digits>"
};
CheckerThrottleKeys ThrottleKeys(std::string_view client_address, const CheckerIdentifier& id);

// What one lookup ended in, for the metrics.
enum class CheckResult { kMatch, kNoMatch, kThrottled };
std::string_view CheckResultName(CheckResult result);  // "match", "no_match", "throttled"

}  // namespace lumbung::subsidy
