#include "core/view/page.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <regex>
#include <set>

#include "core/security/csrf.h"
#include "core/security/tokens.h"

namespace lumbung::view {
namespace {

class StampedPageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* share = std::getenv("LUMBUNG_SHARE_DIR");
    ASSERT_NE(share, nullptr);
    catalogs_ = std::make_unique<i18n::Catalogs>(
        i18n::Catalogs::LoadDirectory(std::filesystem::path(share) / "locale"));
    assets_ =
        std::make_unique<Assets>(Assets::LoadDirectory(std::filesystem::path(share) / "static"));
    views_ = std::make_unique<Views>(
        share, *catalogs_, *assets_,
        FundInfo{"Dana Uji", "https://dana.example", "1500 000", "bantuan@dana.example", {}});
    request_.method = "GET";
    request_.target = request_.path = "/help";
    request_.lang = "id";
    request_.visitor.account_id = 7;
    request_.visitor.role = "member";
    request_.visitor.display_name = "Siti <Aminah>";
    request_.visitor.csrf_secret = security::NewToken(32);
    request_.visitor.idle_expires_at = 4102444800;  // 2100-01-01
  }

  static std::vector<std::string> CsrfFields(const std::string& html) {
    std::vector<std::string> found;
    const std::regex field(R"re(name="csrf" value="([^"]+)")re");
    for (std::sregex_iterator it(html.begin(), html.end(), field), end; it != end; ++it) {
      found.push_back((*it)[1]);
    }
    return found;
  }

  std::unique_ptr<i18n::Catalogs> catalogs_;
  std::unique_ptr<Assets> assets_;
  std::unique_ptr<Views> views_;
  http::Request request_;
};

TEST_F(StampedPageTest, FillingGivesThePageThatRenderingGivesSaveItsOwnCsrfMask) {
  mustache::data data{mustache::data::type::object};
  const StampedPage stamped = StampPage(request_, *views_, "help/contact", "help.title", data);
  EXPECT_GE(stamped.slots(), 4u);  // the layout's forms and the session notice
  const std::string filled = stamped.Fill(request_).body;
  const std::string rendered = Page(request_, *views_, "help/contact", "help.title", data).body;
  const std::regex mask(R"re(name="csrf" value="[^"]+")re");
  EXPECT_EQ(std::regex_replace(filled, mask, "csrf"), std::regex_replace(rendered, mask, "csrf"));
  EXPECT_EQ(filled.find('\x01'), std::string::npos);
}

TEST_F(StampedPageTest, EveryResponseHasAFreshMaskThatChecksAndOneMaskPerResponse) {
  mustache::data data{mustache::data::type::object};
  const StampedPage stamped = StampPage(request_, *views_, "help/contact", "help.title", data);
  std::set<std::string> masks;
  for (int i = 0; i < 5; ++i) {
    const auto fields = CsrfFields(stamped.Fill(request_).body);
    ASSERT_GE(fields.size(), 2u);
    for (const auto& f : fields) EXPECT_EQ(f, fields.front());  // like a rendered page
    EXPECT_TRUE(security::CheckCsrfToken(request_.visitor.csrf_secret, fields.front()));
    masks.insert(fields.front());
  }
  EXPECT_EQ(masks.size(), 5u);
}

TEST_F(StampedPageTest, ExpiryTimesFollowTheRequestNotThePageThatWasStamped) {
  mustache::data data{mustache::data::type::object};
  const StampedPage stamped = StampPage(request_, *views_, "help/contact", "help.title", data);
  http::Request later = request_;
  later.visitor.idle_expires_at += 3600;
  const std::string body = stamped.Fill(later).body;
  EXPECT_NE(body.find("data-session-seconds-left=\""), std::string::npos);
  EXPECT_EQ(body, [&] {
    std::string b = Page(later, *views_, "help/contact", "help.title", data).body;
    const std::regex mask(R"re(name="csrf" value="[^"]+")re");
    const std::string first = CsrfFields(body).front();
    return std::regex_replace(b, mask, "name=\"csrf\" value=\"" + first + "\"");
  }());
}

TEST(NavigationMarks, ThePageItselfIsThePageAndEachPageAboveItIsCurrent) {
  using Marks = std::map<std::string, std::string>;
  EXPECT_EQ(NavigationMarks("/"), (Marks{{"home", "page"}}));
  EXPECT_EQ(NavigationMarks("/dashboard"), (Marks{{"dashboard", "page"}}));
  EXPECT_EQ(NavigationMarks("/calculators/jht"),
            (Marks{{"calculators", "true"}, {"calculators_jht", "page"}}));
  EXPECT_EQ(NavigationMarks("/staff/security-reports"),
            (Marks{{"staff", "true"}, {"staff_security_reports", "page"}}));
  // Nothing a link could point at: no marks from odd paths.
  EXPECT_EQ(NavigationMarks(""), Marks{});
  EXPECT_EQ(NavigationMarks("help"), Marks{});
  EXPECT_EQ(NavigationMarks("//help"), Marks{});
  EXPECT_EQ(NavigationMarks("/help/"), (Marks{{"help", "true"}}));
  // Any byte outside a-z and 0-9 is "_", so a path can never name a key the template has not.
  EXPECT_EQ(NavigationMarks("/Help.x"), (Marks{{"_elp_x", "page"}}));
}

TEST(StampedPage, AStrayMarkStaysText) {
  const std::string html = std::string("a\x01") + "b" +
                           StampedPage::Placeholder(StampedPage::Slot::kIdleExpiresAt) + "\x01" +
                           "9\x01";
  http::Request request;
  request.visitor.idle_expires_at = 42;
  const StampedPage page(html, 200);
  EXPECT_EQ(page.slots(), 1u);
  EXPECT_EQ(page.Fill(request).body, std::string("a\x01") + "b42\x01" + "9\x01");
}

}  // namespace
}  // namespace lumbung::view
