#include "core/observe/access_log.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace lumbung::observe {
namespace {

TEST(AccessLog, LogsTheRoutePatternNotIdentifiersInPaths_ASVS_7_1_1) {
  http::Request r;
  r.target = "/verify/card/abcdef0123456789abcdef?x=1";
  r.route = "/verify/card/{token}";
  EXPECT_EQ(LoggablePath(r), "/verify/card/{token}");
  r.route.clear();
  r.target = "/members/3171015008900001/claims?nik=1";
  EXPECT_EQ(LoggablePath(r), "/members/[masked]/claims");
  r.target = "/reset/Zm9vYmFyYmF6cXV4cXV1eHh4eHh4";
  EXPECT_EQ(LoggablePath(r), "/reset/[masked]");
  r.target = "/help/2026";
  EXPECT_EQ(LoggablePath(r), "/help/2026");
}

TEST(AccessLog, WritesOneJsonLineWithoutQueryCookiesOrBody_ASVS_7_1_1) {
  const auto path = std::filesystem::temp_directory_path() / "lumbung-access-log-test.jsonl";
  std::filesystem::remove(path);
  {
    AccessLog log(path.string());
    http::Request r;
    r.method = "POST";
    r.target = "/login?next=/x&token=SECRETTOKEN";
    r.route = "/login";
    r.headers = {{"cookie", "__Host-session=SESSIONSECRET"}};
    r.body = "identifier=3171015008900001&password=hunter2hunter2";
    r.request_id = "abc";
    http::Response response = http::Response::Text("ok");
    log.Record(r, response, 0.0123);
  }
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  const std::string line = text.str();
  EXPECT_EQ(std::count(line.begin(), line.end(), '\n'), 1);
  for (const char* secret :
       {"SECRETTOKEN", "SESSIONSECRET", "hunter2", "3171015008900001", "next="}) {
    EXPECT_EQ(line.find(secret), std::string::npos) << secret;
  }
  EXPECT_NE(line.find("\"path\":\"/login\""), std::string::npos);
  EXPECT_NE(line.find("\"status\":200"), std::string::npos);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace lumbung::observe
