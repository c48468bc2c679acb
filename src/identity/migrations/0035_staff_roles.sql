-- Fund staff with least privilege. PostgreSQL version; 0035_staff_roles.sqlite.sql does the same
-- in SQLite (keep the two in step).
--
-- accounts.role  member | employer_admin | employer_staff | staff
--   Every fund staff account has the one role `staff`; what it may do is the staff roles it
--   holds, one row each in staff_roles (docs/identity.md has the table of role and action):
-- staff_roles.role  member_services | claims_verifier | claims_approver | finance |
--                   content_editor | analyst | administrator
-- staff_roles.granted_by  the administrator's account; NULL when granted by the command line
--                         (lumbung user add) or by this migration.
--
-- The three staff roles before this migration become staff roles: an officer helped members
-- (member_services), a supervisor also imported the bank's payments (member_services and
-- finance), an administrator managed the fund's accounts (administrator).
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

ALTER TABLE accounts DROP CONSTRAINT accounts_role_check;
UPDATE accounts SET role = 'staff'
WHERE role IN ('staff_officer', 'staff_supervisor', 'staff_admin');
ALTER TABLE accounts ADD CONSTRAINT accounts_role_check
  CHECK (role IN ('member', 'employer_admin', 'employer_staff', 'staff'));
