#include "subsidy/run.h"

#include <gtest/gtest.h>

#include <soci/soci.h>
#include <algorithm>

#include <chrono>
#include <cstdio>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <stdexcept>

#include "core/db/row_value.h"
#include "core/jobs/jobs.h"
#include "registry/nik.h"
#include "subsidy/eligibility.h"
#include "subsidy/list_import.h"
#include "subsidy/reason_mask.h"
#include "support/test_databases.h"

namespace lumbung::subsidy {
namespace {

using namespace std::chrono;

constexpr std::int64_t kNow = 1'800'000'000;

Date D(int y, unsigned m, unsigned d) {
  return year{y} / month{m} / day{d};
}

std::string Iso(Date day) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return text;
}

int PeriodOf(Date day) {
  return static_cast<int>(day.year()) * 100 + static_cast<int>(static_cast<unsigned>(day.month()));
}

struct Spell {
  int employer = 0;  // index into the employers
  Date start;
  std::optional<Date> end;
};

struct TestMember {
  std::int64_t id = 0;
  std::string nik;
  std::vector<Spell> spells;
  std::map<std::pair<int, int>, Rupiah> wages;  // (employer index, period) -> wage
  std::vector<std::string> lists;
  enum class Bank { kNone, kValid, kMismatch } bank = Bank::kNone;
  std::string fingerprint;  // the account's (profile/bank.h AccountFingerprint); "" = NULL
};

// The provinces of the employers: a minimum wage above the ceiling (31, rounded up from
// 5,396,761 in 2025), below it (32), a province without a figure (93), 36 and 51.
const std::vector<int> kEmployerProvinces = {31, 32, 93, 36, 51, 31, 12};

class SubsidyRunDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations({"src/registry/migrations", "src/profile/migrations",
                     "src/core/audit/migrations", "src/core/jobs/migrations",
                     "src/subsidy/migrations"});
    const auto dir = testing::SourceDir() / "config";
    settings_.programs =
        std::make_shared<const ProgramBook>(ProgramBook::LoadFile(dir / "subsidy_programs.json"));
    settings_.minimum_wages =
        std::make_shared<const MinimumWages>(MinimumWages::LoadFile(dir / "minimum_wages.json"));
    settings_.members_per_step = 37;  // many steps, the last one short
    auto lease = db().Acquire();
    for (std::size_t i = 0; i < kEmployerProvinces.size(); ++i) {
      const std::string npp = "EMP0000" + std::to_string(i);
      const int province = kEmployerProvinces[i];
      const std::string name = "PT Contoh " + std::to_string(i);
      *lease << "INSERT INTO employers (npp, name, sector, province_code, jkk_risk_class, "
                "registered_on) VALUES (:n, :name, 'manufacturing', :p, 1, '2010-01-01')",
          soci::use(npp, "n"), soci::use(name, "name"), soci::use(province, "p");
      long long id = 0;
      *lease << "SELECT id FROM employers WHERE npp = :n", soci::use(npp, "n"), soci::into(id);
      employer_ids_.push_back(id);
    }
  }

  const Program& ProgramOf(int year) { return *settings_.programs->ForYear(year); }

  void Write(TestMember& m) {
    auto lease = db().Acquire();
    auto& sql = lease.session();
    const std::string kpj = [&] {
      char text[16];
      std::snprintf(text, sizeof text, "%011d", static_cast<int>(members_.size() + 1));
      return std::string(text);
    }();
    const std::string name = "Anggota " + kpj;
    long long id = 0;
    sql << "INSERT INTO members (kpj, nik, full_name, birth_date, sex, province_code, "
           "marital_status, registered_on, status) VALUES (:k, :n, :f, '1990-01-01', 'M', 31, "
           "'single', '2010-01-01', 'active') RETURNING id",
        soci::use(kpj, "k"), soci::use(m.nik, "n"), soci::use(name, "f"), soci::into(id);
    m.id = id;
    for (const Spell& s : m.spells) {
      const long long employer = employer_ids_[s.employer];
      const std::string start = Iso(s.start);
      std::string end = s.end ? Iso(*s.end) : std::string();
      soci::indicator end_ind = s.end ? soci::i_ok : soci::i_null;
      std::string reason = "resigned";
      soci::indicator reason_ind = end_ind;
      sql << "INSERT INTO employment_spells (member_id, employer_id, start_date, end_date, "
             "end_reason) VALUES (:m, :e, :s, :x, :r)",
          soci::use(id, "m"), soci::use(employer, "e"), soci::use(start, "s"),
          soci::use(end, end_ind, "x"), soci::use(reason, reason_ind, "r");
    }
    for (const auto& [key, wage] : m.wages) {
      const long long employer = employer_ids_[key.first];
      const int period = key.second;
      const long long w = wage;
      sql << "INSERT INTO wage_reports (member_id, period, employer_id, wage) VALUES (:m, :p, "
             ":e, :w)",
          soci::use(id, "m"), soci::use(period, "p"), soci::use(employer, "e"), soci::use(w, "w");
    }
    for (const std::string& list : m.lists) {
      sql << "INSERT INTO subsidy_list_entries (list, nik) VALUES (:l, :n)", soci::use(list, "l"),
          soci::use(m.nik, "n");
    }
    if (m.bank != TestMember::Bank::kNone) {
      const int mismatch = m.bank == TestMember::Bank::kMismatch ? 1 : 0;
      soci::indicator fingerprint_ind = m.fingerprint.empty() ? soci::i_null : soci::i_ok;
      // Stored as 64 characters, as AccountFingerprint's hex digits are.
      const std::string fingerprint =
          m.fingerprint.empty() ? std::string()
                                : m.fingerprint + std::string(64 - m.fingerprint.size(), '0');
      sql << "INSERT INTO profile_bank_accounts (member_id, bank_code, account_sealed, "
             "account_last4, holder_name, updated_at, holder_mismatch, account_fingerprint) "
             "VALUES (:m, 'bri', 'sealed', '1234', 'Nama', 1, :h, :f)",
          soci::use(id, "m"), soci::use(mismatch, "h"),
          soci::use(fingerprint, fingerprint_ind, "f");
    }
    members_.push_back(m);
  }

  // The facts the pure decision gets for the member: one job per spell (the generator gives an
  // employer's spells of one member that never overlap), the wage of the cutoff's month.
  SubsidyFacts FactsOf(const TestMember& m, const Program& program) {
    SubsidyFacts facts;
    facts.nik = m.nik;
    facts.wage_earner = true;
    for (const Spell& s : m.spells) {
      Job job;
      job.employer_id = employer_ids_[s.employer];
      job.start = s.start;
      job.end = s.end;
      const auto wage = m.wages.find({s.employer, PeriodOf(program.cutoff)});
      if (wage != m.wages.end()) job.cutoff_month_wage = wage->second;
      job.workplace = Area{.province = kEmployerProvinces[s.employer], .regency = 0};
      facts.jobs.push_back(job);
    }
    facts.lists = m.lists;
    facts.bank_account = m.bank == TestMember::Bank::kNone    ? BankAccountState::kNone
                         : m.bank == TestMember::Bank::kValid ? BankAccountState::kValid
                                                              : BankAccountState::kFlagged;
    // Shared: more members than the programme allows have the account's fingerprint (an
    // account another person holds is flagged first).
    if (facts.bank_account == BankAccountState::kValid && !m.fingerprint.empty()) {
      const auto holders = std::count_if(members_.begin(), members_.end(), [&](const auto& o) {
        return o.bank != TestMember::Bank::kNone && o.fingerprint == m.fingerprint;
      });
      if (holders > program.niks_per_bank_account) facts.bank_account = BankAccountState::kShared;
    }
    return facts;
  }

  std::int64_t RunToTheEnd(int year, bool dry_run = false) {
    std::int64_t run_id = 0;
    {
      auto lease = db().Acquire();
      const auto started = StartRun(*lease, settings_, year, dry_run, 7, kNow);
      EXPECT_TRUE(started.run_id) << static_cast<int>(started.refusal);
      run_id = started.run_id.value_or(0);
    }
    jobs::Runner runner(db(), Options("runner"));
    RegisterSubsidyJobs(runner, settings_);
    runner.RunOnce();
    return run_id;
  }

  jobs::RunnerOptions Options(const std::string& id) {
    jobs::RunnerOptions options;
    options.runner_id = id;
    options.lease = std::chrono::seconds(60);
    options.clock = [this] { return system_clock::time_point(seconds(now_)); };
    options.log = [](std::string_view) {};
    return options;
  }

  struct Stored {
    bool eligible = false;
    std::int64_t reasons = 0, wage = 0, wage_limit = 0;
    bool account_problem = false;
  };
  std::map<std::int64_t, Stored> Outcomes(std::int64_t run_id) {
    std::map<std::int64_t, Stored> out;
    auto lease = db().Acquire();
    const long long r = run_id;
    soci::rowset<soci::row> rows =
        (lease->prepare << "SELECT member_id, eligible, reasons, wage, wage_limit, "
                           "account_problem FROM subsidy_outcomes WHERE run_id = :r",
         soci::use(r, "r"));
    for (const soci::row& row : rows) {
      out[db::RowInt(row, 0)] = {db::RowInt(row, 1) == 1, db::RowInt(row, 2), db::RowInt(row, 3),
                                 db::RowInt(row, 4), db::RowInt(row, 5) == 1};
    }
    return out;
  }

  // Every member as the SQL stored them agrees with Decide over the same facts.
  void ExpectAgreement(int year, std::int64_t run_id) {
    const Program& program = ProgramOf(year);
    const auto stored = Outcomes(run_id);
    ASSERT_EQ(stored.size(), members_.size()) << year;
    std::int64_t eligible = 0;
    std::int64_t seen = 0;  // every reason any member got
    for (const TestMember& m : members_) {
      const SubsidyDecision d = Decide(program, FactsOf(m, program), *settings_.minimum_wages);
      const auto it = stored.find(m.id);
      ASSERT_NE(it, stored.end()) << m.nik;
      const Stored& s = it->second;
      const auto codes = [&](std::int64_t mask) {
        std::string text;
        for (const auto& c : ReasonCodesIn(program, mask)) text += c + " ";
        return text;
      };
      EXPECT_EQ(s.reasons, ReasonMask(program, d))
          << year << " member " << m.id << " NIK " << m.nik << ": SQL " << codes(s.reasons)
          << "| Decide " << codes(ReasonMask(program, d));
      EXPECT_EQ(s.eligible, d.eligible) << year << " NIK " << m.nik;
      EXPECT_EQ(s.wage, d.wage) << year << " NIK " << m.nik;
      EXPECT_EQ(s.wage_limit, d.wage_limit) << year << " NIK " << m.nik;
      EXPECT_EQ(s.account_problem, d.account_problem) << year << " NIK " << m.nik;
      if (d.eligible) ++eligible;
      seen |= s.reasons;
    }
    // The registry reaches every reason the programme can give, but the self-employed, whom
    // the data cannot show (run.h).
    for (const std::string& code : ReasonCodes(program)) {
      if (code == "not_wage_earner") continue;
      if (program.areas.empty() && code.starts_with("area_")) continue;
      if (program.exclusions.empty() && code == "not_on_exclusion_lists") continue;
      if (!program.citizens_only && code.ends_with("citizen")) continue;
      if (!program.wage_earners_only && code == "wage_earner") continue;
      if (!program.minimum_wage_replaces_ceiling && code == "minimum_wage_unknown") continue;
      EXPECT_TRUE(seen & ReasonBit(program, code)) << year << ": no member with " << code;
    }
    EXPECT_GT(eligible, 10) << year;
    EXPECT_LT(eligible, static_cast<std::int64_t>(members_.size()) - 10) << year;
    auto lease = db().Acquire();
    const auto run = FindRun(*lease, run_id);
    ASSERT_TRUE(run);
    EXPECT_EQ(run->state, kRunDone);
    EXPECT_EQ(run->members_done, static_cast<std::int64_t>(members_.size()));
    EXPECT_EQ(run->members_total, static_cast<std::int64_t>(members_.size()));
    EXPECT_EQ(run->eligible_count, eligible);
  }

  // A NIK with the given birth-date digits (DDMMYY) and the member's number as serial.
  std::string Nik(std::string_view province_regency_district, std::string_view ddmmyy, int serial) {
    char text[8];
    std::snprintf(text, sizeof text, "%04d", serial);
    return std::string(province_regency_district) + std::string(ddmmyy) + text;
  }

  // Hand-picked members at every rule's boundary, then random ones mixing everything.
  void BuildRegistry() {
    const std::vector<Date> cutoffs = {D(2020, 6, 30), D(2021, 6, 30), D(2022, 7, 31),
                                       D(2025, 4, 30)};
    int serial = 1;
    const auto base = [&](std::string nik = "") {
      TestMember m;
      m.nik = nik.empty() ? Nik("317101", "010190", serial) : nik;
      ++serial;
      m.bank = TestMember::Bank::kValid;
      return m;
    };
    const auto works = [&](TestMember& m, int employer, Date start, std::optional<Date> end,
                           std::optional<Rupiah> wage) {
      m.spells.push_back({employer, start, end});
      if (wage) {
        for (Date c : cutoffs) m.wages[{employer, PeriodOf(c)}] = *wage;
      }
    };
    // The NIK's structure.
    for (const char* digits :
         {"2071010101900000", "3100010101900000", "3171000101900000", "3171010001900000",
          "3171013201900000", "3171014001900000", "3171014101900000", "3171017101900000",
          "3171017201900000", "3171012902000000", "3171012902010000", "3171013002000000",
          "3171013104900000", "3171010100900000", "3171010113900000", "3171016902000000",
          "3171017002000000"}) {
      TestMember m = base(std::string(digits).substr(0, 12) + [&] {
        char t[8];
        std::snprintf(t, sizeof t, "%04d", serial - 0);
        return std::string(t);
      }());
      works(m, 1, D(2015, 1, 1), std::nullopt, 2'000'000);
      Write(m);
    }
    {
      TestMember m = base(Nik("317101", "010190", 0).substr(0, 12) + "0000");  // serial 0000
      works(m, 1, D(2015, 1, 1), std::nullopt, 2'000'000);
      Write(m);
    }
    // The cutoff day of each year: starting on it, ending on it, ending the day before,
    // starting the day after.
    for (Date c : cutoffs) {
      const auto days = sys_days(c);
      for (auto [start, end] : std::vector<std::pair<sys_days, std::optional<sys_days>>>{
               {days, std::nullopt},
               {days - std::chrono::days(400), days},
               {days - std::chrono::days(400), days - std::chrono::days(1)},
               {days + std::chrono::days(1), std::nullopt},
               {days - std::chrono::days(30), days + std::chrono::days(1)}}) {
        TestMember m = base();
        works(m, 1, Date(start), end ? std::optional<Date>(Date(*end)) : std::nullopt, 2'000'000);
        Write(m);
      }
    }
    // Wages at the limits: the ceiling, one above, 2020's "under 5,000,000", Jakarta's rounded
    // minimum wage (2025: 5,396,761 -> 5,400,000; 2021: 4,416,186 -> 4,500,000) and one above,
    // two jobs summing to the ceiling and one above, two jobs in places with different limits.
    for (Rupiah wage : {3'500'000, 3'500'001, 4'999'999, 5'000'000, 5'400'000, 5'400'001, 4'500'000,
                        4'500'001, 0}) {
      for (int employer : {1, 0, 2}) {
        TestMember m = base();
        works(m, employer, D(2015, 1, 1), std::nullopt, wage);
        Write(m);
      }
    }
    for (auto [a, b, ea, eb] :
         std::vector<std::tuple<Rupiah, Rupiah, int, int>>{{1'750'000, 1'750'000, 1, 3},
                                                           {1'750'000, 1'750'001, 1, 3},
                                                           {3'000'000, 2'400'000, 0, 1},
                                                           {3'000'000, 2'400'001, 0, 1},
                                                           {2'000'000, 2'000'000, 2, 4}}) {
      TestMember m = base();
      works(m, ea, D(2015, 1, 1), std::nullopt, a);
      works(m, eb, D(2016, 1, 1), std::nullopt, b);
      Write(m);
    }
    // A wage missing for one of two jobs; for the only job.
    {
      TestMember m = base();
      works(m, 1, D(2015, 1, 1), std::nullopt, 2'000'000);
      works(m, 3, D(2015, 1, 1), std::nullopt, std::nullopt);
      Write(m);
      TestMember n = base();
      works(n, 1, D(2015, 1, 1), std::nullopt, std::nullopt);
      Write(n);
    }
    // The same employer again after a gap: one job on the cutoff day.
    {
      TestMember m = base();
      works(m, 1, D(2012, 1, 1), D(2014, 12, 31), 2'000'000);
      works(m, 1, D(2015, 1, 1), std::nullopt, 2'000'000);
      Write(m);
    }
    // Lists: each list of every year, two lists, a list no programme names; bank accounts.
    for (const std::vector<std::string>& lists :
         std::vector<std::vector<std::string>>{{"civil_servant"},
                                               {"pkh"},
                                               {"state_enterprise_staff"},
                                               {"kartu_prakerja", "bpum"},
                                               {"civil_servant", "pkh"},
                                               {"other_list"}}) {
      TestMember m = base();
      works(m, 1, D(2015, 1, 1), std::nullopt, 2'000'000);
      m.lists = lists;
      Write(m);
    }
    for (auto bank : {TestMember::Bank::kNone, TestMember::Bank::kMismatch}) {
      TestMember m = base();
      works(m, 1, D(2015, 1, 1), std::nullopt, 2'000'000);
      m.bank = bank;
      Write(m);
    }
    // Fingerprints: one account of two members (shared), of one (not), of three where one
    // is another person's account (flagged; the other two still shared).
    for (const std::string fingerprint :
         {"fp-two", "fp-two", "fp-one", "fp-three", "fp-three", "fp-three"}) {
      TestMember m = base();
      works(m, 1, D(2015, 1, 1), std::nullopt, 2'000'000);
      m.bank = TestMember::Bank::kValid;
      m.fingerprint = fingerprint;
      Write(m);
    }
    members_.back().bank = TestMember::Bank::kMismatch;
    {
      auto lease = db().Acquire();
      const long long id = members_.back().id;
      lease.session()
          << "UPDATE profile_bank_accounts SET holder_mismatch = 1 WHERE member_id = :m",
          soci::use(id, "m");
    }
    // No job at all.
    {
      TestMember m = base();
      Write(m);
    }

    // Random members mixing all of it.
    std::mt19937_64 rng(20250430);
    const auto pick = [&](std::size_t n) { return static_cast<std::size_t>(rng() % n); };
    const std::vector<Rupiah> wages = {1'000'000, 1'750'000, 2'400'000, 3'499'999,
                                       3'500'000, 3'500'001, 4'500'000, 4'999'999,
                                       5'000'000, 5'400'000, 5'400'001, 7'000'000};
    const std::vector<std::string> all_lists = {"civil_servant", "pkh", "state_enterprise_staff",
                                                "kartu_prakerja", "bpum"};
    for (int i = 0; i < 250; ++i) {
      TestMember m = base();
      if (pick(10) == 0) m.nik = Nik("947101", "310290", serial++);  // not a possible date
      const std::size_t jobs = pick(4);
      std::vector<int> employers = {0, 1, 2, 3, 4, 5, 6};
      for (std::size_t j = 0; j < jobs; ++j) {
        const int employer = employers[pick(employers.size())];
        employers.erase(std::find(employers.begin(), employers.end(), employer));
        const Date c = cutoffs[pick(cutoffs.size())];
        const sys_days start = sys_days(c) + std::chrono::days(static_cast<int>(pick(5)) - 2) -
                               std::chrono::days(pick(2) * 500);
        std::optional<Date> end;
        if (pick(2)) end = Date(start + std::chrono::days(pick(3) * 300 + pick(3)));
        m.spells.push_back({employer, Date(start), end});
        for (Date cut : cutoffs) {
          if (pick(6) != 0) m.wages[{employer, PeriodOf(cut)}] = wages[pick(wages.size())];
        }
      }
      for (const auto& list : all_lists) {
        if (pick(8) == 0) m.lists.push_back(list);
      }
      m.bank = static_cast<TestMember::Bank>(pick(3));
      if (pick(4) == 0) m.fingerprint = "fp-random-" + std::to_string(pick(8));
      Write(m);
    }
  }

  RunSettings settings_;
  std::vector<long long> employer_ids_;
  std::vector<TestMember> members_;
  std::int64_t now_ = kNow;
};

