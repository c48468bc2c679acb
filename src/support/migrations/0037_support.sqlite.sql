-- Support conversations in SQLite's dialect: the same tables as 0037_support.sql (read its
-- notes; keep the two in step). The only difference: INTEGER PRIMARY KEY is SQLite's
-- auto-numbered row id.
CREATE TABLE support_conversations (
  id INTEGER PRIMARY KEY,
  -- The member's or employer user's account that opened it: the only one who may read it
  -- besides staff with member_services.
  account_id BIGINT NOT NULL CHECK (account_id > 0),
  -- Who that was when they wrote, for the staff's queue (names change; this is what they saw).
  owner_name TEXT NOT NULL,
  owner_role TEXT NOT NULL CHECK (owner_role IN ('member', 'employer_admin', 'employer_staff')),
  topic TEXT NOT NULL
    CHECK (topic IN ('account', 'contributions', 'savings', 'claims', 'employer', 'other')),
  subject TEXT NOT NULL,
  state TEXT NOT NULL
    CHECK (state IN ('new', 'waiting_for_member', 'waiting_for_staff', 'closed')),
  -- The staff account handling it; NULL: nobody yet.
  assigned_to BIGINT,
  assigned_name TEXT,
  created_at BIGINT NOT NULL,
  last_activity_at BIGINT NOT NULL,
  -- When the fund's service-level clock started: the member's message it has to answer.
  waiting_since BIGINT NOT NULL,
  closed_at BIGINT
);
-- The member's list, newest activity first.
CREATE INDEX support_conversations_account ON support_conversations (account_id, last_activity_at);
-- The staff's queue by state, oldest wait first.
CREATE INDEX support_conversations_queue ON support_conversations (state, waiting_since);

CREATE TABLE support_messages (
  id INTEGER PRIMARY KEY,
  conversation_id BIGINT NOT NULL REFERENCES support_conversations (id),
  author_account_id BIGINT NOT NULL CHECK (author_account_id > 0),
  author_name TEXT NOT NULL,
  from_staff SMALLINT NOT NULL CHECK (from_staff IN (0, 1)),
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX support_messages_conversation ON support_messages (conversation_id, id);

CREATE TABLE support_attachments (
  id INTEGER PRIMARY KEY,
  conversation_id BIGINT NOT NULL REFERENCES support_conversations (id),
  message_id BIGINT NOT NULL REFERENCES support_messages (id),
  -- The random name in the upload store; never shown.
  file_id TEXT NOT NULL UNIQUE,
  -- The safe name shown and downloaded under (core/uploads/display_name.h).
  display_name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('pdf', 'jpeg', 'png')),
  size_bytes BIGINT NOT NULL CHECK (size_bytes > 0),
  created_at BIGINT NOT NULL
);
CREATE INDEX support_attachments_conversation ON support_attachments (conversation_id, id);
