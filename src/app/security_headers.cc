#include "app/security_headers.h"

namespace lumbung::app {

void ApplySecurityHeaders(http::Response& r, const SecurityHeaderOptions& options) {
  r.Set("Content-Security-Policy", kContentSecurityPolicy);
  r.Set("X-Content-Type-Options", "nosniff");
  r.Set("X-Frame-Options", "DENY");
  r.Set("Referrer-Policy", "no-referrer");
  r.Set("Permissions-Policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()");
  r.Set("Cross-Origin-Opener-Policy", "same-origin");
  r.Set("Cross-Origin-Resource-Policy", "same-origin");
  if (options.over_tls && options.hsts_max_age > 0) {
    r.Set("Strict-Transport-Security",
          "max-age=" + std::to_string(options.hsts_max_age) + "; includeSubDomains");
  }
  if (!r.Has("Cache-Control")) r.Set("Cache-Control", "no-store");
}

}  // namespace lumbung::app
