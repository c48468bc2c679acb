#include "core/uploads/blob_store.h"

#include <gtest/gtest.h>

#include "core/config/config.h"

namespace lumbung::uploads {
namespace {

TEST(MakeBlobStore, TheDatabaseIsTheDefault) {
  EXPECT_EQ(MakeBlobStore(config::Config::FromValues({}))->name(), "database");
  EXPECT_EQ(MakeBlobStore(config::Config::FromValues({{"uploads.store", "database"}}))->name(),
            "database");
}

TEST(MakeBlobStore, TheDirectoryStoreUsesUploadsDir) {
  const auto store = MakeBlobStore(config::Config::FromValues(
      {{"uploads.store", "directory"}, {"uploads.dir", "/srv/lumbung/uploads"}}));
  ASSERT_EQ(store->name(), "directory");
  EXPECT_EQ(static_cast<const DirectoryBlobStore&>(*store).files().dir(), "/srv/lumbung/uploads");
}

TEST(MakeBlobStore, AnyOtherStoreStopsTheStart) {
  try {
    config::Config::FromValues({{"uploads.store", "s3"}});
    FAIL() << "an unknown store must stop the start";
  } catch (const config::ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("uploads.store"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("database or directory"), std::string::npos) << e.what();
  }
}

TEST(BlobStore, IdsHaveOneShape) {
  EXPECT_TRUE(BlobStore::IsValidId("abcdefghijklmnopqrstuvwxyzABCD-_"));
  EXPECT_FALSE(BlobStore::IsValidId("abcdefghijklmnopqrstuvwxyzABCD-"));
  EXPECT_FALSE(BlobStore::IsValidId("abcdefghijklmnopqrstuvwxyzABCD-/"));
}

}  // namespace
}  // namespace lumbung::uploads
