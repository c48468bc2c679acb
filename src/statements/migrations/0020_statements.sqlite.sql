-- Members' yearly statements in SQLite's dialect: the same table as 0020_statements.sql (read
-- its notes there; keep the two in step). INTEGER PRIMARY KEY is SQLite's auto-numbered row id.
CREATE TABLE statements (
  id INTEGER PRIMARY KEY,
  member_id BIGINT NOT NULL REFERENCES members (id),
  year INTEGER NOT NULL,
  lang TEXT NOT NULL CHECK (lang IN ('id', 'en')),
  code_hash TEXT NOT NULL UNIQUE,
  source_hash TEXT NOT NULL,
  generated_at BIGINT NOT NULL,
  superseded_at BIGINT,
  pdf TEXT,
  CHECK ((superseded_at IS NULL) = (pdf IS NOT NULL))
);
CREATE UNIQUE INDEX statements_current ON statements (member_id, year, lang)
  WHERE superseded_at IS NULL;
