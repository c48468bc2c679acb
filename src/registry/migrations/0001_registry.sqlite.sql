-- The registry in SQLite's dialect: the same tables as 0001_registry.sql (read its notes; keep
-- the two in step). Differences:
--   INTEGER PRIMARY KEY is SQLite's auto-numbered row id;
--   dates are ISO 'YYYY-MM-DD' TEXT, checked with date(x, '+0 days'), which (unlike date(x))
--   turns '2023-02-30' into '2023-03-02' and so rejects it;
--   digit checks use GLOB;
--   the monthly tables are WITHOUT ROWID: each is one B-tree ordered by its primary key
--   (member_id, period, employer_id), which is also the order the history is read in;
--   money and references are declared BIGINT (INTEGER affinity, same storage) so that SOCI
--   describes them as long long on both databases; only row ids must be INTEGER PRIMARY KEY.

CREATE TABLE employers (
  id INTEGER PRIMARY KEY,
  npp TEXT NOT NULL UNIQUE CHECK (length(npp) = 8 AND npp NOT GLOB '*[^0-9A-Z]*'),
  name TEXT NOT NULL,
  sector TEXT NOT NULL,
  province_code INTEGER NOT NULL CHECK (province_code BETWEEN 11 AND 99),
  jkk_risk_class INTEGER NOT NULL CHECK (jkk_risk_class BETWEEN 0 AND 4),
  registered_on TEXT NOT NULL CHECK (registered_on IS date(registered_on, '+0 days'))
);

CREATE TABLE members (
  id INTEGER PRIMARY KEY,
  kpj TEXT NOT NULL UNIQUE CHECK (length(kpj) = 11 AND kpj NOT GLOB '*[^0-9]*'),
  nik TEXT NOT NULL UNIQUE CHECK (length(nik) = 16 AND nik NOT GLOB '*[^0-9]*'),
  full_name TEXT NOT NULL,
  birth_date TEXT NOT NULL CHECK (birth_date IS date(birth_date, '+0 days')),
  sex TEXT NOT NULL CHECK (sex IN ('M', 'F')),
  address TEXT NOT NULL DEFAULT '',
  province_code INTEGER NOT NULL CHECK (province_code BETWEEN 11 AND 99),
  phone TEXT,
  email TEXT,
  marital_status TEXT NOT NULL CHECK (marital_status IN ('single', 'married', 'divorced', 'widowed')),
  registered_on TEXT NOT NULL CHECK (registered_on IS date(registered_on, '+0 days')),
  status TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'deceased'))
);

CREATE TABLE employment_spells (
  id INTEGER PRIMARY KEY,
  member_id BIGINT NOT NULL REFERENCES members (id),
  employer_id BIGINT NOT NULL REFERENCES employers (id),
  start_date TEXT NOT NULL CHECK (start_date IS date(start_date, '+0 days')),
  end_date TEXT CHECK (end_date IS date(end_date, '+0 days')),
  end_reason TEXT CHECK (end_reason IN ('resigned', 'contract_ended', 'dismissed', 'retired', 'died')),
  CHECK (end_date IS NULL OR end_date >= start_date),
  CHECK ((end_date IS NULL) = (end_reason IS NULL))
);
CREATE INDEX employment_spells_member ON employment_spells (member_id, start_date);
CREATE INDEX employment_spells_employer ON employment_spells (employer_id, start_date);

CREATE TABLE wage_reports (
  member_id BIGINT NOT NULL REFERENCES members (id),
  period INTEGER NOT NULL CHECK (period % 100 BETWEEN 1 AND 12),
  employer_id BIGINT NOT NULL REFERENCES employers (id),
  wage BIGINT NOT NULL CHECK (wage >= 0),
  PRIMARY KEY (member_id, period, employer_id)
) WITHOUT ROWID;

CREATE TABLE contributions (
  member_id BIGINT NOT NULL REFERENCES members (id),
  period INTEGER NOT NULL CHECK (period % 100 BETWEEN 1 AND 12),
  employer_id BIGINT NOT NULL REFERENCES employers (id),
  jht_worker BIGINT NOT NULL,
  jht_employer BIGINT NOT NULL,
  jkk BIGINT NOT NULL,
  jkm BIGINT NOT NULL,
  jp_worker BIGINT NOT NULL,
  jp_employer BIGINT NOT NULL,
  jkp BIGINT NOT NULL,
  paid INTEGER NOT NULL DEFAULT 0 CHECK (paid IN (0, 1)),
  PRIMARY KEY (member_id, period, employer_id)
) WITHOUT ROWID;

CREATE TABLE employer_payments (
  id INTEGER PRIMARY KEY,
  employer_id BIGINT NOT NULL REFERENCES employers (id),
  period INTEGER NOT NULL CHECK (period % 100 BETWEEN 1 AND 12),
  amount_billed BIGINT NOT NULL CHECK (amount_billed >= 0),
  amount_paid BIGINT NOT NULL DEFAULT 0 CHECK (amount_paid >= 0),
  payment_code TEXT NOT NULL UNIQUE CHECK (length(payment_code) = 11 AND payment_code NOT GLOB '*[^0-9]*'),
  due_date TEXT NOT NULL CHECK (due_date IS date(due_date, '+0 days')),
  paid_on TEXT CHECK (paid_on IS date(paid_on, '+0 days')),
  UNIQUE (employer_id, period)
);

CREATE TABLE jht_yearly_credits (
  member_id BIGINT NOT NULL REFERENCES members (id),
  year INTEGER NOT NULL,
  opening BIGINT NOT NULL,
  contributions BIGINT NOT NULL,
  returns BIGINT NOT NULL,
  withdrawals BIGINT NOT NULL,
  closing BIGINT NOT NULL,
  rate_bp INTEGER,
  PRIMARY KEY (member_id, year)
) WITHOUT ROWID;
