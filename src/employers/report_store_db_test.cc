#include "employers/report_store.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <string>

#include "employers/workers.h"
#include "registry/rules.h"
#include "support/test_databases.h"

namespace lumbung::employers {
namespace {

const registry::RuleBook& Rules() {
  static const registry::RuleBook book =
      registry::RuleBook::LoadFile(testing::SourceDir() / "config" / "rules.json");
  return book;
}

// A submitted report keeps its bill's totals with the bill, and the bill's workers and the
// worker list are read in name order a page at a time from the employer's index of names.
class ReportStoreDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations({"src/registry/migrations", "src/core/audit/migrations",
                     "src/core/inbox/migrations", "src/identity/migrations",
                     "src/employers/migrations"});
    auto lease = db().Acquire();
    long long id = 0;
    lease.session() << "INSERT INTO employers (npp, name, sector, province_code, jkk_risk_class, "
                       "registered_on) VALUES ('MJ000001', 'PT Maju', 'manufacturing', 31, 1, "
                       "'2010-01-01') RETURNING id",
        soci::into(id);
    employer_.id = id;
    employer_.npp = "MJ000001";
    employer_.name = "PT Maju";
    employer_.province_code = 31;
    employer_.risk = registry::RiskClass::kLow;
  }

  std::int64_t Worker(int serial, const std::string& name) {
    auto lease = db().Acquire();
    long long id = 0;
    const std::string s = std::to_string(serial);
    const std::string kpj = "2" + std::string(10 - s.size(), '0') + s;
    const std::string nik = "317101450890" + std::string(4 - s.size(), '0') + s;
    lease.session() << "INSERT INTO members (kpj, nik, full_name, birth_date, sex, province_code, "
                       "marital_status, registered_on, status) VALUES (:k, :n, :f, '1990-08-05', "
                       "'F', 31, 'single', '2015-07-01', 'active') RETURNING id",
        soci::into(id), soci::use(kpj), soci::use(nik), soci::use(name);
    long long e = employer_.id;
    lease.session() << "INSERT INTO employment_spells (member_id, employer_id, start_date) VALUES "
                       "(:m, :e, '2020-01-01')",
        soci::use(id), soci::use(e);
    niks_.push_back(nik);
    return id;
  }

  Submission Submit(int period, const std::string& csv) {
    std::int64_t upload_id = 0;
    {
      auto lease = db().Acquire();
      const auto directory = WorkerDirectory::Load(lease.session(), employer_.id, MonthOf(period));
      const auto checked = CheckReport(csv, directory);
      upload_id =
          SaveUpload(lease.session(), employer_.id, period, 0, "upah.csv", csv, checked.summary);
    }
    std::optional<Upload> upload;
    {
      auto lease = db().Acquire();
      upload = FindUpload(lease.session(), employer_.id, period, upload_id);
    }
    return SubmitReport(db(), Rules(), employer_, *upload, false,
                        {.account_id = 0, .ip = "203.0.113.9", .user_agent = "test"});
  }

  std::optional<BillRecord> Bill(int period) {
    auto lease = db().Acquire();
    return FindBill(lease.session(), employer_.id, period);
  }

  Employer employer_;
  std::vector<std::string> niks_;
};

TEST_P(ReportStoreDbTest, ABillKeepsItsTotalsAndAnAmendmentReplacesThem) {
  Worker(1, "Budi Santoso");
  Worker(2, "Ani Lestari");
  const auto first =
      Submit(202501, "NIK,Upah\n" + niks_[0] + ",5000000\n" + niks_[1] + ",7000000\n");
  ASSERT_EQ(first.problem, SubmitProblem::kNone);
  auto bill = Bill(202501);
  ASSERT_TRUE(bill && bill->totals);
  EXPECT_EQ(bill->totals->workers, 2);
  EXPECT_EQ(bill->totals->wage, 12'000'000);
  EXPECT_EQ(bill->totals->amounts.jht_worker, first.bill.totals.jht_worker);
  EXPECT_EQ(bill->totals->amounts.jp_employer, first.bill.totals.jp_employer);
  EXPECT_EQ(bill->totals->amounts.Billed(), first.bill.totals.Billed());

  // An amendment: the totals are the month as now reported.
  const auto second = Submit(202501, "NIK,Upah\n" + niks_[0] + ",6000000\n");
  ASSERT_EQ(second.problem, SubmitProblem::kNone);
  bill = Bill(202501);
  ASSERT_TRUE(bill && bill->totals);
  EXPECT_EQ(bill->totals->workers, 1);
  EXPECT_EQ(bill->totals->wage, 6'000'000);
  EXPECT_EQ(bill->totals->amounts.Billed(), second.bill.totals.Billed());

  // The totals kept are the sums of the month's rows.
  auto lease = db().Acquire();
  BillRecord without = *bill;
  without.totals.reset();
  const BillTotals summed = MonthTotals(lease.session(), employer_.id, without);
  EXPECT_EQ(summed.workers, 1);
  EXPECT_EQ(summed.wage, 6'000'000);
  EXPECT_EQ(summed.amounts.Billed(), bill->totals->amounts.Billed());
}

