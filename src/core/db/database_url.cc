#include "core/db/database_url.h"

#include <cctype>
#include <string>
#include <vector>

namespace lumbung::db {
namespace {

constexpr std::string_view kSqliteScheme = "sqlite:";
constexpr std::string_view kExpected =
    "expected sqlite:PATH, sqlite::memory: or postgresql://user:password@host:port/dbname";

[[noreturn]] void Fail(const std::string& why) {
  throw DatabaseUrlError("database.url: " + why);
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool IsDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The query string with the value of any `password=` parameter replaced.
std::string RedactQuery(std::string_view query) {
  std::string out;
  std::size_t start = 0;
  while (start <= query.size()) {
    std::size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    std::string_view param = query.substr(start, end - start);
    if (!out.empty() || start > 0) out += '&';
    if (StartsWith(param, "password=")) {
      out += "password=***";
    } else {
      out += param;
    }
    start = end + 1;
  }
  return out;
}

DatabaseUrl ParseSqlite(std::string_view url) {
  DatabaseUrl parsed;
  parsed.dialect = Dialect::kSqlite;
  std::string_view path = url.substr(kSqliteScheme.size());
  if (StartsWith(path, "//")) path.remove_prefix(2);
  if (path.empty()) {
    Fail("the SQLite file path is missing; write e.g. sqlite:data/lumbung.db or sqlite::memory:");
  }
  if (path.find('\0') != std::string_view::npos) Fail("the SQLite file path contains a NUL byte");
  parsed.sqlite_path = std::string(path);
  return parsed;
}

DatabaseUrl ParsePostgres(std::string_view url, std::string_view scheme) {
  DatabaseUrl parsed;
  parsed.dialect = Dialect::kPostgres;
  parsed.postgres_uri = std::string(url);
  std::string_view rest = url.substr(scheme.size());

  std::string_view query;
  if (std::size_t q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  std::string_view authority = rest;
  std::string_view path;
  if (std::size_t slash = rest.find('/'); slash != std::string_view::npos) {
    authority = rest.substr(0, slash);
    path = rest.substr(slash + 1);
  }
  // libpq takes the first '@' before the path as the end of the user info, so a password
  // containing '@' or '/' must be percent-encoded (%40, %2F).
  if (std::size_t at = authority.find('@'); at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    authority = authority.substr(at + 1);
    if (std::size_t colon = userinfo.find(':'); colon != std::string_view::npos) {
      parsed.has_password = true;
      userinfo = userinfo.substr(0, colon);
    }
    parsed.user = std::string(userinfo);
  }
  parsed.host = std::string(authority);
  // One host may carry a port; a comma-separated host list is passed to libpq as it is.
  if (authority.find(',') == std::string_view::npos) {
    std::size_t colon = authority.rfind(':');
    std::size_t bracket = authority.rfind(']');
    if (colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket)) {
      std::string_view port = authority.substr(colon + 1);
      if (!IsDigits(port) || port.size() > 5 || std::stoi(std::string(port)) == 0 ||
          std::stoi(std::string(port)) > 65535) {
        Fail("the PostgreSQL port must be a number from 1 to 65535");
      }
      parsed.port = std::string(port);
      parsed.host = std::string(authority.substr(0, colon));
    }
  }
  if (path.empty()) {
    Fail(
        "the PostgreSQL database name is missing; write e.g. "
        "postgresql://lumbung:PASSWORD@127.0.0.1:5432/lumbung");
  }
  if (path.find('/') != std::string_view::npos) {
    Fail("the PostgreSQL database name must not contain '/' (percent-encode it as %2F)");
  }
  parsed.database = std::string(path);
  if (!query.empty()) {
    std::size_t start = 0;
    while (start <= query.size()) {
      std::size_t end = query.find('&', start);
      if (end == std::string_view::npos) end = query.size();
      std::string_view param = query.substr(start, end - start);
      std::size_t eq = param.find('=');
      if (eq == std::string_view::npos || eq == 0) {
        Fail("each PostgreSQL URL parameter after '?' must look like key=value, joined with '&'");
      }
      if (param.substr(0, eq) == "password") parsed.has_password = true;
      start = end + 1;
    }
  }
  return parsed;
}

}  // namespace

std::string_view DialectName(Dialect dialect) {
  return dialect == Dialect::kSqlite ? "sqlite" : "postgresql";
}

std::string DatabaseUrl::Redacted() const {
  if (dialect == Dialect::kSqlite) return "sqlite:" + sqlite_path;
  std::string_view uri = postgres_uri;
  std::size_t scheme_end = uri.find("://") + 3;
  std::string out(uri.substr(0, scheme_end));
  std::string_view rest = uri.substr(scheme_end);
  std::string_view query;
  bool has_query = false;
  if (std::size_t q = rest.find('?'); q != std::string_view::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
    has_query = true;
  }
  std::size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  if (std::size_t at = authority.find('@'); at != std::string_view::npos) {
    std::string_view userinfo = authority.substr(0, at);
    if (std::size_t colon = userinfo.find(':'); colon != std::string_view::npos) {
      out += userinfo.substr(0, colon);
      out += ":***";
    } else {
      out += userinfo;
    }
    out += '@';
    rest.remove_prefix(at + 1);
  }
  out += rest;
  if (has_query) {
    out += '?';
    out += RedactQuery(query);
  }
  return out;
}

DatabaseUrl ParseDatabaseUrl(std::string_view url) {
  if (url.empty()) Fail(std::string("is empty; ") + std::string(kExpected));
  if (std::isspace(static_cast<unsigned char>(url.front())) ||
      std::isspace(static_cast<unsigned char>(url.back()))) {
    Fail("has spaces or a line break at its start or end; remove them");
  }
  if (StartsWith(url, kSqliteScheme)) return ParseSqlite(url);
  for (std::string_view scheme : {"postgresql://", "postgres://"}) {
    if (!StartsWith(url, scheme)) continue;
    for (char c : url) {
      if (std::isspace(static_cast<unsigned char>(c))) {
        Fail(
            "a PostgreSQL URL must not contain spaces or line breaks (percent-encode them as %20)");
      }
    }
    return ParsePostgres(url, scheme);
  }
  // Name only the scheme: the rest may hold a password.
  std::size_t colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0)
    Fail("has no scheme; " + std::string(kExpected));
  std::string scheme(url.substr(0, colon));
  if (scheme == "postgresql" || scheme == "postgres") {
    Fail("a PostgreSQL URL starts with postgresql://");
  }
  Fail("unsupported scheme \"" + scheme + "\"; " + std::string(kExpected));
}

}  // namespace lumbung::db
