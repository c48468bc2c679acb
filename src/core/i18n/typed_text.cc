#include "core/i18n/typed_text.h"

namespace lumbung::i18n {

bool TidyTypedText(std::string_view typed, bool multiline, std::string* out) {
  std::string s;
  for (std::size_t i = 0; i < typed.size(); ++i) {
    const unsigned char ch = static_cast<unsigned char>(typed[i]);
    if (ch == '\r') {
      if (i + 1 < typed.size() && typed[i + 1] == '\n') continue;
      s += multiline ? '\n' : ' ';
    } else if (ch == '\n') {
      s += multiline ? '\n' : ' ';
    } else if (ch == '\t') {
      s += ' ';
    } else if (ch < 0x20 || ch == 0x7F) {
      return false;
    } else {
      s += static_cast<char>(ch);
    }
  }
  const auto first = s.find_first_not_of(" \n");
  const auto last = s.find_last_not_of(" \n");
  *out = first == std::string::npos ? "" : s.substr(first, last - first + 1);
  return true;
}

std::size_t CharacterCount(std::string_view text) {
  std::size_t chars = 0;
  for (unsigned char ch : text) chars += (ch & 0xC0) != 0x80;
  return chars;
}

}  // namespace lumbung::i18n