// Every rule and boundary of every shipped year: the set-based SQL and the pure Decide agree on
// each member's eligibility, reasons, wage, limit and account problem.
TEST_P(SubsidyRunDbTest, TheSqlDecidesEveryMemberAsDecideDoes) {
  BuildRegistry();
  for (int year : {2025, 2021, 2020, 2022}) {
    SCOPED_TRACE(year);
    const std::int64_t run = RunToTheEnd(year);
    ExpectAgreement(year, run);
  }
}

TEST_P(SubsidyRunDbTest, ASecondStartIsRefusedWhileOneRuns) {
  BuildRegistry();
  auto lease = db().Acquire();
  const auto first = StartRun(*lease, settings_, 2025, true, 7, kNow);
  ASSERT_TRUE(first.run_id);
  const auto second = StartRun(*lease, settings_, 2025, false, 8, kNow + 1);
  EXPECT_FALSE(second.run_id);
  EXPECT_EQ(second.refusal, StartRefusal::kAlreadyRunning);
  ASSERT_TRUE(second.running);
  EXPECT_EQ(second.running->id, *first.run_id);
  // Another year may run meanwhile; a year without a programme cannot.
  EXPECT_TRUE(StartRun(*lease, settings_, 2022, true, 7, kNow).run_id);
  EXPECT_EQ(StartRun(*lease, settings_, 2023, true, 7, kNow).refusal, StartRefusal::kNoProgram);
  // The database refuses a second running row even past the check (two instances at once).
  const int year = 2025;
  EXPECT_ANY_THROW((*lease << "INSERT INTO subsidy_runs (program_year, dry_run, state, "
                              "started_at) VALUES (:y, 0, 'running', 1)",
                    soci::use(year, "y")));
}

