-- Employer staff: a second employer role. An employer's administrator (employer_admin) invites
-- staff (employer_staff) at /employer/users; both act for their employer, only the administrator
-- manages its accounts. PostgreSQL version; 0034_employer_staff_role.sqlite.sql does the same in
-- SQLite (keep them in step).
--
-- accounts.role    member | employer_admin | employer_staff | staff_officer | staff_supervisor |
--                  staff_admin
-- accounts.employer_id  set exactly for the two employer roles.
--
-- PostgreSQL names an inline column check <table>_<column>_check: 0010's role check is
-- accounts_role_check. Adding the employer check validates every existing row (an employer
-- account without an employer, or another account with one, stops the migration).
ALTER TABLE accounts DROP CONSTRAINT accounts_role_check;
ALTER TABLE accounts ADD CONSTRAINT accounts_role_check
  CHECK (role IN ('member', 'employer_admin', 'employer_staff', 'staff_officer',
                  'staff_supervisor', 'staff_admin'));
ALTER TABLE accounts ADD CONSTRAINT accounts_employer_check
  CHECK ((role IN ('employer_admin', 'employer_staff')) = (employer_id IS NOT NULL));
