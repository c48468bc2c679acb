-- The mail outbox in SQLite's dialect: the same table as 0004_mail_outbox.sql (read its notes;
-- keep the two in step). The only difference: INTEGER PRIMARY KEY is SQLite's auto-numbered
-- row id. Times are declared BIGINT so that SOCI describes them as long long on both databases.

CREATE TABLE mail_outbox (
  id INTEGER PRIMARY KEY,
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  text_body TEXT NOT NULL,
  html_body TEXT NOT NULL,
  category TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
  next_attempt_at BIGINT NOT NULL,
  lease_until BIGINT,
  last_error TEXT,
  message_id TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  sent_at BIGINT,
  CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
  CHECK ((status = 'sending') = (lease_until IS NOT NULL))
);

CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
CREATE INDEX mail_outbox_created ON mail_outbox (created_at);
