-- The staff roles training_provider and certifier (see 0048_training_roles.sql). SQLite cannot
-- alter a CHECK constraint: staff_roles is made again with the same columns and rows. No table
-- refers to staff_roles, so the copy needs no deferred foreign keys.
CREATE TABLE staff_roles_0048 (
  account_id BIGINT NOT NULL REFERENCES accounts (id),
  role TEXT NOT NULL CHECK (role IN ('member_services', 'claims_verifier', 'claims_approver',
                                     'finance', 'subsidy_officer', 'content_editor', 'analyst',
                                     'training_provider', 'certifier', 'administrator')),
  granted_by BIGINT REFERENCES accounts (id),
  granted_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, role)
);

INSERT INTO staff_roles_0048 (account_id, role, granted_by, granted_at)
SELECT account_id, role, granted_by, granted_at FROM staff_roles;

DROP TABLE staff_roles;

ALTER TABLE staff_roles_0048 RENAME TO staff_roles;
