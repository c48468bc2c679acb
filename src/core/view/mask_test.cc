#include "core/view/mask.h"

#include <gtest/gtest.h>

namespace lumbung::view {
namespace {

TEST(MaskName, EachWordItsFirstCharacterAndStars) {
  EXPECT_EQ(MaskName("Siti Rahayu"), "S*** R***");
  EXPECT_EQ(MaskName("Ni Komang Sukarini"), "N*** K*** S***");
  EXPECT_EQ(MaskName("Endang"), "E***");
  EXPECT_EQ(MaskName("  Hartono   Sutanto\tSetiadi "), "H*** S*** S***");
  EXPECT_EQ(MaskName("Ñoño Çelik"), "Ñ*** Ç***") << "a whole character, never half of one";
  EXPECT_EQ(MaskName("Émile Zoë"), "É*** Z***");
  EXPECT_EQ(MaskName(""), "");
  EXPECT_EQ(MaskName("   "), "");
}

TEST(MaskName, NeverShowsMoreThanOneCharacterOfAWord) {
  const std::string masked = MaskName("Bambang Wijaya");
  EXPECT_EQ(masked.find("amb"), std::string::npos);
  EXPECT_EQ(masked.find("ija"), std::string::npos);
}

TEST(MaskName, ACharacterCutOffAtTheEndStaysWhole) {
  EXPECT_EQ(MaskName("Ana \xC3"), "A*** \xC3***");
}

TEST(MaskNik, OnlyTheLastFourDigitsInOneForm) {
  EXPECT_EQ(MaskNik("1807010101900002"), "•••• •••• •••• 0002");
  EXPECT_EQ(MaskNik("3171710508900001"), "•••• •••• •••• 0001");
  const std::string masked = MaskNik("1807010101900002");
  EXPECT_EQ(masked.find("1807"), std::string::npos) << "never the region code";
  EXPECT_EQ(masked.find("010190"), std::string::npos) << "never the birth date";
}

TEST(MaskNik, AnOddStoredValueNeverShowsMore) {
  EXPECT_EQ(MaskNik("12345678"), "•••• •••• •••• 5678");
  EXPECT_EQ(MaskNik("123456789012345678"), "•••• •••• •••• 5678");
  EXPECT_EQ(MaskNik("1234567"), "•••• •••• •••• ••••");
  EXPECT_EQ(MaskNik(""), "");
}

}  // namespace
}  // namespace lumbung::view
