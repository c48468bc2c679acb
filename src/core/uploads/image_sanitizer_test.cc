#include "core/uploads/image_sanitizer.h"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "core/uploads/test_documents_test_util.h"
#include "core/uploads/test_files_test_util.h"

namespace lumbung::uploads {
namespace {

using testing::Decode;
using testing::Holds;

const ImageLimits kLimits{};

// ASVS 4.0.3 8.3.8 / 12.2.1: a phone photo keeps no trace of where it was taken or by whom.
TEST(SanitizeImage, AJpegLosesItsExifGpsXmpIccAndComments) {
  const std::string photo = testing::JpegWithMetadata(64, 32);
  const auto before = Decode(photo);
  ASSERT_TRUE(before.ok);
  ASSERT_TRUE(before.gps) << "the test photo must really carry a GPS position";
  ASSERT_TRUE(before.xmp);
  ASSERT_TRUE(Holds(photo, "secret-comment-siti"));

  const SanitizedImage clean = SanitizeImage(photo, FileKind::kJpeg, kLimits, 85);
  ASSERT_TRUE(clean.ok());
  ASSERT_TRUE(LooksLike(clean.bytes, FileKind::kJpeg));
  EXPECT_TRUE(IsWellFormedJpeg(clean.bytes));
  const auto after = Decode(clean.bytes);
  ASSERT_TRUE(after.ok);
  EXPECT_FALSE(after.exif);
  EXPECT_FALSE(after.gps);
  EXPECT_FALSE(after.xmp);
  EXPECT_FALSE(after.icc);
  for (const char* trace : {"Exif", "secret-xmp-siti", "secret-icc-siti", "secret-comment-siti",
                            "ICC_PROFILE", "http://ns.adobe.com"}) {
    EXPECT_FALSE(Holds(clean.bytes, trace)) << trace;
  }
}

TEST(SanitizeImage, TheRecordedOrientationIsAppliedToThePixels) {
  // Orientation 6: the camera was held sideways; a 64 x 32 sensor image shows as 32 x 64.
  const SanitizedImage clean =
      SanitizeImage(testing::JpegWithMetadata(64, 32, 6), FileKind::kJpeg, kLimits, 85);
  ASSERT_TRUE(clean.ok());
  EXPECT_EQ(clean.width, 32);
  EXPECT_EQ(clean.height, 64);
  const auto after = Decode(clean.bytes);
  EXPECT_EQ(after.width, 32);
  EXPECT_EQ(after.height, 64);
}

TEST(SanitizeImage, APngLosesItsTextAndExif) {
  const std::string png = testing::PngWithMetadata(40, 30);
  ASSERT_TRUE(IsWellFormedPng(png));
  ASSERT_TRUE(Decode(png).exif) << "the test PNG must really carry EXIF";
  const SanitizedImage clean = SanitizeImage(png, FileKind::kPng, kLimits, 85);
  ASSERT_TRUE(clean.ok());
  EXPECT_TRUE(IsWellFormedPng(clean.bytes));
  const auto after = Decode(clean.bytes);
  ASSERT_TRUE(after.ok);
  EXPECT_EQ(after.width, 40);
  EXPECT_EQ(after.height, 30);
  EXPECT_FALSE(after.exif);
  EXPECT_FALSE(Holds(clean.bytes, "secret-text-siti"));
  EXPECT_FALSE(Holds(clean.bytes, "tEXt"));
  EXPECT_FALSE(Holds(clean.bytes, "eXIf"));
}

// ASVS 4.0.3 12.1.2 (decompression bombs): refused from the header, before decoding.
TEST(SanitizeImage, APngBombIsRefusedFromItsHeader) {
  const std::string bomb = testing::PngBomb(20000, 20000);
  ASSERT_LT(bomb.size(), 200u * 1024) << "a bomb is small";
  ASSERT_TRUE(IsWellFormedPng(bomb));
  const SanitizedImage out = SanitizeImage(bomb, FileKind::kPng, kLimits, 85);
  EXPECT_EQ(out.problem, ImageProblem::kTooManyPixels);
  EXPECT_TRUE(out.bytes.empty());
}

TEST(SanitizeImage, EachLimitCounts) {
  const std::string png = testing::PlainImage(FileKind::kPng, 300, 200);
  EXPECT_TRUE(SanitizeImage(png, FileKind::kPng, {300, 200, 60000}, 85).ok());
  EXPECT_EQ(SanitizeImage(png, FileKind::kPng, {299, 200, 60000}, 85).problem,
            ImageProblem::kTooManyPixels);
  EXPECT_EQ(SanitizeImage(png, FileKind::kPng, {300, 199, 60000}, 85).problem,
            ImageProblem::kTooManyPixels);
  EXPECT_EQ(SanitizeImage(png, FileKind::kPng, {300, 200, 59999}, 85).problem,
            ImageProblem::kTooManyPixels);
}

// A script appended after the image's end (a JPEG that is also an HTML page) is gone.
TEST(SanitizeImage, NothingAfterTheImageSurvives) {
  const std::string polyglot =
      testing::PlainImage(FileKind::kJpeg, 16, 16) + "<script>alert(document.cookie)</script>";
  ASSERT_TRUE(IsWellFormedJpeg(polyglot));
  const SanitizedImage clean = SanitizeImage(polyglot, FileKind::kJpeg, kLimits, 85);
  ASSERT_TRUE(clean.ok());
  EXPECT_FALSE(Holds(clean.bytes, "<script>"));
  EXPECT_TRUE(Decode(clean.bytes).ok);
}

TEST(SanitizeImage, DamagedImagesAreRefused) {
  const std::string jpeg = testing::PlainImage(FileKind::kJpeg, 64, 64);
  const std::string png = testing::PlainImage(FileKind::kPng, 64, 64);
  // Cut short in the middle of the pixels.
  EXPECT_EQ(SanitizeImage(jpeg.substr(0, jpeg.size() / 2), FileKind::kJpeg, kLimits, 85).problem,
            ImageProblem::kDamaged);
  EXPECT_EQ(SanitizeImage(png.substr(0, png.size() / 2), FileKind::kPng, kLimits, 85).problem,
            ImageProblem::kDamaged);
  // The other kind's bytes, and no bytes at all.
  EXPECT_EQ(SanitizeImage(png, FileKind::kJpeg, kLimits, 85).problem, ImageProblem::kDamaged);
  EXPECT_EQ(SanitizeImage(jpeg, FileKind::kPng, kLimits, 85).problem, ImageProblem::kDamaged);
  EXPECT_EQ(SanitizeImage("", FileKind::kPng, kLimits, 85).problem, ImageProblem::kDamaged);
  // The smallest real PNG passes.
  EXPECT_TRUE(SanitizeImage(testing::MinimalPng(), FileKind::kPng, kLimits, 85).ok());
  EXPECT_THROW(SanitizeImage(png, FileKind::kPdf, kLimits, 85), std::invalid_argument);
}

// Other formats cannot be reached through these bytes, whatever they are.
TEST(SanitizeImage, OtherFormatsAreNeverDecoded) {
  // A GIF and an SVG, offered as a PNG and as a JPEG.
  const std::string gif("GIF89a\x01\x00\x01\x00\x00\x00\x00;", 14);
  const std::string svg = "<svg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/>";
  for (const std::string& bytes : {gif, svg}) {
    EXPECT_EQ(SanitizeImage(bytes, FileKind::kPng, kLimits, 85).problem, ImageProblem::kDamaged);
    EXPECT_EQ(SanitizeImage(bytes, FileKind::kJpeg, kLimits, 85).problem, ImageProblem::kDamaged);
  }
}

TEST(SanitizeImage, QualityChangesTheSize) {
  const std::string jpeg = testing::PlainImage(FileKind::kJpeg, 256, 256);
  const auto low = SanitizeImage(jpeg, FileKind::kJpeg, kLimits, 30);
  const auto high = SanitizeImage(jpeg, FileKind::kJpeg, kLimits, 95);
  ASSERT_TRUE(low.ok());
  ASSERT_TRUE(high.ok());
  EXPECT_LT(low.bytes.size(), high.bytes.size());
}

TEST(SanitizeImage, ManyThreadsAtOnce) {
  const std::string photo = testing::JpegWithMetadata(48, 48);
  std::vector<std::thread> threads;
  std::vector<int> ok(8, 0);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      for (int n = 0; n < 5; ++n) ok[i] += SanitizeImage(photo, FileKind::kJpeg, kLimits, 80).ok();
    });
  }
  for (auto& t : threads) t.join();
  for (int n : ok) EXPECT_EQ(n, 5);
}

TEST(SanitizeImage, ProblemNamesForTheCatalog) {
  EXPECT_EQ(ImageProblemName(ImageProblem::kNone), "");
  EXPECT_EQ(ImageProblemName(ImageProblem::kDamaged), "damaged");
  EXPECT_EQ(ImageProblemName(ImageProblem::kTooManyPixels), "too_many_pixels");
}

}  // namespace
}  // namespace lumbung::uploads
