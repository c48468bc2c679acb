#include "core/http/request.h"

#include <gtest/gtest.h>

namespace lumbung::http {
namespace {

// ASVS 4.0.3 5.1.3: an id in a path is exactly digits, or the route answers 404.
TEST(PositiveId, OnlyPlainPositiveNumbers) {
  EXPECT_EQ(ParsePositiveId("7"), 7);
  EXPECT_EQ(ParsePositiveId("999999999999999999"), 999999999999999999LL);
  for (const char* bad :
       {"", "0", "007", "-1", "+1", "7a", " 7", "1e3", "0x10", "1000000000000000000"}) {
    EXPECT_FALSE(ParsePositiveId(bad).has_value()) << bad;
  }
}

TEST(PositiveId, FromThePathParameter) {
  Request request;
  request.params = {{"id", "42"}, {"doc", "x"}};
  EXPECT_EQ(PathId(request, "id"), 42);
  EXPECT_FALSE(PathId(request, "doc").has_value());
  EXPECT_FALSE(PathId(request, "missing").has_value());
}

}  // namespace
}  // namespace lumbung::http
