#include "core/uploads/display_name.h"

#include <gtest/gtest.h>

namespace lumbung::uploads {
namespace {

// ASVS 4.0.3 12.3.1: names sent by the browser never become paths.
TEST(SafeDisplayName, PathCharactersAreGone) {
  EXPECT_EQ(SafeDisplayName("../../etc/passwd", FileKind::kPdf), "passwd.pdf");
  EXPECT_EQ(SafeDisplayName("..\\..\\windows\\win.ini", FileKind::kPdf), "win.ini.pdf");
  EXPECT_EQ(SafeDisplayName("C:\\Users\\Siti\\Documents\\slip gaji.pdf", FileKind::kPdf),
            "slip gaji.pdf");
  EXPECT_EQ(SafeDisplayName("..", FileKind::kPdf), "file.pdf");
  EXPECT_EQ(SafeDisplayName("....", FileKind::kPdf, "lampiran"), "lampiran.pdf");
  EXPECT_EQ(SafeDisplayName("....pdf", FileKind::kPdf), "pdf.pdf");
  EXPECT_EQ(SafeDisplayName(".hidden.pdf", FileKind::kPdf), "hidden.pdf");
  EXPECT_EQ(SafeDisplayName("a..b.pdf", FileKind::kPdf), "a.b.pdf");
}

TEST(SafeDisplayName, ControlAndSpecialCharacters) {
  EXPECT_EQ(SafeDisplayName(std::string("a\0b.pdf", 7), FileKind::kPdf), "ab.pdf");
  EXPECT_EQ(SafeDisplayName("line\r\nbreak.pdf", FileKind::kPdf), "linebreak.pdf");
  EXPECT_EQ(SafeDisplayName("<script>.pdf", FileKind::kPdf), "_script_.pdf");
  EXPECT_EQ(SafeDisplayName("a\"b;c.pdf", FileKind::kPdf), "a_b_c.pdf");
  // A right-to-left override would show "fdp.exe" as "exe.pdf".
  EXPECT_EQ(SafeDisplayName("invoice\xE2\x80\xAE"
                            "fdp.png",
                            FileKind::kPng),
            "invoicefdp.png");
  // Invalid UTF-8 becomes '_'; valid non-ASCII stays.
  EXPECT_EQ(SafeDisplayName("a\xFF.pdf", FileKind::kPdf), "a_.pdf");
  EXPECT_EQ(SafeDisplayName("kartu keluarga ñ.jpg", FileKind::kJpeg), "kartu keluarga ñ.jpg");
  EXPECT_EQ(SafeDisplayName("  many   spaces  .pdf", FileKind::kPdf), "many spaces.pdf");
}

TEST(SafeDisplayName, ExtensionMatchesTheKind) {
  EXPECT_EQ(SafeDisplayName("scan.JPEG", FileKind::kJpeg), "scan.JPEG");
  EXPECT_EQ(SafeDisplayName("scan.jpg", FileKind::kJpeg), "scan.jpg");
  EXPECT_EQ(SafeDisplayName("notes.txt", FileKind::kPdf), "notes.txt.pdf");
  EXPECT_EQ(SafeDisplayName("photo.pdf", FileKind::kPng), "photo.pdf.png");
  EXPECT_EQ(SafeDisplayName("noextension", FileKind::kPng), "noextension.png");
  EXPECT_EQ(SafeDisplayName("", FileKind::kPdf), "file.pdf");
}

TEST(SafeDisplayName, LengthIsLimitedWithoutSplittingCharacters) {
  const std::string long_name = std::string(200, 'a') + ".pdf";
  const std::string safe = SafeDisplayName(long_name, FileKind::kPdf);
  EXPECT_EQ(safe.size(), kMaxDisplayNameChars);
  EXPECT_EQ(safe.substr(safe.size() - 4), ".pdf");
  std::string wide;
  for (int i = 0; i < 100; ++i) wide += "\xC3\xA9";  // é
  const std::string cut = SafeDisplayName(wide + ".pdf", FileKind::kPdf, "file", 10);
  EXPECT_EQ(cut, "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9.pdf");
}

TEST(CleanUploadedName, KeepsTheExtensionAndDropsThePath) {
  EXPECT_EQ(CleanUploadedName("../../x.pdf"), "x.pdf");
  EXPECT_EQ(CleanUploadedName("a\r\n<b>.txt"), "a_b_.txt");
  EXPECT_EQ(CleanUploadedName(".."), "?");
}

}  // namespace
}  // namespace lumbung::uploads
