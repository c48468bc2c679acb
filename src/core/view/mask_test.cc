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

}  // namespace
}  // namespace lumbung::view
