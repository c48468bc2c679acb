#include "core/http/attachment.h"

#include <gtest/gtest.h>

namespace lumbung::http {
namespace {

// ASVS 4.0.3 12.5.2: files are downloaded, never rendered; the header cannot be broken out of.
TEST(Attachment, NamesTheFileTwiceAndSafely) {
  EXPECT_EQ(AttachmentDisposition("ktp.pdf"),
            "attachment; filename=\"ktp.pdf\"; filename*=UTF-8''ktp.pdf");
  EXPECT_EQ(AttachmentDisposition("a\"b\\c\r\n.png"),
            "attachment; filename=\"a_b_c__.png\"; filename*=UTF-8''a%22b%5Cc%0D%0A.png");
  EXPECT_EQ(
      AttachmentDisposition("surat kerja é.pdf"),
      "attachment; filename=\"surat kerja __.pdf\"; filename*=UTF-8''surat%20kerja%20%C3%A9.pdf");
}

TEST(Attachment, TheStoredTypeNoSniffingNoSharedCache) {
  const Response response = Attachment("%PDF-1.4", "application/pdf", "ktp.pdf");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "%PDF-1.4");
  EXPECT_EQ(response.Get("Content-Type"), "application/pdf");
  EXPECT_EQ(response.Get("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(response.Get("Cache-Control"), "private, no-store");
  EXPECT_EQ(response.Get("Content-Disposition").rfind("attachment; ", 0), 0u);
}

}  // namespace
}  // namespace lumbung::http
