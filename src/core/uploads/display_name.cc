#include "core/uploads/display_name.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <string_view>
#include <vector>

namespace lumbung::uploads {
namespace {

// The length of the valid UTF-8 sequence at `at`, or 0.
std::size_t Utf8Length(std::string_view s, std::size_t at, char32_t* cp) {
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char c = b(at);
  std::size_t n;
  char32_t v;
  if (c < 0x80) {
    *cp = c;
    return 1;
  } else if ((c & 0xE0) == 0xC0) {
    n = 2, v = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3, v = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    n = 4, v = c & 0x07;
  } else {
    return 0;
  }
  if (at + n > s.size()) return 0;
  for (std::size_t i = 1; i < n; ++i) {
    if ((b(at + i) & 0xC0) != 0x80) return 0;
    v = (v << 6) | (b(at + i) & 0x3F);
  }
  // Overlong forms, surrogates and values past U+10FFFF are not UTF-8.
  if ((n == 2 && v < 0x80) || (n == 3 && v < 0x800) || (n == 4 && v < 0x10000) || v > 0x10FFFF ||
      (v >= 0xD800 && v <= 0xDFFF)) {
    return 0;
  }
  *cp = v;
  return n;
}

// Characters that reorder or hide text (a name "gpj.exe" shown as "exe.jpg") or break lines.
bool IsInvisibleOrControl(char32_t cp) {
  return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x200B || cp == 0x200E ||
         cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) ||
         cp == 0x2028 || cp == 0x2029 || cp == 0xFEFF;
}

bool IsSpecial(char32_t cp) {
  return cp == '<' || cp == '>' || cp == ':' || cp == '"' || cp == '|' || cp == '?' || cp == '*' ||
         cp == ';' || cp == '%';
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool ExtensionFits(std::string_view ext, FileKind kind) {
  const std::string e = Lower(ext);
  switch (kind) {
    case FileKind::kPdf:
      return e == "pdf";
    case FileKind::kJpeg:
      return e == "jpg" || e == "jpeg" || e == "jpe";
    case FileKind::kPng:
      return e == "png";
  }
  return false;
}

// Code points of `s`, cleaned: invalid bytes and special characters become '_', invisible and
// control characters are dropped, runs of spaces become one.
std::vector<std::string> CleanCharacters(std::string_view s) {
  std::vector<std::string> out;
  for (std::size_t at = 0; at < s.size();) {
    char32_t cp = 0;
    const std::size_t n = Utf8Length(s, at, &cp);
    if (n == 0) {
      out.emplace_back("_");
      ++at;
      continue;
    }
    const std::string_view piece = s.substr(at, n);
    at += n;
    if (IsInvisibleOrControl(cp)) continue;
    if (IsSpecial(cp)) {
      out.emplace_back("_");
    } else if (cp == ' ' && !out.empty() && out.back() == " ") {
      continue;
    } else {
      out.emplace_back(piece);
    }
  }
  return out;
}

std::string Join(const std::vector<std::string>& chars, std::size_t from, std::size_t to) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) out += chars[i];
  return out;
}

}  // namespace

std::string CleanUploadedName(std::string_view uploaded, std::size_t max_chars) {
  const std::size_t slash = uploaded.find_last_of("/\\");
  if (slash != std::string_view::npos) uploaded.remove_prefix(slash + 1);
  std::vector<std::string> chars = CleanCharacters(uploaded);
  while (!chars.empty() && (chars.front() == "." || chars.front() == " "))
    chars.erase(chars.begin());
  if (chars.size() > max_chars) chars.resize(max_chars);
  while (!chars.empty() && chars.back() == " ") chars.pop_back();
  const std::string name = Join(chars, 0, chars.size());
  return name.empty() ? std::string("?") : name;
}

std::string SafeDisplayName(std::string_view uploaded, FileKind kind,
                            std::string_view fallback_stem, std::size_t max_chars) {
  // The last path component: browsers on Windows sent "C:\Users\...\scan.pdf" for years.
  const std::size_t slash = uploaded.find_last_of("/\\");
  if (slash != std::string_view::npos) uploaded.remove_prefix(slash + 1);
  std::vector<std::string> chars = CleanCharacters(uploaded);
  // No leading dots (hidden files, "..") and no leading or trailing spaces or dots.
  const auto trim = [](std::vector<std::string>& c) {
    while (!c.empty() && (c.front() == "." || c.front() == " ")) c.erase(c.begin());
    while (!c.empty() && (c.back() == "." || c.back() == " ")) c.pop_back();
  };
  trim(chars);
  // Stem and extension at the last dot.
  std::size_t dot = chars.size();
  for (std::size_t i = chars.size(); i-- > 0;) {
    if (chars[i] == ".") {
      dot = i;
      break;
    }
  }
  std::string ext = dot < chars.size() ? Join(chars, dot + 1, chars.size()) : "";
  std::vector<std::string> stem(chars.begin(), chars.begin() + static_cast<long>(dot));
  if (!ExtensionFits(ext, kind)) {
    // The name claims another kind: the whole name is the stem, the true extension follows
    // ("notes.txt" that is a PDF becomes "notes.txt.pdf"), so nobody is misled either way.
    stem = chars;
    ext = std::string(Extension(kind));
  }
  trim(stem);
  // Runs of dots inside ("a..b") are harmless as a name but look like a path: one dot.
  std::vector<std::string> tidy;
  for (const auto& c : stem) {
    if (c == "." && !tidy.empty() && tidy.back() == ".") continue;
    tidy.push_back(c);
  }
  const std::size_t ext_chars = ext.size() + 1;  // the extension is ASCII
  const std::size_t room = max_chars > ext_chars ? max_chars - ext_chars : 1;
  if (tidy.size() > room) tidy.resize(room);
  trim(tidy);
  std::string name = Join(tidy, 0, tidy.size());
  if (name.empty()) name = std::string(fallback_stem);
  return name + "." + ext;
}

}  // namespace lumbung::uploads
