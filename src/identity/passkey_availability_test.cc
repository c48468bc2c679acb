#include "identity/passkey_availability.h"

#include <gtest/gtest.h>

namespace lumbung::identity {
namespace {

// WebAuthn Level 2 §5.1.3 (RP ID is a registrable domain suffix of the origin's host, not an IP
// address) and §5 (secure contexts only): a passkey control is shown only where it can work.
TEST(PasskeyPlace, WebAuthn_TheMakeRunAddressIsAHostName) {
  EXPECT_EQ(PasskeyPlaceFor("http://localhost:8080", "localhost:8080", false),
            PasskeyPlace::kAvailable);
  EXPECT_EQ(PasskeyPlaceFor("http://localhost:8080", "LOCALHOST:8080", false),
            PasskeyPlace::kAvailable);
  EXPECT_EQ(PasskeyPlaceFor("http://lumbung.localhost:8080", "lumbung.localhost:8080", false),
            PasskeyPlace::kAvailable);
}

TEST(PasskeyPlace, WebAuthn_AnIpAddressCannotBeARelyingParty) {
  EXPECT_EQ(PasskeyPlaceFor("http://127.0.0.1:8080", "127.0.0.1:8080", false),
            PasskeyPlace::kNoHostName);
  EXPECT_EQ(PasskeyPlaceFor("https://10.0.0.5", "10.0.0.5", true), PasskeyPlace::kNoHostName);
}

TEST(PasskeyPlace, WebAuthn_PlainHttpWorksOnlyOnLocalhost) {
  EXPECT_EQ(PasskeyPlaceFor("http://portal.example.id", "portal.example.id", false),
            PasskeyPlace::kNotSecure);
  EXPECT_EQ(PasskeyPlaceFor("https://portal.example.id", "portal.example.id", false),
            PasskeyPlace::kAvailable);
}

TEST(PasskeyPlace, WebAuthn_TheVisitorMustBeOnTheConfiguredOrigin) {
  // The browser at 127.0.0.1 would sign for origin http://127.0.0.1:8080, which the server
  // refuses: the page points to the localhost address instead.
  EXPECT_EQ(PasskeyPlaceFor("http://localhost:8080", "127.0.0.1:8080", false),
            PasskeyPlace::kOtherAddress);
  EXPECT_EQ(PasskeyPlaceFor("http://localhost:8080", "localhost:9090", false),
            PasskeyPlace::kOtherAddress);
  EXPECT_EQ(PasskeyPlaceFor("https://portal.example.id", "portal.example.id:443", false),
            PasskeyPlace::kAvailable);
  EXPECT_EQ(PasskeyPlaceFor("https://portal.example.id", "www.portal.example.id", false),
            PasskeyPlace::kOtherAddress);
  // Behind the proxy the Host may be the upstream's: public.url alone decides.
  EXPECT_EQ(PasskeyPlaceFor("https://portal.example.id", "127.0.0.1:8080", true),
            PasskeyPlace::kAvailable);
  EXPECT_EQ(PasskeyPlaceFor("http://localhost:8080", "", false), PasskeyPlace::kAvailable);
}

}  // namespace
}  // namespace lumbung::identity
