-- The security audit log: append-only, hash-chained (src/core/audit/audit_log.h, chain.h).
--
-- This generic file is the PostgreSQL version; 0003_audit_log.sqlite.sql is the same schema in
-- SQLite's dialect (keep them in step). Timestamps are UTC ISO-8601 text with milliseconds,
-- written by the application ("2024-05-01T03:04:05.678Z"), so that the hashed text is exactly
-- what is stored. User ids have no foreign key: the history must outlive the accounts it
-- mentions.

-- id is assigned by audit::Append (chain head + 1): no gaps, so a missing row shows.
CREATE TABLE audit_log (
  id BIGINT PRIMARY KEY CHECK (id > 0),
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
-- "Recent activity on your account": a user's rows as actor or as subject, newest first.
CREATE INDEX audit_log_actor ON audit_log (actor_user_id, id);
CREATE INDEX audit_log_subject ON audit_log (subject_user_id, id);

-- The end of the chain, one row. Appends lock it (SELECT ... FOR UPDATE), which keeps the
-- chain linear across processes; it also shows rows deleted from the end.
CREATE TABLE audit_chain (
  id SMALLINT PRIMARY KEY CHECK (id = 1),
  last_id BIGINT NOT NULL,
  last_hash TEXT NOT NULL
);
INSERT INTO audit_chain (id, last_id, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Append-only (ASVS 7.3.3): application code cannot change or remove history by mistake.
-- Whoever disables this (the table owner can) is caught by the hash chain instead.
CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% on % refused: the audit log is append-only', TG_OP, TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_chain_keep BEFORE DELETE ON audit_chain
  FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON audit_chain
  FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
