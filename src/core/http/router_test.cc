#include "core/http/router.h"

#include <gtest/gtest.h>

namespace lumbung::http {
namespace {

Handler Answer(std::string text) {
  return [text](Request&) { return Response::Text(text); };
}

std::string Call(const Router& router, const std::string& method, const std::string& path) {
  auto m = router.Find(method, path);
  if (!m.handler) return m.allowed.empty() ? "404" : "405";
  Request r;
  return (*m.handler)(r).body;
}

TEST(Router, MatchesLiteralsBeforeCapturesAndCapturesParameters) {
  Router router;
  router.Get("/claims/{id}", Answer("show"));
  router.Get("/claims/new", Answer("new"));
  router.Get("/", Answer("home"));
  EXPECT_EQ(Call(router, "GET", "/claims/new"), "new");
  EXPECT_EQ(Call(router, "GET", "/claims/42"), "show");
  EXPECT_EQ(Call(router, "GET", "/"), "home");
  auto m = router.Find("GET", "/claims/42");
  EXPECT_EQ(m.params.at("id"), "42");
  EXPECT_EQ(m.pattern, "/claims/{id}");
}

TEST(Router, UnknownPathIs404AndWrongMethodIs405WithAllowedMethods) {
  Router router;
  router.Get("/login", Answer("form"));
  router.Post("/login", Answer("submit"));
  EXPECT_EQ(Call(router, "GET", "/nope"), "404");
  EXPECT_EQ(Call(router, "GET", "/login/extra"), "404");
  EXPECT_EQ(Call(router, "GET", "/claims/"), "404");
  EXPECT_EQ(Call(router, "DELETE", "/login"), "405");
  auto m = router.Find("DELETE", "/login");
  EXPECT_EQ(m.allowed, (std::vector<std::string>{"GET", "HEAD", "POST"}));
  EXPECT_EQ(Call(router, "POST", "/login"), "submit");
}

TEST(Router, HeadIsAnsweredByGet) {
  Router router;
  router.Get("/help", Answer("help"));
  EXPECT_EQ(Call(router, "HEAD", "/help"), "help");
}

TEST(Router, EmptyCaptureDoesNotMatch) {
  Router router;
  router.Get("/verify/card/{token}", Answer("card"));
  EXPECT_EQ(Call(router, "GET", "/verify/card/"), "404");
  EXPECT_EQ(Call(router, "GET", "/verify/card/abc"), "card");
}

}  // namespace
}  // namespace lumbung::http
