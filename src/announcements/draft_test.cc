#include "announcements/draft.h"

#include <gtest/gtest.h>

namespace lumbung::announcements {
namespace {

http::Fields Good() {
  return {{"title_id", "  Kantor tutup  "},
          {"title_en", "Office closed"},
          {"body_id", "Kantor cabang tutup.\r\nTerima kasih."},
          {"body_en", "Branch closed."},
          {"starts_on", "2026-03-01"},
          {"ends_on", "2026-03-31"},
          {"audience", "province"},
          {"province", "31"},
          {"send_mail", "1"}};
}

std::vector<std::string> Fields(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

TEST(DraftTest, ReadsAndTidiesTheForm) {
  const Draft d = ReadDraft(Good());
  EXPECT_EQ(d.title_id, "Kantor tutup");
  EXPECT_EQ(d.body_id, "Kantor cabang tutup.\nTerima kasih.");
  EXPECT_EQ(d.province_code, 31);
  EXPECT_TRUE(d.send_mail);
  EXPECT_TRUE(CheckDraft(d, "2026-02-20").empty());
}

TEST(DraftTest, EveryTextIsRequiredAndBounded) {
  auto fields = Good();
  fields[0].second = "";
  fields[1].second = std::string(kMaxTitleChars + 1, 'a');
  fields[3].second = "line\x01";
  const auto errors = CheckDraft(ReadDraft(fields), "2026-02-20");
  ASSERT_EQ(errors.size(), 3u);
  EXPECT_EQ(errors[0], (FieldError{"title_id", "announcements.error.title_empty"}));
  EXPECT_EQ(errors[1], (FieldError{"title_en", "announcements.error.title_too_long"}));
  EXPECT_EQ(errors[2], (FieldError{"body_en", "announcements.error.characters"}));
}

TEST(DraftTest, TitlesAreCountedInCharactersNotBytes) {
  auto fields = Good();
  std::string title;
  for (std::size_t i = 0; i < kMaxTitleChars; ++i) title += "é";
  fields[0].second = title;
  EXPECT_TRUE(CheckDraft(ReadDraft(fields), "2026-02-20").empty());
}

TEST(DraftTest, DatesMustBeRealInOrderAndNotOver) {
  auto fields = Good();
  fields[4].second = "2026-02-30";
  EXPECT_EQ(Fields(CheckDraft(ReadDraft(fields), "2026-02-20")),
            std::vector<std::string>{"starts_on"});
  fields = Good();
  fields[5].second = "2026-02-01";
  EXPECT_EQ(CheckDraft(ReadDraft(fields), "2026-01-20")[0].message_id,
            "announcements.error.ends_before_start");
  EXPECT_EQ(CheckDraft(ReadDraft(Good()), "2026-04-01")[0].message_id,
            "announcements.error.ends_past");
  EXPECT_FALSE(IsIsoDay("2026-3-01"));
  EXPECT_TRUE(IsIsoDay("2028-02-29"));
}

TEST(DraftTest, TheAudienceNeedsItsProvinceOrEmployer) {
  auto fields = Good();
  fields[7].second = "20";  // no province has code 20
  EXPECT_EQ(Fields(CheckDraft(ReadDraft(fields), "2026-02-20")),
            std::vector<std::string>{"province"});
  fields[6].second = "employer";
  fields.push_back({"employer", "12ab"});
  EXPECT_EQ(Fields(CheckDraft(ReadDraft(fields), "2026-02-20")),
            std::vector<std::string>{"employer"});
  fields.back().second = "1234abcd";  // upper-cased as NPPs are written
  EXPECT_EQ(ReadDraft(fields).employer_npp, "1234ABCD");
  EXPECT_TRUE(CheckDraft(ReadDraft(fields), "2026-02-20").empty());
  fields[6].second = "somebody";
  EXPECT_EQ(Fields(CheckDraft(ReadDraft(fields), "2026-02-20")),
            std::vector<std::string>{"audience"});
}

}  // namespace
}  // namespace lumbung::announcements
