#include "card/cards.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "support/test_databases.h"

namespace lumbung::card {
namespace {

constexpr std::int64_t kNow = 1'767'225'600;  // 2026-01-01 07.00 WIB

class CardsDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations(
        {"src/registry/migrations", "src/core/audit/migrations", "src/card/migrations"});
    alice_ = Member("10000000001", "3171000000000001", "Siti Rahayu");
    bob_ = Member("10000000002", "3171000000000002", "Bambang Wijaya");
  }

  std::int64_t Member(const std::string& kpj, const std::string& nik, const std::string& name) {
    auto lease = db().Acquire();
    long long id = 0;
    lease.session() << "INSERT INTO members (kpj, nik, full_name, birth_date, sex, province_code, "
                       "marital_status, registered_on, status) VALUES (:k, :n, :f, '1990-08-05', "
                       "'F', 33, 'married', '2015-07-01', 'active') RETURNING id",
        soci::into(id), soci::use(kpj), soci::use(nik), soci::use(name);
    return id;
  }
  long long Count(const std::string& query) {
    auto lease = db().Acquire();
    long long n = 0;
    lease.session() << query, soci::into(n);
    return n;
  }
  std::vector<std::string> AuditActions() {
    auto lease = db().Acquire();
    std::vector<std::string> actions;
    std::string action;
    long long actor = 0;
    soci::statement st =
        (lease.session().prepare << "SELECT action, actor_user_id FROM audit_log ORDER BY id",
         soci::into(action), soci::into(actor));
    st.execute();
    while (st.fetch()) actions.push_back(action + "/" + std::to_string(actor));
    return actions;
  }
  // The audit event a route hands in: the signed-in account, its address and browser.
  static audit::Event By(std::int64_t account) {
    return audit::Event{.actor_user_id = account,
                        .subject_user_id = account,
                        .ip = "203.0.113.9",
                        .user_agent = "test"};
  }
  CurrentCard Create(std::int64_t member, std::int64_t account, std::int64_t now = kNow) {
    auto lease = db().Acquire();
    return CreateCard(lease.session(), keys_, member, now, By(account));
  }
  RenewResult Renew(std::int64_t member, std::int64_t card, std::int64_t account) {
    auto lease = db().Acquire();
    return RenewCard(lease.session(), keys_, member, card, kNow + 60, By(account));
  }
  std::optional<CurrentCard> Current(std::int64_t member, const CardKeys* keys = nullptr) {
    auto lease = db().Acquire();
    return LoadCurrentCard(lease.session(), keys ? *keys : keys_, member);
  }
  std::optional<VerifiedCard> Verify(const std::string& token) {
    auto lease = db().Acquire();
    return VerifyCard(lease.session(), keys_, token);
  }

  CardKeys keys_ = CardKeys::FromMaster(std::string(32, 'k'));
  std::int64_t alice_ = 0, bob_ = 0;
};

TEST_P(CardsDbTest, ACardIsMadeOnceAndItsTokenLeadsToItsMember) {
  EXPECT_FALSE(Current(alice_)) << "no card before the member asks for one";
  const CurrentCard card = Create(alice_, 7);
  ASSERT_TRUE(card.token);
  EXPECT_EQ(card.created_at, kNow);
  const auto verified = Verify(*card.token);
  ASSERT_TRUE(verified);
  EXPECT_EQ(verified->member_id, alice_);
  EXPECT_EQ(verified->created_at, kNow);
  // The page shows the same card on every visit.
  const auto again = Current(alice_);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->card_id, card.card_id);
  EXPECT_EQ(again->token, card.token);
  // A form sent twice makes no second card and no second audit row.
  const CurrentCard twice = Create(alice_, 7, kNow + 5);
  EXPECT_EQ(twice.card_id, card.card_id);
  EXPECT_EQ(twice.token, card.token);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM card_tokens"), 1);
  EXPECT_EQ(AuditActions(), std::vector<std::string>{"card.created/7"});
}

// ASVS 2.5.x / 3.5.x: the table holds no usable token, only a hash and a sealed copy.
TEST_P(CardsDbTest, TheTableHoldsNeitherTheTokenNorTheId) {
  const CurrentCard card = Create(alice_, 7);
  const std::string id = card.token->substr(0, kCardIdChars);
  auto lease = db().Acquire();
  std::string hash, sealed;
  lease.session() << "SELECT id_hash, id_sealed FROM card_tokens", soci::into(hash),
      soci::into(sealed);
  EXPECT_EQ(hash, IdHash(id));
  EXPECT_EQ(sealed.find(id), std::string::npos);
  EXPECT_EQ(hash.find(id), std::string::npos);
}

TEST_P(CardsDbTest, ANewCardRevokesTheOldOneAtOnce) {
  const CurrentCard old_card = Create(alice_, 7);
  EXPECT_EQ(Renew(alice_, old_card.card_id, 7), RenewResult::kRenewed);
  EXPECT_FALSE(Verify(*old_card.token)) << "the old QR code stops working";
  const auto fresh = Current(alice_);
  ASSERT_TRUE(fresh && fresh->token);
  EXPECT_NE(fresh->card_id, old_card.card_id);
  EXPECT_NE(*fresh->token, *old_card.token);
  ASSERT_TRUE(Verify(*fresh->token));
  EXPECT_EQ(Verify(*fresh->token)->member_id, alice_);
  // The revoked row keeps its hash (a token is never reused) but not its sealed id.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM card_tokens WHERE revoked_at = " +
                  std::to_string(kNow + 60) + " AND id_sealed IS NULL"),
            1);
  EXPECT_EQ(AuditActions(), (std::vector<std::string>{"card.created/7", "card.renewed/7"}));
}

