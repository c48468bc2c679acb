-- Training programmes in SQLite's dialect: the same tables as 0049_training.sql (read its
-- notes; keep the two in step). The only difference: INTEGER PRIMARY KEY is SQLite's
-- auto-numbered row id.
CREATE TABLE training_providers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);

-- A staff account with the training_provider role acts for exactly one provider: every
-- provider page reads its provider from here, never from the request.
CREATE TABLE training_provider_staff (
  account_id BIGINT PRIMARY KEY CHECK (account_id > 0),
  provider_id BIGINT NOT NULL REFERENCES training_providers (id)
);

CREATE TABLE training_programmes (
  id INTEGER PRIMARY KEY,
  provider_id BIGINT NOT NULL REFERENCES training_providers (id),
  title TEXT NOT NULL,
  field TEXT NOT NULL CHECK (field IN ('digital', 'manufacturing', 'hospitality', 'agriculture',
                                       'construction', 'care', 'business', 'language', 'other')),
  mode TEXT NOT NULL CHECK (mode IN ('online', 'in_person')),
  -- Where an in-person programme takes place; NULL and '' online.
  province_code INTEGER CHECK (province_code BETWEEN 11 AND 99),
  city TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  duration_hours INTEGER NOT NULL CHECK (duration_hours BETWEEN 1 AND 2000),
  -- The age on the session's first day; 0: no limit that way.
  min_age INTEGER NOT NULL DEFAULT 0 CHECK (min_age >= 0),
  max_age INTEGER NOT NULL DEFAULT 0 CHECK (max_age >= 0),
  needs_active_membership SMALLINT NOT NULL DEFAULT 0 CHECK (needs_active_membership IN (0, 1)),
  -- Members receiving the job-loss benefit (JKP) go ahead of others on the waiting list.
  jkp_first SMALLINT NOT NULL DEFAULT 0 CHECK (jkp_first IN (0, 1)),
  -- '' none, else one of eligibility.h's levels (sd, smp, sma, d3, s1, s2).
  min_education TEXT NOT NULL DEFAULT '',
  cost_rupiah BIGINT NOT NULL DEFAULT 0 CHECK (cost_rupiah >= 0),
  published SMALLINT NOT NULL DEFAULT 1 CHECK (published IN (0, 1)),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CHECK ((mode = 'in_person') = (province_code IS NOT NULL))
);
CREATE INDEX training_programmes_provider ON training_programmes (provider_id);
CREATE INDEX training_programmes_field ON training_programmes (field, province_code);

CREATE TABLE training_sessions (
  id INTEGER PRIMARY KEY,
  programme_id BIGINT NOT NULL REFERENCES training_programmes (id),
  starts_on TEXT NOT NULL CHECK (length(starts_on) = 10),
  ends_on TEXT NOT NULL CHECK (length(ends_on) = 10),
  -- When it meets, in the provider's words ("Senin-Jumat 09.00-15.00").
  schedule TEXT NOT NULL DEFAULT '',
  quota INTEGER NOT NULL CHECK (quota BETWEEN 1 AND 10000),
  -- Places held: applications applied, accepted, offered, started, completed or not completed.
  -- Taken by compare-and-set (taken < quota), so two members never get the last place.
  taken INTEGER NOT NULL DEFAULT 0 CHECK (taken >= 0),
  created_at BIGINT NOT NULL,
  CHECK (ends_on >= starts_on)
);
CREATE INDEX training_sessions_programme ON training_sessions (programme_id, starts_on);
CREATE INDEX training_sessions_starts ON training_sessions (starts_on);

CREATE TABLE training_applications (
  id INTEGER PRIMARY KEY,
  session_id BIGINT NOT NULL REFERENCES training_sessions (id),
  member_id BIGINT NOT NULL CHECK (member_id > 0),
  -- The member's account that applied: where notices go.
  account_id BIGINT NOT NULL CHECK (account_id > 0),
  status TEXT NOT NULL CHECK (status IN ('applied', 'accepted', 'waiting', 'offered', 'started',
                                         'completed', 'not_completed', 'cancelled', 'declined')),
  -- Ahead of others on the waiting list (a JKP recipient where the programme says so).
  priority SMALLINT NOT NULL DEFAULT 0 CHECK (priority IN (0, 1)),
  -- The education the member stated when applying ('' when not asked).
  education TEXT NOT NULL DEFAULT '',
  applied_at BIGINT NOT NULL,
  -- Order on the waiting list (priority first, then this): when the member joined it.
  waiting_since BIGINT,
  offered_at BIGINT,
  updated_at BIGINT NOT NULL,
  -- The certificate issued on completion (src/certificates), when there is one.
  certificate_id BIGINT
);
-- One open application per member and session.
CREATE UNIQUE INDEX training_applications_open ON training_applications (session_id, member_id)
  WHERE status NOT IN ('cancelled', 'declined');
CREATE INDEX training_applications_member ON training_applications (member_id, status);
CREATE INDEX training_applications_session ON training_applications (session_id, status);
CREATE INDEX training_applications_applied ON training_applications (applied_at);
