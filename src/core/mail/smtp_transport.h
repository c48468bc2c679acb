// Delivery over SMTP with POCO: one connection per message.
//
//   mail::SmtpSettings settings;                         // from the smtp.* keys
//   settings.host = config.String("smtp.host");
//   settings.port = static_cast<std::uint16_t>(config.Int("smtp.port"));
//   settings.starttls = config.Bool("smtp.starttls");
//   settings.username = config.String("smtp.username");
//   settings.password = config.String("smtp.password");
//   settings.from = config.String("smtp.from");
//   settings.timeout = std::chrono::seconds(config.Int("smtp.timeout_seconds"));
//   auto transport = std::make_unique<mail::SmtpTransport>(settings);  // throws on bad settings
//
// The conversation: connect (within `timeout`), greeting, EHLO; with `starttls`, STARTTLS and a
// TLS handshake (at least TLS 1.2) that verifies the server's certificate chain against the
// system's CAs (plus `ca_file`) and the certificate's name against `host`, then EHLO again; a
// server that refuses STARTTLS or fails verification gets nothing, not even the credentials
// (there is no fallback to plain text). With a `username`, AUTH PLAIN, or AUTH LOGIN when the
// server offers only that. Then MAIL FROM (the address of `from`), RCPT TO, DATA with the message
// of message.h, QUIT.
//
// `timeout` bounds the connect and every single read or write, not the whole conversation (nor
// the host-name lookup, which uses the system resolver).
//
// Without `starttls` the conversation, credentials included, is plain text: fine for a relay on
// the same host or private network, not across the internet. Implicit TLS (port 465) is not
// supported; use STARTTLS on 587.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "core/mail/address.h"
#include "core/mail/transport.h"

namespace lumbung::mail {

// From the smtp.* configuration keys.
struct SmtpSettings {
  std::string host = "127.0.0.1";
  std::uint16_t port = 25;
  bool starttls = false;
  std::string username{};  // empty: no authentication
  std::string password{};  // never logged, never in an error message
  std::string from = "Lumbung <no-reply@lumbung.example>";  // the From header; its address is
                                                            // also MAIL FROM
  std::chrono::seconds timeout{10};
  // A PEM file of extra trusted certificates (a private CA, or the server's own certificate),
  // trusted in addition to the system's. Empty: the system's CAs only.
  std::string ca_file{};
  // The EHLO name; empty: this machine's host name.
  std::string helo_name{};
};

class SmtpTransport : public Transport {
 public:
  // Throws std::invalid_argument for settings that cannot work (empty host, port 0, a `from`
  // that is not one valid mailbox, a timeout below one second, a password without a username).
  explicit SmtpTransport(SmtpSettings settings);
  ~SmtpTransport() override;

  // Throws TransportError (with the server's reply or the network or TLS error) or
  // std::invalid_argument for an envelope that cannot be made into a safe message.
  void Send(const Envelope& envelope) override;

  const Mailbox& from() const { return from_; }

 private:
  struct Tls;
  SmtpSettings settings_;
  Mailbox from_;
  std::unique_ptr<Tls> tls_;  // with starttls only
};

}  // namespace lumbung::mail
