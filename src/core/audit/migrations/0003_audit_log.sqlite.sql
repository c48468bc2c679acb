-- The security audit log in SQLite's dialect: the same tables as 0003_audit_log.sql (read its
-- notes; keep the two in step). Differences: INTEGER PRIMARY KEY is the row id (Append still
-- assigns it); triggers are SQLite's RAISE(ABORT); SQLite has no row locks: its single writer
-- serialises appends.

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY CHECK (id > 0),
  occurred_at TEXT NOT NULL,
  actor_user_id BIGINT,
  subject_user_id BIGINT,
  action TEXT NOT NULL,
  result TEXT NOT NULL CHECK (result IN ('ok', 'denied', 'error')),
  ip TEXT NOT NULL,
  user_agent TEXT NOT NULL,
  details TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  row_hash TEXT NOT NULL
);
CREATE INDEX audit_log_actor ON audit_log (actor_user_id, id);
CREATE INDEX audit_log_subject ON audit_log (subject_user_id, id);

CREATE TABLE audit_chain (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  last_id BIGINT NOT NULL,
  last_hash TEXT NOT NULL
);
INSERT INTO audit_chain (id, last_id, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Append-only (ASVS 7.3.3); triggers also disable SQLite's DELETE-everything shortcut.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'UPDATE on audit_log refused: the audit log is append-only');
END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
  SELECT RAISE(ABORT, 'DELETE on audit_log refused: the audit log is append-only');
END;
CREATE TRIGGER audit_chain_keep BEFORE DELETE ON audit_chain
BEGIN
  SELECT RAISE(ABORT, 'DELETE on audit_chain refused: the audit log is append-only');
END;
