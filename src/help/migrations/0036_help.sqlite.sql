-- The help centre in SQLite's dialect: the same tables as 0036_help.sql (read its notes there;
-- keep the two in step). INTEGER PRIMARY KEY is SQLite's auto-numbered row id.
--
-- Search: help_search is an external-content FTS5 table over help_article_texts (title,
-- summary, plain), kept in step by the triggers below. The unicode61 tokenizer with
-- remove_diacritics 2 folds case and accents ("cafe" finds "café"); prefix indexes of 2 and 3
-- characters make the prefix queries the search sends ("klai"*) cheap.
CREATE TABLE help_topics (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  position INTEGER NOT NULL DEFAULT 0,
  name_id TEXT NOT NULL,
  name_en TEXT NOT NULL
);

CREATE TABLE help_articles (
  id INTEGER PRIMARY KEY,
  topic_id BIGINT NOT NULL REFERENCES help_topics (id),
  slug TEXT NOT NULL UNIQUE,
  status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
  position INTEGER NOT NULL DEFAULT 0,
  helpful_yes BIGINT NOT NULL DEFAULT 0,
  helpful_no BIGINT NOT NULL DEFAULT 0,
  updated_at BIGINT NOT NULL,
  updated_by BIGINT
);
CREATE INDEX help_articles_topic ON help_articles (topic_id, position);

CREATE TABLE help_article_texts (
  id INTEGER PRIMARY KEY,
  article_id BIGINT NOT NULL REFERENCES help_articles (id) ON DELETE CASCADE,
  lang TEXT NOT NULL CHECK (lang IN ('id', 'en')),
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  body TEXT NOT NULL,
  plain TEXT NOT NULL,
  UNIQUE (article_id, lang)
);

CREATE VIRTUAL TABLE help_search USING fts5(
  title, summary, plain,
  content = 'help_article_texts', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');

CREATE TRIGGER help_article_texts_ai AFTER INSERT ON help_article_texts BEGIN
  INSERT INTO help_search (rowid, title, summary, plain)
  VALUES (new.id, new.title, new.summary, new.plain);
END;
CREATE TRIGGER help_article_texts_ad AFTER DELETE ON help_article_texts BEGIN
  INSERT INTO help_search (help_search, rowid, title, summary, plain)
  VALUES ('delete', old.id, old.title, old.summary, old.plain);
END;
CREATE TRIGGER help_article_texts_au AFTER UPDATE ON help_article_texts BEGIN
  INSERT INTO help_search (help_search, rowid, title, summary, plain)
  VALUES ('delete', old.id, old.title, old.summary, old.plain);
  INSERT INTO help_search (rowid, title, summary, plain)
  VALUES (new.id, new.title, new.summary, new.plain);
END;

CREATE TABLE help_votes (
  article_id BIGINT NOT NULL REFERENCES help_articles (id) ON DELETE CASCADE,
  voter TEXT NOT NULL,
  helpful BOOLEAN NOT NULL,
  voted_at BIGINT NOT NULL,
  PRIMARY KEY (article_id, voter)
) WITHOUT ROWID;
