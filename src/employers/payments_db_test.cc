// Bank payments on both databases: every outcome of ApplyPayment, the file import (twice, in
// batches, with bad rows and unknown codes, broken half way) and two imports at once.
#include "employers/payments.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include <cstdio>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/db/transaction.h"
#include "employers/payment_code.h"
#include "support/test_databases.h"

namespace lumbung::employers {
namespace {

constexpr std::int64_t kNow = 1'767'225'600;  // 2026-01-01 07.00 WIB
constexpr std::int64_t kStaff = 77;
constexpr int kMay = 202405;
constexpr int kJune = 202406;

const std::string kHeader = "kode_iuran,jumlah,tanggal,referensi\n";

class PaymentsDbTest : public testing::DatabaseTest {
 protected:
  void SetUp() override {
    DatabaseTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    ApplyMigrations(
        {"src/registry/migrations", "src/core/audit/migrations", "src/employers/migrations"});
    maju_ = Employer("MJ000001", "PT Maju");
    jaya_ = Employer("JY000002", "CV Jaya");
    siti_ = Member("10000000001", "3171014508900001");
    budi_ = Member("10000000002", "3171010508900002");
  }

  void Exec(const std::string& sql) {
    auto lease = db().Acquire();
    lease.session() << sql;
  }
  long long Count(const std::string& query) {
    auto lease = db().Acquire();
    long long n = 0;
    lease.session() << query, soci::into(n);
    return n;
  }
  std::int64_t Employer(const std::string& npp, const std::string& name) {
    auto lease = db().Acquire();
    long long id = 0;
    lease.session() << "INSERT INTO employers (npp, name, sector, province_code, jkk_risk_class,"
                       " registered_on) VALUES (:n, :name, 'manufacturing', 31, 1, '2015-01-01')"
                       " RETURNING id",
        soci::use(npp), soci::use(name), soci::into(id);
    return id;
  }
  std::int64_t Member(const std::string& kpj, const std::string& nik) {
    auto lease = db().Acquire();
    long long id = 0;
    lease.session() << "INSERT INTO members (kpj, nik, full_name, birth_date, sex, province_code,"
                       " marital_status, registered_on, status) VALUES (:k, :n, 'Someone',"
                       " '1990-08-05', 'F', 31, 'single', '2015-07-01', 'active') RETURNING id",
        soci::use(kpj), soci::use(nik), soci::into(id);
    return id;
  }
  // The member's month at the employer (unpaid) and, once per month, the employer's bill.
  void Month(std::int64_t member, std::int64_t employer, int period) {
    Exec(
        "INSERT INTO contributions (member_id, period, employer_id, jht_worker, jht_employer,"
        " jkk, jkm, jp_worker, jp_employer, jkp, paid) VALUES (" +
        std::to_string(member) + ", " + std::to_string(period) + ", " + std::to_string(employer) +
        ", 100000, 185000, 12000, 15000, 50000, 100000, 0, 0)");
  }
  std::int64_t Bill(std::int64_t employer, int period, std::int64_t billed,
                    const std::string& code) {
    auto lease = db().Acquire();
    long long id = 0, e = employer, b = billed;
    const int next = period % 100 == 12 ? period + 89 : period + 1;  // the month after
    char due[32];
    std::snprintf(due, sizeof due, "%04d-%02d-15", next / 100, next % 100);
    const std::string due_date = due;
    lease.session() << "INSERT INTO employer_payments (employer_id, period, amount_billed,"
                       " amount_paid, payment_code, due_date) VALUES (:e, :p, :b, 0, :c, :d)"
                       " RETURNING id",
        soci::use(e), soci::use(period), soci::use(b), soci::use(code), soci::use(due_date),
        soci::into(id);
    return id;
  }

