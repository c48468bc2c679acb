#include "demo/demo_generator.h"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "demo/demo_people.h"
#include "employers/bill.h"
#include "employers/late_fine.h"
#include "employers/payment_code.h"
#include "registry/jht.h"

namespace lumbung::demo {

using registry::ComputeJhtLedger;
using registry::JhtFlow;
using registry::JhtLedger;
using registry::JhtYear;
using registry::kRiskClassCount;
using registry::MakeNik;
using registry::ReturnRateLookup;
using registry::RoundRupiah;

namespace {

using std::chrono::days;
using std::chrono::sys_days;

int AbsoluteMonth(Month month) {
  return static_cast<int>(month.year()) * 12 +
         static_cast<int>(static_cast<unsigned>(month.month())) - 1;
}

Month FromAbsolute(int absolute) {
  return Month{std::chrono::year{absolute / 12},
               std::chrono::month{static_cast<unsigned>(absolute % 12 + 1)}};
}

Date DayOf(Month month, int day) {
  return Date{month.year(), month.month(), std::chrono::day{static_cast<unsigned>(day)}};
}

Date AddDays(Date date, int n) {
  return Date{sys_days(date) + days(n)};
}

// The due date of a month's bill, as ComputeBill gives it (the 15th of the next month when the
// rules have no employer_payment entry, as the wage report's bill does).
Date DueDateOf(const RuleBook& rules, Month month) {
  if (const auto payment = rules.EmployerPaymentRulesFor(month)) {
    return employers::DueDate(month, *payment);
  }
  return DayOf(month + std::chrono::months(1), 15);
}

// Distinct stream purposes, so that changing how one thing is drawn never shifts another.
enum Stream : std::uint64_t {
  kEmployerStream = 1,
  kMemberStream = 2,
  kBillStream = 3,
};

// Bijections onto the number ranges of identifiers (multipliers coprime to the ranges).
constexpr std::uint64_t kNppRange = 90'000'000, kNppMultiplier = 48'271;
constexpr std::uint64_t kElevenDigitRange = 90'000'000'000, kKpjMultiplier = 1'000'003;

std::string Digits(std::uint64_t value) {
  return std::to_string(value);
}

}  // namespace

int PeriodOf(Month month) {
  return static_cast<int>(month.year()) * 100 +
         static_cast<int>(static_cast<unsigned>(month.month()));
}

Month MonthOfPeriod(int period) {
  return Month{std::chrono::year{period / 100},
               std::chrono::month{static_cast<unsigned>(period % 100)}};
}

// A stretch of work at one employer, in month indexes of the window (inclusive).
struct DemoGenerator::Job {
  std::size_t employer = 0;  // index into employers_
  int first = 0, last = 0;
  int wage_permille = 1000;  // of the provincial minimum wage
};

DemoGenerator::DemoGenerator(const RuleBook& rules, const DemoOptions& options)
    : rules_(rules), options_(options) {
  if (options.members < 0 || options.employers < 1 || options.years < 1) {
    throw std::invalid_argument("demo data: members >= 0, employers >= 1 and years >= 1 please");
  }
  if (!options.today.ok()) throw std::invalid_argument("demo data: `today` is not a date");
  last_month_ = Month{options.today.year(), options.today.month()} - std::chrono::months(1);
  first_month_ = last_month_ - std::chrono::months(options.years * 12 - 1);
  if (first_month_ < rules.FirstMonth()) first_month_ = rules.FirstMonth();
  if (last_month_ < first_month_) {
    throw std::invalid_argument("demo data: the rules begin after the month before `today`");
  }
  month_count_ = AbsoluteMonth(last_month_) - AbsoluteMonth(first_month_) + 1;
  for (int i = 0; i < month_count_; ++i) due_dates_.push_back(DueDateOf(rules, MonthAt(i)));
  const int first_year = static_cast<int>(first_month_.year());
  for (int year = first_year; year <= static_cast<int>(last_month_.year()); ++year) {
    jht_rates_.push_back(rules.JhtReturnBp(year));
  }

  std::vector<int> province_weights, sector_weights;
  for (const DemoProvince& p : DemoProvinces()) province_weights.push_back(p.employer_weight);
  for (const DemoSector& s : DemoSectors()) sector_weights.push_back(s.weight);
  const Date window_start = DayOf(first_month_, 1);
  const int window_days =
      static_cast<int>((sys_days(DayOf(last_month_, 28)) - sys_days(window_start)).count());
  employers_by_province_.resize(100);
  for (int i = 0; i < options.employers; ++i) {
    DemoRandom random(StreamKey({options.seed, kEmployerStream, static_cast<std::uint64_t>(i)}));
    DemoEmployer e;
    e.id = i + 1;
    const DemoProvince& province = DemoProvinces()[random.Weighted(province_weights)];
    e.province_code = province.code;
    // The first five employers cover the five JKK risk classes, so every class appears.
    std::vector<int> weights = sector_weights;
    if (i < kRiskClassCount) {
      for (std::size_t s = 0; s < weights.size(); ++s) {
        if (static_cast<int>(DemoSectors()[s].risk) != i) weights[s] = 0;
      }
    }
    const DemoSector& sector = DemoSectors()[random.Weighted(weights)];
    e.sector = sector.slug;
    e.risk = sector.risk;
    e.name = DemoEmployerName(random, sector);
    e.npp = Digits(10'000'000 + Scatter(static_cast<std::uint64_t>(i), kNppRange, kNppMultiplier,
                                        options.seed % kNppRange));
    // Most employers predate the records; some register during the first part of them.
    // Employer 1 always predates them, so every month has someone to hire.
    if (i == 0 || random.Chance(850)) {
      e.registered_on = AddDays(window_start, -static_cast<int>(random.Between(30, 20 * 365)));
    } else {
      e.registered_on =
          AddDays(window_start, static_cast<int>(random.Between(0, window_days * 6 / 10)));
    }
    // A few employers stopped paying their last months (employer 2 always, for the tests).
    if ((i == 1 || random.Chance(60)) && options.employers > 1) {
      e.arrears_months = static_cast<int>(random.Between(1, 6));
    }
    employers_by_province_[static_cast<std::size_t>(e.province_code)].push_back(i);
    employers_.push_back(std::move(e));
  }

  settlements_.resize(employers_.size() * static_cast<std::size_t>(month_count_));
  for (std::size_t e = 0; e < employers_.size(); ++e) {
    for (int m = 0; m < month_count_; ++m) {
      settlements_[Cell(e, m)] = SettlementFor(employers_[e], MonthAt(m));
    }
  }
  reports_.assign(employers_.size() * static_cast<std::size_t>(month_count_), MonthReport{});

  const int last_year = static_cast<int>(last_month_.year());
  minimum_wages_.resize(100);
  for (const DemoProvince& p : DemoProvinces()) {
    for (int year = first_year; year <= last_year; ++year) {
      minimum_wages_[static_cast<std::size_t>(p.code)].push_back(DemoMinimumWage(p.code, year));
    }
  }
  std::size_t capacity = 1024;
  while (capacity < static_cast<std::size_t>(options.members) * 2) capacity *= 2;
  nik_table_.assign(capacity, 0);
}

int DemoGenerator::MonthIndex(Month month) const {
  return AbsoluteMonth(month) - AbsoluteMonth(first_month_);
}

Month DemoGenerator::MonthAt(int index) const {
  return FromAbsolute(AbsoluteMonth(first_month_) + index);
}

DemoGenerator::Settlement DemoGenerator::SettlementFor(const DemoEmployer& employer,
                                                       Month month) const {
  Settlement settlement;
  DemoRandom random(StreamKey({options_.seed, kBillStream, static_cast<std::uint64_t>(employer.id),
                               static_cast<std::uint64_t>(PeriodOf(month))}));
  const Month next = month + std::chrono::months(1);
  const auto before_today = [&](Date day) { return sys_days(day) < sys_days(options_.today); };
  const int from_end = AbsoluteMonth(last_month_) - AbsoluteMonth(month);
  if (from_end < employer.arrears_months) {
    // In arrears; a quarter of these months had a part paid.
    if (random.Chance(250)) {
      const Date part_on = DayOf(next, static_cast<int>(random.Between(1, 28)));
      const int permille = static_cast<int>(random.Between(200, 700));
      if (before_today(part_on)) {
        settlement.part_on = part_on;
        settlement.part_permille = permille;
      }
    }
    return settlement;
  }
  // Nine in ten pay by the due date; the others up to 45 days after it.
  const Date due = DueDateOf(rules_, month);
  const Date paid_on =
      random.Chance(900)
          ? DayOf(next, static_cast<int>(random.Between(1, static_cast<unsigned>(due.day()))))
          : AddDays(due, static_cast<int>(random.Between(1, 45)));
  // About one in twelve pays in two parts, the first a few days before the rest (never before
  // the bill is made, on the first day of the next month).
  const bool in_parts = random.Chance(80);
  const int permille = static_cast<int>(random.Between(300, 700));
  const Date part_on =
      std::max(DayOf(next, 1), AddDays(paid_on, -static_cast<int>(random.Between(3, 20))));
  if (in_parts && sys_days(part_on) < sys_days(paid_on) && before_today(part_on)) {
    settlement.part_on = part_on;
    settlement.part_permille = permille;
  }
  if (!before_today(paid_on)) return settlement;  // not paid in full yet
  settlement.paid = true;
  settlement.paid_on = paid_on;
  return settlement;
}

bool DemoGenerator::IssueNik(std::uint64_t nik) {
  if ((nik_count_ + 1) * 2 > nik_table_.size()) {
    std::vector<std::uint64_t> old = std::move(nik_table_);
    nik_table_.assign(old.size() * 2, 0);
    nik_count_ = 0;
    for (std::uint64_t value : old) {
      if (value != 0) IssueNik(value);
    }
  }
  const std::size_t mask = nik_table_.size() - 1;
  for (std::size_t slot = Mix64(nik) & mask;; slot = (slot + 1) & mask) {
    if (nik_table_[slot] == nik) return false;
    if (nik_table_[slot] == 0) {
      nik_table_[slot] = nik;
      ++nik_count_;
      return true;
    }
  }
}

void DemoGenerator::PlanSpells(DemoRandom& random, DemoMember& member, std::vector<Job>& jobs) {
  const int last = month_count_ - 1;
  const int birth = AbsoluteMonth(Month{member.birth_date.year(), member.birth_date.month()});
  const int first_abs = AbsoluteMonth(first_month_);
  const int earliest = std::max(0, birth + 18 * 12 + 1 - first_abs);
  const int pension_age =
      rules_.PensionAgeFor(static_cast<int>(member.birth_date.year()) + 58).value_or(58);
  const int retire = birth + pension_age * 12 - first_abs;  // month index of reaching it

  int start = random.Chance(400) ? earliest : static_cast<int>(random.Between(earliest, last));
  if (start > retire - 6 && retire - 6 >= earliest) start = retire - 6;
  int wage_permille;
  switch (random.Weighted(std::array<int, 4>{550, 250, 120, 80})) {
    case 0:
      wage_permille = static_cast<int>(random.Between(1000, 1150));
      break;
    case 1:
      wage_permille = static_cast<int>(random.Between(1150, 1600));
      break;
    case 2:
      wage_permille = static_cast<int>(random.Between(1600, 2500));
      break;
    default:
      wage_permille = static_cast<int>(random.Between(2500, 4500));
      break;
  }

  auto pick_employer = [&](int month, std::ptrdiff_t avoid) -> std::size_t {
    const std::vector<std::int64_t>& local =
        employers_by_province_[static_cast<std::size_t>(member.province_code)];
    const Date month_start = DayOf(MonthAt(month), 1);
    for (int attempt = 0; attempt < 8; ++attempt) {
      const std::size_t candidate =
          !local.empty() && random.Chance(750)
              ? static_cast<std::size_t>(local[random.Below(local.size())])
              : static_cast<std::size_t>(random.Below(employers_.size()));
      if (static_cast<std::ptrdiff_t>(candidate) == avoid) continue;
      if (sys_days(employers_[candidate].registered_on) < sys_days(month_start)) return candidate;
    }
    return 0;  // registered before the records begin
  };

  struct Planned {
    DemoSpell spell;
    Job job;
  };
  std::vector<Planned> planned;
  std::ptrdiff_t previous = -1;
  while (start <= last) {
    Job job;
    job.employer = pick_employer(start, previous);
    job.first = start;
    job.wage_permille = wage_permille;
    int length;
    switch (random.Weighted(std::array<int, 3>{35, 40, 25})) {
      case 0:
        length = static_cast<int>(random.Between(3, 18));
        break;
      case 1:
        length = static_cast<int>(random.Between(12, 60));
        break;
      default:
        length = static_cast<int>(random.Between(36, 150));
        break;
    }
    int end = start + length - 1;
    std::optional<std::string> reason;
    bool open = false;
    if (retire > start && retire <= std::min(end, last)) {
      end = retire;
      reason = "retired";
    } else if (end >= last) {
      end = last;
      open = true;
    } else {
      static constexpr const char* kReasons[] = {"resigned", "contract_ended", "dismissed"};
      reason = kReasons[random.Weighted(std::array<int, 3>{50, 30, 20})];
    }
    job.last = end;
    DemoSpell spell;
    spell.employer_id = employers_[job.employer].id;
    const int start_day = static_cast<int>(random.Between(1, 28));
    spell.start = DayOf(MonthAt(start), start_day);
    if (!open) {
      spell.end =
          DayOf(MonthAt(end), static_cast<int>(random.Between(end == start ? start_day : 1, 28)));
      spell.end_reason = reason;
    }
    planned.push_back({spell, job});
    if (open || reason == "retired") break;
    if (random.Chance(120)) break;  // leaves formal work for good
    start = end + 1 + (random.Chance(350) ? 0 : static_cast<int>(random.Between(1, 12)));
    wage_permille = wage_permille * static_cast<int>(random.Between(1000, 1120)) / 1000;
    previous = static_cast<std::ptrdiff_t>(job.employer);
  }

  // A few members hold a second, part-time job alongside one of their spells: JP is then
  // computed per employer, each wage up to the cap.
  if (random.Chance(40) && !planned.empty()) {
    const Planned& host = planned[random.Below(planned.size())];
    if (host.job.last - host.job.first >= 6) {
      Job side;
      side.first = static_cast<int>(random.Between(host.job.first, host.job.last - 3));
      side.last = std::min(host.job.last, side.first + static_cast<int>(random.Between(6, 24)) - 1);
      side.wage_permille = static_cast<int>(random.Between(400, 800));
      side.employer = pick_employer(side.first, static_cast<std::ptrdiff_t>(host.job.employer));
      if (side.employer != host.job.employer) {
        DemoSpell spell;
        spell.employer_id = employers_[side.employer].id;
        spell.start = DayOf(MonthAt(side.first), static_cast<int>(random.Between(1, 28)));
        const bool open = side.last == last && !host.spell.end;
        if (!open) {
          spell.end = DayOf(MonthAt(side.last), 28);
          spell.end_reason = random.Chance(500) ? "resigned" : "contract_ended";
        }
        planned.push_back({spell, side});
      }
    }
  }
  std::stable_sort(planned.begin(), planned.end(), [](const Planned& a, const Planned& b) {
    return sys_days(a.spell.start) < sys_days(b.spell.start);
  });
  for (Planned& p : planned) {
    p.spell.id = next_spell_id_++;
    member.spells.push_back(p.spell);
    jobs.push_back(p.job);
  }
}

void DemoGenerator::StartMember(std::int64_t id, DemoMember& member) {
  if (id != next_member_id_) {
    throw std::logic_error("DemoGenerator: members must be generated in id order");
  }
  ++next_member_id_;
  DemoRandom random(StreamKey({options_.seed, kMemberStream, static_cast<std::uint64_t>(id)}));
  member.id = id;
  member.spells.clear();
  member.months.clear();
  member.jht.clear();

  member.sex = random.Chance(420) ? Sex::kFemale : Sex::kMale;
  static const std::vector<int> kProvinceWeights = [] {
    std::vector<int> weights;
    for (const DemoProvince& p : DemoProvinces()) weights.push_back(p.worker_weight);
    return weights;
  }();
  const DemoProvince& province = DemoProvinces()[random.Weighted(kProvinceWeights)];
  member.province_code = province.code;
  member.full_name = DemoFullName(random, DemoCultureFor(random, province), member.sex);

  // Age at the last month, by band (a working population: most between 25 and 45).
  static constexpr std::array<int, 8> kBandWeights{14, 17, 17, 15, 13, 10, 8, 6};
  static constexpr std::array<std::array<int, 2>, 8> kBands{
      {{19, 24}, {25, 29}, {30, 34}, {35, 39}, {40, 44}, {45, 49}, {50, 54}, {55, 60}}};
  const auto& band = kBands[random.Weighted(kBandWeights)];
  const int age = static_cast<int>(random.Between(band[0], band[1]));
  const std::chrono::year birth_year{static_cast<int>(last_month_.year()) - age};
  const std::chrono::month birth_month{static_cast<unsigned>(random.Between(1, 12))};
  const unsigned last_day = static_cast<unsigned>(
      std::chrono::year_month_day_last{birth_year / birth_month / std::chrono::last}.day());
  member.birth_date = Date{birth_year, birth_month,
                           std::chrono::day{static_cast<unsigned>(random.Between(1, last_day))}};

  // NIK: where it was first issued, the birth date (+40 on the day for women), then the lowest
  // free serial, as the civil registry does it.
  const int regency = province.cities_count > 0 && random.Chance(250)
                          ? 70 + static_cast<int>(random.Between(1, province.cities_count))
                          : static_cast<int>(random.Between(1, province.regencies));
  const int district = static_cast<int>(random.Between(1, 25));
  int serial = random.Chance(700) ? 1 : static_cast<int>(random.Between(1, 4));
  const std::uint64_t base =
      std::stoull(MakeNik(province.code, regency, district, member.birth_date, member.sex, 1)) - 1;
  while (!IssueNik(base + static_cast<std::uint64_t>(serial))) {
    if (++serial > 9999) throw std::runtime_error("demo data: NIK serials exhausted");
  }
  member.nik = MakeNik(province.code, regency, district, member.birth_date, member.sex, serial);
  member.kpj =
      Digits(10'000'000'000 + Scatter(static_cast<std::uint64_t>(id - 1), kElevenDigitRange,
                                      kKpjMultiplier, options_.seed % kElevenDigitRange));
  member.address = DemoAddress(random, province);
  member.phone = DemoPhone(random);
  member.email = DemoEmail(random, member.full_name);
  const int status_pick = static_cast<int>(random.Below(100));
  if (age < 25) {
    member.marital_status = status_pick < 80 ? "single" : "married";
  } else if (age < 35) {
    member.marital_status = status_pick < 33 ? "single" : status_pick < 98 ? "married" : "divorced";
  } else {
    member.marital_status = status_pick < 8    ? "single"
                            : status_pick < 90 ? "married"
                            : status_pick < 96 ? "divorced"
                                               : "widowed";
  }

