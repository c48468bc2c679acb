-- Second factors (src/identity, issue 4). SQLite version of 0011_two_factor.sql
-- (keep them in step). Times are epoch seconds (UTC).
--
-- sessions.stage   full: signed in | second_factor: the password was right, a second factor is
--                  due | enrol: the account must enrol a second factor before anything else
-- sessions.reauth_at  when the password or a second factor was last proved in this session
--                  (step-up for sensitive changes, ASVS 3.7.1)
ALTER TABLE sessions ADD COLUMN stage TEXT NOT NULL DEFAULT 'full'
  CHECK (stage IN ('full', 'second_factor', 'enrol'));
ALTER TABLE sessions ADD COLUMN reauth_at BIGINT NOT NULL DEFAULT 0;

-- The member dismissed the dashboard's "turn on two-factor" suggestion at this time.
ALTER TABLE accounts ADD COLUMN two_factor_nudge_dismissed_at BIGINT;

-- An account's second factors. kind totp: an authenticator app, its secret sealed with
-- libsodium secretbox (security/secret_box.h) and base64url-encoded; last_step: the newest time
-- step accepted (a code is never accepted twice, on any instance). kind email: codes by mail.
-- confirmed 0: an enrolment started and not finished (ignored everywhere else).
CREATE TABLE second_factors (
  id INTEGER PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  kind TEXT NOT NULL CHECK (kind IN ('totp', 'email')),
  name TEXT NOT NULL,
  secret_sealed TEXT NOT NULL DEFAULT '',
  last_step BIGINT NOT NULL DEFAULT -1,
  confirmed INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT
);
CREATE INDEX second_factors_account ON second_factors (account_id);

-- Single-use recovery codes, salted and hashed (identity/recovery_code.h, ASVS 2.6.2).
CREATE TABLE recovery_codes (
  id INTEGER PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  code_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  used_at BIGINT
);
CREATE INDEX recovery_codes_account ON recovery_codes (account_id);

-- The one live e-mail code of an account, keyed by purpose (sign_in, enrol, step_up):
-- code_hash is an HMAC of the code under a server key, so a copy of the table alone does not
-- give the codes away. attempts: wrong guesses so far (the code dies after the limit).
CREATE TABLE email_codes (
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  purpose TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (account_id, purpose)
);

-- Browsers where the member chose "remember this browser": the second step is skipped there
-- until expires_at. id_hash: SHA-256 of the token in the signed cookie; handle names the row
-- on the security page.
CREATE TABLE remembered_browsers (
  id_hash TEXT PRIMARY KEY,
  handle TEXT NOT NULL UNIQUE,
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  user_agent TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  last_used_at BIGINT NOT NULL
);
CREATE INDEX remembered_browsers_account ON remembered_browsers (account_id);
