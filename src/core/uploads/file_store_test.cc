#include "core/uploads/file_store.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <random>

namespace lumbung::uploads {
namespace {

class FileStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::random_device rd;
    dir_ = std::filesystem::temp_directory_path() /
           ("lumbung-uploads-test-" + std::to_string(rd()) + "-" + std::to_string(rd()));
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(FileStoreTest, SavesReadsAndRemoves) {
  const FileStore store(dir_ / "uploads");
  const std::string bytes("%PDF-1.4\0binary\xFF", 16);
  const std::string id = store.Save(bytes);
  EXPECT_TRUE(FileStore::IsValidId(id));
  EXPECT_EQ(store.Read(id), bytes);
  EXPECT_TRUE(store.Remove(id));
  EXPECT_EQ(store.Read(id), std::nullopt);
  EXPECT_FALSE(store.Remove(id));
}

// The folder is the owner's alone, each file too (0700 / 0600), and no temporary file stays.
TEST_F(FileStoreTest, FilesArePrivateAndWhole) {
  const FileStore store(dir_ / "uploads");
  const std::string a = store.Save("one");
  const std::string b = store.Save("two");
  EXPECT_NE(a, b);
  struct stat st {};
  ASSERT_EQ(::stat((dir_ / "uploads").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  ASSERT_EQ(::stat((dir_ / "uploads" / a).c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir_ / "uploads")) {
    EXPECT_NE(entry.path().filename().string().front(), '.') << entry.path();
    ++files;
  }
  EXPECT_EQ(files, 2);
}

// ASVS 4.0.3 12.3.1/12.3.2: an id is never a path.
TEST_F(FileStoreTest, CraftedIdsNeverReachTheFileSystem) {
  const FileStore store(dir_ / "uploads");
  std::filesystem::create_directories(dir_);
  {
    std::FILE* f = std::fopen((dir_ / "secret").c_str(), "w");
    std::fputs("secret", f);
    std::fclose(f);
  }
  EXPECT_EQ(store.Read("../secret"), std::nullopt);
  EXPECT_EQ(store.Read("..%2Fsecret"), std::nullopt);
  EXPECT_EQ(store.Read(""), std::nullopt);
  EXPECT_EQ(store.Read(std::string(32, '.')), std::nullopt);
  EXPECT_FALSE(store.Remove("../secret"));
  EXPECT_TRUE(std::filesystem::exists(dir_ / "secret"));
  EXPECT_FALSE(FileStore::IsValidId("abc"));
  EXPECT_FALSE(FileStore::IsValidId(std::string(31, 'a') + "/"));
  EXPECT_TRUE(FileStore::IsValidId(std::string(32, 'a')));
}

TEST_F(FileStoreTest, UnwritableFolderThrows) {
  std::filesystem::create_directories(dir_);
  {
    std::FILE* f = std::fopen((dir_ / "file").c_str(), "w");
    std::fclose(f);
  }
  const FileStore store(dir_ / "file" / "uploads");  // a file where the folder should be
  EXPECT_THROW(store.Save("x"), std::runtime_error);
}

}  // namespace
}  // namespace lumbung::uploads
