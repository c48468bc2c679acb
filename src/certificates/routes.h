// Certificates on the web (docs/certificates.md), wired by the app:
//   /certificates                         the member's certificates (members only, their own)
//   /certificates/<id>                    one, with its public code, verification link and QR
//   /certificates/<id>/certificate.pdf    the printable certificate (QR and code on it)
//   /certificates/<id>/credential.jwt     the Open Badges 3.0 credential signed by the fund
//   /staff/certificates                   certifiers issue to a member by NIK and revoke the
//                                         fund's; a training provider's staff see and revoke
//                                         only their provider's (ASVS 4.0.3 4.2.1)
//   /verify/certificate[/<code>]          anyone: valid / expired / revoked, masked name only,
//                                         throttled per client, never cached
//   /.well-known/jwks.json                the fund's public signing keys, by kid
//   /credentials/status/<list>            the revocation status list credential (signed JWT)
#pragma once

#include "core/config/config.h"
#include "core/db/database.h"
#include "core/http/router.h"
#include "core/inbox/inbox.h"
#include "core/view/dashboard.h"
#include "core/view/views.h"

namespace lumbung::certificates {

// Reads public.url, fund.name, statements.font_file and security.secret_key (the signing keys'
// sealing key; config::ConfigError when missing outside dev mode); the verification page allows
// certificates.verify_per_hour lookups per client address an hour when that key is declared,
// else 60. `notify`: the notifications feature's Notifier (inbox and mail per the member's
// choices); empty: inbox only.
void AddCertificateRoutes(http::Router& router, db::Database& database, const view::Views& views,
                          const config::Config& config, inbox::Notifier notify = {});

// The member's card: how many certificates they hold, leading to /certificates; none when they
// hold none.
view::DashboardCardSource DashboardCards(db::Database& database, const view::Views& views);

}  // namespace lumbung::certificates
