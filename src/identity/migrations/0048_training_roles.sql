-- The staff roles training_provider (people of a training provider: its programmes, sessions,
-- participants, attendance, completion and the certificates it issues) and certifier (fund staff
-- who issue competency certificates to a member and revoke the ones they issued). The
-- PostgreSQL version; 0048_training_roles.sqlite.sql makes the table again, since SQLite cannot
-- alter a CHECK constraint (keep the two in step). The roles and what each may do are in
-- docs/identity.md.
ALTER TABLE staff_roles DROP CONSTRAINT staff_roles_role_check;
ALTER TABLE staff_roles ADD CONSTRAINT staff_roles_role_check
  CHECK (role IN ('member_services', 'claims_verifier', 'claims_approver', 'finance',
                  'subsidy_officer', 'content_editor', 'analyst', 'training_provider',
                  'certifier', 'administrator'));
