#include "app/cli.h"

#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionProcessor.h>
#include <Poco/Util/OptionSet.h>
#include <sodium.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analytics/refresh.h"
#include "app/app.h"
#include "claims/routes.h"
#include "core/config/config.h"
#include "core/db/database.h"
#include "core/db/migrator.h"
#include "core/db/transaction.h"
#include "core/http/server.h"
#include "core/i18n/fund_time.h"
#include "core/mail/sender.h"
#include "core/mail/smtp_transport.h"
#include "core/security/sodium_ready.h"
#include "credentials/credentials_cli.h"
#include "demo/seed_demo.h"
#include "employers/payment_routes.h"
#include "employers/payments.h"
#include "identity/account_store.h"
#include "identity/identifier.h"
#include "ops/backup_cli.h"
#include "ops/maintenance.h"
#include "registry/rules.h"
#include "subsidy/routes.h"
#include "subsidy/subsidy_cli.h"
#include "support/routes.h"
#include "training/routes.h"
#include "training/training_store.h"

namespace lumbung::app {
namespace {

using Poco::Util::Option;
using Poco::Util::OptionSet;

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Command {
  std::string name;
  std::string usage;
  std::string summary;
  std::function<void(OptionSet&)> define;
  std::function<int(const config::Config&, const std::map<std::string, std::string>& options,
                    const std::vector<std::string>& args)>
      run;
};

std::vector<std::filesystem::path> MigrationDirectories(const config::Config& config) {
  std::vector<std::filesystem::path> dirs;
  std::error_code ec;
  // Features own their migrations (src/<feature>/migrations), and so do core services that
  // keep tables (src/core/<service>/migrations). Version numbers are unique across all.
  for (const auto& parent : {config.SharePath("src"), config.SharePath("src/core")}) {
    for (const auto& folder : std::filesystem::directory_iterator(parent, ec)) {
      if (std::filesystem::is_directory(folder.path() / "migrations")) {
        dirs.push_back(folder.path() / "migrations");
      }
    }
  }
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

db::DatabaseOptions DatabaseOptionsFrom(const config::Config& config) {
  db::DatabaseOptions options;
  options.pool_size = static_cast<std::size_t>(config.Int("database.pool_size"));
  return options;
}

std::unique_ptr<db::Database> OpenDatabase(const config::Config& config) {
  return std::make_unique<db::Database>(db::ParseDatabaseUrl(config.String("database.url")),
                                        DatabaseOptionsFrom(config));
}

int Migrate(const config::Config& config, const std::map<std::string, std::string>&,
            const std::vector<std::string>&) {
  auto database = OpenDatabase(config);
  const int applied = db::Migrate(*database, MigrationDirectories(config), std::cout);
  std::cout << "migrate: " << applied << " migration(s) applied to " << database->url().Redacted()
            << "\n";
  return 0;
}

long PositiveOption(const std::map<std::string, std::string>& options, const std::string& name,
                    long fallback, long max) {
  auto it = options.find(name);
  if (it == options.end()) return fallback;
  try {
    size_t used = 0;
    long value = std::stol(it->second, &used);
    if (used != it->second.size() || value < 1 || value > max) throw std::out_of_range(name);
    return value;
  } catch (const std::exception&) {
    throw UsageError("--" + name + " must be a whole number from 1 to " + std::to_string(max) +
                     ", not '" + it->second + "'");
  }
}

int SeedDemo(const config::Config& config, const std::map<std::string, std::string>& options,
             const std::vector<std::string>&) {
  demo::SeedOptions seed;
  seed.members = static_cast<int>(PositiveOption(options, "members", seed.members, 10'000'000));
  seed.employers =
      static_cast<int>(PositiveOption(options, "employers", seed.employers, 1'000'000));
  seed.years = static_cast<int>(PositiveOption(options, "years", seed.years, 40));
  if (options.count("seed")) {
    seed.seed = static_cast<std::uint64_t>(PositiveOption(options, "seed", 1, 1L << 62));
  }
  seed.if_empty = options.count("if-empty") > 0;
  auto rules = registry::RuleBook::LoadFile(config.SharePath(config.String("rules.file")));
  auto database = OpenDatabase(config);
  db::Migrate(*database, MigrationDirectories(config), std::cout);
  auto last_report = std::chrono::steady_clock::now();
  const auto stats = demo::SeedDemo(*database, rules, seed, [&](const demo::SeedProgress& p) {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_report < std::chrono::seconds(2)) return;
    last_report = now;
    std::cout << "seed-demo: " << p.members_done << "/" << p.members_total << " members, "
              << p.contribution_rows << " contribution rows\n"
              << std::flush;
  });
  std::cout << "seed-demo: " << stats.members << " members, " << stats.employers << " employers, "
            << stats.contributions << " contribution rows in " << stats.seconds << " s ("
            << static_cast<long>(stats.contribution_rows_per_second) << " contribution rows/s)\n";
  {
    // The training catalogue the demo members can apply to (nothing when one exists already).
    auto lease = database->Acquire();
    auto tx = db::Transaction::ForWriting(*lease);
    const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                                 std::chrono::system_clock::now().time_since_epoch())
                                 .count();
    const int programmes = training::SeedDemo(*lease, i18n::FundDayIso(now), now);
    tx.Commit();
    std::cout << "seed-demo: " << programmes << " training programmes\n";
  }
  return 0;
}

// `lumbung training add-provider --name NAME` prints the new provider's id;
// `lumbung training link-staff --email EMAIL --provider ID` lets a staff account with the
// training_provider role run that provider's programmes (one provider per account).
int Training(const config::Config& config, const std::map<std::string, std::string>& options,
             const std::vector<std::string>& args) {
  if (args.size() != 1 || (args[0] != "add-provider" && args[0] != "link-staff")) {
    throw UsageError("say 'add-provider --name NAME' or 'link-staff --email EMAIL --provider ID'");
  }
  auto database = OpenDatabase(config);
  db::Migrate(*database, MigrationDirectories(config), std::cerr);
  auto lease = database->Acquire();
  auto tx = db::Transaction::ForWriting(*lease);
  const std::int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count();
  if (args[0] == "add-provider") {
    const auto name = options.find("name");
    if (name == options.end() || name->second.empty()) throw UsageError("--name is required");
    const std::int64_t id = training::AddProvider(*lease, name->second, now);
    tx.Commit();
    std::cout << id << "\n";
    return 0;
  }
  const auto email_option = options.find("email");
  if (email_option == options.end()) throw UsageError("--email is required");
  const auto email = identity::NormaliseEmail(email_option->second);
  if (!email) throw UsageError("--email is not an e-mail address");
  const std::int64_t provider = PositiveOption(options, "provider", 0, 1L << 62);
  if (provider == 0) throw UsageError("--provider is required");
  const auto account = identity::FindAccountByEmail(*lease, *email);
  if (!account || account->role != "staff") {
    std::cerr << "lumbung training: no staff account has the address " << *email << "\n";
    return 1;
  }
  training::LinkProviderStaff(*lease, account->id, provider);
  tx.Commit();
  std::cout << "linked " << *email << " to provider " << provider << "\n";
  return 0;
}

int Maintenance(const config::Config& config, const std::map<std::string, std::string>& options,
                const std::vector<std::string>& args) {
  if (args.size() != 1 || (args[0] != "on" && args[0] != "off")) {
    throw UsageError("say 'on' or 'off'");
  }
  ops::MaintenanceState state;
  state.on = args[0] == "on";
  if (state.on && options.count("minutes")) {
    const long minutes = PositiveOption(options, "minutes", 30, 7 * 24 * 60);
    state.until_epoch_seconds = std::chrono::duration_cast<std::chrono::seconds>(
                                    std::chrono::system_clock::now().time_since_epoch())
                                    .count() +
                                minutes * 60;
  }
  auto database = OpenDatabase(config);
  db::Migrate(*database, MigrationDirectories(config), std::cout);
  ops::WriteMaintenance(*database, state);
  std::cout << "maintenance: " << (state.on ? "on" : "off") << "\n";
  return 0;
}

int Serve(const config::Config& config, const std::map<std::string, std::string>&,
          const std::vector<std::string>&) {
  auto database = OpenDatabase(config);
  if (config.Bool("database.migrate_on_start")) {
    db::Migrate(*database, MigrationDirectories(config), std::cout);
  }
  App app(config, *database);
  // The outbox is drained by every instance; claims are leased, so none sends a mail twice.
  std::unique_ptr<mail::Sender> sender;
  if (config.Bool("mail.deliver")) {
    mail::SmtpSettings smtp;
    smtp.host = config.String("smtp.host");
    smtp.port = static_cast<std::uint16_t>(config.Int("smtp.port"));
    smtp.starttls = config.Bool("smtp.starttls");
    smtp.username = config.String("smtp.username");
    smtp.password = config.String("smtp.password");
    smtp.from = config.String("smtp.from");
    smtp.timeout = std::chrono::seconds(config.Int("smtp.timeout_seconds"));
    mail::SenderOptions sender_options;
    sender_options.poll = std::chrono::seconds(config.Int("mail.poll_seconds"));
    sender = std::make_unique<mail::Sender>(
        *database, std::make_unique<mail::SmtpTransport>(std::move(smtp)), sender_options);
    sender->Start();
  }
  http::ServerOptions options;
  options.address = config.String("http.address");
  options.port = static_cast<std::uint16_t>(config.Int("http.port"));
  options.workers = static_cast<int>(config.Int("http.workers"));
  options.io_threads = static_cast<int>(config.Int("http.io_threads"));
  options.max_header_bytes = static_cast<std::size_t>(config.Int("http.max_header_bytes"));
  options.max_body_bytes = static_cast<std::size_t>(config.Int("http.max_body_bytes"));
  options.max_upload_bytes = static_cast<std::size_t>(config.Int("http.max_upload_bytes"));
  options.upload_paths = {"/employer/reports/",         employers::kPaymentUploadPath,
                          support::kMemberUploadPrefix, support::kStaffUploadPrefix,
                          claims::kMemberUploadPrefix,  claims::kStaffUploadPrefix,
                          subsidy::kBatchUploadPrefix,  subsidy::kListUploadPath};
  options.request_timeout = std::chrono::seconds(config.Int("http.request_timeout_seconds"));
  http::Server server(
      options, [&app](http::Request& r) { return app.Handle(r); },
      [&app](int status) { return app.ProtocolError(status); });
  server.SetInlineHandler([&app](http::Request& r) { return app.HandleInline(r); });
  const auto port = server.Listen();
  app.AttachServer(server);
  // Tests and scripts read this line to learn the port (http.port = 0 picks a free one).
  std::cout << "listening on http://" << options.address << ":" << port << std::endl;
  {
    // The analysts' figures are kept fresh by one job that waits when nothing changed.
    auto lease = database->Acquire();
    analytics::EnsureRefreshJob(lease.session(), static_cast<std::int64_t>(std::time(nullptr)));
  }
  app.StartJobs();
  server.Run();
  app.StopJobs();
  if (sender) sender->Stop();
  std::cout << "stopped" << std::endl;
  return 0;
}

std::string RequiredOption(const std::map<std::string, std::string>& options,
                           const std::string& name) {
  auto it = options.find(name);
  if (it == options.end() || it->second.empty()) throw UsageError("--" + name + " is required");
  return it->second;
}

// Staff and employer accounts: created here with an invitation mail to choose a password
// (members sign themselves up at /register); and the staff side of unlocking.
int User(const config::Config& config, const std::map<std::string, std::string>& options,
         const std::vector<std::string>& args) {
  if (args.size() != 1 || (args[0] != "add" && args[0] != "unlock" && args[0] != "disable" &&
                           args[0] != "enable" && args[0] != "reset-2fa")) {
    throw UsageError("say 'add', 'unlock', 'disable', 'enable' or 'reset-2fa'");
  }
  auto database = OpenDatabase(config);
  db::Migrate(*database, MigrationDirectories(config), std::cout);
  App app(config, *database);
  const std::string email = RequiredOption(options, "email");
  if (args[0] == "disable" || args[0] == "enable") {
    if (!app.identity().SetDisabledByEmail(email, args[0] == "disable")) {
      throw UsageError("no account has that e-mail address");
    }
    std::cout << "user " << args[0] << ": " << email << " is " << args[0] << "d\n";
    return 0;
  }
  if (args[0] == "reset-2fa") {
    // Only after the person's identity was checked another way (at a branch office, by video
    // call against the registry): the reason names that check and lands in the audit log.
    const std::string reason = RequiredOption(options, "reason");
    if (!app.identity().ResetSecondFactorsByEmail(email, reason)) {
      throw UsageError("no account has that e-mail address");
    }
    std::cout << "user reset-2fa: every second factor of " << email
              << " was removed, its sessions ended and the member was told by mail\n";
    return 0;
  }
  if (args[0] == "unlock") {
    if (!app.identity().UnlockByEmail(email))
      throw UsageError("no account has that e-mail address");
    std::cout << "user unlock: " << email << " may sign in again\n";
    return 0;
  }
  std::optional<std::int64_t> employer;
  if (options.count("employer")) employer = PositiveOption(options, "employer", 1, 1L << 62);
  // A staff member's NIK lets the claims workflow refuse their own or a relative's claim.
  std::string staff_nik;
  if (options.count("nik")) {
    staff_nik = options.at("nik");
    if (RequiredOption(options, "role") != "staff") throw UsageError("--nik is for staff only");
    if (staff_nik.size() != 16 || staff_nik.find_first_not_of("0123456789") != std::string::npos) {
      throw UsageError("--nik must be 16 digits");
    }
  }
  try {
    const auto id = app.identity().AddUser(
        RequiredOption(options, "role"), email, RequiredOption(options, "name"), employer,
        options.count("lang") ? options.at("lang") : "id",
        options.count("staff-roles") ? options.at("staff-roles") : "");
    if (!staff_nik.empty()) {
      auto lease = database->Acquire();
      identity::SetStaffNik(lease.session(), id, staff_nik);
    }
    std::cout << "user add: account " << id << " created; the invitation to choose a password "
              << "was mailed to " << email << "\n";
  } catch (const std::invalid_argument& e) {
    throw UsageError(e.what());
  }
  return 0;
}

// The partner bank's payment file: every payment applied to its bill by payment code
// (employers/payments.h). Progress goes to stderr; every unknown code and bad row, then the
// summary, to stdout. Exit 0 once the whole file was read (unknown codes and bad rows
// included), 1 when it could not be opened or read to its end.
int Payments(const config::Config& config, const std::map<std::string, std::string>&,
             const std::vector<std::string>& args) {
  if (args.size() != 2 || args[0] != "import") throw UsageError("say 'import FILE'");
  const std::string& file = args[1];
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) {
    std::cerr << "lumbung payments: " << file << " is a directory, not a payment file\n";
    return 1;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::cerr << "lumbung payments: cannot open " << file << ": " << std::strerror(errno) << "\n";
    return 1;
  }
  const auto size = std::filesystem::file_size(file, ec);
  auto database = OpenDatabase(config);
  db::Migrate(*database, MigrationDirectories(config), std::cerr);

