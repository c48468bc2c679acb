// A short, human description of a browser from its User-Agent, for the sessions page and
// new-device alerts: "Chrome on Android", "Safari on iPhone", "Firefox on Windows". Only what a
// member needs to recognise their own device; unknown agents get an empty browser/system.
// DeviceText makes the one label every page, inbox notice and mail shows. Pure apart from the
// catalogs.
#pragma once

#include <string>
#include <string_view>

#include "core/i18n/catalog.h"

namespace lumbung::identity {

struct DeviceLabel {
  std::string browser;  // "Chrome", "Firefox", "Safari", "Edge", "Opera", "Samsung Internet", ""
  std::string system;   // "Android", "iPhone", "iPad", "Windows", "macOS", "Linux", "ChromeOS", ""
};

DeviceLabel DescribeUserAgent(std::string_view user_agent);

// The label in `lang`: "Chrome di Linux" / "Chrome on Linux", "Firefox" when the system is not
// known, "Peramban tidak dikenal" / "Unknown browser" when the browser is not (never the raw
// User-Agent, which means nothing to a member and may carry anything a client sends).
std::string DeviceText(const i18n::Catalogs& catalogs, std::string_view lang,
                       std::string_view user_agent);

}  // namespace lumbung::identity
