// Passkeys (WebAuthn Level 2): adding, renaming and removing them on the security page,
// the second sign-in step with a passkey, and passwordless "Sign in with a passkey" on /login.
//
// Every ceremony is two POSTs from static/js/passkeys.js, so the pages work the same without
// it (the passkey buttons are `hidden` until the script finds WebAuthn in the browser):
//   1. <form action>/options: a fresh challenge (32 random bytes) is stored as a hash, bound to
//      the asking session's CSRF secret, for one purpose, for 5 minutes; the JSON answer is the
//      options for navigator.credentials.create/get.
//   2. <form action>: the browser's answer, posted as an ordinary form. The challenge is taken
//      (deleted) first, so an answer never works twice; then core/security/webauthn.h checks
//      origin, RP ID hash, flags, challenge and signature; then the sign counter is
//      compare-and-set, and a counter that went backwards flags the passkey and alerts the member.
// Failures redirect back with a translated message; the reason goes to the audit trail only.
#include <soci/soci.h>

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "core/audit/event.h"
#include "core/db/transaction.h"
#include "core/http/access.h"
#include "core/security/digest.h"
#include "core/security/encoding.h"
#include "core/security/tokens.h"
#include "core/security/webauthn.h"
#include "core/view/page.h"
#include "identity/account_store.h"
#include "identity/identity_impl.h"
#include "identity/passkey_store.h"
#include "identity/session_store.h"
#include "identity/throttle_store.h"
#include "identity/two_factor_store.h"

namespace lumbung::identity {
namespace {

constexpr std::int64_t kChallengeSeconds = 300;  // WebAuthn §15.1 recommends 5 to 10 minutes
constexpr std::size_t kMaxPasskeyName = 60;
constexpr int kOptionsPerMinute = 30;  // sign-in challenges per client address (a person needs 1)
constexpr std::size_t kMaxField = 16 * 1024;  // any posted WebAuthn value (an RSA signature is 512)
constexpr std::string_view kRegister = "register";
constexpr std::string_view kSignIn = "sign_in";
constexpr std::string_view kSecondFactor = "second_factor";

// The COSE algorithms offered, in order of preference: ES256, EdDSA, RS256.
constexpr int kAlgorithms[] = {-7, -8, -257};

std::string Binding(const http::Request& request) {
  return security::Sha256Hex("passkey:" + request.visitor.csrf_secret);
}

std::optional<std::string> CleanName(const std::string& typed) {
  std::string name = audit::CleanText(typed, kMaxPasskeyName);
  while (!name.empty() && name.back() == ' ') name.pop_back();
  while (!name.empty() && name.front() == ' ') name.erase(name.begin());
  if (name.empty()) return std::nullopt;
  return name;
}

// A posted base64url field decoded, or nullopt (missing, too long, not base64url).
std::optional<std::string> Decoded(const FormInput& input, std::string_view name) {
  const std::string text = input.Get(name);
  if (text.empty() || text.size() > kMaxField) return std::nullopt;
  return security::Base64UrlDecode(text);
}

// "internal,hybrid": only the transports WebAuthn defines, for allowCredentials hints.
std::string CleanTransports(const std::string& posted) {
  static constexpr std::string_view kKnown[] = {"usb",      "nfc",    "ble",
                                                "internal", "hybrid", "smart-card"};
  std::string out;
  std::size_t start = 0;
  while (start <= posted.size()) {
    std::size_t end = posted.find(',', start);
    if (end == std::string::npos) end = posted.size();
    const std::string one = posted.substr(start, end - start);
    for (auto known : kKnown) {
      if (one == known && out.find(one) == std::string::npos) out += (out.empty() ? "" : ",") + one;
    }
    start = end + 1;
  }
  return out;
}

nlohmann::json Descriptors(const std::vector<Passkey>& passkeys) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& p : passkeys) {
    nlohmann::json d = {{"type", "public-key"}, {"id", p.credential_id}};
    if (!p.transports.empty()) {
      nlohmann::json transports = nlohmann::json::array();
      std::size_t start = 0;
      while (start < p.transports.size()) {
        std::size_t end = p.transports.find(',', start);
        if (end == std::string::npos) end = p.transports.size();
        transports.push_back(p.transports.substr(start, end - start));
        start = end + 1;
      }
      d["transports"] = transports;
    }
    list.push_back(d);
  }
  return list;
}

}  // namespace

