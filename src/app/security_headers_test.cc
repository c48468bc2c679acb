#include "app/security_headers.h"

#include <gtest/gtest.h>

namespace lumbung::app {
namespace {

TEST(SecurityHeaders, StrictPolicyOnEveryResponse_ASVS_14_4) {
  http::Response r = http::Response::Html("<p>hi</p>");
  ApplySecurityHeaders(r, {});
  const std::string csp(r.Get("Content-Security-Policy"));
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos);  // 14.4.3
  EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos);
  EXPECT_NE(csp.find("default-src 'none'"), std::string::npos);
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos);  // 14.4.7
  EXPECT_EQ(r.Get("X-Content-Type-Options"), "nosniff");             // 14.4.4
  EXPECT_EQ(r.Get("Referrer-Policy"), "no-referrer");                // 14.4.6
  EXPECT_FALSE(r.Get("Permissions-Policy").empty());
  EXPECT_EQ(r.Get("Cache-Control"), "no-store");  // 8.2.1
  EXPECT_FALSE(r.Has("Strict-Transport-Security"));
}

TEST(SecurityHeaders, HstsOnlyOverTls_ASVS_14_4_5) {
  http::Response r;
  ApplySecurityHeaders(r, {.over_tls = true, .hsts_max_age = 31536000});
  EXPECT_EQ(r.Get("Strict-Transport-Security"), "max-age=31536000; includeSubDomains");
}

TEST(SecurityHeaders, KeepsAHandlersCachePolicy) {
  http::Response r;
  r.Set("Cache-Control", "public, max-age=31536000, immutable");
  ApplySecurityHeaders(r, {});
  EXPECT_EQ(r.Get("Cache-Control"), "public, max-age=31536000, immutable");
}

}  // namespace
}  // namespace lumbung::app