  std::vector<Job> jobs;
  PlanSpells(random, member, jobs);
  member.registered_on =
      member.spells.empty() ? DayOf(last_month_, 1) : member.spells.front().start;
  member.status = "inactive";
  for (const DemoSpell& spell : member.spells) {
    if (!spell.end) member.status = "active";
  }

  // The monthly wages the employer reports; the money comes with the bill (FinishMembers).
  const int first_year = static_cast<int>(first_month_.year());
  for (const Job& job : jobs) {
    const DemoEmployer& employer = employers_[job.employer];
    const std::vector<Rupiah>& employer_minimum =
        minimum_wages_[static_cast<std::size_t>(employer.province_code)];
    for (int m = job.first; m <= job.last; ++m) {
      const Month month = MonthAt(m);
      const int years_in_job = (m - job.first) / 12;
      Rupiah wage =
          employer_minimum[static_cast<std::size_t>(static_cast<int>(month.year()) - first_year)] *
          job.wage_permille / 1000;
      wage = wage * (1000 + 15 * years_in_job) / 1000;  // 1.5% a year for staying
      wage = (wage + 500) / 1000 * 1000;
      DemoMonth row;
      row.period = PeriodOf(month);
      row.employer_id = employer.id;
      row.wage = wage;
      row.paid = settlements_[Cell(job.employer, m)].paid;
      member.months.push_back(row);
    }
  }
  std::sort(member.months.begin(), member.months.end(), [](const DemoMonth& a, const DemoMonth& b) {
    return a.period != b.period ? a.period < b.period : a.employer_id < b.employer_id;
  });
  member.random = random;
}

