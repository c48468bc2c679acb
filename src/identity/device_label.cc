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

std::string DeviceText(const i18n::Catalogs& catalogs, std::string_view lang,
                       std::string_view user_agent) {
  const DeviceLabel label = DescribeUserAgent(user_agent);
  const std::string browser =
      label.browser.empty() ? catalogs.Get(lang, "identity.device.unknown_browser") : label.browser;
  if (label.system.empty()) return browser;
  return catalogs.Format(lang, "identity.device.on",
                         {{"browser", browser}, {"system", label.system}});
}

}  // namespace lumbung::identity
