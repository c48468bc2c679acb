#include "training/catalog.h"

#include <algorithm>
#include <cstdio>

#include "core/i18n/rupiah_input.h"
#include "core/i18n/typed_text.h"
#include "registry/nik.h"
#include "training/eligibility.h"

namespace lumbung::training {
namespace {

constexpr std::size_t kMaxTitleChars = 120;
constexpr std::size_t kMaxCityChars = 80;
constexpr std::size_t kMaxDescriptionChars = 2000;
constexpr std::size_t kMaxScheduleChars = 120;
constexpr std::size_t kMaxQueryChars = 80;
constexpr std::int64_t kMaxCost = 1'000'000'000;

std::size_t Chars(const std::string& s) {
  std::size_t n = 0;
  for (unsigned char ch : s) n += (ch & 0xC0) != 0x80;
  return n;
}

std::string Get(const std::map<std::string, std::string>& m, const std::string& key) {
  const auto it = m.find(key);
  return it == m.end() ? "" : it->second;
}

// A whole number of at most 9 digits; nullopt otherwise (also for "", signs and spaces inside).
std::optional<int> WholeNumber(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text.empty() || text.size() > 9) return std::nullopt;
  int value = 0;
  for (char ch : text) {
    if (ch < '0' || ch > '9') return std::nullopt;
    value = value * 10 + (ch - '0');
  }
  return value;
}

// The text tidied (typed_text.h); an error id under `name` when it has control characters, is
// empty while required, or is longer than `max`.
std::string Text(const std::string& typed, bool multiline, bool required, std::size_t max,
                 const std::string& name, std::map<std::string, std::string>& errors) {
  std::string tidy;
  if (!i18n::TidyTypedText(typed, multiline, &tidy)) {
    errors[name] = "training.error.characters";
    return typed;
  }
  if (required && tidy.empty()) {
    errors[name] = "training.error." + name + "_missing";
  } else if (Chars(tidy) > max) {
    errors[name] = "training.error." + name + "_too_long";
  }
  return tidy;
}

}  // namespace

const std::vector<std::string_view>& Fields() {
  static const std::vector<std::string_view> fields = {
      "digital", "manufacturing", "hospitality", "agriculture", "construction",
      "care",    "business",      "language",    "other"};
  return fields;
}

bool IsField(std::string_view field) {
  const auto& all = Fields();
  return std::find(all.begin(), all.end(), field) != all.end();
}

bool IsMode(std::string_view mode) {
  return mode == "online" || mode == "in_person";
}

std::optional<std::chrono::year_month_day> ParseDay(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  std::vector<std::string> parts(1);
  for (char ch : text) {
    if (ch == '-' || ch == '/' || ch == '.') {
      parts.emplace_back();
    } else if (ch >= '0' && ch <= '9') {
      parts.back() += ch;
    } else {
      return std::nullopt;
    }
  }
  if (parts.size() != 3) return std::nullopt;
  for (const auto& p : parts) {
    if (p.empty() || p.size() > 4) return std::nullopt;
  }
  int y = 0, m = 0, d = 0;
  if (parts[0].size() == 4) {
    y = std::stoi(parts[0]), m = std::stoi(parts[1]), d = std::stoi(parts[2]);
  } else if (parts[2].size() == 4) {
    d = std::stoi(parts[0]), m = std::stoi(parts[1]), y = std::stoi(parts[2]);
  } else {
    return std::nullopt;
  }
  if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  const std::chrono::year_month_day day{std::chrono::year{y},
                                        std::chrono::month{static_cast<unsigned>(m)},
                                        std::chrono::day{static_cast<unsigned>(d)}};
  if (!day.ok()) return std::nullopt;
  return day;
}

std::string IsoDay(std::chrono::year_month_day day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return buf;
}

CatalogFilter ParseFilter(const std::map<std::string, std::string>& query) {
  CatalogFilter f;
  std::string q;
  if (i18n::TidyTypedText(Get(query, "q"), false, &q) && Chars(q) <= kMaxQueryChars) f.q = q;
  if (IsField(Get(query, "field"))) f.field = Get(query, "field");
  if (IsMode(Get(query, "mode"))) f.mode = Get(query, "mode");
  if (const auto p = WholeNumber(Get(query, "province")); p && registry::IsKnownProvinceCode(*p)) {
    f.province = *p;
  }
  if (const auto d = ParseDay(Get(query, "from"))) f.from = IsoDay(*d);
  if (const auto page = WholeNumber(Get(query, "page")); page && *page >= 1 && *page <= 100000) {
    f.page = *page;
  }
  return f;
}

