#include "core/mail/address.h"

#include <algorithm>
#include <cctype>

#include "core/mail/mime_text.h"

namespace lumbung::mail {
namespace {

bool IsAtext(char c) {
  if (std::isalnum(static_cast<unsigned char>(c))) return true;
  static constexpr std::string_view kSpecials = "!#$%&'*+-/=?^_`{|}~";
  return kSpecials.find(c) != std::string_view::npos;
}

bool IsValidLocalPart(std::string_view local) {
  if (local.empty() || local.size() > 64) return false;
  if (local.front() == '.' || local.back() == '.') return false;
  char previous = '\0';
  for (char c : local) {
    if (c == '.') {
      if (previous == '.') return false;
    } else if (!IsAtext(c)) {
      return false;
    }
    previous = c;
  }
  return true;
}

bool IsValidDomain(std::string_view domain) {
  if (domain.empty() || domain.size() > 253) return false;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = domain.find('.', start);
    const std::string_view label =
        domain.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (label.empty() || label.size() > 63) return false;
    if (label.front() == '-' || label.back() == '-') return false;
    for (char c : label) {
      if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
    }
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// RFC 5322 "specials" and the characters that make a phrase need quoting.
bool NeedsQuoting(std::string_view name) {
  return std::any_of(name.begin(), name.end(), [](char c) { return !(IsAtext(c) || c == ' '); });
}

}  // namespace

bool IsValidAddress(std::string_view address) {
  if (address.size() > 254) return false;
  const std::size_t at = address.find('@');
  if (at == std::string_view::npos || address.find('@', at + 1) != std::string_view::npos) {
    return false;
  }
  return IsValidLocalPart(address.substr(0, at)) && IsValidDomain(address.substr(at + 1));
}

std::string AddressDomain(std::string_view address) {
  if (!IsValidAddress(address)) return "";
  std::string domain(address.substr(address.find('@') + 1));
  std::transform(domain.begin(), domain.end(), domain.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return domain;
}

std::optional<Mailbox> ParseMailbox(std::string_view text) {
  text = Trim(text);
  Mailbox mailbox;
  if (text.empty() || text.back() != '>') {
    if (!IsValidAddress(text)) return std::nullopt;
    mailbox.address = std::string(text);
    return mailbox;
  }
  const std::size_t open = text.rfind('<');
  if (open == std::string_view::npos) return std::nullopt;
  const std::string_view address = text.substr(open + 1, text.size() - open - 2);
  if (!IsValidAddress(address)) return std::nullopt;
  mailbox.address = std::string(address);
  std::string_view name = Trim(text.substr(0, open));
  std::string display;
  if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
    name = name.substr(1, name.size() - 2);
    for (std::size_t i = 0; i < name.size(); ++i) {
      if (name[i] == '\\' && i + 1 < name.size())
        ++i;
      else if (name[i] == '"')
        return std::nullopt;
      display += name[i];
    }
  } else {
    if (name.find_first_of("<>\"") != std::string_view::npos) return std::nullopt;
    display = std::string(name);
  }
  if (!IsCleanHeaderText(display)) return std::nullopt;
  mailbox.display_name = std::move(display);
  return mailbox;
}

std::string FormatMailbox(const Mailbox& mailbox) {
  if (mailbox.display_name.empty()) return mailbox.address;
  std::string out;
  if (!IsPlainAscii(mailbox.display_name)) {
    out += EncodeHeaderText(mailbox.display_name);
  } else if (NeedsQuoting(mailbox.display_name)) {
    out += '"';
    for (char c : mailbox.display_name) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  } else {
    out += mailbox.display_name;
  }
  out += " <";
  out += mailbox.address;
  out += '>';
  return out;
}

}  // namespace lumbung::mail