void DemoGenerator::FinishMembers(std::span<DemoMember> members) {
  // Each employer-month of the batch is billed as one wage report of the workers in it.
  struct Ref {
    std::size_t employer = 0;  // index into employers_
    int month = 0;             // month index
    DemoMonth* row = nullptr;
    std::int64_t member = 0;
  };
  std::vector<Ref> refs;
  std::size_t rows = 0;
  for (const DemoMember& member : members) rows += member.months.size();
  refs.reserve(rows);
  const int first_absolute = AbsoluteMonth(first_month_);
  for (DemoMember& member : members) {
    for (DemoMonth& row : member.months) {
      const int month = AbsoluteMonth(MonthOfPeriod(row.period)) - first_absolute;
      refs.push_back({static_cast<std::size_t>(row.employer_id - 1), month, &row, member.id});
    }
  }
  std::sort(refs.begin(), refs.end(), [](const Ref& a, const Ref& b) {
    if (a.employer != b.employer) return a.employer < b.employer;
    if (a.month != b.month) return a.month < b.month;
    return a.member < b.member;
  });
  std::vector<employers::ReportedWage> report;
  for (std::size_t begin = 0; begin < refs.size();) {
    std::size_t end = begin;
    report.clear();
    while (end < refs.size() && refs[end].employer == refs[begin].employer &&
           refs[end].month == refs[begin].month) {
      employers::ReportedWage wage;  // enrolled in every program
      wage.worker = refs[end].member;
      wage.wage = refs[end].row->wage;
      report.push_back(wage);
      ++end;
    }
    const DemoEmployer& employer = employers_[refs[begin].employer];
    const employers::Bill bill =
        employers::ComputeBill(rules_, MonthAt(refs[begin].month), employer.risk, report);
    MonthReport& sum = reports_[Cell(refs[begin].employer, refs[begin].month)];
    for (std::size_t i = 0; i < bill.lines.size(); ++i) {
      const employers::BillLine& line = bill.lines[i];
      Ref& ref = refs[begin + i];
      // The lines come by worker, as the report was sorted.
      if (line.worker != ref.member)
        throw std::logic_error("DemoGenerator: bill lines out of order");
      ref.row->contribution = line.amounts;
      sum.total_wage += line.wage;
    }
    sum.workers += static_cast<std::int64_t>(bill.lines.size());
    sum.billed += bill.totals.Billed();
    begin = end;
  }
  for (DemoMember& member : members) FinishJht(member);
}

