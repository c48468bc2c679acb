#include "profile/text.h"

#include <cstdint>
#include <optional>

namespace lumbung::profile {
namespace {

// The next code point of `text` at `i` (advancing `i`), or nullopt for invalid UTF-8
// (overlong forms, surrogates and values past U+10FFFF included).
std::optional<std::uint32_t> NextCodePoint(std::string_view text, std::size_t& i) {
  const auto byte = [&](std::size_t at) { return static_cast<unsigned char>(text[at]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) {
    ++i;
    return lead;
  }
  int extra = 0;
  std::uint32_t cp = 0;
  if ((lead & 0xE0) == 0xC0) {
    extra = 1;
    cp = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2;
    cp = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    extra = 3;
    cp = lead & 0x07;
  } else {
    return std::nullopt;
  }
  if (i + extra >= text.size()) return std::nullopt;  // cut short
  for (int k = 1; k <= extra; ++k) {
    const unsigned char c = byte(i + k);
    if ((c & 0xC0) != 0x80) return std::nullopt;
    cp = (cp << 6) | (c & 0x3F);
  }
  static constexpr std::uint32_t kMin[] = {0, 0x80, 0x800, 0x10000};
  if (cp < kMin[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
  i += extra + 1;
  return cp;
}

bool IsForbidden(std::uint32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ||  // C0, DEL, C1 (tab and line breaks too)
         cp == 0x2028 || cp == 0x2029 ||             // line and paragraph separators
         (cp >= 0x202A && cp <= 0x202E) ||           // bidirectional embeddings and overrides
         (cp >= 0x2066 && cp <= 0x2069) ||           // bidirectional isolates
         cp == 0x200E || cp == 0x200F || cp == 0xFEFF;
}

bool IsAsciiLetter(std::uint32_t cp) {
  return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

}  // namespace

std::size_t CountCodePoints(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

LineCheck CheckLine(std::string_view typed, std::size_t max_chars) {
  LineCheck out;
  std::size_t i = 0;
  bool pending_space = false;
  while (i < typed.size()) {
    const std::size_t start = i;
    const auto cp = NextCodePoint(typed, i);
    if (!cp || IsForbidden(*cp)) {
      out.problem = LineProblem::kControlCharacter;
      out.text.clear();
      return out;
    }
    if (*cp == ' ') {
      pending_space = !out.text.empty();
      continue;
    }
    if (pending_space) out.text += ' ';
    pending_space = false;
    out.text.append(typed.substr(start, i - start));
  }
  if (out.text.empty()) {
    out.problem = LineProblem::kEmpty;
  } else if (CountCodePoints(out.text) > max_chars) {
    out.problem = LineProblem::kTooLong;
  }
  return out;
}

NameCheck CheckPersonName(std::string_view typed) {
  NameCheck out;
  const LineCheck line = CheckLine(typed, kMaxNameChars);
  switch (line.problem) {
    case LineProblem::kNone:
      break;
    case LineProblem::kEmpty:
      out.problem = NameProblem::kEmpty;
      return out;
    case LineProblem::kTooLong:
      out.problem = NameProblem::kTooLong;
      return out;
    case LineProblem::kControlCharacter:
      out.problem = NameProblem::kCharacters;
      return out;
  }
  bool letter = false;
  std::size_t i = 0;
  while (i < line.text.size()) {
    const auto cp = NextCodePoint(line.text, i);
    if (!cp) {
      out.problem = NameProblem::kCharacters;
      return out;
    }
    if (IsAsciiLetter(*cp)) {
      letter = true;
    } else if (*cp < 0x80) {
      // ASCII: letters above; besides them only what names use.
      if (*cp != ' ' && *cp != '.' && *cp != ',' && *cp != '\'' && *cp != '-') {
        out.problem = NameProblem::kCharacters;
        return out;
      }
    } else if (*cp >= 0xC0 && *cp != 0xD7 && *cp != 0xF7) {
      // Latin-1 letters (é, ñ, ...) and other scripts. Symbols outside ASCII are rare in what
      // members type; the name is shown escaped, so a letter test by script is not needed.
      letter = true;
    } else if (*cp != 0x2019) {  // a typographic apostrophe is fine
      out.problem = NameProblem::kCharacters;
      return out;
    }
  }
  if (!letter) {
    out.problem = NameProblem::kCharacters;
    return out;
  }
  out.name = line.text;
  return out;
}

}  // namespace lumbung::profile
