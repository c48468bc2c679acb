-- Uploaded files kept in the database (core/uploads/blob_store.h, uploads.store = database), so
-- every instance behind the load balancer reads the same files and a backup of the database is
-- a backup of the documents. This generic file is the PostgreSQL version;
-- 0043_upload_blobs.sqlite.sql is the same table in SQLite's dialect (keep them in step).
--
--   id          32 characters of base64url from 192 random bits: says nothing about the owner
--               or the file; the feature that keeps the id checks who may read it.
--   bytes       the file as stored (images already re-encoded without metadata).
--   size_bytes  its length, for listings without reading the bytes.
--   created_at  Unix seconds when it was saved.
CREATE TABLE upload_blobs (
  id TEXT PRIMARY KEY CHECK (length(id) = 32),
  bytes BYTEA NOT NULL,
  size_bytes BIGINT NOT NULL CHECK (size_bytes = octet_length(bytes)),
  created_at BIGINT NOT NULL
);
