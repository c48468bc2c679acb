#include "identity/device_label.h"

namespace lumbung::identity {
namespace {

bool Has(std::string_view text, std::string_view part) {
  return text.find(part) != std::string_view::npos;
}

}  // namespace

DeviceLabel DescribeUserAgent(std::string_view ua) {
  DeviceLabel label;
  // Order matters: most browsers also claim to be Safari and Chrome.
  if (Has(ua, "Edg/") || Has(ua, "EdgA/") || Has(ua, "EdgiOS/")) {
    label.browser = "Edge";
  } else if (Has(ua, "OPR/") || Has(ua, "Opera")) {
    label.browser = "Opera";
  } else if (Has(ua, "SamsungBrowser/")) {
    label.browser = "Samsung Internet";
  } else if (Has(ua, "Firefox/") || Has(ua, "FxiOS/")) {
    label.browser = "Firefox";
  } else if (Has(ua, "Chrome/") || Has(ua, "CriOS/") || Has(ua, "Chromium/")) {
    label.browser = "Chrome";
  } else if (Has(ua, "Safari/") && Has(ua, "Version/")) {
    label.browser = "Safari";
  }
  if (Has(ua, "iPhone")) {
    label.system = "iPhone";
  } else if (Has(ua, "iPad")) {
    label.system = "iPad";
  } else if (Has(ua, "Android")) {
    label.system = "Android";
  } else if (Has(ua, "Windows")) {
    label.system = "Windows";
  } else if (Has(ua, "CrOS")) {
    label.system = "ChromeOS";
  } else if (Has(ua, "Mac OS X") || Has(ua, "Macintosh")) {
    label.system = "macOS";
  } else if (Has(ua, "Linux")) {
    label.system = "Linux";
  }
  return label;
}

}  // namespace lumbung::identity
