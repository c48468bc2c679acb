// Replays a parser fuzz target's seed corpus (corpus/<name>/) through its entry function on
// every build, with any compiler and under ASan+UBSan in `make test`: every seed must run
// through with its properties holding, and the corpus must still be there. The target and
// its corpus are named by LUMBUNG_FUZZ_CORPUS and LUMBUNG_FUZZ_SUITE (tests/fuzz/CMakeLists).
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

TEST(LUMBUNG_FUZZ_SUITE, EverySeedRunsThroughTheTarget) {
  const std::filesystem::path dir =
      std::filesystem::path(LUMBUNG_TEST_SHARE_DIR) / "tests/fuzz/corpus" / LUMBUNG_FUZZ_CORPUS;
  int seeds = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(
        LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size()),
        0)
        << entry.path();
    ++seeds;
  }
  EXPECT_GE(seeds, 4);
}

}  // namespace