std::optional<security::RelyingParty> Identity::Impl::PasskeyRelyingParty() const {
  return security::RelyingPartyOf(settings.public_url);
}

PasskeyPlace Identity::Impl::PasskeysHere(const http::Request& request) const {
  return PasskeyPlaceFor(settings.public_url, request.Header("host"),
                         config.Bool("http.trusted_proxy"));
}

http::Response Identity::Impl::PasskeyChallenge(soci::session& sql, const http::Request& request,
                                                std::string_view purpose, std::int64_t account_id,
                                                nlohmann::json options) const {
  const std::int64_t now = Now();
  const std::string challenge = security::NewToken(32);  // base64url of 32 random bytes
  auto raw = security::Base64UrlDecode(challenge);
  PutPasskeyChallenge(sql, security::Sha256Hex(*raw), Binding(request), std::string(purpose),
                      account_id, now, now + kChallengeSeconds);
  options["challenge"] = challenge;
  options["timeout"] = kChallengeSeconds * 1000;
  return http::Response::Json(options.dump());
}

std::optional<security::Expected> Identity::Impl::TakeChallengeOf(
    soci::session& sql, const http::Request& request, std::string_view purpose,
    const std::string& client_data, std::string* challenge_storage) const {
  auto challenge = security::ClientDataChallenge(client_data);
  if (!challenge || challenge->empty()) return std::nullopt;
  if (!TakePasskeyChallenge(sql, security::Sha256Hex(*challenge), Binding(request),
                            std::string(purpose), Now())) {
    return std::nullopt;
  }
  *challenge_storage = *challenge;
  security::Expected expected;
  expected.challenge = *challenge_storage;
  return expected;
}

void Identity::Impl::AddPasskeysToSecurityPage(soci::session& sql, const http::Request& request,
                                               const Account& account,
                                               view::mustache::data& page) const {
  view::mustache::data rows{view::mustache::data::type::list};
  const auto passkeys = ListPasskeys(sql, account.id);
  // Staff and employer administrators keep at least one second factor.
  const bool can_remove_last =
      !TwoFactorRequired(account) || !ListSecondFactors(sql, account.id).empty();
  for (const auto& p : passkeys) {
    view::mustache::data row{view::mustache::data::type::object};
    row.set("id", std::to_string(p.id));
    row.set("name", p.name);
    row.set("added", When(request, p.created_at));
    row.set("used", p.last_used_at ? When(request, p.last_used_at) : "–");
    row.set("flagged", p.flagged_at != 0);
    row.set("removable", passkeys.size() > 1 || can_remove_last);
    rows.push_back(row);
  }
  page.set("passkeys", rows);
  page.set("has_passkeys", !passkeys.empty());
  // Adding is offered only where the browser's passkey would be accepted; elsewhere one
  // sentence says why (and where it works).
  switch (PasskeysHere(request)) {
    case PasskeyPlace::kAvailable:
      page.set("passkeys_available", true);
      break;
    case PasskeyPlace::kOtherAddress:
      page.set("passkeys_unavailable", T(request, "identity.passkey.unavailable.other_address"));
      page.set("passkeys_elsewhere", PasskeyRelyingParty()->origin + "/account/security");
      break;
    case PasskeyPlace::kNotSecure:
      page.set("passkeys_unavailable", Tf(request, "identity.passkey.unavailable.not_secure",
                                          {{"address", settings.public_url}}));
      break;
    case PasskeyPlace::kNoHostName:
      page.set("passkeys_unavailable", Tf(request, "identity.passkey.unavailable.ip_address",
                                          {{"address", settings.public_url}}));
      break;
  }
  const std::string notice = request.Query("notice").value_or("");
  for (std::string_view known : {"passkey_added", "passkey_removed", "passkey_renamed"}) {
    if (notice == known) page.set("notice", T(request, "identity.passkey.notice." + notice));
  }
  const std::string error = request.Query("passkey_error").value_or("");
  for (std::string_view known : {"failed", "name", "exists"}) {
    if (error == known) page.set("passkey_error", T(request, "identity.passkey.error." + error));
  }
}

