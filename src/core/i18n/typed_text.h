// Text people typed into a form, made tidy before it is checked or stored: line ends made "\n"
// (or a space, for a one-line field), tabs made spaces, surrounding spaces and blank lines
// trimmed. Text holding any other control character is refused: no keyboard types one, so it
// came from a crafted request (ASVS 4.0.3 5.1.4). Pure.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace lumbung::i18n {

// False (and `out` untouched) for a control character other than a line end or tab.
bool TidyTypedText(std::string_view typed, bool multiline, std::string* out);

// Characters (UTF-8 code points) in `text`, for length limits people understand.
std::size_t CharacterCount(std::string_view text);

}  // namespace lumbung::i18n
