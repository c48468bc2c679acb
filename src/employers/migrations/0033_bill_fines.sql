-- A late fine is collected with the employer's next month's bill: the fine line names the
-- earlier bill it is for, so each bill's fine is charged once. The same statement in
-- PostgreSQL and SQLite, so one file serves both.
ALTER TABLE employer_bill_lines ADD COLUMN fine_for_bill_id BIGINT REFERENCES employer_payments (id);
