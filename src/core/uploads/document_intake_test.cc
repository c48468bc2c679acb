#include "core/uploads/document_intake.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/config/config.h"
#include "core/uploads/test_documents_test_util.h"
#include "core/uploads/test_files_test_util.h"

namespace lumbung::uploads {
namespace {

using testing::Decode;
using testing::Holds;

const std::vector<FileKind> kAll = {FileKind::kPdf, FileKind::kJpeg, FileKind::kPng};
const DocumentLimits kLimits{.max_bytes = 2 * 1024 * 1024};

PreparedDocument Prepare(const std::string& bytes, std::string_view name,
                         const std::vector<FileKind>& allowed = kAll) {
  return PrepareDocument(bytes, name, allowed, kLimits);
}

TEST(PrepareDocument, APhotoIsStoredWithoutItsMetadata) {
  const auto doc = Prepare(testing::JpegWithMetadata(64, 32), "IMG_20260301_0930.jpg");
  ASSERT_TRUE(doc.ok()) << DocumentProblemName(doc.problem);
  EXPECT_EQ(doc.kind, FileKind::kJpeg);
  EXPECT_EQ(doc.display_name, "IMG_20260301_0930.jpg");
  EXPECT_EQ(doc.pages, 1);
  const auto stored = Decode(doc.bytes);
  EXPECT_TRUE(stored.ok);
  EXPECT_FALSE(stored.exif);
  EXPECT_FALSE(stored.gps);
  EXPECT_FALSE(Holds(doc.bytes, "secret-comment-siti"));
}

TEST(PrepareDocument, APdfIsStoredAsItCame) {
  const std::string letter = testing::LetterPdf();
  const auto doc = Prepare(letter, "Surat Keterangan.PDF");
  ASSERT_TRUE(doc.ok()) << DocumentProblemName(doc.problem);
  EXPECT_EQ(doc.kind, FileKind::kPdf);
  EXPECT_EQ(doc.bytes, letter);
  EXPECT_EQ(doc.display_name, "Surat Keterangan.PDF");
  EXPECT_EQ(doc.pages, 1);
}

// ASVS 4.0.3 12.2.1: the content decides, whatever the name says.
TEST(PrepareDocument, APhpScriptNamedJpgIsRefused) {
  const auto doc = Prepare("<?php system($_GET['c']); ?>", "ktp.jpg");
  EXPECT_EQ(doc.problem, DocumentProblem::kUnsupportedType);
  EXPECT_TRUE(doc.bytes.empty());
  EXPECT_EQ(doc.display_name, "ktp.jpg");
}

TEST(PrepareDocument, AnHtmlPageNamedPngIsRefused) {
  const auto doc =
      Prepare("<!DOCTYPE html><html><script>alert(1)</script></html>", "kartu-keluarga.png");
  EXPECT_EQ(doc.problem, DocumentProblem::kUnsupportedType);
}

// A JPEG that is also an HTML page: what is stored is only the picture.
TEST(PrepareDocument, APolyglotJpegLosesItsScript) {
  const std::string polyglot = testing::PlainImage(FileKind::kJpeg, 32, 32) +
                               "<script>fetch('/staff').then(r=>r.text())</script>";
  const auto doc = Prepare(polyglot, "buku-tabungan.jpeg");
  ASSERT_TRUE(doc.ok()) << DocumentProblemName(doc.problem);
  EXPECT_FALSE(Holds(doc.bytes, "<script>"));
  EXPECT_TRUE(Decode(doc.bytes).ok);
  EXPECT_EQ(doc.display_name, "buku-tabungan.jpeg");
}

TEST(PrepareDocument, EmptyAndOversizedFilesAreRefused) {
  EXPECT_EQ(Prepare("", "ktp.pdf").problem, DocumentProblem::kEmpty);
  std::string big = testing::LetterPdf();
  big.insert(big.size() - 6, std::string(kLimits.max_bytes, ' '));
  EXPECT_EQ(Prepare(big, "ktp.pdf").problem, DocumentProblem::kTooBig);
}

TEST(PrepareDocument, APdfWithJavaScriptIsRefused) {
  const auto doc = Prepare(
      testing::LetterPdf("/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >>"), "surat.pdf");
  EXPECT_EQ(doc.problem, DocumentProblem::kJavascript);
  EXPECT_TRUE(doc.bytes.empty());
}

TEST(PrepareDocument, AnEncryptedPdfIsRefused) {
  EXPECT_EQ(Prepare(testing::EncryptedPdf(testing::LetterPdf(), ""), "surat.pdf").problem,
            DocumentProblem::kEncrypted);
  EXPECT_EQ(Prepare(testing::EncryptedPdf(testing::LetterPdf(), "1234"), "surat.pdf").problem,
            DocumentProblem::kEncrypted);
}

TEST(PrepareDocument, APdfThatLaunchesOrCarriesFilesIsRefused) {
  EXPECT_EQ(
      Prepare(testing::LetterPdf("/OpenAction << /S /Launch /F (cmd.exe) >>"), "a.pdf").problem,
      DocumentProblem::kActiveContent);
}

TEST(PrepareDocument, APngBombIsRefused) {
  const auto doc = Prepare(testing::PngBomb(20000, 20000), "scan.png");
  EXPECT_EQ(doc.problem, DocumentProblem::kTooManyPixels);
}

TEST(PrepareDocument, APathInTheNameIsDropped) {
  const auto doc = Prepare(testing::LetterPdf(), "../../etc/passwd.pdf");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc.display_name, "passwd.pdf");
  const auto windows = Prepare(testing::LetterPdf(), "C:\\Users\\siti\\Dokumen\\akta.pdf");
  ASSERT_TRUE(windows.ok());
  EXPECT_EQ(windows.display_name, "akta.pdf");
}

TEST(PrepareDocument, AnExtensionThatSaysAnotherKindIsRefused) {
  const std::string png = testing::PlainImage(FileKind::kPng, 8, 8);
  const auto doc = Prepare(png, "ijazah.pdf");
  EXPECT_EQ(doc.problem, DocumentProblem::kExtensionMismatch);
  EXPECT_EQ(doc.display_name, "ijazah.pdf");
  EXPECT_EQ(Prepare(testing::LetterPdf(), "surat.png").problem,
            DocumentProblem::kExtensionMismatch);
  EXPECT_EQ(Prepare(testing::PlainImage(FileKind::kJpeg, 8, 8), "foto.png").problem,
            DocumentProblem::kExtensionMismatch);
  EXPECT_EQ(Prepare(png, "scan.png.exe").problem, DocumentProblem::kExtensionMismatch);
}

TEST(PrepareDocument, ANameWithoutExtensionGetsTheKinds) {
  const auto doc = Prepare(testing::PlainImage(FileKind::kPng, 8, 8), "scan");
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc.display_name, "scan.png");
  const auto nothing = Prepare(testing::LetterPdf(), "");
  ASSERT_TRUE(nothing.ok());
  EXPECT_EQ(nothing.display_name, "dokumen.pdf");
}

