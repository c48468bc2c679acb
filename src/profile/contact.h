// The contact details a member may change themselves: address, phone number and
// marital status. Pure checks and normalisation; storage is in profile_store.h.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "profile/text.h"

namespace lumbung::profile {

inline constexpr std::size_t kMaxAddressChars = 300;

// The values of members.marital_status, in the order forms offer them.
std::span<const std::string_view> MaritalStatuses();
bool IsMaritalStatus(std::string_view value);

// An address: one line of 1..300 characters (CheckLine).
LineCheck CheckAddress(std::string_view typed);

enum class PhoneProblem {
  kNone,
  kCharacters,     // something other than digits, spaces, - . ( ) and a leading +
  kNotIndonesian,  // does not start with 0, 62 or +62, or starts like no Indonesian number
  kLength,         // too few or too many digits for a mobile or landline number
};

struct PhoneCheck {
  std::string e164;  // "+6281234567890"; empty when the member left the field empty
  PhoneProblem problem = PhoneProblem::kNone;
};

// An Indonesian phone number as typed ("0812-3456-7890", "+62 812 3456 7890",
// "(021) 555-1234", "62 21 5551234", "+62 (0)21 5551234") in E.164 form. After the country
// code: a mobile number starts with 8 and has 9..12 digits (0812... has 10..13 with the 0); a
// landline starts with an area code 2..7 or 9 and has 7..11 digits. Empty (or only spaces):
// no number, not a problem.
PhoneCheck NormalisePhone(std::string_view typed);

// A stored phone number the way members read and write it, in the national form with the
// trunk 0, whatever form it was stored in (the registry holds "0812...", saved edits hold
// "+62812..."), so a number looks the same before and after an edit:
//   mobile:   "0812-3456-7890": the 0 and the three-digit operator prefix, then the rest in a
//             group of up to four and a last group of at least three ("0812-345-678",
//             "0812-3456-789", "0812-3456-78901");
//   landline: "(021) 555-1234": the area code in brackets, two digits after the 0 for the
//             big cities' codes 21, 22, 24, 31 and 61 and three for every other area, then
//             the subscriber number in two halves, the longer half last ("(0361) 234-567",
//             "(0274) 12-345", "(021) 5551-2345").
// A stored value that is not an Indonesian number (data from before numbers were checked)
// is shown as it is, without surrounding spaces.
std::string DisplayPhone(std::string_view stored);

// What a member submits on the contact form, already checked.
struct Contact {
  std::string address;
  std::optional<std::string> phone;  // E.164; nullopt: none
  std::string marital_status;

  bool operator==(const Contact&) const = default;
};

}  // namespace lumbung::profile