void Identity::Impl::AddPasskeyRoutes(http::Router& router) {
  // ---- Adding a passkey (security page; step-up, ASVS 3.7.1) ----
  router.Post("/account/passkeys/options",
              http::RecentlyAuthenticated(
                  [this](http::Request& request) {
                    auto rp = PasskeyRelyingParty();
                    if (!rp) return http::Response::Error(404);
                    auto lease = database.Acquire();
                    soci::session& sql = lease.session();
                    auto tx = db::Transaction::ForWriting(sql);
                    auto account = FindAccountById(sql, request.visitor.account_id);
                    if (!account) return http::Response::Error(403);
                    const std::string handle = UserHandleFor(sql, account->id);
                    nlohmann::json params = nlohmann::json::array();
                    for (int alg : kAlgorithms)
                      params.push_back({{"type", "public-key"}, {"alg", alg}});
                    nlohmann::json options = {
                        {"rp", {{"id", rp->id}, {"name", fund_name}}},
                        {"user",
                         {{"id", handle},
                          {"name", account->email},
                          {"displayName", account->display_name}}},
                        {"pubKeyCredParams", params},
                        {"excludeCredentials", Descriptors(ListPasskeys(sql, account->id))},
                        {"authenticatorSelection",
                         {{"residentKey", "required"},
                          {"requireResidentKey", true},
                          {"userVerification", "preferred"}}},
                        {"attestation", "none"}};
                    auto response = PasskeyChallenge(sql, request, kRegister, account->id, options);
                    tx.Commit();
                    return response;
                  },
                  "/account/security"));

  router.Post(
      "/account/passkeys",
      http::RecentlyAuthenticated(
          [this](http::Request& request) {
            const FormInput input(request);
            auto rp = PasskeyRelyingParty();
            if (!rp) return http::Response::Error(404);
            const auto back = [](std::string_view error) {
              return http::Response::Redirect(
                  "/account/security?passkey_error=" + std::string(error) + "#passkeys");
            };
            auto name = CleanName(input.Get("name"));
            if (!name) return back("name");
            auto client_data = Decoded(input, "client_data");
            auto attestation = Decoded(input, "attestation");
            auto lease = database.Acquire();
            soci::session& sql = lease.session();
            auto tx = db::Transaction::ForWriting(sql);
            auto account = FindAccountById(sql, request.visitor.account_id);
            if (!account) return http::Response::Error(403);
            std::string challenge;
            std::optional<security::Expected> expected;
            if (client_data && attestation) {
              expected = TakeChallengeOf(sql, request, kRegister, *client_data, &challenge);
            }
            security::Registration result;
            result.error = security::WebAuthnError::kWrongChallenge;
            if (!client_data || !attestation) result.error = security::WebAuthnError::kMalformed;
            if (expected) {
              expected->type = "webauthn.create";
              expected->origin = rp->origin;
              expected->rp_id = rp->id;
              result = security::VerifyRegistration(*client_data, *attestation, *expected);
            }
            if (result.error != security::WebAuthnError::kNone) {
              Audit(sql, request, "passkey.add_failed", audit::Result::kDenied, account->id,
                    account->id,
                    {{"reason", std::string(security::WebAuthnErrorName(result.error))}});
              tx.Commit();
              return back("failed");
            }
            Passkey passkey;
            passkey.account_id = account->id;
            passkey.credential_id = security::Base64UrlEncode(result.auth_data.credential_id);
            passkey.public_key = security::Base64UrlEncode(result.auth_data.credential_key_cbor);
            passkey.algorithm = static_cast<int>(result.auth_data.credential_key->algorithm);
            passkey.sign_count = result.auth_data.sign_count;
            passkey.transports = CleanTransports(input.Get("transports"));
            passkey.name = *name;
            passkey.created_at = Now();
            if (!AddPasskey(sql, passkey)) {
              tx.Commit();  // the challenge stays spent
              return back("exists");
            }
            SendMail(sql, *account, "passkey_added", settings.public_url + "/account/security",
                     true, {{"passkey", passkey.name}});
            Audit(sql, request, "passkey.added", audit::Result::kOk, account->id, account->id,
                  {{"passkey", std::to_string(passkey.id)},
                   {"algorithm", std::to_string(passkey.algorithm)}});
            tx.Commit();
            return http::Response::Redirect("/account/security?notice=passkey_added#passkeys");
          },
          "/account/security"));

  router.Post(
      "/account/passkeys/rename", http::SignedIn([this](http::Request& request) {
        const FormInput input(request);
        auto name = CleanName(input.Get("name"));
        std::int64_t id = 0;
        try {
          id = std::stoll(input.Get("passkey"));
        } catch (const std::exception&) {
          id = 0;
        }
        if (!name) {
          return http::Response::Redirect("/account/security?passkey_error=name#passkeys");
        }
        auto lease = database.Acquire();
        soci::session& sql = lease.session();
        auto tx = db::Transaction::ForWriting(sql);
        if (!RenamePasskey(sql, request.visitor.account_id, id, *name)) {
          return http::Response::Error(404);
        }
        Audit(sql, request, "passkey.renamed", audit::Result::kOk, request.visitor.account_id,
              request.visitor.account_id, {{"passkey", std::to_string(id)}});
        tx.Commit();
        return http::Response::Redirect("/account/security?notice=passkey_renamed#passkeys");
      }));

  router.Post(
      "/account/passkeys/remove",
      http::RecentlyAuthenticated(
          [this](http::Request& request) {
            const FormInput input(request);
            std::int64_t id = 0;
            try {
              id = std::stoll(input.Get("passkey"));
            } catch (const std::exception&) {
              id = 0;
            }
            auto lease = database.Acquire();
            soci::session& sql = lease.session();
            auto tx = db::Transaction::ForWriting(sql);
            auto account = FindAccountById(sql, request.visitor.account_id);
            if (!account) return http::Response::Error(403);
            auto passkey = FindPasskey(sql, account->id, id);
            if (!passkey) return http::Response::Error(404);
            if (TwoFactorRequired(*account) && ListSecondFactors(sql, account->id).empty() &&
                ListPasskeys(sql, account->id).size() <= 1) {
              return http::Response::Error(403);  // the last factor of a staff account stays
            }
            RemovePasskey(sql, account->id, id);
            SendMail(sql, *account, "passkey_removed", settings.public_url + "/account/security",
                     true, {{"passkey", passkey->name}});
            Audit(sql, request, "passkey.removed", audit::Result::kOk, account->id, account->id,
                  {{"passkey", std::to_string(id)}});
            tx.Commit();
            return http::Response::Redirect("/account/security?notice=passkey_removed#passkeys");
          },
          "/account/security"));

  // ---- Signing in with a passkey ----
  // Options for the passwordless sign-in (discoverable credentials: no allow list, user
  // verification required) or for the second step (the pending account's passkeys).
  router.Post("/login/passkey/options", [this](http::Request& request) {
    auto rp = PasskeyRelyingParty();
    if (!rp || request.visitor.signed_in()) return http::Response::Error(404);
    auto lease = database.Acquire();
    soci::session& sql = lease.session();
    auto tx = db::Transaction::ForWriting(sql);
    // Anyone may ask: a client address gets a bounded number of challenges a minute.
    if (!TakeRateLimit(sql, "passkey:ip:" + request.remote_ip, kOptionsPerMinute, 60, Now())) {
      tx.Commit();
      return http::Response::Error(429);
    }
    nlohmann::json options = {{"rpId", rp->id}, {"userVerification", "required"}};
    auto response = PasskeyChallenge(sql, request, kSignIn, 0, options);
    tx.Commit();
    return response;
  });

  router.Post("/login/second-factor/passkey/options", [this](http::Request& request) {
    auto rp = PasskeyRelyingParty();
    if (!rp || request.visitor.pending_stage != kStageSecondFactor) {
      return http::Response::Error(404);
    }
    auto lease = database.Acquire();
    soci::session& sql = lease.session();
    auto tx = db::Transaction::ForWriting(sql);
    const std::int64_t account_id = request.visitor.pending_account_id;
    nlohmann::json options = {{"rpId", rp->id},
                              {"userVerification", "preferred"},
                              {"allowCredentials", Descriptors(ListPasskeys(sql, account_id))}};
    auto response = PasskeyChallenge(sql, request, kSecondFactor, account_id, options);
    tx.Commit();
    return response;
  });

  // The assertion checks shared by both sign-in routes. `account_id` 0: passwordless (the
  // account comes from the user handle). Returns the account on success; on failure, audits the
  // reason in the caller's transaction and returns nullopt.
  const auto check_assertion = [this](soci::session& sql, const http::Request& request,
                                      std::string_view purpose,
                                      std::int64_t account_id) -> std::optional<Account> {
    const FormInput input(request);
    const std::int64_t now = Now();
    auto rp = PasskeyRelyingParty();
    auto client_data = Decoded(input, "client_data");
    auto authenticator_data = Decoded(input, "authenticator_data");
    auto signature = Decoded(input, "signature");
    const std::string credential_id = input.Get("credential_id");
    std::string reason = "malformed";
    std::optional<Passkey> passkey;
    std::string challenge;
    std::optional<security::Expected> expected;
    if (rp && client_data && authenticator_data && signature && !credential_id.empty() &&
        credential_id.size() <= kMaxField) {
      expected = TakeChallengeOf(sql, request, purpose, *client_data, &challenge);
      if (!expected) reason = "wrong_challenge";
    }
    if (expected) {
      passkey = FindPasskeyByCredential(sql, credential_id);
      reason = "unknown_passkey";
      if (passkey && account_id == 0) {
        // Passwordless: the user handle must be the owner's (WebAuthn §7.2 step 6).
        auto handle = Decoded(input, "user_handle");
        auto owner =
            handle ? AccountOfUserHandle(sql, security::Base64UrlEncode(*handle)) : std::nullopt;
        if (!owner || *owner != passkey->account_id) passkey.reset();
      } else if (passkey && passkey->account_id != account_id) {
        passkey.reset();
      }
    }
    if (passkey && passkey->flagged_at != 0) {
      reason = "flagged";
      passkey.reset();
    }
    std::optional<Account> account;
    if (passkey) {
      account = FindAccountById(sql, passkey->account_id);
      auto key =
          security::ParseCoseKeyBytes(security::Base64UrlDecode(passkey->public_key).value_or(""));
      expected->type = "webauthn.get";
      expected->origin = rp->origin;
      expected->rp_id = rp->id;
      expected->require_user_verification = purpose == kSignIn;
      security::Assertion result;
      result.error = security::WebAuthnError::kUnsupportedKey;
      if (key) {
        result =
            security::VerifyAssertion(*client_data, *authenticator_data, *signature, *key,
                                      static_cast<std::uint32_t>(passkey->sign_count), *expected);
      }
      reason = std::string(security::WebAuthnErrorName(result.error));
      if (result.error == security::WebAuthnError::kNone && result.counter_regressed) {
        // WebAuthn §6.1.1: maybe a cloned authenticator. The passkey stops working and the
        // member hears of it; the other ways to sign in still work.
        FlagPasskey(sql, passkey->id, now);
        if (account) {
          SendMail(sql, *account, "passkey_counter", settings.public_url + "/account/security",
                   true, {{"passkey", passkey->name}});
        }
        Audit(sql, request, "passkey.counter_regressed", audit::Result::kDenied,
              passkey->account_id, passkey->account_id,
              {{"passkey", std::to_string(passkey->id)},
               {"stored", std::to_string(passkey->sign_count)},
               {"presented", std::to_string(result.sign_count)}});
        return std::nullopt;
      }
      if (result.error == security::WebAuthnError::kNone &&
          !RecordPasskeyUse(sql, passkey->id, passkey->sign_count, result.sign_count, now)) {
        reason = "raced";
      } else if (result.error == security::WebAuthnError::kNone && account) {
        return account;
      }
    }
    const std::optional<std::int64_t> subject = passkey      ? std::optional(passkey->account_id)
                                                : account_id ? std::optional(account_id)
                                                             : std::nullopt;
    Audit(sql, request, "login.passkey_failed", audit::Result::kDenied, std::nullopt, subject,
          {{"reason", reason}, {"step", std::string(purpose)}});
    return std::nullopt;
  };

  router.Post("/login/passkey", [this, check_assertion](http::Request& request) {
    const std::string next = NextTarget(FormInput(request).Get("next"));
    if (request.visitor.signed_in()) return http::Response::Redirect(next);
    auto lease = database.Acquire();
    soci::session& sql = lease.session();
    auto tx = db::Transaction::ForWriting(sql);
    auto account = check_assertion(sql, request, kSignIn, 0);
    if (account) {
      // The same account checks as after a right password (sign_in_routes.cc).
      const bool usable = (account->state == "active" ||
                           (account->state == "locked" && account->locked_until <= Now())) &&
                          !account->must_reset;
      if (!usable) {
        Audit(sql, request, "login.refused", audit::Result::kDenied, std::nullopt, account->id,
              {{"reason", account->state == "active" ? "must_reset" : account->state},
               {"method", "passkey"}});
        account.reset();
      }
    }
    if (!account) {
      tx.Commit();
      return http::Response::Redirect("/login?passkey_error=1&next=" + http::PercentEncode(next));
    }
    auto response = http::Response::Redirect(next);
    CompleteSignIn(sql, request, response, *account, "passkey");
    tx.Commit();
    return response;
  });

  router.Post("/login/second-factor/passkey", [this, check_assertion](http::Request& request) {
    if (request.visitor.pending_stage != kStageSecondFactor) {
      return http::Response::Redirect(request.visitor.session_expired ? "/login?reason=expired"
                                                                      : "/login");
    }
    const std::string next = NextTarget(FormInput(request).Get("next"));
    auto lease = database.Acquire();
    soci::session& sql = lease.session();
    auto tx = db::Transaction::ForWriting(sql);
    auto account = check_assertion(sql, request, kSecondFactor, request.visitor.pending_account_id);
    if (!account) {
      tx.Commit();
      return http::Response::Redirect("/login/second-factor?passkey_error=1&next=" +
                                      http::PercentEncode(next));
    }
    auto response = http::Response::Redirect(next);
    CompleteSignIn(sql, request, response, *account, "password+passkey");
    tx.Commit();
    return response;
  });
}

view::ButtonForm Identity::Impl::PasskeyButton(const http::Request& request, bool second_factor,
                                               const std::string& next) const {
  return view::ButtonForm{
      .action = second_factor ? "/login/second-factor/passkey" : "/login/passkey",
      .label = T(request, second_factor ? "identity.passkey.use" : "identity.passkey.sign_in"),
      .hidden = {{"next", next}},
      .enhance = "passkey-get"};
}

}  // namespace lumbung::identity