  employers::ImportOptions options;
  options.keep_issues = 0;  // printed as they are found instead
  options.on_issue = [](const employers::ImportIssue& issue) {
    const auto& p = issue.payment;
    std::cout << "row " << issue.row_number << ": ";
    switch (issue.kind) {
      case employers::ImportIssue::Kind::kUnknownCode:
        std::cout << "unknown payment code " << p.payment_code << " (" << p.amount << " rupiah on "
                  << p.paid_on << ", bank reference " << p.bank_reference
                  << "): recorded without a bill\n";
        break;
      case employers::ImportIssue::Kind::kDuplicateDiffers:
        std::cout << "bank reference " << p.bank_reference
                  << " was imported before with another code, amount or date: not applied\n";
        break;
      case employers::ImportIssue::Kind::kBadRow: {
        std::cout << "bad row: ";
        for (std::size_t i = 0; i < issue.problems.size(); ++i) {
          std::cout << (i ? "; " : "") << employers::DescribePaymentIssue(issue.problems[i]);
        }
        std::cout << "\n";
        break;
      }
    }
  };
  auto last_report = std::chrono::steady_clock::now();
  const auto summary = employers::ImportPaymentFile(
      *database, in,
      [&](const employers::ImportProgress& p) {
        const auto now = std::chrono::steady_clock::now();
        if (now - last_report < std::chrono::seconds(2)) return;
        last_report = now;
        std::cerr << "payments import: " << p.rows << " rows";
        if (!ec && size > 0) std::cerr << " (" << (p.bytes * 100 / size) << "% of the file)";
        std::cerr << "\n" << std::flush;
      },
      std::nullopt, options);
  std::cout << "payments import: " << summary.rows << " rows read from " << file << "\n"
            << "  applied to part of a bill: " << summary.applied << "\n"
            << "  paid a bill in full:       " << summary.paid_in_full
            << " (overpaid: " << summary.overpaid << ")\n"
            << "  to bills already paid:     " << summary.already_paid << "\n"
            << "  duplicates (skipped):      " << summary.duplicates << "\n"
            << "  unknown payment codes:     " << summary.unknown_codes << "\n"
            << "  bad rows:                  " << summary.bad_rows << "\n"
            << "  rupiah applied:            " << summary.amount_applied << "\n"
            << "  rupiah credited:           " << summary.amount_credited << "\n"
            << "  rupiah with unknown codes: " << summary.amount_unknown << "\n";
  if (summary.file_error) {
    std::cerr << "lumbung payments: " << file << ": "
              << employers::DescribePaymentFileError(*summary.file_error)
              << (summary.rows > 0 ? " (the rows before it were imported; fix the file and "
                                     "import it again: those rows are then skipped as duplicates)"
                                   : "")
              << "\n";
    return 1;
  }
  return 0;
}

