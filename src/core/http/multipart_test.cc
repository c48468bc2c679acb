#include "core/http/multipart.h"

#include <gtest/gtest.h>

namespace lumbung::http {
namespace {

Request Upload(std::string body, std::string type = "multipart/form-data; boundary=XyZ") {
  Request request;
  request.method = "POST";
  request.headers.emplace_back("content-type", std::move(type));
  request.body = std::move(body);
  return request;
}

const std::string kBody =
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
    "token123\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"report\"; filename=\"upah november.csv\"\r\n"
    "Content-Type: text/csv\r\n\r\n"
    "NIK;Upah\r\n3171010508900001;5.000.000\r\n\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"empty\"; filename=\"\"\r\n"
    "Content-Type: application/octet-stream\r\n\r\n"
    "\r\n"
    "--XyZ--\r\n";

TEST(Multipart, ReadsFieldsAndFilesByteForByte) {
  const Request request = Upload(kBody);
  ASSERT_TRUE(IsMultipart(request));
  const auto form = ParseMultipart(request);
  ASSERT_TRUE(form);
  EXPECT_EQ(form->Get("csrf"), "token123");
  const UploadedFile* file = form->File("report");
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(file->filename, "upah november.csv");
  EXPECT_EQ(file->content_type, "text/csv");
  // The file's own final line break is kept; only the one before the boundary is not.
  EXPECT_EQ(file->content, "NIK;Upah\r\n3171010508900001;5.000.000\r\n");
  EXPECT_EQ(form->File("empty"), nullptr) << "an empty file input sends no file";
}

TEST(Multipart, SkippingFilesStillReadsTheToken) {
  const auto form = ParseMultipart(Upload(kBody), {}, /*skip_files=*/true);
  ASSERT_TRUE(form);
  EXPECT_EQ(form->Get("csrf"), "token123");
  ASSERT_NE(form->File("report"), nullptr);
  EXPECT_TRUE(form->File("report")->content.empty());
}

// ASVS 4.2.2 (CSRF): the session middleware reads the token of an upload form only when
// IsMultipart says the request is one, so IsMultipart must read the media type exactly as
// ParseMultipart does: whitespace around it, any case, and nothing longer.
TEST(Multipart, IsMultipartReadsTheMediaTypeAsTheParserDoes) {
  EXPECT_TRUE(IsMultipart(Upload(kBody)));
  EXPECT_TRUE(IsMultipart(Upload(kBody, "Multipart/Form-Data; boundary=XyZ")));
  const Request tab = Upload(kBody, "\tmultipart/form-data; boundary=XyZ");
  ASSERT_TRUE(ParseMultipart(tab));
  EXPECT_TRUE(IsMultipart(tab));
  EXPECT_FALSE(IsMultipart(Upload(kBody, "multipart/form-datax; boundary=XyZ")));
  EXPECT_FALSE(ParseMultipart(Upload(kBody, "multipart/form-datax; boundary=XyZ")));
  EXPECT_FALSE(IsMultipart(Upload(kBody, "application/x-www-form-urlencoded")));
}

TEST(Multipart, RefusesWhatIsNotAWellFormedForm) {
  EXPECT_FALSE(IsMultipart(Upload(kBody, "application/x-www-form-urlencoded")));
  EXPECT_FALSE(ParseMultipart(Upload(kBody, "multipart/form-data")));  // no boundary
  EXPECT_FALSE(
      ParseMultipart(Upload("--XyZ\r\nContent-Disposition: attachment\r\n\r\nx\r\n--XyZ--\r\n")));
  MultipartLimits small;
  small.max_field_bytes = 4;
  EXPECT_FALSE(ParseMultipart(Upload(kBody), small)) << "a text field over its limit";
  small = {};
  small.max_parts = 2;
  EXPECT_FALSE(ParseMultipart(Upload(kBody), small)) << "too many parts";
}

}  // namespace
}  // namespace lumbung::http
