#include "identity/member_lookup.h"

#include <algorithm>
#include <cctype>

#include "core/http/url.h"
#include "identity/identifier.h"

namespace lumbung::identity {
namespace {

constexpr std::string_view kDots = "•••";

bool IsDigit(char c) {
  return c >= '0' && c <= '9';
}

std::size_t Characters(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string_view Trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

// The length in bytes of the UTF-8 character starting at text[0] (1 for a stray byte).
std::size_t FirstCharacterBytes(std::string_view text) {
  if (text.empty()) return 0;
  std::size_t n = 1;
  while (n < text.size() && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) ++n;
  return n;
}

}  // namespace

std::string_view MemberQueryKindName(MemberQueryKind kind) {
  switch (kind) {
    case MemberQueryKind::kNik:
      return "nik";
    case MemberQueryKind::kKpj:
      return "kpj";
    case MemberQueryKind::kEmail:
      return "email";
    case MemberQueryKind::kName:
      return "name";
  }
  return "name";
}

MemberQueryCheck ClassifyMemberQuery(std::string_view typed) {
  MemberQueryCheck out;
  const std::string_view text = Trim(typed);
  if (text.empty()) {
    out.problem = "empty";
    return out;
  }
  if (!http::IsValidUtf8(text)) {
    out.problem = "characters";
    return out;
  }
  if (Characters(text) > kMaxQueryChars) {
    out.problem = "too_long";
    return out;
  }
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) {
      out.problem = "characters";
      return out;
    }
  }
  // Digits with the separators cards print between groups: a number, never a name.
  const bool numeric = std::any_of(text.begin(), text.end(), IsDigit) &&
                       std::all_of(text.begin(), text.end(), [](char c) {
                         return IsDigit(c) || c == ' ' || c == '.' || c == '-';
                       });
  if (numeric) {
    std::string digits;
    for (char c : text) {
      if (IsDigit(c)) digits += c;
    }
    if (digits.size() == 16) {
      out.query = MemberQuery{MemberQueryKind::kNik, digits};
    } else if (digits.size() == 11) {
      out.query = MemberQuery{MemberQueryKind::kKpj, digits};
    } else {
      out.problem = "digits";
    }
    return out;
  }
  if (text.find('@') != std::string_view::npos) {
    if (auto email = NormaliseEmail(text)) {
      out.query = MemberQuery{MemberQueryKind::kEmail, *email};
    } else {
      out.problem = "email";
    }
    return out;
  }
  std::string name;
  bool space = false;
  for (char c : text) {
    if (c == ' ' || c == '\t') {
      space = true;
      continue;
    }
    if (space && !name.empty()) name += ' ';
    space = false;
    name += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  if (Characters(name) < 2) {
    out.problem = "name_short";
    return out;
  }
  out.query = MemberQuery{MemberQueryKind::kName, name};
  return out;
}

std::string LikeContains(std::string_view value) {
  std::string out = "%";
  for (char c : value) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  out += '%';
  return out;
}

std::string MaskEmail(std::string_view email) {
  const auto at = email.rfind('@');
  if (at == std::string_view::npos || at == 0) return std::string(kDots);
  const std::string_view local = email.substr(0, at);
  return std::string(local.substr(0, FirstCharacterBytes(local))) + std::string(kDots) +
         std::string(email.substr(at));
}

std::string MaskKpj(std::string_view kpj) {
  if (kpj.size() < 8) {
    std::string out;
    for (std::size_t i = 0; i < std::max<std::size_t>(kpj.size(), 1); ++i) out += "•";
    return out;
  }
  std::string out(kpj.substr(0, 3));
  for (std::size_t i = 0; i < kpj.size() - 6; ++i) out += "•";
  out += kpj.substr(kpj.size() - 3);
  return out;
}

std::string BirthYear(std::string_view iso_date) {
  if (iso_date.size() < 4 || !std::all_of(iso_date.begin(), iso_date.begin() + 4, IsDigit)) {
    return "";
  }
  return std::string(iso_date.substr(0, 4));
}

std::string CheckStaffText(std::string_view typed, std::string* cleaned) {
  const std::string_view text = Trim(typed);
  cleaned->assign(text);
  if (text.empty()) return "missing";
  if (!http::IsValidUtf8(text)) return "characters";
  for (unsigned char c : text) {
    if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) return "characters";
  }
  const std::size_t chars = Characters(text);
  if (chars < kMinStaffTextChars) return "too_short";
  if (chars > kMaxStaffTextChars) return "too_long";
  return "";
}

std::string SupportReferenceIn(std::string_view reason) {
  for (std::size_t i = 0; i + 2 < reason.size(); ++i) {
    const char s = reason[i];
    if ((s != 'S' && s != 's') || reason[i + 1] != '-' || !IsDigit(reason[i + 2])) continue;
    // A word of its own: not the end of "ABS-12".
    const unsigned char before = i == 0 ? ' ' : static_cast<unsigned char>(reason[i - 1]);
    if (std::isalnum(before)) continue;
    std::size_t end = i + 2;
    while (end < reason.size() && IsDigit(reason[end])) ++end;
    if (end - (i + 2) > 18) continue;  // not a reference anyone was given
    return "S-" + std::string(reason.substr(i + 2, end - (i + 2)));
  }
  return "";
}

bool IsIdentityCheck(std::string_view method) {
  return std::find(std::begin(kIdentityChecks), std::end(kIdentityChecks), method) !=
         std::end(kIdentityChecks);
}

}  // namespace lumbung::identity
