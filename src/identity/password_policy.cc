#include "identity/password_policy.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <fstream>
#include <stdexcept>
#include <utility>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utypes.h>
#include <zxcvbn.h>

namespace lumbung::identity {
namespace {

// Decodes the code point at s[*i] and advances *i. False for ill-formed UTF-8: a bad lead or
// continuation byte, a truncated sequence, an overlong form, a surrogate or more than U+10FFFF.
// Our own decoder (rather than ICU's, which takes int32_t lengths) so that any input size is
// checked without allocating.
bool NextCodePoint(std::string_view s, std::size_t* i, char32_t* out) {
  const auto lead = static_cast<unsigned char>(s[*i]);
  if (lead < 0x80) {
    *out = lead;
    ++*i;
    return true;
  }
  std::size_t trail;
  char32_t cp, min;
  if ((lead & 0xE0) == 0xC0) {
    trail = 1, cp = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    trail = 2, cp = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    trail = 3, cp = lead & 0x07, min = 0x10000;
  } else {
    return false;
  }
  if (s.size() - *i - 1 < trail) return false;
  for (std::size_t k = 1; k <= trail; ++k) {
    const auto b = static_cast<unsigned char>(s[*i + k]);
    if ((b & 0xC0) != 0x80) return false;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
  *out = cp;
  *i += trail + 1;
  return true;
}

bool IsValidUtf8(std::string_view s) {
  char32_t cp;
  for (std::size_t i = 0; i < s.size();) {
    if (!NextCodePoint(s, &i, &cp)) return false;
  }
  return true;
}

// Valid UTF-8 without control characters or unassigned code points. NFKC never maps an assigned
// character to either, so checking the input is checking what gets hashed.
bool IsAcceptableText(std::string_view s) {
  char32_t cp;
  for (std::size_t i = 0; i < s.size();) {
    if (!NextCodePoint(s, &i, &cp)) return false;
    const auto type = u_charType(static_cast<UChar32>(cp));
    if (type == U_CONTROL_CHAR || type == U_UNASSIGNED) return false;
  }
  return true;
}

// `s` must be valid UTF-8.
std::u32string ToCodePoints(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  char32_t cp;
  for (std::size_t i = 0; i < s.size();) {
    NextCodePoint(s, &i, &cp);
    out.push_back(cp);
  }
  return out;
}

std::string ToUtf8(std::u32string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char32_t c : s) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

// Applies an ICU normaliser to valid UTF-8. nullopt only if ICU fails (out of memory).
std::optional<std::string> Normalize(const icu::Normalizer2* normalizer, std::string_view utf8) {
  if (normalizer == nullptr || utf8.size() > INT32_MAX) return std::nullopt;
  const icu::UnicodeString source = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString normalized = normalizer->normalize(source, status);
  if (U_FAILURE(status)) return std::nullopt;
  std::string out;
  normalized.toUTF8String(out);
  return out;
}

// NFKC_Casefold: NFKC, full case folding, and default-ignorable code points (zero-width joiners,
// soft hyphens) removed: the form two strings are compared in, so that "SAYANG", "ｓａｙａｎｇ" and
// "sa\u200Byang" all meet "sayang". `utf8` must be valid.
std::string FoldForComparison(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* folder = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) folder = nullptr;
  return Normalize(folder, utf8).value_or(std::string(utf8));
}

bool IsLetterOrMark(char32_t c) {
  return u_isalpha(static_cast<UChar32>(c)) ||
         (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_M_MASK) != 0;
}
bool IsDigit(char32_t c) {
  return u_isdigit(static_cast<UChar32>(c));
}
bool IsSpace(char32_t c) {
  return u_isUWhiteSpace(static_cast<UChar32>(c));
}

// "sayang123!!" -> "sayang123" (symbols) or "sayang" (digits and symbols).
std::u32string StripTrailing(std::u32string s, bool digits_too) {
  while (!s.empty() && !IsLetterOrMark(s.back()) && (digits_too || !IsDigit(s.back()))) {
    s.pop_back();
  }
  return s;
}

std::u32string WithoutSpaces(std::u32string s) {
  std::erase_if(s, IsSpace);
  return s;
}

// The readings of `s` with l33t undone; empty when it has no l33t characters. "1" stands for
// both "i" and "l"; reading every "1" the same way keeps this to two variants.
std::vector<std::u32string> UnleetVariants(const std::u32string& s) {
  static constexpr std::pair<char32_t, char32_t> kLeet[] = {
      {U'0', U'o'}, {U'3', U'e'}, {U'4', U'a'}, {U'5', U's'},
      {U'7', U't'}, {U'@', U'a'}, {U'$', U's'}};
  auto unleet = [&s](char32_t one) {
    std::u32string out = s;
    for (char32_t& c : out) {
      if (c == U'1') c = one;
      for (const auto& [leet, letter] : kLeet) {
        if (c == leet) c = letter;
      }
    }
    return out;
  };
  std::vector<std::u32string> out;
  std::u32string first = unleet(U'i');
  if (first == s) return out;
  out.push_back(std::move(first));
  if (s.find(U'1') != std::u32string::npos) out.push_back(unleet(U'l'));
  return out;
}

// The folded password as written and without spaces (if that differs).
std::vector<std::u32string> SpaceForms(const std::u32string& folded) {
  std::vector<std::u32string> out{folded};
  std::u32string joined = WithoutSpaces(folded);
  if (joined != folded) out.push_back(std::move(joined));
  return out;
}

bool IsCommon(const std::u32string& folded, const CommonPasswords& common) {
  auto listed = [&common](const std::u32string& candidate) {
    return !candidate.empty() && common.Contains(ToUtf8(candidate));
  };
  for (const std::u32string& form : SpaceForms(folded)) {
    for (const std::u32string& base :
         {form, StripTrailing(form, /*digits_too=*/false), StripTrailing(form, true)}) {
      std::vector<std::u32string> readings = UnleetVariants(base);
      readings.push_back(base);
      for (const std::u32string& reading : readings) {
        if (listed(reading) || listed(StripTrailing(reading, false)) ||
            listed(StripTrailing(reading, true))) {
          return true;
        }
      }
    }
  }
  return false;
}

// What is searched for in the password, and what zxcvbn gets as user words.
struct ContextTerms {
  std::vector<std::u32string> fragments;  // substrings that refuse the password
  std::vector<std::string> user_words;    // for zxcvbn, UTF-8
};

void AddUnique(std::vector<std::u32string>* list, std::u32string item) {
  if (std::find(list->begin(), list->end(), item) == list->end()) list->push_back(std::move(item));
}

ContextTerms BuildContextTerms(const PasswordContext& context) {
  constexpr std::size_t kMinWord = 4;   // shorter words would refuse too many passwords
  constexpr std::size_t kDigitRun = 6;  // a NIK or KPJ window; short numbers are too common
  constexpr std::size_t kMinUserWord = 3;
  ContextTerms terms;
  std::vector<std::u32string> words;  // every whole word, part and letter run, any length
  for (const std::string& raw : context.words) {
    if (!IsValidUtf8(raw)) continue;
    const std::u32string word = ToCodePoints(FoldForComparison(raw));
    if (word.empty()) continue;
    // The word as given counts even without letters ("17-08-1990"); its parts need a letter.
    if (word.size() >= kMinWord) AddUnique(&terms.fragments, word);
    AddUnique(&words, word);
    // Parts between separators ("siti.aminah@example.id"), and runs of letters inside them
    // ("aminah88" -> "aminah") and of digits.
    std::u32string part, letters, digits;
    auto end_run = [&](std::u32string* run, bool is_digits) {
      if (is_digits && run->size() >= kDigitRun) {
        for (std::size_t at = 0; at + kDigitRun <= run->size(); ++at) {
          AddUnique(&terms.fragments, run->substr(at, kDigitRun));
        }
      }
      if (!run->empty()) AddUnique(&words, *run);
      run->clear();
    };
    for (std::size_t i = 0; i <= word.size(); ++i) {
      const char32_t c = i < word.size() ? word[i] : U' ';
      const bool letter = IsLetterOrMark(c), digit = IsDigit(c);
      if (!letter) end_run(&letters, false);
      if (!digit) end_run(&digits, true);
      if (letter) letters.push_back(c);
      if (digit) digits.push_back(c);
      if (letter || digit) {
        part.push_back(c);
      } else {
        if (!part.empty()) AddUnique(&words, part);
        part.clear();
      }
    }
  }
  for (const std::u32string& w : words) {
    const bool has_letter = std::any_of(w.begin(), w.end(), IsLetterOrMark);
    // A part of 4 or 5 digits (the year of "17-08-1990") is left to zxcvbn; runs of 6 and more
    // were added above as windows.
    if (w.size() >= kMinWord && has_letter) AddUnique(&terms.fragments, w);
    if (w.size() >= kMinUserWord) terms.user_words.push_back(ToUtf8(w));
  }
  return terms;
}

// The first context fragment found in the password, or an empty string.
std::u32string FindContext(const std::u32string& folded, const ContextTerms& terms) {
  std::vector<std::u32string> readings;
  for (const std::u32string& form : SpaceForms(folded)) {
    readings.push_back(form);
    for (std::u32string& r : UnleetVariants(form)) readings.push_back(std::move(r));
  }
  for (const std::u32string& fragment : terms.fragments) {
    for (const std::u32string& reading : readings) {
      if (reading.find(fragment) != std::u32string::npos) return fragment;
    }
  }
  return {};
}

// What zxcvbn is given. zxcvbn-c reads bytes and prices each non-ASCII byte as one of 100
// symbols, so one emoji (4 bytes) counts 27 bits and a Javanese letter 20, far more than an
// attacker guessing among a few thousand emoji needs. Each non-ASCII code point becomes two such
// bytes (13 bits), distinct for different code points up to 2^14 apart, so that repeats stay
// visible. Only the estimate uses this; what is hashed is the NFKC text.
std::string ZxcvbnView(std::u32string_view password) {
  std::string out;
  out.reserve(password.size() * 2);
  for (char32_t c : password) {
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back(static_cast<char>(0x80 | (c & 0x7F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 7) & 0x7F)));
    }
  }
  return out;
}

