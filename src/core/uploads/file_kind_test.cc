#include "core/uploads/file_kind.h"

#include <gtest/gtest.h>

#include "core/uploads/test_files_test_util.h"

namespace lumbung::uploads {
namespace {

using testing::MinimalJpeg;
using testing::MinimalPdf;
using testing::MinimalPng;

const std::vector<FileKind> kAll = {FileKind::kPdf, FileKind::kJpeg, FileKind::kPng};
constexpr std::size_t kLimit = 5 * 1024 * 1024;

TEST(CheckUpload, AcceptsEachKindByItsBytes) {
  EXPECT_TRUE(CheckUpload(MinimalPdf(), kAll, kLimit).ok());
  EXPECT_EQ(CheckUpload(MinimalPdf(), kAll, kLimit).kind, FileKind::kPdf);
  EXPECT_EQ(CheckUpload(MinimalJpeg(), kAll, kLimit).kind, FileKind::kJpeg);
  EXPECT_TRUE(CheckUpload(MinimalJpeg(), kAll, kLimit).ok());
  EXPECT_EQ(CheckUpload(MinimalPng(), kAll, kLimit).kind, FileKind::kPng);
  EXPECT_TRUE(CheckUpload(MinimalPng(), kAll, kLimit).ok());
}

// ASVS 4.0.3 12.2.1: the content decides, whatever the name or declared type said.
TEST(CheckUpload, TextIsNotAnyKind) {
  EXPECT_EQ(CheckUpload("hello, this is not a PDF\n", kAll, kLimit).problem,
            UploadProblem::kUnsupportedType);
  EXPECT_EQ(CheckUpload("<html><script>alert(1)</script></html>", kAll, kLimit).problem,
            UploadProblem::kUnsupportedType);
  EXPECT_EQ(CheckUpload("GIF89a\x01\x00\x01\x00", kAll, kLimit).problem,
            UploadProblem::kUnsupportedType);
}

TEST(CheckUpload, KindNotAllowedIsUnsupported) {
  EXPECT_EQ(CheckUpload(MinimalPng(), {FileKind::kPdf}, kLimit).problem,
            UploadProblem::kUnsupportedType);
  EXPECT_TRUE(CheckUpload(MinimalPdf(), {FileKind::kPdf}, kLimit).ok());
}

// ASVS 4.0.3 12.1.1: size limits; an empty file is a problem of its own.
TEST(CheckUpload, EmptyAndTooBig) {
  EXPECT_EQ(CheckUpload("", kAll, kLimit).problem, UploadProblem::kEmpty);
  const std::string pdf = MinimalPdf();
  EXPECT_EQ(CheckUpload(pdf, kAll, pdf.size() - 1).problem, UploadProblem::kTooBig);
  EXPECT_TRUE(CheckUpload(pdf, kAll, pdf.size()).ok());
  // Too big is said before anything is parsed.
  EXPECT_EQ(CheckUpload(std::string(100, 'x'), kAll, 10).problem, UploadProblem::kTooBig);
}

TEST(CheckUpload, DamagedPdf) {
  EXPECT_EQ(CheckUpload("%PDF-1.4\nno end marker here", kAll, kLimit).problem,
            UploadProblem::kDamaged);
  EXPECT_EQ(CheckUpload("%PDF-x.4\n%%EOF", kAll, kLimit).problem, UploadProblem::kDamaged);
  // %%EOF far from the end: something was appended or the file was cut.
  EXPECT_EQ(CheckUpload("%PDF-1.7\n%%EOF\n" + std::string(2000, ' '), kAll, kLimit).problem,
            UploadProblem::kDamaged);
  EXPECT_TRUE(CheckUpload("%PDF-2.0\n%%EOF", kAll, kLimit).ok());
}

TEST(CheckUpload, DamagedJpeg) {
  const std::string jpeg = MinimalJpeg();
  // Cut before EOI.
  EXPECT_EQ(CheckUpload(jpeg.substr(0, jpeg.size() - 2), kAll, kLimit).problem,
            UploadProblem::kDamaged);
  // Just the markers, no frame.
  EXPECT_EQ(CheckUpload(std::string("\xFF\xD8\xFF\xD9", 4), kAll, kLimit).problem,
            UploadProblem::kDamaged);
  // A frame with a zero width.
  std::string zero = jpeg;
  zero[27] = 0;
  zero[28] = 0;
  EXPECT_EQ(CheckUpload(zero, kAll, kLimit).problem, UploadProblem::kDamaged);
  // A segment length running past the end.
  std::string long_segment = jpeg;
  long_segment[5] = static_cast<char>(0xF0);
  EXPECT_EQ(CheckUpload(long_segment, kAll, kLimit).problem, UploadProblem::kDamaged);
}

TEST(CheckUpload, DamagedPng) {
  const std::string png = MinimalPng();
  // A changed pixel byte breaks the IDAT CRC.
  std::string flipped = png;
  flipped[png.size() - 20] ^= 0x01;
  EXPECT_EQ(CheckUpload(flipped, kAll, kLimit).problem, UploadProblem::kDamaged);
  // Cut before IEND.
  EXPECT_EQ(CheckUpload(png.substr(0, png.size() - 12), kAll, kLimit).problem,
            UploadProblem::kDamaged);
  // A changed IHDR (its CRC no longer matches).
  std::string header = png;
  header[19] = 2;
  EXPECT_EQ(CheckUpload(header, kAll, kLimit).problem, UploadProblem::kDamaged);
  // The signature alone.
  EXPECT_EQ(CheckUpload(png.substr(0, 8), kAll, kLimit).problem, UploadProblem::kDamaged);
}

TEST(FileKind, Names) {
  EXPECT_EQ(ContentType(FileKind::kPdf), "application/pdf");
  EXPECT_EQ(ContentType(FileKind::kJpeg), "image/jpeg");
  EXPECT_EQ(ContentType(FileKind::kPng), "image/png");
  FileKind kind;
  for (FileKind k : kAll) {
    ASSERT_TRUE(ParseKindName(KindName(k), &kind));
    EXPECT_EQ(kind, k);
  }
  EXPECT_FALSE(ParseKindName("gif", &kind));
  EXPECT_EQ(ProblemName(UploadProblem::kTooBig), "too_big");
}

}  // namespace
}  // namespace lumbung::uploads
