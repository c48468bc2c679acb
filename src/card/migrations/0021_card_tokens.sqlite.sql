-- Digital membership cards in SQLite's dialect: the same table as 0021_card_tokens.sql (read its
-- notes there; keep the two in step). INTEGER PRIMARY KEY is SQLite's auto-numbered row id.
CREATE TABLE card_tokens (
  id INTEGER PRIMARY KEY,
  member_id BIGINT NOT NULL REFERENCES members (id),
  id_hash TEXT NOT NULL UNIQUE,
  id_sealed TEXT,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT,
  CHECK ((revoked_at IS NULL) = (id_sealed IS NOT NULL))
);
CREATE UNIQUE INDEX card_tokens_current ON card_tokens (member_id) WHERE revoked_at IS NULL;
