-- Competency certificates in SQLite's dialect: the same table as 0050_certificates.sql (read its
-- notes there; keep the two in step). INTEGER PRIMARY KEY is SQLite's auto-numbered row id.
CREATE TABLE certificates (
  id INTEGER PRIMARY KEY,
  member_id BIGINT NOT NULL REFERENCES members (id),
  competency TEXT NOT NULL CHECK (length(competency) BETWEEN 1 AND 200),
  level TEXT NOT NULL DEFAULT '' CHECK (length(level) <= 100),
  provider_id BIGINT,
  issuer_name TEXT NOT NULL CHECK (length(issuer_name) BETWEEN 1 AND 200),
  issued_by_account BIGINT,
  issued_on TEXT NOT NULL CHECK (issued_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  expires_on TEXT CHECK (expires_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  code TEXT NOT NULL UNIQUE,
  status_list TEXT NOT NULL,
  status_index BIGINT NOT NULL CHECK (status_index >= 0),
  training_application_id BIGINT UNIQUE,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT,
  revoked_by_account BIGINT,
  revocation_reason TEXT,
  UNIQUE (status_list, status_index),
  CHECK ((revoked_at IS NULL) = (revocation_reason IS NULL))
);
CREATE INDEX certificates_member ON certificates (member_id, id);
CREATE INDEX certificates_issuer ON certificates (provider_id, id);
