#include "core/audit/chain.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace lumbung::audit {
namespace {

ChainRow Sample() {
  return {.id = 1,
          .occurred_at = "2024-05-01T03:04:05.678Z",
          .actor_user_id = std::nullopt,
          .subject_user_id = 42,
          .action = "login.failed",
          .result = "denied",
          .ip = "203.0.113.9",
          .user_agent = "curl/8",
          .details = R"({"reason":"bad_password"})"};
}

TEST(Chain, Asvs7_3_3_CanonicalFormIsFrozen) {
  // The format external verifiers rely on; the hash was computed independently (Python:
  // json.dumps(row, separators=(',', ':')) and hashlib.sha256).
  EXPECT_EQ(CanonicalRow(Sample()),
            R"([1,"2024-05-01T03:04:05.678Z",null,42,"login.failed","denied","203.0.113.9",)"
            R"("curl/8","{\"reason\":\"bad_password\"}"])");
  EXPECT_EQ(RowHash(kGenesisHash, Sample()),
            "7e72f9cb885a451ed0e23d91ac14847999d3be23714ee7fa80cf23399decdd33");
}

TEST(Chain, EveryFieldAndThePreviousHashCount) {
  const std::string base = RowHash(kGenesisHash, Sample());
  auto changed = [&](auto mutate) {
    ChainRow row = Sample();
    mutate(row);
    return RowHash(kGenesisHash, row);
  };
  EXPECT_NE(changed([](ChainRow& r) { r.id = 2; }), base);
  EXPECT_NE(changed([](ChainRow& r) { r.occurred_at = "2024-05-01T03:04:05.679Z"; }), base);
  EXPECT_NE(changed([](ChainRow& r) { r.actor_user_id = 42; }), base);
  EXPECT_NE(changed([](ChainRow& r) { r.subject_user_id = std::nullopt; }), base);
  EXPECT_NE(changed([](ChainRow& r) { r.action = "login.ok"; }), base);
  EXPECT_NE(changed([](ChainRow& r) { r.result = "ok"; }), base);
  EXPECT_NE(changed([](ChainRow& r) { r.ip = "203.0.113.10"; }), base);
  EXPECT_NE(changed([](ChainRow& r) { r.user_agent = "curl/9"; }), base);
  EXPECT_NE(changed([](ChainRow& r) { r.details = "{}"; }), base);
  EXPECT_NE(RowHash(std::string(64, '1'), Sample()), base);
}

TEST(Chain, FieldsCannotImitateSeparators) {
  ChainRow a = Sample(), b = Sample();
  a.ip = "1\",\"2";
  a.user_agent = "3";
  b.ip = "1";
  b.user_agent = "2\",\"3";
  EXPECT_NE(CanonicalRow(a), CanonicalRow(b));
  ChainRow null_actor = Sample(), zero_actor = Sample();
  zero_actor.actor_user_id = 0;
  EXPECT_NE(CanonicalRow(null_actor), CanonicalRow(zero_actor));
}

TEST(Chain, InvalidUtf8CannotBeHashed) {
  ChainRow row = Sample();
  row.user_agent = "\xff";
  EXPECT_ANY_THROW(RowHash(kGenesisHash, row));
}

}  // namespace
}  // namespace lumbung::audit
