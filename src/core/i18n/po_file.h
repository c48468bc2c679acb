// Reads gettext .po catalogs: the translator-standard format. Only what Lumbung uses:
// msgid/msgstr pairs, multi-line strings, C escapes, comments; no plurals or contexts.
#pragma once

#include <map>
#include <stdexcept>
#include <string>
#include <string_view>

namespace lumbung::i18n {

class PoError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// msgid -> msgstr, without the header entry (empty msgid). Throws PoError with the line
// number on malformed input, duplicate ids or an empty translation.
std::map<std::string, std::string> ParsePo(std::string_view text, const std::string& name);

}  // namespace lumbung::i18n
