// Static files (CSS, JS) served under content-hashed names with a year-long cache, so a
// changed file gets a new URL and an unchanged one is never fetched twice.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace lumbung::view {

struct Asset {
  std::string url;           // "/static/site.3f2a9c1b0d.css"
  std::string content_type;  // "text/css; charset=utf-8"
  std::string body;
  std::string gzipped;  // empty when not worth compressing
  std::string etag;
};

class Assets {
 public:
  // Loads every file in `dir` (not recursive) at start.
  static Assets LoadDirectory(const std::filesystem::path& dir);
  // "site.css" -> "/static/site.<hash>.css"; throws std::out_of_range for unknown names.
  const std::string& Url(const std::string& logical_name) const;
  // By the hashed file name from the URL ("site.<hash>.css").
  const Asset* FindByHashedName(const std::string& hashed_name) const;
  const std::map<std::string, std::string>& Urls() const { return urls_; }

 private:
  std::map<std::string, std::string> urls_;  // logical name -> url
  std::map<std::string, Asset> by_hashed_name_;
};

std::string ContentTypeFor(const std::filesystem::path& file);

}  // namespace lumbung::view
