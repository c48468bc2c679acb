// `lumbung payments import FILE` (src/employers/payments.h, src/app/cli.cc): the partner bank's
// payment file applied to the employers' bills through the real binary, on the backend named by
// LUMBUNG_TEST_BACKEND: the summary and every unknown code and bad row on stdout, the bills
// and the members' months paid in the database, the same file twice changing nothing, exit
// codes for an unreadable or refused file.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import * as h from './harness.mjs';
import * as id from './identity_support.mjs';

const backend = h.currentBackend();

// Payment codes with their Damm check digit (employers/payment_code.h, sequences 1, 2, 3, 500).
const PARTIAL = '10000000016';
const FULL = '10000000027';
const OVER = '10000000034';
const UNKNOWN = '10000005005';

describe(`payments import (${backend})`, () => {
  let db;
  let env;
  before(async () => {
    db = await h.createDatabase();
    env = h.databaseEnv(db);
    const migrate = await h.runLumbung(['migrate'], { env });
    assert.equal(migrate.code, 0, migrate.stderr);
    await id.sqlExec(db, "INSERT INTO employers (id, npp, name, sector, province_code, jkk_risk_class, registered_on) " +
                         "VALUES (1, 'MJ000001', 'PT Maju', 'manufacturing', 31, 1, '2015-01-01')");
    await id.sqlExec(db, "INSERT INTO members (id, kpj, nik, full_name, birth_date, sex, province_code, marital_status, " +
                         "registered_on, status) VALUES (1, '10000000001', '3171014508900001', 'Siti', '1990-08-05', 'F', " +
                         "31, 'single', '2015-07-01', 'active')");
    for (const period of [202404, 202405, 202406]) {
      await id.sqlExec(db, 'INSERT INTO contributions (member_id, period, employer_id, jht_worker, jht_employer, jkk, jkm, ' +
                           `jp_worker, jp_employer, jkp, paid) VALUES (1, ${period}, 1, 1, 1, 1, 1, 1, 1, 0, 0)`);
    }
    await id.sqlExec(db, 'INSERT INTO employer_payments (employer_id, period, amount_billed, amount_paid, payment_code, due_date) VALUES ' +
                         `(1, 202404, 1000000, 0, '${PARTIAL}', '2024-05-15'), ` +
                         `(1, 202405, 2000000, 0, '${FULL}', '2024-06-15'), ` +
                         `(1, 202406, 500000, 0, '${OVER}', '2024-07-15')`);
  });
  after(async () => { await db?.drop(); });

  const bills = async () => (await id.sqlRows(db,
    'SELECT period, amount_paid, CAST(paid_on AS TEXT) AS paid_on FROM employer_payments ORDER BY period'))
    .map((r) => ({ period: Number(r.period), paid: Number(r.amount_paid), paid_on: r.paid_on ? String(r.paid_on).slice(0, 10) : null }));
  const paidMonths = async () => (await id.sqlRows(db, 'SELECT period FROM contributions WHERE paid = 1 ORDER BY period'))
    .map((r) => Number(r.period));

  test('`--help` names the command and `payments --help` describes it', async () => {
    const help = await h.runLumbung(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /\bpayments\b/);
    const own = await h.runLumbung(['payments', '--help']);
    assert.equal(own.code, 0, own.stderr);
    assert.match(own.stdout, /payments import FILE/);
  });

  test('applies the file, lists unknown codes and bad rows by row, and a second import changes nothing', async () => {
    const file = path.join(db.dir, 'bank-2024-06.csv');
    fs.writeFileSync(file, '\ufeffkode_iuran;jumlah;tanggal;referensi\r\n' +
      `${PARTIAL};400.000;2024-05-10;TRX-1\r\n` +       // row 2: part of April
      `${FULL};2.000.000;2024-06-14;TRX-2\r\n` +        // row 3: May in full
      `${UNKNOWN};75000;2024-06-14;TRX-3\r\n` +         // row 4: no bill has it
      `${OVER};600,000;2024-07-01;TRX-4\r\n` +          // row 5: June, 100,000 over
      `${FULL};5jt;2024-06-14;TRX-5\r\n` +              // row 6: bad amount
      `10000000017;1000;2024-06-31;\r\n`);              // row 7: check digit, day, reference
    const first = await h.runLumbung(['payments', 'import', file], { env });
    assert.equal(first.code, 0, first.stdout + first.stderr);
    assert.match(first.stdout, /^row 4: unknown payment code 10000005005 .*TRX-3/m);
    assert.match(first.stdout, /^row 6: bad row: amount "5jt" is not an amount/m);
    assert.match(first.stdout, /^row 7: bad row: payment code "10000000017" has a typing error.*; date "2024-06-31".*; the bank reference is missing$/m);
    assert.match(first.stdout, /payments import: 6 rows read/);
    assert.match(first.stdout, /applied to part of a bill: +1\n/);
    assert.match(first.stdout, /paid a bill in full: +2 \(overpaid: 1\)/);
    assert.match(first.stdout, /unknown payment codes: +1\n/);
    assert.match(first.stdout, /bad rows: +2\n/);
    assert.match(first.stdout, /rupiah credited: +100000\n/);
    assert.deepEqual(await bills(), [
      { period: 202404, paid: 400000, paid_on: null },
      { period: 202405, paid: 2000000, paid_on: '2024-06-14' },
      { period: 202406, paid: 500000, paid_on: '2024-07-01' },
    ]);
    assert.deepEqual(await paidMonths(), [202405, 202406], 'the members\' months of the paid bills');
    const audit = await id.sqlRows(db, "SELECT actor_user_id FROM audit_log WHERE action = 'payments.imported'");
    assert.equal(audit.length, 1);
    assert.equal(audit[0].actor_user_id, null, 'the command line imports as nobody');

    const second = await h.runLumbung(['payments', 'import', file], { env });
    assert.equal(second.code, 0, second.stdout + second.stderr);
    assert.match(second.stdout, /duplicates \(skipped\): +4\n/);
    assert.match(second.stdout, /rupiah applied: +0\n/);
    assert.match(second.stdout, /^row 7: bad row/m, 'bad rows are reported again');
    assert.deepEqual((await bills())[0], { period: 202404, paid: 400000, paid_on: null });
    assert.equal(await h.countRows(db, 'bank_payments'), 4);
  });

  test('an unreadable or refused file exits non-zero and says why', async () => {
    const missing = await h.runLumbung(['payments', 'import', path.join(db.dir, 'no-such.csv')], { env });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /cannot open .*no-such\.csv/);

    const directory = await h.runLumbung(['payments', 'import', db.dir], { env });
    assert.equal(directory.code, 1);

    const noReference = path.join(db.dir, 'no-reference.csv');
    fs.writeFileSync(noReference, `kode_iuran,jumlah,tanggal\n${PARTIAL},1,2024-06-01\n`);
    const refused = await h.runLumbung(['payments', 'import', noReference], { env });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /no bank reference/);

    const usage = await h.runLumbung(['payments', 'export', noReference], { env });
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /import FILE/);
  });
});
