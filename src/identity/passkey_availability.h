// Whether a page may offer passkeys to the browser that asked for it. A browser signs a passkey
// only for the relying party of the origin it is on, and the server accepts only its configured
// origin (public.url), so a passkey control works only where that origin is a host name (an IP
// address cannot be an RP ID), is a secure context (https, or http on localhost), and is the
// address the visitor actually opened. Anywhere else the control would fail after the member
// pressed it; pages show a sentence saying why instead. Pure.
#pragma once

#include <string>
#include <string_view>

namespace lumbung::identity {

enum class PasskeyPlace {
  kAvailable,
  kNoHostName,    // public.url names an IP address (or is not a usable URL)
  kNotSecure,     // public.url is plain http on a host other than localhost
  kOtherAddress,  // the visitor opened another address (127.0.0.1 for localhost)
};

// `host_header`: the request's Host; empty when unknown. Behind a trusted proxy the Host is the
// proxy's business (it may name the upstream), so only public.url decides.
PasskeyPlace PasskeyPlaceFor(std::string_view public_url, std::string_view host_header,
                             bool behind_trusted_proxy);

}  // namespace lumbung::identity
