// The signing keys in the database on SQLite and PostgreSQL (ASVS 4.0.3 6.4.1 keys kept sealed
// under the master key, 6.4.2 key material not exposed, 3.5.3 signatures that survive rotation).
#include "credentials/key_ring.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <latch>
#include <set>
#include <thread>

#include "core/security/encoding.h"
#include "core/security/secret_box.h"
#include "core/security/signed_value.h"
#include "credentials/jwt.h"
#include "support/test_databases.h"

namespace lumbung::credentials {
namespace {

constexpr std::int64_t kNow = 1'767'225'600;  // 2026-01-01 07.00 WIB
const std::string kMaster(32, '\x5a');
// 2048-bit keys keep the tests quick; the fund's default is kDefaultRsaBits.
const KeyRingOptions kFast{.algorithms = {Algorithm::kRs256}, .rsa_bits = 2048};
const nlohmann::json kPayload = {{"iss", "https://lumbung.example"}, {"jti", "urn:uuid:1"}};

class KeyRingDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations({"src/core/audit/migrations", "src/credentials/migrations"});
  }
  KeyRing Load(std::int64_t now = kNow, const KeyRingOptions& options = kFast) {
    auto lease = db().Acquire();
    return LoadKeyRing(*lease, kMaster, now, options);
  }
  std::string Rotate(std::int64_t now, Algorithm alg = Algorithm::kRs256) {
    auto lease = db().Acquire();
    return RotateKey(*lease, kMaster, now, {.actor_user_id = 7, .ip = "203.0.113.9"}, alg, 2048);
  }
  long long Count(const std::string& query) {
    auto lease = db().Acquire();
    long long n = 0;
    *lease << query, soci::into(n);
    return n;
  }
  std::vector<std::string> Kids(const nlohmann::json& jwks) {
    std::vector<std::string> kids;
    for (const auto& jwk : jwks["keys"]) kids.push_back(jwk["kid"]);
    return kids;
  }
};

TEST_P(KeyRingDbTest, FirstKeyIsMadeOnceAndKeptAfterwards) {
  const KeyRing first = Load();
  const KeyRing again = Load(kNow + 60);
  EXPECT_EQ(first.ActiveKey().kid, again.ActiveKey().kid);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM credential_signing_keys"), 1);
  EXPECT_EQ(Kids(again.Jwks()), std::vector<std::string>{first.ActiveKey().kid});
  EXPECT_TRUE(again.PublicJwk(first.ActiveKey().kid));
  EXPECT_FALSE(again.HasActiveKey(Algorithm::kEdDsa));
  EXPECT_THROW(again.ActiveKey(Algorithm::kEdDsa), std::out_of_range);
  // The key that came back from the database signs, and its published half verifies.
  const std::string token = SignJwt(kPayload, again.ActiveKey());
  EXPECT_TRUE(VerifyJwt(token, again.Jwks()).ok());
  auto lease = db().Acquire();
  EXPECT_TRUE(VerifyJwt(token, LoadJwks(*lease)).ok());
}

