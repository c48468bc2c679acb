// The virus scanner against a real clamd: the CTest fixture `clamd` (tests/support/clamd_daemon)
// starts one on a temporary socket with a signature database holding the EICAR test file's
// signature, and writes the socket's path to the file LUMBUNG_TEST_CLAMD_SOCKET_FILE names.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "core/uploads/virus_scanner.h"

namespace lumbung::uploads {
namespace {

// The anti-virus industry's harmless test file, assembled here so that no file in the source
// tree is itself detected.
std::string Eicar() {
  return std::string("X5O!P%@AP[4\\PZX54(P^)7CC)7}$") + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";
}

class ClamdTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* file = std::getenv("LUMBUNG_TEST_CLAMD_SOCKET_FILE");
    const std::string path = file && *file ? file : LUMBUNG_TEST_CLAMD_SOCKET_FILE_DEFAULT;
    std::ifstream in(path);
    std::getline(in, socket_);
    ASSERT_FALSE(socket_.empty())
        << "no clamd for this test: " << path
        << " names no socket. Run it through ctest, whose fixture `clamd` "
           "(tests/support/clamd_daemon) starts one; that needs clamd (Debian package "
           "clamav-daemon, installed by scripts/bootstrap through 'make test').";
  }

  ClamdScanner Scanner() const {
    return ClamdScanner({.socket_path = socket_, .timeout = std::chrono::seconds(30)});
  }

  std::string socket_;
};

TEST_F(ClamdTest, ACleanFileIsClean) {
  const ScanResult r = Scanner().Scan("%PDF-1.7\nSurat keterangan kerja\n%%EOF\n");
  EXPECT_EQ(r.verdict, ScanVerdict::kClean) << ScanFailureName(r.failure) << ": " << r.detail;
  EXPECT_TRUE(r.clean());
}

// ASVS 4.0.3 12.4.2: malware is found and named.
TEST_F(ClamdTest, TheEicarTestFileIsInfected) {
  const ScanResult r = Scanner().Scan(Eicar());
  ASSERT_EQ(r.verdict, ScanVerdict::kInfected) << ScanFailureName(r.failure) << ": " << r.detail;
  EXPECT_EQ(r.signature.rfind("Eicar-Test-Signature", 0), 0u) << r.signature;
  EXPECT_FALSE(r.clean());
}

TEST_F(ClamdTest, ManySmallChunksMakeOneFile) {
  ClamdScanner scanner({.socket_path = socket_, .chunk_bytes = 5});
  EXPECT_EQ(scanner.Scan(Eicar()).verdict, ScanVerdict::kInfected);
  std::string clean(300 * 1024, 'a');
  EXPECT_EQ(ClamdScanner({.socket_path = socket_, .chunk_bytes = 4096}).Scan(clean).verdict,
            ScanVerdict::kClean);
}

// The fixture's clamd takes at most 1 MiB (StreamMaxLength 1M): beyond it nothing is scanned.
TEST_F(ClamdTest, BeyondClamdsStreamLimitIsUnavailableNotClean) {
  const ScanResult r = Scanner().Scan(std::string(2 * 1024 * 1024, 'x'));
  EXPECT_EQ(r.verdict, ScanVerdict::kUnavailable);
  EXPECT_EQ(r.failure, ScanFailure::kTooBig) << r.detail;
  EXPECT_FALSE(r.clean());
}

TEST_F(ClamdTest, NoDaemonIsUnavailableNotClean) {
  const ScanResult r = ClamdScanner({.socket_path = socket_ + ".nobody"}).Scan(Eicar());
  EXPECT_EQ(r.verdict, ScanVerdict::kUnavailable);
  EXPECT_EQ(r.failure, ScanFailure::kNoDaemon);
  EXPECT_FALSE(r.clean());
}

TEST_F(ClamdTest, ScansInParallel) {
  std::vector<std::thread> threads;
  std::vector<int> right(4, 0);
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      for (int n = 0; n < 5; ++n) {
        const bool infected = (n % 2) == 0;
        const ScanResult r = Scanner().Scan(infected ? Eicar() : "bersih " + std::to_string(n));
        right[i] += r.verdict == (infected ? ScanVerdict::kInfected : ScanVerdict::kClean);
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int n : right) EXPECT_EQ(n, 5);
}

}  // namespace
}  // namespace lumbung::uploads
