#include "core/mail/address.h"

#include <gtest/gtest.h>

namespace lumbung::mail {
namespace {

TEST(AddressTest, AcceptsOrdinaryAddresses) {
  for (const char* address : {"anggota@contoh.co.id", "siti.rahayu+lumbung@mail.example", "a@b",
                              "x_y-z@sub-1.example", "o'brien@example.com"}) {
    EXPECT_TRUE(IsValidAddress(address)) << address;
  }
}

TEST(AddressTest, RefusesAnythingButOneAddress) {
  for (const char* address : {"",
                              "plain",
                              "@example.com",
                              "a@",
                              "a@@b",
                              "a@b@c",
                              "a@b.id, c@d.id",
                              "a@b.id;c@d.id",
                              "<a@b.id>",
                              "Siti <a@b.id>",
                              "a@b.id\r\nBcc: x@y.id",
                              "a@b.id\n",
                              "a b@c.id",
                              "a@b c.id",
                              ".a@b.id",
                              "a.@b.id",
                              "a..b@c.id",
                              "a@-b.id",
                              "a@b-.id",
                              "a@b..id",
                              "a@.b.id",
                              "\"quoted\"@b.id",
                              "a@[127.0.0.1]",
                              "sîti@contoh.id",
                              "a@cöntoh.id"}) {
    EXPECT_FALSE(IsValidAddress(address)) << address;
  }
  EXPECT_FALSE(IsValidAddress(std::string(65, 'a') + "@b.id"));
  EXPECT_FALSE(IsValidAddress("a@" + std::string(64, 'b') + ".id"));
  EXPECT_FALSE(IsValidAddress(std::string("a@b.id\0x", 8)));
}

TEST(AddressTest, DomainIsLowercasedAndEmptyWhenInvalid) {
  EXPECT_EQ(AddressDomain("No-Reply@Lumbung.Example"), "lumbung.example");
  EXPECT_EQ(AddressDomain("not an address"), "");
}

TEST(AddressTest, ParsesMailboxes) {
  auto plain = ParseMailbox("no-reply@lumbung.example");
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->display_name, "");
  EXPECT_EQ(plain->address, "no-reply@lumbung.example");

  auto named = ParseMailbox("  Lumbung <no-reply@lumbung.example> ");
  ASSERT_TRUE(named);
  EXPECT_EQ(named->display_name, "Lumbung");
  EXPECT_EQ(named->address, "no-reply@lumbung.example");

  auto quoted = ParseMailbox(R"("Dana \"Lumbung\", Jakarta" <a@b.id>)");
  ASSERT_TRUE(quoted);
  EXPECT_EQ(quoted->display_name, "Dana \"Lumbung\", Jakarta");

  auto utf8 = ParseMailbox("Dana Jaminan Pekerja — Lumbung <a@b.id>");
  ASSERT_TRUE(utf8);
  EXPECT_EQ(utf8->display_name, "Dana Jaminan Pekerja — Lumbung");
}

TEST(AddressTest, RefusesBadMailboxes) {
  for (const char* text :
       {"", "Lumbung", "Lumbung <>", "Lumbung <a@b.id", "Lumbung a@b.id>",
        "Lum\r\nBcc: x@y.id <a@b.id>", "Lumbung <a@b.id, c@d.id>", "\"unterminated <a@b.id>",
        "Lu\"mb\"ung <a@b.id>", "Lumbung <a@b.id\r\n>"}) {
    EXPECT_FALSE(ParseMailbox(text)) << text;
  }
}

TEST(AddressTest, FormatsMailboxesForHeaders) {
  EXPECT_EQ(FormatMailbox({"", "a@b.id"}), "a@b.id");
  EXPECT_EQ(FormatMailbox({"Lumbung", "a@b.id"}), "Lumbung <a@b.id>");
  EXPECT_EQ(FormatMailbox({"Dana, \"Lumbung\"", "a@b.id"}), R"("Dana, \"Lumbung\"" <a@b.id>)");
  EXPECT_EQ(FormatMailbox({"Dana — Lumbung", "a@b.id"}),
            "=?UTF-8?B?RGFuYSDigJQgTHVtYnVuZw==?= <a@b.id>");
}

}  // namespace
}  // namespace lumbung::mail
