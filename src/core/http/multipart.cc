#include "core/http/multipart.h"

#include <Poco/Exception.h>
#include <Poco/MemoryStream.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>
#include <Poco/Net/NameValueCollection.h>

#include <algorithm>
#include <cctype>
#include <istream>
#include <iterator>
#include <limits>

namespace lumbung::http {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// The media type of a Content-Type, lower case, and its parameters.
std::string MediaType(std::string_view content_type, Poco::Net::NameValueCollection& parameters) {
  std::string type;
  Poco::Net::MessageHeader::splitParameters(std::string(content_type), type, parameters);
  return Lower(type);
}

// The boundary parameter of a multipart/form-data Content-Type; "" when absent.
std::string Boundary(std::string_view content_type) {
  Poco::Net::NameValueCollection parameters;
  if (MediaType(content_type, parameters) != "multipart/form-data") return "";
  return parameters.get("boundary", "");
}

}  // namespace

std::string MultipartForm::Get(std::string_view name) const {
  for (const auto& [key, value] : fields) {
    if (key == name) return value;
  }
  return "";
}

const UploadedFile* MultipartForm::File(std::string_view field) const {
  for (const auto& file : files) {
    if (file.field == field) return &file;
  }
  return nullptr;
}

// Read as ParseMultipart reads it, so that the CSRF check and the handler never disagree about
// which kind of form a request carries.
bool IsMultipart(const Request& request) {
  Poco::Net::NameValueCollection parameters;
  return MediaType(request.Header("content-type"), parameters) == "multipart/form-data";
}

std::optional<MultipartForm> ParseMultipart(const Request& request, MultipartLimits limits,
                                            bool skip_files) {
  const std::string boundary = Boundary(request.Header("content-type"));
  if (boundary.empty() || boundary.size() > 200) return std::nullopt;
  MultipartForm form;
  try {
    Poco::MemoryInputStream body(request.body.data(), request.body.size());
    Poco::Net::MultipartReader reader(body, boundary);
    std::size_t parts = 0;
    while (reader.hasNextPart()) {
      if (++parts > limits.max_parts) return std::nullopt;
      Poco::Net::MessageHeader header;
      reader.nextPart(header);
      std::string disposition;
      Poco::Net::NameValueCollection parameters;
      Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition,
                                                parameters);
      if (Lower(disposition) != "form-data" || !parameters.has("name")) return std::nullopt;
      std::istream& part = reader.stream();
      if (parameters.has("filename")) {
        UploadedFile file{.field = parameters.get("name"),
                          .filename = parameters.get("filename"),
                          .content_type = header.get("Content-Type", ""),
                          .content = {}};
        if (skip_files) {
          part.ignore(std::numeric_limits<std::streamsize>::max());
        } else {
          file.content.assign(std::istreambuf_iterator<char>(part), {});
        }
        if (part.bad()) return std::nullopt;
        if (!file.filename.empty()) form.files.push_back(std::move(file));
        continue;
      }
      std::string value;
      char chunk[4096];
      while (part.read(chunk, sizeof chunk) || part.gcount() > 0) {
        value.append(chunk, static_cast<std::size_t>(part.gcount()));
        if (value.size() > limits.max_field_bytes) return std::nullopt;
      }
      if (part.bad()) return std::nullopt;
      form.fields.emplace_back(parameters.get("name"), std::move(value));
    }
  } catch (const Poco::Exception&) {
    return std::nullopt;
  } catch (const std::ios_base::failure&) {
    return std::nullopt;
  }
  return form;
}

}  // namespace lumbung::http
