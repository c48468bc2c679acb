-- Switches every app instance reads, such as maintenance mode.
CREATE TABLE app_settings (
  name VARCHAR(64) PRIMARY KEY,
  value VARCHAR(1024) NOT NULL,
  updated_at VARCHAR(32) NOT NULL
);
