// The wage subsidy (BSU, Bantuan Subsidi Upah) programmes, one per year, as dated data
// (config/subsidy_programs.json, schema in docs/subsidy.md). The Ministry of Manpower sets each
// year's rules; the fund's member data supplies the candidates, and workers cannot apply. A new
// year is a new entry in the file, never code: the amounts, the cutoff day for active
// membership, the wage ceiling and how it compares, whether the regional minimum wage replaces
// it, the exclusion lists, the areas covered and the words members see are all data.
//
// Figures the domain facts do not state exactly are shipped marked `"verified": false` with the
// fields named in `unverified`, so pages and reports can say so.
#pragma once

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "registry/rules.h"
#include "subsidy/data_file.h"

namespace lumbung::subsidy {

using registry::Date;
using registry::Rupiah;

// How a member's wage is compared with the limit: "at_most" (wage <= limit, the wording of
// 2021 onwards) or "under" (wage < limit, 2020's "under Rp 5,000,000").
enum class WageCompare { kAtMost, kUnder };

// The wording members see for their stage (stage.h): "y2022" is three stages (candidate,
// confirmed in batch N, paid to the account); "y2025" is the notices of 2025.
enum class StageStyle { kY2022, kY2025 };

struct Program {
  int year = 0;
  std::string name_id, name_en;  // the programme's name as members know it
  // What one member receives: `amount_per_month` for `months` months, paid in `transfers`
  // (each transfer's amount; they add up to amount_per_month x months).
  Rupiah amount_per_month = 0;
  int months = 0;
  std::vector<Rupiah> transfers;
  // A member counts when an employment spell covers this day, with the wage the employer
  // reported for this day's month.
  Date cutoff;
  // The wage limit: `wage_ceiling`, or where `minimum_wage_replaces_ceiling` and it is higher,
  // the regional minimum wage of the programme's year rounded up to the next multiple of
  // `minimum_wage_round_up_to` (0: not rounded). See minimum_wage.h EffectiveWageLimit.
  Rupiah wage_ceiling = 0;
  WageCompare wage_compare = WageCompare::kAtMost;
  bool minimum_wage_replaces_ceiling = false;
  Rupiah minimum_wage_round_up_to = 0;
  // Imported lists whose people are excluded: "civil_servant" (PNS, TNI, Polri),
  // "state_enterprise_staff", aid programmes by name ("pkh", "kartu_prakerja", "bpum").
  // Each is a catalog reason subsidy.reason.excluded_<list>.
  std::vector<std::string> exclusions;
  bool citizens_only = true;          // an Indonesian citizen, known by a valid NIK
  bool wage_earners_only = true;      // wage-earner members (not the self-employed)
  bool bank_account_required = true;  // without a usable account the member is not eligible
  // The most NIKs one bank account may be on record for (profile_bank_accounts with the same
  // account fingerprint). Beyond it every one of them has bank_account_shared: one account
  // collecting many workers' subsidy is how fake candidates are paid out.
  int niks_per_bank_account = 1;
  // Areas covered (e.g. 2021's PPKM level 3/4 areas): empty means everywhere.
  std::vector<Area> areas;
  StageStyle stage_style = StageStyle::kY2022;
  // False when some figure has no primary source; `unverified` names the fields.
  bool verified = true;
  std::vector<std::string> unverified;
  std::string source, note;

  Rupiah Total() const { return amount_per_month * months; }
  bool IsVerified(std::string_view field) const;
  bool Excludes(std::string_view list) const;
  // True when the programme has no area list or the workplace lies in one of its areas (a
  // province-wide entry covers every regency; a regency entry needs the regency known).
  bool Covers(const Area& workplace) const;
};

// The fields a programme's `unverified` may name.
std::span<const std::string_view> ProgramFieldNames();

class ProgramBook {
 public:
  // Parses and validates the JSON text. Throws DataError naming the bad key, e.g.
  // "subsidy_programs: programs[1].transfers: must add up to amount_per_month x months".
  static ProgramBook FromJson(std::string_view json_text);
  // Reads and parses the file. Throws DataError (also for an unreadable file).
  static ProgramBook LoadFile(const std::filesystem::path& path);

  // The programme of `year`; nullptr when that year had none (2023).
  const Program* ForYear(int year) const;
  // Every programme, oldest first.
  const std::vector<Program>& All() const { return programs_; }

 private:
  std::vector<Program> programs_;
};

std::string_view StageStyleName(StageStyle style);  // "y2022", "y2025"
std::optional<StageStyle> ParseStageStyle(std::string_view name);
std::string_view WageCompareName(WageCompare compare);  // "at_most", "under"

}  // namespace lumbung::subsidy
