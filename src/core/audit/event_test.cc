#include "core/audit/event.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>

namespace lumbung::audit {
namespace {

Event Login() {
  return {.subject_user_id = 7,
          .action = "login.failed",
          .result = Result::kDenied,
          .ip = "203.0.113.9",
          .user_agent = "Mozilla/5.0",
          .details = {{"reason", "bad_password"}}};
}

TEST(AuditEvent, ResultNames) {
  EXPECT_EQ(ResultName(Result::kOk), "ok");
  EXPECT_EQ(ResultName(Result::kDenied), "denied");
  EXPECT_EQ(ResultName(Result::kError), "error");
  EXPECT_EQ(ParseResult("denied"), Result::kDenied);
  EXPECT_FALSE(ParseResult("OK"));
  EXPECT_FALSE(ParseResult(""));
}

TEST(AuditEvent, NormaliseKeepsAGoodEvent) {
  EXPECT_EQ(Normalise(Login()), Login());
}

TEST(AuditEvent, ActionsAreNames) {
  for (const char* good : {"login.failed", "password.reset_requested", "mfa.totp-enrolled", "x"}) {
    Event event = Login();
    event.action = good;
    EXPECT_NO_THROW(Normalise(event)) << good;
  }
  for (const char* bad :
       {"", "Login.failed", "1login", ".login", "login failed", "login\n", "login;drop"}) {
    Event event = Login();
    event.action = bad;
    EXPECT_THROW(Normalise(event), std::invalid_argument) << bad;
  }
  Event event = Login();
  event.action = std::string(65, 'a');
  EXPECT_THROW(Normalise(event), std::invalid_argument);
}

TEST(AuditEvent, Asvs7_1_1_RefusesSecretLookingDetailKeys) {
  for (const char* key :
       {"password",    "new_password",   "oldpassword", "passwd",      "token",
        "reset_token", "code",           "otp_code",    "secret",      "totp_secret",
        "cookie",      "session_cookie", "pin",         "otp",         "api.key",
        "session",     "session_id",     "sid",         "credentials", "authorization",
        "passphrase"}) {
    EXPECT_TRUE(IsSecretLookingKey(key)) << key;
    Event event = Login();
    event.details[key] = "hunter2";
    try {
      Normalise(event);
      ADD_FAILURE() << key << " was accepted";
    } catch (const std::invalid_argument& e) {
      EXPECT_THAT(e.what(), ::testing::Not(::testing::HasSubstr("hunter2")));  // never echo it
    }
  }
  for (const char* key : {"reason", "method", "sessions_revoked", "keyboard", "monkey",
                          "zipcode_region", "attempts", "email_domain"}) {
    EXPECT_FALSE(IsSecretLookingKey(key)) << key;
  }
  EXPECT_TRUE(IsSecretLookingKey("Password"));  // even if a caller bypassed the name rules
}

TEST(AuditEvent, DetailNamesAndCountAreLimited) {
  Event event = Login();
  event.details = {{"Reason", "x"}};
  EXPECT_THROW(Normalise(event), std::invalid_argument);
  event.details = {{"", "x"}};
  EXPECT_THROW(Normalise(event), std::invalid_argument);
  event.details = {{"a b", "x"}};
  EXPECT_THROW(Normalise(event), std::invalid_argument);
  event.details = {{std::string(33, 'a'), "x"}};
  EXPECT_THROW(Normalise(event), std::invalid_argument);
  event.details.clear();
  for (int i = 0; i < 17; ++i) event.details["k" + std::to_string(i)] = "v";
  EXPECT_THROW(Normalise(event), std::invalid_argument);
  event.details.erase("k0");
  EXPECT_NO_THROW(Normalise(event));
}

TEST(AuditEvent, Asvs7_3_1_CleansClientTextAgainstLogInjection) {
  EXPECT_EQ(CleanText("Mozilla/5.0 (X11)", 512), "Mozilla/5.0 (X11)");
  EXPECT_EQ(CleanText("a\r\nforged line", 512), "a??forged line");
  EXPECT_EQ(CleanText("tab\there\x1b[31m", 512), "tab?here?[31m");
  EXPECT_EQ(CleanText("bad \xff\xfe utf8 \xc0\xaf", 512), "bad ?? utf8 ??");
  EXPECT_EQ(CleanText("\xe2\x80\xae"
                      "evil",
                      512),
            "?evil");  // RIGHT-TO-LEFT OVERRIDE
  EXPECT_EQ(CleanText("line\xe2\x80\xa8"
                      "sep",
                      512),
            "line?sep");                       // LINE SEPARATOR
  EXPECT_EQ(CleanText("\xc2\x85", 512), "?");  // NEL (C1)
  EXPECT_EQ(CleanText("Sari \xF0\x9F\x91\x8D", 512), "Sari \xF0\x9F\x91\x8D");
  EXPECT_EQ(CleanText(std::string_view("a\0b", 3), 512), "a?b");
}

TEST(AuditEvent, Asvs7_1_UserAgentIsCutTo512Characters) {
  Event event = Login();
  event.user_agent = std::string(2000, 'u');
  EXPECT_EQ(Normalise(event).user_agent.size(), kMaxUserAgentChars);
  // Characters, not bytes: a multi-byte character is never split.
  std::string wide;
  for (int i = 0; i < 600; ++i) wide += "\xC3\xA9";  // é
  const std::string cut = Normalise({.action = "x", .user_agent = wide}).user_agent;
  EXPECT_EQ(cut.size(), 2 * kMaxUserAgentChars);
  EXPECT_EQ(CleanText("\xC3\xA9\xC3\xA9", 1), "\xC3\xA9");
  EXPECT_EQ(Normalise({.action = "x", .ip = std::string(100, '1')}).ip.size(), kMaxIpChars);
  event.details = {{"reason", std::string(1000, 'r')}};
  EXPECT_EQ(Normalise(event).details["reason"].size(), kMaxDetailValueChars);
}

TEST(AuditEvent, DetailsJsonIsCompactAndSorted) {
  EXPECT_EQ(DetailsJson({}), "{}");
  EXPECT_EQ(DetailsJson({{"method", "totp"}, {"attempts", "3"}}),
            R"({"attempts":"3","method":"totp"})");
  EXPECT_EQ(DetailsJson({{"quote", "a\"b\\c"}}), R"({"quote":"a\"b\\c"})");
  const Details details = {{"a", "1"}, {"b", "Sari \xF0\x9F\x91\x8D"}};
  EXPECT_EQ(ParseDetailsJson(DetailsJson(details)), details);
  EXPECT_EQ(ParseDetailsJson(R"({"n":3,"s":"x"})"), (Details{{"n", "3"}, {"s", "x"}}));
  EXPECT_TRUE(ParseDetailsJson("not json").empty());
  EXPECT_TRUE(ParseDetailsJson("[1,2]").empty());
  EXPECT_TRUE(ParseDetailsJson("").empty());
}

// "dddd-dd-ddTdd:dd:dd.dddZ" (std::regex would do, but draws false warnings from GCC 12 under
// the sanitizers).
bool LooksLikeTimestamp(const std::string& text) {
  const std::string_view shape = "dddd-dd-ddTdd:dd:dd.dddZ";
  if (text.size() != shape.size()) return false;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 'd' ? (text[i] < '0' || text[i] > '9') : text[i] != shape[i]) return false;
  }
  return true;
}

TEST(AuditEvent, Asvs7_1_4_TimestampsAreUtcWithMilliseconds) {
  using namespace std::chrono;
  const system_clock::time_point t = sys_days{2024y / May / 1} + 3h + 4min + 5s + 678ms;
  EXPECT_EQ(FormatTimestamp(t), "2024-05-01T03:04:05.678Z");
  EXPECT_EQ(FormatTimestamp(sys_days{1999y / December / 31}), "1999-12-31T00:00:00.000Z");
  EXPECT_TRUE(LooksLikeTimestamp(FormatTimestamp(system_clock::now())));
  EXPECT_FALSE(LooksLikeTimestamp("2024-05-01 03:04:05.678Z"));
}

}  // namespace
}  // namespace lumbung::audit
