-- The staff role subsidy_officer: programme staff who prepare, submit and approve wage-subsidy
-- payment batches (src/subsidy/batch_workflow.h; the approver is never the submitter). The
-- PostgreSQL version; 0047_subsidy_officer_role.sqlite.sql makes the table again, since SQLite
-- cannot alter a CHECK constraint (keep the two in step). The roles and what each may do are in
-- docs/identity.md.
ALTER TABLE staff_roles DROP CONSTRAINT staff_roles_role_check;
ALTER TABLE staff_roles ADD CONSTRAINT staff_roles_role_check
  CHECK (role IN ('member_services', 'claims_verifier', 'claims_approver', 'finance',
                  'subsidy_officer', 'content_editor', 'analyst', 'administrator'));
