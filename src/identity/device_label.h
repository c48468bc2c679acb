// A short, human description of a browser from its User-Agent, for the sessions page and
// new-device alerts: "Chrome on Android", "Safari on iPhone", "Firefox on Windows". Only what a
// member needs to recognise their own device; unknown agents get an empty browser/system, and
// the caller shows "Unknown browser". Pure.
#pragma once

#include <string>
#include <string_view>

namespace lumbung::identity {

struct DeviceLabel {
  std::string browser;  // "Chrome", "Firefox", "Safari", "Edge", "Opera", "Samsung Internet", ""
  std::string system;   // "Android", "iPhone", "iPad", "Windows", "macOS", "Linux", "ChromeOS", ""
};

DeviceLabel DescribeUserAgent(std::string_view user_agent);

}  // namespace lumbung::identity
