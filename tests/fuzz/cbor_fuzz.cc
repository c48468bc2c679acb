// libFuzzer entry for the WebAuthn parsers: every input goes through the CBOR decoder, the
// COSE_Key parser, the authenticator data parser and the whole registration check (with client
// data that passes, so the attestation object is what gets exercised), and the clientDataJSON
// checks. The property is the
// absence of crashes, leaks, undefined behaviour and hangs on any bytes. Built with clang as
// lumbung_fuzz_cbor (make fuzz); the seed corpus in cbor_corpus/ is also replayed as a unit test.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/security/cbor.h"
#include "core/security/cose_key.h"
#include "core/security/webauthn.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace lumbung::security;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (auto value = CborDecode(input)) {
    if (auto key = ParseCoseKey(*value)) VerifyCoseSignature(*key, input, input);
  }
  std::size_t consumed = 0;
  CborDecodePrefix(input, &consumed);
  ParseAuthenticatorData(input);
  static const std::string challenge(16, 'c');
  static const std::string client_data =
      "{\"type\":\"webauthn.create\",\"challenge\":\"Y2NjY2NjY2NjY2NjY2NjYw\","
      "\"origin\":\"http://localhost\"}";
  const Expected expected{"webauthn.create", challenge, "http://localhost", "localhost", false};
  VerifyRegistration(client_data, input, expected);
  // The same bytes as clientDataJSON (JSON parsing with the size limit).
  ClientDataChallenge(input);
  CheckClientData(input, expected);
  return 0;
}
