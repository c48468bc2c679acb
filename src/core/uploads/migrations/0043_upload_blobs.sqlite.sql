-- Uploaded files kept in the database in SQLite's dialect: the same table as
-- 0043_upload_blobs.sql (read its notes there; keep the two in step). The bytes are a BLOB,
-- never text: the check refuses anything else.
CREATE TABLE upload_blobs (
  id TEXT PRIMARY KEY CHECK (length(id) = 32),
  bytes BLOB NOT NULL CHECK (typeof(bytes) = 'blob'),
  size_bytes BIGINT NOT NULL CHECK (size_bytes = length(bytes)),
  created_at BIGINT NOT NULL
);
