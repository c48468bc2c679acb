-- The member's bank account for payouts and their beneficiaries in SQLite's dialect: the same
-- tables as 0023_profile.sql (read its notes there; keep the two in step). INTEGER PRIMARY KEY is
-- SQLite's auto-numbered row id.
CREATE TABLE profile_bank_accounts (
  member_id BIGINT PRIMARY KEY REFERENCES members (id),
  bank_code TEXT NOT NULL,
  account_sealed TEXT NOT NULL,
  account_last4 TEXT NOT NULL CHECK (length(account_last4) = 4 AND account_last4 NOT GLOB '*[^0-9]*'),
  holder_name TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE profile_beneficiaries (
  id INTEGER PRIMARY KEY,
  member_id BIGINT NOT NULL REFERENCES members (id),
  full_name TEXT NOT NULL,
  relation TEXT NOT NULL CHECK (relation IN ('spouse', 'child', 'parent', 'sibling', 'other')),
  nik TEXT NOT NULL CHECK (length(nik) = 16 AND nik NOT GLOB '*[^0-9]*'),
  share_percent INTEGER NOT NULL CHECK (share_percent BETWEEN 1 AND 100),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX profile_beneficiaries_member ON profile_beneficiaries (member_id, id);
