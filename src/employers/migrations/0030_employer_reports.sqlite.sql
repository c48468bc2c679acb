-- The employer pipeline's own records, beside the registry tables it fills (0001_registry):
-- what an employer declared for a worker, numbers the fund issues in sequence, the wage report
-- files employers upload and check, each month's report as submitted (every version kept:
-- a re-upload is an amendment), and the lines a month's bill is made of.
-- SQLite's version of 0030_employer_reports.sql (keep them
-- in step): INTEGER PRIMARY KEY is the rowid.

-- What the employer declared when it registered the worker: the monthly wage (it prefills the
-- first wage report) and the programs the worker is enrolled in at this employer.
ALTER TABLE employment_spells ADD COLUMN declared_wage BIGINT CHECK (declared_wage >= 0);
ALTER TABLE employment_spells ADD COLUMN programs TEXT NOT NULL DEFAULT 'jht,jkk,jkm,jp,jkp';

-- The next number the fund hands out (kpj_number.h, payment_code.h), as its first 10 digits:
-- 1,000,000,000 + the issue sequence, so the first KPJ is 10000000003. A number some earlier
-- registry already holds is skipped when issued, never reused.
CREATE TABLE number_sequences (
  name TEXT PRIMARY KEY CHECK (name IN ('kpj', 'payment_code')),
  next_value BIGINT NOT NULL CHECK (next_value >= 0)
);
INSERT INTO number_sequences (name, next_value) VALUES ('kpj', 1000000000), ('payment_code', 1000000000);

-- A wage report file as uploaded (or typed on the page), kept so the employer can download its
-- checked copies and confirm it after seeing the dry-run bill. Only files that are UTF-8 text
-- are kept; a refused file keeps no content.
CREATE TABLE wage_report_uploads (
  id INTEGER PRIMARY KEY,
  employer_id BIGINT NOT NULL REFERENCES employers (id),
  period INTEGER NOT NULL CHECK (period % 100 BETWEEN 1 AND 12),
  uploaded_by BIGINT NOT NULL,
  uploaded_at BIGINT NOT NULL,
  file_name TEXT NOT NULL,
  content TEXT NOT NULL,
  data_rows BIGINT NOT NULL DEFAULT 0,
  accepted_rows BIGINT NOT NULL DEFAULT 0,
  errors BIGINT NOT NULL DEFAULT 0,
  warnings BIGINT NOT NULL DEFAULT 0,
  state TEXT NOT NULL CHECK (state IN ('checked', 'refused', 'submitted'))
);
CREATE INDEX wage_report_uploads_employer ON wage_report_uploads (employer_id, period);

-- A month's wage report as the employer confirmed it. version 1 is the first; each later one
-- is an amendment that replaced the month's wages. The latest version's wages are the registry's
-- wage_reports rows; an amendment first copies them to the lines of the version it replaces, so
-- every earlier version is kept.
CREATE TABLE wage_report_submissions (
  id INTEGER PRIMARY KEY,
  employer_id BIGINT NOT NULL REFERENCES employers (id),
  period INTEGER NOT NULL CHECK (period % 100 BETWEEN 1 AND 12),
  version INTEGER NOT NULL CHECK (version >= 1),
  upload_id BIGINT REFERENCES wage_report_uploads (id),
  submitted_by BIGINT NOT NULL,
  submitted_at BIGINT NOT NULL,
  workers BIGINT NOT NULL,
  total_wage BIGINT NOT NULL,
  billed BIGINT NOT NULL,
  UNIQUE (employer_id, period, version)
);

CREATE TABLE wage_report_submission_lines (
  submission_id BIGINT NOT NULL REFERENCES wage_report_submissions (id),
  member_id BIGINT NOT NULL REFERENCES members (id),
  wage BIGINT NOT NULL CHECK (wage >= 0),
  PRIMARY KEY (submission_id, member_id)
);

-- What a month's bill (employer_payments) is made of: the month's contributions, the
-- difference an amendment made (negative: a credit), a late fine collected with this month.
-- employer_payments.amount_billed is their sum.
CREATE TABLE employer_bill_lines (
  id INTEGER PRIMARY KEY,
  bill_id BIGINT NOT NULL REFERENCES employer_payments (id),
  kind TEXT NOT NULL CHECK (kind IN ('month', 'amendment', 'fine')),
  submission_id BIGINT REFERENCES wage_report_submissions (id),
  amount BIGINT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX employer_bill_lines_bill ON employer_bill_lines (bill_id);

-- A month's report and its contributions are replaced as a whole when amended, and a payment
-- marks a month's contributions paid: both find an employer's month without a full scan.
CREATE INDEX wage_reports_employer_period ON wage_reports (employer_id, period);
CREATE INDEX contributions_employer_period ON contributions (employer_id, period);
