#include "subsidy/data_file.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <limits>
#include <sstream>

#include <nlohmann/json.hpp>

#include "registry/nik.h"

namespace lumbung::subsidy {

using nlohmann::json;

namespace {

bool AllDigits(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

std::optional<Area> ParseArea(std::string_view code) {
  if ((code.size() != 2 && code.size() != 4) || !AllDigits(code)) return std::nullopt;
  Area area;
  area.province = (code[0] - '0') * 10 + (code[1] - '0');
  if (!registry::IsKnownProvinceCode(area.province)) return std::nullopt;
  if (code.size() == 4) {
    area.regency = (code[2] - '0') * 10 + (code[3] - '0');
    if (area.regency == 0) return std::nullopt;
  }
  return area;
}

std::string AreaCode(const Area& area) {
  char text[8];
  if (area.regency == 0) {
    std::snprintf(text, sizeof text, "%02d", area.province);
  } else {
    std::snprintf(text, sizeof text, "%02d%02d", area.province, area.regency);
  }
  return text;
}

namespace detail {

std::string ReadWholeFile(std::string_view kind, const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(std::string(kind) + ": cannot read " + path.string());
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw DataError(std::string(kind) + ": cannot read " + path.string());
  return text.str();
}

json ParseJson(std::string_view kind, std::string_view text) {
  try {
    return json::parse(text);
  } catch (const json::parse_error& e) {
    throw DataError(std::string(kind) + ": not valid JSON: " + e.what());
  }
}

const json& CheckTopLevel(std::string_view kind, const json& root, std::string_view list_key) {
  const std::string k(kind);
  if (!root.is_object()) throw DataError(k + ": the file must hold a JSON object");
  for (const auto& [key, item] : root.items()) {
    if (key == "note") {
      if (!item.is_string()) throw DataError(k + ": note: must be a string");
    } else if (key != "schema" && key != list_key) {
      throw DataError(k + ": " + key + ": unknown key");
    }
  }
  auto schema = root.find("schema");
  if (schema == root.end()) throw DataError(k + ": schema: missing");
  if (!schema->is_number_integer() || schema->get<std::int64_t>() != 1) {
    throw DataError(k + ": schema: must be 1");
  }
  auto list = root.find(list_key);
  const std::string name(list_key);
  if (list == root.end()) throw DataError(k + ": " + name + ": missing");
  if (!list->is_array()) throw DataError(k + ": " + name + ": must be a list");
  if (list->empty()) throw DataError(k + ": " + name + ": must not be empty");
  return *list;
}

Fields::Fields(std::string_view kind, const json& value, std::string path,
               std::initializer_list<std::string_view> keys, bool allow_annotations)
    : kind_(kind), value_(value), path_(std::move(path)) {
  if (!value_.is_object()) {
    throw DataError(kind_ + ": " + path_ + ": must be an object");
  }
  for (const auto& [key, item] : value_.items()) {
    const bool annotation = allow_annotations && (key == "source" || key == "note");
    if (annotation && !item.is_string()) Fail(key, "must be a string");
    const bool verified = allow_annotations && key == "verified";
    if (verified && !item.is_boolean()) Fail(key, "must be true or false");
    if (annotation || verified) continue;
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) Fail(key, "unknown key");
  }
}

void Fields::Fail(std::string_view key, std::string_view message) const {
  throw DataError(kind_ + ": " + Key(key) + ": " + std::string(message));
}

std::string Fields::Key(std::string_view key) const {
  if (key.empty()) return path_;
  return path_ + "." + std::string(key);
}

bool Fields::Has(std::string_view key) const {
  return value_.find(key) != value_.end();
}

const json& Fields::Required(std::string_view key) const {
  auto it = value_.find(key);
  if (it == value_.end()) Fail(key, "missing");
  return *it;
}

std::int64_t Fields::Integer(std::string_view key, std::int64_t low, std::int64_t high,
                             std::string_view range_message) const {
  const json& item = Required(key);
  if (!item.is_number_integer()) Fail(key, "must be a whole number");
  if (item.is_number_unsigned() && item.get<std::uint64_t>() > static_cast<std::uint64_t>(high)) {
    Fail(key, range_message);
  }
  const std::int64_t number = item.get<std::int64_t>();
  if (number < low || number > high) Fail(key, range_message);
  return number;
}

registry::Rupiah Fields::Amount(std::string_view key) const {
  // A limit of 10^15 rupiah keeps every sum of a programme's transfers far from overflow.
  return Integer(key, 1, 1'000'000'000'000'000, "must be 1 to 10^15 rupiah");
}

registry::Rupiah Fields::AmountOrZero(std::string_view key) const {
  return Integer(key, 0, 1'000'000'000'000'000, "must be 0 to 10^15 rupiah");
}

int Fields::Year(std::string_view key) const {
  return static_cast<int>(Integer(key, 1900, 9999, "must be a year from 1900 to 9999"));
}

registry::Date Fields::IsoDate(std::string_view key) const {
  const json& item = Required(key);
  if (item.is_string()) {
    const std::string text = item.get<std::string>();
    bool shape = text.size() == 10 && text[4] == '-' && text[7] == '-';
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
      shape = shape && text[i] >= '0' && text[i] <= '9';
    }
    if (shape) {
      const registry::Date date{
          std::chrono::year{std::stoi(text.substr(0, 4))},
          std::chrono::month{static_cast<unsigned>(std::stoi(text.substr(5, 2)))},
          std::chrono::day{static_cast<unsigned>(std::stoi(text.substr(8, 2)))}};
      if (date.ok()) return date;
    }
  }
  Fail(key, "must be a date written YYYY-MM-DD");
}

std::string Fields::Text(std::string_view key) const {
  const json& item = Required(key);
  if (!item.is_string() || item.get<std::string>().empty()) Fail(key, "must be a non-empty string");
  return item.get<std::string>();
}

bool Fields::Flag(std::string_view key) const {
  const json& item = Required(key);
  if (!item.is_boolean()) Fail(key, "must be true or false");
  return item.get<bool>();
}

std::string Fields::OptionalText(std::string_view key) const {
  auto it = value_.find(key);
  if (it == value_.end()) return "";
  if (!it->is_string()) Fail(key, "must be a string");
  return it->get<std::string>();
}

bool Fields::Verified() const {
  auto it = value_.find("verified");
  return it == value_.end() || it->get<bool>();
}

}  // namespace detail
}  // namespace lumbung::subsidy
