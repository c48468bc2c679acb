// /staff/payments: fund staff import the partner bank's payment file (payments.h) from the
// browser, as `lumbung payments import FILE` does from the command line, and see the payments
// no bill could take. Staff with the finance role only (two-factor is required of all
// staff by identity); every import is audited (payments.imported) with who imported it.
//
//   GET  /staff/payments   the upload form and the payments waiting for staff (unknown codes)
//   POST /staff/payments   multipart upload -> the import's result: counts, every unknown code,
//                          bad row and differing duplicate (first 100), the file's problem
#pragma once

#include "core/config/config.h"
#include "core/db/database.h"
#include "core/http/router.h"
#include "core/view/views.h"

namespace lumbung::employers {

inline constexpr const char* kPaymentUploadPath = "/staff/payments";

void AddPaymentRoutes(http::Router& router, db::Database& database, const view::Views& views);

}  // namespace lumbung::employers
