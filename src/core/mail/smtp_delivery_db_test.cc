// End to end over real SMTP: SmtpTransport and the Sender against tests/support/smtp_sink.py
// (aiosmtpd), checking the bytes that arrive.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <soci/soci.h>

#include "core/mail/fake_transport_test_util.h"
#include "core/mail/mime_test_util.h"
#include "core/mail/outbox_db_test_util.h"
#include "core/mail/sender.h"
#include "core/mail/smtp_sink_test_util.h"
#include "core/mail/smtp_transport.h"

namespace lumbung::mail {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

const std::string kFrom = "Dana Jaminan Pekerja Lumbung <no-reply@lumbung.example>";
const std::string kLink =
    "https://lumbung.example/akun/verifikasi?token=Q2VrU2FsZG9KSFQtMjAyNS0wNi0xNQ&lang=id";

Envelope IndonesianEnvelope() {
  return {.to = "siti.rahayu@contoh.co.id",
          .subject = "Verifikasi alamat surel Anda — Lumbung",
          .text_body =
              "Halo Siti Rahayu,\n\n"
              "Untuk menyelesaikan pendaftaran, buka tautan berikut:\n" +
              kLink +
              "\n\n"
              "Saldo Jaminan Hari Tua Anda: Rp 12.345.678 — per 15 Juni 2025.\n"
              "Situs resmi kami hanya lumbung.example · jangan bagikan tautan ini.\n"
              ". baris yang diawali titik tetap utuh\n",
          .html_body =
              "<!DOCTYPE html><html lang=\"id\"><body>\n<p>Halo Siti Rahayu,</p>\n"
              "<p><a href=\"" +
              kLink +
              "\">Verifikasi alamat surel</a></p>\n"
              "<p>Saldo JHT: Rp 12.345.678 — situs resmi: lumbung.example</p>\n"
              "</body></html>\n",
          .message_id = "<7d0f3a52-2f4b-4c55-9a43-3c8f1a5e9b10@lumbung.example>"};
}

std::string Crlf(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
  return out;
}

SmtpSettings SettingsFor(const test::SmtpSink& sink) {
  SmtpSettings settings;
  settings.host = "127.0.0.1";
  settings.port = sink.port();
  settings.from = kFrom;
  settings.timeout = std::chrono::seconds(10);
  return settings;
}

// Every check on one received message.
void ExpectDelivered(const std::string& eml, const Envelope& envelope) {
  for (char c : eml) ASSERT_LT(static_cast<unsigned char>(c), 0x80) << "8-bit byte on the wire";
  const test::MimeEntity mail = test::ParseMime(eml);
  EXPECT_EQ(mail.Header("From"), kFrom);
  EXPECT_EQ(mail.Header("To"), "<" + envelope.to + ">");
  EXPECT_EQ(mail.Header("Message-ID"), envelope.message_id);
  EXPECT_EQ(test::DecodeHeaderValue(mail.Header("Subject")), envelope.subject);
  EXPECT_THAT(mail.Header("Content-Type"), StartsWith("multipart/alternative;"));
  ASSERT_EQ(mail.parts.size(), 2u);
  EXPECT_EQ(test::Lower(mail.parts[0].Header("Content-Type")), "text/plain; charset=utf-8");
  EXPECT_EQ(test::Lower(mail.parts[1].Header("Content-Type")), "text/html; charset=utf-8");
  const std::string text = mail.parts[0].Body();
  const std::string html = mail.parts[1].Body();
  EXPECT_EQ(text, Crlf(envelope.text_body));  // UTF-8 Indonesian text intact, byte for byte
  EXPECT_EQ(html, Crlf(envelope.html_body));
  EXPECT_THAT(text, HasSubstr("\r\n" + kLink + "\r\n"));  // the link on a line of its own
  EXPECT_THAT(text, HasSubstr("Rp 12.345.678 — per 15 Juni 2025"));
}

TEST(SmtpDeliveryTest, TransportDeliversAMultipartUtf8Message) {
  test::SmtpSink sink;
  SmtpTransport transport(SettingsFor(sink));
  transport.Send(IndonesianEnvelope());
  ExpectDelivered(sink.WaitForMessage(1), IndonesianEnvelope());
  const std::string envelope = sink.EnvelopeJson(1);
  EXPECT_THAT(envelope, HasSubstr(R"("mail_from": "no-reply@lumbung.example")"));
  EXPECT_THAT(envelope, HasSubstr(R"("rcpt_tos": ["siti.rahayu@contoh.co.id"])"));
  EXPECT_THAT(envelope, HasSubstr(R"("auth_user": null)"));
}

TEST(SmtpDeliveryTest, TextOnlyMailIsOneTextPart) {
  test::SmtpSink sink;
  Envelope envelope = IndonesianEnvelope();
  envelope.html_body.clear();
  SmtpTransport(SettingsFor(sink)).Send(envelope);
  const test::MimeEntity mail = test::ParseMime(sink.WaitForMessage(1));
  EXPECT_EQ(test::Lower(mail.Header("Content-Type")), "text/plain; charset=utf-8");
  EXPECT_EQ(mail.Body(), Crlf(envelope.text_body));
}

TEST(SmtpDeliveryTest, AuthenticatesWhenAUsernameIsSet) {
  test::SmtpSink sink({.auth = "lumbung:rahasia-sekali"});
  SmtpSettings settings = SettingsFor(sink);
  settings.username = "lumbung";
  settings.password = "rahasia-sekali";
  SmtpTransport(settings).Send(IndonesianEnvelope());
  sink.WaitForMessage(1);
  EXPECT_THAT(sink.EnvelopeJson(1), HasSubstr(R"("auth_user": "lumbung")"));

  // Without credentials, or with wrong ones, nothing is accepted and the password is not told.
  EXPECT_THROW(SmtpTransport(SettingsFor(sink)).Send(IndonesianEnvelope()), TransportError);
  settings.password = "salah-sandi";
  try {
    SmtpTransport(settings).Send(IndonesianEnvelope());
    ADD_FAILURE() << "a wrong password was accepted";
  } catch (const TransportError& e) {
    EXPECT_THAT(e.what(), Not(HasSubstr("salah-sandi")));
    EXPECT_THAT(e.what(), HasSubstr("535"));
  }
  EXPECT_EQ(sink.Count(), 1);
}

TEST(SmtpDeliveryTest, StartTlsVerifiesTheServerCertificate) {
  test::SmtpSink sink({.auth = "lumbung:rahasia", .starttls = true});
  SmtpSettings settings = SettingsFor(sink);
  settings.starttls = true;
  settings.username = "lumbung";
  settings.password = "rahasia";

  // The sink's self-signed certificate is not trusted: nothing is sent, credentials included.
  try {
    SmtpTransport(settings).Send(IndonesianEnvelope());
    ADD_FAILURE() << "an untrusted certificate was accepted";
  } catch (const TransportError& e) {
    EXPECT_THAT(e.what(), HasSubstr("certificate"));
  }
  EXPECT_EQ(sink.Count(), 0);

  // Trusted: delivered over TLS.
  settings.ca_file = sink.cert_file().string();
  SmtpTransport(settings).Send(IndonesianEnvelope());
  ExpectDelivered(sink.WaitForMessage(1), IndonesianEnvelope());
  EXPECT_THAT(sink.EnvelopeJson(1), HasSubstr(R"("tls": true)"));
  EXPECT_THAT(sink.EnvelopeJson(1), HasSubstr(R"("auth_user": "lumbung")"));
}

TEST(SmtpDeliveryTest, StartTlsChecksTheCertificateName) {
  // A trusted certificate for another name is refused too.
  test::SmtpSink sink({.starttls = true, .tls_name = "mail.lumbung.test"});
  SmtpSettings settings = SettingsFor(sink);
  settings.starttls = true;
  settings.ca_file = sink.cert_file().string();
  try {
    SmtpTransport(settings).Send(IndonesianEnvelope());
    ADD_FAILURE() << "a certificate for another name was accepted";
  } catch (const TransportError& e) {
    EXPECT_THAT(e.what(), HasSubstr("certificate"));
  }
  EXPECT_EQ(sink.Count(), 0);
}

TEST(SmtpDeliveryTest, StartTlsIsNeverSkipped) {
  // A server without STARTTLS gets nothing when smtp.starttls is on.
  test::SmtpSink sink;
  SmtpSettings settings = SettingsFor(sink);
  settings.starttls = true;
  EXPECT_THROW(SmtpTransport(settings).Send(IndonesianEnvelope()), TransportError);
  EXPECT_EQ(sink.Count(), 0);
}

class SmtpDeliveryDbTest : public test::OutboxDbTest {};

TEST_P(SmtpDeliveryDbTest, TheSenderDeliversTheOutboxOverSmtp) {
  test::SmtpSink sink;
  const Envelope sample = IndonesianEnvelope();
  const std::int64_t id = [&] {
    auto lease = db().Acquire();
    soci::transaction transaction(*lease);
    const std::int64_t new_id = Enqueue(*lease,
                                        {.to = sample.to,
                                         .subject = sample.subject,
                                         .text_body = sample.text_body,
                                         .html_body = sample.html_body,
                                         .category = "account"},
                                        MessageIdDomain(kFrom));
    transaction.commit();
    return new_id;
  }();
  Sender sender(db(), std::make_unique<SmtpTransport>(SettingsFor(sink)));
  EXPECT_EQ(sender.RunOnce(), 1);
  EXPECT_EQ(sender.RunOnce(), 0);

  std::string message_id;
  {
    auto lease = db().Acquire();
    const long long id_value = id;
    *lease << "SELECT message_id FROM mail_outbox WHERE id = :id", soci::use(id_value),
        soci::into(message_id);
  }
  Envelope expected = sample;
  expected.message_id = message_id;
  ExpectDelivered(sink.WaitForMessage(1), expected);
  EXPECT_EQ(ReadRow(id).status, "sent");
  EXPECT_EQ(sink.Count(), 1);
}

TEST_P(SmtpDeliveryDbTest, MailWaitsWhileTheServerIsDownAndGoesOutOnceItIsBack) {
  std::uint16_t port = 0;
  {
    test::SmtpSink first;
    port = first.port();
  }  // the server is gone: its port refuses connections
  const std::int64_t id = EnqueueCommitted(SampleMail(), test::kT0);
  test::ManualClock clock(test::kT0);
  SenderOptions options;
  options.clock = clock.Function();
  options.log = [](std::string_view) {};
  SmtpSettings settings;
  settings.host = "127.0.0.1";
  settings.port = port;
  settings.from = kFrom;
  Sender sender(db(), std::make_unique<SmtpTransport>(settings), options);

  EXPECT_EQ(sender.RunOnce(), 0);
  test::Row row = ReadRow(id);
  EXPECT_EQ(row.status, "pending");
  EXPECT_EQ(row.next_attempt_at, test::kT0 + 30);
  EXPECT_THAT(row.last_error.value_or(""), HasSubstr("127.0.0.1:" + std::to_string(port)));
  EXPECT_THAT(row.last_error.value_or(""), Not(HasSubstr("RAHASIA")));

  test::SmtpSink back({.port = port});  // the same server address comes back
  EXPECT_EQ(sender.RunOnce(), 0);       // not due yet
  clock.Advance(30);
  EXPECT_EQ(sender.RunOnce(), 1);
  EXPECT_THAT(test::ParseMime(back.WaitForMessage(1)).parts.at(0).Body(),
              HasSubstr("\r\nhttps://lumbung.example/v/0\r\n"));
  clock.Advance(3600);
  EXPECT_EQ(sender.RunOnce(), 0);
  EXPECT_EQ(back.Count(), 1);
  EXPECT_EQ(ReadRow(id).status, "sent");
}

TEST_P(SmtpDeliveryDbTest, ARejectedRecipientIsRetriedAndDoesNotHoldUpOthers) {
  test::SmtpSink sink({.reject_rcpt = "anggota1@contoh.co.id"});
  const std::int64_t rejected = EnqueueCommitted(SampleMail(1), test::kT0);
  const std::int64_t fine = EnqueueCommitted(SampleMail(2), test::kT0);
  test::ManualClock clock(test::kT0);
  SenderOptions options;
  options.clock = clock.Function();
  options.log = [](std::string_view) {};
  Sender sender(db(), std::make_unique<SmtpTransport>(SettingsFor(sink)), options);
  EXPECT_EQ(sender.RunOnce(), 1);
  EXPECT_EQ(ReadRow(fine).status, "sent");
  const test::Row row = ReadRow(rejected);
  EXPECT_EQ(row.status, "pending");
  EXPECT_THAT(row.last_error.value_or(""), HasSubstr("550"));
  EXPECT_EQ(sink.Count(), 1);
}

LUMBUNG_INSTANTIATE_DB_TESTS(SmtpDeliveryDbTest);

}  // namespace
}  // namespace lumbung::mail
