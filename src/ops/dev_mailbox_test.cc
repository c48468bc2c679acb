#include "ops/dev_mailbox.h"

#include <gtest/gtest.h>

namespace lumbung::ops {
namespace {

TEST(DevMailbox, LinesThatAreWholeUrlsBecomeLinks) {
  auto lines = SplitMailBody(
      "Halo Sari,\r\n\r\nBuka tautan ini:\r\nhttps://portal.example/verify-email?t=abc\r\n"
      "See https://x.example inline\nhttp://127.0.0.1:8080/reset-password?t=1\n");
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(lines[0].text, "Halo Sari,");
  EXPECT_FALSE(lines[0].is_link);
  EXPECT_TRUE(lines[3].is_link);
  EXPECT_EQ(lines[3].text, "https://portal.example/verify-email?t=abc");
  EXPECT_FALSE(lines[4].is_link);
  EXPECT_TRUE(lines[5].is_link);
}

TEST(DevMailbox, MarkupIsNeverALink) {
  auto lines = SplitMailBody("https://x.example/\"><script>\n");
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_FALSE(lines[0].is_link);
}

}  // namespace
}  // namespace lumbung::ops