TEST_P(SubsidyRunDbTest, ARunWhoseJobWasGivenUpNoLongerBlocksTheNext) {
  BuildRegistry();
  auto lease = db().Acquire();
  const auto first = StartRun(*lease, settings_, 2025, true, 7, kNow);
  ASSERT_TRUE(first.run_id);
  const auto run = FindRun(*lease, *first.run_id);
  const long long job = *run->job_id;
  *lease << "UPDATE jobs SET state = 'failed' WHERE id = :j", soci::use(job, "j");
  const auto second = StartRun(*lease, settings_, 2025, true, 7, kNow + 5);
  EXPECT_TRUE(second.run_id);
  EXPECT_EQ(FindRun(*lease, *first.run_id)->state, kRunFailed);
}

// Issue's "crash and resume": a step that dies after its writes leaves nothing; a runner killed
// between steps is taken over when its lease runs out; nobody is counted twice.
TEST_P(SubsidyRunDbTest, AKilledRunResumesFromItsCursorWithoutCountingTwice) {
  BuildRegistry();
  std::int64_t run_id = 0;
  {
    auto lease = db().Acquire();
    run_id = *StartRun(*lease, settings_, 2025, false, 7, kNow).run_id;
  }
  {
    jobs::Runner dead(db(), Options("dead"));
    auto handler = RunHandler(settings_);
    dead.Register(std::string(kRunJobKind), [handler, calls = 0](jobs::StepContext& step) mutable {
      auto result = handler(step);
      if (++calls == 3) throw std::runtime_error("killed in the middle of a step");
      return result;
    });
    auto job = dead.Claim();
    ASSERT_TRUE(job);
    EXPECT_EQ(dead.Step(*job), jobs::StepOutcome::kProgressed);
    EXPECT_EQ(dead.Step(*job), jobs::StepOutcome::kProgressed);
    EXPECT_EQ(dead.Step(*job), jobs::StepOutcome::kFailed);  // its writes rolled back
    auto lease = db().Acquire();
    EXPECT_EQ(FindRun(*lease, run_id)->members_done, 2 * settings_.members_per_step);
    // The runner claims it again and is killed after one more step: nothing hands it back.
    now_ += 3600;
    job = dead.Claim();
    ASSERT_TRUE(job);
    EXPECT_EQ(dead.Step(*job), jobs::StepOutcome::kProgressed);
  }
  {
    auto lease = db().Acquire();
    EXPECT_EQ(FindRun(*lease, run_id)->state, kRunRunning);
    EXPECT_EQ(FindRun(*lease, run_id)->members_done, 3 * settings_.members_per_step);
  }
  jobs::Runner next(db(), Options("next"));
  RegisterSubsidyJobs(next, settings_);
  EXPECT_FALSE(next.Claim());  // the lease still holds
  now_ += 61;
  EXPECT_GT(next.RunOnce(), 0);
  ExpectAgreement(2025, run_id);
}

