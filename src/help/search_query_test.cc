#include "help/search_query.h"

#include <gtest/gtest.h>

namespace lumbung::help {
namespace {

using Terms = std::vector<std::string>;

TEST(SearchQuery, TermsAreWordsInOrderWithoutDuplicates) {
  EXPECT_EQ(SearchTerms("Lupa  kata-sandi? LUPA"), (Terms{"lupa", "kata", "sandi"}));
  EXPECT_EQ(SearchTerms("café Müller 2FA"), (Terms{"café", "müller", "2fa"}));
  EXPECT_EQ(SearchTerms("  ...!!  "), Terms{});
  EXPECT_EQ(SearchTerms("iuran😀jht"), (Terms{"iuran", "jht"}));
}

TEST(SearchQuery, TermsStopAtTheMaximum) {
  std::string many;
  for (int i = 0; i < 30; ++i) many += "w" + std::to_string(i) + " ";
  EXPECT_EQ(SearchTerms(many).size(), kMaxQueryTerms);
}

TEST(SearchQuery, InvalidUtf8SeparatesWords) {
  EXPECT_EQ(SearchTerms("abc\xff\xfe"
                        "def\xc3"),
            (Terms{"abc", "def"}));
}

// ASVS 5.3.4/5.3.7 (injection): the visitor's text is never query syntax.
TEST(SearchQuery, Asvs534Fts5OperatorsAndQuotesAreJustWords) {
  EXPECT_EQ(Fts5Query(SearchTerms("klaim \"jht\" OR NOT title:x* NEAR(a b)"), Match::kAll),
            "\"klaim\"* \"jht\"* \"or\"* \"not\"* \"title\"* \"x\"* \"near\"* \"a\"* \"b\"*");
  EXPECT_EQ(Fts5Query({"a", "b"}, Match::kAny), "\"a\"* OR \"b\"*");
  EXPECT_EQ(Fts5Query({}, Match::kAll), "");
  // Even a term holding a quote (SearchTerms never makes one) stays inside its string.
  EXPECT_EQ(Fts5Query({"a\"b"}, Match::kAll), "\"a\"\"b\"*");
}

TEST(SearchQuery, Asvs534TsQueryQuotesEveryTerm) {
  EXPECT_EQ(TsQuery(SearchTerms("daftar & akun | !x ' :*"), Match::kAll),
            "'daftar':* & 'akun':* & 'x':*");
  EXPECT_EQ(TsQuery({"a", "b"}, Match::kAny), "'a':* | 'b':*");
  EXPECT_EQ(TsQuery({"it's"}, Match::kAll), "'its':*");
}

TEST(SearchQuery, CheckQuery) {
  EXPECT_EQ(CheckQuery(""), QueryProblem::kEmpty);
  EXPECT_EQ(CheckQuery(" ?! "), QueryProblem::kEmpty);
  EXPECT_EQ(CheckQuery("klaim"), QueryProblem::kNone);
  EXPECT_EQ(CheckQuery(std::string(kMaxQueryChars, 'a')), QueryProblem::kNone);
  EXPECT_EQ(CheckQuery(std::string(kMaxQueryChars + 1, 'a')), QueryProblem::kTooLong);
  // Characters, not bytes: 200 two-byte letters are fine.
  std::string accents;
  for (std::size_t i = 0; i < kMaxQueryChars; ++i) accents += "é";
  EXPECT_EQ(CheckQuery(accents), QueryProblem::kNone);
}

// ASVS 5.3.3: the highlight is built from markers, then escaped; only <mark> is HTML.
TEST(SearchQuery, Asvs533HighlightEscapesEverythingButMarks) {
  const std::string marked = std::string("<b>a</b> ") + kMarkStart + "klaim" + kMarkEnd +
                             " & \"x\" " + kMarkStart + "<script>" + kMarkEnd;
  EXPECT_EQ(HighlightHtml(marked),
            "&lt;b&gt;a&lt;/b&gt; <mark>klaim</mark> &amp; &quot;x&quot; "
            "<mark>&lt;script&gt;</mark>");
}

TEST(SearchQuery, UnbalancedMarkersAreDropped) {
  EXPECT_EQ(HighlightHtml(std::string("a") + kMarkEnd + "b" + kMarkStart + "c"), "abc");
  EXPECT_EQ(HighlightHtml(std::string(1, kMarkStart) + kMarkStart + "x" + kMarkEnd + kMarkEnd),
            "<mark>x</mark>");
  EXPECT_EQ(HighlightHtml(""), "");
}

}  // namespace
}  // namespace lumbung::help
