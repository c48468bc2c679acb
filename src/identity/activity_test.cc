#include "identity/activity.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "core/i18n/catalog.h"

namespace lumbung::identity {
namespace {

const std::filesystem::path& Share() {
  static const std::filesystem::path dir = std::getenv("LUMBUNG_SHARE_DIR");
  return dir;
}

// Every audit action the sources write: the action argument of identity's Audit(sql, request,
// ...) and of a feature's XxxAudit(request, ...), and every `.action = ...` assignment or
// designated initialiser whose string literals look like audit actions ("login.failed", "logout";
// form actions are paths and start with '/'). The argument may be a choice between literals
// (`disabled ? "account.disabled" : ...`).
std::map<std::string, std::string> ActionsWrittenInSources() {
  const std::regex call(R"(\bAudit\(\s*sql\s*,\s*request\s*,\s*((?:[^,;"]|"[^"]*")*))");
  // A feature's own event maker, e.g. ClaimAudit(request, "claims.document_uploaded", claim).
  const std::regex maker(R"(\b[A-Z][A-Za-z]*Audit\(\s*request\s*,\s*((?:[^,;"]|"[^"]*")*))");
  const std::regex assignment(R"(\.action\s*=\s*((?:[^,;"]|"[^"]*")*))");
  const std::regex literal(R"("([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*)\")");
  std::map<std::string, std::string> found;  // action -> a file writing it
  for (const auto& entry : std::filesystem::recursive_directory_iterator(Share() / "src")) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".cc" || name.ends_with("_test.cc")) continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const std::string source = text.str();
    for (const std::regex* pattern : {&call, &maker, &assignment}) {
      for (std::sregex_iterator it(source.begin(), source.end(), *pattern), end; it != end; ++it) {
        const std::string argument = (*it)[1];
        for (std::sregex_iterator lit(argument.begin(), argument.end(), literal); lit != end;
             ++lit) {
          found.emplace((*lit)[1], entry.path().lexically_relative(Share()).string());
        }
      }
    }
  }
  return found;
}

TEST(Activity, TheSourceScanFindsActionsOfEveryFeature) {
  const auto written = ActionsWrittenInSources();
  // One from each way of writing them: identity's helper, a ternary, another feature's event.
  for (const char* action : {"login.failed", "account.disabled", "account.enabled", "card.created",
                             "profile.bank_changed", "logout"}) {
    EXPECT_TRUE(written.count(action)) << action;
  }
  EXPECT_FALSE(written.count("login")) << "form actions (paths) are not audit actions";
}

// ASVS 7.1 (a log members can read) and the catalogs rule: every action written anywhere is
// listed, so recent activity never shows a raw key such as card.created.
TEST(Activity, EveryActionWrittenInTheSourcesIsListed) {
  std::set<std::string_view> listed;
  for (const auto& a : ActivityActions()) listed.insert(a.action);
  for (const auto& [action, file] : ActionsWrittenInSources()) {
    EXPECT_TRUE(listed.count(action))
        << file << " writes the audit action \"" << action
        << "\": add it to identity/activity.cc and give it identity.activity." << action
        << " in locale/id.po and locale/en.po";
  }
}

TEST(Activity, EveryListedActionIsStillWritten) {
  const auto written = ActionsWrittenInSources();
  for (const auto& a : ActivityActions()) {
    EXPECT_TRUE(written.count(std::string(a.action))) << a.action << " is listed but never written";
  }
}

TEST(Activity, EveryListedActionHasTextInEveryCatalog) {
  const i18n::Catalogs catalogs = i18n::Catalogs::LoadDirectory(Share() / "locale");
  for (const std::string lang : {"id", "en"}) {
    const auto& all = catalogs.All(lang);
    EXPECT_TRUE(all.count("identity.activity.other")) << lang;
    for (const auto& a : ActivityActions()) {
      for (audit::Result result : {audit::Result::kOk, audit::Result::kDenied}) {
        const std::string id = ActivityTextId(a.action, result);
        EXPECT_TRUE(all.count(id)) << lang << ".po has no " << id;
      }
    }
  }
}

TEST(Activity, TextIds) {
  EXPECT_EQ(ActivityTextId("card.created", audit::Result::kOk), "identity.activity.card.created");
  EXPECT_EQ(ActivityTextId("login.refused", audit::Result::kDenied),
            "identity.activity.login.refused");
  EXPECT_EQ(ActivityTextId("login.email_code_sent", audit::Result::kDenied),
            "identity.activity_refused.login.email_code_sent");
  EXPECT_EQ(ActivityTextId("made.up", audit::Result::kOk), "identity.activity.other");
}

}  // namespace
}  // namespace lumbung::identity