TEST_P(KeyRingDbTest, InstancesStartingTogetherShareOneFirstKey) {
  constexpr int kInstances = 4;
  std::latch start(kInstances);
  std::vector<std::string> kids(kInstances);
  std::vector<std::string> errors(kInstances);
  std::vector<std::thread> threads;
  for (int i = 0; i < kInstances; ++i) {
    threads.emplace_back([&, i] {
      try {
        auto lease = db().Acquire();
        start.arrive_and_wait();
        kids[i] = LoadKeyRing(*lease, kMaster, kNow, kFast).ActiveKey().kid;
      } catch (const std::exception& e) {
        errors[i] = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  for (const auto& e : errors) EXPECT_EQ(e, "");
  EXPECT_EQ(std::set<std::string>(kids.begin(), kids.end()).size(), 1u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM credential_signing_keys"), 1);
}

TEST_P(KeyRingDbTest, PrivateKeysAreStoredSealedNeverInClear) {
  const KeyRing ring = Load();
  auto lease = db().Acquire();
  std::string kid, sealed, jwk;
  *lease << "SELECT kid, private_key_sealed, public_jwk FROM credential_signing_keys",
      soci::into(kid), soci::into(sealed), soci::into(jwk);
  EXPECT_EQ(sealed.find("PRIVATE"), std::string::npos);
  EXPECT_EQ(jwk.find("\"d\""), std::string::npos);
  EXPECT_EQ(jwk.find("PRIVATE"), std::string::npos);
  const auto opened = security::Open(security::DeriveKey(kMaster, kSealPurpose),
                                     *security::Base64UrlDecode(sealed));
  ASSERT_TRUE(opened);
  EXPECT_EQ(*opened, kid + "\n" + ring.ActiveKey().private_key_pem);
  // Another deployment's master key opens nothing.
  EXPECT_THROW(LoadKeyRing(*lease, std::string(32, '\x01'), kNow, kFast), std::runtime_error);
}

TEST_P(KeyRingDbTest, SealedKeyMovedToAnotherRowDoesNotOpen) {
  Load(kNow, {.algorithms = {Algorithm::kRs256, Algorithm::kEdDsa}, .rsa_bits = 2048});
  {
    auto lease = db().Acquire();
    std::string rsa_sealed;
    *lease << "SELECT private_key_sealed FROM credential_signing_keys WHERE alg = 'RS256'",
        soci::into(rsa_sealed);
    *lease << "UPDATE credential_signing_keys SET private_key_sealed = :s WHERE alg = 'EdDSA'",
        soci::use(rsa_sealed);
  }
  EXPECT_THROW(Load(kNow, {.algorithms = {Algorithm::kRs256, Algorithm::kEdDsa}}),
               std::runtime_error);
}

TEST_P(KeyRingDbTest, BothAlgorithmsCanBeActiveAtOnce) {
  const KeyRing ring =
      Load(kNow, {.algorithms = {Algorithm::kRs256, Algorithm::kEdDsa}, .rsa_bits = 2048});
  EXPECT_EQ(ring.ActiveKey(Algorithm::kRs256).alg, Algorithm::kRs256);
  EXPECT_EQ(ring.ActiveKey(Algorithm::kEdDsa).alg, Algorithm::kEdDsa);
  EXPECT_EQ(ring.Jwks()["keys"].size(), 2u);
  EXPECT_TRUE(VerifyJwt(SignJwt(kPayload, ring.ActiveKey(Algorithm::kEdDsa)), ring.Jwks()).ok());
}

TEST_P(KeyRingDbTest, RotationSignsWithTheNewKeyAndOldCredentialsStillVerify) {
  const KeyRing before = Load();
  const std::string old_kid = before.ActiveKey().kid;
  const std::string old_token = SignJwt(kPayload, before.ActiveKey());

  const std::string new_kid = Rotate(kNow + 3600);
  EXPECT_NE(new_kid, old_kid);
  const KeyRing after = Load(kNow + 3601);
  EXPECT_EQ(after.ActiveKey().kid, new_kid);
  EXPECT_EQ(Kids(after.Jwks()), (std::vector<std::string>{new_kid, old_kid}));  // newest first
  EXPECT_TRUE(VerifyJwt(old_token, after.Jwks()).ok());
  EXPECT_TRUE(VerifyJwt(SignJwt(kPayload, after.ActiveKey()), after.Jwks()).ok());
  {
    auto lease = db().Acquire();
    EXPECT_TRUE(VerifyJwt(old_token, LoadJwks(*lease)).ok());
  }
  // The retired key's private half is gone; its public half stays.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM credential_signing_keys WHERE private_key_sealed IS NULL"
                  " AND retired_at = " +
                  std::to_string(kNow + 3600)),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'credentials.key_rotated'"
                  " AND actor_user_id = 7"),
            1);
  // A second rotation keeps both earlier keys published.
  Rotate(kNow + 7200);
  EXPECT_EQ(Load(kNow + 7201).Jwks()["keys"].size(), 3u);
  auto lease = db().Acquire();
  const auto keys = ListKeys(*lease);
  ASSERT_EQ(keys.size(), 3u);
  EXPECT_FALSE(keys[0].retired_at);
  EXPECT_EQ(keys[2].kid, old_kid);
  EXPECT_EQ(keys[2].retired_at, kNow + 3600);
}

TEST_P(KeyRingDbTest, RotationOnAnEmptyRingMakesTheFirstKey) {
  const std::string kid = Rotate(kNow);
  EXPECT_EQ(Load().ActiveKey().kid, kid);
}

TEST_P(KeyRingDbTest, WithdrawnKeysAreNotPublishedAndTheirCredentialsFail) {
  const KeyRing before = Load();
  const std::string old_kid = before.ActiveKey().kid;
  const std::string old_token = SignJwt(kPayload, before.ActiveKey());
  const std::string kept_kid = Rotate(kNow + 10);
  const std::string kept_token = SignJwt(kPayload, Load(kNow + 11).ActiveKey());
  {
    auto lease = db().Acquire();
    EXPECT_EQ(WithdrawKey(*lease, old_kid, kNow + 20, {.actor_user_id = 7}),
              WithdrawResult::kWithdrawn);
    EXPECT_EQ(WithdrawKey(*lease, old_kid, kNow + 21), WithdrawResult::kAlreadyWithdrawn);
    EXPECT_EQ(WithdrawKey(*lease, "no-such-kid", kNow + 21), WithdrawResult::kUnknownKid);
    EXPECT_EQ(Kids(LoadJwks(*lease)), std::vector<std::string>{kept_kid});
    EXPECT_EQ(VerifyJwt(old_token, LoadJwks(*lease)).error, JwtError::kUnknownKid);
    EXPECT_TRUE(VerifyJwt(kept_token, LoadJwks(*lease)).ok());
  }
  const KeyRing after = Load(kNow + 22);
  EXPECT_FALSE(after.PublicJwk(old_kid));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'credentials.key_withdrawn'"), 1);
}

TEST_P(KeyRingDbTest, WithdrawingTheActiveKeyMakesANewOne) {
  const std::string compromised = Load().ActiveKey().kid;
  {
    auto lease = db().Acquire();
    ASSERT_EQ(WithdrawKey(*lease, compromised, kNow + 5), WithdrawResult::kWithdrawn);
  }
  const KeyRing after = Load(kNow + 6);
  EXPECT_NE(after.ActiveKey().kid, compromised);
  EXPECT_EQ(Kids(after.Jwks()), std::vector<std::string>{after.ActiveKey().kid});
}

LUMBUNG_INSTANTIATE_DB_TESTS(KeyRingDbTest);

}  // namespace
}  // namespace lumbung::credentials
