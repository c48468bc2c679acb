-- The NIK of a fund staff member, kept apart from accounts.nik (which is unique and belongs to
-- the person's own member account, if they have one): with it the claims workflow refuses a
-- staff member acting on their own claim or on a claim of someone who named them as a
-- beneficiary (OWASP ASVS 4.0.3 1.1.6, 4.3.3). Set with `lumbung user add --role staff --nik`
-- or on /staff/accounts. The same SQL for SQLite and PostgreSQL.
CREATE TABLE staff_niks (
  account_id BIGINT PRIMARY KEY REFERENCES accounts (id),
  nik TEXT NOT NULL CHECK (length(nik) = 16)
);
