#include "subsidy/minimum_wage.h"

#include <limits>
#include <stdexcept>

#include <nlohmann/json.hpp>

namespace lumbung::subsidy {
namespace {

using nlohmann::json;

constexpr std::string_view kKind = "minimum_wages";

}  // namespace

MinimumWages MinimumWages::FromJson(std::string_view json_text) {
  const json root = detail::ParseJson(kKind, json_text);
  const json& list = detail::CheckTopLevel(kKind, root, "minimum_wages");
  MinimumWages wages;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const detail::Fields f(kKind, list[i], "minimum_wages[" + std::to_string(i) + "]",
                           {"area", "name", "amounts"});
    std::optional<Area> area;
    const json& area_item = f.Required("area");
    if (area_item.is_string()) area = ParseArea(area_item.get<std::string>());
    if (!area) f.Fail("area", "must be a province code (\"31\") or a regency code (\"3275\")");
    if (wages.entries_.count(*area)) f.Fail("area", "named twice");
    Entry entry;
    entry.name = f.Text("name");
    entry.verified = f.Verified();
    const json& amounts = f.Required("amounts");
    if (!amounts.is_object() || amounts.empty()) {
      f.Fail("amounts", "must be an object of year: amount, not empty");
    }
    for (const auto& [key, value] : amounts.items()) {
      bool digits = key.size() == 4;
      for (char c : key) digits = digits && c >= '0' && c <= '9';
      if (!digits || std::stoi(key) < 1900) {
        f.Fail("amounts." + key, "must be a year from 1900 to 9999");
      }
      const bool whole =
          value.is_number_integer() &&
          (!value.is_number_unsigned() || value.get<std::uint64_t>() <= 1'000'000'000'000'000ULL);
      if (!whole || value.get<std::int64_t>() < 1 ||
          value.get<std::int64_t>() > 1'000'000'000'000'000) {
        f.Fail("amounts." + key, "must be 1 to 10^15 rupiah");
      }
      entry.by_year[std::stoi(key)] = value.get<std::int64_t>();
    }
    wages.entries_.emplace(*area, std::move(entry));
  }
  return wages;
}

MinimumWages MinimumWages::LoadFile(const std::filesystem::path& path) {
  const std::string text = detail::ReadWholeFile(kKind, path);
  try {
    return FromJson(text);
  } catch (const DataError& e) {
    throw DataError(std::string(e.what()) + " (in " + path.string() + ")");
  }
}

std::optional<MinimumWage> MinimumWages::For(const Area& workplace, int year) const {
  auto lookup = [&](const Area& area) -> std::optional<MinimumWage> {
    auto it = entries_.find(area);
    if (it == entries_.end()) return std::nullopt;
    auto amount = it->second.by_year.find(year);
    if (amount == it->second.by_year.end()) return std::nullopt;
    return MinimumWage{amount->second, area, it->second.verified};
  };
  if (workplace.regency != 0) {
    if (auto own = lookup(workplace)) return own;
  }
  return lookup(Area{workplace.province, 0});
}

std::string MinimumWages::NameOf(const Area& area) const {
  auto it = entries_.find(area);
  return it == entries_.end() ? "" : it->second.name;
}

Rupiah RoundUpTo(Rupiah amount, Rupiah step) {
  if (amount < 0 || step < 0) throw std::invalid_argument("RoundUpTo: negative amount or step");
  if (step == 0) return amount;
  const Rupiah remainder = amount % step;
  if (remainder == 0) return amount;
  const Rupiah up = step - remainder;
  if (amount > std::numeric_limits<Rupiah>::max() - up) {
    throw std::overflow_error("RoundUpTo: result out of range");
  }
  return amount + up;
}

Rupiah RoundUpToHundredThousand(Rupiah amount) {
  return RoundUpTo(amount, 100'000);
}

WageLimit EffectiveWageLimit(const Program& program, const Area& workplace,
                             const MinimumWages& wages) {
  WageLimit limit;
  limit.amount = program.wage_ceiling;
  limit.verified = program.IsVerified("wage_ceiling");
  if (!program.minimum_wage_replaces_ceiling) return limit;
  limit.minimum_wage = wages.For(workplace, program.year);
  if (!limit.minimum_wage) {
    limit.minimum_wage_unknown = true;
    return limit;
  }
  const Rupiah rounded = RoundUpTo(limit.minimum_wage->amount, program.minimum_wage_round_up_to);
  if (rounded > limit.amount) {
    limit.amount = rounded;
    limit.from_minimum_wage = true;
    limit.verified = limit.minimum_wage->verified &&
                     program.IsVerified("minimum_wage_round_up_to") &&
                     program.IsVerified("minimum_wage_replaces_ceiling");
  }
  return limit;
}

bool WithinLimit(const Program& program, Rupiah wage, Rupiah limit) {
  return program.wage_compare == WageCompare::kUnder ? wage < limit : wage <= limit;
}

}  // namespace lumbung::subsidy
