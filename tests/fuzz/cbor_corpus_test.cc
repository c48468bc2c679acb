// Replays the fuzz target's seed corpus through its entry function on every build (also with
// compilers that have no libFuzzer, and under ASan+UBSan in `make test`): the seeds must parse
// without crashing, and the corpus must still be there.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

TEST(CborFuzzCorpus, EverySeedRunsThroughTheParsers) {
  const std::filesystem::path dir =
      std::filesystem::path(LUMBUNG_TEST_SHARE_DIR) / "tests/fuzz/cbor_corpus";
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
  EXPECT_GE(seeds, 10);
}

}  // namespace
