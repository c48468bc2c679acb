// gzip for text responses and static files.
#pragma once

#include <string>
#include <string_view>

namespace lumbung::http {

std::string Gzip(std::string_view data);
std::string Gunzip(std::string_view data);  // for tests
// True when the Accept-Encoding header allows gzip (q > 0).
bool AcceptsGzip(std::string_view accept_encoding);
// Types worth compressing: text/*, JSON, JavaScript, SVG.
bool IsCompressibleType(std::string_view content_type);

}  // namespace lumbung::http
