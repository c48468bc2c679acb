#include "subsidy/program.h"

#include <algorithm>
#include <array>
#include <set>

#include <nlohmann/json.hpp>

namespace lumbung::subsidy {
namespace {

using nlohmann::json;

constexpr std::string_view kKind = "subsidy_programs";

constexpr std::array<std::string_view, 19> kFieldNames = {
    "year",
    "name_id",
    "name_en",
    "amount_per_month",
    "months",
    "transfers",
    "cutoff",
    "wage_ceiling",
    "wage_compare",
    "minimum_wage_replaces_ceiling",
    "minimum_wage_round_up_to",
    "exclusions",
    "citizens_only",
    "wage_earners_only",
    "bank_account_required",
    "niks_per_bank_account",
    "areas",
    "stage_style",
    "unverified",
};

// A list name becomes part of a reason code and a catalog id, so it is a plain lower-case word.
bool IsListName(std::string_view name) {
  if (name.empty() || name.size() > 40 || name[0] < 'a' || name[0] > 'z') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

const json& List(const detail::Fields& f, std::string_view key, bool may_be_empty) {
  const json& list = f.Required(key);
  if (!list.is_array()) f.Fail(key, "must be a list");
  if (!may_be_empty && list.empty()) f.Fail(key, "must not be empty");
  return list;
}

std::string Item(std::string_view key, std::size_t i) {
  return std::string(key) + "[" + std::to_string(i) + "]";
}

Program ReadProgram(const detail::Fields& f) {
  Program p;
  p.year = f.Year("year");
  p.name_id = f.Text("name_id");
  p.name_en = f.Text("name_en");
  p.amount_per_month = f.Amount("amount_per_month");
  p.months = static_cast<int>(f.Integer("months", 1, 24, "must be 1 to 24"));

  const json& transfers = List(f, "transfers", false);
  Rupiah sum = 0;
  for (std::size_t i = 0; i < transfers.size(); ++i) {
    const detail::Fields t(kKind, transfers[i], f.Key(Item("transfers", i)), {"amount"});
    p.transfers.push_back(t.Amount("amount"));
    sum += p.transfers.back();
  }
  if (sum != p.Total()) f.Fail("transfers", "must add up to amount_per_month x months");

  p.cutoff = f.IsoDate("cutoff");
  if (static_cast<int>(p.cutoff.year()) > p.year) {
    f.Fail("cutoff", "must not be after the programme's year");
  }
  p.wage_ceiling = f.Amount("wage_ceiling");
  const std::string compare = f.Text("wage_compare");
  if (compare == "at_most") {
    p.wage_compare = WageCompare::kAtMost;
  } else if (compare == "under") {
    p.wage_compare = WageCompare::kUnder;
  } else {
    f.Fail("wage_compare", "must be \"at_most\" or \"under\"");
  }
  p.minimum_wage_replaces_ceiling = f.Flag("minimum_wage_replaces_ceiling");
  p.minimum_wage_round_up_to = f.AmountOrZero("minimum_wage_round_up_to");
  if (!p.minimum_wage_replaces_ceiling && p.minimum_wage_round_up_to != 0) {
    f.Fail("minimum_wage_round_up_to", "must be 0 when the minimum wage does not apply");
  }

  const json& exclusions = List(f, "exclusions", true);
  for (std::size_t i = 0; i < exclusions.size(); ++i) {
    const std::string key = Item("exclusions", i);
    if (!exclusions[i].is_string() || !IsListName(exclusions[i].get<std::string>())) {
      f.Fail(key, "must be a list name: a-z, 0-9 and _, starting with a letter, up to 40");
    }
    const std::string name = exclusions[i].get<std::string>();
    if (p.Excludes(name)) f.Fail(key, "named twice");
    p.exclusions.push_back(name);
  }

  p.citizens_only = f.Flag("citizens_only");
  p.wage_earners_only = f.Flag("wage_earners_only");
  p.bank_account_required = f.Flag("bank_account_required");
  p.niks_per_bank_account =
      static_cast<int>(f.Integer("niks_per_bank_account", 1, 1000, "must be 1 to 1000"));

  const json& areas = List(f, "areas", true);
  for (std::size_t i = 0; i < areas.size(); ++i) {
    const std::string key = Item("areas", i);
    std::optional<Area> area;
    if (areas[i].is_string()) area = ParseArea(areas[i].get<std::string>());
    if (!area) f.Fail(key, "must be a province code (\"31\") or a regency code (\"3275\")");
    if (std::find(p.areas.begin(), p.areas.end(), *area) != p.areas.end()) {
      f.Fail(key, "named twice");
    }
    p.areas.push_back(*area);
  }

  const std::string style = f.Text("stage_style");
  auto parsed_style = ParseStageStyle(style);
  if (!parsed_style) f.Fail("stage_style", "must be \"y2022\" or \"y2025\"");
  p.stage_style = *parsed_style;

  p.verified = f.Verified();
  if (f.Has("unverified")) {
    const json& fields = List(f, "unverified", false);
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const std::string key = Item("unverified", i);
      if (!fields[i].is_string()) f.Fail(key, "must be a field name");
      const std::string name = fields[i].get<std::string>();
      if (name == "unverified" || name == "year" ||
          std::find(kFieldNames.begin(), kFieldNames.end(), name) == kFieldNames.end()) {
        f.Fail(key, "must name a field of the programme");
      }
      if (std::find(p.unverified.begin(), p.unverified.end(), name) != p.unverified.end()) {
        f.Fail(key, "named twice");
      }
      p.unverified.push_back(name);
    }
  }
  // The two say the same thing; requiring both keeps a forgotten half from hiding a gap.
  if (!p.verified && p.unverified.empty()) {
    f.Fail("unverified", "must name the fields when verified is false");
  }
  if (p.verified && !p.unverified.empty()) {
    f.Fail("verified", "must be false when fields are named unverified");
  }
  p.source = f.OptionalText("source");
  p.note = f.OptionalText("note");
  return p;
}

}  // namespace

bool Program::IsVerified(std::string_view field) const {
  return std::find(unverified.begin(), unverified.end(), field) == unverified.end();
}

bool Program::Excludes(std::string_view list) const {
  return std::find(exclusions.begin(), exclusions.end(), list) != exclusions.end();
}

bool Program::Covers(const Area& workplace) const {
  if (areas.empty()) return true;
  return std::any_of(areas.begin(), areas.end(), [&](const Area& a) {
    if (a.province != workplace.province) return false;
    return a.regency == 0 || a.regency == workplace.regency;
  });
}

std::span<const std::string_view> ProgramFieldNames() {
  return kFieldNames;
}

ProgramBook ProgramBook::FromJson(std::string_view json_text) {
  const json root = detail::ParseJson(kKind, json_text);
  const json& list = detail::CheckTopLevel(kKind, root, "programs");
  ProgramBook book;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const detail::Fields f(
        kKind, list[i], "programs[" + std::to_string(i) + "]",
        {"year", "name_id", "name_en", "amount_per_month", "months", "transfers", "cutoff",
         "wage_ceiling", "wage_compare", "minimum_wage_replaces_ceiling",
         "minimum_wage_round_up_to", "exclusions", "citizens_only", "wage_earners_only",
         "bank_account_required", "niks_per_bank_account", "areas", "stage_style", "unverified"});
    Program p = ReadProgram(f);
    if (!book.programs_.empty() && p.year <= book.programs_.back().year) {
      f.Fail("year", "years must increase");
    }
    book.programs_.push_back(std::move(p));
  }
  return book;
}

ProgramBook ProgramBook::LoadFile(const std::filesystem::path& path) {
  const std::string text = detail::ReadWholeFile(kKind, path);
  try {
    return FromJson(text);
  } catch (const DataError& e) {
    throw DataError(std::string(e.what()) + " (in " + path.string() + ")");
  }
}

const Program* ProgramBook::ForYear(int year) const {
  for (const Program& p : programs_) {
    if (p.year == year) return &p;
  }
  return nullptr;
}

std::string_view StageStyleName(StageStyle style) {
  return style == StageStyle::kY2025 ? "y2025" : "y2022";
}

std::optional<StageStyle> ParseStageStyle(std::string_view name) {
  if (name == "y2022") return StageStyle::kY2022;
  if (name == "y2025") return StageStyle::kY2025;
  return std::nullopt;
}

std::string_view WageCompareName(WageCompare compare) {
  return compare == WageCompare::kUnder ? "under" : "at_most";
}

}  // namespace lumbung::subsidy
