-- Members' benefit claims in SQLite's dialect: the same table as 0024_claims.sql (read its notes
-- there; keep the two in step). INTEGER PRIMARY KEY is SQLite's auto-numbered row id.
CREATE TABLE claims (
  id INTEGER PRIMARY KEY,
  member_id BIGINT NOT NULL REFERENCES members (id),
  program TEXT NOT NULL CHECK (program IN ('JHT', 'JKK', 'JKM', 'JP', 'JKP')),
  status TEXT NOT NULL CHECK (status IN ('submitted', 'in_review', 'approved', 'rejected', 'paid')),
  submitted_at BIGINT NOT NULL,
  decided_at BIGINT,
  CHECK ((decided_at IS NULL) = (status IN ('submitted', 'in_review')))
);
CREATE INDEX claims_member_status ON claims (member_id, status);