std::string FilterQuery(const CatalogFilter& filter, int page) {
  std::string out;
  auto add = [&out](const std::string& key, const std::string& value) {
    if (value.empty()) return;
    out += out.empty() ? "" : "&";
    out += key + "=";
    static const char* hex = "0123456789ABCDEF";
    for (unsigned char ch : value) {
      if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
          ch == '-' || ch == '_' || ch == '.') {
        out += static_cast<char>(ch);
      } else {
        out += '%';
        out += hex[ch >> 4];
        out += hex[ch & 15];
      }
    }
  };
  add("q", filter.q);
  add("field", filter.field);
  add("mode", filter.mode);
  add("province", filter.province ? std::to_string(filter.province) : "");
  add("from", filter.from);
  add("page", page > 1 ? std::to_string(page) : "");
  return out;
}

CheckedProgramme CheckProgramme(const ProgrammeForm& form) {
  CheckedProgramme c;
  auto& e = c.errors;
  c.title = Text(form.title, false, true, kMaxTitleChars, "title", e);
  c.description = Text(form.description, true, false, kMaxDescriptionChars, "description", e);
  if (IsField(form.field)) {
    c.field = form.field;
  } else {
    e["field"] = "training.error.field";
  }
  if (IsMode(form.mode)) {
    c.mode = form.mode;
  } else {
    e["mode"] = "training.error.mode";
  }
  if (c.mode == "in_person") {
    const auto p = WholeNumber(form.province);
    if (p && registry::IsKnownProvinceCode(*p)) {
      c.province_code = *p;
    } else {
      e["province"] = "training.error.province";
    }
    c.city = Text(form.city, false, true, kMaxCityChars, "city", e);
  }
  const auto hours = WholeNumber(form.duration_hours);
  if (hours && *hours >= 1 && *hours <= 2000) {
    c.duration_hours = *hours;
  } else {
    e["duration_hours"] = "training.error.duration_hours";
  }
  auto age = [&e](const std::string& typed, const std::string& name, int* out) {
    if (typed.find_first_not_of(' ') == std::string::npos) return;  // no limit
    const auto a = WholeNumber(typed);
    if (a && *a >= 15 && *a <= 100) {
      *out = *a;
    } else {
      e[name] = "training.error.age";
    }
  };
  age(form.min_age, "min_age", &c.min_age);
  age(form.max_age, "max_age", &c.max_age);
  if (c.min_age > 0 && c.max_age > 0 && c.min_age > c.max_age && !e.count("max_age")) {
    e["max_age"] = "training.error.age_order";
  }
  if (form.min_education.empty() || IsEducationLevel(form.min_education)) {
    c.min_education = form.min_education;
  } else {
    e["min_education"] = "training.error.education";
  }
  if (form.cost.find_first_not_of(' ') == std::string::npos) {
    c.cost_rupiah = 0;
  } else {
    const auto cost = i18n::ParseRupiah(form.cost, kMaxCost);
    if (cost.amount) {
      c.cost_rupiah = *cost.amount;
    } else {
      e["cost"] = "training.error.cost";
    }
  }
  return c;
}

CheckedSession CheckSession(const SessionForm& form, std::chrono::year_month_day today,
                            bool is_new) {
  CheckedSession c;
  auto& e = c.errors;
  const auto starts = ParseDay(form.starts_on);
  const auto ends = ParseDay(form.ends_on);
  if (!starts) {
    e["starts_on"] = "training.error.day";
  } else if (is_new && std::chrono::sys_days{*starts} <= std::chrono::sys_days{today}) {
    e["starts_on"] = "training.error.starts_future";
  } else {
    c.starts_on = IsoDay(*starts);
  }
  if (!ends) {
    e["ends_on"] = "training.error.day";
  } else if (starts && std::chrono::sys_days{*ends} < std::chrono::sys_days{*starts}) {
    e["ends_on"] = "training.error.ends_before";
  } else {
    c.ends_on = IsoDay(*ends);
  }
  c.schedule = Text(form.schedule, false, false, kMaxScheduleChars, "schedule", e);
  const auto quota = WholeNumber(form.quota);
  if (quota && *quota >= 1 && *quota <= 10000) {
    c.quota = *quota;
  } else {
    e["quota"] = "training.error.quota";
  }
  return c;
}

}  // namespace lumbung::training
