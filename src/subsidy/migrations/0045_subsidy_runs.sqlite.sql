-- SQLite version of 0045_subsidy_runs.sql: the same tables (read its notes; keep the two in
-- step). Differences: INTEGER PRIMARY KEY is the auto-numbered row id; the lists, limits and
-- outcomes are WITHOUT ROWID (each one B-tree in its key's order; outcomes are written in it).
-- Times are epoch seconds; money is whole rupiah; flags are SMALLINT 0/1.
--
-- subsidy_list_entries: the lists other agencies send (civil servants, aid recipients), one row
--   per NIK per list as last imported. An import replaces its list whole, in one transaction.
-- subsidy_list_imports: every accepted import, with the file's SHA-256 (which file decided).
CREATE TABLE subsidy_list_entries (
  list TEXT NOT NULL,
  nik TEXT NOT NULL,
  PRIMARY KEY (list, nik)
) WITHOUT ROWID;

CREATE TABLE subsidy_list_imports (
  id INTEGER PRIMARY KEY,
  list TEXT NOT NULL,
  entries BIGINT NOT NULL,
  file_sha256 TEXT NOT NULL,
  imported_by BIGINT,
  imported_at BIGINT NOT NULL
);
CREATE INDEX subsidy_list_imports_list ON subsidy_list_imports (list, id);

-- subsidy_runs: one eligibility run of a programme year over the whole registry. state running
--   while its job (core/jobs) works through the members; done or failed at the end. At most one
--   run per programme is running (the partial unique index: a second start is refused), and at
--   most one per programme is confirmed by staff (the candidates for payment batches).
--   previous_run_id: the run the difference report compares with (the confirmed run when the
--   run started, else the latest finished one).
CREATE TABLE subsidy_runs (
  id INTEGER PRIMARY KEY,
  program_year INTEGER NOT NULL,
  dry_run SMALLINT NOT NULL CHECK (dry_run IN (0, 1)),
  state TEXT NOT NULL CHECK (state IN ('running', 'done', 'failed')),
  job_id BIGINT,
  started_by BIGINT,
  started_at BIGINT NOT NULL,
  finished_at BIGINT,
  members_total BIGINT,
  members_done BIGINT NOT NULL DEFAULT 0,
  eligible_count BIGINT,
  previous_run_id BIGINT,
  confirmed SMALLINT NOT NULL DEFAULT 0 CHECK (confirmed IN (0, 1))
);
CREATE UNIQUE INDEX subsidy_runs_one_running ON subsidy_runs (program_year) WHERE state = 'running';
CREATE UNIQUE INDEX subsidy_runs_one_confirmed ON subsidy_runs (program_year) WHERE confirmed = 1;
CREATE INDEX subsidy_runs_program ON subsidy_runs (program_year, id);

-- subsidy_run_limits: the wage limit of each province as the run computed it when it started
--   (the programme's ceiling or the rounded regional minimum wage, subsidy/minimum_wage.h), and
--   whether the programme covers the province. Kept with the run so that a run resumed after a
--   crash decides with the figures it started with, and so that a finished run shows which
--   figures it used.
CREATE TABLE subsidy_run_limits (
  run_id BIGINT NOT NULL REFERENCES subsidy_runs (id),
  province_code INTEGER NOT NULL,
  wage_limit BIGINT NOT NULL,
  minimum_wage_unknown SMALLINT NOT NULL CHECK (minimum_wage_unknown IN (0, 1)),
  covered SMALLINT NOT NULL CHECK (covered IN (0, 1)),
  PRIMARY KEY (run_id, province_code)
) WITHOUT ROWID;

-- subsidy_outcomes: one row per member considered by a run, written set-based a range of
--   members at a time. reasons: bit i set = the i-th code of subsidy::ReasonCodes(program) of
--   the run's programme year (src/subsidy/reason_mask.h). wage and wage_limit as decided (0 when
--   the member had no active job or a wage was missing); account_problem 1 when the bank
--   account is not valid.
CREATE TABLE subsidy_outcomes (
  run_id BIGINT NOT NULL REFERENCES subsidy_runs (id),
  member_id BIGINT NOT NULL,
  eligible SMALLINT NOT NULL CHECK (eligible IN (0, 1)),
  reasons BIGINT NOT NULL,
  wage BIGINT NOT NULL,
  wage_limit BIGINT NOT NULL,
  account_problem SMALLINT NOT NULL CHECK (account_problem IN (0, 1)),
  PRIMARY KEY (run_id, member_id)
) WITHOUT ROWID;
-- The run reads each member's spells covering the cutoff day from this index alone (no visit to
-- the table's rows): an eligibility run of ten million members is dominated by these reads.
CREATE INDEX subsidy_spells_on_day ON employment_spells (member_id, start_date, end_date, employer_id);

-- No index by member: readers know the run (the programme's confirmed run) and find the
-- member's row by the primary key; a second index would slow every run's writes.
