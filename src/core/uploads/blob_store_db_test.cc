#include "core/uploads/blob_store.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <filesystem>
#include <random>

#include "support/test_databases.h"

namespace lumbung::uploads {
namespace {

// Every byte value, NUL and 0xFF among them, in an order no text encoding would keep.
std::string AllBytes() {
  std::string bytes;
  for (int round = 0; round < 4; ++round)
    for (int b = 255; b >= 0; --b) bytes += static_cast<char>(b);
  return std::string("\0\xFF\0", 3) + bytes + std::string("\xFF\0", 2);
}

std::string RandomBytes(std::size_t n) {
  std::mt19937 random(43);
  std::string bytes(n, '\0');
  for (char& c : bytes) c = static_cast<char>(random() & 0xFF);
  return bytes;
}

class BlobStoreDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations({"src/core/uploads/migrations"});
    char pattern[] = "/tmp/lumbung-blobs.XXXXXX";
    dir_ = ::mkdtemp(pattern);
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
    DatabaseTest::TearDown();
  }

  // Both stores: what holds for one holds for the other.
  std::vector<std::unique_ptr<BlobStore>> Stores() const {
    std::vector<std::unique_ptr<BlobStore>> stores;
    stores.push_back(std::make_unique<DatabaseBlobStore>());
    stores.push_back(std::make_unique<DirectoryBlobStore>(FileStore(dir_ / "files")));
    return stores;
  }

  std::filesystem::path dir_;
};

TEST_P(BlobStoreDbTest, KeepsTheBytesExactly) {
  auto lease = db().Acquire();
  auto& sql = lease.session();
  for (const auto& store : Stores()) {
    SCOPED_TRACE(std::string(store->name()));
    for (const std::string& bytes :
         {AllBytes(), RandomBytes(3 * 1024 * 1024 + 7), std::string("%PDF-1.7\n"), std::string()}) {
      const std::string id = store->Save(sql, bytes);
      EXPECT_TRUE(BlobStore::IsValidId(id)) << id;
      const auto read = store->Read(sql, id);
      ASSERT_TRUE(read);
      EXPECT_EQ(read->size(), bytes.size());
      EXPECT_TRUE(*read == bytes);
    }
  }
}

TEST_P(BlobStoreDbTest, EachSaveHasItsOwnRandomId) {
  auto lease = db().Acquire();
  auto& sql = lease.session();
  DatabaseBlobStore store;
  const std::string a = store.Save(sql, "same");
  const std::string b = store.Save(sql, "same");
  EXPECT_NE(a, b);
  EXPECT_EQ(*store.Read(sql, a), "same");
  EXPECT_EQ(*store.Read(sql, b), "same");
}

TEST_P(BlobStoreDbTest, RemovedIsGone) {
  auto lease = db().Acquire();
  auto& sql = lease.session();
  for (const auto& store : Stores()) {
    SCOPED_TRACE(std::string(store->name()));
    const std::string keep = store->Save(sql, "keep");
    const std::string id = store->Save(sql, AllBytes());
    EXPECT_TRUE(store->Remove(sql, id));
    EXPECT_FALSE(store->Read(sql, id));
    EXPECT_FALSE(store->Remove(sql, id));
    EXPECT_EQ(*store->Read(sql, keep), "keep");
    // An id of the right shape that was never saved.
    EXPECT_FALSE(store->Read(sql, std::string(32, 'A')));
    EXPECT_FALSE(store->Remove(sql, std::string(32, 'A')));
  }
}

// ASVS 4.0.3 12.3.1, 5.3.4: a crafted id never becomes a path or SQL.
TEST_P(BlobStoreDbTest, IdsOfTheWrongShapeAreRefused) {
  auto lease = db().Acquire();
  auto& sql = lease.session();
  for (const auto& store : Stores()) {
    SCOPED_TRACE(std::string(store->name()));
    const std::string id = store->Save(sql, "secret");
    for (const std::string& bad :
         {std::string(), id.substr(1), id + "A", std::string("../../../../etc/passwd"),
          std::string("' OR '1'='1' -- ") + std::string(16, 'x'), std::string(31, 'a') + "/",
          std::string(31, 'a') + ".", std::string(31, 'a') + std::string(1, '\0'),
          std::string(32, '%')}) {
      EXPECT_FALSE(store->Read(sql, bad)) << bad;
      EXPECT_FALSE(store->Remove(sql, bad)) << bad;
    }
    EXPECT_EQ(*store->Read(sql, id), "secret");
  }
}

// The database store writes in the caller's transaction: a claim rolled back leaves no file.
TEST_P(BlobStoreDbTest, TheDatabaseStoreTakesPartInTheCallersTransaction) {
  auto lease = db().Acquire();
  auto& sql = lease.session();
  DatabaseBlobStore store;
  std::string rolled_back, committed;
  {
    soci::transaction tx(sql);
    rolled_back = store.Save(sql, "draft");
    EXPECT_EQ(*store.Read(sql, rolled_back), "draft");
    tx.rollback();
  }
  EXPECT_FALSE(store.Read(sql, rolled_back));
  {
    soci::transaction tx(sql);
    committed = store.Save(sql, "kept");
    tx.commit();
  }
  EXPECT_EQ(*store.Read(sql, committed), "kept");
  long long size = 0;
  sql << "SELECT size_bytes FROM upload_blobs WHERE id = :id", soci::use(committed),
      soci::into(size);
  EXPECT_EQ(size, 4);
}

LUMBUNG_INSTANTIATE_DB_TESTS(BlobStoreDbTest);

}  // namespace
}  // namespace lumbung::uploads
