// Test-only: the fixture of the identity DB tests (a fresh database on each backend with the
// registry, audit, mail and identity tables) and helpers to make registry members and accounts.
// Header-only, included only by tests.
#pragma once

#include <soci/soci.h>

#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <regex>
#include <string>
#include <vector>

#include "identity/account_store.h"
#include "support/test_databases.h"

namespace lumbung::identity::test {

// Every migration folder, as `lumbung migrate` finds them (src/<feature>/migrations,
// src/core/<service>/migrations).
inline std::vector<std::filesystem::path> AllMigrationDirs() {
  namespace fs = std::filesystem;
  std::vector<fs::path> dirs;
  const fs::path src = lumbung::testing::SourceDir() / "src";
  for (const fs::path& parent : {src, src / "core"}) {
    for (const auto& folder : fs::directory_iterator(parent)) {
      if (fs::is_directory(folder.path() / "migrations"))
        dirs.push_back(folder.path() / "migrations");
    }
  }
  return dirs;
}

// A fresh folder (under the temporary directory, named by `label`) holding a copy of every
// migration file older than `version`: the schema as it was before that migration.
inline std::filesystem::path MigrationsBefore(int version, const std::string& label) {
  namespace fs = std::filesystem;
  const fs::path before =
      fs::temp_directory_path() / ("lumbung-" + label + "-" + std::to_string(::getpid()));
  fs::remove_all(before);
  fs::create_directories(before);
  const std::regex versioned(R"((\d{4,})_.*\.sql)");
  for (const fs::path& dir : AllMigrationDirs()) {
    for (const auto& file : fs::directory_iterator(dir)) {
      const std::string name = file.path().filename().string();
      std::smatch m;
      if (std::regex_match(name, m, versioned) && std::stoi(m[1]) < version) {
        fs::copy_file(file.path(), before / name);
      }
    }
  }
  return before;
}

inline constexpr std::int64_t kT0 = 1'750'000'000;  // 2025-06-15, a fixed "now"

class IdentityDbTest : public lumbung::testing::DatabaseTest {
 protected:
  void SetUp() override {
    lumbung::testing::DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations({"src/registry/migrations", "src/core/audit/migrations",
                     "src/core/mail/migrations", "src/core/inbox/migrations",
                     "src/identity/migrations"});
  }

  // A registry member (only the columns the schema requires); returns its id.
  std::int64_t InsertMember(const std::string& nik, const std::string& kpj,
                            const std::string& full_name = "Siti Rahayu",
                            const std::string& birth_date = "1990-08-05") {
    auto lease = db().Acquire();
    long long id = 0;
    lease.session() << "INSERT INTO members (kpj, nik, full_name, birth_date, sex, province_code, "
                       "marital_status, registered_on, status) VALUES (:kpj, :nik, :name, :birth, "
                       "'F', 33, 'married', '2015-07-01', 'active') RETURNING id",
        soci::use(kpj), soci::use(nik), soci::use(full_name), soci::use(birth_date), soci::into(id);
    return id;
  }

  std::int64_t InsertEmployer(const std::string& npp = "12345678") {
    auto lease = db().Acquire();
    long long id = 0;
    lease.session() << "INSERT INTO employers (npp, name, sector, province_code, jkk_risk_class, "
                       "registered_on) VALUES (:npp, 'PT Contoh', 'construction', 31, 4, "
                       "'2010-01-04') RETURNING id",
        soci::use(npp), soci::into(id);
    return id;
  }

  // A member account for a new registry member, numbered by `n` (0..99).
  static Account MemberAccount(std::int64_t member_id, int n = 1) {
    Account a;
    a.role = "member";
    a.state = "pending";
    a.member_id = member_id;
    a.nik = Nik(n);
    a.email = "anggota" + std::to_string(n) + "@contoh.co.id";
    a.username = "anggota" + std::to_string(n);
    a.display_name = "Siti Rahayu " + std::to_string(n);
    a.password_hash = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA";
    a.lang = "en";
    a.created_at = kT0;
    return a;
  }
  static std::string Nik(int n) { return "33740145089000" + Two(n); }
  static std::string Kpj(int n) { return "100000000" + Two(n); }

  // A registry member and an account for them; returns the account id.
  std::int64_t NewMemberAccount(int n = 1) {
    const std::int64_t member = InsertMember(Nik(n), Kpj(n));
    auto lease = db().Acquire();
    return InsertAccount(lease.session(), MemberAccount(member, n));
  }

  // Runs `sql`; false when the database refuses it.
  template <typename F>
  bool Succeeds(F&& f) {
    auto lease = db().Acquire();
    try {
      f(lease.session());
      return true;
    } catch (const soci::soci_error&) {
      return false;
    }
  }

  long long Count(const std::string& sql) {
    auto lease = db().Acquire();
    long long n = -1;
    lease.session() << sql, soci::into(n);
    return n;
  }

 private:
  static std::string Two(int n) { return std::string(n < 10 ? "0" : "") + std::to_string(n); }
};

}  // namespace lumbung::identity::test
