#include "core/inbox/render.h"

#include <charconv>
#include <optional>
#include <string_view>

#include "core/i18n/rupiah.h"

namespace lumbung::inbox {
namespace {

bool NamedAs(const std::string& name, std::string_view kind) {
  if (name == kind) return true;
  const std::string suffix = "_" + std::string(kind);
  return name.size() > suffix.size() &&
         name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// All of `text` as a number of exactly `digits` digits (any count when 0), else nullopt.
std::optional<long long> Number(std::string_view text, std::size_t digits = 0) {
  if (text.empty() || (digits && text.size() != digits)) return std::nullopt;
  long long value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

std::string DateText(const i18n::Catalogs& catalogs, const std::string& lang,
                     const std::string& date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return date;
  const auto year = Number(std::string_view(date).substr(0, 4), 4);
  const auto month = Number(std::string_view(date).substr(5, 2), 2);
  const auto day = Number(std::string_view(date).substr(8, 2), 2);
  if (!year || !month || !day || *month < 1 || *month > 12 || *day < 1 || *day > 31) return date;
  return std::to_string(*day) + " " + catalogs.Get(lang, "date.months." + std::to_string(*month)) +
         " " + std::to_string(*year);
}

}  // namespace

std::string MonthText(const i18n::Catalogs& catalogs, const std::string& lang, int period) {
  const int month = period % 100;
  if (period < 100001 || period > 999912 || month < 1 || month > 12) {
    return std::to_string(period);
  }
  return catalogs.Get(lang, "date.months." + std::to_string(month)) + " " +
         std::to_string(period / 100);
}

std::map<std::string, std::string> DisplayValues(const i18n::Catalogs& catalogs,
                                                 const std::string& lang,
                                                 const std::map<std::string, std::string>& values) {
  std::map<std::string, std::string> shown;
  for (const auto& [name, value] : values) {
    std::string text = value;
    if (NamedAs(name, "month")) {
      if (const auto period = Number(value, 6))
        text = MonthText(catalogs, lang, static_cast<int>(*period));
    } else if (NamedAs(name, "date")) {
      text = DateText(catalogs, lang, value);
    } else if (NamedAs(name, "amount")) {
      if (const auto amount = Number(value)) text = i18n::FormatRupiah(*amount, lang);
    }
    shown[name] = std::move(text);
  }
  return shown;
}

std::string RenderMessage(const i18n::Catalogs& catalogs, const std::string& lang,
                          const InboxItem& item) {
  return catalogs.Format(lang, item.message_id, DisplayValues(catalogs, lang, item.values));
}

}  // namespace lumbung::inbox