std::vector<Command> Commands() {
  return {
      {"serve", "serve [--config FILE]", "Serve the portal over HTTP until SIGINT/SIGTERM.",
       [](OptionSet&) {}, Serve},
      {"migrate", "migrate [--config FILE]", "Apply pending database migrations.",
       [](OptionSet&) {}, Migrate},
      {"seed-demo", "seed-demo [--members N] [--employers M] [--years Y] [--seed S] [--if-empty]",
       "Fill the registry with deterministic, realistic synthetic workers, employers and "
       "contributions.",
       [](OptionSet& set) {
         set.addOption(Option("members", "", "members to create (default 2000)").argument("N"));
         set.addOption(Option("employers", "", "employers to create (default 100)").argument("M"));
         set.addOption(Option("years", "", "years of history (default 10)").argument("Y"));
         set.addOption(Option("seed", "", "random seed (default 1)").argument("S"));
         set.addOption(Option("if-empty", "", "do nothing when the registry has members"));
       },
       SeedDemo},
      {"backup", "backup --to FILE [--pg-bindir DIR]",
       "Back up the database while the servers keep serving: SQLite through its online backup "
       "API, PostgreSQL through pg_dump; the file is mode 0600 (docs/operations.md, Backups).",
       ops::DefineBackupOptions, ops::RunBackupCommand},
      {"restore", "restore --from FILE [--force] [--pg-bindir DIR]",
       "Replace the database with a backup, all or nothing, then apply this release's "
       "migrations; refuses a database holding data without --force and a backup from a newer "
       "release (docs/operations.md, Backups).",
       ops::DefineRestoreOptions,
       [](const config::Config& config, const std::map<std::string, std::string>& options,
          const std::vector<std::string>& args) {
         return ops::RunRestoreCommand(config, MigrationDirectories(config), options, args);
       }},
      {"maintenance", "maintenance on|off [--minutes N]",
       "Switch maintenance mode for every instance sharing the database; --minutes announces "
       "when it ends.",
       [](OptionSet& set) {
         set.addOption(Option("minutes", "", "announced length of the maintenance").argument("N"));
       },
       Maintenance},
      {"user",
       "user add --role ROLE [--staff-roles R1,R2] [--nik NIK] --email ADDRESS --name NAME "
       "[--employer ID]\n"
       "                [--lang id|en]\n"
       "       user unlock|disable|enable --email ADDRESS\n"
       "       user reset-2fa --email ADDRESS --reason TEXT",
       "Create a staff or employer account (an invitation mail sets the password); end an "
       "account's sign-in lock; disable an account (its sessions end) or enable it again; "
       "remove every second factor of a member who lost them all (after checking who they are).",
       [](OptionSet& set) {
         set.addOption(
             Option("role", "", "employer_admin, employer_staff or staff").argument("ROLE"));
         set.addOption(Option("staff-roles", "",
                              "staff only, comma-separated: member_services, claims_verifier, "
                              "claims_approver, finance, subsidy_officer, content_editor, analyst, "
                              "training_provider, certifier, administrator")
                           .argument("R1,R2"));
         set.addOption(Option("nik", "",
                              "staff only: the person's NIK, so that they never handle their own "
                              "or a relative's claim")
                           .argument("NIK"));
         set.addOption(Option("email", "", "the account's e-mail address").argument("ADDRESS"));
         set.addOption(Option("name", "", "the name shown to the person").argument("NAME"));
         set.addOption(Option("employer", "", "employer id (employer roles only)").argument("ID"));
         set.addOption(
             Option("lang", "", "language of the mail: id (default) or en").argument("L"));
         set.addOption(Option("reason", "", "reset-2fa: how the person's identity was checked")
                           .argument("TEXT"));
       },
       User},
      {"payments", "payments import FILE",
       "Import the partner bank's payment file (CSV, docs/employers.md): apply each payment to "
       "its bill by payment code; list unknown codes and bad rows with their row numbers.",
       [](OptionSet&) {}, Payments},
      {"subsidy",
       "subsidy import-list --list NAME FILE\n"
       "       subsidy run --program YEAR [--dry-run]\n"
       "       subsidy diff --program YEAR [--run N] [--against M] [--after MEMBER]\n"
       "       subsidy confirm --run N",
       "The wage subsidy: replace an exclusion list (all or nothing); decide every member for a "
       "programme year (progress on stderr, resumable); who entered and who left since the "
       "previous run; confirm a run (docs/subsidy.md).",
       subsidy::DefineSubsidyOptions,
       [](const config::Config& config, const std::map<std::string, std::string>& options,
          const std::vector<std::string>& args) {
         auto database = OpenDatabase(config);
         db::Migrate(*database, MigrationDirectories(config), std::cerr);
         return subsidy::RunSubsidyCommand(*database, config, options, args);
       }},
      {"training",
       "training add-provider --name NAME\n"
       "       training link-staff --email EMAIL --provider ID",
       "Training providers: add one (prints its id); link a staff account with the "
       "training_provider role to the provider whose programmes it runs (docs/training.md).",
       [](OptionSet& set) {
         set.addOption(Option("name", "", "the provider's name").argument("NAME"));
         set.addOption(Option("email", "", "the staff account's e-mail").argument("EMAIL"));
         set.addOption(Option("provider", "", "the provider's id").argument("ID"));
       },
       Training},
      {"credentials",
       "credentials list-keys\n"
       "       credentials rotate-key [--alg RS256|EdDSA]\n"
       "       credentials withdraw-key --kid KID",
       "The fund's keys that sign verifiable certificates: list them; make a new signing key (the "
       "old ones stay published, so credentials they signed still verify); withdraw a "
       "compromised key (docs/credentials.md).",
       credentials::DefineCredentialsOptions,
       [](const config::Config& config, const std::map<std::string, std::string>& options,
          const std::vector<std::string>& args) {
         auto database = OpenDatabase(config);
         db::Migrate(*database, MigrationDirectories(config), std::cerr);
         return credentials::RunCredentialsCommand(*database, config, options, args);
       }},
  };
}

