#include "core/mail/smtp_transport.h"

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace lumbung::mail {
namespace {

using ::testing::HasSubstr;

TEST(SmtpTransportTest, RefusesSettingsThatCannotWork) {
  EXPECT_THROW(SmtpTransport({.host = ""}), std::invalid_argument);
  EXPECT_THROW(SmtpTransport({.port = 0}), std::invalid_argument);
  EXPECT_THROW(SmtpTransport({.from = "Lumbung"}), std::invalid_argument);
  EXPECT_THROW(SmtpTransport({.from = "a@b.id, c@d.id"}), std::invalid_argument);
  EXPECT_THROW(SmtpTransport({.password = "secret"}), std::invalid_argument);
  EXPECT_THROW(SmtpTransport({.timeout = std::chrono::seconds(0)}), std::invalid_argument);
  EXPECT_THROW(SmtpTransport({.starttls = true, .ca_file = "/nonexistent/ca.pem"}),
               std::invalid_argument);
  SmtpTransport transport({.from = "Lumbung <no-reply@lumbung.example>"});
  EXPECT_EQ(transport.from().address, "no-reply@lumbung.example");
}

TEST(SmtpTransportTest, AnUnreachableServerIsATransportErrorWithoutTheBody) {
  // A port that was free a moment ago: nothing listens there.
  std::uint16_t port = 0;
  {
    Poco::Net::ServerSocket probe(Poco::Net::SocketAddress("127.0.0.1", 0));
    port = probe.address().port();
  }
  SmtpTransport transport({.host = "127.0.0.1", .port = port, .timeout = std::chrono::seconds(2)});
  const Envelope envelope{.to = "siti@contoh.co.id",
                          .subject = "Halo",
                          .text_body = "RAHASIA-body-text",
                          .message_id = "<x@lumbung.example>"};
  try {
    transport.Send(envelope);
    FAIL() << "sent to a closed port";
  } catch (const TransportError& e) {
    EXPECT_THAT(e.what(), HasSubstr("127.0.0.1:" + std::to_string(port)));
    EXPECT_THAT(e.what(), ::testing::Not(HasSubstr("RAHASIA")));
  }
}

TEST(SmtpTransportTest, AnUnbuildableEnvelopeIsRefusedBeforeConnecting) {
  SmtpTransport transport({.host = "192.0.2.1", .timeout = std::chrono::seconds(1)});
  EXPECT_THROW(transport.Send({.to = "a@b.id\r\nBcc: x@y.id",
                               .subject = "Halo",
                               .text_body = "x",
                               .message_id = "<x@y>"}),
               std::invalid_argument);
}

}  // namespace
}  // namespace lumbung::mail
