#include "ops/maintenance.h"

#include <gtest/gtest.h>

namespace lumbung::ops {
namespace {

http::Visitor Anonymous() {
  return {};
}

http::Visitor SignedIn(const std::string& role, std::vector<std::string> staff_roles = {}) {
  http::Visitor visitor;
  visitor.account_id = 7;
  visitor.role = role;
  visitor.staff_roles = std::move(staff_roles);
  return visitor;
}

http::Visitor Partway(const std::string& role, const std::string& stage) {
  http::Visitor visitor;
  visitor.pending_account_id = 7;
  visitor.pending_stage = stage;
  visitor.role = role;
  return visitor;
}

TEST(Maintenance, SignedInStaffKeepWorkingEverywhere) {
  for (const auto& staff :
       {SignedIn("staff", {"administrator"}), SignedIn("staff", {"analyst"}), SignedIn("staff")}) {
    for (const char* path : {"/", "/dashboard", "/staff/audit", "/staff/maintenance", "/login",
                             "/logout", "/lang/en", "/account/security"}) {
      EXPECT_TRUE(PassesMaintenance(path, staff)) << path;
    }
  }
}

TEST(Maintenance, MembersAndEmployersOnlySignOut) {
  for (const char* role : {"member", "employer_admin", "employer_staff"}) {
    const auto visitor = SignedIn(role);
    EXPECT_TRUE(PassesMaintenance("/logout", visitor)) << role;
    for (const char* path : {"/", "/dashboard", "/employer", "/staff/audit", "/login",
                             "/login/second-factor", "/account/two-factor/app", "/profile"}) {
      EXPECT_FALSE(PassesMaintenance(path, visitor)) << role << " " << path;
    }
  }
}

TEST(Maintenance, TheStepsOfSigningInStayOpenToVisitorsNotSignedIn) {
  for (const auto& visitor : {Anonymous(), Partway("staff", "second_factor"),
                              Partway("staff", "enrol"), Partway("member", "second_factor")}) {
    for (const char* path : {"/login", "/login/second-factor", "/login/second-factor/email-code",
                             "/login/passkey", "/logout", "/account/two-factor/setup",
                             "/account/two-factor/app", "/account/two-factor/app/start",
                             "/account/two-factor/email", "/account/two-factor/email/start"}) {
      EXPECT_TRUE(PassesMaintenance(path, visitor)) << path;
    }
    for (const char* path :
         {"/", "/dashboard", "/register", "/forgot-password", "/loginx", "/lang/en", "/staff/audit",
          "/account/security", "/account/two-factor/recovery-codes"}) {
      EXPECT_FALSE(PassesMaintenance(path, visitor)) << path;
    }
  }
}

TEST(Maintenance, MessageInThePagesLanguageElseTheOther) {
  MaintenanceState state{.on = true, .message_id = "Pemeliharaan", .message_en = "Upkeep"};
  EXPECT_EQ(MaintenanceMessage(state, "id"), "Pemeliharaan");
  EXPECT_EQ(MaintenanceMessage(state, "en"), "Upkeep");
  state.message_en.clear();
  EXPECT_EQ(MaintenanceMessage(state, "en"), "Pemeliharaan");
  state.message_id.clear();
  EXPECT_EQ(MaintenanceMessage(state, "id"), "");
}

}  // namespace
}  // namespace lumbung::ops
