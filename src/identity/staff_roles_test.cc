#include "identity/staff_roles.h"

#include <gtest/gtest.h>

namespace lumbung::identity {
namespace {

TEST(ParseStaffRoles, CommaSeparatedNamesInTheOneOrder) {
  EXPECT_EQ(ParseStaffRoles("finance,member_services"),
            (std::vector<std::string>{"member_services", "finance"}));
  EXPECT_EQ(ParseStaffRoles(" administrator , analyst ,administrator"),
            (std::vector<std::string>{"analyst", "administrator"}))
      << "spaces around names and repeats are tolerated";
  EXPECT_EQ(ParseStaffRoles("content_editor"), (std::vector<std::string>{"content_editor"}));
}

TEST(ParseStaffRoles, RefusesUnknownNamesAndNothing) {
  for (const char* text : {"", ",", " , ", "root", "finance,root", "Finance", "staff_admin",
                           "member_services;finance"}) {
    EXPECT_FALSE(ParseStaffRoles(text)) << text;
  }
}

}  // namespace
}  // namespace lumbung::identity
