#include "profile/bank.h"

#include <fstream>
#include <set>
#include <sstream>
#include <stdexcept>

#include "core/security/encoding.h"
#include "core/security/secret_box.h"
#include "core/security/sodium_ready.h"

#include <sodium.h>

namespace lumbung::profile {
namespace {

bool IsBankCode(std::string_view code) {
  if (code.size() < 2 || code.size() > 32) return false;
  for (char c : code) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

std::vector<Bank> ParseBankList(std::string_view text) {
  std::vector<Bank> banks;
  std::set<std::string, std::less<>> codes;
  int number = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = Trim(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    ++number;
    if (line.empty() || line.front() == '#') continue;
    const auto gap = line.find_first_of(" \t");
    const std::string where = "bank list line " + std::to_string(number) + ": ";
    if (gap == std::string_view::npos) throw std::invalid_argument(where + "a code and a name");
    const std::string_view code = line.substr(0, gap);
    const std::string_view name = Trim(line.substr(gap));
    if (!IsBankCode(code)) {
      throw std::invalid_argument(where + "the code must be 2..32 of [a-z0-9_]");
    }
    if (name.empty()) throw std::invalid_argument(where + "a code and a name");
    if (!codes.insert(std::string(code)).second) {
      throw std::invalid_argument(where + "code '" + std::string(code) + "' is listed twice");
    }
    banks.push_back({std::string(code), std::string(name)});
  }
  if (banks.empty()) throw std::invalid_argument("bank list: no banks");
  return banks;
}

std::vector<Bank> LoadBankList(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read the bank list " + file.string());
  std::ostringstream text;
  text << in.rdbuf();
  return ParseBankList(text.str());
}

const Bank* FindBank(const std::vector<Bank>& banks, std::string_view code) {
  for (const auto& bank : banks) {
    if (bank.code == code) return &bank;
  }
  return nullptr;
}

AccountNumberCheck CheckAccountNumber(std::string_view typed) {
  AccountNumberCheck out;
  for (char c : typed) {
    if (c >= '0' && c <= '9') {
      out.digits += c;
    } else if (c != ' ' && c != '-') {
      out.digits.clear();
      out.problem = AccountNumberProblem::kNotDigits;
      return out;
    }
  }
  if (out.digits.empty()) {
    out.problem = AccountNumberProblem::kEmpty;
  } else if (out.digits.size() < kMinAccountDigits || out.digits.size() > kMaxAccountDigits) {
    out.problem = AccountNumberProblem::kLength;
  }
  return out;
}

std::string LastFour(std::string_view digits) {
  return std::string(digits.size() <= 4 ? digits : digits.substr(digits.size() - 4));
}

std::string SealAccountNumber(std::string_view key, std::int64_t member_id,
                              std::string_view digits) {
  return security::Base64UrlEncode(
      security::Seal(key, std::to_string(member_id) + ":" + std::string(digits)));
}

std::optional<std::string> OpenAccountNumber(std::string_view key, std::int64_t member_id,
                                             std::string_view sealed) {
  const auto bytes = security::Base64UrlDecode(sealed);
  if (!bytes) return std::nullopt;
  const auto plain = security::Open(key, *bytes);
  const std::string owner = std::to_string(member_id) + ":";
  if (!plain || plain->rfind(owner, 0) != 0) return std::nullopt;
  return plain->substr(owner.size());
}

std::string AccountFingerprint(std::string_view key, std::string_view bank_code,
                               std::string_view account_number) {
  if (key.size() != crypto_auth_hmacsha256_KEYBYTES) {
    throw std::invalid_argument("AccountFingerprint: the key must be 32 bytes");
  }
  security::internal::EnsureSodium();
  std::string code(Trim(bank_code));
  for (char& c : code) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  std::string digits;
  for (char c : account_number) {
    if (c != ' ' && c != '-') digits += c;
  }
  // The code cannot hold ':' (IsBankCode), so "code:number" names one account only.
  const std::string message = code + ":" + digits;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()),
                              key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()),
                                message.size());
  crypto_auth_hmacsha256_final(&state, mac);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(sizeof mac * 2);
  for (unsigned char b : mac) {
    hex += kHex[b >> 4];
    hex += kHex[b & 0x0f];
  }
  return hex;
}

}  // namespace lumbung::profile
