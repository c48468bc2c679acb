#include <gtest/gtest.h>

#include "identity/identity_impl.h"

namespace lumbung::identity {
namespace {

// Security mails are also inbox notices ("Notifications"); mails that carry a link or a
// code to act on are not.
TEST(SecurityNoticeFor, SecurityMailsBecomeInboxNotices) {
  EXPECT_EQ(SecurityNoticeFor("password_changed"), "notifications.security.password_changed");
  EXPECT_EQ(SecurityNoticeFor("password_reset"), "notifications.security.password_reset");
  EXPECT_EQ(SecurityNoticeFor("new_device"), "notifications.security.new_device");
  EXPECT_EQ(SecurityNoticeFor("two_factor_added"), "notifications.security.two_factor_changed");
  EXPECT_EQ(SecurityNoticeFor("recovery_code_used"), "notifications.security.two_factor_changed");
  // ASVS 2.2.3: failed sign-ins that start to be throttled, and a lock, reach the inbox too.
  EXPECT_EQ(SecurityNoticeFor("sign_in_failures"), "notifications.security.sign_in_failures");
  EXPECT_EQ(SecurityNoticeFor("locked"), "notifications.security.locked");
  // A sign-in identifier set, changed or removed.
  EXPECT_EQ(SecurityNoticeFor("username_changed"), "notifications.security.username_changed");
  EXPECT_EQ(SecurityNoticeFor("username_removed"), "notifications.security.username_changed");
  EXPECT_EQ(SecurityNoticeFor("verify_email"), std::nullopt);
  EXPECT_EQ(SecurityNoticeFor("email_code"), std::nullopt);
  EXPECT_EQ(SecurityNoticeFor("reset_password"), std::nullopt);
}

}  // namespace
}  // namespace lumbung::identity
