// A strict decoder for the subset of CBOR (RFC 8949) that WebAuthn uses: attestation objects,
// COSE keys and authenticator extensions. Everything it receives comes from a browser, so it is
// hostile input: the decoder never throws on bad bytes, never reads past the input, and refuses
// anything WebAuthn does not need or that could mean two things:
//   - indefinite lengths, tags, floating-point and simple values other than false/true/null;
//   - non-shortest ("non-canonical") heads, as CTAP2 canonical CBOR requires: every value then
//     has exactly one encoding, so the stored bytes of a credential key are the key;
//   - duplicate map keys, map keys other than integers and text, invalid UTF-8 text;
//   - nesting deeper, or more items in total, than the limits (a few bytes could otherwise
//     announce a billion items or recurse until the stack overflows).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lumbung::security {

struct CborLimits {
  int max_depth = 8;            // arrays/maps inside each other; WebAuthn needs 4
  std::size_t max_items = 512;  // every value counted once, containers included
};

struct CborEntry;

struct CborValue {
  enum class Kind { kUnsigned, kNegative, kBytes, kText, kArray, kMap, kBool, kNull };
  Kind kind = Kind::kNull;
  // kUnsigned: the value; kNegative: n of the value -1-n; kBool: 0 or 1.
  std::uint64_t number = 0;
  std::string bytes;               // kBytes and kText (valid UTF-8)
  std::vector<CborValue> items;    // kArray
  std::vector<CborEntry> entries;  // kMap, in encoded order

  // The integer value when it is an integer that fits an int64_t.
  std::optional<std::int64_t> AsInt() const;
  // In a map: the value of the integer key `key` or the text key `key`; nullptr if absent or
  // this is not a map.
  const CborValue* Find(std::int64_t key) const;
  const CborValue* Find(std::string_view key) const;
  bool IsBytes() const { return kind == Kind::kBytes; }
  bool IsText() const { return kind == Kind::kText; }
  bool IsMap() const { return kind == Kind::kMap; }
};

struct CborEntry {
  CborValue key;
  CborValue value;
};

// Decodes exactly one item that fills all of `data`; nullopt for anything else (trailing bytes
// included).
std::optional<CborValue> CborDecode(std::string_view data, const CborLimits& limits = {});

// Decodes one item at the start of `data` and sets *consumed to its length: for structures
// where CBOR is followed by more data (the credential key in authenticator data).
std::optional<CborValue> CborDecodePrefix(std::string_view data, std::size_t* consumed,
                                          const CborLimits& limits = {});

}  // namespace lumbung::security
