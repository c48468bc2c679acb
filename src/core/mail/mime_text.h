// Text checks and encodings for building mail: what may go into a header, RFC 2047 encoded
// words for non-ASCII header text, and CRLF line endings for bodies.
#pragma once

#include <string>
#include <string_view>

namespace lumbung::mail {

// Well-formed UTF-8: no stray continuation bytes, overlong forms, surrogates or code points above
// U+10FFFF.
bool IsValidUtf8(std::string_view text);

// Only printable ASCII (0x20..0x7e).
bool IsPlainAscii(std::string_view text);

// Fit for a header value: valid UTF-8 with no control characters at all (no CR or LF, so nothing
// can start a new header; no TAB, NUL or DEL either).
bool IsCleanHeaderText(std::string_view text);

// The header form of UTF-8 text (which must satisfy IsCleanHeaderText). Plain ASCII without
// "=?" comes back unchanged; anything else becomes RFC 2047 "B" encoded words
// (=?UTF-8?B?...?=) of at most 60 characters, each holding whole characters, separated by a
// folding CRLF + space, so that with a header name before it no line passes RFC 2047's 76.
std::string EncodeHeaderText(std::string_view utf8);

// The text with every line ending (CRLF, lone CR or lone LF) turned into CRLF, as SMTP requires.
std::string ToCrlf(std::string_view text);

}  // namespace lumbung::mail