TEST(PrepareDocument, OnlyTheAllowedKinds) {
  EXPECT_EQ(Prepare(testing::LetterPdf(), "surat.pdf", {FileKind::kJpeg, FileKind::kPng}).problem,
            DocumentProblem::kUnsupportedType);
  EXPECT_TRUE(Prepare(testing::PlainImage(FileKind::kPng, 8, 8), "a.png", {FileKind::kPng}).ok());
}

TEST(PrepareDocument, DamagedFilesAreRefused) {
  const std::string jpeg = testing::PlainImage(FileKind::kJpeg, 64, 64);
  // Structure whole (CheckUpload passes) but the pixels inside are not.
  std::string broken = jpeg;
  for (std::size_t i = broken.size() / 2; i < broken.size() - 2; ++i) broken[i] = '\x00';
  const auto doc = Prepare(broken, "rusak.jpg");
  EXPECT_EQ(doc.problem, DocumentProblem::kDamaged) << DocumentProblemName(doc.problem);
  EXPECT_EQ(Prepare(jpeg.substr(0, jpeg.size() / 2), "potong.jpg").problem,
            DocumentProblem::kDamaged);
}

TEST(ExtensionAgrees, EachKindsSpellings) {
  EXPECT_TRUE(ExtensionAgrees("a.JPG", FileKind::kJpeg));
  EXPECT_TRUE(ExtensionAgrees("a.jpeg", FileKind::kJpeg));
  EXPECT_TRUE(ExtensionAgrees("a.jfif", FileKind::kJpeg));
  EXPECT_TRUE(ExtensionAgrees("dir.pdf/a.png", FileKind::kPng));
  EXPECT_TRUE(ExtensionAgrees("a.pdf. ", FileKind::kPdf));
  EXPECT_TRUE(ExtensionAgrees("tanpa-ekstensi", FileKind::kPdf));
  EXPECT_FALSE(ExtensionAgrees("a.jpg", FileKind::kPng));
  EXPECT_FALSE(ExtensionAgrees("a.php", FileKind::kJpeg));
  EXPECT_FALSE(ExtensionAgrees("a.jpg.html", FileKind::kJpeg));
}

TEST(DocumentLimitsFrom, ReadsTheConfiguration) {
  const auto limits =
      DocumentLimitsFrom(config::Config::FromValues({{"uploads.image_max_width", "4000"},
                                                     {"uploads.image_max_height", "3000"},
                                                     {"uploads.image_max_pixels", "12000000"},
                                                     {"uploads.jpeg_quality", "90"}}),
                         1234567);
  EXPECT_EQ(limits.max_bytes, 1234567u);
  EXPECT_EQ(limits.image.max_width, 4000);
  EXPECT_EQ(limits.image.max_height, 3000);
  EXPECT_EQ(limits.image.max_pixels, 12000000);
  EXPECT_EQ(limits.jpeg_quality, 90);
}

TEST(DocumentProblemName, EveryCodeHasACatalogName) {
  EXPECT_EQ(DocumentProblemName(DocumentProblem::kNone), "");
  EXPECT_EQ(DocumentProblemName(DocumentProblem::kExtensionMismatch), "extension_mismatch");
  EXPECT_EQ(DocumentProblemName(DocumentProblem::kTooManyPixels), "too_many_pixels");
  EXPECT_EQ(DocumentProblemName(DocumentProblem::kActiveContent), "active_content");
}

// Members read every refusal in their language: each code has its message in both catalogs.
TEST(DocumentProblemName, EveryCodeHasItsMessageInBothCatalogs) {
  const char* share = std::getenv("LUMBUNG_SHARE_DIR");
  ASSERT_NE(share, nullptr);
  for (const char* language : {"id", "en"}) {
    std::ifstream in(std::filesystem::path(share) / "locale" / (std::string(language) + ".po"));
    ASSERT_TRUE(in) << language;
    const std::string catalog((std::istreambuf_iterator<char>(in)),
                              std::istreambuf_iterator<char>());
    for (int p = static_cast<int>(DocumentProblem::kEmpty);
         p <= static_cast<int>(DocumentProblem::kActiveContent); ++p) {
      const std::string msgid = "msgid \"uploads.problem_" +
                                std::string(DocumentProblemName(static_cast<DocumentProblem>(p))) +
                                "\"";
      EXPECT_TRUE(Holds(catalog, msgid)) << language << ": " << msgid;
    }
  }
}

}  // namespace
}  // namespace lumbung::uploads
