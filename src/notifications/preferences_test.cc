#include "notifications/preferences.h"

#include <gtest/gtest.h>

namespace lumbung::notifications {
namespace {

const std::vector<std::string_view> kMember = ChoosableCategories("member");

TEST(PreferencesFormTest, MembersChooseEveryCategoryButSecurity) {
  EXPECT_EQ(kMember, (std::vector<std::string_view>{"contributions", "payments", "claims",
                                                    "announcements", "support", "training"}));
  EXPECT_TRUE(ChoosableCategories("staff").empty());
  EXPECT_TRUE(ChoosableCategories("employer_admin").empty());
}

TEST(PreferencesFormTest, TickedBoxesAreOnAndAbsentOnesOff) {
  const auto input = ReadPreferencesForm({{"csrf", "t"}, {"payments", "1"}}, kMember);
  EXPECT_EQ(input.error_id, "");
  EXPECT_EQ(input.choices, (inbox::MailChoices{{"contributions", false},
                                               {"payments", true},
                                               {"claims", false},
                                               {"announcements", false},
                                               {"support", false},
                                               {"training", false}}));
  const auto none = ReadPreferencesForm({{"csrf", "t"}}, kMember);
  EXPECT_EQ(none.choices, (inbox::MailChoices{{"contributions", false},
                                              {"payments", false},
                                              {"claims", false},
                                              {"announcements", false},
                                              {"support", false},
                                              {"training", false}}));
}

TEST(PreferencesFormTest, Asvs2_2_3_AForgedPostCannotTurnSecurityMailOff) {
  for (const char* value : {"0", "", "off", "false", "1 "}) {
    const auto input = ReadPreferencesForm({{"payments", "1"}, {"security", value}}, kMember);
    EXPECT_EQ(input.error_id, "notifications.preferences.error.security") << value;
    EXPECT_TRUE(input.choices.empty()) << "nothing to save";
  }
  // Saying it is on changes nothing and is no error.
  const auto on = ReadPreferencesForm({{"security", "1"}, {"claims", "1"}}, kMember);
  EXPECT_EQ(on.error_id, "");
  EXPECT_EQ(on.choices.count("security"), 0u);
  // Not for staff either.
  EXPECT_EQ(ReadPreferencesForm({{"security", "0"}}, {}).error_id,
            "notifications.preferences.error.security");
}

TEST(PreferencesFormTest, AnythingElseIsRefusedAsAWhole) {
  const std::vector<http::Fields> bad = {
      {{"payments", "2"}},
      {{"payments", "on"}},
      {{"payments", "1"}, {"payments", "1"}},
      {{"news", "1"}},
      {{"contributions", "1"}, {"account_id", "12"}},
  };
  for (const auto& fields : bad) {
    const auto input = ReadPreferencesForm(fields, kMember);
    EXPECT_EQ(input.error_id, "notifications.preferences.error.invalid");
    EXPECT_TRUE(input.choices.empty());
  }
  // Staff have no categories to choose: any choice is refused.
  EXPECT_EQ(ReadPreferencesForm({{"payments", "1"}}, {}).error_id,
            "notifications.preferences.error.invalid");
  EXPECT_EQ(ReadPreferencesForm({}, {}).error_id, "");
}

}  // namespace
}  // namespace lumbung::notifications
