// Headers every response carries (ASVS 14.4): a strict Content-Security-Policy with no inline
// script or style, no framing, no MIME sniffing, no referrer leaks, no powerful features;
// HSTS only when the request came over TLS; no-store unless a handler chose a cache policy.
#pragma once

#include "core/http/response.h"

namespace lumbung::app {

struct SecurityHeaderOptions {
  bool over_tls = false;
  long hsts_max_age = 31536000;
};

void ApplySecurityHeaders(http::Response& response, const SecurityHeaderOptions& options);

inline constexpr const char* kContentSecurityPolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; manifest-src 'self'";

}  // namespace lumbung::app
