#include "core/security/cbor.h"

#include <limits>
#include <utility>

namespace lumbung::security {
namespace {

// Major types of RFC 8949 §3.1.
constexpr int kMajorUnsigned = 0;
constexpr int kMajorNegative = 1;
constexpr int kMajorBytes = 2;
constexpr int kMajorText = 3;
constexpr int kMajorArray = 4;
constexpr int kMajorMap = 5;
constexpr int kMajorTag = 6;
constexpr int kMajorSimple = 7;

bool ValidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t extra = 0;
    std::uint32_t cp = 0;
    if (c < 0x80) {
      ++i;
      continue;
    } else if ((c & 0xE0) == 0xC0) {
      extra = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      extra = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      extra = 3;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (s.size() - i <= extra) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past Unicode are not UTF-8.
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
        (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

class Decoder {
 public:
  Decoder(std::string_view data, const CborLimits& limits) : data_(data), limits_(limits) {}

  std::optional<CborValue> Item(int depth) {
    if (depth > limits_.max_depth) return std::nullopt;
    if (++items_ > limits_.max_items) return std::nullopt;
    int major = 0;
    std::uint64_t argument = 0;
    if (!Head(&major, &argument)) return std::nullopt;
    CborValue value;
    switch (major) {
      case kMajorUnsigned:
        value.kind = CborValue::Kind::kUnsigned;
        value.number = argument;
        return value;
      case kMajorNegative:
        value.kind = CborValue::Kind::kNegative;
        value.number = argument;
        return value;
      case kMajorBytes:
      case kMajorText: {
        if (argument > data_.size() - pos_) return std::nullopt;
        value.kind = major == kMajorBytes ? CborValue::Kind::kBytes : CborValue::Kind::kText;
        value.bytes.assign(data_.substr(pos_, static_cast<std::size_t>(argument)));
        pos_ += static_cast<std::size_t>(argument);
        if (major == kMajorText && !ValidUtf8(value.bytes)) return std::nullopt;
        return value;
      }
      case kMajorArray: {
        // Every item takes at least one byte: a count beyond the bytes left is a lie, refused
        // before anything is reserved.
        if (argument > data_.size() - pos_) return std::nullopt;
        value.kind = CborValue::Kind::kArray;
        for (std::uint64_t k = 0; k < argument; ++k) {
          auto item = Item(depth + 1);
          if (!item) return std::nullopt;
          value.items.push_back(std::move(*item));
        }
        return value;
      }
      case kMajorMap: {
        if (argument > (data_.size() - pos_) / 2) return std::nullopt;
        value.kind = CborValue::Kind::kMap;
        for (std::uint64_t k = 0; k < argument; ++k) {
          auto key = Item(depth + 1);
          if (!key) return std::nullopt;
          if (key->kind != CborValue::Kind::kUnsigned && key->kind != CborValue::Kind::kNegative &&
              key->kind != CborValue::Kind::kText) {
            return std::nullopt;
          }
          for (const auto& [existing, unused] : value.entries) {
            if (existing.kind == key->kind && existing.number == key->number &&
                existing.bytes == key->bytes) {
              return std::nullopt;  // a duplicate key would let two readers disagree
            }
          }
          auto item = Item(depth + 1);
          if (!item) return std::nullopt;
          value.entries.push_back({std::move(*key), std::move(*item)});
        }
        return value;
      }
      case kMajorTag:
        return std::nullopt;
      case kMajorSimple:
        if (argument == 20 || argument == 21) {
          value.kind = CborValue::Kind::kBool;
          value.number = argument - 20;
          return value;
        }
        if (argument == 22) return value;  // null
        return std::nullopt;
    }
    return std::nullopt;
  }

  std::size_t position() const { return pos_; }

 private:
  // Reads the initial byte and argument, refusing indefinite lengths, reserved values and any
  // argument not in its shortest form.
  bool Head(int* major, std::uint64_t* argument) {
    if (pos_ >= data_.size()) return false;
    const auto initial = static_cast<unsigned char>(data_[pos_++]);
    *major = initial >> 5;
    const int info = initial & 0x1F;
    if (*major == kMajorSimple && info >= 24) {
      // 24 is a one-byte simple value (never needed), 25-27 floats, 31 "break".
      return false;
    }
    if (info < 24) {
      *argument = static_cast<std::uint64_t>(info);
      return true;
    }
    int size = 0;
    switch (info) {
      case 24:
        size = 1;
        break;
      case 25:
        size = 2;
        break;
      case 26:
        size = 4;
        break;
      case 27:
        size = 8;
        break;
      default:
        return false;  // 28-30 reserved, 31 indefinite length
    }
    if (data_.size() - pos_ < static_cast<std::size_t>(size)) return false;
    std::uint64_t v = 0;
    for (int k = 0; k < size; ++k) v = (v << 8) | static_cast<unsigned char>(data_[pos_++]);
    const std::uint64_t minimum = size == 1   ? 24
                                  : size == 2 ? 0x100
                                  : size == 4 ? 0x10000
                                              : 0x100000000ULL;
    if (v < minimum) return false;
    *argument = v;
    return true;
  }

  std::string_view data_;
  const CborLimits& limits_;
  std::size_t pos_ = 0;
  std::size_t items_ = 0;
};

}  // namespace

std::optional<std::int64_t> CborValue::AsInt() const {
  constexpr auto kMax = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
  if (kind == Kind::kUnsigned && number <= kMax) return static_cast<std::int64_t>(number);
  if (kind == Kind::kNegative && number <= kMax) return -1 - static_cast<std::int64_t>(number);
  return std::nullopt;
}

const CborValue* CborValue::Find(std::int64_t key) const {
  if (kind != Kind::kMap) return nullptr;
  for (const auto& [k, v] : entries) {
    if (k.kind != Kind::kText && k.AsInt() == key) return &v;
  }
  return nullptr;
}

const CborValue* CborValue::Find(std::string_view key) const {
  if (kind != Kind::kMap) return nullptr;
  for (const auto& [k, v] : entries) {
    if (k.kind == Kind::kText && k.bytes == key) return &v;
  }
  return nullptr;
}

std::optional<CborValue> CborDecodePrefix(std::string_view data, std::size_t* consumed,
                                          const CborLimits& limits) {
  Decoder decoder(data, limits);
  auto value = decoder.Item(0);
  if (!value) return std::nullopt;
  *consumed = decoder.position();
  return value;
}

std::optional<CborValue> CborDecode(std::string_view data, const CborLimits& limits) {
  std::size_t consumed = 0;
  auto value = CborDecodePrefix(data, &consumed, limits);
  if (!value || consumed != data.size()) return std::nullopt;
  return value;
}

}  // namespace lumbung::security
