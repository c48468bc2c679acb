-- The inbox's category 'training': read the notes of 0055_inbox_training.sql (keep the two in
-- step). SQLite cannot change a CHECK constraint, so the inbox's two tables are made again as
-- 0040 made them, with the new category (rows put back under their ids; nothing references
-- them).
CREATE TABLE inbox_items_0055 (
  id INTEGER PRIMARY KEY,
  account_id BIGINT NOT NULL CHECK (account_id > 0),
  category TEXT NOT NULL CHECK (category IN ('contributions', 'payments', 'security', 'claims',
                                             'announcements', 'support',
                                             'training')),
  message_id TEXT NOT NULL,
  message_values TEXT NOT NULL,
  link TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  read_at BIGINT,
  dedupe_key TEXT,
  UNIQUE (account_id, dedupe_key)
);
INSERT INTO inbox_items_0055 (id, account_id, category, message_id, message_values, link,
                              created_at, read_at, dedupe_key)
  SELECT id, account_id, category, message_id, message_values, link, created_at, read_at,
         dedupe_key FROM inbox_items;
DROP TABLE inbox_items;
ALTER TABLE inbox_items_0055 RENAME TO inbox_items;
CREATE INDEX inbox_items_account ON inbox_items (account_id, created_at, id);
CREATE INDEX inbox_items_unread ON inbox_items (account_id) WHERE read_at IS NULL;

CREATE TABLE inbox_mail_preferences_0055 (
  account_id BIGINT NOT NULL CHECK (account_id > 0),
  category TEXT NOT NULL CHECK (category IN ('contributions', 'payments', 'claims',
                                             'announcements', 'support',
                                             'training')),
  mail SMALLINT NOT NULL CHECK (mail IN (0, 1)),
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, category)
);
INSERT INTO inbox_mail_preferences_0055 (account_id, category, mail, updated_at)
  SELECT account_id, category, mail, updated_at FROM inbox_mail_preferences;
DROP TABLE inbox_mail_preferences;
ALTER TABLE inbox_mail_preferences_0055 RENAME TO inbox_mail_preferences;
