#include "core/mail/smtp_transport.h"

#include <Poco/Environment.h>
#include <Poco/Exception.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/MailMessage.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SMTPClientSession.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/String.h>
#include <Poco/Timespan.h>

#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>

#include "core/mail/message.h"
#include "core/mail/mime_text.h"

namespace lumbung::mail {
namespace {

// POCO's client session with the protected parts this transport needs: the EHLO reply (to read
// the server's extensions), the socket (to switch it to TLS) and the two AUTH mechanisms.
class Conversation : public Poco::Net::SMTPClientSession {
 public:
  using Poco::Net::SMTPClientSession::loginUsingLogin;
  using Poco::Net::SMTPClientSession::loginUsingPlain;
  using Poco::Net::SMTPClientSession::SMTPClientSession;
  using Poco::Net::SMTPClientSession::socket;

  // Reads the greeting the first time, then EHLO (HELO for an old server); returns the reply,
  // which lists the extensions.
  std::string Hello(const std::string& name) {
    std::string reply;
    login(name, reply);
    return reply;
  }
};

// The keywords of one EHLO extension line ("250-AUTH PLAIN LOGIN" -> "AUTH PLAIN LOGIN"),
// uppercased, or "" when the server does not offer `keyword`.
std::string Extension(const std::string& ehlo_reply, const std::string& keyword) {
  std::istringstream lines(ehlo_reply);
  std::string line;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() < 4) continue;
    std::string words = Poco::toUpper(line.substr(4));
    if (words == keyword || words.rfind(keyword + " ", 0) == 0) return words;
  }
  return "";
}

bool Offers(const std::string& extension, const std::string& word) {
  std::istringstream words(extension);
  std::string each;
  while (words >> each) {
    if (each == word) return true;
  }
  return false;
}

Poco::Timespan ToTimespan(std::chrono::seconds seconds) {
  return Poco::Timespan(static_cast<long>(seconds.count()), 0);
}

}  // namespace

struct SmtpTransport::Tls {
  Poco::Net::Context::Ptr context;
};

SmtpTransport::SmtpTransport(SmtpSettings settings) : settings_(std::move(settings)) {
  if (settings_.host.empty()) throw std::invalid_argument("smtp.host: must not be empty");
  if (settings_.port == 0) throw std::invalid_argument("smtp.port: must not be 0");
  if (settings_.timeout < std::chrono::seconds(1)) {
    throw std::invalid_argument("smtp.timeout_seconds: must be at least 1");
  }
  if (settings_.username.empty() && !settings_.password.empty()) {
    throw std::invalid_argument("smtp.password: set, but smtp.username is empty");
  }
  if (!IsCleanHeaderText(settings_.username) || !IsCleanHeaderText(settings_.helo_name) ||
      !IsPlainAscii(settings_.host)) {
    throw std::invalid_argument("smtp: host, username or EHLO name has control characters");
  }
  std::optional<Mailbox> from = ParseMailbox(settings_.from);
  if (!from) {
    throw std::invalid_argument("smtp.from: '" + settings_.from +
                                "' is not one mailbox such as Name <address@domain>");
  }
  from_ = std::move(*from);
  if (settings_.helo_name.empty()) settings_.helo_name = Poco::Environment::nodeName();
  if (settings_.starttls) {
    static std::once_flag ssl_initialized;
    std::call_once(ssl_initialized, [] { Poco::Net::initializeSSL(); });
    Poco::Net::Context::Params params;
    params.caLocation = settings_.ca_file;
    params.loadDefaultCAs = true;
    // STRICT, not RELAXED: POCO skips the host-name check for loopback hosts unless strict. For
    // a client both make OpenSSL verify the chain.
    params.verificationMode = Poco::Net::Context::VERIFY_STRICT;
    params.verificationDepth = 9;
    try {
      tls_ = std::make_unique<Tls>();
      tls_->context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, params);
      tls_->context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
      tls_->context->enableExtendedCertificateVerification(true);  // the name check
    } catch (const Poco::Exception& e) {
      throw std::invalid_argument("smtp: cannot set up TLS (ca_file '" + settings_.ca_file +
                                  "'): " + e.displayText());
    }
  }
}

SmtpTransport::~SmtpTransport() = default;

void SmtpTransport::Send(const Envelope& envelope) {
  // Built first: a message that cannot be built never costs a connection.
  Poco::Net::MailMessage message;
  BuildMessage(envelope, from_, message);

  const std::string where = "smtp " + settings_.host + ":" + std::to_string(settings_.port);
  const Poco::Timespan timeout = ToTimespan(settings_.timeout);
  std::unique_ptr<Conversation> smtp;
  try {
    Poco::Net::StreamSocket socket;
    socket.connect(Poco::Net::SocketAddress(settings_.host, settings_.port), timeout);
    socket.setReceiveTimeout(timeout);
    socket.setSendTimeout(timeout);
    smtp = std::make_unique<Conversation>(socket);
    std::string extensions = smtp->Hello(settings_.helo_name);

    if (settings_.starttls) {
      if (Extension(extensions, "STARTTLS").empty()) {
        throw TransportError(where + ": the server does not offer STARTTLS (smtp.starttls=true)");
      }
      std::string reply;
      const int status = smtp->sendCommand("STARTTLS", reply);
      if (status / 100 != 2) throw TransportError(where + ": STARTTLS refused: " + reply);
      // What SecureSMTPClientSession::startTLS does, but naming the host: with a socket it did
      // not connect itself, POCO's version would check the certificate against an empty name.
      Poco::Net::SecureStreamSocket secure =
          Poco::Net::SecureStreamSocket::attach(smtp->socket(), settings_.host, tls_->context);
      secure.setReceiveTimeout(timeout);
      secure.setSendTimeout(timeout);
      smtp->socket() = secure;
      extensions = smtp->Hello(settings_.helo_name);  // the list may differ under TLS
    }

    if (!settings_.username.empty()) {
      const std::string auth = Extension(extensions, "AUTH");
      if (Offers(auth, "PLAIN")) {
        smtp->loginUsingPlain(settings_.username, settings_.password);
      } else if (Offers(auth, "LOGIN")) {
        smtp->loginUsingLogin(settings_.username, settings_.password);
      } else {
        throw TransportError(where + ": the server offers neither AUTH PLAIN nor AUTH LOGIN" +
                             (settings_.starttls ? ""
                                                 : " (some servers offer AUTH only after "
                                                   "STARTTLS: smtp.starttls)"));
      }
    }

    smtp->sendMessage(message);
  } catch (...) {
    // Drop the connection without QUIT: after a timeout, QUIT would only wait for another one.
    if (smtp) {
      try {
        smtp->socket().close();
      } catch (...) {
      }
    }
    try {
      throw;
    } catch (const TransportError&) {
      throw;
    } catch (const Poco::Exception& e) {
      throw TransportError(where + ": " + e.displayText());
    } catch (const std::exception& e) {
      throw TransportError(where + ": " + e.what());
    }
  }
  // Accepted. QUIT is a courtesy: a failure now must not turn a delivered message into a retry.
  try {
    smtp->close();
  } catch (...) {
  }
}

}  // namespace lumbung::mail
