-- Wage-subsidy payment batches and their payments: SQLite version of 0046_subsidy_batches.sql
-- (keep the two in step; the columns are explained there).
CREATE TABLE subsidy_batches (
  id INTEGER PRIMARY KEY,
  program_year INTEGER NOT NULL,
  run_id BIGINT NOT NULL,
  number INTEGER NOT NULL CHECK (number >= 1),
  state TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'approved', 'sent', 'reconciled')),
  member_count BIGINT NOT NULL,
  control_total BIGINT NOT NULL,
  file_sha256 TEXT,
  created_by BIGINT NOT NULL,
  submitted_by BIGINT,
  submitted_at BIGINT,
  approved_by BIGINT,
  approved_at BIGINT,
  sent_at BIGINT,
  reconciled_at BIGINT,
  UNIQUE (program_year, number)
);

CREATE TABLE subsidy_payments (
  batch_id BIGINT NOT NULL REFERENCES subsidy_batches (id),
  member_id BIGINT NOT NULL,
  amount BIGINT NOT NULL CHECK (amount > 0),
  channel TEXT NOT NULL CHECK (channel IN ('bank', 'post_office')),
  bank_code TEXT,
  account_last4 TEXT,
  result TEXT NOT NULL DEFAULT 'pending' CHECK (result IN ('pending', 'paid', 'failed',
                                                           'rerouted_post_office',
                                                           'returned_to_employer')),
  failure_reason TEXT CHECK (failure_reason IN ('account_closed', 'account_dormant',
                                                'account_invalid', 'account_frozen',
                                                'account_nik_mismatch',
                                                'account_not_registered')),
  paid_on TEXT,
  bank_reference TEXT,
  PRIMARY KEY (batch_id, member_id)
);
-- A member's payments across batches (their stage, and "not yet in a batch").
CREATE INDEX subsidy_payments_member ON subsidy_payments (member_id, batch_id);
