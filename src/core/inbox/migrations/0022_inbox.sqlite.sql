-- The in-app inbox in SQLite's dialect: the same tables as 0022_inbox.sql (read its notes; keep
-- the two in step). The only difference: INTEGER PRIMARY KEY is SQLite's auto-numbered row id.

CREATE TABLE inbox_items (
  id INTEGER PRIMARY KEY,
  account_id BIGINT NOT NULL CHECK (account_id > 0),
  category TEXT NOT NULL CHECK (category IN ('contributions', 'payments', 'security', 'claims')),
  message_id TEXT NOT NULL,
  message_values TEXT NOT NULL,
  link TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  read_at BIGINT,
  dedupe_key TEXT,
  UNIQUE (account_id, dedupe_key)
);
CREATE INDEX inbox_items_account ON inbox_items (account_id, created_at, id);
CREATE INDEX inbox_items_unread ON inbox_items (account_id) WHERE read_at IS NULL;

CREATE TABLE inbox_mail_preferences (
  account_id BIGINT NOT NULL CHECK (account_id > 0),
  category TEXT NOT NULL CHECK (category IN ('contributions', 'payments', 'claims')),
  mail SMALLINT NOT NULL CHECK (mail IN (0, 1)),
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, category)
);

CREATE TABLE inbox_marks (
  account_id BIGINT NOT NULL CHECK (account_id > 0),
  source TEXT NOT NULL,
  state TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, source)
);
