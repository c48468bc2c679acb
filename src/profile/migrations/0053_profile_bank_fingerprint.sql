-- The payout account's keyed fingerprint (src/profile/bank.h AccountFingerprint): HMAC-SHA-256 of
-- the normalised bank code and account number under a key derived from security.secret_key, as
-- 64 hex digits. Equal accounts of different members have equal fingerprints, so the wage
-- subsidy's eligibility run and its batches can count the NIKs that share one account (more than
-- the programme allows: bank_account_shared, the payment held) without the number being
-- readable anywhere new. NULL for an account saved before fingerprints were kept, until the
-- member saves it again. The same statements in PostgreSQL and SQLite, so one file serves both.
ALTER TABLE profile_bank_accounts ADD COLUMN account_fingerprint TEXT NULL
  CHECK (account_fingerprint IS NULL OR length(account_fingerprint) = 64);
CREATE INDEX profile_bank_accounts_fingerprint ON profile_bank_accounts (account_fingerprint);
