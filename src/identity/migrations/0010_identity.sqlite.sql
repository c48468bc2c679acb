-- The identity schema in SQLite's dialect: the same tables as 0010_identity.sql (read its notes
-- there; keep the two in step). INTEGER PRIMARY KEY is SQLite's auto-numbered row id.
--
-- accounts
--   role            member | employer_admin | staff_officer | staff_supervisor | staff_admin
--   state           pending (e-mail not verified or invitation not accepted) | active |
--                   locked (too many failures from unknown devices, until locked_until) |
--                   disabled (by staff)
--   email, username lower-cased; username optional. nik: members only (copied from the
--                   registry at sign-up so sign-in by NIK needs no join).
--   must_reset      set by "this wasn't me": no sign-in until the password is reset.
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('member', 'employer_admin', 'staff_officer',
                                     'staff_supervisor', 'staff_admin')),
  state TEXT NOT NULL CHECK (state IN ('pending', 'active', 'locked', 'disabled')),
  member_id BIGINT UNIQUE REFERENCES members (id),
  employer_id BIGINT REFERENCES employers (id),
  nik TEXT UNIQUE,
  email TEXT NOT NULL UNIQUE,
  username TEXT UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT,
  lang TEXT NOT NULL DEFAULT 'id',
  email_verified_at BIGINT,
  password_changed_at BIGINT,
  locked_until BIGINT,
  must_reset INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  CHECK ((role = 'member') = (member_id IS NOT NULL))
);

-- Server-side sessions (ASVS 3.2/3.3). id_hash: SHA-256 of the cookie value. handle: a second
-- random value naming the session on /account/sessions (the id itself never leaves the cookie).
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  handle TEXT NOT NULL UNIQUE,
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  csrf_secret TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  ip TEXT NOT NULL,
  user_agent TEXT NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

-- Single-use links: verify_email, reset_password, unlock, invitation, change_email, report.
-- detail: what the link is about (the new address for change_email), never a secret.
CREATE TABLE account_tokens (
  token_hash TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  purpose TEXT NOT NULL,
  detail TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);
CREATE INDEX account_tokens_account ON account_tokens (account_id, purpose);

-- Browsers that signed in successfully before (OWASP "device cookies"): each keeps its own
-- failure counter, so failures from elsewhere never lock the member out of their own device.
CREATE TABLE known_devices (
  id_hash TEXT PRIMARY KEY,
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  created_at BIGINT NOT NULL,
  last_used_at BIGINT NOT NULL,
  failures INTEGER NOT NULL DEFAULT 0,
  blocked_until BIGINT
);
CREATE INDEX known_devices_account ON known_devices (account_id);

-- Fixed-window counters and back-off state for anything rate-limited, by key:
-- "login:a:<account id>", "login:i:<hash of an unknown identifier>", "ip:login:<address>", ...
CREATE TABLE throttle (
  bucket TEXT PRIMARY KEY,
  failures INTEGER NOT NULL DEFAULT 0,
  blocked_until BIGINT NOT NULL DEFAULT 0,
  window_start BIGINT NOT NULL,
  window_count INTEGER NOT NULL DEFAULT 0
);