void DemoGenerator::GenerateMember(std::int64_t id, DemoMember& member) {
  StartMember(id, member);
  FinishMembers(std::span<DemoMember>(&member, 1));
}

void DemoGenerator::FinishJht(DemoMember& member) {
  // JHT: paid contributions only; some members who left took their balance out.
  DemoRandom& random = member.random;
  const int first_year = static_cast<int>(first_month_.year());
  std::vector<JhtFlow> flows;
  for (const DemoMonth& row : member.months) {
    if (!row.paid) continue;
    const Rupiah amount = row.contribution.jht_worker + row.contribution.jht_employer;
    const Month month = MonthOfPeriod(row.period);
    if (!flows.empty() && flows.back().month == month) {
      flows.back().amount += amount;
    } else {
      flows.push_back({month, amount});
    }
  }
  if (flows.empty()) return;
  const ReturnRateLookup rate = [this, first_year](int year) -> std::optional<int> {
    const int index = year - first_year;
    if (index >= 0 && index < static_cast<int>(jht_rates_.size()))
      return jht_rates_[static_cast<std::size_t>(index)];
    return rules_.JhtReturnBp(year);
  };
  if (member.status == "inactive" && !member.months.empty()) {
    const DemoSpell& final_spell = member.spells.back();
    const bool retired = final_spell.end_reason == "retired";
    // The last month worked (the months come by period).
    const int last_job = MonthIndex(MonthOfPeriod(member.months.back().period));
    // Claims come after the one-month waiting period (at once on retirement).
    const int claim = last_job + (retired ? 1 : 2);
    if (claim < month_count_ && random.Chance(retired ? 900 : 450)) {
      const JhtLedger before = ComputeJhtLedger(flows, MonthAt(claim - 1), rate);
      const auto balance = static_cast<Rupiah>(before.Balance());  // whole rupiah, rounded down
      if (balance > 0) flows.push_back({MonthAt(claim), -balance});
    }
  }
  const JhtLedger ledger = ComputeJhtLedger(flows, last_month_, rate);
  for (const JhtYear& year : ledger.years) {
    member.jht.push_back({year.year, RoundRupiah(year.opening), RoundRupiah(year.contributions),
                          RoundRupiah(year.returns), RoundRupiah(year.withdrawals),
                          RoundRupiah(year.closing), year.rate_bp});
  }
}