  struct BillState {
    long long paid = 0;
    std::string paid_on;  // "" while unpaid
  };
  BillState StateOf(std::int64_t bill) {
    auto lease = db().Acquire();
    BillState state;
    long long id = bill;
    soci::indicator indicator = soci::i_null;
    lease.session() << "SELECT amount_paid, CAST(paid_on AS TEXT) FROM employer_payments"
                       " WHERE id = :id",
        soci::into(state.paid), soci::into(state.paid_on, indicator), soci::use(id);
    if (indicator != soci::i_ok) state.paid_on.clear();
    state.paid_on = state.paid_on.substr(0, 10);
    return state;
  }
  long long PaidMonths(std::int64_t employer, int period) {
    return Count("SELECT COALESCE(SUM(paid), 0) FROM contributions WHERE employer_id = " +
                 std::to_string(employer) + " AND period = " + std::to_string(period));
  }

  ApplyResult Apply(const BankPayment& payment,
                    std::optional<std::int64_t> by = std::optional<std::int64_t>(kStaff)) {
    auto lease = db().Acquire();
    auto tx = db::Transaction::ForWriting(lease.session());
    const ApplyResult result = ApplyPayment(lease.session(), payment, by, kNow);
    tx.Commit();
    return result;
  }
  std::int64_t Credit(std::int64_t employer) {
    auto lease = db().Acquire();
    return EmployerCredit(lease.session(), employer);
  }
  ImportSummary Import(const std::string& text, std::optional<std::int64_t> by = std::nullopt,
                       ImportOptions options = {}, const ImportProgressCallback& progress = {}) {
    std::istringstream in(text);
    options.now = kNow;
    return ImportPaymentFile(db(), in, progress, by, options);
  }

  // Everything an import may change, as text, to compare before and after.
  std::string Snapshot() {
    auto lease = db().Acquire();
    soci::session& sql = lease.session();
    std::string out;
    long long id = 0, a = 0, b = 0;
    std::string day;
    soci::indicator indicator = soci::i_null;
    soci::statement bills =
        (sql.prepare << "SELECT id, amount_paid, CAST(paid_on AS TEXT) FROM employer_payments"
                        " ORDER BY id",
         soci::into(id), soci::into(a), soci::into(day, indicator));
    bills.execute();
    while (bills.fetch()) {
      out += "bill " + std::to_string(id) + " " + std::to_string(a) + " " +
             (indicator == soci::i_ok ? day : "-") + "\n";
    }
    soci::statement payments =
        (sql.prepare << "SELECT id, amount_applied, amount_credited FROM bank_payments ORDER BY id",
         soci::into(id), soci::into(a), soci::into(b));
    payments.execute();
    while (payments.fetch()) {
      out += "payment " + std::to_string(id) + " " + std::to_string(a) + " " + std::to_string(b) +
             "\n";
    }
    out +=
        "paid months " + std::to_string(Count("SELECT COALESCE(SUM(paid), 0) FROM contributions"));
    return out;
  }

  struct AuditRow {
    std::string action;
    std::string result;
    long long actor = -1;  // -1: NULL
    std::string details;
  };
  std::vector<AuditRow> Audit() {
    auto lease = db().Acquire();
    std::vector<AuditRow> rows;
    AuditRow row;
    long long actor = 0;
    soci::indicator actor_indicator = soci::i_null;
    soci::statement st =
        (lease.session().prepare
             << "SELECT action, result, actor_user_id, details FROM audit_log ORDER BY id",
         soci::into(row.action), soci::into(row.result), soci::into(actor, actor_indicator),
         soci::into(row.details));
    st.execute();
    while (st.fetch()) {
      row.actor = actor_indicator == soci::i_ok ? actor : -1;
      rows.push_back(row);
    }
    return rows;
  }