// The shortest unit that `s` repeats (at least twice, the last time possibly cut short), compared
// without ASCII case; empty when there is none. "kopi kopi kopi" -> "kopi ".
std::string_view RepeatedUnit(std::string_view s) {
  if (s.empty()) return {};
  // Knuth-Morris-Pratt failure function: the longest proper border gives the shortest period.
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  std::vector<std::size_t> border(s.size(), 0);
  for (std::size_t i = 1, k = 0; i < s.size(); ++i) {
    while (k > 0 && lower(s[i]) != lower(s[k])) k = border[k - 1];
    if (lower(s[i]) == lower(s[k])) ++k;
    border[i] = k;
  }
  const std::size_t period = s.size() - border.back();
  return period * 2 <= s.size() ? s.substr(0, period) : std::string_view{};
}

int ZxcvbnScore(std::u32string_view password, const ContextTerms& terms,
                const CommonPasswords& common) {
  // The member's own words first: zxcvbn prices a user word at log2(its rank).
  std::vector<const char*> dictionary;
  dictionary.reserve(terms.user_words.size() + common.dictionary_words().size() + 1);
  for (const std::string& w : terms.user_words) dictionary.push_back(w.c_str());
  for (const std::string& w : common.dictionary_words()) dictionary.push_back(w.c_str());
  dictionary.push_back(nullptr);
  const std::string view = ZxcvbnView(password);
  double bits = ZxcvbnMatch(view.c_str(), dictionary.data(), nullptr);
  // zxcvbn-c prices a repeated phrase as random characters and reads only the first 100 bytes,
  // so "kopi kopi kopi ..." would pass as strong. Price a repetition as its unit plus the number
  // of times, as the original zxcvbn does.
  if (const std::string_view unit = RepeatedUnit(view); !unit.empty()) {
    const double times = std::ceil(static_cast<double>(view.size()) / unit.size());
    bits = std::min(bits, ZxcvbnMatch(std::string(unit).c_str(), dictionary.data(), nullptr) +
                              std::log2(times));
  }
  return ScoreFromEntropyBits(bits);
}

