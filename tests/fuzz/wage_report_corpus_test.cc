// Replays the wage report fuzz target's seed corpus through its entry function on every build
// (also under ASan+UBSan in `make test`): every seed must run through without a crash.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

TEST(WageReportFuzzCorpus, EverySeedRunsThroughReaderValidationAndDownloads) {
  const std::filesystem::path dir =
      std::filesystem::path(LUMBUNG_TEST_SHARE_DIR) / "tests/fuzz/wage_report_corpus";
  int seeds = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    // The first byte picks the piece size: whole (255 -> 64) and byte by byte (0 -> 1).
    for (char first : {'\xFF', '\0', '\x06'}) {
      const std::string input = first + bytes;
      EXPECT_EQ(
          LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size()),
          0)
          << entry.path();
    }
    ++seeds;
  }
  EXPECT_GE(seeds, 10);
}

}  // namespace