void PrintGeneralHelp(std::ostream& out) {
  out << "Usage: lumbung [--config FILE] COMMAND [options]\n\nCommands:\n";
  for (const auto& c : Commands()) out << "  " << c.name << "\t" << c.summary << "\n";
  out << "\n'lumbung COMMAND --help' describes a command. Configuration comes from --config FILE\n"
         "(or LUMBUNG_CONFIG), then LUMBUNG_* environment variables:\n";
  for (const auto& key : config::Config::Keys()) {
    out << "  " << key.key << " (" << config::Config::EnvironmentName(key.key) << ", default '"
        << key.default_value << "'): " << key.description << "\n";
  }
}

}  // namespace

int RunCli(int argc, char** argv) {
  try {
    security::internal::EnsureSodium();
  } catch (const std::exception&) {
    std::cerr << "lumbung: libsodium could not start\n";
    return 1;
  }
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string config_file;
  if (const char* env = std::getenv("LUMBUNG_CONFIG")) config_file = env;
  // Global options come before the command.
  size_t i = 0;
  for (; i < args.size(); ++i) {
    if (args[i] == "--config" && i + 1 < args.size()) {
      config_file = args[++i];
    } else if (args[i].rfind("--config=", 0) == 0) {
      config_file = args[i].substr(9);
    } else if (args[i] == "--help" || args[i] == "-h" || args[i] == "help") {
      PrintGeneralHelp(std::cout);
      return 0;
    } else {
      break;
    }
  }
  if (i == args.size()) {
    PrintGeneralHelp(std::cerr);
    return 2;
  }
  const std::string name = args[i++];
  const auto commands = Commands();
  auto command = std::find_if(commands.begin(), commands.end(),
                              [&](const Command& c) { return c.name == name; });
  if (command == commands.end()) {
    std::cerr << "lumbung: unknown command '" << name << "' (try lumbung --help)\n";
    return 2;
  }

  OptionSet set;
  set.addOption(Option("help", "h", "describe this command"));
  set.addOption(Option("config", "", "configuration file").argument("FILE"));
  command->define(set);
  std::map<std::string, std::string> options;
  std::vector<std::string> positional;
  try {
    Poco::Util::OptionProcessor processor(set);
    processor.setUnixStyle(true);
    for (; i < args.size(); ++i) {
      std::string option_name, value;
      if (processor.process(args[i], option_name, value)) {
        if (!option_name.empty()) options[option_name] = value;
      } else {
        positional.push_back(args[i]);
      }
    }
    processor.checkRequired();
  } catch (const Poco::Util::OptionException& e) {
    std::cerr << "lumbung " << name << ": " << e.displayText() << " (try lumbung " << name
              << " --help)\n";
    return 2;
  }
  if (options.count("help")) {
    Poco::Util::HelpFormatter help(set);
    help.setCommand("lumbung");
    help.setUsage(command->usage);
    help.setHeader(command->summary);
    help.setUnixStyle(true);
    help.format(std::cout);
    return 0;
  }
  if (options.count("config")) config_file = options["config"];

  try {
    const auto config = config::Config::Load(config_file, config::LumbungEnvironment());
    // Checked by the configuration already: one of the three zones.
    i18n::SetFundZone(*i18n::ParseFundZone(config.String("fund.time_zone")));
    return command->run(config, options, positional);
  } catch (const UsageError& e) {
    std::cerr << "lumbung " << name << ": " << e.what() << "\n";
    return 2;
  } catch (const config::ConfigError& e) {
    std::cerr << "lumbung: " << e.what() << "\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "lumbung " << name << ": " << e.what() << "\n";
    return 1;
  }
}

}  // namespace lumbung::app