std::string Trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

std::vector<std::string> ReadEntries(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("password lists: cannot read " + path.string());
  std::vector<std::string> entries;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::string entry = Trim(line);
    if (entry.empty() || entry.front() == '#') continue;
    if (!IsValidUtf8(entry)) {
      throw std::runtime_error("password lists: " + path.string() + ":" + std::to_string(number) +
                               ": not valid UTF-8");
    }
    entries.push_back(std::move(entry));
  }
  if (in.bad()) throw std::runtime_error("password lists: cannot read " + path.string());
  if (entries.empty()) throw std::runtime_error("password lists: no entries in " + path.string());
  return entries;
}

}  // namespace

CommonPasswords::CommonPasswords(const std::vector<std::string>& passwords,
                                 const std::vector<std::string>& dictionary_words) {
  for (const std::string& p : passwords) {
    if (!IsValidUtf8(p)) continue;
    std::string folded = FoldForComparison(p);
    if (!folded.empty()) passwords_.insert(std::move(folded));
  }
  std::unordered_set<std::string> seen;
  for (const std::string& w : dictionary_words) {
    if (!IsValidUtf8(w)) continue;
    std::string folded = FoldForComparison(w);
    if (!folded.empty() && seen.insert(folded).second) dictionary_words_.push_back(folded);
  }
}

