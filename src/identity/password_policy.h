// Which passwords a member may choose (NIST SP 800-63B §5.1.1.2, OWASP ASVS 4.0.3 V2.1).
//
// The rules: length only, counted in Unicode code points after NFKC (at least 8, the fund may ask
// for more, e.g. 15 for accounts without a second factor; 64 is always allowed; more than 256
// code points or 1024 bytes is refused to bound hashing and matching work); any Unicode text
// except control characters and unassigned code points; no composition rules (no "one capital,
// one digit"), no forced rotation. A password is refused when it is on the common-password list,
// contains something an attacker knows about the member (NIK, KPJ, name, e-mail, fund name,
// birth date) or zxcvbn estimates fewer than 10^8 guesses. The caller shows the reason with help.
//
// Passwords are case-sensitive: NormalizeNfkc keeps case, and only the comparisons inside
// CheckPassword fold case. Hash what NormalizeNfkc returns, at sign-up and at every sign-in,
// and never trim or truncate it (ASVS 2.1.3).
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace lumbung::identity {

// Hard limits that no configuration changes.
inline constexpr int kMinPasswordLengthFloor = 8;    // NIST: at least 8
inline constexpr int kAlwaysAllowedLength = 64;      // NIST and ASVS 2.1.2: at least 64 allowed
inline constexpr int kMaxPasswordCodePoints = 256;   // denial-of-service guard
inline constexpr int kMaxPasswordBytes = 1024;       // the same guard, in UTF-8 bytes after NFKC
inline constexpr int kMaxPasswordInputBytes = 4096;  // refused before normalising (NFKC can grow
                                                     // text up to 18 times)

// Relative to the share directory (LUMBUNG_SHARE_DIR).
inline constexpr std::string_view kCommonPasswordsFile = "src/identity/data/common-passwords.txt";
inline constexpr std::string_view kIndonesianWordsFile = "src/identity/data/indonesian-words.txt";

// What an attacker may know about the member. Any form is fine: each word is normalised and case-
// folded, and also split at separators ("siti.aminah@example.id" gives "siti", "aminah",
// "example"). Pass the NIK, KPJ, each name part and the full name, the e-mail and its local part,
// the username, the fund's name, and birth-date forms ("17081990", "17-08-1990").
struct PasswordContext {
  std::vector<std::string> words;
};

// Lengths in code points after NFKC. min_length is raised to 8 and capped at 64; max_length is
// kept within 64..256, so 64 is always allowed whatever the configuration says.
struct PasswordPolicy {
  int min_length = 8;
  int max_length = 256;
};

// The first problem found, in this order.
enum class PasswordProblem {
  kNone,
  kTooShort,
  kTooLong,
  kCommon,           // on the common-password list, also as "Sayang123!", "b1sm1llah"
  kContainsContext,  // contains a context word (see CheckPassword)
  kTooWeak,          // zxcvbn score below 3
  kInvalidText,      // not valid UTF-8, or a control character or unassigned code point
};

// The catalog id of the message that explains `problem` to the member, e.g.
// "identity.password.too_short"; "identity.password.ok" for kNone.
std::string_view PasswordProblemMessageId(PasswordProblem problem);

struct PasswordVerdict {
  PasswordProblem problem = PasswordProblem::kNone;
  // zxcvbn-style 0..4 (see ScoreFromEntropyBits) for a password that reached the strength
  // check (kTooWeak or kNone); 0 for one refused earlier. For a strength meter.
  int score = 0;
  // With kContainsContext: the part of the context that was found, case-folded, to show the
  // member ("aminah", "170890"). It is personal data: never log it.
  std::string matched_context;
};

// The common-password list and the extra zxcvbn dictionary, loaded once at start-up and then only
// read (safe to share between threads).
class CommonPasswords {
 public:
  // Empty lists: only zxcvbn's own (English) dictionaries apply. For tests.
  CommonPasswords() = default;
  // `passwords`: refused outright. `dictionary_words`: words zxcvbn should know, most likely
  // first (zxcvbn prices a word by its rank). Both are NFKC-case-folded here; entries that are
  // not valid UTF-8 or are empty are skipped.
  CommonPasswords(const std::vector<std::string>& passwords,
                  const std::vector<std::string>& dictionary_words);

  // Reads the two files (one entry a line, '#' starts a comment line, blank lines skipped),
  // normally kCommonPasswordsFile and kIndonesianWordsFile under the share directory. Throws
  // std::runtime_error naming the file when one cannot be read or holds no entries.
  static CommonPasswords LoadFile(const std::filesystem::path& common_passwords,
                                  const std::filesystem::path& dictionary_words);

  // `folded`: NFKC-case-folded text, as CheckPassword compares.
  bool Contains(std::string_view folded) const { return passwords_.contains(std::string(folded)); }
  std::size_t size() const { return passwords_.size(); }
  std::span<const std::string> dictionary_words() const { return dictionary_words_; }

 private:
  std::unordered_set<std::string> passwords_;
  std::vector<std::string> dictionary_words_;
};

// NFKC (Unicode Standard Annex #15), as NIST asks before hashing, so that a password typed with
// full-width letters, ligatures or precomposed/decomposed accents is the same password on every
// device. Keeps case. nullopt when `utf8` is not valid UTF-8 (at sign-in: a wrong password).
std::optional<std::string> NormalizeNfkc(std::string_view utf8);

// zxcvbn's score from its estimate in bits, with guesses = 2^bits: fewer than 10^3 guesses: 0,
// 10^6: 1, 10^8: 2, 10^10: 3, else 4.
int ScoreFromEntropyBits(double bits);

// Checks a new password, in this order:
//  1. kInvalidText: not valid UTF-8, or contains a control character (Cc) or an unassigned code
//     point (NIST's "Normalization Process for Stabilized Strings": what NFKC does to a code
//     point assigned later could change, and the stored hash with it).
//  2. kTooShort / kTooLong: code points of the NFKC form against the policy, and the hard limits
//     above (bytes of the input, then bytes of the NFKC form).
//  3. kCommon: the NFKC-case-folded password, also without spaces, also with trailing symbols or
//     with trailing digits and symbols stripped, also with l33t undone (0→o, 1→i or l, 3→e, 4→a,
//     5→s, 7→t, @→a, $→s), is exactly on the list.
//  4. kContainsContext: contains (case-folded, also without spaces, also l33t undone) a context
//     word of at least 4 code points as given, or a part of one (between separators, or a run of
//     letters) of at least 4 code points with a letter, or any 6 consecutive digits of a run of
//     at least 6 digits (NIK, KPJ, birth date). Shorter words only count in step 5.
//  5. kTooWeak: zxcvbn score below 3 (fewer than 10^8 guesses), with the context words (3 code
//     points and more) and then the dictionary words as zxcvbn's user dictionary. Two corrections
//     to zxcvbn-c, which reads bytes: a non-ASCII code point counts about 13 bits (not 20-27 for
//     its 3-4 bytes), and a repeated unit ("kopi kopi kopi ...") counts as the unit plus the
//     number of times.
PasswordVerdict CheckPassword(std::string_view password, const PasswordContext& context,
                              const PasswordPolicy& policy, const CommonPasswords& common);

}  // namespace lumbung::identity
