-- Employer staff: a second employer role (read the notes of 0034_employer_staff_role.sql; keep
-- the two in step). SQLite cannot alter a CHECK constraint, so the table is made again inside
-- the migrator's transaction, keeping every row and its id:
--
--   1. defer foreign keys to the commit (PRAGMA foreign_keys cannot change inside a
--      transaction; defer_foreign_keys ends by itself at the commit);
--   2. copy the rows to a temporary table;
--   3. drop accounts: its implicit DELETE counts one deferred violation per row of sessions,
--      account_tokens, known_devices, second_factors, ... that points at an account;
--   4. create accounts again under its own name (so every REFERENCES accounts (id) of the other
--      tables points at it, unchanged) with 0010's columns and every column added since
--      (0011: two_factor_nudge_dismissed_at);
--   5. insert the rows back: each inserted parent row takes back the violations of the rows
--      pointing at it, so the commit finds none. A row that did not come back (it cannot
--      happen, but) fails the commit and the migration leaves nothing behind.
--
-- (Creating accounts_new and renaming it over the dropped table does not work: the rows go
-- into accounts_new before the drop, nothing takes the drop's violations back, and the commit
-- fails.) 0010 and later made no index or trigger on accounts besides its UNIQUE columns' own.
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE accounts_0034 AS SELECT * FROM accounts;

DROP TABLE accounts;

CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('member', 'employer_admin', 'employer_staff',
                                     'staff_officer', 'staff_supervisor', 'staff_admin')),
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
  two_factor_nudge_dismissed_at BIGINT,
  CHECK ((role = 'member') = (member_id IS NOT NULL)),
  CHECK ((role IN ('employer_admin', 'employer_staff')) = (employer_id IS NOT NULL))
);

INSERT INTO accounts (id, role, state, member_id, employer_id, nik, email, username,
                      display_name, password_hash, lang, email_verified_at, password_changed_at,
                      locked_until, must_reset, created_at, two_factor_nudge_dismissed_at)
SELECT id, role, state, member_id, employer_id, nik, email, username, display_name,
       password_hash, lang, email_verified_at, password_changed_at, locked_until, must_reset,
       created_at, two_factor_nudge_dismissed_at
FROM accounts_0034;

DROP TABLE accounts_0034;
