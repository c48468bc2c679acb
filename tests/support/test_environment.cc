// Linked into every GoogleTest binary: gives tests the share directory (templates, catalogs,
// rules) and the PostgreSQL fixture's URL file when the caller did not set them, so a test
// binary behaves the same run from ctest, a debugger or a shell.
#include <cstdlib>

namespace {

struct TestEnvironment {
  TestEnvironment() {
    setenv("LUMBUNG_SHARE_DIR", LUMBUNG_TEST_SHARE_DIR, /*overwrite=*/0);
    setenv("LUMBUNG_TEST_PG_URL_FILE", LUMBUNG_TEST_PG_URL_FILE_DEFAULT, /*overwrite=*/0);
  }
} test_environment;

}  // namespace
