#include "core/config/config.h"

#include <Poco/AutoPtr.h>
#include <Poco/Util/IniFileConfiguration.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <functional>

#ifndef LUMBUNG_DEFAULT_SHARE_DIR
#define LUMBUNG_DEFAULT_SHARE_DIR "."
#endif

extern char** environ;

namespace lumbung::config {
namespace {

enum class Kind { kString, kInt, kBool, kUrl, kFundZone, kUploadStore };

struct KeySpec {
  const char* key;
  Kind kind;
  const char* default_value;
  std::int64_t min;
  std::int64_t max;
  const char* description;
};

// The one list of configuration keys. Ranges are inclusive.
const KeySpec kKeys[] = {
    {"http.address", Kind::kString, "127.0.0.1", 0, 0, "Address to listen on"},
    {"http.port", Kind::kInt, "8080", 0, 65535, "Port to listen on (0: any free port)"},
    {"http.workers", Kind::kInt, "8", 1, 256, "Worker threads running request handlers"},
    {"http.io_threads", Kind::kInt, "1", 1, 64, "Threads doing network I/O"},
    {"http.max_header_bytes", Kind::kInt, "16384", 1024, 1048576, "Largest request head"},
    {"http.max_body_bytes", Kind::kInt, "1048576", 0, 1073741824, "Largest request body"},
    {"http.max_upload_bytes", Kind::kInt, "41943040", 1024, 1073741824,
     "Largest uploaded file (an employer's wage report, a bank payment file); larger gets 413"},
    {"http.request_timeout_seconds", Kind::kInt, "30", 1, 3600,
     "Time a client has to send a whole request (also the keep-alive idle limit)"},
    {"http.trusted_proxy", Kind::kBool, "false", 0, 0,
     "Trust X-Forwarded-For/-Proto from the reverse proxy in front"},
    {"http.hsts_max_age", Kind::kInt, "31536000", 0, 63072000,
     "HSTS max-age, sent only on requests that arrived over TLS"},
    {"http.compress", Kind::kBool, "true", 0, 0, "gzip text responses when the client accepts it"},
    {"database.url", Kind::kUrl, "sqlite:data/lumbung.db", 0, 0,
     "sqlite:PATH or postgresql://user:password@host:port/db"},
    {"database.pool_size", Kind::kInt, "8", 1, 256, "Database connections per process"},
    {"database.migrate_on_start", Kind::kBool, "true", 0, 0, "Apply migrations when serving"},
    {"public.url", Kind::kUrl, "http://127.0.0.1:8080", 0, 0,
     "The address members use; every link in mail is built from it"},
    {"fund.name", Kind::kString, "Dana Jaminan Pekerja Lumbung", 0, 0, "The fund's name"},
    {"fund.web_address", Kind::kString, "", 0, 0,
     "The one official web address shown to members (default: public.url)"},
    {"fund.phone", Kind::kString, "1500 000", 0, 0, "Contact phone"},
    {"fund.email", Kind::kString, "bantuan@lumbung.example", 0, 0, "Contact email"},
    {"fund.office_hours_id", Kind::kString, "", 0, 0,
     "Office hours in Indonesian (default: the catalog's text)"},
    {"fund.office_hours_en", Kind::kString, "", 0, 0,
     "Office hours in English (default: the catalog's text)"},
    {"fund.contact_address", Kind::kString, "", 0, 0,
     "The fund's postal address on the help centre's contact page (empty: not shown)"},
    {"fund.time_zone", Kind::kFundZone, "WIB", 0, 0,
     "The fund's time zone for today's date, due dates and times shown: WIB, WITA or WIT"},
    {"paths.share", Kind::kString, LUMBUNG_DEFAULT_SHARE_DIR, 0, 0,
     "Folder holding src/*/templates, static, locale, migrations and config/rules.json"},
    {"rules.file", Kind::kString, "config/rules.json", 0, 0,
     "Dated rules file (relative paths are inside paths.share)"},
    {"statements.font_file", Kind::kString, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0, 0,
     "TrueType font of the yearly PDF statements (Debian fonts-dejavu-core)"},
    {"card.font_file", Kind::kString, "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 0, 0,
     "TrueType font of the membership card's PNG and PDF (Debian fonts-dejavu-core)"},
    {"profile.banks_file", Kind::kString, "config/banks.txt", 0, 0,
     "Banks members may choose for payouts, one a line: code and name (relative paths are "
     "inside paths.share)"},
    {"uploads.dir", Kind::kString, "data/uploads", 0, 0,
     "Folder for uploaded files (support attachments, claim documents), outside the web root; "
     "made with mode 0700 (relative paths are from the working directory, like the database)"},
    {"uploads.store", Kind::kUploadStore, "database", 0, 0,
     "Where uploaded files are kept: database (table upload_blobs, seen by every instance) or "
     "directory (uploads.dir, one server or a shared folder)"},
    {"uploads.clamd_socket", Kind::kString, "/run/clamav/clamd.ctl", 0, 0,
     "ClamAV daemon's UNIX socket that scans uploaded files (clamd's LocalSocket)"},
    {"uploads.rescan_seconds", Kind::kInt, "60", 1, 86400,
     "How long a file waits before the virus scanner is asked again while it is unavailable"},
    {"uploads.clamd_timeout_seconds", Kind::kInt, "30", 1, 600,
     "Longest wait for clamd to take the next bytes or give its verdict"},
    {"uploads.image_max_width", Kind::kInt, "10000", 1, 100000,
     "Widest uploaded image decoded, in pixels; wider is refused before decoding"},
    {"uploads.image_max_height", Kind::kInt, "10000", 1, 100000,
     "Tallest uploaded image decoded, in pixels; taller is refused before decoding"},
    {"uploads.image_max_pixels", Kind::kInt, "50000000", 1, 1000000000,
     "Largest uploaded image decoded, in pixels (about 4 bytes of memory each while re-encoded)"},
    {"uploads.jpeg_quality", Kind::kInt, "85", 30, 100,
     "JPEG quality of uploaded photos as stored, after their metadata is stripped"},
    {"support.target_working_days", Kind::kInt, "2", 0, 30,
     "Working days (Monday to Friday) staff have to answer a member's support message"},
    {"support.max_file_bytes", Kind::kInt, "5242880", 1024, 104857600,
     "Largest attachment to a support message (each file; at most http.max_upload_bytes)"},
    {"support.max_files", Kind::kInt, "3", 0, 10, "Attachments one support message may carry"},
    {"claims.max_file_bytes", Kind::kInt, "5242880", 1024, 104857600,
     "Largest document a claim may carry (each file; at most http.max_upload_bytes)"},
    {"claims.bank_change_days", Kind::kInt, "30", 0, 365,
     "A payout account changed this many days or fewer before a claim is submitted flags the "
     "claim for extra checks and mails the member"},
    {"claims.target_working_days", Kind::kInt, "5", 1, 60,
     "Working days (Monday to Friday) staff have to move a claim on from each status"},
    {"subsidy.programs_file", Kind::kString, "config/subsidy_programs.json", 0, 0,
     "The wage subsidy's programmes of each year (relative paths are inside paths.share)"},
    {"subsidy.minimum_wages_file", Kind::kString, "config/minimum_wages.json", 0, 0,
     "Regional minimum wages by area and year (relative paths are inside paths.share)"},
    {"subsidy.official_url", Kind::kString, "https://bsu.example.go.id", 0, 0,
     "The official web address of the wage-subsidy check, shown on the public check against "
     "fake sites"},
    {"subsidy.checker_ip_per_hour", Kind::kInt, "100", 1, 100000,
     "Public wage-subsidy checks one address may make in an hour (many share mobile addresses)"},
    {"subsidy.checker_number_per_hour", Kind::kInt, "10", 1, 1000,
     "Public wage-subsidy checks of one NIK or KPJ number in an hour, from anywhere"},
    {"subsidy.batch_size", Kind::kInt, "10000", 1, 1000000,
     "Most members in one wage-subsidy payment batch (one disbursement file per batch)"},
    {"certificates.verify_per_hour", Kind::kInt, "60", 1, 100000,
     "Public certificate checks one address may make in an hour"},
    {"log.access", Kind::kString, "stdout", 0, 0, "Access log: stdout, off, or a file path"},
    {"maintenance.poll_seconds", Kind::kInt, "2", 0, 3600,
     "How often a server re-reads the maintenance switch from the database"},
    {"cache.seconds", Kind::kInt, "1", 0, 60,
     "How long a server reuses a session, dashboard or unread count it read, unless it changed "
     "something meanwhile; changes made elsewhere (another server, the CLI) show within this (0: "
     "never reuse)"},
    {"security.secret_key", Kind::kString, "", 0, 0,
     "64 hex digits (32 random bytes) that sign cookies and encrypt second-factor secrets; "
     "required unless dev.mode"},
    {"security.argon2_memory_kib", Kind::kInt, "19456", 8192, 4194304,
     "Argon2id memory per password hash, in KiB (19 MiB: OWASP's minimum)"},
    {"security.argon2_iterations", Kind::kInt, "2", 1, 100, "Argon2id passes"},
    {"security.password_min_length", Kind::kInt, "8", 8, 64,
     "Shortest password allowed, in characters (NIST SP 800-63B: at least 8)"},
    {"security.password_min_length_without_2fa", Kind::kInt, "0", 0, 64,
     "Shortest password for accounts without a second factor (0: the same as above; e.g. 15)"},
    {"session.idle_minutes", Kind::kInt, "30", 1, 1440,
     "Sign out after this long without activity"},
    {"session.absolute_hours", Kind::kInt, "12", 1, 720, "Sign out this long after signing in"},
    {"session.staff_idle_minutes", Kind::kInt, "15", 1, 1440,
     "Fund staff: sign out after this long without activity (at most idle_minutes)"},
    {"session.staff_absolute_hours", Kind::kInt, "8", 1, 720,
     "Fund staff: sign out this long after signing in (at most absolute_hours)"},
    {"login.delay_after", Kind::kInt, "5", 1, 100,
     "Failed sign-ins after which each further attempt must wait (15 s, doubling)"},
    {"login.lock_after", Kind::kInt, "10", 1, 100,
     "Failed sign-ins that lock the account for browsers it does not know"},
    {"login.lock_minutes", Kind::kInt, "15", 1, 1440, "How long such a lock lasts"},
    {"login.max_failures_per_hour", Kind::kInt, "100", 1, 100,
     "Failed sign-ins an account accepts in an hour, whatever else (ASVS 2.2.1: at most 100)"},
    {"login.ip_failures_per_15min", Kind::kInt, "100", 1, 100000,
     "Failed sign-ins one address may make in 15 minutes (many members share mobile addresses)"},
    {"register.ip_attempts_per_hour", Kind::kInt, "30", 1, 100000,
     "Sign-up attempts one address may make in an hour"},
    {"forgot.account_per_hour", Kind::kInt, "3", 1, 100, "Reset mails one account gets in an hour"},
    {"forgot.ip_per_hour", Kind::kInt, "30", 1, 100000,
     "Password-reset requests one address may make in an hour"},
    {"two_factor.remember_days", Kind::kInt, "30", 0, 365,
     "Days a member's browser may skip the second step after \"remember this browser\" (0: never; "
     "never for staff)"},
    {"two_factor.email_code_minutes", Kind::kInt, "10", 1, 60,
     "How long a code sent by mail works"},
    {"two_factor.email_code_attempts", Kind::kInt, "5", 1, 10,
     "Wrong guesses a mailed code survives before it stops working"},
    {"two_factor.email_codes_per_hour", Kind::kInt, "5", 1, 100,
     "Codes one account may be sent by mail in an hour"},
    {"two_factor.step_up_minutes", Kind::kInt, "5", 1, 60,
     "Sensitive changes need the password or a second factor proved this recently"},
    {"two_factor.pending_minutes", Kind::kInt, "10", 1, 60,
     "Time to finish the second step (or a forced set-up: three times this) after the password"},
    {"smtp.host", Kind::kString, "127.0.0.1", 0, 0, "Mail server"},
    {"smtp.port", Kind::kInt, "25", 1, 65535, "Mail server port"},
    {"smtp.starttls", Kind::kBool, "false", 0, 0, "Require STARTTLS before sending"},
    {"smtp.username", Kind::kString, "", 0, 0, "SMTP login (empty: no authentication)"},
    {"smtp.password", Kind::kString, "", 0, 0, "SMTP password"},
    {"smtp.from", Kind::kString, "Lumbung <no-reply@lumbung.example>", 0, 0,
     "Sender of every mail"},
    {"smtp.timeout_seconds", Kind::kInt, "10", 1, 300, "Time limit for one SMTP conversation"},
    {"mail.deliver", Kind::kBool, "true", 0, 0,
     "Deliver mail over SMTP; false keeps it in the outbox (dev.mode shows it at /dev/mailbox)"},
    {"mail.poll_seconds", Kind::kInt, "2", 1, 3600,
     "How often the sender looks for mail that is due (new mail also wakes it)"},
    {"jobs.poll_seconds", Kind::kInt, "2", 1, 3600,
     "How often the background job runner looks for work (new jobs also wake it)"},
    {"jobs.lease_seconds", Kind::kInt, "300", 1, 86400,
     "How long a running job is held without a step before another instance takes it over"},
    {"jobs.batch_size", Kind::kInt, "200", 1, 10000,
     "Members (or rows) one step of a background job handles in one transaction"},
    {"jobs.exit_after_steps", Kind::kInt, "0", 0, 1000000,
     "Tests only: end the process abruptly after this many job steps (0: never)"},
    {"jobs.exit_after_kind", Kind::kString, "", 0, 0,
     "Tests only: count only the steps of jobs of this kind for exit_after_steps (empty: every "
     "kind)"},
    {"dev.mode", Kind::kBool, "false", 0, 0, "Developer conveniences (never in production)"},
};

const KeySpec* FindSpec(const std::string& key) {
  for (const auto& spec : kKeys) {
    if (key == spec.key) return &spec;
  }
  return nullptr;
}

void Check(const KeySpec& spec, const std::string& value, const std::string& origin) {
  auto fail = [&](const std::string& why) {
    throw ConfigError("config: " + std::string(spec.key) + " (from " + origin + "): " + why);
  };
  switch (spec.kind) {
    case Kind::kString:
      if (value.find('\0') != std::string::npos) fail("contains a NUL byte");
      break;
    case Kind::kInt: {
      std::int64_t n = 0;
      auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
      if (ec != std::errc() || end != value.data() + value.size() || value.empty()) {
        fail("'" + value + "' is not a whole number");
      }
      if (n < spec.min || n > spec.max) {
        fail(value + " is outside " + std::to_string(spec.min) + ".." + std::to_string(spec.max));
      }
      break;
    }
    case Kind::kBool:
      if (value != "true" && value != "false") fail("'" + value + "' must be true or false");
      break;
    case Kind::kUrl:
      if (value.empty()) fail("must not be empty");
      if (std::any_of(value.begin(), value.end(),
                      [](unsigned char c) { return c <= ' ' || c == 0x7f; })) {
        fail("must not contain spaces or control characters");
      }
      break;
    case Kind::kFundZone:
      // Indonesia's three zones, fixed offsets without daylight saving.
      if (value != "WIB" && value != "WITA" && value != "WIT") {
        fail("'" + value + "' must be WIB (UTC+7), WITA (UTC+8) or WIT (UTC+9)");
      }
      break;
    case Kind::kUploadStore:
      if (value != "database" && value != "directory") {
        fail("'" + value + "' must be database or directory");
      }
      break;
  }
}

}  // namespace

std::string Config::EnvironmentName(const std::string& key) {
  std::string name = "LUMBUNG_";
  for (char c : key) name += c == '.' ? '_' : static_cast<char>(std::toupper(c));
  return name;
}

const std::vector<KeyInfo>& Config::Keys() {
  static const std::vector<KeyInfo> keys = [] {
    std::vector<KeyInfo> out;
    for (const auto& spec : kKeys) out.push_back({spec.key, spec.default_value, spec.description});
    return out;
  }();
  return keys;
}

void Config::Set(const std::string& key, const std::string& value, const std::string& origin) {
  const KeySpec* spec = FindSpec(key);
  if (!spec) throw ConfigError("config: unknown key '" + key + "' (from " + origin + ")");
  Check(*spec, value, origin);
  values_[key] = value;
}

Config Config::FromValues(const std::map<std::string, std::string>& values) {
  Config config;
  for (const auto& spec : kKeys) config.values_[spec.key] = spec.default_value;
  for (const auto& [key, value] : values) config.Set(key, value, "test values");
  return config;
}

Config Config::Load(const std::filesystem::path& file,
                    const std::map<std::string, std::string>& env) {
  Config config;
  for (const auto& spec : kKeys) config.values_[spec.key] = spec.default_value;
  if (!file.empty()) {
    Poco::AutoPtr<Poco::Util::IniFileConfiguration> ini;
    try {
      ini = new Poco::Util::IniFileConfiguration(file.string());
    } catch (const Poco::Exception& e) {
      throw ConfigError("config: cannot read " + file.string() + ": " + e.displayText());
    }
    std::function<void(const std::string&)> walk = [&](const std::string& prefix) {
      Poco::Util::AbstractConfiguration::Keys keys;
      ini->keys(prefix, keys);
      for (const auto& k : keys) {
        const std::string full = prefix.empty() ? k : prefix + "." + k;
        if (ini->hasProperty(full)) {
          config.Set(full, ini->getRawString(full), file.string());
        } else if (k.empty()) {
          // A name with an empty part (".port", "http..port") is no key; walking into it would
          // come back to the same prefix without end.
          throw ConfigError("config: unknown key with an empty part after '" + prefix + "' (from " +
                            file.string() + ")");
        } else {
          walk(full);
        }
      }
    };
    walk("");
  }
  for (const auto& spec : kKeys) {
    const std::string name = EnvironmentName(spec.key);
    if (auto it = env.find(name); it != env.end()) config.Set(spec.key, it->second, name);
  }
  for (const auto& [name, value] : env) {
    bool known = false;
    for (const auto& spec : kKeys) known = known || EnvironmentName(spec.key) == name;
    // LUMBUNG_CONFIG names the file itself; test-only variables carry a TEST_ prefix.
    if (!known && name != "LUMBUNG_CONFIG" && name.rfind("LUMBUNG_TEST_", 0) != 0 &&
        name != "LUMBUNG_SHARE_DIR") {
      throw ConfigError("config: unknown environment variable " + name);
    }
  }
  if (auto it = env.find("LUMBUNG_SHARE_DIR");
      it != env.end() && !env.count("LUMBUNG_PATHS_SHARE")) {
    config.Set("paths.share", it->second, "LUMBUNG_SHARE_DIR");
  }
  return config;
}

const std::string& Config::String(const std::string& key) const {
  auto it = values_.find(key);
  if (it == values_.end()) throw ConfigError("config: no such key '" + key + "'");
  return it->second;
}

std::int64_t Config::Int(const std::string& key) const {
  const std::string& value = String(key);
  std::int64_t n = 0;
  std::from_chars(value.data(), value.data() + value.size(), n);
  return n;
}

bool Config::Bool(const std::string& key) const {
  return String(key) == "true";
}

std::filesystem::path Config::SharePath(const std::filesystem::path& relative) const {
  if (relative.is_absolute()) return relative;
  return std::filesystem::path(String("paths.share")) / relative;
}

std::map<std::string, std::string> LumbungEnvironment() {
  std::map<std::string, std::string> env;
  for (char** e = environ; e && *e; ++e) {
    std::string entry(*e);
    auto eq = entry.find('=');
    if (eq == std::string::npos) continue;
    std::string name = entry.substr(0, eq);
    if (name.rfind("LUMBUNG_", 0) == 0) env[name] = entry.substr(eq + 1);
  }
  return env;
}

}  // namespace lumbung::config
