// Writes credentials made by this library's real code path (keys in a database, rotation,
// withdrawal, status list) to a folder, for tests/support/verify_jwt.py to check with an
// independent implementation (PyJWT over python3-cryptography).
//
//   credentials_interop_samples SOURCE_DIR OUT_DIR
//
// OUT_DIR/jwks.json          what /.well-known/jwks.json would serve
// OUT_DIR/samples.json       {"valid": {name: token}, "invalid": {name: token},
//                             "status_list": credential, "revoked_index": n, "kept_index": m}
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "core/db/database.h"
#include "core/db/migrator.h"
#include "core/security/encoding.h"
#include "credentials/jwt.h"
#include "credentials/key_ring.h"
#include "credentials/status_list.h"

namespace cred = lumbung::credentials;
namespace db = lumbung::db;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: credentials_interop_samples SOURCE_DIR OUT_DIR\n";
    return 2;
  }
  const std::filesystem::path source = argv[1], out = argv[2];
  std::filesystem::create_directories(out);
  db::Database database(db::ParseDatabaseUrl("sqlite::memory:"));
  std::ostringstream log;
  db::Migrate(database,
              {source / "src/core/audit/migrations", source / "src/credentials/migrations"}, log);
  auto lease = database.Acquire();
  auto& sql = *lease;
  const std::string master(32, '\x42');
  const std::int64_t now = 1'767'225'600;
  const cred::KeyRingOptions both{.algorithms = {cred::Algorithm::kRs256, cred::Algorithm::kEdDsa},
                                  .rsa_bits = cred::kDefaultRsaBits};

  nlohmann::json payload = {{"iss", "https://lumbung.example"},
                            {"sub", "did:example:holder"},
                            {"iat", now},
                            {"jti", "urn:uuid:0b6f8a8e-2f0b-4c59-9d6e-1a3c9d1e0001"},
                            {"vc", {{"type", {"VerifiableCredential", "OpenBadgeCredential"}}}}};
  nlohmann::json samples = {{"valid", nlohmann::json::object()},
                            {"invalid", nlohmann::json::object()}};

  // A key that signs once and is then retired: its credential must keep verifying.
  const cred::KeyRing first = cred::LoadKeyRing(sql, master, now, both);
  samples["valid"]["rs256_rotated_out"] = cred::SignJwt(payload, first.ActiveKey());
  // Its successor signs once and is then withdrawn: its credential must fail. The next load
  // makes a fresh active key.
  const std::string compromised = cred::RotateKey(sql, master, now + 120);
  samples["invalid"]["rs256_withdrawn"] =
      cred::SignJwt(payload, cred::LoadKeyRing(sql, master, now + 121, both).ActiveKey());
  cred::WithdrawKey(sql, compromised, now + 180);

  const cred::KeyRing ring = cred::LoadKeyRing(sql, master, now + 240, both);
  const std::string rs = cred::SignJwt(payload, ring.ActiveKey(), {{"typ", "vc+jwt"}});
  const std::string ed = cred::SignJwt(payload, ring.ActiveKey(cred::Algorithm::kEdDsa));
  samples["valid"]["rs256"] = rs;
  samples["valid"]["eddsa"] = ed;
  // Expired long ago, yet genuine: the signature verifies; the date is the verifier's to judge.
  nlohmann::json expired = payload;
  expired["exp"] = 1'000'000'000;
  samples["expired"] = cred::SignJwt(expired, ring.ActiveKey());

  // Tampered: the payload of one token with the signature of another.
  nlohmann::json forged = payload;
  forged["sub"] = "did:example:someone-else";
  const auto dot = rs.find('.'), last = rs.rfind('.');
  samples["invalid"]["rs256_tampered_payload"] =
      rs.substr(0, dot) + "." + lumbung::security::Base64UrlEncode(forged.dump()) + rs.substr(last);
  const auto ed_last = ed.rfind('.');
  std::string ed_signature = *lumbung::security::Base64UrlDecode(ed.substr(ed_last + 1));
  ed_signature[0] ^= 1;
  samples["invalid"]["eddsa_tampered_signature"] =
      ed.substr(0, ed_last + 1) + lumbung::security::Base64UrlEncode(ed_signature);

  // The status list, with one credential revoked.
  const auto revoked = cred::AllocateStatusIndex(sql, "1", now);
  const auto kept = cred::AllocateStatusIndex(sql, "1", now);
  cred::SetRevoked(sql, "1", revoked, true, now + 300);
  samples["status_list"] =
      cred::StatusListCredential({.id = "https://lumbung.example/credentials/status/1",
                                  .issuer = "https://lumbung.example",
                                  .valid_from = "2026-01-01T00:00:00Z",
                                  .encoded_list = cred::EncodedStatusList(sql, "1")});
  samples["status_list_jwt"] = cred::SignJwt(samples["status_list"], ring.ActiveKey());
  samples["revoked_index"] = revoked;
  samples["kept_index"] = kept;
  samples["payload"] = payload;
  samples["withdrawn_kid"] = compromised;

  std::ofstream(out / "jwks.json") << cred::LoadJwks(sql).dump(2) << "\n";
  std::ofstream(out / "samples.json") << samples.dump(2) << "\n";
  std::cout << "wrote " << (out / "jwks.json").string() << " and samples.json\n";
  return 0;
}
