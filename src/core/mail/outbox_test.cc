#include "core/mail/outbox.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>
#include <set>
#include <stdexcept>

namespace lumbung::mail {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

OutgoingMail GoodMail() {
  return {.to = "siti@contoh.co.id",
          .subject = "Verifikasi alamat surel Anda",
          .text_body = "Halo Siti,\n\nBuka tautan ini:\nhttps://lumbung.example/v/abc\n",
          .html_body = "<p>Halo Siti,</p>",
          .category = "account"};
}

std::string RefusalOf(const OutgoingMail& mail) {
  try {
    ValidateOutgoingMail(mail);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

TEST(OutboxTest, AcceptsAGoodMail) {
  EXPECT_NO_THROW(ValidateOutgoingMail(GoodMail()));
}

TEST(OutboxTest, RefusesHeaderInjection) {
  for (const char* to : {"siti@contoh.co.id\r\nBcc: all@contoh.co.id", "siti@contoh.co.id\n",
                         "\rsiti@contoh.co.id"}) {
    OutgoingMail mail = GoodMail();
    mail.to = to;
    EXPECT_THAT(RefusalOf(mail), HasSubstr("header injection")) << to;
  }
  for (const char* subject : {"Halo\r\nBcc: all@contoh.co.id", "Halo\nX-Evil: 1", "Halo\r"}) {
    OutgoingMail mail = GoodMail();
    mail.subject = subject;
    EXPECT_THAT(RefusalOf(mail), HasSubstr("header injection")) << subject;
  }
}

TEST(OutboxTest, RefusesMoreThanOneRecipientWithoutEchoingIt) {
  OutgoingMail mail = GoodMail();
  mail.to = "siti@contoh.co.id, budi@contoh.co.id";
  const std::string refusal = RefusalOf(mail);
  EXPECT_THAT(refusal, HasSubstr("recipient"));
  EXPECT_THAT(refusal, Not(HasSubstr("budi")));  // addresses are personal data: not in errors
}

TEST(OutboxTest, RefusesOtherMalformedFields) {
  auto with = [](auto change) {
    OutgoingMail mail = GoodMail();
    change(mail);
    return RefusalOf(mail);
  };
  EXPECT_NE(with([](OutgoingMail& m) { m.subject = ""; }), "");
  EXPECT_NE(with([](OutgoingMail& m) { m.subject = std::string(256, 'a'); }), "");
  EXPECT_NE(with([](OutgoingMail& m) { m.subject = "tab\there"; }), "");
  EXPECT_NE(with([](OutgoingMail& m) { m.subject = "bad \xff utf-8"; }), "");
  EXPECT_NE(with([](OutgoingMail& m) { m.text_body = ""; }), "");
  EXPECT_NE(with([](OutgoingMail& m) { m.text_body = "bad \xc3"; }), "");
  EXPECT_NE(with([](OutgoingMail& m) { m.html_body = std::string("nul\0", 4); }), "");
  EXPECT_NE(with([](OutgoingMail& m) { m.text_body = std::string((1 << 20) + 1, 'a'); }), "");
  EXPECT_NE(with([](OutgoingMail& m) { m.category = ""; }), "");
  EXPECT_NE(with([](OutgoingMail& m) { m.category = "Security"; }), "");
  EXPECT_NE(with([](OutgoingMail& m) { m.category = std::string(33, 'a'); }), "");
  // Allowed: no HTML part, UTF-8 everywhere.
  EXPECT_EQ(with([](OutgoingMail& m) { m.html_body = ""; }), "");
  EXPECT_EQ(with([](OutgoingMail& m) { m.subject = "Kata sandi Anda diubah — Lumbung"; }), "");
}

TEST(OutboxTest, MessageIdsAreRandomAndOnTheSendersDomain) {
  EXPECT_EQ(MessageIdDomain("Lumbung <no-reply@Lumbung.Example>"), "lumbung.example");
  EXPECT_EQ(MessageIdDomain("no-reply@lumbung.example"), "lumbung.example");
  EXPECT_THROW(MessageIdDomain("Lumbung"), std::invalid_argument);

  const std::regex shape(
      R"(<[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}@lumbung\.example>)");
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string id = NewMessageId("lumbung.example");
    EXPECT_TRUE(std::regex_match(id, shape)) << id;
    seen.insert(id);
  }
  EXPECT_EQ(seen.size(), 100u);
  EXPECT_THROW(NewMessageId("bad domain>"), std::invalid_argument);
  EXPECT_THROW(NewMessageId(""), std::invalid_argument);
}

TEST(OutboxTest, TimesAreWholeUnixSeconds) {
  EXPECT_EQ(ToUnixSeconds(std::chrono::system_clock::time_point(std::chrono::milliseconds(1999))),
            1);
}

}  // namespace
}  // namespace lumbung::mail
