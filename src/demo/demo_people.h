// Demo data tables and the pure pieces of demo people and employers: names by region,
// addresses, phone numbers, e-mail addresses, sectors and provincial minimum wages.
//
// DEMO DATA, NOT REFERENCE DATA. The minimum wages are rough approximations (2025 provincial
// minimum wages as reported in the news, earlier years derived with an average yearly raise),
// name frequencies and regional mixes are invented, addresses and phone numbers are fictitious
// and e-mail addresses use the reserved example.com/.net/.org domains. Nothing here may be used
// to compute a member's entitlements; the fund's rules live in config/rules.json.
#pragma once

#include <array>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "demo/demo_random.h"
#include "registry/nik.h"
#include "registry/rules.h"

namespace lumbung::demo {

using registry::RiskClass;
using registry::Rupiah;
using registry::Sex;

// Naming traditions used to make plausible names for a region.
enum class NameCulture {
  kJavanese,
  kSundanese,
  kBatak,
  kMinang,
  kMalay,
  kBugis,
  kBalinese,
  kMinahasa,
  kEasternChristian,  // Nusa Tenggara Timur, Maluku, Dayak
  kPapuan,
  kChineseIndonesian,
};
inline constexpr int kNameCultureCount = 11;

struct DemoCultureShare {
  NameCulture culture;
  int weight;
};

struct DemoProvince {
  int code;                                  // a real province code (nik.h)
  std::array<const char*, 4> cities;         // for addresses; nullptr-padded
  int worker_weight;                         // relative share of demo members living there
  int employer_weight;                       // relative share of demo employers there
  Rupiah minimum_wage_2025;                  // DEMO approximation of the 2025 provincial minimum
  int regencies;                             // NIK regency codes 01..regencies
  int cities_count;                          // NIK city codes 71..70+cities_count
  std::array<DemoCultureShare, 5> cultures;  // weight 0 = unused
};

std::span<const DemoProvince> DemoProvinces();
// Throws std::out_of_range for a code without demo data.
const DemoProvince& DemoProvinceByCode(int code);

struct DemoSector {
  const char* slug;  // stored in employers.sector; UI text comes from the catalog
  RiskClass risk;    // the JKK risk class employers in this sector usually have
  int weight;        // relative share of demo employers
  std::array<const char*, 3> name_words;
};
std::span<const DemoSector> DemoSectors();

// The DEMO minimum monthly wage of a province in a year (rounded to Rp 1,000). Years after
// 2025 grow 5% a year, years before 2015 shrink 8% a year.
Rupiah DemoMinimumWage(int province_code, int year);

// A culture drawn with the province's mix.
NameCulture DemoCultureFor(DemoRandom& random, const DemoProvince& province);
// "Siti Rahayu", "Parulian Simanjuntak", "I Made Suardana", ...
std::string DemoFullName(DemoRandom& random, NameCulture culture, Sex sex);
// "Jl. Melati No. 12, RT 003/RW 005, Bandung"
std::string DemoAddress(DemoRandom& random, const DemoProvince& province);
// An Indonesian mobile number, "08" + operator prefix + subscriber digits (10-13 digits).
std::string DemoPhone(DemoRandom& random);
// Lowercase ASCII from the name at a reserved example domain; nullopt for members who gave none.
std::optional<std::string> DemoEmail(DemoRandom& random, std::string_view full_name);
// "PT Sinar Jaya Konstruksi", "CV Maju Bersama Logistik", ...
std::string DemoEmployerName(DemoRandom& random, const DemoSector& sector);

}  // namespace lumbung::demo
