#include "subsidy/checker.h"

#include <algorithm>
#include <vector>

#include "core/security/digest.h"
#include "profile/holder_name.h"

namespace lumbung::subsidy {
namespace {

std::string Joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& w : words) out += w;
  return out;
}

// Compares every byte whatever the first difference, so a near miss costs what a far one does.
bool SameText(std::string_view a, std::string_view b) {
  unsigned char differ = a.size() == b.size() ? 0 : 1;
  const std::size_t n = std::max(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char x = i < a.size() ? static_cast<unsigned char>(a[i]) : 0;
    const unsigned char y = i < b.size() ? static_cast<unsigned char>(b[i]) : 0;
    differ |= static_cast<unsigned char>(x ^ y);
  }
  return differ == 0;
}

}  // namespace

std::optional<CheckerIdentifier> ParseCheckerIdentifier(std::string_view typed) {
  std::string digits;
  bool separator_allowed = false;
  for (char c : typed) {
    if (c >= '0' && c <= '9') {
      digits += c;
      separator_allowed = true;
    } else if (c == ' ' || c == '\t') {
      // spaces anywhere: around the number and between its groups
    } else if ((c == '.' || c == '-') && separator_allowed) {
      separator_allowed = false;  // "31.71" yes, "31..71" or ".3171" no
    } else {
      return std::nullopt;
    }
    if (digits.size() > 16) return std::nullopt;
  }
  if (digits.size() == 16) return CheckerIdentifier{IdentifierKind::kNik, digits};
  if (digits.size() == 11) return CheckerIdentifier{IdentifierKind::kKpj, digits};
  return std::nullopt;
}

bool SameRegistryName(std::string_view registry_name, std::string_view typed_name) {
  const auto registry = profile::ComparableNameWords(registry_name);
  const auto typed = profile::ComparableNameWords(typed_name);
  const bool same_words = registry == typed;
  const bool same_letters = SameText(Joined(registry), Joined(typed));
  return !registry.empty() && !typed.empty() && (same_words || same_letters);
}

bool MatchesPerson(const RegistryPerson& person, std::string_view birth_date,
                   std::string_view full_name) {
  const bool same_day = SameText(person.birth_date, birth_date);
  const bool same_name = SameRegistryName(person.full_name, full_name);
  return same_day && same_name;
}

const RegistryPerson& NobodyPerson() {
  // A date no check accepts (the form allows 1900 onwards) and a name of ordinary length.
  static const RegistryPerson nobody{0, "Nama Yang Tidak Pernah Ada Di Daftar", "1000-01-01"};
  return nobody;
}

CheckerThrottleKeys ThrottleKeys(std::string_view client_address, const CheckerIdentifier& id) {
  const std::string kind = id.kind == IdentifierKind::kNik ? "nik:" : "kpj:";
  return {"subsidy_check:ip:" + std::string(client_address),
          "subsidy_check:id:" + security::Sha256Hex(kind + id.digits)};
}

std::string_view CheckResultName(CheckResult result) {
  switch (result) {
    case CheckResult::kMatch:
      return "match";
    case CheckResult::kNoMatch:
      return "no_match";
    case CheckResult::kThrottled:
      return "throttled";
  }
  return "no_match";
}

}  // namespace lumbung::subsidy
