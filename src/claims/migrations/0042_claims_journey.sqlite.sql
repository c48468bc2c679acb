-- The claims journey in SQLite's dialect: the same schema as 0042_claims_journey.sql (read its
-- notes there; keep the two in step). INTEGER PRIMARY KEY is SQLite's auto-numbered row id.
ALTER TABLE claims RENAME TO claims_before_journey;
DROP INDEX claims_member_status;

CREATE TABLE claims (
  id INTEGER PRIMARY KEY,
  -- What the member quotes: K-, ten random digits and a Damm check digit (reference.h).
  reference TEXT NOT NULL UNIQUE,
  -- The insured member whose benefit it is (the deceased, for an heir's claim).
  member_id BIGINT NOT NULL REFERENCES members (id),
  -- The account that makes the claim and alone (besides claims staff) may see it, and the
  -- registry member behind that account (the heir's own record for an heir's claim).
  claimant_account_id BIGINT NOT NULL CHECK (claimant_account_id > 0),
  claimant_member_id BIGINT NOT NULL REFERENCES members (id),
  program TEXT NOT NULL CHECK (program IN ('JHT', 'JKK', 'JKM', 'JP', 'JKP')),
  claim_type TEXT NOT NULL CHECK (claim_type IN ('jht_full', 'jht_partial_10', 'jht_partial_30',
                                                 'jp', 'jkm', 'jkk', 'jkp', 'legacy')),
  status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'being_verified', 'more_documents',
                                         'verified', 'approved', 'in_payout', 'payout_failed',
                                         'paid', 'rejected', 'withdrawn')),
  -- The claimant's answers in the journey (JSON: ground, spell, accident, heir, children...).
  answers TEXT NOT NULL DEFAULT '{}',
  -- The rules' decision and amount as computed at submission and again at each staff step
  -- (JSON with the reasons); the amount is never typed by staff.
  decision TEXT NOT NULL DEFAULT '{}',
  amount BIGINT CHECK (amount >= 0),
  amount_is_monthly SMALLINT NOT NULL DEFAULT 0 CHECK (amount_is_monthly IN (0, 1)),
  -- The payout account the claimant confirmed (bank code, last four digits, holder): the
  -- number itself is read from the profile at payout time (profile/payout_account.h).
  payout_bank_code TEXT,
  payout_last4 TEXT,
  payout_holder TEXT,
  -- Extra checks: the payout account changed within the configured days before submission,
  -- or the profile says the account needs a staff check. Staff see why.
  extra_checks TEXT NOT NULL DEFAULT '',
  -- Who checked and who decided: never the same account (four eyes).
  verifier_account_id BIGINT,
  approver_account_id BIGINT,
  decision_reason TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  submitted_at BIGINT,
  decided_at BIGINT,
  paid_at BIGINT,
  -- When the claim entered its current status (the staff's service-level clock).
  status_since BIGINT NOT NULL
);
CREATE INDEX claims_member_status ON claims (member_id, status);
CREATE INDEX claims_claimant ON claims (claimant_account_id, updated_at);
CREATE INDEX claims_queue ON claims (status, status_since);

INSERT INTO claims (reference, member_id, claimant_account_id, claimant_member_id, program,
                    claim_type, status, created_at, updated_at, submitted_at, decided_at,
                    status_since)
SELECT 'L-' || id, member_id, 1, member_id, program, 'legacy',
       CASE status WHEN 'in_review' THEN 'being_verified' ELSE status END,
       submitted_at, COALESCE(decided_at, submitted_at), submitted_at, decided_at,
       COALESCE(decided_at, submitted_at)
FROM claims_before_journey;
DROP TABLE claims_before_journey;

