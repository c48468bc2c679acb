#include "identity/identifier.h"

#include <algorithm>
#include <cctype>

#include "core/http/url.h"
#include "core/mail/address.h"

namespace lumbung::identity {
namespace {

std::string Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return std::string(text);
}

std::string AsciiLower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

bool HasControlOrBadUtf8(std::string_view text) {
  if (!http::IsValidUtf8(text)) return true;
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

}  // namespace

std::optional<std::string> NormaliseEmail(std::string_view text) {
  std::string email = AsciiLower(Trim(text));
  if (email.empty() || email.size() > 254 || HasControlOrBadUtf8(email)) return std::nullopt;
  const auto at = email.find('@');
  if (at == 0 || at == std::string::npos || email.find('@', at + 1) != std::string::npos) {
    return std::nullopt;
  }
  if (email.find_first_of(" ,;<>()[]\\\"") != std::string::npos) return std::nullopt;
  const std::string domain = email.substr(at + 1);
  const auto dot = domain.rfind('.');
  if (domain.empty() || dot == std::string::npos || dot == 0 || dot + 1 == domain.size() ||
      domain.find("..") != std::string::npos) {
    return std::nullopt;
  }
  // Only what the outbox can send to (mail/address.h): anything else would fail later, when the
  // first mail to it is queued.
  if (!mail::IsValidAddress(email)) return std::nullopt;
  return email;
}

std::optional<std::string> NormaliseUsername(std::string_view text) {
  std::string name = AsciiLower(Trim(text));
  if (name.size() < 3 || name.size() > 32) return std::nullopt;
  if (!(name[0] >= 'a' && name[0] <= 'z')) return std::nullopt;
  for (char c : name) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return std::nullopt;
  }
  return name;
}

std::optional<Identifier> ParseIdentifier(std::string_view text) {
  std::string trimmed = Trim(text);
  if (trimmed.empty() || trimmed.size() > 254 || HasControlOrBadUtf8(trimmed)) return std::nullopt;
  if (trimmed.find('@') != std::string::npos) {
    return Identifier{IdentifierKind::kEmail, AsciiLower(trimmed)};
  }
  std::string digits;
  bool only_digits_and_separators = true;
  for (char c : trimmed) {
    if (c >= '0' && c <= '9') {
      digits += c;
    } else if (c != ' ' && c != '.' && c != '-') {
      only_digits_and_separators = false;
      break;
    }
  }
  if (only_digits_and_separators && digits.size() == 16) {
    return Identifier{IdentifierKind::kNik, digits};
  }
  return Identifier{IdentifierKind::kUsername, AsciiLower(trimmed)};
}

}  // namespace lumbung::identity
