// Mail addresses as Lumbung accepts them: exactly one plain ASCII address (RFC 5321 "dot-atom"
// local part, host-name domain), nothing a header or an SMTP command could be smuggled through.
//
//   IsValidAddress("anggota@contoh.co.id")                 -> true
//   IsValidAddress("a@b.id, c@d.id") / ("a@b.id\r\nBcc: x@y.id")  -> false
//   ParseMailbox("Lumbung <no-reply@lumbung.example>")     -> {"Lumbung",
//   "no-reply@lumbung.example"}
//
// Deliberately narrower than RFC 5322: no quoted local parts, no comments, no address literals,
// no internationalised (UTF-8) addresses (the SMTP client does not speak SMTPUTF8). A member
// whose address falls outside this cannot be mailed and should be told so by the form.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lumbung::mail {

// True for one address of at most 254 characters: a local part of 1..64 characters from
// RFC 5322 atext and non-leading, non-trailing, non-repeated dots; '@'; a domain of dot-separated
// labels of letters, digits and inner hyphens (1..63 characters each).
bool IsValidAddress(std::string_view address);

// The part after '@' of a valid address, lowercased; empty when the address is not valid.
std::string AddressDomain(std::string_view address);

// A display name and an address, as in a From header.
struct Mailbox {
  std::string display_name{};  // UTF-8, may be empty
  std::string address{};       // valid per IsValidAddress
};

// Parses "addr@host", "Name <addr@host>" or "\"Name, Quoted\" <addr@host>". Returns nullopt
// when the address is not valid, the name holds control characters (CR/LF included) or
// invalid UTF-8, or anything else is malformed.
std::optional<Mailbox> ParseMailbox(std::string_view text);

// The header form of a mailbox: the bare address, or the name (as is when plain ASCII words,
// quoted when it has specials, RFC 2047-encoded when it has non-ASCII) followed by <address>.
std::string FormatMailbox(const Mailbox& mailbox);

}  // namespace lumbung::mail
