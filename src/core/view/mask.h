// Showing a person without giving them away (ASVS 8.3.x: no more personal data than the purpose
// needs): names on the public checks of cards and statements, and the one form a NIK takes on
// every page that shows it (/profile, /account/security).
#pragma once

#include <string>
#include <string_view>

namespace lumbung::view {

// Each word's first character (the whole character, also beyond ASCII) and "***":
// "Siti Rahayu" -> "S*** R***". Enough for someone holding the document to see it belongs to
// the person in front of them; not enough to learn who a token or code belongs to. Words are
// separated by spaces, tabs or line breaks; a character cut off at the end is kept whole.
std::string MaskName(std::string_view full_name);

// A NIK as every page shows it: only its last four digits, "•••• •••• •••• 0002". The first
// digits are the region and the middle six the birth date (registry/nik.h), which anyone who
// knows the member can guess; showing them would leave a reader over the shoulder four digits
// short of the whole number, so none of them are shown. The member still recognises their own
// number. A stored value that is not 16 characters gets the same form (its last four when it
// has 8 or more, else none), so a page never shows a whole or longer part of an odd value.
std::string MaskNik(std::string_view nik);

}  // namespace lumbung::view
