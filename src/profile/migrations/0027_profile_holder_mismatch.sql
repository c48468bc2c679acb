-- A payout account in another person's name (src/profile/holder_name.h): the member confirmed
-- that the holder's name is not their registry name, so every payout to the account waits for
-- staff (src/profile/payout_account.h). 1: confirmed as another person's account; 0: the name
-- matched when it was saved (accounts saved before this column existed are compared again when
-- read). The same statement in PostgreSQL and SQLite, so one file serves both.
ALTER TABLE profile_bank_accounts
  ADD COLUMN holder_mismatch INTEGER NOT NULL DEFAULT 0 CHECK (holder_mismatch IN (0, 1));
