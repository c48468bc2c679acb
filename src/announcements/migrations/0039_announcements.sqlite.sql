-- Announcements in SQLite's dialect: the same schema as 0039_announcements.sql (read its notes;
-- keep the two in step). INTEGER PRIMARY KEY is SQLite's auto-numbered row id, and SQLite cannot
-- change a CHECK constraint, so the inbox's two tables are rebuilt with the new category (rows
-- put back under their ids; nothing references them).
CREATE TABLE announcements (
  id INTEGER PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN ('draft', 'submitted', 'sent_back', 'published')),
  title_id TEXT NOT NULL,
  title_en TEXT NOT NULL,
  body_id TEXT NOT NULL,
  body_en TEXT NOT NULL,
  starts_on TEXT NOT NULL CHECK (length(starts_on) = 10),
  ends_on TEXT NOT NULL CHECK (length(ends_on) = 10 AND ends_on >= starts_on),
  audience TEXT NOT NULL CHECK (audience IN ('everyone', 'province', 'employer')),
  province_code INTEGER CHECK (province_code BETWEEN 11 AND 99),
  employer_id BIGINT REFERENCES employers (id),
  send_mail SMALLINT NOT NULL CHECK (send_mail IN (0, 1)),
  author_account_id BIGINT NOT NULL,
  reviewer_account_id BIGINT,
  sent_back_reason TEXT,
  job_id BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  submitted_at BIGINT,
  published_at BIGINT,
  CHECK ((audience = 'province') = (province_code IS NOT NULL)),
  CHECK ((audience = 'employer') = (employer_id IS NOT NULL)),
  CHECK (reviewer_account_id IS NULL OR reviewer_account_id <> author_account_id)
);
CREATE INDEX announcements_shown ON announcements (state, ends_on);

CREATE TABLE announcement_deliveries (
  announcement_id BIGINT NOT NULL REFERENCES announcements (id),
  account_id BIGINT NOT NULL,
  mailed SMALLINT NOT NULL CHECK (mailed IN (0, 1)),
  delivered_at BIGINT NOT NULL,
  PRIMARY KEY (announcement_id, account_id)
);

CREATE TABLE announcement_dismissals (
  announcement_id BIGINT NOT NULL REFERENCES announcements (id),
  account_id BIGINT NOT NULL,
  dismissed_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, announcement_id)
);

CREATE TABLE inbox_items_0039 (
  id INTEGER PRIMARY KEY,
  account_id BIGINT NOT NULL CHECK (account_id > 0),
  category TEXT NOT NULL CHECK (category IN ('contributions', 'payments', 'security', 'claims',
                                             'announcements')),
  message_id TEXT NOT NULL,
  message_values TEXT NOT NULL,
  link TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  read_at BIGINT,
  dedupe_key TEXT,
  UNIQUE (account_id, dedupe_key)
);
INSERT INTO inbox_items_0039 (id, account_id, category, message_id, message_values, link,
                              created_at, read_at, dedupe_key)
  SELECT id, account_id, category, message_id, message_values, link, created_at, read_at,
         dedupe_key FROM inbox_items;
DROP TABLE inbox_items;
ALTER TABLE inbox_items_0039 RENAME TO inbox_items;
CREATE INDEX inbox_items_account ON inbox_items (account_id, created_at, id);
CREATE INDEX inbox_items_unread ON inbox_items (account_id) WHERE read_at IS NULL;

CREATE TABLE inbox_mail_preferences_0039 (
  account_id BIGINT NOT NULL CHECK (account_id > 0),
  category TEXT NOT NULL CHECK (category IN ('contributions', 'payments', 'claims',
                                             'announcements')),
  mail SMALLINT NOT NULL CHECK (mail IN (0, 1)),
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, category)
);
INSERT INTO inbox_mail_preferences_0039 (account_id, category, mail, updated_at)
  SELECT account_id, category, mail, updated_at FROM inbox_mail_preferences;
DROP TABLE inbox_mail_preferences;
ALTER TABLE inbox_mail_preferences_0039 RENAME TO inbox_mail_preferences;