TEST_P(ReportStoreDbTest, ABillMadeElsewhereHasItsTotalsSummed) {
  const std::int64_t m = Worker(1, "Budi Santoso");
  auto lease = db().Acquire();
  long long e = employer_.id, member = m;
  lease.session() << "INSERT INTO employer_payments (employer_id, period, amount_billed, "
                     "payment_code, due_date) VALUES (:e, 202401, 100, '10000000003', "
                     "'2024-02-15')",
      soci::use(e);
  lease.session() << "INSERT INTO contributions (member_id, period, employer_id, jht_worker, "
                     "jht_employer, jkk, jkm, jp_worker, jp_employer, jkp) VALUES (:m, 202401, "
                     ":e, 10, 20, 30, 40, 0, 0, 0)",
      soci::use(member), soci::use(e);
  lease.session() << "INSERT INTO wage_reports (member_id, period, employer_id, wage) VALUES "
                     "(:m, 202401, :e, 1000)",
      soci::use(member), soci::use(e);
  const auto bill = FindBill(lease.session(), employer_.id, 202401);
  ASSERT_TRUE(bill);
  EXPECT_FALSE(bill->totals);
  const BillTotals totals = MonthTotals(lease.session(), employer_.id, *bill);
  EXPECT_EQ(totals.workers, 1);
  EXPECT_EQ(totals.wage, 1000);
  EXPECT_EQ(totals.amounts.Billed(), 100);
}

TEST_P(ReportStoreDbTest, TheBillsWorkersAndTheWorkerListAreInNameOrderPageByPage) {
  // Registered out of name order; one worker is not in the month's report.
  const char* names[] = {"Dewi", "Budi", "Agus", "Citra", "Eko", "Fitri"};
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 6; ++i) ids.push_back(Worker(i + 1, names[i]));
  std::string csv = "NIK,Upah\n";
  for (int i = 0; i < 6; ++i) {
    if (i != 3) csv += niks_[i] + ",5000000\n";  // Citra is not reported
  }
  ASSERT_EQ(Submit(202502, csv).problem, SubmitProblem::kNone);

  auto lease = db().Acquire();
  std::string order;
  for (int offset = 0; offset < 6; offset += 2) {
    for (const auto& line : WorkerBillLines(lease.session(), employer_.id, 202502, 2, offset)) {
      order += line.name + " ";
      EXPECT_EQ(line.wage, 5'000'000);
      EXPECT_GT(line.amounts.Billed(), 0);
    }
  }
  EXPECT_EQ(order, "Agus Budi Dewi Eko Fitri ");

  // A member's name changed in the registry moves them in both lists.
  long long budi = ids[1];
  lease.session() << "UPDATE members SET full_name = 'Gita' WHERE id = :m", soci::use(budi);
  order.clear();
  for (const auto& line : WorkerBillLines(lease.session(), employer_.id, 202502, 10, 0)) {
    order += line.name + " ";
  }
  EXPECT_EQ(order, "Agus Dewi Eko Fitri Gita ");
  const WorkerPage page = ListWorkers(lease.session(), employer_.id, {});
  ASSERT_EQ(page.rows.size(), 6u);
  EXPECT_EQ(page.rows[1].full_name, "Citra");
  EXPECT_EQ(page.rows[5].full_name, "Gita");
}

LUMBUNG_INSTANTIATE_DB_TESTS(ReportStoreDbTest);

}  // namespace
}  // namespace lumbung::employers