CREATE TABLE claim_documents (
  id INTEGER PRIMARY KEY,
  claim_id BIGINT NOT NULL REFERENCES claims (id),
  doc_type TEXT NOT NULL CHECK (doc_type IN ('ektp', 'family_card', 'termination_letter',
                                             'bank_book', 'death_certificate', 'heir_statement',
                                             'accident_report', 'doctor_statement',
                                             'other')),
  -- The random id in the upload store (core/uploads); never shown.
  blob_id TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('pdf', 'jpeg', 'png')),
  size_bytes BIGINT NOT NULL CHECK (size_bytes > 0),
  -- The virus scanner's word: pending until clamd answered; staff never open a pending or
  -- infected file.
  scan_state TEXT NOT NULL CHECK (scan_state IN ('pending', 'clean', 'infected')),
  scan_signature TEXT NOT NULL DEFAULT '',
  -- The verifier's word on it: pending, accepted, or ask_again (with the reason the member
  -- reads). A replaced document stays for the record, marked superseded.
  review TEXT NOT NULL DEFAULT 'pending' CHECK (review IN ('pending', 'accepted', 'ask_again')),
  review_reason TEXT NOT NULL DEFAULT '',
  reviewed_by BIGINT,
  superseded SMALLINT NOT NULL DEFAULT 0 CHECK (superseded IN (0, 1)),
  uploaded_by BIGINT NOT NULL,
  uploaded_at BIGINT NOT NULL
);
CREATE INDEX claim_documents_claim ON claim_documents (claim_id, id);
CREATE INDEX claim_documents_scan ON claim_documents (scan_state, id);

-- Every step on a claim, for the member's status page and the audit of who, when and why.
CREATE TABLE claim_events (
  id INTEGER PRIMARY KEY,
  claim_id BIGINT NOT NULL REFERENCES claims (id),
  action TEXT NOT NULL,
  from_status TEXT NOT NULL,
  to_status TEXT NOT NULL,
  actor_account_id BIGINT NOT NULL,
  -- member, heir, claims_verifier, claims_approver, finance, system
  actor_role TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  at BIGINT NOT NULL
);
CREATE INDEX claim_events_claim ON claim_events (claim_id, id);

-- Work accidents as the employer reports them; the member confirms before claiming JKK.
CREATE TABLE work_accidents (
  id INTEGER PRIMARY KEY,
  member_id BIGINT NOT NULL REFERENCES members (id),
  employer_id BIGINT NOT NULL REFERENCES employers (id),
  accident_date TEXT NOT NULL,
  place TEXT NOT NULL,
  description TEXT NOT NULL,
  monthly_wage BIGINT NOT NULL CHECK (monthly_wage >= 0),
  fatal SMALLINT NOT NULL DEFAULT 0 CHECK (fatal IN (0, 1)),
  days_unable_to_work INTEGER NOT NULL DEFAULT 0 CHECK (days_unable_to_work >= 0),
  reported_by BIGINT NOT NULL,
  reported_at BIGINT NOT NULL,
  member_confirmed_at BIGINT
);
CREATE INDEX work_accidents_member ON work_accidents (member_id, accident_date);
CREATE INDEX work_accidents_employer ON work_accidents (employer_id, accident_date);

-- Approved claims are paid in batches: finance exports the bank file, then imports the bank's
-- result. A failed payout returns to the member and its claim joins the next batch.
CREATE TABLE payout_batches (
  id INTEGER PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('exported', 'reconciled')),
  item_count INTEGER NOT NULL,
  total_amount BIGINT NOT NULL,
  created_by BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  reconciled_by BIGINT,
  reconciled_at BIGINT
);

CREATE TABLE payout_items (
  id INTEGER PRIMARY KEY,
  batch_id BIGINT NOT NULL REFERENCES payout_batches (id),
  claim_id BIGINT NOT NULL REFERENCES claims (id),
  amount BIGINT NOT NULL CHECK (amount > 0),
  bank_code TEXT NOT NULL,
  account_last4 TEXT NOT NULL,
  holder_name TEXT NOT NULL,
  result TEXT NOT NULL DEFAULT 'pending' CHECK (result IN ('pending', 'paid', 'failed')),
  failure_reason TEXT NOT NULL DEFAULT '',
  paid_on TEXT,
  UNIQUE (batch_id, claim_id)
);
CREATE INDEX payout_items_claim ON payout_items (claim_id, id);