  std::int64_t maju_ = 0, jaya_ = 0, siti_ = 0, budi_ = 0;
};

TEST_P(PaymentsDbTest, APartPaymentLeavesTheRestOutstandingAndTheLastPartPaysTheMonth) {
  Month(siti_, maju_, kMay);
  Month(budi_, maju_, kMay);
  Month(siti_, maju_, kJune);
  Month(budi_, jaya_, kMay);
  const std::string code = IssuePaymentCode(1);
  const auto bill = Bill(maju_, kMay, 1'000'000, code);
  Bill(maju_, kJune, 900'000, IssuePaymentCode(2));
  Bill(jaya_, kMay, 462'000, IssuePaymentCode(3));

  const ApplyResult part = Apply({code, 400'000, "2024-06-10", "TRX-1"});
  EXPECT_EQ(part.outcome, PaymentOutcome::kApplied);
  EXPECT_EQ(part.bill_id, bill);
  EXPECT_EQ(part.employer_id, maju_);
  EXPECT_EQ(part.period, kMay);
  EXPECT_EQ(part.applied, 400'000);
  EXPECT_EQ(part.credited, 0);
  EXPECT_GT(part.bank_payment_id, 0);
  EXPECT_EQ(StateOf(bill).paid, 400'000);
  EXPECT_EQ(StateOf(bill).paid_on, "") << "not paid in full yet";
  EXPECT_EQ(PaidMonths(maju_, kMay), 0) << "the members' months wait for the whole bill";

  const ApplyResult rest = Apply({code, 600'000, "2024-06-14", "TRX-2"});
  EXPECT_EQ(rest.outcome, PaymentOutcome::kPaidInFull);
  EXPECT_EQ(rest.applied, 600'000);
  EXPECT_EQ(rest.credited, 0);
  EXPECT_EQ(StateOf(bill).paid, 1'000'000);
  EXPECT_EQ(StateOf(bill).paid_on, "2024-06-14") << "the day of the payment that completed it";
  EXPECT_EQ(PaidMonths(maju_, kMay), 2) << "both members' May at PT Maju are paid";
  EXPECT_EQ(PaidMonths(maju_, kJune), 0) << "another month is not";
  EXPECT_EQ(PaidMonths(jaya_, kMay), 0) << "another employer is not";
  EXPECT_EQ(Credit(maju_), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM bank_payments WHERE imported_by = 77"), 2);
}

TEST_P(PaymentsDbTest, ExactPaymentPaysInFullAtOnce) {
  Month(siti_, maju_, kMay);
  const std::string code = IssuePaymentCode(5);
  const auto bill = Bill(maju_, kMay, 462'000, code);
  const ApplyResult paid = Apply({code, 462'000, "2024-06-15", "TRX-9"}, std::nullopt);
  EXPECT_EQ(paid.outcome, PaymentOutcome::kPaidInFull);
  EXPECT_EQ(StateOf(bill).paid_on, "2024-06-15");
  EXPECT_EQ(PaidMonths(maju_, kMay), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM bank_payments WHERE imported_by IS NULL"), 1)
      << "the command line imports as nobody";
}

TEST_P(PaymentsDbTest, AnOverpaymentPaysTheBillAndTheExcessIsTheEmployersCredit) {
  Month(siti_, maju_, kMay);
  const std::string code = IssuePaymentCode(7);
  const auto bill = Bill(maju_, kMay, 1'000'000, code);
  const ApplyResult over = Apply({code, 1'250'000, "2024-06-12", "TRX-3"});
  EXPECT_EQ(over.outcome, PaymentOutcome::kOverpaid);
  EXPECT_EQ(over.applied, 1'000'000);
  EXPECT_EQ(over.credited, 250'000);
  EXPECT_EQ(StateOf(bill).paid, 1'000'000) << "the bill never shows more than it asked";
  EXPECT_EQ(StateOf(bill).paid_on, "2024-06-12");
  EXPECT_EQ(PaidMonths(maju_, kMay), 1);
  EXPECT_EQ(Credit(maju_), 250'000);
  EXPECT_EQ(Credit(jaya_), 0);

  // Paid again (the employer paid twice): all of it is credit; the bill keeps its first day.
  const ApplyResult again = Apply({code, 100'000, "2024-06-20", "TRX-4"});
  EXPECT_EQ(again.outcome, PaymentOutcome::kAlreadyPaid);
  EXPECT_EQ(again.applied, 0);
  EXPECT_EQ(again.credited, 100'000);
  EXPECT_EQ(StateOf(bill).paid, 1'000'000);
  EXPECT_EQ(StateOf(bill).paid_on, "2024-06-12");
  EXPECT_EQ(Credit(maju_), 350'000);
}

TEST_P(PaymentsDbTest, AnUnknownCodeIsRecordedWithoutABillAndChangesNoBill) {
  Month(siti_, maju_, kMay);
  const auto bill = Bill(maju_, kMay, 1'000'000, IssuePaymentCode(1));
  const std::string before = Snapshot();
  const ApplyResult unknown = Apply({IssuePaymentCode(999), 500'000, "2024-06-10", "TRX-U"});
  EXPECT_EQ(unknown.outcome, PaymentOutcome::kUnknownCode);
  EXPECT_FALSE(unknown.bill_id);
  EXPECT_EQ(unknown.applied, 0);
  EXPECT_EQ(unknown.credited, 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM bank_payments WHERE bill_id IS NULL AND amount = 500000"),
            1)
      << "recorded for staff, never dropped";
  EXPECT_EQ(StateOf(bill).paid, 0);
  EXPECT_EQ(Credit(maju_), 0);
  EXPECT_EQ(Apply({IssuePaymentCode(999), 500'000, "2024-06-10", "TRX-U"}).outcome,
            PaymentOutcome::kDuplicate);
  EXPECT_NE(before, Snapshot());  // the one bank_payments row
}

TEST_P(PaymentsDbTest, ADuplicateReferenceChangesNothing) {
  Month(siti_, maju_, kMay);
  const std::string code = IssuePaymentCode(1);
  const auto bill = Bill(maju_, kMay, 1'000'000, code);
  const ApplyResult first = Apply({code, 400'000, "2024-06-10", "TRX-1"});
  const std::string after_first = Snapshot();

  const ApplyResult same = Apply({code, 400'000, "2024-06-10", "TRX-1"});
  EXPECT_EQ(same.outcome, PaymentOutcome::kDuplicate);
  EXPECT_EQ(same.bank_payment_id, first.bank_payment_id);
  EXPECT_EQ(same.bill_id, bill);
  EXPECT_FALSE(same.differs);
  EXPECT_EQ(same.applied, 0);
  EXPECT_EQ(Snapshot(), after_first);

  // The bank reused the reference with other details: still nothing applied, but flagged.
  const ApplyResult other = Apply({code, 600'000, "2024-06-11", "TRX-1"});
  EXPECT_EQ(other.outcome, PaymentOutcome::kDuplicate);
  EXPECT_TRUE(other.differs);
  EXPECT_EQ(Snapshot(), after_first);
  EXPECT_EQ(StateOf(bill).paid, 400'000);
}

TEST_P(PaymentsDbTest, ABadPaymentIsRefusedAndALegacyCodeIsStillPaid) {
  Month(siti_, maju_, kMay);
  {
    auto lease = db().Acquire();
    auto tx = db::Transaction::ForWriting(lease.session());
    EXPECT_THROW(ApplyPayment(lease.session(), {IssuePaymentCode(1), 0, "2024-06-10", "R"},
                              std::nullopt, kNow),
                 std::invalid_argument);
    EXPECT_THROW(ApplyPayment(lease.session(), {"123", 10, "2024-06-10", "R"}, std::nullopt, kNow),
                 std::invalid_argument);
    EXPECT_THROW(ApplyPayment(lease.session(), {IssuePaymentCode(1), 10, "2024-06-31", "R"},
                              std::nullopt, kNow),
                 std::invalid_argument);
    EXPECT_THROW(ApplyPayment(lease.session(), {IssuePaymentCode(1), 10, "2024-06-10", ""},
                              std::nullopt, kNow),
                 std::invalid_argument);
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM bank_payments"), 0);
  // A bill from before check digits (the demo registry's codes are random).
  const std::string legacy = "10000000004";
  ASSERT_EQ(CheckPaymentCode(legacy), PaymentCodeProblem::kBadCheckDigit);
  const auto bill = Bill(maju_, kMay, 1'000, legacy);
  EXPECT_EQ(Apply({legacy, 1'000, "2024-06-10", "OLD-1"}).outcome, PaymentOutcome::kPaidInFull);
  EXPECT_EQ(StateOf(bill).paid_on, "2024-06-10");
}

TEST_P(PaymentsDbTest, ImportingAFileAppliesEveryRowAndReportsTheRest) {
  Month(siti_, maju_, kMay);
  Month(budi_, maju_, kMay);
  Month(budi_, jaya_, kMay);
  const std::string partial = IssuePaymentCode(10), full = IssuePaymentCode(11),
                    over = IssuePaymentCode(12), legacy = "10000000004";
  const auto partial_bill = Bill(maju_, kJune, 1'000'000, partial);
  const auto full_bill = Bill(maju_, kMay, 2'000'000, full);
  const auto over_bill = Bill(jaya_, kMay, 462'000, over);
  const auto legacy_bill = Bill(jaya_, kJune, 5'000, legacy);
  const std::string text = kHeader +                                   // row 1
                           partial + ",400.000,2024-06-10,R-1\n" +     // 2: applied
                           full + ",\"2,000,000\",2024-06-14,R-2\n" +  // 3: paid in full
                           over + ",500000,2024-06-15,R-3\n" +         // 4: overpaid: 38,000 credit
                           IssuePaymentCode(500) + ",75000,2024-06-15,R-4\n" +  // 5: unknown code
                           "10000000014,75000,2024-06-15,R-5\n" +  // 6: check digit, no such bill
                           legacy + ",5000,2024-06-16,R-6\n" +     // 7: a legacy code: paid
                           full + ",abc,2024-06-16,R-7\n" +        // 8: bad amount
                           "\n" +                                  // 9: empty
                           full + ",100,2024-06-16,\n" +           // 10: no reference
                           full + ",100,2024-06-16,R-2\n";         // 11: duplicate, other details

  std::vector<ImportIssue> told;
  ImportOptions options;
  options.on_issue = [&](const ImportIssue& issue) { told.push_back(issue); };
  const ImportSummary s = Import(text, kStaff, options);
  EXPECT_FALSE(s.file_error);
  EXPECT_EQ(s.rows, 9);
  EXPECT_EQ(s.applied, 1);
  EXPECT_EQ(s.paid_in_full, 3) << "full, over and legacy";
  EXPECT_EQ(s.overpaid, 1);
  EXPECT_EQ(s.already_paid, 0);
  EXPECT_EQ(s.duplicates, 1);
  EXPECT_EQ(s.unknown_codes, 1);
  EXPECT_EQ(s.bad_rows, 3);
  EXPECT_EQ(s.credits, 1);
  EXPECT_EQ(s.amount_applied, 400'000 + 2'000'000 + 462'000 + 5'000);
  EXPECT_EQ(s.amount_credited, 38'000);
  EXPECT_EQ(s.amount_unknown, 75'000);

  ASSERT_EQ(s.issues.size(), 5u);
  EXPECT_EQ(s.issues_total, 5);
  using K = ImportIssue::Kind;
  EXPECT_EQ(s.issues[0].kind, K::kUnknownCode);
  EXPECT_EQ(s.issues[0].row_number, 5);
  EXPECT_EQ(s.issues[0].payment.payment_code, IssuePaymentCode(500));
  EXPECT_EQ(s.issues[1].kind, K::kBadRow);
  EXPECT_EQ(s.issues[1].row_number, 6);
  ASSERT_EQ(s.issues[1].problems.size(), 1u);
  EXPECT_EQ(s.issues[1].problems[0].problem, PaymentProblem::kCodeCheckDigit);
  EXPECT_EQ(s.issues[2].row_number, 8);
  EXPECT_EQ(s.issues[2].problems[0].problem, PaymentProblem::kAmountNotANumber);
  EXPECT_EQ(s.issues[3].row_number, 10);
  EXPECT_EQ(s.issues[3].problems[0].problem, PaymentProblem::kReferenceMissing);
  EXPECT_EQ(s.issues[4].kind, K::kDuplicateDiffers);
  EXPECT_EQ(s.issues[4].row_number, 11);
  EXPECT_EQ(told.size(), 5u) << "every issue is told as well";

  EXPECT_EQ(StateOf(partial_bill).paid, 400'000);
  EXPECT_EQ(StateOf(partial_bill).paid_on, "");
  EXPECT_EQ(StateOf(full_bill).paid_on, "2024-06-14");
  EXPECT_EQ(StateOf(over_bill).paid_on, "2024-06-15");
  EXPECT_EQ(StateOf(legacy_bill).paid_on, "2024-06-16");
  EXPECT_EQ(PaidMonths(maju_, kMay), 2);
  EXPECT_EQ(PaidMonths(jaya_, kMay), 1);
  EXPECT_EQ(Credit(jaya_), 38'000);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM bank_payments"), 5) << "applied, paid and unknown rows";

  auto audit = Audit();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "payments.imported");
  EXPECT_EQ(audit[0].result, "ok");
  EXPECT_EQ(audit[0].actor, kStaff);
  EXPECT_NE(audit[0].details.find("\"rows\":\"9\""), std::string::npos) << audit[0].details;
  EXPECT_NE(audit[0].details.find("\"unknown\":\"1\""), std::string::npos) << audit[0].details;
  EXPECT_NE(audit[0].details.find("\"bad_rows\":\"3\""), std::string::npos) << audit[0].details;

  // The same file again: nothing changes, every recorded row is a duplicate.
  const std::string before = Snapshot();
  const ImportSummary again = Import(text);
  EXPECT_EQ(Snapshot(), before);
  EXPECT_EQ(again.rows, 9);
  EXPECT_EQ(again.duplicates, 6) << "five recorded rows and the differing one";
  EXPECT_EQ(again.applied + again.paid_in_full + again.already_paid + again.unknown_codes, 0);
  EXPECT_EQ(again.bad_rows, 3) << "bad rows are reported again";
  EXPECT_EQ(again.amount_applied, 0);
  audit = Audit();
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[1].actor, -1) << "the command line";
  EXPECT_NE(audit[1].details.find("\"duplicates\":\"6\""), std::string::npos);
}

TEST_P(PaymentsDbTest, LargeFilesGoInBatchesWithProgress) {
  constexpr int kBills = 120;
  std::string text = kHeader;
  for (int i = 0; i < kBills; ++i) {
    const std::string code = IssuePaymentCode(static_cast<std::uint64_t>(100 + i));
    Bill(i % 2 ? maju_ : jaya_, 201001 + (i / 2) % 12 + (i / 24) * 100, 10'000, code);
    // Two halves per bill, far apart in the file.
    text += code + ",5000,2024-06-10,A" + std::to_string(i) + "\n";
  }
  for (int i = 0; i < kBills; ++i) {
    text += IssuePaymentCode(static_cast<std::uint64_t>(100 + i)) + ",6000,2024-06-11,B" +
            std::to_string(i) + "\n";
  }
  std::vector<std::int64_t> progress_rows;
  ImportOptions options;
  options.batch_rows = 50;
  const ImportSummary s = Import(text, kStaff, options, [&](const ImportProgress& p) {
    progress_rows.push_back(p.rows);
    ASSERT_NE(p.summary, nullptr);
    EXPECT_EQ(p.summary->rows, p.rows);
    EXPECT_GT(p.bytes, 0u);
  });
  EXPECT_EQ(s.rows, 2 * kBills);
  EXPECT_EQ(s.applied, kBills);
  EXPECT_EQ(s.overpaid, kBills);
  EXPECT_EQ(s.amount_credited, 1'000 * kBills);
  EXPECT_EQ(progress_rows, (std::vector<std::int64_t>{50, 100, 150, 200, 240}));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM employer_payments WHERE paid_on IS NOT NULL"), kBills);
  EXPECT_EQ(Credit(maju_) + Credit(jaya_), 1'000 * kBills);
  EXPECT_EQ(Audit().size(), 1u) << "one audit row per import, not per batch";
}

TEST_P(PaymentsDbTest, AFileBrokenHalfWayKeepsTheRowsBeforeTheBreakAndSaysWhere) {
  const std::string a = IssuePaymentCode(1), b = IssuePaymentCode(2);
  const auto bill_a = Bill(maju_, kMay, 1'000, a);
  const auto bill_b = Bill(jaya_, kMay, 1'000, b);
  const std::string broken =
      kHeader + a + ",1000,2024-06-10,R-1\n" + b + ",1000,2024-06-10,R-2\"oops\n";
  const ImportSummary s = Import(broken);
  ASSERT_TRUE(s.file_error);
  EXPECT_EQ(s.file_error->problem, PaymentFileProblem::kMalformedQuotes);
  EXPECT_EQ(s.file_error->row_number, 3);
  EXPECT_EQ(s.rows, 1);
  EXPECT_EQ(StateOf(bill_a).paid, 1'000);
  EXPECT_EQ(StateOf(bill_b).paid, 0);
  ASSERT_EQ(Audit().size(), 1u);
  EXPECT_EQ(Audit()[0].result, "error");

  // Fixed and imported again: the first row is a duplicate, the second is paid.
  const ImportSummary fixed =
      Import(kHeader + a + ",1000,2024-06-10,R-1\n" + b + ",1000,2024-06-10,R-2\n");
  EXPECT_FALSE(fixed.file_error);
  EXPECT_EQ(fixed.duplicates, 1);
  EXPECT_EQ(fixed.paid_in_full, 1);
  EXPECT_EQ(StateOf(bill_b).paid, 1'000);

  const ImportSummary missing = Import("kode_iuran,jumlah,tanggal\n" + a + ",1,2024-06-10\n");
  ASSERT_TRUE(missing.file_error);
  EXPECT_EQ(missing.file_error->problem, PaymentFileProblem::kMissingColumn);
  EXPECT_EQ(missing.rows, 0);
}

TEST_P(PaymentsDbTest, TwoImportsAtOnceApplyEachPaymentOnce) {
  constexpr int kRows = 60;
  std::string text = kHeader;
  std::vector<std::int64_t> bills;
  for (int i = 0; i < kRows / 2; ++i) {
    const std::string code = IssuePaymentCode(static_cast<std::uint64_t>(300 + i));
    bills.push_back(Bill(maju_, 200001 + i % 12 + (i / 12) * 100, 10'000, code));
    text += code + ",4000,2024-06-10,X" + std::to_string(i) + "\n";
    text += code + ",4000,2024-06-11,Y" + std::to_string(i) + "\n";
  }
  ImportSummary first, second;
  ImportOptions options;
  options.batch_rows = 7;
  std::thread one([&] { first = Import(text, 1, options); });
  std::thread two([&] { second = Import(text, 2, options); });
  one.join();
  two.join();
  EXPECT_EQ(first.rows, kRows);
  EXPECT_EQ(second.rows, kRows);
  EXPECT_EQ(first.duplicates + second.duplicates, kRows) << "each payment once, by one import";
  EXPECT_EQ(first.amount_applied + second.amount_applied, 8'000 * (kRows / 2));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM bank_payments"), kRows);
  for (const auto bill : bills) EXPECT_EQ(StateOf(bill).paid, 8'000);
  EXPECT_EQ(Audit().size(), 2u);
}

LUMBUNG_INSTANTIATE_DB_TESTS(PaymentsDbTest);

}  // namespace
}  // namespace lumbung::employers
