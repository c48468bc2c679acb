-- Fund staff with least privilege: read the notes of 0035_staff_roles.sql (keep the two in
-- step). SQLite cannot alter a CHECK constraint, so accounts is made again the way
-- 0034_employer_staff_role.sqlite.sql explains (foreign keys deferred to the commit, rows copied
-- out and back under the same ids), its staff rows taking the one role `staff`.
PRAGMA defer_foreign_keys = ON;

CREATE TABLE staff_roles (
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  role TEXT NOT NULL CHECK (role IN ('member_services', 'claims_verifier', 'claims_approver',
                                     'finance', 'content_editor', 'analyst', 'administrator')),
  granted_by BIGINT REFERENCES accounts (id),
  granted_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, role)
);

INSERT INTO staff_roles (account_id, role, granted_at)
SELECT id, 'member_services', created_at FROM accounts
WHERE role IN ('staff_officer', 'staff_supervisor');
INSERT INTO staff_roles (account_id, role, granted_at)
SELECT id, 'finance', created_at FROM accounts WHERE role = 'staff_supervisor';
INSERT INTO staff_roles (account_id, role, granted_at)
SELECT id, 'administrator', created_at FROM accounts WHERE role = 'staff_admin';

CREATE TEMP TABLE accounts_0035 AS SELECT * FROM accounts;

DROP TABLE accounts;

CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  role TEXT NOT NULL CHECK (role IN ('member', 'employer_admin', 'employer_staff', 'staff')),
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
SELECT id,
       CASE WHEN role IN ('staff_officer', 'staff_supervisor', 'staff_admin') THEN 'staff'
            ELSE role END,
       state, member_id, employer_id, nik, email, username, display_name,
       password_hash, lang, email_verified_at, password_changed_at, locked_until, must_reset,
       created_at, two_factor_nudge_dismissed_at
FROM accounts_0035;

DROP TABLE accounts_0035;
