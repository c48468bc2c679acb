#include "core/mail/message.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "core/mail/mime_test_util.h"

namespace lumbung::mail {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

// The samples use bare LF only.
std::string ToCrlfForTest(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
  return out;
}

const Mailbox kFrom{"Dana Jaminan Pekerja Lumbung", "no-reply@lumbung.example"};
const std::string kLink =
    "https://lumbung.example/akun/verifikasi?token=Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eA&lang=id";

Envelope Sample() {
  return {
      .to = "siti@contoh.co.id",
      .subject = "Verifikasi alamat surel Anda — Lumbung",
      .text_body = "Halo Siti Rahayu,\n\nUntuk menyelesaikan pendaftaran, buka tautan berikut:\n" +
                   kLink +
                   "\n\nTautan berlaku 24 jam. Situs resmi kami hanya lumbung.example.\n"
                   "Saldo JHT: Rp 12.345.678 — terima kasih.\n",
      .html_body = "<p>Halo Siti Rahayu,</p>\n<p><a href=\"" + kLink +
                   "\">Verifikasi</a></p>\n<p>Situs resmi: lumbung.example — terima kasih.</p>\n",
      .message_id = "<0f8fad5b-d9cb-469f-a165-70867728950e@lumbung.example>"};
}

TEST(MessageTest, BuildsMultipartAlternativeWithTextThenHtml) {
  const std::string raw = RenderMessage(Sample(), kFrom);
  const test::MimeEntity mail = test::ParseMime(raw);
  EXPECT_THAT(mail.Header("Content-Type"), StartsWith("multipart/alternative"));
  EXPECT_EQ(mail.Header("MIME-Version"), "1.0");
  ASSERT_EQ(mail.parts.size(), 2u);
  EXPECT_EQ(test::Lower(mail.parts[0].Header("Content-Type")), "text/plain; charset=utf-8");
  EXPECT_EQ(test::Lower(mail.parts[1].Header("Content-Type")), "text/html; charset=utf-8");
  for (const auto& part : mail.parts) {
    EXPECT_EQ(part.Header("Content-Transfer-Encoding"), "quoted-printable");
  }
  // Bodies arrive intact, UTF-8 and all, with CRLF line endings; the link keeps its own line.
  EXPECT_EQ(mail.parts[0].Body(), ToCrlfForTest(Sample().text_body));
  EXPECT_EQ(mail.parts[1].Body(), ToCrlfForTest(Sample().html_body));
  EXPECT_THAT(mail.parts[0].Body(), HasSubstr("\r\n" + kLink + "\r\n"));
}

TEST(MessageTest, SetsTheHeaders) {
  const test::MimeEntity mail = test::ParseMime(RenderMessage(Sample(), kFrom));
  EXPECT_EQ(mail.Header("From"), "Dana Jaminan Pekerja Lumbung <no-reply@lumbung.example>");
  EXPECT_EQ(mail.Header("To"), "<siti@contoh.co.id>");
  EXPECT_EQ(mail.Header("Message-ID"), Sample().message_id);
  EXPECT_EQ(mail.Header("Auto-Submitted"), "auto-generated");
  EXPECT_NE(mail.Header("Date"), "");
  // A non-ASCII subject travels as RFC 2047 encoded words and decodes back exactly.
  EXPECT_THAT(mail.Header("Subject"), StartsWith("=?UTF-8?B?"));
  EXPECT_EQ(test::DecodeHeaderValue(mail.Header("Subject")), Sample().subject);
}

TEST(MessageTest, EveryLineIsShortAndEndsInCrlf) {
  const std::string raw = RenderMessage(Sample(), kFrom);
  EXPECT_THAT(raw, Not(HasSubstr("\r\r")));
  std::size_t start = 0;
  while (start < raw.size()) {
    const std::size_t end = raw.find('\n', start);
    if (end == std::string::npos) break;
    ASSERT_GT(end, 0u);
    EXPECT_EQ(raw[end - 1], '\r') << "bare LF at " << end;
    EXPECT_LE(end - start, 78u) << raw.substr(start, end - start);
    start = end + 1;
  }
  // 8-bit bytes never reach the wire: quoted-printable and encoded words keep it 7-bit.
  for (char c : raw) EXPECT_LT(static_cast<unsigned char>(c), 0x80);
}

TEST(MessageTest, WithoutHtmlTheMessageIsPlainText) {
  Envelope envelope = Sample();
  envelope.html_body.clear();
  const test::MimeEntity mail = test::ParseMime(RenderMessage(envelope, kFrom));
  EXPECT_EQ(test::Lower(mail.Header("Content-Type")), "text/plain; charset=utf-8");
  EXPECT_TRUE(mail.parts.empty());
  EXPECT_EQ(mail.Body(), ToCrlfForTest(envelope.text_body));
}

TEST(MessageTest, EncodesANonAsciiSenderName) {
  const test::MimeEntity mail = test::ParseMime(
      RenderMessage(Sample(), {"Dana Pekerja — Lumbung", "no-reply@lumbung.example"}));
  EXPECT_EQ(test::DecodeHeaderValue(mail.Header("From")),
            "Dana Pekerja — Lumbung <no-reply@lumbung.example>");
}

TEST(MessageTest, RefusesEnvelopesThatWouldInjectHeaders) {
  auto refuses = [](auto change) {
    Envelope envelope = Sample();
    change(envelope);
    EXPECT_THROW(RenderMessage(envelope, kFrom), std::invalid_argument);
  };
  refuses([](Envelope& e) { e.to = "siti@contoh.co.id\r\nBcc: all@contoh.co.id"; });
  refuses([](Envelope& e) { e.to = "siti@contoh.co.id, budi@contoh.co.id"; });
  refuses([](Envelope& e) { e.subject = "Halo\r\nBcc: all@contoh.co.id"; });
  refuses([](Envelope& e) { e.message_id = "<a@b>\r\nBcc: x@y"; });
  refuses([](Envelope& e) { e.message_id = "no-brackets@b"; });
  refuses([](Envelope& e) { e.text_body = "bad \xff"; });
  EXPECT_THROW(RenderMessage(Sample(), {"Evil\r\nBcc: x@y", "a@b.id"}), std::invalid_argument);
}

}  // namespace
}  // namespace lumbung::mail
