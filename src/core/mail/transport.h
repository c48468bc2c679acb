// How the sender hands one message to the outside world. SmtpTransport (smtp_transport.h) is the
// real one; tests use fakes. The Sender owns its transport and calls it from one thread at a
// time, so an implementation need not be thread-safe.
#pragma once

#include <stdexcept>
#include <string>

namespace lumbung::mail {

// One message as it leaves the outbox. The bodies are UTF-8 with any line endings; the sender
// of the message (From) is the transport's business.
struct Envelope {
  std::string to{};          // one address (IsValidAddress)
  std::string subject{};     // UTF-8, no control characters
  std::string text_body{};   // text/plain part
  std::string html_body{};   // text/html part; empty: a text-only message
  std::string message_id{};  // "<unique@domain>", the same on every attempt
};

// A message that was not delivered. what() says why in a form fit for logs and the outbox's
// last_error: it never contains a body or a password.
class TransportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Transport {
 public:
  virtual ~Transport() = default;
  // Returns only once the receiving server has accepted the message (for SMTP: the 250 reply to
  // the end of DATA). Throws (preferably TransportError) on anything else; the message may then
  // or may not have been accepted, and the sender will try again.
  virtual void Send(const Envelope& envelope) = 0;
};

}  // namespace lumbung::mail
