#include "profile/holder_name.h"

#include <gtest/gtest.h>

namespace lumbung::profile {
namespace {

using Words = std::vector<std::string>;

TEST(ComparableNameWords, LowerCaseWordsWithoutTitlesAndWithOneSpellingOfMuhammadAndAbdul) {
  EXPECT_EQ(ComparableNameWords("Siti Rahayu"), (Words{"siti", "rahayu"}));
  EXPECT_EQ(ComparableNameWords("  SITI   RAHAYU "), (Words{"siti", "rahayu"}));
  EXPECT_EQ(ComparableNameWords("Ir. H. Moh. Budi Santoso, S.T., M.M."),
            (Words{"muhammad", "budi", "santoso"}));
  EXPECT_EQ(ComparableNameWords("Prof. Dr. Hj. Nur'aini Abd. Rahman, S.Kom., M.Kom., Ph.D."),
            (Words{"nuraini", "abdul", "rahman"}));
  EXPECT_EQ(ComparableNameWords("Bpk Joko-Susilo"), (Words{"joko", "susilo"}));
  EXPECT_EQ(ComparableNameWords("Nur\xE2\x80\x99"
                                "aini"),
            (Words{"nuraini"}))
      << "a typographic apostrophe like a plain one";
  EXPECT_EQ(ComparableNameWords(""), Words{});
  EXPECT_EQ(ComparableNameWords(" . , - "), Words{});
}

TEST(ComparableNameWords, TheFirstWordOfTheNameItselfIsNeverDropped) {
  EXPECT_EQ(ComparableNameWords("Ibu"), (Words{"ibu"}));
  EXPECT_EQ(ComparableNameWords("Dr. Ir."), (Words{"ir"}));
  EXPECT_EQ(ComparableNameWords("Santoso S.T."), (Words{"santoso"}));
  EXPECT_EQ(ComparableNameWords("S.T."), (Words{"st"}));
}

TEST(IsSameHolderName, CaseSpacesAndPunctuationDoNotMatter) {
  EXPECT_TRUE(IsSameHolderName("Siti Rahayu", "SITI RAHAYU"));
  EXPECT_TRUE(IsSameHolderName("Siti Rahayu", "siti  rahayu"));
  EXPECT_TRUE(IsSameHolderName("Siti Rahayu", " Siti Rahayu, "));
  EXPECT_TRUE(IsSameHolderName("Nur'aini Hasan", "NURAINI HASAN"));
}

TEST(IsSameHolderName, HonorificsAndDegreesOnEitherSideAreLeftOut) {
  EXPECT_TRUE(IsSameHolderName("Budi Santoso", "Ir. H. Budi Santoso, S.T., M.M."));
  EXPECT_TRUE(IsSameHolderName("Budi Santoso", "BPK BUDI SANTOSO"));
  EXPECT_TRUE(IsSameHolderName("Sri Wahyuni", "Ibu Sri Wahyuni"));
  EXPECT_TRUE(IsSameHolderName("Sri Wahyuni", "Hj. Sri Wahyuni, S.Pd."));
  EXPECT_TRUE(IsSameHolderName("dr. Andi Wijaya, Sp.OG", "Andi Wijaya"));
  EXPECT_TRUE(IsSameHolderName("Dewi Lestari", "Sdri. Dewi Lestari A.Md.Keb."));
  EXPECT_TRUE(IsSameHolderName("Rudi Hartono", "Prof. Dr. Rudi Hartono, Ph.D."));
}

TEST(IsSameHolderName, CommonShorteningsOfMuhammadAndAbdul) {
  for (const char* written : {"Muhammad Yusuf", "Mohammad Yusuf", "Mochamad Yusuf", "Moh. Yusuf",
                              "Muh. Yusuf", "Mhd Yusuf", "M. Yusuf", "M YUSUF"}) {
    EXPECT_TRUE(IsSameHolderName("Muhammad Yusuf", written)) << written;
    EXPECT_TRUE(IsSameHolderName(written, "Muhammad Yusuf")) << written;
  }
  EXPECT_TRUE(IsSameHolderName("Ahmad Muhammad Ridwan", "Ahmad M. Ridwan"));
  EXPECT_TRUE(IsSameHolderName("Abdul Rahman", "Abd. Rahman"));
  EXPECT_TRUE(IsSameHolderName("Abdul Rahman", "Abdoel Rahman"));
  EXPECT_TRUE(IsSameHolderName("Abdulrahman Saleh", "Abd Rahman Saleh")) << "written together";
  EXPECT_FALSE(IsSameHolderName("Muhammad Yusuf", "Mu Yusuf"));
}

TEST(IsSameHolderName, AnInitialStandsForAMiddleNameOnly) {
  EXPECT_TRUE(IsSameHolderName("Siti Rahayu Wahyuni", "Siti R. Wahyuni"));
  EXPECT_TRUE(IsSameHolderName("Siti R. Wahyuni", "Siti Rahayu Wahyuni"));
  EXPECT_TRUE(IsSameHolderName("I Gede Made Suarta", "I Gede M. Suarta"));
  EXPECT_TRUE(IsSameHolderName("Bambang Eko Wijaya Putra", "Bambang E. W. Putra"));
  EXPECT_FALSE(IsSameHolderName("Siti Rahayu Wahyuni", "Siti S. Wahyuni")) << "another letter";
  EXPECT_FALSE(IsSameHolderName("Siti Rahayu", "S. Rahayu")) << "the first word";
  EXPECT_FALSE(IsSameHolderName("Siti Rahayu", "Siti R.")) << "the last word";
  EXPECT_FALSE(IsSameHolderName("Budi Santoso", "B. S.")) << "initials only";
}

TEST(IsSameHolderName, WordsWrittenTogetherOrApart) {
  EXPECT_TRUE(IsSameHolderName("Nur Hayati", "Nurhayati"));
  EXPECT_TRUE(IsSameHolderName("Nurhayati", "NUR HAYATI"));
  EXPECT_TRUE(IsSameHolderName("Joko Susilo", "Joko-Susilo"));
}

TEST(IsSameHolderName, SomeoneElsesNameIsADifferentName) {
  EXPECT_FALSE(IsSameHolderName("Siti Rahayu", "Budi Orang Lain"));
  EXPECT_FALSE(IsSameHolderName("Budi Santoso", "Budi Orang Lain")) << "the same first name only";
  EXPECT_FALSE(IsSameHolderName("Budi Santoso", "Budi"));
  EXPECT_FALSE(IsSameHolderName("Siti Rahayu Wahyuni", "Siti Wahyuni")) << "a word missing";
  EXPECT_FALSE(IsSameHolderName("Siti Rahayu", "Siti Rahayu Wahyuni")) << "a word more";
  EXPECT_FALSE(IsSameHolderName("Siti Rahayu", "Rahayu Siti")) << "another order";
  EXPECT_FALSE(IsSameHolderName("Sukarno", "Soekarno")) << "another spelling";
  EXPECT_FALSE(IsSameHolderName("Siti Rahayu", "Siti Rahayuu"));
  EXPECT_FALSE(IsSameHolderName("Siti Rahayu", "PT Siti Rahayu Sejahtera")) << "a company";
  EXPECT_FALSE(IsSameHolderName("Siti Rahayu", "")) << "no name";
  EXPECT_FALSE(IsSameHolderName("", "")) << "no name on either side";
  EXPECT_FALSE(IsSameHolderName("Siti Rahayu", "Ibu")) << "a title alone";
}

TEST(IsSameHolderName, LettersBeyondAsciiAreComparedAsWritten) {
  EXPECT_TRUE(IsSameHolderName("José Ramos", "JOSé RAMOS"));
  EXPECT_FALSE(IsSameHolderName("José Ramos", "Jose Ramos"));
}

}  // namespace
}  // namespace lumbung::profile
