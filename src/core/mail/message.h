// Building the MIME message for one Envelope: what SmtpTransport sends.
//
//   From: Lumbung <no-reply@lumbung.example>
//   To: <anggota@contoh.co.id>
//   Subject: =?UTF-8?B?...?=           (RFC 2047 when not plain ASCII)
//   Message-ID: <row-uuid@lumbung.example>
//   Date, MIME-Version: 1.0, Auto-Submitted: auto-generated (RFC 3834: no auto-replies, please)
//   Content-Type: multipart/alternative; boundary=...
//     text/plain; charset=UTF-8, quoted-printable
//     text/html; charset=UTF-8, quoted-printable     (last: the preferred alternative)
//
// With an empty html_body the message is a single text/plain part. Body line endings become
// CRLF; quoted-printable keeps long lines (a link on its own line) intact across the wire: a
// receiver undoes the soft line breaks.
#pragma once

#include <string>

#include "core/mail/address.h"
#include "core/mail/transport.h"

namespace Poco::Net {
class MailMessage;
}

namespace lumbung::mail {

// Fills an empty `message`. Throws std::invalid_argument when the envelope would make an unsafe
// or malformed header (a recipient that is not one valid address, a subject or Message-ID with
// control characters) or a body is not valid UTF-8.
void BuildMessage(const Envelope& envelope, const Mailbox& from, Poco::Net::MailMessage& message);

// The message as it goes after DATA (before dot-stuffing), for tests and previews.
std::string RenderMessage(const Envelope& envelope, const Mailbox& from);

}  // namespace lumbung::mail