TEST_P(SubsidyRunDbTest, TheDifferenceReportAndConfirmation) {
  BuildRegistry();
  const std::int64_t first = RunToTheEnd(2025);
  std::optional<db::Database::Lease> lease(db().Acquire());
  EXPECT_EQ(ConfirmRun((*lease).session(), first, 9, kNow), ConfirmRefusal::kNone);
  EXPECT_TRUE(FindRun((*lease).session(), first)->confirmed);

  // Changes: an eligible member is put on the PKH list and another's wage goes above the
  // ceiling; a member without a job gets one; a new member registers.
  const Program& program = ProgramOf(2025);
  std::vector<TestMember*> eligible;
  for (TestMember& m : members_) {
    if (Decide(program, FactsOf(m, program), *settings_.minimum_wages).eligible) {
      eligible.push_back(&m);
    }
  }
  ASSERT_GE(eligible.size(), 2u);
  const std::string nik = eligible[0]->nik;
  (*lease).session() << "INSERT INTO subsidy_list_entries (list, nik) VALUES ('pkh', :n)",
      soci::use(nik, "n");
  const long long raised = eligible[1]->id;
  (*lease).session()
      << "UPDATE wage_reports SET wage = 9000000 WHERE member_id = :m AND period = 202504",
      soci::use(raised, "m");
  lease.reset();

  const std::int64_t dry = RunToTheEnd(2025, true);
  lease.emplace(db().Acquire());
  soci::session& sql = (*lease).session();
  const auto run = FindRun(sql, dry);
  EXPECT_EQ(run->previous_run_id, first);
  const RunDiff diff = DiffRuns(sql, *settings_.programs, first, dry, {.after = 0, .size = 1});
  EXPECT_EQ(diff.entered, 0);
  EXPECT_EQ(diff.left, 2);
  ASSERT_EQ(diff.left_by.size(), 2u);
  std::set<std::string> why;
  for (const auto& change : diff.left_by) {
    EXPECT_EQ(change.members, 1);
    EXPECT_TRUE(change.blocking_before.empty());
    ASSERT_EQ(change.blocking_after.size(), 1u);
    why.insert(change.blocking_after[0]);
  }
  EXPECT_EQ(why, (std::set<std::string>{"excluded_pkh", "wage_above_limit"}));
  ASSERT_EQ(diff.members.size(), 1u);
  EXPECT_EQ(diff.members[0].member_id, std::min(eligible[0]->id, eligible[1]->id));
  EXPECT_FALSE(diff.members[0].entered);
  ASSERT_TRUE(diff.next_after);
  const RunDiff rest =
      DiffRuns(sql, *settings_.programs, first, dry, {.after = *diff.next_after, .size = 10});
  ASSERT_EQ(rest.members.size(), 1u);
  EXPECT_FALSE(rest.next_after);
  // The other way round, the same members entered.
  const RunDiff back = DiffRuns(sql, *settings_.programs, dry, first);
  EXPECT_EQ(back.entered, 2);
  EXPECT_EQ(back.left, 0);

  // A dry run is never confirmed; a real one replaces the confirmed one.
  EXPECT_EQ(ConfirmRun(sql, dry, 9, kNow), ConfirmRefusal::kDryRun);
  EXPECT_EQ(ConfirmRun(sql, 999999, 9, kNow), ConfirmRefusal::kNotFound);
  lease.reset();
  const std::int64_t second = RunToTheEnd(2025);
  lease.emplace(db().Acquire());
  soci::session& sql2 = (*lease).session();
  EXPECT_EQ(FindRun(sql2, second)->previous_run_id, first);
  EXPECT_EQ(ConfirmRun(sql2, second, 9, kNow), ConfirmRefusal::kNone);
  EXPECT_FALSE(FindRun(sql2, first)->confirmed);
  EXPECT_EQ(ConfirmedRun(sql2, 2025)->id, second);
  long long audited = 0;
  sql2 << "SELECT COUNT(*) FROM audit_log WHERE action = 'subsidy.run_confirmed'",
      soci::into(audited);
  EXPECT_EQ(audited, 2);
  sql2 << "SELECT COUNT(*) FROM audit_log WHERE action = 'subsidy.run_started'",
      soci::into(audited);
  EXPECT_EQ(audited, 3);
  EXPECT_EQ(RunsOf(sql2, 2025, 10).size(), 3u);
}

