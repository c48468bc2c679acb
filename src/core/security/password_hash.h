// Password storage with Argon2id (libsodium crypto_pwhash, ALG_ARGON2ID13), as OWASP's Password
// Storage Cheat Sheet recommends; ASVS 4.0.3 2.4.1/2.4.4, NIST SP 800-63B 5.1.1.2.
//
// Hashes are PHC strings ("$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>") that carry their own
// salt (16 random bytes, ASVS 2.4.2) and parameters, so old hashes keep verifying after the
// parameters change; NeedsRehash says when to re-hash at the next successful login.
//
// Passwords are bytes here: callers apply the password policy and NFKC normalisation (NIST
// 800-63B 5.1.1.2) before calling. Passwords longer than kMaxPasswordBytes are refused so a
// megabyte "password" cannot make a request expensive; callers should refuse such input before
// looking the account up, so that the refusal says nothing about whether the account exists.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace lumbung::security {

inline constexpr std::size_t kMaxPasswordBytes = 4096;

// Defaults: OWASP's minimum for Argon2id (19 MiB, 2 passes); parallelism is always 1 in
// libsodium. The accepted ranges are those of the configuration keys security.argon2_*.
struct Argon2Params {
  std::uint64_t memory_kib = 19456;  // 8192 .. 4194304
  std::uint32_t iterations = 2;      // 1 .. 100
};

// A new PHC string for `password` with a fresh random salt. Throws std::invalid_argument for a
// password over kMaxPasswordBytes or parameters out of range, std::runtime_error when the memory
// cannot be allocated.
std::string HashPassword(std::string_view password, const Argon2Params& params);

// True when `password` matches `stored_hash` (an Argon2id PHC string). False for a wrong
// password, a password over kMaxPasswordBytes, and a malformed or non-Argon2id hash. Never
// throws. Costs what the hash's own parameters say (the comparison inside is constant-time).
bool VerifyPassword(std::string_view stored_hash, std::string_view password) noexcept;

// True when `stored_hash` was made with other parameters than `params`, or its header is not
// that of an Argon2id hash: after a successful VerifyPassword, store HashPassword(password,
// params). Only the header is read; whether the rest is intact is VerifyPassword's business.
bool NeedsRehash(std::string_view stored_hash, const Argon2Params& params) noexcept;

// Does the work of one VerifyPassword with `params` and throws the result away. Call it when
// the identifier is unknown (or the account cannot log in) so that the response takes as long
// as for a known account: no account enumeration by timing (ASVS 2.2.x, 3.x guidance). The
// dummy hash is made once per distinct `params` (that first call costs an extra hash; call it
// at start-up to warm it). Thread-safe. Throws std::invalid_argument for parameters out of
// range.
void SpendDummyVerification(const Argon2Params& params);

}  // namespace lumbung::security
