// Showing a person on a public page without giving them away (ASVS 8.3.x: no more personal
// data than the purpose needs). Used by the public checks of cards and statements.
#pragma once

#include <string>
#include <string_view>

namespace lumbung::view {

// Each word's first character (the whole character, also beyond ASCII) and "***":
// "Siti Rahayu" -> "S*** R***". Enough for someone holding the document to see it belongs to
// the person in front of them; not enough to learn who a token or code belongs to. Words are
// separated by spaces, tabs or line breaks; a character cut off at the end is kept whole.
std::string MaskName(std::string_view full_name);

}  // namespace lumbung::view
