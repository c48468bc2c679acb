-- The core's background jobs (src/core/jobs/jobs.h, runner.h): work too large for one request
-- (an announcement to a whole province, later wage-subsidy runs and imports), done by the
-- runner thread of any app instance in resumable steps.
--
-- SQLite version of 0038_jobs.sql (read its notes; keep the two in step). The only
-- difference: INTEGER PRIMARY KEY is SQLite's auto-numbered row id.
--
--   state       queued (waiting, or back after a failed step until run_after) | running (a
--               runner holds it until lease_until; an expired lease may be taken over) | done |
--               failed (max attempts reached; last_error says why)
--   cursor      where the handler got to: written with each batch's work in one transaction,
--               so a crash resumes exactly after the last committed batch
--   done/total  progress for staff pages; total NULL until the handler knows it
--   dedupe_key  a job enqueued twice with the same key exists once (NULL: never deduplicated)
CREATE TABLE jobs (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
  cursor TEXT NOT NULL DEFAULT '',
  done BIGINT NOT NULL DEFAULT 0 CHECK (done >= 0),
  total BIGINT CHECK (total IS NULL OR total >= 0),
  attempts INTEGER NOT NULL DEFAULT 0,
  claimed_by TEXT,
  lease_until BIGINT,
  heartbeat_at BIGINT,
  run_after BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  started_at BIGINT,
  finished_at BIGINT,
  last_error TEXT,
  dedupe_key TEXT UNIQUE
);
-- What a runner looks for: queued jobs that are due, and running ones whose lease ran out.
CREATE INDEX jobs_open ON jobs (state, run_after, id) WHERE state IN ('queued', 'running');
