// /card: the member's digital membership card (fund, name, KPJ and a QR code of its public
// check), made when the member asks for it (POST /card/create: no state change on GET),
// replaced on request (POST /card/renew: the old QR code stops working; audited), and
// downloadable as /card.png and /card.pdf. Members only, and only their own card: the member
// always comes from the session, never from the URL or the form.
//
// /verify/card/<token>: anyone (a clinic, an employer) who scans the QR code learns whether the
// card is valid, the membership's status today and the holder's masked name, nothing else
// (never the NIK, the birth date or the whole KPJ). A revoked, unknown or forged token gets the
// same "not valid" page (404), so the page tells nobody which tokens once existed; tokens are
// 256-bit random, so none can be found by trying.
#pragma once

#include "core/config/config.h"
#include "core/db/database.h"
#include "core/http/router.h"
#include "core/view/dashboard.h"
#include "core/view/views.h"

namespace lumbung::card {

// Throws config::ConfigError when security.secret_key is missing outside dev mode.
void AddRoutes(http::Router& router, db::Database& database, const view::Views& views,
               const config::Config& config);

// A dashboard card for members that leads to /card.
view::DashboardCardSource DashboardCards(const view::Views& views);

}  // namespace lumbung::card
