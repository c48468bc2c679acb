// Test data shared by the statement unit tests: a member with two employers over three years.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "core/i18n/catalog.h"
#include "statements/statement.h"

namespace lumbung::statements::test {

// The shipped catalogs (LUMBUNG_SHARE_DIR is set for every test binary).
inline const i18n::Catalogs& ShippedCatalogs() {
  static const i18n::Catalogs catalogs = i18n::Catalogs::LoadDirectory(
      std::filesystem::path(std::getenv("LUMBUNG_SHARE_DIR")) / "locale");
  return catalogs;
}

// A month's row with the program amounts as simple shares of the wage.
inline contributions::MonthRow Row(int period, const std::string& employer, std::int64_t wage,
                                   bool paid = true) {
  contributions::MonthRow r;
  r.period = period;
  r.employer_id = employer == "PT Maju Jaya" ? 1 : 2;
  r.employer_name = employer;
  r.wage = wage;
  r.jht_worker = wage * 2 / 100;
  r.jht_employer = wage * 37 / 1000;
  r.jkk = wage * 24 / 10000;
  r.jkm = wage * 3 / 1000;
  r.jp_worker = wage / 100;
  r.jp_employer = wage * 2 / 100;
  r.jkp = wage * 46 / 10000;
  r.paid = paid;
  return r;
}

// 2023-12, every month of 2024 (two employers in March, June unpaid) and 2025-01, newest first
// as contributions::History returns them.
inline StatementSource Source() {
  StatementSource s;
  s.full_name = "Siti Nurhaliza Pratiwi";
  s.kpj = "10000000001";
  s.rows.push_back(Row(202501, "PT Maju Jaya", 5'500'000));
  for (int m = 12; m >= 1; --m) {
    s.rows.push_back(Row(202400 + m, "PT Maju Jaya", 5'000'000, m != 6));
    if (m == 3) s.rows.push_back(Row(202403, "CV Sinar Abadi", 1'250'000));
  }
  s.rows.push_back(Row(202312, "PT Maju Jaya", 4'800'000));
  savings::LedgerYear y2023{2023, 0, 412'800, 0, 0, 412'800, std::nullopt};
  savings::LedgerYear y2024{2024, 412'800, 5'170'625, 25'832, 0, 5'609'257, 626};
  s.ledger = {y2023, y2024};
  return s;
}

}  // namespace lumbung::statements::test
