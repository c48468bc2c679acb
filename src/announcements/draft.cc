#include "announcements/draft.h"

#include <algorithm>
#include <chrono>

#include "core/http/url.h"
#include "registry/nik.h"

namespace lumbung::announcements {
namespace {

std::string Field(const http::Fields& fields, std::string_view name) {
  for (const auto& [key, value] : fields) {
    if (key == name) return value;
  }
  return "";
}

std::string Tidy(std::string text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') continue;
      out += '\n';
    } else {
      out += text[i];
    }
  }
  const auto first = out.find_first_not_of(" \t\n");
  if (first == std::string::npos) return "";
  const auto last = out.find_last_not_of(" \t\n");
  return out.substr(first, last - first + 1);
}

std::size_t Chars(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

// Control characters other than line breaks (and tabs in the text) have no place in a notice.
bool HasControl(std::string_view text, bool multiline) {
  for (unsigned char c : text) {
    if (c == '\n' || c == '\t') {
      if (!multiline) return true;
      continue;
    }
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

void CheckText(std::vector<FieldError>& errors, const std::string& field, const std::string& text,
               std::size_t max, bool multiline) {
  const std::string kind = multiline ? "body" : "title";
  if (text.empty()) {
    errors.push_back({field, "announcements.error." + kind + "_empty"});
  } else if (Chars(text) > max) {
    errors.push_back({field, "announcements.error." + kind + "_too_long"});
  } else if (HasControl(text, multiline)) {
    errors.push_back({field, "announcements.error.characters"});
  }
}

}  // namespace

bool IsIsoDay(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (text[i] < '0' || text[i] > '9') return false;
  }
  const int year = std::stoi(std::string(text.substr(0, 4)));
  const unsigned month = std::stoul(std::string(text.substr(5, 2)));
  const unsigned day = std::stoul(std::string(text.substr(8, 2)));
  return year >= 2000 &&
         std::chrono::year_month_day(std::chrono::year(year), std::chrono::month(month),
                                     std::chrono::day(day))
             .ok();
}

Draft ReadDraft(const http::Fields& fields) {
  Draft d;
  d.title_id = Tidy(Field(fields, "title_id"));
  d.title_en = Tidy(Field(fields, "title_en"));
  d.body_id = Tidy(Field(fields, "body_id"));
  d.body_en = Tidy(Field(fields, "body_en"));
  d.starts_on = Tidy(Field(fields, "starts_on"));
  d.ends_on = Tidy(Field(fields, "ends_on"));
  d.audience = Tidy(Field(fields, "audience"));
  const std::string province = Tidy(Field(fields, "province"));
  if (province.size() == 2 && province[0] >= '0' && province[0] <= '9' && province[1] >= '0' &&
      province[1] <= '9') {
    d.province_code = std::stoi(province);
  }
  d.employer_npp = Tidy(Field(fields, "employer"));
  for (char& c : d.employer_npp) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  d.send_mail = Field(fields, "send_mail") == "1";
  return d;
}

std::vector<FieldError> CheckDraft(const Draft& draft, std::string_view today) {
  std::vector<FieldError> errors;
  CheckText(errors, "title_id", draft.title_id, kMaxTitleChars, false);
  CheckText(errors, "title_en", draft.title_en, kMaxTitleChars, false);
  CheckText(errors, "body_id", draft.body_id, kMaxBodyChars, true);
  CheckText(errors, "body_en", draft.body_en, kMaxBodyChars, true);
  const bool starts_ok = IsIsoDay(draft.starts_on);
  const bool ends_ok = IsIsoDay(draft.ends_on);
  if (!starts_ok) errors.push_back({"starts_on", "announcements.error.date"});
  if (!ends_ok) {
    errors.push_back({"ends_on", "announcements.error.date"});
  } else if (starts_ok && draft.ends_on < draft.starts_on) {
    errors.push_back({"ends_on", "announcements.error.ends_before_start"});
  } else if (draft.ends_on < today) {
    errors.push_back({"ends_on", "announcements.error.ends_past"});
  }
  if (draft.audience == kProvince) {
    if (!registry::IsKnownProvinceCode(draft.province_code)) {
      errors.push_back({"province", "announcements.error.province"});
    }
  } else if (draft.audience == kEmployer) {
    const bool npp_ok =
        draft.employer_npp.size() == 8 &&
        std::all_of(draft.employer_npp.begin(), draft.employer_npp.end(),
                    [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); });
    if (!npp_ok) errors.push_back({"employer", "announcements.error.employer_npp"});
  } else if (draft.audience != kEveryone) {
    errors.push_back({"audience", "announcements.error.audience"});
  }
  return errors;
}

}  // namespace lumbung::announcements