std::vector<DemoBill> DemoGenerator::Bills() const {
  std::vector<DemoBill> bills;
  std::int64_t id = 1, payment_id = 1;
  for (std::size_t e = 0; e < employers_.size(); ++e) {
    // This employer's bills paid in full after their due date and not fined yet (indexes into
    // `bills`), by period: as ChargeEarlierFines (employers/report_store.h) finds them, each is
    // fined with the first bill made after the day it was paid in full.
    std::vector<std::size_t> unfined;
    for (int m = 0; m < month_count_; ++m) {
      const std::size_t cell = Cell(e, m);
      const MonthReport& report = reports_[cell];
      if (report.workers == 0) continue;
      const Month month = MonthAt(m);
      DemoBill bill;
      bill.id = id++;
      bill.employer_id = employers_[e].id;
      bill.period = PeriodOf(month);
      bill.workers = report.workers;
      bill.total_wage = report.total_wage;
      bill.month_amount = report.billed;
      bill.payment_code = employers::IssuePaymentCode(options_.first_payment_code_sequence +
                                                      static_cast<std::uint64_t>(bill.id - 1));
      bill.due_date = due_dates_[static_cast<std::size_t>(m)];
      bill.submitted_on = DayOf(month + std::chrono::months(1), 1);

      // Payments are imported on their day, after the morning's reports: a bill paid in full
      // before the day this one is made is fined with it.
      for (auto it = unfined.begin(); it != unfined.end();) {
        const DemoBill& earlier = bills[*it];
        if (sys_days(*earlier.paid_on) >= sys_days(bill.submitted_on)) {
          ++it;
          continue;
        }
        std::vector<employers::PaidPart> parts;
        for (const DemoBankPayment& p : earlier.payments) parts.push_back({p.amount, p.paid_on});
        const Rupiah fine = employers::FineOnBill(rules_, MonthOfPeriod(earlier.period),
                                                  earlier.amount_billed, parts, *earlier.paid_on);
        if (fine > 0) bill.fines.push_back({earlier.id, fine});
        it = unfined.erase(it);
      }
      bill.amount_billed = bill.month_amount;
      for (const DemoFine& fine : bill.fines) bill.amount_billed += fine.amount;

      // Its payments, each never more than the bill still owes.
      const Settlement& settlement = settlements_[cell];
      Rupiah part = 0;
      if (settlement.part_on) {
        part = bill.amount_billed * settlement.part_permille / 1000 / 1000 * 1000;
        if (part >= bill.amount_billed) part = 0;
      }
      auto pay = [&](Rupiah amount, Date day) {
        DemoBankPayment payment;
        payment.id = payment_id++;
        payment.reference =
            "DEMO-" + std::to_string(bill.id) + "-" + std::to_string(bill.payments.size() + 1);
        payment.amount = amount;
        payment.paid_on = day;
        bill.amount_paid += amount;
        bill.payments.push_back(std::move(payment));
      };
      if (part > 0) pay(part, *settlement.part_on);
      if (settlement.paid) {
        pay(bill.amount_billed - part, *settlement.paid_on);
        bill.paid_on = settlement.paid_on;
        if (sys_days(*bill.paid_on) > sys_days(bill.due_date)) unfined.push_back(bills.size());
      }
      bills.push_back(std::move(bill));
    }
  }
  return bills;
}

}  // namespace lumbung::demo