TEST_P(SubsidyRunDbTest, AConfirmationNeedsAFinishedRun) {
  BuildRegistry();
  auto lease = db().Acquire();
  const auto started = StartRun(*lease, settings_, 2025, false, 7, kNow);
  EXPECT_EQ(ConfirmRun(*lease, *started.run_id, 9, kNow), ConfirmRefusal::kNotFinished);
}

// Four eyes (OWASP ASVS 4.0.3 V1.11.2, V11.1.x): the person who started a run never confirms
// it, and the refusal is on record; another person does.
TEST_P(SubsidyRunDbTest, ThePersonWhoStartedARunCannotConfirmIt) {
  BuildRegistry();
  const std::int64_t run = RunToTheEnd(2025);  // started by 7
  auto lease = db().Acquire();
  EXPECT_EQ(ConfirmRun(*lease, run, 7, kNow), ConfirmRefusal::kStartedIt);
  EXPECT_FALSE(FindRun(*lease, run)->confirmed);
  long long refused = 0;
  *lease << "SELECT COUNT(*) FROM audit_log WHERE action = 'subsidy.run_confirm_refused' "
            "AND result = 'denied'",
      soci::into(refused);
  EXPECT_EQ(refused, 1);
  EXPECT_EQ(ConfirmRun(*lease, run, 9, kNow), ConfirmRefusal::kNone);
  EXPECT_TRUE(FindRun(*lease, run)->confirmed);
}

