#include "support/test_databases.h"

#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include "core/db/migrator.h"

namespace lumbung::testing {
namespace {

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

std::string ReadPostgresBaseUrl() {
  const std::string file = Env("LUMBUNG_TEST_PG_URL_FILE");
  if (file.empty()) {
    throw std::runtime_error(
        "PostgreSQL test: LUMBUNG_TEST_PG_URL_FILE is not set. Run the tests through ctest, "
        "whose `postgres` fixture starts a throw-away cluster (tests/support/postgres_cluster), "
        "or start one yourself: tests/support/postgres_cluster start /tmp/pg /tmp/pg/url && "
        "export LUMBUNG_TEST_PG_URL_FILE=/tmp/pg/url. Set LUMBUNG_TEST_SKIP_POSTGRES=1 to skip "
        "the PostgreSQL variants during quick local iterations.");
  }
  std::ifstream in(file);
  std::string url;
  if (!in || !std::getline(in, url) || url.empty()) {
    throw std::runtime_error("PostgreSQL test: cannot read a URL from " + file +
                             " (LUMBUNG_TEST_PG_URL_FILE); did the postgres_start test fail?");
  }
  return url;
}

// The URL with its database name replaced.
std::string WithDatabase(const std::string& url, const std::string& database) {
  const std::size_t authority = url.find("://") + 3;
  std::size_t query = url.find('?', authority);
  const std::string suffix = query == std::string::npos ? "" : url.substr(query);
  if (query == std::string::npos) query = url.size();
  std::size_t slash = url.find('/', authority);
  if (slash == std::string::npos || slash > query) slash = query;
  return url.substr(0, slash) + "/" + database + suffix;
}

void AdminExec(const std::string& admin_url, const std::string& sql) {
  PGconn* conn = PQconnectdb(admin_url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("PostgreSQL test: cannot connect to the test cluster (" +
                             db::ParseDatabaseUrl(admin_url).Redacted() + "): " + message);
  }
  PGresult* result = PQexec(conn, sql.c_str());
  const bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
  std::string message = ok ? "" : PQresultErrorMessage(result);
  PQclear(result);
  PQfinish(conn);
  if (!ok) throw std::runtime_error("PostgreSQL test: " + sql + ": " + message);
}

std::string UniqueSuffix() {
  static std::atomic<int> counter{0};
  std::random_device device;
  std::ostringstream out;
  out << getpid() << "_" << counter++ << "_" << std::hex << (device() & 0xffffff);
  return out.str();
}

}  // namespace

bool SkipPostgres() {
  return Env("LUMBUNG_TEST_SKIP_POSTGRES") == "1";
}

std::filesystem::path SourceDir() {
  const std::string share = Env("LUMBUNG_SHARE_DIR");
  return std::filesystem::path(share.empty() ? LUMBUNG_TEST_SOURCE_DIR : share);
}

TestDatabase::TestDatabase(std::string_view backend) : backend_(backend) {
  if (backend == kSqlite) {
    std::string pattern = (std::filesystem::temp_directory_path() / "lumbung-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error("SQLite test: cannot create a temporary directory");
    }
    temp_dir_ = pattern;
    url_ = "sqlite:" + (temp_dir_ / "test.db").string();
    return;
  }
  if (backend != kPostgres) {
    throw std::invalid_argument("TestDatabase: unknown backend " + std::string(backend));
  }
  admin_url_ = ReadPostgresBaseUrl();
  database_name_ = "lumbung_test_" + UniqueSuffix();
  // The name is made here from safe characters only: identifiers cannot be bound parameters.
  AdminExec(admin_url_, "CREATE DATABASE " + database_name_);
  url_ = WithDatabase(admin_url_, database_name_);
}

TestDatabase::~TestDatabase() {
  try {
    if (!temp_dir_.empty()) std::filesystem::remove_all(temp_dir_);
    if (!database_name_.empty()) {
      AdminExec(admin_url_, "DROP DATABASE IF EXISTS " + database_name_ + " WITH (FORCE)");
    }
  } catch (const std::exception& e) {
    ADD_FAILURE() << "cleaning up the test database: " << e.what();
  }
}

db::DatabaseUrl TestDatabase::ParsedUrl() const {
  return db::ParseDatabaseUrl(url_);
}

std::unique_ptr<db::Database> TestDatabase::Open(db::DatabaseOptions options) const {
  return std::make_unique<db::Database>(ParsedUrl(), options);
}

void DatabaseTest::SetUp() {
  if (GetParam() == kPostgres && SkipPostgres()) {
    GTEST_SKIP() << "LUMBUNG_TEST_SKIP_POSTGRES=1: PostgreSQL variant skipped";
  }
  try {
    test_database_ = std::make_unique<TestDatabase>(GetParam());
    database_ = test_database_->Open();
  } catch (const std::exception& e) {
    GTEST_FAIL() << e.what();
  }
}

void DatabaseTest::TearDown() {
  database_.reset();  // close every connection before the database is dropped
  test_database_.reset();
}

void DatabaseTest::ApplyMigrations(const std::vector<std::filesystem::path>& dirs) {
  std::vector<std::filesystem::path> absolute;
  for (const auto& dir : dirs) absolute.push_back(dir.is_absolute() ? dir : SourceDir() / dir);
  std::ostringstream log;
  db::Migrate(*database_, absolute, log);
}

void DatabaseTest::Reopen(db::DatabaseOptions options) {
  database_.reset();
  database_ = test_database_->Open(options);
}

}  // namespace lumbung::testing
