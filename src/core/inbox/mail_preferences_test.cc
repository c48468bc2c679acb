#include "core/inbox/mail_preferences.h"

#include <gtest/gtest.h>

#include "core/inbox/inbox.h"

namespace lumbung::inbox {
namespace {

TEST(MailPreferencesTest, Asvs2_2_3_SecurityMailCannotBeTurnedOff) {
  EXPECT_TRUE(Mails({}, kSecurity));
  // Even if a choice for it were somehow stored, the rule ignores it.
  EXPECT_TRUE(Mails({{"security", false}}, kSecurity));
  for (const auto category : ConfigurableMailCategories()) EXPECT_NE(category, kSecurity);
}

TEST(MailPreferencesTest, EveryOtherCategoryCanBeChosen) {
  EXPECT_EQ(ConfigurableMailCategories(),
            (std::vector<std::string_view>{kContributions, kPayments, kClaims, kAnnouncements,
                                           kSupport, kTraining}));
  for (const auto category : ConfigurableMailCategories()) {
    EXPECT_TRUE(Mails({{std::string(category), true}}, category)) << category;
    EXPECT_FALSE(Mails({{std::string(category), false}}, category)) << category;
  }
}

TEST(MailPreferencesTest, DefaultsMailWhatTheMemberMayHaveToActOn) {
  // Late payments and claims need the member's attention; each month's receipt is routine.
  EXPECT_TRUE(Mails({}, kPayments));
  EXPECT_TRUE(Mails({}, kClaims));
  EXPECT_TRUE(Mails({}, kSupport)) << "a reply from the fund is worth a mail";
  EXPECT_TRUE(Mails({}, kTraining)) << "a place offered must be accepted before it lapses";
  EXPECT_FALSE(Mails({}, kContributions));
  // A choice for one category leaves the others at their defaults.
  const MailChoices choices = {{"contributions", true}};
  EXPECT_TRUE(Mails(choices, kContributions));
  EXPECT_TRUE(Mails(choices, kPayments));
}

TEST(MailPreferencesTest, UnknownCategoriesNeverMail) {
  EXPECT_FALSE(Mails({{"news", true}}, "news"));
  EXPECT_FALSE(Mails({}, ""));
  EXPECT_FALSE(DefaultMails("news"));
}

}  // namespace
}  // namespace lumbung::inbox
