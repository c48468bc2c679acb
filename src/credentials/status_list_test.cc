#include "credentials/status_list.h"

#include <gtest/gtest.h>
#include <zlib.h>

#include "core/security/encoding.h"

namespace lumbung::credentials {
namespace {

TEST(StatusListTest, EmptyListHasTheSpecificationsMinimumSize) {
  const std::string encoded = EncodeStatusList({});
  ASSERT_EQ(encoded[0], 'u');  // multibase base64url
  EXPECT_EQ(encoded.find('='), std::string::npos);
  const auto bits = DecodeStatusList(encoded);
  ASSERT_TRUE(bits);
  EXPECT_EQ(bits->size(), 131'072u);
  EXPECT_EQ(std::count(bits->begin(), bits->end(), true), 0);
  // 16 KB of zeros compress to a few dozen bytes: the list costs nothing to fetch.
  EXPECT_LT(encoded.size(), 200u);
}

TEST(StatusListTest, RoundTripKeepsEveryBit) {
  std::vector<bool> bits(kStatusListSize);
  for (std::int64_t i : {0, 1, 7, 8, 4242, 65'535, 131'071}) bits[i] = true;
  const auto decoded = DecodeStatusList(EncodeStatusList(bits));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(*decoded, bits);
  EXPECT_TRUE(StatusBit(*decoded, 4242));
  EXPECT_FALSE(StatusBit(*decoded, 4243));
  EXPECT_FALSE(StatusBit(*decoded, -1));
  EXPECT_FALSE(StatusBit(*decoded, kStatusListSize));
}

// The specification's bit order: index 0 is the left-most (most significant) bit of byte 0,
// and the data is a gzip stream (RFC 1952 magic 1f 8b).
TEST(StatusListTest, IndexZeroIsTheMostSignificantBitOfAGzipStream) {
  std::vector<bool> bits(kStatusListSize);
  bits[0] = true;
  bits[9] = true;
  auto compressed = security::Base64UrlDecode(EncodeStatusList(bits).substr(1));
  ASSERT_TRUE(compressed);
  ASSERT_GE(compressed->size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>((*compressed)[0]), 0x1f);
  EXPECT_EQ(static_cast<unsigned char>((*compressed)[1]), 0x8b);
  std::string raw(kStatusListSize / 8, '\0');
  uLongf length = raw.size();
  z_stream zs{};
  ASSERT_EQ(inflateInit2(&zs, 16 + 15), Z_OK);
  zs.next_in = reinterpret_cast<Bytef*>(compressed->data());
  zs.avail_in = static_cast<uInt>(compressed->size());
  zs.next_out = reinterpret_cast<Bytef*>(raw.data());
  zs.avail_out = static_cast<uInt>(length);
  EXPECT_EQ(inflate(&zs, Z_FINISH), Z_STREAM_END);
  inflateEnd(&zs);
  EXPECT_EQ(static_cast<unsigned char>(raw[0]), 0x80);
  EXPECT_EQ(static_cast<unsigned char>(raw[1]), 0x40);
}

TEST(StatusListTest, LongerListsAreKept) {
  std::vector<bool> bits(kStatusListSize * 2);
  bits.back() = true;
  const auto decoded = DecodeStatusList(EncodeStatusList(bits));
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->size(), bits.size());
  EXPECT_TRUE(decoded->back());
}

TEST(StatusListTest, BadTextIsRefused) {
  const std::string good = EncodeStatusList({});
  EXPECT_FALSE(DecodeStatusList(""));
  EXPECT_FALSE(DecodeStatusList(good.substr(1)));        // no multibase prefix
  EXPECT_FALSE(DecodeStatusList("z" + good.substr(1)));  // base58btc is not this encoding
  EXPECT_FALSE(DecodeStatusList(good.substr(0, good.size() - 4)));  // truncated stream
  EXPECT_FALSE(DecodeStatusList(good + "AAAA"));                    // trailing bytes
  EXPECT_FALSE(DecodeStatusList("u" + security::Base64UrlEncode("not gzip")));
  // A list shorter than the specification's minimum.
  z_stream zs{};
  ASSERT_EQ(deflateInit2(&zs, 9, Z_DEFLATED, 16 + 15, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string small(100, '\0'), out(256, '\0');
  zs.next_in = reinterpret_cast<Bytef*>(small.data());
  zs.avail_in = static_cast<uInt>(small.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  ASSERT_EQ(deflate(&zs, Z_FINISH), Z_STREAM_END);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  EXPECT_FALSE(DecodeStatusList("u" + security::Base64UrlEncode(out)));
}

TEST(StatusListTest, EntryNamesTheListAndIndexAsText) {
  const auto entry = StatusListEntry("https://lumbung.example/credentials/status/1", 94567);
  EXPECT_EQ(entry, nlohmann::json::parse(R"({
    "id": "https://lumbung.example/credentials/status/1#94567",
    "type": "BitstringStatusListEntry",
    "statusPurpose": "revocation",
    "statusListIndex": "94567",
    "statusListCredential": "https://lumbung.example/credentials/status/1"
  })"));
}

TEST(StatusListTest, ListCredentialFollowsTheDataModel) {
  const auto credential =
      StatusListCredential({.id = "https://lumbung.example/credentials/status/1",
                            .issuer = "https://lumbung.example",
                            .valid_from = "2026-01-01T00:00:00Z",
                            .valid_until = "",
                            .encoded_list = "uH4sI"});
  EXPECT_EQ(credential, nlohmann::json::parse(R"({
    "@context": ["https://www.w3.org/ns/credentials/v2"],
    "id": "https://lumbung.example/credentials/status/1",
    "type": ["VerifiableCredential", "BitstringStatusListCredential"],
    "issuer": "https://lumbung.example",
    "validFrom": "2026-01-01T00:00:00Z",
    "credentialSubject": {
      "id": "https://lumbung.example/credentials/status/1#list",
      "type": "BitstringStatusList",
      "statusPurpose": "revocation",
      "encodedList": "uH4sI"
    }
  })"));
  EXPECT_EQ(StatusListCredential({.id = "x", .valid_until = "2027-01-01T00:00:00Z"})["validUntil"],
            "2027-01-01T00:00:00Z");
}

}  // namespace
}  // namespace lumbung::credentials