std::vector<std::string> Entries(soci::session& sql, const std::string& list) {
  std::vector<std::string> niks;
  soci::rowset<std::string> rows =
      (sql.prepare << "SELECT nik FROM subsidy_list_entries WHERE list = :l ORDER BY nik",
       soci::use(list, "l"));
  for (const auto& nik : rows) niks.push_back(nik);
  return niks;
}

TEST_P(SubsidyRunDbTest, AListIsImportedWholeOrNotAtAll) {
  auto lease = db().Acquire();
  auto& sql = lease.session();
  std::istringstream good(
      "\xEF\xBB\xBF# PKH 2025\r\n3171010101900001\r\n  3171014101900002\t\n\n3171010101900001\n"
      "3273010101900003");
  const auto imported = ImportList(sql, "pkh", good, std::nullopt, kNow);
  ASSERT_TRUE(imported.ok());
  EXPECT_EQ(imported.entries, 3);
  EXPECT_EQ(imported.duplicates, 1);
  EXPECT_EQ(imported.file_sha256.size(), 64u);
  EXPECT_EQ(Entries(sql, "pkh"),
            (std::vector<std::string>{"3171010101900001", "3171014101900002", "3273010101900003"}));

  // Any wrong line refuses the whole file, naming the lines; the list stays as it was.
  std::istringstream bad("3171010101900004\n12345\n3171010101900005\n2071010101900006\n");
  const auto refused = ImportList(sql, "pkh", bad, 5, kNow);
  EXPECT_EQ(refused.refusal, ListImportRefusal::kLineErrors);
  EXPECT_EQ(refused.error_count, 2);
  ASSERT_EQ(refused.errors.size(), 2u);
  EXPECT_EQ(refused.errors[0].line, 2);
  EXPECT_EQ(refused.errors[0].problem, ListLineProblem::kNotSixteenDigits);
  EXPECT_EQ(refused.errors[1].line, 4);
  EXPECT_EQ(refused.errors[1].problem, ListLineProblem::kUnknownProvince);
  EXPECT_EQ(Entries(sql, "pkh").size(), 3u);

  std::istringstream empty("# nothing\n\n");
  EXPECT_EQ(ImportList(sql, "pkh", empty, 5, kNow).refusal, ListImportRefusal::kEmpty);
  std::istringstream any("3171010101900001\n");
  EXPECT_EQ(ImportList(sql, "PKH", any, 5, kNow).refusal, ListImportRefusal::kBadListName);

  // A new file replaces the list whole; other lists are untouched.
  std::istringstream civil("3171010101900009\n");
  ASSERT_TRUE(ImportList(sql, "civil_servant", civil, 5, kNow).ok());
  std::istringstream next("3171010101900007\n");
  ASSERT_TRUE(ImportList(sql, "pkh", next, 5, kNow).ok());
  EXPECT_EQ(Entries(sql, "pkh"), (std::vector<std::string>{"3171010101900007"}));
  EXPECT_EQ(Entries(sql, "civil_servant").size(), 1u);
  const auto sizes = ListSizes(sql);
  ASSERT_EQ(sizes.size(), 2u);
  EXPECT_EQ(sizes[0], (std::pair<std::string, std::int64_t>{"civil_servant", 1}));
  long long audited = 0, imports = 0;
  sql << "SELECT COUNT(*) FROM audit_log WHERE action = 'subsidy.list_imported'",
      soci::into(audited);
  sql << "SELECT COUNT(*) FROM subsidy_list_imports", soci::into(imports);
  EXPECT_EQ(audited, 3);
  EXPECT_EQ(imports, 3);
}

LUMBUNG_INSTANTIATE_DB_TESTS(SubsidyRunDbTest);

}  // namespace
}  // namespace lumbung::subsidy
