// libFuzzer entry for what the server decodes from every request line and form body
// (core/http/url.h): percent-decoding, query strings and urlencoded forms, and the check of a
// "next" address before a redirect. The input is used whole, as a request would carry it.
//
// Properties, beyond no crash, leak, undefined behaviour or hang:
// - a decoded text is valid UTF-8, and IsValidUtf8 agrees with an independent reading of
//   RFC 3629's table of well-formed sequences;
// - encoding then decoding gives the text back (with and without '+' as space);
// - a parsed form re-encoded and parsed again gives the same fields in the same order, has at
//   most one field per '&'-separated part, and Request::Query finds each key's first value;
// - a path IsLocalPath accepts, resolved against the portal's address, stays on the portal.
// Built with clang as lumbung_fuzz_url (make fuzz); the seeds in corpus/url/ are also replayed
// as a unit test.
#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/http/request.h"
#include "core/http/url.h"
#include "fuzz_support.h"

namespace {

using lumbung::fuzz::Require;
using lumbung::fuzz::WellFormedUtf8;

void CheckDecoding(std::string_view input) {
  Require(lumbung::http::IsValidUtf8(input) == WellFormedUtf8(input));
  for (bool plus_as_space : {false, true}) {
    if (const auto decoded = lumbung::http::PercentDecode(input, plus_as_space)) {
      Require(lumbung::http::IsValidUtf8(*decoded));
      Require(decoded->size() <= input.size());
    }
  }
  if (!lumbung::http::IsValidUtf8(input)) return;
  const std::string encoded = lumbung::http::PercentEncode(input);
  for (char c : encoded) {
    const auto u = static_cast<unsigned char>(c);
    // Only printable ASCII, and nothing that ends a form's field or value.
    Require(u > 0x20 && u < 0x7F && c != '&' && c != '=' && c != '+' && c != '?' && c != '#');
  }
  Require(lumbung::http::PercentDecode(encoded, false) == std::string(input));
  Require(lumbung::http::PercentDecode(encoded, true) == std::string(input));
}

void CheckForm(std::string_view input) {
  using lumbung::http::Fields;
  const auto fields = lumbung::http::ParseUrlEncoded(input);
  if (!fields) return;
  std::size_t parts = 1;
  for (char c : input) parts += c == '&';
  Require(fields->size() <= parts);
  std::string again;
  for (const auto& [key, value] : *fields) {
    Require(lumbung::http::IsValidUtf8(key) && lumbung::http::IsValidUtf8(value));
    if (!again.empty()) again += '&';
    again += lumbung::http::PercentEncode(key) + "=" + lumbung::http::PercentEncode(value);
  }
  const auto reparsed = lumbung::http::ParseUrlEncoded(again);
  Require(reparsed && *reparsed == *fields);

  lumbung::http::Request request;
  request.raw_query = std::string(input);
  for (const auto& [key, value] : *fields) {
    std::string first;
    for (const auto& [k, v] : *fields) {
      if (k == key) {
        first = v;
        break;
      }
    }
    Require(request.Query(key) == first);
  }
}

void CheckLocalPath(std::string_view input) {
  if (!lumbung::http::IsLocalPath(input)) return;
  Require(!input.empty() && input[0] == '/');
  try {
    Poco::URI resolved("https://portal.lumbung.example/dashboard");
    resolved.resolve(std::string(input));
    Require(resolved.getScheme() == "https" && resolved.getHost() == "portal.lumbung.example" &&
            resolved.getPort() == 443);
  } catch (const Poco::Exception&) {
    // POCO refuses some addresses browsers take (e.g. a bad escape); the browser keeps those
    // on the portal too, being paths.
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  CheckDecoding(input);
  CheckForm(input);
  CheckLocalPath(input);
  return 0;
}
