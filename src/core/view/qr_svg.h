// QR codes as inline SVG, for enrolling an authenticator app (the otpauth:// URI of
// core/security/otp.h). Drawn on the server: no script, no image request, nothing a strict
// Content-Security-Policy has to allow, and it scales crisply on any screen. Always show the
// same secret as text beside it (GroupsOfFour) for people who cannot scan.
#pragma once

#include <string>
#include <string_view>

namespace lumbung::view {

// The QR code (libqrencode, 8-bit mode, error correction level M) of `text` as an inline <svg>
// element: one <path> of the dark modules (fill via attribute, never a style attribute: the
// site's Content-Security-Policy blocks inline styles), a white background rect, a quiet zone
// of 4 modules, viewBox in modules, width/height = modules * pixels_per_module,
// shape-rendering="crispEdges", role="img" and aria-label = accessible_label (XML-escaped).
// The path draws each horizontal run of dark modules as one "M<x> <y>h<n>v1h-<n>z" rectangle,
// in module units including the quiet zone. Throws std::invalid_argument when the text cannot
// be encoded (empty or too long) or pixels_per_module is outside 1..64.
std::string QrSvg(std::string_view text, std::string_view accessible_label,
                  int pixels_per_module = 4);

}  // namespace lumbung::view
