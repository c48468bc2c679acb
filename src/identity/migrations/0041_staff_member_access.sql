-- Fund staff opening a member's record (src/identity/staff_member_routes.cc). The same in
-- PostgreSQL and SQLite.
--
-- A staff member who gives a reason for opening a member's record (audited staff.member_viewed)
-- may see it and act on it from that one session for a limited time (member_lookup.h,
-- kRecordGrantSeconds); later views within the time are not audited again, every action is.
-- The grant lives here, on the server, never in the browser: keyed by the session's id hash
-- (sessions.id_hash; a new sign-in is a new session and needs a new reason) and the member.
-- session_key  the staff session's id hash (no foreign key: ended sessions are deleted, and
--              their grants then match no request)
-- reason       the reason as the staff member wrote it (also in the audit row, cut to its limit)
CREATE TABLE staff_member_access (
  session_key TEXT NOT NULL,
  member_id BIGINT NOT NULL REFERENCES members (id),
  staff_account_id BIGINT NOT NULL REFERENCES accounts (id),
  reason TEXT NOT NULL,
  granted_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (session_key, member_id)
);
CREATE INDEX staff_member_access_expiry ON staff_member_access (expires_at);
