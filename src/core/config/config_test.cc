#include "core/config/config.h"

#include <gtest/gtest.h>

#include <fstream>

namespace lumbung::config {
namespace {

std::filesystem::path WriteIni(const std::string& text) {
  auto path =
      std::filesystem::temp_directory_path() /
      ("lumbung-config-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
       ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".ini");
  std::ofstream(path) << text;
  return path;
}

TEST(Config, DefaultsThenFileThenEnvironment) {
  auto file = WriteIni("[http]\nport = 9000\nworkers = 4\n[fund]\nname = Dana Contoh\n");
  auto c = Config::Load(file, {{"LUMBUNG_HTTP_PORT", "9100"}});
  EXPECT_EQ(c.Int("http.port"), 9100);
  EXPECT_EQ(c.Int("http.workers"), 4);
  EXPECT_EQ(c.String("fund.name"), "Dana Contoh");
  EXPECT_EQ(c.String("database.url"), "sqlite:data/lumbung.db");
  std::filesystem::remove(file);
}

TEST(Config, EnvironmentNames) {
  EXPECT_EQ(Config::EnvironmentName("http.port"), "LUMBUNG_HTTP_PORT");
  EXPECT_EQ(Config::EnvironmentName("database.url"), "LUMBUNG_DATABASE_URL");
  EXPECT_EQ(Config::EnvironmentName("public.url"), "LUMBUNG_PUBLIC_URL");
  EXPECT_EQ(Config::EnvironmentName("http.max_body_bytes"), "LUMBUNG_HTTP_MAX_BODY_BYTES");
}

TEST(Config, BadValuesNameTheKeyAndWhereTheyCameFrom) {
  try {
    Config::Load({}, {{"LUMBUNG_HTTP_PORT", "eighty"}});
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("http.port"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("LUMBUNG_HTTP_PORT"), std::string::npos);
  }
  EXPECT_THROW(Config::Load({}, {{"LUMBUNG_HTTP_PORT", "70000"}}), ConfigError);
  EXPECT_THROW(Config::Load({}, {{"LUMBUNG_HTTP_COMPRESS", "yes"}}), ConfigError);
  EXPECT_THROW(Config::Load({}, {{"LUMBUNG_PUBLIC_URL", "http://a b"}}), ConfigError);
  EXPECT_THROW(Config::Load({}, {{"LUMBUNG_HTTP_PROT", "80"}}), ConfigError);
  auto file = WriteIni("[http]\nprot = 80\n");
  try {
    Config::Load(file, {});
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("unknown key 'http.prot'"), std::string::npos);
  }
  std::filesystem::remove(file);
  EXPECT_THROW(Config::Load("/nonexistent/lumbung.ini", {}), ConfigError);
}

// A name with an empty part (a stray dot) is refused like any unknown key, wherever the empty
// part is, rather than read without end.
TEST(Config, KeysWithAnEmptyPartAreUnknown) {
  for (const std::string text : {".port = 80\n", ".\n", "[http]\n.port = 80\n",
                                 "[http]\nport. = 80\n", "[.http]\nport = 80\n"}) {
    const auto file = WriteIni(text);
    try {
      Config::Load(file, {});
      ADD_FAILURE() << text;
    } catch (const ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find("unknown key"), std::string::npos) << e.what();
    }
    std::filesystem::remove(file);
  }
}

TEST(Config, TheFundTimeZoneIsOneOfIndonesiasThreeZones) {
  EXPECT_EQ(Config::FromValues({}).String("fund.time_zone"), "WIB");
  EXPECT_EQ(Config::FromValues({{"fund.time_zone", "WITA"}}).String("fund.time_zone"), "WITA");
  EXPECT_EQ(Config::FromValues({{"fund.time_zone", "WIT"}}).String("fund.time_zone"), "WIT");
  try {
    Config::FromValues({{"fund.time_zone", "Asia/Jakarta"}});
    FAIL() << "an unknown zone must stop the start";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("fund.time_zone"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("WIB (UTC+7), WITA (UTC+8) or WIT (UTC+9)"),
              std::string::npos)
        << e.what();
  }
}

TEST(Config, TheDocumentedFileListsEveryKeyWithItsDefault) {
  const char* share = std::getenv("LUMBUNG_SHARE_DIR");
  ASSERT_NE(share, nullptr);
  const auto path = std::filesystem::path(share) / "config" / "lumbung.ini";
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const auto& key : Config::Keys()) {
    const auto dot = key.key.find('.');
    const std::string section = "[" + key.key.substr(0, dot) + "]";
    const std::string line = "; " + key.key.substr(dot + 1) + " = " + key.default_value;
    EXPECT_NE(text.find(section), std::string::npos) << section;
    if (key.key != "paths.share") {
      EXPECT_NE(text.find(line), std::string::npos) << line;
    }
  }
  // The documented file itself loads (everything in it is commented out: the defaults).
  EXPECT_NO_THROW(Config::Load(path, {}));
}

}  // namespace
}  // namespace lumbung::config
