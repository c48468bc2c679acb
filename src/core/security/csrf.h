// Cross-site request forgery defence: the synchronizer token pattern (OWASP CSRF Prevention
// Cheat Sheet; ASVS 4.2.2).
//
// Each session has one secret, NewToken(), kept server-side with the session. Every rendered
// form carries MaskCsrfToken(secret) in a hidden field, and every state-changing request must
// pass CheckCsrfToken(secret, submitted_field).
//
// Why masking: responses are gzipped, and a secret repeated verbatim in compressed responses
// that also reflect attacker-chosen text can be recovered byte by byte from response sizes
// (BREACH). A masked token is base64url(pad || pad XOR secret) with a fresh random pad, so it
// differs in every response while any of them verifies.
#pragma once

#include <string>
#include <string_view>

namespace lumbung::security {

// A fresh masked token for `secret` (a NewToken() value). Throws std::invalid_argument when
// `secret` is not base64url of at least 16 bytes (a programming error, not user input).
std::string MaskCsrfToken(std::string_view secret);

// True when `submitted` is a masked token for `secret`. False for anything malformed (wrong
// length, not base64url, empty) and for a bare unmasked secret. The comparison is
// constant-time. Never throws.
bool CheckCsrfToken(std::string_view secret, std::string_view submitted) noexcept;

}  // namespace lumbung::security
