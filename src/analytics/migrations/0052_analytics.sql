-- Aggregates for policy analytics (src/analytics): counts the analyst's pages read instead of
-- scanning the registry per request. The job "analytics.refresh" (refresh.h) rewrites only the
-- parts whose sources changed since it last looked (analytics_marks), one part per step.
-- Nothing here names a person: every row is a count or a sum over a group. Small groups are
-- kept here as they are and hidden when shown (suppression.h), so that the rule can change
-- without a rebuild. The same statements serve PostgreSQL and SQLite.
--
-- analytics_marks: how far the job has read each source (the largest id or time seen), the
--   fund day of the last daily refresh, and when each section was last refreshed.
CREATE TABLE analytics_marks (
  name TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);

-- Active members as of the fund day of the refresh (a snapshot, rewritten province by
-- province): by the member's province, the sector of the employer of their current job (''
-- when none) and age band (bands.h AgeBands).
CREATE TABLE analytics_members (
  province_code INTEGER NOT NULL,
  sector TEXT NOT NULL,
  age_band INTEGER NOT NULL,
  members BIGINT NOT NULL,
  PRIMARY KEY (province_code, sector, age_band)
);

-- Each month's wages as a histogram in fixed bands (bands.h WageBands): a member's wages of the
-- month summed over their employers, counted once in the band of the sum. The median is read
-- from the bands; the mean from wage_sum.
CREATE TABLE analytics_wages (
  period INTEGER NOT NULL,
  province_code INTEGER NOT NULL,
  band INTEGER NOT NULL,
  workers BIGINT NOT NULL,
  wage_sum BIGINT NOT NULL,
  PRIMARY KEY (period, province_code, band)
);

-- Each month's contributions billed (jkp is credited, not billed) and the part paid, with the
-- number of members they were for.
CREATE TABLE analytics_contributions (
  period INTEGER NOT NULL,
  province_code INTEGER NOT NULL,
  contributors BIGINT NOT NULL,
  billed BIGINT NOT NULL,
  paid BIGINT NOT NULL,
  PRIMARY KEY (period, province_code)
);

-- Employers with a bill past its due date and not fully paid, as of the fund day of the
-- refresh: by the employer's province and how long its oldest such bill is overdue
-- (bands.h OverdueBands); outstanding is what all its overdue bills still lack.
CREATE TABLE analytics_arrears (
  province_code INTEGER NOT NULL,
  overdue_band INTEGER NOT NULL,
  employers BIGINT NOT NULL,
  outstanding BIGINT NOT NULL,
  PRIMARY KEY (province_code, overdue_band)
);

-- Claims submitted in a fund year: by the insured member's province, claim type, outcome
-- (pending, approved, rejected, withdrawn) and, once decided, the processing time's band
-- (bands.h ProcessingBands; -1 while undecided). claims counts claims, people the different
-- members among them.
CREATE TABLE analytics_claims (
  year INTEGER NOT NULL,
  province_code INTEGER NOT NULL,
  claim_type TEXT NOT NULL,
  outcome TEXT NOT NULL,
  days_band INTEGER NOT NULL,
  claims BIGINT NOT NULL,
  people BIGINT NOT NULL,
  PRIMARY KEY (year, province_code, claim_type, outcome, days_band)
);

-- Wage-subsidy payments of a programme year: by the member's province, the payment's result
-- (paid, failed, rerouted_post_office, returned_to_employer, pending) and the bank's reason
-- for a failure ('unsent' for a failed payment never sent, '' for none).
CREATE TABLE analytics_subsidy (
  program_year INTEGER NOT NULL,
  province_code INTEGER NOT NULL,
  result TEXT NOT NULL,
  reason TEXT NOT NULL,
  payments BIGINT NOT NULL,
  people BIGINT NOT NULL,
  amount BIGINT NOT NULL,
  PRIMARY KEY (program_year, province_code, result, reason)
);

-- Training applications made in a fund year and those completed: by the programme's field and
-- the applicant member's province.
CREATE TABLE analytics_training (
  year INTEGER NOT NULL,
  province_code INTEGER NOT NULL,
  field TEXT NOT NULL,
  applications BIGINT NOT NULL,
  applicants BIGINT NOT NULL,
  completions BIGINT NOT NULL,
  completers BIGINT NOT NULL,
  PRIMARY KEY (year, province_code, field)
);
