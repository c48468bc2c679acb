-- SQLite's version of 0054_employer_pages.sql (keep them in step; the reasons are there).
ALTER TABLE employer_payments ADD COLUMN worker_count BIGINT;
ALTER TABLE employer_payments ADD COLUMN total_wage BIGINT;
ALTER TABLE employer_payments ADD COLUMN total_jht_worker BIGINT;
ALTER TABLE employer_payments ADD COLUMN total_jht_employer BIGINT;
ALTER TABLE employer_payments ADD COLUMN total_jkk BIGINT;
ALTER TABLE employer_payments ADD COLUMN total_jkm BIGINT;
ALTER TABLE employer_payments ADD COLUMN total_jp_worker BIGINT;
ALTER TABLE employer_payments ADD COLUMN total_jp_employer BIGINT;
ALTER TABLE employer_payments ADD COLUMN total_jkp BIGINT;

UPDATE employer_payments SET
  worker_count = t.workers, total_wage = t.wage, total_jht_worker = t.jht_worker,
  total_jht_employer = t.jht_employer, total_jkk = t.jkk, total_jkm = t.jkm,
  total_jp_worker = t.jp_worker, total_jp_employer = t.jp_employer, total_jkp = t.jkp
FROM (SELECT c.employer_id, c.period, COUNT(*) AS workers, SUM(COALESCE(w.wage, 0)) AS wage,
             SUM(c.jht_worker) AS jht_worker, SUM(c.jht_employer) AS jht_employer,
             SUM(c.jkk) AS jkk, SUM(c.jkm) AS jkm, SUM(c.jp_worker) AS jp_worker,
             SUM(c.jp_employer) AS jp_employer, SUM(c.jkp) AS jkp
      FROM contributions c LEFT JOIN wage_reports w ON w.member_id = c.member_id AND
        w.period = c.period AND w.employer_id = c.employer_id
      GROUP BY c.employer_id, c.period) AS t
WHERE t.employer_id = employer_payments.employer_id AND t.period = employer_payments.period AND
  EXISTS (SELECT 1 FROM employer_bill_lines l WHERE l.bill_id = employer_payments.id);

CREATE TABLE employer_worker_names (
  employer_id BIGINT NOT NULL REFERENCES employers (id),
  member_id BIGINT NOT NULL REFERENCES members (id),
  full_name TEXT NOT NULL,
  PRIMARY KEY (employer_id, member_id)
) WITHOUT ROWID;
CREATE INDEX employer_worker_names_by_name ON employer_worker_names (employer_id, full_name, member_id);
CREATE INDEX employer_worker_names_member ON employer_worker_names (member_id);

INSERT INTO employer_worker_names (employer_id, member_id, full_name)
SELECT DISTINCT s.employer_id, s.member_id, m.full_name
FROM employment_spells s JOIN members m ON m.id = s.member_id;

CREATE TRIGGER employment_spells_names AFTER INSERT ON employment_spells BEGIN
  INSERT OR IGNORE INTO employer_worker_names (employer_id, member_id, full_name)
  SELECT NEW.employer_id, NEW.member_id, m.full_name FROM members m WHERE m.id = NEW.member_id;
END;

CREATE TRIGGER members_worker_names AFTER UPDATE OF full_name ON members
  WHEN OLD.full_name IS NOT NEW.full_name BEGIN
  UPDATE employer_worker_names SET full_name = NEW.full_name WHERE member_id = NEW.id;
END;

CREATE INDEX employment_spells_open ON employment_spells (employer_id, member_id) WHERE end_date IS NULL;
