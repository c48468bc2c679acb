// What a content editor writes, as typed, and its checks (pure). Title and text in Bahasa
// Indonesia and English (plain text: shown escaped, line breaks kept), the first and last day it
// is shown, who it is for (everyone; the members living in one province, registry
// members.province_code; or the members currently employed by one employer, registry
// employment_spells without an end) and whether it is also mailed.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/http/url.h"

namespace lumbung::announcements {

inline constexpr std::size_t kMaxTitleChars = 120;
inline constexpr std::size_t kMaxBodyChars = 4000;

inline constexpr std::string_view kEveryone = "everyone";
inline constexpr std::string_view kProvince = "province";
inline constexpr std::string_view kEmployer = "employer";

struct Draft {
  std::string title_id, title_en, body_id, body_en;
  std::string starts_on, ends_on;  // YYYY-MM-DD
  std::string audience = std::string(kEveryone);
  int province_code = 0;     // audience province
  std::string employer_npp;  // audience employer, as typed (the employer's 8-character NPP)
  bool send_mail = false;
};

// A field's problem: the form field's name and the catalog id of its message.
struct FieldError {
  std::string field, message_id;
  bool operator==(const FieldError&) const = default;
};

// The form's fields (title_id, title_en, body_id, body_en, starts_on, ends_on, audience,
// province, employer, send_mail) with text trimmed and CRLF as LF.
Draft ReadDraft(const http::Fields& fields);

// Every problem, in the form's order; empty when the draft may be saved. `today`: the fund's
// day (an announcement whose last day is past would reach nobody). Whether the employer exists
// is the store's question.
std::vector<FieldError> CheckDraft(const Draft& draft, std::string_view today);

// True for a real calendar day written YYYY-MM-DD.
bool IsIsoDay(std::string_view text);

}  // namespace lumbung::announcements
