#include "identity/device_label.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

namespace lumbung::identity {
namespace {

struct Case {
  const char* user_agent;
  const char* browser;
  const char* system;
};

// Real User-Agent strings as the browsers send them (most claim to be several others).
constexpr Case kCases[] = {
    {"Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/124.0.0.0 Mobile Safari/537.36",
     "Chrome", "Android"},
    {"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, "
     "like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1",
     "Safari", "iPhone"},
    {"Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Version/16.6 Mobile/15E148 Safari/604.1",
     "Safari", "iPad"},
    {"Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0", "Firefox",
     "Windows"},
    {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.80",
     "Edge", "Windows"},
    {"Mozilla/5.0 (Linux; Android 10; HD1913) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/124.0.6367.82 Mobile Safari/537.36 EdgA/124.0.2478.64",
     "Edge", "Android"},
    {"Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) "
     "SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36",
     "Samsung Internet", "Android"},
    {"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/124.0.0.0 Safari/537.36 OPR/110.0.0.0",
     "Opera", "Windows"},
    {"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
     "Version/17.4.1 Safari/605.1.15",
     "Safari", "macOS"},
    {"Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/124.0.0.0 Safari/537.36",
     "Chrome", "macOS"},
    {"Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0", "Firefox", "Linux"},
    {"Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) "
     "Chrome/124.0.0.0 Safari/537.36",
     "Chrome", "ChromeOS"},
    {"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
     "Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1",
     "Chrome", "iPhone"},
    {"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
     "Gecko) FxiOS/125.0 Mobile/15E148 Safari/605.1.15",
     "Firefox", "iPhone"},
};

TEST(DescribeUserAgent, NamesCommonBrowsersAndSystems) {
  for (const Case& c : kCases) {
    const DeviceLabel label = DescribeUserAgent(c.user_agent);
    EXPECT_EQ(label.browser, c.browser) << c.user_agent;
    EXPECT_EQ(label.system, c.system) << c.user_agent;
  }
}

TEST(DescribeUserAgent, UnknownAgentsGetEmptyLabels) {
  for (const char* ua : {"", "curl/8.5.0", "python-requests/2.31.0", "Wget/1.21.4",
                         "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
                         "\xff\xfe garbage \x01"}) {
    const DeviceLabel label = DescribeUserAgent(ua);
    EXPECT_EQ(label.browser, "") << ua;
    EXPECT_EQ(label.system, "") << ua;
  }
}

TEST(DescribeUserAgent, KnowsTheSystemEvenWhenTheBrowserIsUnknown) {
  const DeviceLabel label =
      DescribeUserAgent("Dalvik/2.1.0 (Linux; U; Android 13; SM-A546E Build/TP1A.220624.014)");
  EXPECT_EQ(label.browser, "");
  EXPECT_EQ(label.system, "Android");
}

TEST(DescribeUserAgent, SafariNeedsItsVersionToken) {
  // In-app browsers (here the Google app) say "Safari/" without "Version/": not Safari.
  const DeviceLabel label = DescribeUserAgent(
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
      "Gecko) GSA/311.0.622108069 Mobile/15E148 Safari/604.1");
  EXPECT_EQ(label.browser, "");
  EXPECT_EQ(label.system, "iPhone");
}

// The one label pages, inbox notices and mails show, from the real catalogs.
TEST(DeviceText, OneLabelInEachLanguageNeverTheRawAgent) {
  const i18n::Catalogs catalogs = i18n::Catalogs::LoadDirectory(
      std::filesystem::path(std::getenv("LUMBUNG_SHARE_DIR")) / "locale");
  const char* headless =
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
      "HeadlessChrome/156.0.0.0 Safari/537.36";
  EXPECT_EQ(DeviceText(catalogs, "id", headless), "Chrome di Linux");
  EXPECT_EQ(DeviceText(catalogs, "en", headless), "Chrome on Linux");
  EXPECT_EQ(DeviceText(catalogs, "en", "curl/8.5.0"), "Unknown browser");
  EXPECT_EQ(DeviceText(catalogs, "id", "curl/8.5.0"), "Peramban tidak dikenal");
  EXPECT_EQ(DeviceText(catalogs, "id",
                       "Dalvik/2.1.0 (Linux; U; Android 13; SM-A546E Build/TP1A.220624.014)"),
            "Peramban tidak dikenal di Android");
}

}  // namespace
}  // namespace lumbung::identity
