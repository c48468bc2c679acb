-- Bank payments in SQLite's dialect: the same table as 0031_bank_payments.sql (read its notes
-- there; keep the two in step). INTEGER PRIMARY KEY is SQLite's auto-numbered row id; the day
-- is ISO 'YYYY-MM-DD' TEXT checked with date(x, '+0 days'); references are BIGINT.
CREATE TABLE bank_payments (
  id INTEGER PRIMARY KEY,
  bank_reference TEXT NOT NULL UNIQUE CHECK (length(bank_reference) BETWEEN 1 AND 64),
  payment_code TEXT NOT NULL CHECK (length(payment_code) = 11 AND payment_code NOT GLOB '*[^0-9]*'),
  amount BIGINT NOT NULL CHECK (amount > 0),
  paid_on TEXT NOT NULL CHECK (paid_on IS date(paid_on, '+0 days')),
  bill_id BIGINT REFERENCES employer_payments (id),
  amount_applied BIGINT NOT NULL CHECK (amount_applied >= 0),
  amount_credited BIGINT NOT NULL CHECK (amount_credited >= 0),
  imported_by BIGINT,
  imported_at BIGINT NOT NULL,
  CHECK (amount_applied + amount_credited = CASE WHEN bill_id IS NULL THEN 0 ELSE amount END)
);
CREATE INDEX bank_payments_bill ON bank_payments (bill_id);
CREATE INDEX bank_payments_unmatched ON bank_payments (payment_code) WHERE bill_id IS NULL;
