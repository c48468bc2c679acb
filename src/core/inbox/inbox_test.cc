#include "core/inbox/inbox.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

namespace lumbung::inbox {
namespace {

InboxItem Valid() {
  return {.account_id = 7,
          .category = std::string(kPayments),
          .message_id = "notifications.payment_late",
          .values = {{"month", "202603"}, {"employer", "PT Maju Jaya"}},
          .link = "/contributions?year=2026",
          .dedupe_key = "payment.late:202603:17"};
}

TEST(InboxValidateTest, AcceptsAWellFormedItem) {
  EXPECT_NO_THROW(Validate(Valid()));
  InboxItem minimal{.account_id = 1, .category = "security", .message_id = "a"};
  EXPECT_NO_THROW(Validate(minimal));  // no values, no link, no dedupe key
}

TEST(InboxValidateTest, CategoriesAreTheKnownOnes) {
  EXPECT_EQ(Categories().size(), 7u);
  for (const char* category : {"contributions", "payments", "security", "claims", "announcements",
                               "support", "training"}) {
    EXPECT_TRUE(IsCategory(category)) << category;
    InboxItem item = Valid();
    item.category = category;
    EXPECT_NO_THROW(Validate(item)) << category;
  }
  for (const char* category : {"", "Security", "news", "security "}) {
    EXPECT_FALSE(IsCategory(category)) << category;
    InboxItem item = Valid();
    item.category = category;
    EXPECT_THROW(Validate(item), std::invalid_argument) << category;
  }
}

TEST(InboxValidateTest, RefusesItemsThatCouldNotBeShownSafely) {
  const auto refused = [](auto change) {
    InboxItem item = Valid();
    change(item);
    EXPECT_THROW(Validate(item), std::invalid_argument);
  };
  refused([](InboxItem& i) { i.account_id = 0; });
  refused([](InboxItem& i) { i.account_id = -3; });
  refused([](InboxItem& i) { i.message_id = ""; });
  refused([](InboxItem& i) { i.message_id = "Notifications.x"; });
  refused([](InboxItem& i) { i.message_id = "notifications.{{x}}"; });
  refused([](InboxItem& i) { i.message_id = std::string(101, 'a'); });
  refused([](InboxItem& i) { i.values["Bad"] = "x"; });
  refused([](InboxItem& i) { i.values["a-b"] = "x"; });
  refused([](InboxItem& i) { i.values["v"] = "line\nbreak"; });
  refused([](InboxItem& i) { i.values["v"] = "\xff\xfe"; });
  refused([](InboxItem& i) { i.values["v"] = std::string(kMaxValueBytes + 1, 'x'); });
  refused([](InboxItem& i) {
    for (int n = 0; n <= static_cast<int>(kMaxValues); ++n) i.values["v" + std::to_string(n)] = "x";
  });
  // Links lead within the portal only (no open redirect through a notice).
  refused([](InboxItem& i) { i.link = "https://evil.example/"; });
  refused([](InboxItem& i) { i.link = "//evil.example/"; });
  refused([](InboxItem& i) { i.link = "/\\evil.example"; });
  refused([](InboxItem& i) { i.link = "javascript:alert(1)"; });
  refused([](InboxItem& i) { i.link = "/a b"; });
  refused([](InboxItem& i) { i.dedupe_key = "has space"; });
  refused([](InboxItem& i) { i.dedupe_key = std::string(kMaxDedupeKeyBytes + 1, 'k'); });
  refused([](InboxItem& i) { i.created_at = -1; });
}

TEST(InboxValidateTest, ErrorsNameTheFieldButNeverEchoTheValue) {
  InboxItem item = Valid();
  item.values["employer"] = "secret\x01value";
  try {
    Validate(item);
    FAIL() << "not refused";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("employer"), std::string::npos);
    EXPECT_EQ(std::string(e.what()).find("secret"), std::string::npos);
  }
}

}  // namespace
}  // namespace lumbung::inbox
