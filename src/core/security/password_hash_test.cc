#include "core/security/password_hash.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace lumbung::security {
namespace {

using ::testing::StartsWith;

// Small parameters where speed matters; one test below uses the defaults.
constexpr Argon2Params kFast{.memory_kib = 8192, .iterations = 1};

TEST(PasswordHash, Asvs2_4_4_DefaultsAreOwaspArgon2idMinimum) {
  const Argon2Params defaults;
  EXPECT_EQ(defaults.memory_kib, 19456u);
  EXPECT_EQ(defaults.iterations, 2u);
  const std::string hash = HashPassword("correct horse battery staple", defaults);
  EXPECT_THAT(hash, StartsWith("$argon2id$v=19$m=19456,t=2,p=1$"));
  EXPECT_TRUE(VerifyPassword(hash, "correct horse battery staple"));
  EXPECT_FALSE(VerifyPassword(hash, "correct horse battery stapl"));
  EXPECT_FALSE(NeedsRehash(hash, defaults));
}

TEST(PasswordHash, Asvs2_4_1_VerifiesOnlyTheRightPassword) {
  const std::string hash = HashPassword("Rahasia-123", kFast);
  EXPECT_THAT(hash, StartsWith("$argon2id$v=19$m=8192,t=1,p=1$"));
  EXPECT_TRUE(VerifyPassword(hash, "Rahasia-123"));
  EXPECT_FALSE(VerifyPassword(hash, "rahasia-123"));
  EXPECT_FALSE(VerifyPassword(hash, "Rahasia-123 "));
  EXPECT_FALSE(VerifyPassword(hash, ""));
}

TEST(PasswordHash, Asvs2_4_2_SaltsEveryHash) {
  const std::string a = HashPassword("same password", kFast);
  const std::string b = HashPassword("same password", kFast);
  EXPECT_NE(a, b);
  EXPECT_TRUE(VerifyPassword(a, "same password"));
  EXPECT_TRUE(VerifyPassword(b, "same password"));
}

TEST(PasswordHash, PasswordsAreBytesIncludingNulAndUnicode) {
  const std::string with_nul("ab\0cd", 5);
  const std::string hash = HashPassword(with_nul, kFast);
  EXPECT_TRUE(VerifyPassword(hash, with_nul));
  EXPECT_FALSE(VerifyPassword(hash, "ab"));  // not cut at the NUL
  const std::string unicode = HashPassword("kata sandi \xF0\x9F\x94\x91 ditulis", kFast);
  EXPECT_TRUE(VerifyPassword(unicode, "kata sandi \xF0\x9F\x94\x91 ditulis"));
  EXPECT_TRUE(VerifyPassword(HashPassword("", kFast), ""));  // policy is the caller's
}

TEST(PasswordHash, Nist800_63b_5_1_1_2_LongPasswordsUpTo4096BytesAndNoMore) {
  const std::string longest(kMaxPasswordBytes, 'x');
  const std::string hash = HashPassword(longest, kFast);
  EXPECT_TRUE(VerifyPassword(hash, longest));
  const std::string too_long(kMaxPasswordBytes + 1, 'x');
  EXPECT_THROW(HashPassword(too_long, kFast), std::invalid_argument);
  EXPECT_FALSE(VerifyPassword(hash, too_long));
}

TEST(PasswordHash, MalformedHashesNeverVerifyNorThrow) {
  const std::string good = HashPassword("pw", kFast);
  const std::vector<std::string> bad = {
      "",
      "pw",
      "$argon2id$",
      "$argon2id$v=19$m=8192,t=1,p=1$",
      good.substr(0, good.size() - 1),                               // truncated
      good + "A",                                                    // extended
      "$argon2i$" + good.substr(10),                                 // another algorithm
      "$2b$12$abcdefghijklmnopqrstuuQWERTYUIOPASDFGHJKLZXCVBNMqwe",  // bcrypt
      std::string(1000, '$'),                                        // longer than any PHC string
      std::string("$argon2id$\0v=19", 15),                           // embedded NUL
  };
  for (const std::string& hash : bad) EXPECT_FALSE(VerifyPassword(hash, "pw")) << hash;
  // NeedsRehash reads only the header: one it cannot parse, or another algorithm, says yes.
  for (const std::string& hash : {bad[0], bad[1], bad[2], bad[6], bad[7], bad[8], bad[9]}) {
    EXPECT_TRUE(NeedsRehash(hash, kFast)) << hash;
  }
  // One changed character of the hash or the salt.
  std::string flipped = good;
  flipped[flipped.size() - 2] = flipped[flipped.size() - 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(VerifyPassword(flipped, "pw"));
}

TEST(PasswordHash, Asvs2_4_4_RehashWhenParametersChange) {
  const std::string hash = HashPassword("pw", kFast);
  EXPECT_FALSE(NeedsRehash(hash, kFast));
  EXPECT_TRUE(NeedsRehash(hash, {.memory_kib = 16384, .iterations = 1}));
  EXPECT_TRUE(NeedsRehash(hash, {.memory_kib = 8192, .iterations = 2}));
  // The old hash still verifies after the change: upgrade it at the next login.
  EXPECT_TRUE(VerifyPassword(hash, "pw"));
}

TEST(PasswordHash, RefusesParametersOutOfRange) {
  EXPECT_THROW(HashPassword("pw", {.memory_kib = 1024, .iterations = 1}), std::invalid_argument);
  EXPECT_THROW(HashPassword("pw", {.memory_kib = 8192, .iterations = 0}), std::invalid_argument);
  EXPECT_THROW(HashPassword("pw", {.memory_kib = 8192, .iterations = 101}), std::invalid_argument);
  EXPECT_THROW(HashPassword("pw", {.memory_kib = 4194305, .iterations = 1}), std::invalid_argument);
  EXPECT_THROW(SpendDummyVerification({.memory_kib = 0, .iterations = 1}), std::invalid_argument);
}

double MedianMs(std::vector<double> samples) {
  std::sort(samples.begin(), samples.end());
  return samples[samples.size() / 2];
}

TEST(PasswordHash, Asvs2_2_DummyVerificationCostsWhatARealOneCosts) {
  const Argon2Params params{.memory_kib = 16384, .iterations = 2};
  EXPECT_NO_THROW(SpendDummyVerification(params));  // builds the dummy hash once
  const std::string hash = HashPassword("known user's password", params);
  std::vector<double> real, dummy;
  for (int i = 0; i < 5; ++i) {
    auto start = std::chrono::steady_clock::now();
    EXPECT_FALSE(VerifyPassword(hash, "a wrong guess"));
    real.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
    start = std::chrono::steady_clock::now();
    SpendDummyVerification(params);
    dummy.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
            .count());
  }
  // Same work: within a generous factor so that a loaded machine does not make this flaky; a
  // dummy that skipped Argon2 would be ~1000 times faster.
  EXPECT_GT(MedianMs(dummy), MedianMs(real) / 3) << "real " << MedianMs(real);
  EXPECT_LT(MedianMs(dummy), MedianMs(real) * 3) << "real " << MedianMs(real);
}

TEST(PasswordHash, DummyVerificationIsThreadSafe) {
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([] { SpendDummyVerification({.memory_kib = 8192, .iterations = 3}); });
  }
  for (auto& thread : threads) thread.join();
}

}  // namespace
}  // namespace lumbung::security
