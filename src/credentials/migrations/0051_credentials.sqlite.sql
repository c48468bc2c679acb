-- The credential signing keys and status lists in SQLite's dialect: the same tables as
-- 0051_credentials.sql (read its notes there; keep the two in step). INTEGER PRIMARY KEY is
-- SQLite's auto-numbered row id.
CREATE TABLE credential_signing_keys (
  id INTEGER PRIMARY KEY,
  kid TEXT NOT NULL UNIQUE,
  alg TEXT NOT NULL CHECK (alg IN ('RS256', 'EdDSA')),
  public_jwk TEXT NOT NULL,
  private_key_sealed TEXT,
  created_at BIGINT NOT NULL,
  retired_at BIGINT,
  withdrawn_at BIGINT,
  CHECK ((retired_at IS NULL) = (private_key_sealed IS NOT NULL)),
  CHECK (withdrawn_at IS NULL OR retired_at IS NOT NULL)
);
CREATE UNIQUE INDEX credential_signing_keys_active ON credential_signing_keys (alg)
  WHERE retired_at IS NULL;

CREATE TABLE credential_status_entries (
  list_id TEXT NOT NULL,
  status_index BIGINT NOT NULL CHECK (status_index >= 0),
  created_at BIGINT NOT NULL,
  revoked_at BIGINT,
  PRIMARY KEY (list_id, status_index)
);
