#include "subsidy/exclusion_list.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "registry/nik.h"

namespace lumbung::subsidy {
namespace {

using std::chrono::year;
using ::testing::ElementsAre;

// Real-looking NIKs: Jakarta Selatan, born 15 March 1985 (a man) and 7 July 1990 (a woman).
const std::string kA = registry::MakeNik(31, 74, 1, year{1985} / 3 / 15, registry::Sex::kMale, 1);
const std::string kB = registry::MakeNik(32, 73, 5, year{1990} / 7 / 7, registry::Sex::kFemale, 42);

TEST(SubsidyExclusionList, OneNikPerLineWithCommentsBlanksAndBothLineEnds) {
  const std::string text =
      "# PKH recipients, 2025 list\n" + kA + "\r\n\n   \t\n  " + kB + "  \n# the end";
  const ExclusionList list = ParseExclusionList(text);
  EXPECT_TRUE(list.ok());
  EXPECT_THAT(list.niks, ElementsAre(kA, kB));
}

TEST(SubsidyExclusionList, ByteOrderMarkAtTheStartOnly) {
  EXPECT_THAT(ParseExclusionList("\xEF\xBB\xBF" + kA + "\n").niks, ElementsAre(kA));
  const ExclusionList misplaced = ParseExclusionList(kA + "\n\xEF\xBB\xBF" + kB + "\n");
  EXPECT_FALSE(misplaced.ok());
  EXPECT_THAT(misplaced.errors, ElementsAre(ListLineError{2, ListLineProblem::kMisplacedBom}));
  EXPECT_TRUE(misplaced.niks.empty()) << "refused whole";
}

TEST(SubsidyExclusionList, ErrorsNameTheLine) {
  std::string bad_date = kA;
  bad_date[8] = '1';
  bad_date[9] = '3';                                       // month 13
  const std::string text = kA + "\n" +                     // 1
                           "12345\n" +                     // 2
                           "1074010101850001\n" +          // 3 province 10 does not exist
                           "3100010101850001\n" +          // 4 regency 00
                           bad_date + "\n" +               // 5
                           kA.substr(0, 12) + "0000\n" +   // 6 serial 0000
                           "# komentar \xC3\xA9 baik\n" +  // 7 UTF-8 comment: fine
                           "# \xC3\x28 rusak\n" +          // 8 not UTF-8
                           kB + " x\n";                    // 9
  const ExclusionList list = ParseExclusionList(text);
  EXPECT_FALSE(list.ok());
  EXPECT_THAT(list.errors, ElementsAre(ListLineError{2, ListLineProblem::kNotSixteenDigits},
                                       ListLineError{3, ListLineProblem::kUnknownProvince},
                                       ListLineError{4, ListLineProblem::kBadRegencyOrDistrict},
                                       ListLineError{5, ListLineProblem::kBadBirthDate},
                                       ListLineError{6, ListLineProblem::kBadSerial},
                                       ListLineError{8, ListLineProblem::kNotUtf8},
                                       ListLineError{9, ListLineProblem::kNotSixteenDigits}));
  EXPECT_EQ(list.error_count, 7);
  EXPECT_TRUE(list.niks.empty());
}

TEST(SubsidyExclusionList, StrayCarriageReturnAndLongLines) {
  const ExclusionList mac = ParseExclusionList(kA + "\r" + kB + "\r");
  EXPECT_THAT(mac.errors, ElementsAre(ListLineError{1, ListLineProblem::kStrayCarriageReturn}));
  const ExclusionList long_line = ParseExclusionList(kA + "\n" + std::string(5000, '1') + "\n");
  EXPECT_THAT(long_line.errors, ElementsAre(ListLineError{2, ListLineProblem::kTooLong}));
}

TEST(SubsidyExclusionList, DuplicatesAreKeptOnceAndCounted) {
  const ExclusionList list = ParseExclusionList(kA + "\n" + kB + "\n" + kA + "\n");
  EXPECT_TRUE(list.ok());
  EXPECT_THAT(list.niks, ElementsAre(kA, kB));
  EXPECT_EQ(list.duplicates, 1);
}

TEST(SubsidyExclusionList, EmptyFileIsAnEmptyList) {
  EXPECT_TRUE(ParseExclusionList("").ok());
  EXPECT_TRUE(ParseExclusionList("").niks.empty());
  EXPECT_TRUE(ParseExclusionList("\xEF\xBB\xBF").ok());
  EXPECT_TRUE(ParseExclusionList("\n\n# nothing\n").niks.empty());
}

// The file arrives in pieces of any size: one byte at a time gives the same answer as the
// whole, BOM, CRLF and UTF-8 split across chunks included.
TEST(SubsidyExclusionList, StreamsInChunksOfAnySize) {
  const std::string text = "\xEF\xBB\xBF# daftar \xC3\xA9\r\n" + kA + "\r\n" + kB + "\r\n12\r\n";
  const ExclusionList whole = ParseExclusionList(text);
  for (std::size_t size : {1, 2, 3, 5, 17, 1000}) {
    std::vector<std::pair<std::string, std::int64_t>> seen;
    ExclusionListParser parser(
        [&](std::string_view nik, std::int64_t line) { seen.emplace_back(nik, line); });
    for (std::size_t at = 0; at < text.size(); at += size) parser.Feed(text.substr(at, size));
    parser.Finish();
    EXPECT_EQ(parser.errors(), whole.errors) << size;
    EXPECT_THAT(seen, ElementsAre(std::pair<std::string, std::int64_t>{kA, 2},
                                  std::pair<std::string, std::int64_t>{kB, 3}))
        << size;
    EXPECT_EQ(parser.line_count(), 4);
    EXPECT_EQ(parser.nik_count(), 2);
    EXPECT_FALSE(parser.ok());
  }
  EXPECT_THAT(whole.errors, ElementsAre(ListLineError{4, ListLineProblem::kNotSixteenDigits}));
}

TEST(SubsidyExclusionList, ManyErrorsAreCountedButFewAreKept) {
  std::string text;
  for (std::size_t i = 0; i < kMaxReportedErrors + 50; ++i) text += "x\n";
  const ExclusionList list = ParseExclusionList(text);
  EXPECT_EQ(list.errors.size(), kMaxReportedErrors);
  EXPECT_EQ(list.error_count, static_cast<std::int64_t>(kMaxReportedErrors + 50));
}

TEST(SubsidyExclusionList, ProblemNames) {
  EXPECT_EQ(ListLineProblemName(ListLineProblem::kNotSixteenDigits), "not_sixteen_digits");
  EXPECT_EQ(ListLineProblemName(ListLineProblem::kMisplacedBom), "misplaced_bom");
}

}  // namespace
}  // namespace lumbung::subsidy