TEST_P(CardsDbTest, AStaleOrForeignCardIdChangesNothing) {
  const CurrentCard alice = Create(alice_, 7);
  const CurrentCard bob = Create(bob_, 8);
  ASSERT_EQ(Renew(alice_, alice.card_id, 7), RenewResult::kRenewed);
  const auto alice_now = Current(alice_);
  // The same form again (the old card's id): the new card stays.
  EXPECT_EQ(Renew(alice_, alice.card_id, 7), RenewResult::kStale);
  EXPECT_EQ(Current(alice_)->card_id, alice_now->card_id);
  // Alice naming Bob's card (IDOR): neither card changes.
  EXPECT_EQ(Renew(alice_, bob.card_id, 7), RenewResult::kStale);
  EXPECT_TRUE(Verify(*bob.token)) << "Bob's card still works";
  EXPECT_EQ(Current(bob_)->card_id, bob.card_id);
  EXPECT_EQ(Current(alice_)->card_id, alice_now->card_id);
  // A member without a card has nothing to replace.
  const std::int64_t carol = Member("10000000003", "3171000000000003", "Carol");
  EXPECT_EQ(Renew(carol, alice_now->card_id, 9), RenewResult::kStale);
  EXPECT_FALSE(Current(carol));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_log WHERE action = 'card.renewed'"), 1);
}

TEST_P(CardsDbTest, OneMembersTokenNeverResolvesToAnother) {
  const CurrentCard alice = Create(alice_, 7);
  const CurrentCard bob = Create(bob_, 8);
  EXPECT_EQ(Verify(*alice.token)->member_id, alice_);
  EXPECT_EQ(Verify(*bob.token)->member_id, bob_);
  EXPECT_NE(*alice.token, *bob.token);
  EXPECT_EQ(Current(alice_)->token, alice.token);
  EXPECT_EQ(Current(bob_)->token, bob.token);
  // Someone with write access moves Alice's sealed id into Bob's row: Bob's page does not get
  // Alice's token (the owner is inside the seal).
  {
    auto lease = db().Acquire();
    std::string sealed;
    long long a = alice_, b = bob_;
    lease.session() << "SELECT id_sealed FROM card_tokens WHERE member_id = :m", soci::into(sealed),
        soci::use(a);
    lease.session() << "UPDATE card_tokens SET id_sealed = :s WHERE member_id = :m",
        soci::use(sealed), soci::use(b);
  }
  const auto moved = Current(bob_);
  ASSERT_TRUE(moved);
  EXPECT_FALSE(moved->token);
}

TEST_P(CardsDbTest, ForgedDamagedAndUnknownTokensAreNotValid) {
  const CurrentCard card = Create(alice_, 7);
  std::string damaged = *card.token;
  damaged[5] = damaged[5] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(Verify(damaged));
  // Rightly signed, but never issued: the row must exist too.
  EXPECT_FALSE(Verify(TokenForId(keys_, NewCardId())));
  // Signed with another deployment's key.
  const CardKeys other = CardKeys::FromMaster(std::string(32, 'x'));
  EXPECT_FALSE(Verify(TokenForId(other, card.token->substr(0, kCardIdChars))));
  EXPECT_FALSE(Verify(""));
  EXPECT_FALSE(Verify("' OR 1=1 --"));
}

TEST_P(CardsDbTest, ACardUnreadableUnderANewKeyIsMadeAgain) {
  const CurrentCard card = Create(alice_, 7);
  const CardKeys rotated = CardKeys::FromMaster(std::string(32, 'r'));
  const auto unreadable = Current(alice_, &rotated);
  ASSERT_TRUE(unreadable);
  EXPECT_EQ(unreadable->card_id, card.card_id);
  EXPECT_FALSE(unreadable->token);
  CurrentCard fresh;
  {
    auto lease = db().Acquire();
    fresh = CreateCard(lease.session(), rotated, alice_, kNow + 10, By(7));
  }
  ASSERT_TRUE(fresh.token);
  EXPECT_NE(fresh.card_id, card.card_id);
  EXPECT_EQ(Current(alice_, &rotated)->token, fresh.token);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM card_tokens WHERE revoked_at IS NULL"), 1);
}

TEST_P(CardsDbTest, TheDatabaseAllowsOneCurrentCardPerMember) {
  Create(alice_, 7);
  auto lease = db().Acquire();
  long long member = alice_;
  const auto insert_second = [&] {
    lease.session() << "INSERT INTO card_tokens (member_id, id_hash, id_sealed, created_at) "
                       "VALUES (:m, 'x', 'y', 1)",
        soci::use(member);
  };
  EXPECT_THROW(insert_second(), soci::soci_error);
}

LUMBUNG_INSTANTIATE_DB_TESTS(CardsDbTest);

}  // namespace
}  // namespace lumbung::card
