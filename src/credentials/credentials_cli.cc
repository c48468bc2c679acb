#include "credentials/credentials_cli.h"

#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>

#include <ctime>
#include <iostream>
#include <stdexcept>

#include "core/security/master_key.h"
#include "credentials/key_ring.h"

namespace lumbung::credentials {
namespace {

class Usage : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string Option(const std::map<std::string, std::string>& options, const std::string& name) {
  auto it = options.find(name);
  return it == options.end() ? "" : it->second;
}

std::string When(const std::optional<std::int64_t>& at) {
  if (!at) return "-";
  std::time_t t = static_cast<std::time_t>(*at);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

// The operator at the console: no account acts, the audit row says "the system".
audit::Event ByOperator() {
  return audit::Event{.user_agent = "lumbung credentials"};
}

std::int64_t Now() {
  return static_cast<std::int64_t>(std::time(nullptr));
}

}  // namespace

void DefineCredentialsOptions(Poco::Util::OptionSet& set) {
  set.addOption(
      Poco::Util::Option("alg", "", "rotate-key: RS256 (default) or EdDSA").argument("ALG"));
  set.addOption(
      Poco::Util::Option("kid", "", "withdraw-key: the key id to withdraw").argument("KID"));
}

int RunCredentialsCommand(db::Database& database, const config::Config& config,
                          const std::map<std::string, std::string>& options,
                          const std::vector<std::string>& args) {
  try {
    if (args.size() != 1) throw Usage("say list-keys, rotate-key or withdraw-key");
    const std::string& what = args[0];
    auto lease = database.Acquire();
    if (what == "list-keys") {
      std::cout << "kid\talg\tcreated\tretired\twithdrawn\n";
      for (const auto& key : ListKeys(*lease)) {
        std::cout << key.kid << "\t" << AlgorithmName(key.alg) << "\t" << When(key.created_at)
                  << "\t" << When(key.retired_at) << "\t" << When(key.withdrawn_at) << "\n";
      }
      return 0;
    }
    if (what == "rotate-key") {
      const std::string alg_text = Option(options, "alg");
      const auto alg =
          alg_text.empty() ? std::optional(Algorithm::kRs256) : ParseAlgorithm(alg_text);
      if (!alg) throw Usage("--alg must be RS256 or EdDSA");
      const std::string kid =
          RotateKey(*lease, security::MasterKeyFromConfig(config), Now(), ByOperator(), *alg);
      std::cout << "credentials rotate-key: " << AlgorithmName(*alg) << " key " << kid
                << " signs from now on; earlier keys stay published\n";
      return 0;
    }
    if (what == "withdraw-key") {
      const std::string kid = Option(options, "kid");
      if (kid.empty()) throw Usage("withdraw-key needs --kid KID");
      switch (WithdrawKey(*lease, kid, Now(), ByOperator())) {
        case WithdrawResult::kWithdrawn:
          std::cout << "credentials withdraw-key: " << kid
                    << " withdrawn; credentials it signed no longer verify\n";
          return 0;
        case WithdrawResult::kUnknownKid:
          std::cerr << "credentials withdraw-key: no key " << kid << "\n";
          return 1;
        case WithdrawResult::kAlreadyWithdrawn:
          std::cerr << "credentials withdraw-key: " << kid << " was already withdrawn\n";
          return 1;
      }
      return 1;
    }
    throw Usage("say list-keys, rotate-key or withdraw-key");
  } catch (const Usage& e) {
    std::cerr << "lumbung credentials: " << e.what() << " (try lumbung credentials --help)\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "lumbung credentials: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace lumbung::credentials
