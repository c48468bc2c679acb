// Test-only: a small, independent MIME reader for checking what the transport produced (it does
// not reuse POCO's decoders, so a bug shared by encoder and decoder cannot hide). Header-only and
// included only by tests; it is not part of the library's API.
#pragma once

#include <cctype>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace lumbung::mail::test {

inline std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

inline int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Quoted-printable (RFC 2045 6.7): "=\r\n" is a soft line break, "=XX" a byte.
inline std::string DecodeQuotedPrintable(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '=') {
      out += text[i];
    } else if (text.substr(i + 1, 2) == "\r\n") {
      i += 2;
    } else if (i + 2 < text.size() && HexValue(text[i + 1]) >= 0 && HexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else {
      throw std::runtime_error("bad quoted-printable at " + std::to_string(i));
    }
  }
  return out;
}

inline std::string DecodeBase64(std::string_view text) {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=' || c == '\r' || c == '\n') continue;
    const std::size_t value = kAlphabet.find(c);
    if (value == std::string_view::npos) throw std::runtime_error("bad base64");
    buffer = buffer << 6 | static_cast<unsigned>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>(buffer >> bits & 0xff);
    }
  }
  return out;
}

// Unfolds a header value and decodes RFC 2047 "B" and "Q" encoded words (UTF-8 only); the
// white space between two adjacent encoded words disappears, as the RFC says.
inline std::string DecodeHeaderValue(std::string_view value) {
  std::string unfolded;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (value.substr(i, 2) == "\r\n") {
      ++i;
      continue;
    }
    unfolded += value[i];
  }
  std::string out, pending_space;
  bool last_was_word = false;
  std::size_t i = 0;
  while (i < unfolded.size()) {
    if (unfolded[i] == ' ' || unfolded[i] == '\t') {
      pending_space += unfolded[i++];
      continue;
    }
    std::size_t end = unfolded.find_first_of(" \t", i);
    if (end == std::string::npos) end = unfolded.size();
    const std::string token = unfolded.substr(i, end - i);
    i = end;
    const bool is_word = token.size() > 12 && token.rfind("=?", 0) == 0 &&
                         token.compare(token.size() - 2, 2, "?=") == 0;
    if (!(is_word && last_was_word)) out += pending_space;
    pending_space.clear();
    if (!is_word) {
      out += token;
      last_was_word = false;
      continue;
    }
    // =?charset?enc?text?=
    const std::size_t q1 = token.find('?', 2), q2 = token.find('?', q1 + 1);
    const std::string charset = Lower(token.substr(2, q1 - 2));
    const char encoding = static_cast<char>(std::toupper(token[q1 + 1]));
    const std::string payload = token.substr(q2 + 1, token.size() - q2 - 3);
    if (charset != "utf-8") throw std::runtime_error("unexpected charset " + charset);
    if (encoding == 'B') {
      out += DecodeBase64(payload);
    } else {
      std::string q = payload;
      for (char& c : q) c = c == '_' ? ' ' : c;
      out += DecodeQuotedPrintable(q);
    }
    last_was_word = true;
  }
  return out;
}

struct MimeEntity {
  std::map<std::string, std::string> headers;  // lowercased names, raw (folded) values
  std::string raw_body;                        // as transmitted
  std::vector<MimeEntity> parts;               // for multipart/*

  std::string Header(const std::string& name) const {
    auto it = headers.find(Lower(name));
    return it == headers.end() ? "" : it->second;
  }
  // The body with its Content-Transfer-Encoding undone.
  std::string Body() const {
    const std::string encoding = Lower(Header("Content-Transfer-Encoding"));
    if (encoding == "quoted-printable") return DecodeQuotedPrintable(raw_body);
    if (encoding == "base64") return DecodeBase64(raw_body);
    return raw_body;
  }
};

// The value of a parameter in a header such as Content-Type ("boundary"), unquoted.
inline std::string HeaderParameter(const std::string& value, const std::string& name) {
  const std::string lower = Lower(value);
  std::size_t at = lower.find(name + "=");
  if (at == std::string::npos) return "";
  at += name.size() + 1;
  if (value[at] == '"') return value.substr(at + 1, value.find('"', at + 1) - at - 1);
  const std::size_t end = value.find_first_of("; \r\n", at);
  return value.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

// Parses a message (CRLF line endings) with its multipart structure.
inline MimeEntity ParseMime(std::string_view text) {
  MimeEntity entity;
  std::size_t split = text.find("\r\n\r\n");
  std::string_view head = text.substr(0, split);
  entity.raw_body = split == std::string_view::npos ? "" : std::string(text.substr(split + 4));
  std::string name;
  std::size_t start = 0;
  while (start < head.size()) {
    std::size_t end = head.find("\r\n", start);
    if (end == std::string_view::npos) end = head.size();
    std::string_view line = head.substr(start, end - start);
    start = end + 2;
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      entity.headers[name] += "\r\n" + std::string(line);  // keep the folding visible
      continue;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) throw std::runtime_error("bad header line");
    name = Lower(std::string(line.substr(0, colon)));
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    entity.headers[name] = std::string(value);
  }
  if (Lower(entity.Header("Content-Type")).rfind("multipart/", 0) == 0) {
    const std::string delimiter = "--" + HeaderParameter(entity.Header("Content-Type"), "boundary");
    std::size_t at = entity.raw_body.find(delimiter);
    while (at != std::string::npos) {
      at += delimiter.size();
      if (entity.raw_body.compare(at, 2, "--") == 0) break;  // the closing delimiter
      at += 2;                                               // CRLF after the delimiter
      const std::size_t next = entity.raw_body.find("\r\n" + delimiter, at);
      if (next == std::string::npos) throw std::runtime_error("unterminated multipart");
      entity.parts.push_back(ParseMime(std::string_view(entity.raw_body).substr(at, next - at)));
      at = next + 2;
    }
  }
  return entity;
}

}  // namespace lumbung::mail::test
