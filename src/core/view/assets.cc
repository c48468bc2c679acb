#include "core/view/assets.h"

#include <sodium.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/http/compression.h"

namespace lumbung::view {

std::string ContentTypeFor(const std::filesystem::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".js") return "application/javascript; charset=utf-8";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  if (ext == ".woff2") return "font/woff2";
  return "application/octet-stream";
}

Assets Assets::LoadDirectory(const std::filesystem::path& dir) {
  Assets assets;
  std::error_code ec;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream data;
    data << in.rdbuf();
    Asset asset;
    asset.body = data.str();
    unsigned char hash[16];
    crypto_generichash(hash, sizeof hash, reinterpret_cast<const unsigned char*>(asset.body.data()),
                       asset.body.size(), nullptr, 0);
    char hex[33];
    sodium_bin2hex(hex, sizeof hex, hash, sizeof hash);
    const std::string short_hash(hex, 12);
    const std::filesystem::path relative = std::filesystem::relative(entry.path(), dir);
    std::string logical = relative.generic_string();
    std::string hashed_name =
        relative.parent_path().empty() ? "" : relative.parent_path().generic_string() + "/";
    hashed_name +=
        entry.path().stem().string() + "." + short_hash + entry.path().extension().string();
    asset.url = "/static/" + hashed_name;
    asset.content_type = ContentTypeFor(entry.path());
    asset.etag = "\"" + short_hash + "\"";
    if (http::IsCompressibleType(asset.content_type) && asset.body.size() > 512) {
      asset.gzipped = http::Gzip(asset.body);
      if (asset.gzipped.size() >= asset.body.size()) asset.gzipped.clear();
    }
    assets.urls_[logical] = asset.url;
    assets.by_hashed_name_[hashed_name] = std::move(asset);
  }
  if (ec) throw std::runtime_error("static: cannot read " + dir.string() + ": " + ec.message());
  return assets;
}

const std::string& Assets::Url(const std::string& logical_name) const {
  auto it = urls_.find(logical_name);
  if (it == urls_.end()) throw std::out_of_range("static: no file " + logical_name);
  return it->second;
}

const Asset* Assets::FindByHashedName(const std::string& hashed_name) const {
  auto it = by_hashed_name_.find(hashed_name);
  return it == by_hashed_name_.end() ? nullptr : &it->second;
}

}  // namespace lumbung::view