CommonPasswords CommonPasswords::LoadFile(const std::filesystem::path& common_passwords,
                                          const std::filesystem::path& dictionary_words) {
  return CommonPasswords(ReadEntries(common_passwords), ReadEntries(dictionary_words));
}

std::string_view PasswordProblemMessageId(PasswordProblem problem) {
  switch (problem) {
    case PasswordProblem::kNone:
      return "identity.password.ok";
    case PasswordProblem::kTooShort:
      return "identity.password.too_short";
    case PasswordProblem::kTooLong:
      return "identity.password.too_long";
    case PasswordProblem::kCommon:
      return "identity.password.common";
    case PasswordProblem::kContainsContext:
      return "identity.password.contains_personal";
    case PasswordProblem::kTooWeak:
      return "identity.password.too_weak";
    case PasswordProblem::kInvalidText:
      return "identity.password.invalid_text";
  }
  return "identity.password.invalid_text";
}

std::optional<std::string> NormalizeNfkc(std::string_view utf8) {
  if (!IsValidUtf8(utf8)) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) return std::nullopt;
  return Normalize(nfkc, utf8);
}

int ScoreFromEntropyBits(double bits) {
  const double log10_guesses = bits * std::log10(2.0);
  if (log10_guesses < 3) return 0;
  if (log10_guesses < 6) return 1;
  if (log10_guesses < 8) return 2;
  if (log10_guesses < 10) return 3;
  return 4;
}

PasswordVerdict CheckPassword(std::string_view password, const PasswordContext& context,
                              const PasswordPolicy& policy, const CommonPasswords& common) {
  auto refuse = [](PasswordProblem problem) { return PasswordVerdict{problem, 0, {}}; };
  if (!IsAcceptableText(password)) return refuse(PasswordProblem::kInvalidText);

  const int min_length =
      std::clamp(policy.min_length, kMinPasswordLengthFloor, kAlwaysAllowedLength);
  const int max_length =
      std::clamp(policy.max_length, kAlwaysAllowedLength, kMaxPasswordCodePoints);
  // Anything this long is refused before NFKC and the matchers spend time on it. It cannot be
  // too short: NFKC never shortens 4096 bytes to fewer than 8 code points.
  if (password.size() > static_cast<std::size_t>(kMaxPasswordInputBytes)) {
    return refuse(PasswordProblem::kTooLong);
  }
  const std::optional<std::string> normalized = NormalizeNfkc(password);
  if (!normalized) return refuse(PasswordProblem::kInvalidText);
  const std::u32string code_points = ToCodePoints(*normalized);
  const auto length = static_cast<std::ptrdiff_t>(code_points.size());
  if (length < min_length) return refuse(PasswordProblem::kTooShort);
  if (length > max_length || normalized->size() > static_cast<std::size_t>(kMaxPasswordBytes)) {
    return refuse(PasswordProblem::kTooLong);
  }

  const std::u32string folded = ToCodePoints(FoldForComparison(*normalized));
  if (IsCommon(folded, common)) return refuse(PasswordProblem::kCommon);

  const ContextTerms terms = BuildContextTerms(context);
  if (std::u32string found = FindContext(folded, terms); !found.empty()) {
    return PasswordVerdict{PasswordProblem::kContainsContext, 0, ToUtf8(found)};
  }

  // zxcvbn sees the member's case, as typed (after NFKC).
  const int score = ZxcvbnScore(code_points, terms, common);
  return PasswordVerdict{score < 3 ? PasswordProblem::kTooWeak : PasswordProblem::kNone, score, {}};
}

}  // namespace lumbung::identity
