-- Passkeys (WebAuthn Level 2, src/identity, issue 5). Times are epoch seconds (UTC).
-- SQLite version of 0012_passkeys.sql (keep them in step).

-- The WebAuthn user handle of an account: 32 random bytes (base64url), never the NIK, e-mail
-- or account id, so an authenticator's list of accounts reveals nothing about the member.
CREATE TABLE passkey_users (
  account_id BIGINT PRIMARY KEY REFERENCES accounts (id),
  user_handle TEXT NOT NULL UNIQUE
);

-- Registered credentials. credential_id and public_key (the COSE_Key exactly as the
-- authenticator encoded it) are base64url. sign_count: the highest counter seen; updated only
-- if unchanged since read, so one assertion cannot be used twice on two instances.
-- flagged_at: the counter went backwards (a possible clone); such a passkey no longer signs in.
CREATE TABLE passkeys (
  id INTEGER PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  credential_id TEXT NOT NULL UNIQUE,
  public_key TEXT NOT NULL,
  algorithm INTEGER NOT NULL,
  sign_count BIGINT NOT NULL DEFAULT 0,
  transports TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  flagged_at BIGINT
);
CREATE INDEX passkeys_account ON passkeys (account_id);

-- Challenges issued for a ceremony: the SHA-256 (hex) of the random challenge, bound to the
-- session (or pre-session) that asked for it (binding: hash of its CSRF secret), single use
-- (deleted when used), short lived. purpose: register | sign_in | second_factor.
CREATE TABLE passkey_challenges (
  challenge_hash TEXT PRIMARY KEY,
  binding TEXT NOT NULL,
  purpose TEXT NOT NULL CHECK (purpose IN ('register', 'sign_in', 'second_factor')),
  account_id BIGINT,
  expires_at BIGINT NOT NULL
);
CREATE INDEX passkey_challenges_expiry ON passkey_challenges (expires_at);
