// libFuzzer entry for what the server reads from a request's Cookie and Accept-Language
// headers: the cookie header parser (core/http/url.h) and Request::Cookie, the language
// negotiation (core/i18n/catalog.h), and the check of a signed cookie value such as the
// session's (core/security/signed_value.h). The input is used whole as each header.
//
// Properties, beyond no crash, leak, undefined behaviour or hang:
// - every cookie parsed has a non-empty name without '=' or ';', a value without ';', both
//   taken from the header as sent (never made up), and at most one per ';'-separated part;
//   Request::Cookie answers the first value of each name;
// - the language chosen is always one the portal has;
// - a signed value is accepted only when it is exactly what Sign makes of the value it
//   yields (no other spelling, padding or separator passes), and what Sign makes is accepted.
// Built with clang as lumbung_fuzz_cookie (make fuzz); the seeds in corpus/cookie/ are also
// replayed as a unit test.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/http/request.h"
#include "core/http/url.h"
#include "core/i18n/catalog.h"
#include "core/security/signed_value.h"
#include "fuzz_support.h"

namespace {

using lumbung::fuzz::Require;

void CheckSigned(const lumbung::security::Signer& signer, std::string_view text) {
  if (const auto value = signer.Verify(text)) Require(signer.Sign(*value) == text);
  Require(signer.Verify(signer.Sign(text)) == std::string(text));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lumbung;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  const http::Fields cookies = http::ParseCookieHeader(input);
  std::size_t parts = 1;
  for (char c : input) parts += c == ';';
  Require(cookies.size() <= parts);
  for (const auto& [name, value] : cookies) {
    Require(!name.empty() && name.find_first_of("=;") == std::string::npos);
    Require(value.find(';') == std::string::npos);
    Require(input.find(name) != std::string_view::npos);
    Require(input.find(value) != std::string_view::npos);
  }
  http::Request request;
  request.headers = {{"cookie", std::string(input)}};
  for (const auto& [name, value] : cookies) {
    std::string first;
    for (const auto& [n, v] : cookies) {
      if (n == name) {
        first = v;
        break;
      }
    }
    Require(request.Cookie(name) == first);
  }

  static const std::vector<std::string> languages = {"id", "en"};
  for (const std::string& lang :
       {i18n::NegotiateLanguage(request.Cookie("lang").value_or(""), input, languages),
        i18n::NegotiateLanguage(input, input, languages)}) {
    Require(lang == "id" || lang == "en");
  }

  static const security::Signer signer(std::string(security::kKeyBytes, 'k'));
  CheckSigned(signer, input);
  for (const auto& [name, value] : cookies) CheckSigned(signer, value);
  return 0;
}
