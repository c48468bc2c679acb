#include "identity/passkey_availability.h"

#include "core/security/webauthn.h"

namespace lumbung::identity {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

PasskeyPlace PasskeyPlaceFor(std::string_view public_url, std::string_view host_header,
                             bool behind_trusted_proxy) {
  const auto rp = security::RelyingPartyOf(public_url);
  if (!rp) return PasskeyPlace::kNoHostName;
  const bool https = rp->origin.starts_with("https://");
  // Browsers treat localhost (and its subdomains) as a secure context over plain http.
  if (!https && rp->id != "localhost" && !rp->id.ends_with(".localhost")) {
    return PasskeyPlace::kNotSecure;
  }
  if (behind_trusted_proxy || host_header.empty()) return PasskeyPlace::kAvailable;
  std::string host = Lower(host_header);
  const std::string_view default_port = https ? ":443" : ":80";
  if (host.ends_with(default_port)) host.resize(host.size() - default_port.size());
  const std::string authority = rp->origin.substr(rp->origin.find("://") + 3);
  return host == authority ? PasskeyPlace::kAvailable : PasskeyPlace::kOtherAddress;
}

}  // namespace lumbung::identity
