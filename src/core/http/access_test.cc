#include "core/http/access.h"

#include <gtest/gtest.h>

#include "core/http/url.h"

namespace lumbung::http {
namespace {

struct Counter {
  int calls = 0;
  Handler handler() {
    return [this](Request&) {
      ++calls;
      return Response::Text("secret page");
    };
  }
};

Request Anonymous(std::string method, std::string target) {
  Request r;
  r.method = std::move(method);
  r.target = std::move(target);
  r.path = r.target.substr(0, r.target.find('?'));
  return r;
}

Request SignedInAs(std::string role, std::string method = "GET", std::string target = "/x") {
  Request r = Anonymous(std::move(method), std::move(target));
  r.visitor.account_id = 42;
  r.visitor.role = std::move(role);
  return r;
}

// ASVS 4.1.1: access control is enforced on the server, for every request.
TEST(SignedIn, Asvs411_AnonymousGetIsSentToSignInWithTheEncodedTarget) {
  Counter page;
  Handler h = SignedIn(page.handler());
  Request r = Anonymous("GET", "/account/sessions?tab=all&x=1");
  Response out = h(r);
  EXPECT_EQ(out.status, 303);
  EXPECT_EQ(out.Get("Location"), "/login?next=%2Faccount%2Fsessions%3Ftab%3Dall%26x%3D1");
  EXPECT_EQ(page.calls, 0);
  // The next parameter decodes back to exactly the page asked for.
  const std::string location(out.Get("Location"));
  EXPECT_EQ(PercentDecode(location.substr(location.find('=') + 1), false),
            "/account/sessions?tab=all&x=1");
}

TEST(SignedIn, Asvs411_HeadIsTreatedLikeGet) {
  Counter page;
  Request r = Anonymous("HEAD", "/dashboard");
  Response out = SignedIn(page.handler())(r);
  EXPECT_EQ(out.status, 303);
  EXPECT_EQ(out.Get("Location"), "/login?next=%2Fdashboard");
  EXPECT_EQ(page.calls, 0);
}

TEST(SignedIn, AnExpiredSessionSaysWhy) {
  Counter page;
  Request r = Anonymous("GET", "/dashboard");
  r.visitor.session_expired = true;
  Response out = SignedIn(page.handler())(r);
  EXPECT_EQ(out.status, 303);
  EXPECT_EQ(out.Get("Location"), "/login?next=%2Fdashboard&reason=expired");
  EXPECT_EQ(page.calls, 0);
}

TEST(SignedIn, Asvs411_AnonymousPostAndOtherMethodsAreForbidden) {
  for (const char* method : {"POST", "PUT", "DELETE", "PATCH"}) {
    Counter page;
    Request r = Anonymous(method, "/account/sessions/end");
    Response out = SignedIn(page.handler())(r);
    EXPECT_EQ(out.status, 403) << method;
    EXPECT_FALSE(out.Has("Location")) << method;
    EXPECT_EQ(page.calls, 0) << method;
  }
}

TEST(SignedIn, Asvs515_NextIsNeverAnotherSite) {
  // A crafted target cannot make the sign-in page send the member elsewhere afterwards.
  for (const char* target : {"//evil.example/x", "/\\evil.example"}) {
    Counter page;
    Request r = Anonymous("GET", target);
    Response out = SignedIn(page.handler())(r);
    EXPECT_EQ(out.Get("Location"), "/login?next=%2F") << target;
  }
  Request empty = Anonymous("GET", "");
  EXPECT_EQ(LoginRedirectTarget(empty), "/login?next=%2F");
}

TEST(SignedIn, ASignedInVisitorReachesThePage) {
  for (const char* method : {"GET", "POST"}) {
    Counter page;
    Request r = SignedInAs("member", method);
    Response out = SignedIn(page.handler())(r);
    EXPECT_EQ(out.status, 200);
    EXPECT_EQ(out.body, "secret page");
    EXPECT_EQ(page.calls, 1);
  }
}

TEST(OnlyRoles, Asvs413_OtherRolesAreForbidden) {
  for (const char* method : {"GET", "POST"}) {
    for (const char* role : {"member", "staff", "employer", "", "EMPLOYER_ADMIN"}) {
      Counter page;
      Request r = SignedInAs(role, method);
      Response out = OnlyRoles({"employer_admin", "employer_staff"}, page.handler())(r);
      EXPECT_EQ(out.status, 403) << method << " " << role;
      EXPECT_EQ(page.calls, 0) << method << " " << role;
    }
  }
}

TEST(OnlyRoles, Asvs413_ListedRolesReachThePage) {
  for (const char* role : {"employer_admin", "employer_staff"}) {
    Counter page;
    Request r = SignedInAs(role);
    Response out = OnlyRoles({"employer_admin", "employer_staff"}, page.handler())(r);
    EXPECT_EQ(out.status, 200) << role;
    EXPECT_EQ(page.calls, 1) << role;
  }
}

TEST(OnlyRoles, Asvs411_AnonymousVisitorsAreSentToSignInFirst) {
  Counter page;
  Handler h = OnlyRoles({"employer_admin"}, page.handler());
  Request get = Anonymous("GET", "/employer/users");
  Response out = h(get);
  EXPECT_EQ(out.status, 303);
  EXPECT_EQ(out.Get("Location"), "/login?next=%2Femployer%2Fusers");
  Request post = Anonymous("POST", "/employer/users");
  EXPECT_EQ(h(post).status, 403);
  EXPECT_EQ(page.calls, 0);
}

// Least privilege among the fund's staff: a staff page needs one of its staff roles; being
// staff is not enough, and no other account reaches it whatever it holds.
TEST(StaffOnly, Asvs413_StaffWithoutTheRoleAndEveryoneElseAreForbidden) {
  for (const char* method : {"GET", "POST"}) {
    struct Case {
      const char* role;
      std::vector<std::string> staff_roles;
    };
    for (const Case& c :
         {Case{"staff", {"finance", "analyst"}}, Case{"staff", {}},
          Case{"member", {"administrator"}}, Case{"employer_admin", {"administrator"}},
          Case{"STAFF", {"administrator"}}}) {
      Counter page;
      Request r = SignedInAs(c.role, method);
      r.visitor.staff_roles = c.staff_roles;
      Response out = StaffOnly({"administrator", "member_services"}, page.handler())(r);
      EXPECT_EQ(out.status, 403) << method << " " << c.role;
      EXPECT_EQ(page.calls, 0) << method << " " << c.role;
    }
  }
}

TEST(StaffOnly, Asvs413_StaffHoldingAListedRoleReachThePage) {
  for (const char* held : {"administrator", "member_services"}) {
    Counter page;
    Request r = SignedInAs("staff");
    r.visitor.staff_roles = {"analyst", held};
    Response out = StaffOnly({"administrator", "member_services"}, page.handler())(r);
    EXPECT_EQ(out.status, 200) << held;
    EXPECT_EQ(page.calls, 1) << held;
  }
}

TEST(StaffOnly, Asvs411_AnonymousVisitorsAreSentToSignInFirst) {
  Counter page;
  Handler h = StaffOnly({"administrator"}, page.handler());
  Request get = Anonymous("GET", "/staff/audit");
  Response out = h(get);
  EXPECT_EQ(out.status, 303);
  EXPECT_EQ(out.Get("Location"), "/login?next=%2Fstaff%2Faudit");
  Request post = Anonymous("POST", "/staff/audit");
  EXPECT_EQ(h(post).status, 403);
  EXPECT_EQ(page.calls, 0);
}

TEST(AnyStaff, Asvs413_OnlyStaffHoldingARoleReachTheStaffHome) {
  Counter page;
  Handler h = AnyStaff(page.handler());
  Request analyst = SignedInAs("staff");
  analyst.visitor.staff_roles = {"analyst"};
  EXPECT_EQ(h(analyst).status, 200);
  Request none = SignedInAs("staff");
  EXPECT_EQ(h(none).status, 403) << "a staff account whose roles were all taken away";
  Request member = SignedInAs("member");
  member.visitor.staff_roles = {"administrator"};
  EXPECT_EQ(h(member).status, 403);
  EXPECT_EQ(page.calls, 1);
}

TEST(StaffRoles, EveryStaffRoleIsKnownAndNothingElse) {
  for (const auto role : kStaffRoles) EXPECT_TRUE(IsStaffRole(role)) << role;
  for (const char* other : {"", "staff", "member", "Administrator", "administrator "}) {
    EXPECT_FALSE(IsStaffRole(other)) << other;
  }
}

// ASVS 2.8: a session partway through signing in is not signed in; every protected
// page sends it back to the step that is due.
TEST(SignedIn, PendingSecondFactorIsSentToTheSecondStepNotTheProtectedPage) {
  Counter page;
  Handler h = SignedIn(page.handler());
  Request r = Anonymous("GET", "/dashboard");
  r.visitor.pending_stage = "second_factor";
  r.visitor.pending_account_id = 42;
  Response out = h(r);
  EXPECT_EQ(out.status, 303);
  EXPECT_EQ(out.Get("Location"), "/login/second-factor?next=%2Fdashboard");
  EXPECT_EQ(page.calls, 0);
  Request post = Anonymous("POST", "/account/email");
  post.visitor.pending_stage = "second_factor";
  EXPECT_EQ(h(post).status, 403);
  EXPECT_EQ(page.calls, 0);
}

TEST(SignedIn, PendingEnrolmentIsSentToTheSetUpPage) {
  Counter page;
  Handler h = SignedIn(page.handler());
  Request r = Anonymous("GET", "/staff/security-reports");
  r.visitor.pending_stage = "enrol";
  EXPECT_EQ(h(r).Get("Location"), "/account/two-factor/setup");
  EXPECT_EQ(page.calls, 0);
}

// ASVS 3.7.1: sensitive changes need a fresh proof of identity.
TEST(RecentlyAuthenticated, Asvs371_StaleProofIsSentToConfirmThenBack) {
  Counter page;
  Handler h = RecentlyAuthenticated(page.handler());
  Request r = SignedInAs("member", "GET", "/account/two-factor/app?x=1");
  Response out = h(r);
  EXPECT_EQ(out.status, 303);
  EXPECT_EQ(out.Get("Location"), "/account/confirm?next=%2Faccount%2Ftwo-factor%2Fapp%3Fx%3D1");
  Request post = SignedInAs("member", "POST", "/account/two-factor/remove");
  EXPECT_EQ(h(post).Get("Location"), "/account/confirm?next=%2Faccount%2Ftwo-factor%2Fremove");
  EXPECT_EQ(page.calls, 0);
  Handler with_page = RecentlyAuthenticated(page.handler(), "/account/security");
  Request action = SignedInAs("member", "POST", "/account/two-factor/remove");
  EXPECT_EQ(with_page(action).Get("Location"), "/account/confirm?next=%2Faccount%2Fsecurity");
  Request fresh = SignedInAs("member", "POST", "/account/two-factor/remove");
  fresh.visitor.recently_authenticated = true;
  EXPECT_EQ(h(fresh).status, 200);
  EXPECT_EQ(page.calls, 1);
}

TEST(RecentlyAuthenticated, AnonymousIsSentToSignIn) {
  Counter page;
  Handler h = RecentlyAuthenticated(page.handler());
  Request r = Anonymous("GET", "/account/two-factor/app");
  EXPECT_EQ(h(r).Get("Location"), "/login?next=%2Faccount%2Ftwo-factor%2Fapp");
}

}  // namespace
}  // namespace lumbung::http
