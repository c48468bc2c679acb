-- The inbox's category 'training' (core/inbox/inbox.h): training applications, places offered
-- from a waiting list, sessions and certificates (src/training, src/certificates), which members
-- may choose to get by mail like the other news. PostgreSQL version;
-- 0055_inbox_training.sqlite.sql does the same in SQLite.
ALTER TABLE inbox_items DROP CONSTRAINT inbox_items_category_check;
ALTER TABLE inbox_items ADD CONSTRAINT inbox_items_category_check
  CHECK (category IN ('contributions', 'payments', 'security', 'claims', 'announcements',
                      'support', 'training'));
ALTER TABLE inbox_mail_preferences DROP CONSTRAINT inbox_mail_preferences_category_check;
ALTER TABLE inbox_mail_preferences ADD CONSTRAINT inbox_mail_preferences_category_check
  CHECK (category IN ('contributions', 'payments', 'claims', 'announcements', 'support',
                      'training'));
