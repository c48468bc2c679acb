-- The inbox's category 'support' (core/inbox/inbox.h): a reply from the fund in one of the
-- member's conversations (src/support), which members may choose to get by mail like the other
-- news. PostgreSQL version; 0040_inbox_support.sqlite.sql does the same in SQLite.
ALTER TABLE inbox_items DROP CONSTRAINT inbox_items_category_check;
ALTER TABLE inbox_items ADD CONSTRAINT inbox_items_category_check
  CHECK (category IN ('contributions', 'payments', 'security', 'claims', 'announcements',
                      'support'));
ALTER TABLE inbox_mail_preferences DROP CONSTRAINT inbox_mail_preferences_category_check;
ALTER TABLE inbox_mail_preferences ADD CONSTRAINT inbox_mail_preferences_category_check
  CHECK (category IN ('contributions', 'payments', 'claims', 'announcements', 'support'));
