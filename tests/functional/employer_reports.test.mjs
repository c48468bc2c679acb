// An employer's monthly wage report and bill (src/employers report_routes.cc, report_store.cc):
// a CSV upload with problems is checked row by row (error summary linked to its rows, both
// downloads), nothing is stored until the employer submits, the fixed file is submitted and
// billed with a payment code and due date, an amendment is a bill line of its own, wages can be
// typed on a page, a file over the upload limit is refused, and the bank's payment file turns
// the members' months paid. Through HTTP as the employer's administrator and another employer's
// (IDOR). Backend: LUMBUNG_TEST_BACKEND.
// Requirement IDs: OWASP ASVS 4.0.3 V4.1/V4.2 (access control, IDOR), V4.2.2 (CSRF), V5.1
// (input validation), V12.1.1 (upload size), V7.1 (audit).
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';

import * as h from './harness.mjs';
import * as id from './identity_support.mjs';
import { startMailSink } from './mail_sink.mjs';

const backend = h.currentBackend();
const ID = h.loadCatalog('id');
const EN = h.loadCatalog('en');
const CATALOG = { id: ID, en: EN };
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const pageText = (res) => h.htmlText(res.text);
const fill = (message, values = {}) => message.replace(/\{\{(\w+)\}\}/g, (_, k) => String(values[k] ?? `{{${k}}}`));
const UPLOAD_LIMIT = 3_000_000; // over http.max_body_bytes (1 MiB), as uploads are

// The Damm check (employers/damm.h).
const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2], [7, 0, 9, 2, 1, 5, 4, 8, 6, 3], [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6], [6, 1, 2, 3, 0, 4, 5, 9, 7, 8], [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4], [8, 9, 4, 5, 3, 6, 2, 0, 1, 7], [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];
const dammValid = (digits) => [...digits].reduce((interim, d) => DAMM[interim][Number(d)], 0) === 0;

// A multipart/form-data upload as a browser sends it, with the page's CSRF token.
async function upload(client, target, fileName, content, { page = target, csrf, field = 'report' } = {}) {
  let token = csrf;
  if (token === undefined) {
    await client.get(page);
    token = client.csrf;
  }
  const boundary = '----lumbungtest' + Math.random().toString(16).slice(2);
  const parts = [];
  if (token !== null) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${token}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\n` +
                         'Content-Type: text/csv\r\n\r\n'));
  parts.push(Buffer.isBuffer(content) ? content : Buffer.from(content));
  parts.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return client.request(target, {
    method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body: Buffer.concat(parts),
  });
}

describe(`an employer's wage reports and bills on ${backend}`, () => {
  let sink;
  let server;
  let portal;
  let acme;
  let other;
  let admin;
  let rival;
  let workers; // acme's workers: {id, nik, kpj, full_name}
  const PERIOD = 202610;
  const monthPath = `/employer/reports/${PERIOD}`;

  const count = async (sql) => Number(Object.values((await id.sqlRows(server.database, sql))[0])[0]);
  const stored = async () => ({
    wages: await count(`SELECT COUNT(*) AS n FROM wage_reports WHERE employer_id = ${acme.id} AND period = ${PERIOD}`),
    contributions: await count(`SELECT COUNT(*) AS n FROM contributions WHERE employer_id = ${acme.id} AND period = ${PERIOD}`),
    bills: await count(`SELECT COUNT(*) AS n FROM employer_payments WHERE employer_id = ${acme.id}`),
    submissions: await count(`SELECT COUNT(*) AS n FROM wage_report_submissions WHERE employer_id = ${acme.id}`),
  });

  before(async () => {
    sink = await startMailSink();
    server = await h.startServer({ env: { ...sink.env, LUMBUNG_HTTP_MAX_UPLOAD_BYTES: String(UPLOAD_LIMIT), LUMBUNG_DEV_MODE: 'true' } });
    portal = { baseUrl: server.baseUrl, database: server.database };
    const seeded = await h.runLumbung(['seed-demo', '--members', '30', '--employers', '3', '--years', '1'],
                                      { env: h.databaseEnv(server.database) });
    assert.equal(seeded.code, 0, seeded.stderr);
    await id.sqlExec(server.database,
      "INSERT INTO employers (npp, name, sector, province_code, jkk_risk_class, registered_on) VALUES " +
      "('RPTA0001', 'PT Lapor Upah', 'manufacturing', 31, 1, '2015-01-01'), " +
      "('RPTB0002', 'CV Lain Sendiri', 'trade', 32, 0, '2016-01-01')");
    const employers = await id.sqlRows(server.database,
      "SELECT id FROM employers WHERE npp IN ('RPTA0001', 'RPTB0002') ORDER BY npp");
    acme = { id: Number(employers[0].id) };
    other = { id: Number(employers[1].id) };
    workers = (await id.sqlRows(server.database,
      "SELECT id, nik, kpj, full_name, CAST(birth_date AS TEXT) AS birth_date FROM members WHERE status <> 'deceased' ORDER BY id LIMIT 4"))
      .map((m) => ({ ...m, id: Number(m.id), birth_date: String(m.birth_date).slice(0, 10) }));
    await id.sqlExec(server.database,
      'INSERT INTO employment_spells (member_id, employer_id, start_date) VALUES ' +
      workers.map((w) => `(${w.id}, ${acme.id}, '2024-01-01')`).join(', '));
    admin = await id.signedInEmployerAdmin(portal, sink, { employerId: acme.id });
    rival = await id.signedInEmployerAdmin(portal, sink, { employerId: other.id });
  });
  after(async () => {
    await server?.stop();
    await sink?.stop();
  });

  let checkWithErrors; // the upload page with problems

  test('ASVS 4.1.1: anonymous visitors are sent to sign in; the home page shows the months not reported', async () => {
    for (const p of ['/employer', '/employer/reports', monthPath, '/employer/bills']) {
      const res = await h.request(server.baseUrl, p);
      assert.equal(res.status, 303, p);
      assert.equal(res.headers.location, `/login?next=${encodeURIComponent(p)}`);
    }
    const home = await admin.client.get('/employer');
    assert.equal(home.status, 200, pageText(home).slice(0, 300));
    assert.deepEqual(h.htmlH1s(home.text), [ID['employers.home.title']]);
    assert.ok(home.text.includes(`href="${monthPath}"`), 'an unreported month links to its report');
    for (const href of ['/employer/workers', '/employer/reports', '/employer/bills']) {
      assert.ok(home.text.includes(`href="${href}"`), `a card links to ${href}`);
    }
    const list = await admin.client.get('/employer/reports');
    assert.equal(list.status, 200);
    assert.ok(list.text.includes(`href="${monthPath}"`));
    // The menu's employer group marks where the visitor is; the account home leads here.
    assert.match(home.text, /<a href="\/employer" aria-current="page">/);
    assert.match(list.text, /<a href="\/employer" aria-current="true">/);
    assert.match(list.text, /<a href="\/employer\/reports" aria-current="page">/);
    const dashboard = await admin.client.get('/dashboard');
    assert.equal(dashboard.status, 200);
    assert.ok(dashboard.text.includes('PT Lapor Upah') && dashboard.text.includes('href="/employer"'), 'a card for the employer');
  });

  test('ASVS 5.1.3: a file with problems is checked row by row; the summary links to each row; nothing is stored before submitting', async () => {
    const before = await stored();
    const csv = '\ufeffNIK;Nama;Upah\r\n' +
      `${workers[0].nik};${workers[0].full_name};5.000.000\r\n` +
      '3171010101900999;Orang Asing;4.000.000\r\n' +
      `${workers[1].nik};${workers[1].full_name};5jt\r\n` +
      `${workers[2].nik};${workers[2].full_name};6,000,000\r\n`;
    const res = await upload(admin.client, monthPath, 'upah oktober.csv', csv);
    assert.equal(res.status, 303, pageText(res).slice(0, 400));
    assert.match(res.headers.location, new RegExp(`^/employer/reports/${PERIOD}/uploads/\\d+$`));
    checkWithErrors = res.headers.location;
    const page = await admin.client.get(checkWithErrors);
    assert.equal(page.status, 200);
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(page.text)?.[0] ?? '';
    assert.ok(summary.includes(ID['form.error_summary']), 'There is a problem');
    const links = [...summary.matchAll(/href="#(problem-\d+)"/g)].map((m) => m[1]);
    assert.equal(links.length, 2, 'two errors in the summary (the unknown NIK and "5jt")');
    for (const anchor of links) assert.match(page.text, new RegExp(`<tr id="${anchor}">`), `${anchor} exists`);
    assert.ok(pageText(page).includes(fill(ID['employers.check.counts'], { rows: 4, accepted_rows: 2, error_count: 2, warning_count: 0 })),
              pageText(page).slice(0, 800));
    assert.deepEqual(await stored(), before, 'checking stores no report');

    const json = await admin.client.get(`${checkWithErrors}/report.json`);
    assert.equal(json.status, 200);
    const report = JSON.parse(json.text);
    assert.equal(report.valid, false);
    assert.deepEqual(report.errors.filter((e) => e.severity !== 'warning').map((e) => e.rowNumber), [3, 4]);
    for (const e of report.errors) for (const key of ['code', 'type', 'rowNumber', 'fieldName', 'cell', 'message']) assert.ok(key in e, key);
    const annotated = await admin.client.get(`${checkWithErrors}/problems.csv`);
    assert.equal(annotated.status, 200);
    const lines = annotated.text.replace(/^\ufeff/, '').split(/\r\n/);
    assert.ok(lines[0].endsWith(`;${ID['employers.report.problems_column']}`), lines[0]);
    assert.ok(lines[2].includes('3171010101900999') && lines[2].split(';').length === 4, 'the unknown NIK row carries its problem');

    // Submitting without accepting to leave the bad rows out changes nothing.
    const form = id.parseForms(page.text).find((f) => f.action === `${checkWithErrors}/submit`);
    assert.ok(form, 'the check offers to submit the correct rows');
    assert.ok('accept_valid_rows' in form.fields, 'behind a tick to leave the rows with errors out');
    const refused = await admin.client.post(form.action, {}, { csrf: form.fields.csrf });
    assert.equal(refused.status, 422);
    assert.ok(pageText(refused).includes(ID['employers.check.accept_required']));
    assert.deepEqual(await stored(), before);
  });

  test('a file refused as a whole (no wage column, not UTF-8) is said on the month page and kept nowhere', async () => {
    const before = await count(`SELECT COUNT(*) AS n FROM wage_report_uploads WHERE employer_id = ${acme.id}`);
    const noWage = await upload(admin.client, monthPath, 'a.csv', `NIK\r\n${workers[0].nik}\r\n`);
    assert.equal(noWage.status, 422);
    assert.ok(pageText(noWage).includes(ID['employers.report.file_missing_wage_column'].split('{{')[0].trim().slice(0, 20)),
              pageText(noWage).slice(0, 500));
    assert.match(noWage.text, /id="f-report-error"/);
    const latin1 = await upload(admin.client, monthPath, 'b.csv', Buffer.from('NIK;Upah;Nama\r\n3171010101900999;5000000;Jos\xe9\r\n', 'latin1'));
    assert.equal(latin1.status, 422);
    const empty = await upload(admin.client, monthPath, 'c.csv', '');
    assert.equal(empty.status, 422);
    assert.equal(await count(`SELECT COUNT(*) AS n FROM wage_report_uploads WHERE employer_id = ${acme.id}`), before);
  });

  test('ASVS 12.1.1: a file over the upload limit gets 413 and nothing is stored; one over the form limit (1 MiB) but under it is read', async () => {
    const before = await count(`SELECT COUNT(*) AS n FROM wage_report_uploads WHERE employer_id = ${acme.id}`);
    const large = 'NIK,Upah\r\n' + `${workers[0].nik},5000000\r\n`.repeat(Math.ceil(1_200_000 / 27));
    assert.ok(large.length > 1024 * 1024 && large.length < UPLOAD_LIMIT);
    const read = await upload(admin.client, monthPath, 'large.csv', large);
    assert.equal(read.status, 303, 'a 1.2 MB report is taken and checked');
    assert.equal(await count(`SELECT COUNT(*) AS n FROM wage_report_uploads WHERE employer_id = ${acme.id}`), before + 1);
    const big = 'NIK,Upah\r\n' + `${workers[0].nik},5000000\r\n`.repeat(Math.ceil(UPLOAD_LIMIT / 25) + 10);
    const res = await upload(admin.client, monthPath, 'big.csv', big);
    assert.equal(res.status, 413);
    assert.equal(await count(`SELECT COUNT(*) AS n FROM wage_report_uploads WHERE employer_id = ${acme.id}`), before + 1);
    // Other forms keep their own limit.
    const form = await admin.client.post('/account/stay-signed-in', { filler: 'x'.repeat(1_100_000) }, { csrf: admin.client.csrf });
    assert.equal(form.status, 413);
  });

  test('ASVS 4.2.1, 4.2.2: another employer cannot see or submit this upload, and an upload without the CSRF token is refused', async () => {
    const before = await stored();
    assert.equal((await rival.client.get(checkWithErrors)).status, 404);
    assert.equal((await rival.client.get(`${checkWithErrors}/report.json`)).status, 404);
    assert.equal((await rival.client.get(`${checkWithErrors}/problems.csv`)).status, 404);
    const post = await rival.client.post(`${checkWithErrors}/submit`, { accept_valid_rows: '1' }, { csrf: rival.client.csrf });
    assert.equal(post.status, 404);
    const noToken = await upload(admin.client, monthPath, 'x.csv', `NIK,Upah\r\n${workers[0].nik},5000000\r\n`, { csrf: null });
    assert.equal(noToken.status, 403);
    assert.deepEqual(await stored(), before);
  });

  let paymentCode;

  test('the fixed file is submitted: one bill with an 11-digit payment code (Damm) due on the 15th of the next month, computed per worker', async () => {
    const csv = 'KPJ,Upah\r\n' + workers.slice(0, 3).map((w) => `${w.kpj},5000000`).join('\r\n') + '\r\n';
    const res = await upload(admin.client, monthPath, 'upah oktober v2.csv', csv);
    assert.equal(res.status, 303);
    const check = await admin.client.get(res.headers.location);
    assert.ok(!/<div class="error-summary"/.test(check.text), 'no problems');
    assert.ok(pageText(check).includes(ID['employers.check.dry_run']));
    const { res: submitted } = await admin.client.submit(res.headers.location, {});
    assert.equal(submitted.status, 303, pageText(submitted).slice(0, 400));
    assert.equal(submitted.headers.location, `/employer/bills/${PERIOD}?notice=submitted`);
    const bill = await admin.client.get(submitted.headers.location);
    assert.equal(bill.status, 200);
    const [row] = await id.sqlRows(server.database,
      `SELECT amount_billed, amount_paid, payment_code, CAST(due_date AS TEXT) AS due FROM employer_payments WHERE employer_id = ${acme.id} AND period = ${PERIOD}`);
    paymentCode = row.payment_code;
    assert.match(paymentCode, /^[1-9]\d{10}$/);
    assert.ok(dammValid(paymentCode), 'the payment code carries its check digit');
    assert.equal(String(row.due).slice(0, 10), '2026-11-15');
    assert.ok(pageText(bill).includes(paymentCode));
    const [sum] = await id.sqlRows(server.database,
      'SELECT SUM(jht_worker + jht_employer + jkk + jkm + jp_worker + jp_employer) AS billed, SUM(jht_worker) AS jht_worker, ' +
      `SUM(jht_employer) AS jht_employer, COUNT(*) AS n, SUM(paid) AS paid FROM contributions WHERE employer_id = ${acme.id} AND period = ${PERIOD}`);
    assert.equal(Number(sum.n), 3);
    assert.equal(Number(sum.paid), 0, 'not paid yet');
    assert.equal(Number(row.amount_billed), Number(sum.billed), 'the bill is the sum of the workers\' contributions');
    assert.equal(Number(sum.jht_worker), 3 * 100_000, 'JHT worker 2% of Rp 5,000,000');
    assert.equal(Number(sum.jht_employer), 3 * 185_000, 'JHT employer 3.7% of Rp 5,000,000');
    assert.equal(await count(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'employer.report_submitted' AND actor_user_id = ${admin.accountId}`), 1);
    // The same upload cannot be submitted twice.
    const again = await admin.client.post(`${res.headers.location}/submit`, {}, { csrf: admin.client.csrf });
    assert.equal(again.status, 409);
    const csvBill = await admin.client.get(`/employer/bills/${PERIOD}/csv`);
    assert.equal(csvBill.status, 200);
    assert.ok(csvBill.text.includes(paymentCode));
    for (const w of workers.slice(0, 3)) assert.ok(csvBill.text.includes(w.kpj), 'every worker on the CSV bill');
    assert.equal((await rival.client.get(`/employer/bills/${PERIOD}`)).status, 404, 'another employer has no such bill');
    // The PDF: the statements' layout, text a reader can extract.
    const pdf = await admin.client.get(`/employer/bills/${PERIOD}/pdf`);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    const extracted = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: pdf.body, timeout: 30_000 });
    assert.equal(extracted.status, 0, String(extracted.stderr));
    const pdfText = extracted.stdout.toString('utf8').replace(/\s+/g, ' ');
    assert.ok(pdfText.includes(paymentCode), 'the payment code in the PDF');
    for (const w of workers.slice(0, 3)) assert.ok(pdfText.includes(w.kpj), `${w.kpj} in the PDF`);
    assert.equal((await rival.client.get(`/employer/bills/${PERIOD}/pdf`)).status, 404);
  });

  test('an amendment keeps the earlier version, and its difference is a bill line of its own', async () => {
    const billedBefore = Number((await id.sqlRows(server.database,
      `SELECT amount_billed FROM employer_payments WHERE employer_id = ${acme.id} AND period = ${PERIOD}`))[0].amount_billed);
    const csv = 'KPJ,Upah\r\n' + `${workers[0].kpj},6000000\r\n${workers[1].kpj},5000000\r\n${workers[2].kpj},5000000\r\n${workers[3].kpj},4000000\r\n`;
    const res = await upload(admin.client, monthPath, 'upah oktober v3.csv', csv);
    const check = await admin.client.get(res.headers.location);
    assert.ok(pageText(check).includes(fill(ID['employers.check.change_counts'], { added_count: 1, removed_count: 0, changed_count: 1 })),
              pageText(check).slice(0, 1500));
    const { res: done } = await admin.client.submit(res.headers.location, {});
    assert.equal(done.headers.location, `/employer/bills/${PERIOD}?notice=amended`);
    const lines = await id.sqlRows(server.database,
      `SELECT l.kind, l.amount FROM employer_bill_lines l JOIN employer_payments b ON b.id = l.bill_id WHERE b.employer_id = ${acme.id} ORDER BY l.id`);
    assert.deepEqual(lines.map((l) => l.kind), ['month', 'amendment']);
    const [after] = await id.sqlRows(server.database,
      `SELECT amount_billed, payment_code FROM employer_payments WHERE employer_id = ${acme.id} AND period = ${PERIOD}`);
    assert.equal(Number(after.amount_billed), billedBefore + Number(lines[1].amount));
    assert.ok(Number(lines[1].amount) > 0);
    assert.equal(after.payment_code, paymentCode, 'the month keeps its payment code');
    const versions = await id.sqlRows(server.database,
      `SELECT s.version, COUNT(l.member_id) AS n FROM wage_report_submissions s LEFT JOIN wage_report_submission_lines l ON l.submission_id = s.id ` +
      `WHERE s.employer_id = ${acme.id} AND s.period = ${PERIOD} GROUP BY s.version ORDER BY s.version`);
    assert.deepEqual(versions.map((v) => [Number(v.version), Number(v.n)]), [[1, 3], [2, 0]],
                     'the replaced version keeps its 3 wages; the current one is the registry\'s');
    assert.equal(await count(`SELECT COUNT(*) AS n FROM wage_reports WHERE employer_id = ${acme.id} AND period = ${PERIOD}`), 4);
    assert.equal(await count(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'employer.report_amended'`), 1);
  });

  test('wages typed on a page take the same path as an upload (prefilled from the month reported)', async () => {
    const entry = await admin.client.get(`${monthPath}/entry`);
    assert.equal(entry.status, 200);
    assert.match(entry.text, /name="wage_0" type="text" inputmode="numeric" value="\d+"/);
    const forms = id.parseForms(entry.text).filter((f) => f.action === `${monthPath}/entry`);
    const fields = { ...forms[0].fields };
    delete fields.csrf;
    fields.wage_0 = '7.000.000';
    const res = await admin.client.post(`${monthPath}/entry`, fields, { csrf: forms[0].fields.csrf });
    assert.equal(res.status, 303, pageText(res).slice(-1200));
    const check = await admin.client.get(res.headers.location);
    assert.ok(pageText(check).includes(fill(ID['employers.check.change_counts'], { added_count: 0, removed_count: 0, changed_count: 1 })));
    // A member id that is not this employer's worker is refused.
    const foreign = await admin.client.post(`${monthPath}/entry`, { member_0: '999999', wage_0: '1000000' }, { csrf: forms[0].fields.csrf });
    assert.equal(foreign.status, 400);
  });

  test('the bank\'s payment file pays the bill in full: the members\' months turn paid with the date', async () => {
    const [bill] = await id.sqlRows(server.database,
      `SELECT amount_billed FROM employer_payments WHERE employer_id = ${acme.id} AND period = ${PERIOD}`);
    const dir = h.makeTempDir('lumbung-pay-');
    const file = path.join(dir, 'bank.csv');
    fs.writeFileSync(file, `kode_iuran,jumlah,tanggal,referensi\r\n${paymentCode},${bill.amount_billed},2026-11-10,BANK-REF-1\r\n`);
    const imported = await h.runLumbung(['payments', 'import', file], { env: h.databaseEnv(server.database) });
    assert.equal(imported.code, 0, imported.stderr + imported.stdout);
    const [paid] = await id.sqlRows(server.database,
      `SELECT amount_paid, CAST(paid_on AS TEXT) AS paid_on FROM employer_payments WHERE employer_id = ${acme.id} AND period = ${PERIOD}`);
    assert.equal(Number(paid.amount_paid), Number(bill.amount_billed));
    assert.equal(String(paid.paid_on).slice(0, 10), '2026-11-10');
    assert.equal(await count(`SELECT COUNT(*) AS n FROM contributions WHERE employer_id = ${acme.id} AND period = ${PERIOD} AND paid = 0`), 0);
    const page = await admin.client.get(`/employer/bills/${PERIOD}`);
    assert.ok(pageText(page).includes(fill(ID['employers.bill.paid_on'], { paid_on: '10 November 2026' })), pageText(page).slice(0, 600));
  });

  test('an amendment after payment: the difference is owed again as its own line; workers whose wage did not change stay paid', async () => {
    const before = (await id.sqlRows(server.database,
      `SELECT id, amount_billed, amount_paid FROM employer_payments WHERE employer_id = ${acme.id} AND period = ${PERIOD}`))[0];
    assert.equal(Number(before.amount_paid), Number(before.amount_billed), 'paid in full before');
    const wages = await id.sqlRows(server.database,
      `SELECT member_id, wage FROM wage_reports WHERE employer_id = ${acme.id} AND period = ${PERIOD} ORDER BY member_id`);
    const byMember = new Map(wages.map((w) => [Number(w.member_id), Number(w.wage)]));
    const raised = workers[1];
    const csv = 'KPJ,Upah\r\n' + workers.map((w) => `${w.kpj},${w.id === raised.id ? byMember.get(w.id) + 1_000_000 : byMember.get(w.id)}`).join('\r\n') + '\r\n';
    const res = await upload(admin.client, monthPath, 'oktober v4.csv', csv);
    const { res: done } = await admin.client.submit(res.headers.location, {});
    assert.equal(done.headers.location, `/employer/bills/${PERIOD}?notice=amended`);
    const after = (await id.sqlRows(server.database,
      `SELECT amount_billed, amount_paid, paid_on FROM employer_payments WHERE employer_id = ${acme.id} AND period = ${PERIOD}`))[0];
    const [line] = await id.sqlRows(server.database,
      `SELECT amount FROM employer_bill_lines WHERE bill_id = ${before.id} ORDER BY id DESC LIMIT 1`);
    assert.equal(Number(after.amount_billed), Number(before.amount_billed) + Number(line.amount));
    assert.equal(Number(after.amount_paid), Number(before.amount_paid), 'what was paid stays paid');
    assert.equal(after.paid_on, null, 'the month owes the difference again');
    const paid = await id.sqlRows(server.database,
      `SELECT member_id, paid FROM contributions WHERE employer_id = ${acme.id} AND period = ${PERIOD} ORDER BY member_id`);
    for (const row of paid) {
      assert.equal(Number(row.paid), Number(row.member_id) === raised.id ? 0 : 1, `member ${row.member_id}`);
    }
    // Paying the difference settles the month again.
    const settled = await admin.client.submit(`/employer/bills/${PERIOD}`, {}, { action: `/employer/bills/${PERIOD}/simulate-payment` });
    assert.equal(settled.res.status, 303);
    assert.equal(await count(`SELECT COUNT(*) AS n FROM contributions WHERE employer_id = ${acme.id} AND period = ${PERIOD} AND paid = 0`), 0);
  });

  test('a month paid late: its bill and the employer\'s home show the fine to date, the member sees "employer late since", simulated payment settles it and the fine is collected with the next bill', async () => {
    const LATE = 202608; // due 15 September 2026
    const csv = 'NIK,Upah\r\n' + workers.slice(0, 2).map((w) => `${w.nik},4000000`).join('\r\n') + '\r\n';
    const res = await upload(admin.client, `/employer/reports/${LATE}`, 'agustus.csv', csv);
    assert.equal(res.status, 303, pageText(res).slice(0, 300));
    const { res: done } = await admin.client.submit(res.headers.location, {});
    assert.equal(done.headers.location, `/employer/bills/${LATE}?notice=submitted`);
    const [bill] = await id.sqlRows(server.database,
      `SELECT amount_billed, CAST(due_date AS TEXT) AS due FROM employer_payments WHERE employer_id = ${acme.id} AND period = ${LATE}`);
    assert.equal(String(bill.due).slice(0, 10), '2026-09-15');
    // Months or parts of months late to the fund's today, 2% of the unpaid amount each.
    const today = new Date(Date.now() + 7 * 3600_000);
    const due = new Date(Date.UTC(2026, 8, 15));
    let months = 0;
    for (let n = 0; n < 120; n++) {
      const limit = new Date(Date.UTC(2026, 8 + n, 15));
      if (today.toISOString().slice(0, 10) <= limit.toISOString().slice(0, 10)) { months = n; break; }
    }
    assert.ok(today > due && months >= 1);
    const fine = Math.round(Number(bill.amount_billed) * 0.02 * months);
    const money = (n) => `Rp ${n.toLocaleString('de-DE')}`;
    const page = await admin.client.get(`/employer/bills/${LATE}`);
    assert.ok(pageText(page).includes(money(fine)), `fine ${money(fine)} on the bill: ${pageText(page).slice(0, 900)}`);
    const home = await admin.client.get('/employer');
    assert.ok(pageText(home).includes(money(fine)), 'the home page shows the fine to date');

    // The member (workers[0]) sees the month late.
    const member = workers[0];
    const client = new id.Client(server.baseUrl);
    const email = id.uniqueEmail('reports-member');
    const password = id.newPassword();
    const reg = await client.submit('/register', {
      nik: member.nik, kpj: member.kpj, birth_date: member.birth_date, email, username: '', password,
    });
    assert.equal(reg.res.status, 303, pageText(reg.res).slice(0, 300));
    await client.submit(id.mailLink(await new id.Mailbox(sink, email).next('verify_email'), '/verify-email'));
    assert.equal((await client.submit('/login', { identifier: email, password })).res.headers.location, '/dashboard');
    // ASVS 4.1.1: a member's account opens no employer page.
    for (const p of ['/employer', '/employer/reports', `/employer/reports/${LATE}`, `/employer/reports/${LATE}/entry`,
                     '/employer/bills', `/employer/bills/${LATE}`, `/employer/bills/${LATE}/csv`, `/employer/bills/${LATE}/pdf`]) {
      assert.equal((await client.get(p)).status, 403, `member GET ${p}`);
    }
    const history = await client.get('/contributions?year=2026');
    assert.ok(pageText(history).includes(fill(ID['contributions.late_since'], { late_since: '16 September 2026' })),
              pageText(history).slice(0, 1500));

    // Development mode pays it through the bank payment path.
    const paid = await admin.client.submit(`/employer/bills/${LATE}`, {}, { action: `/employer/bills/${LATE}/simulate-payment` });
    assert.equal(paid.res.status, 303);
    assert.equal(paid.res.headers.location, `/employer/bills/${LATE}?notice=paid`);
    assert.equal(await count(`SELECT COUNT(*) AS n FROM contributions WHERE employer_id = ${acme.id} AND period = ${LATE} AND paid = 0`), 0);
    const after = await client.get('/contributions?year=2026');
    assert.ok(!pageText(after).includes(fill(ID['contributions.late_since'], { late_since: '16 September 2026' })));

    // The next month's first bill collects the fine for August, once.
    const NEXT = 202609;
    const again = await upload(admin.client, `/employer/reports/${NEXT}`, 'september.csv', csv);
    const { res: next } = await admin.client.submit(again.headers.location, {});
    assert.equal(next.headers.location, `/employer/bills/${NEXT}?notice=submitted`);
    const lines = await id.sqlRows(server.database,
      `SELECT l.kind, l.amount, f.period AS for_period FROM employer_bill_lines l JOIN employer_payments b ON b.id = l.bill_id ` +
      `LEFT JOIN employer_payments f ON f.id = l.fine_for_bill_id WHERE b.employer_id = ${acme.id} AND b.period = ${NEXT} ORDER BY l.id`);
    const fines = lines.filter((l) => l.kind === 'fine');
    assert.deepEqual(fines.map((l) => [Number(l.amount), Number(l.for_period)]), [[fine, LATE]],
                     'the fine for August as it stood when it was paid (today)');
  });

  let supervisor; // fund staff with the finance role, who import the bank's payment files

  test('ASVS 4.1.3: /staff/payments is for staff with the finance role only; a file imports once, unknown codes and bad rows are listed', async () => {
    supervisor = await id.signedInStaff(portal, sink, { staffRoles: ['finance'] });
    const officer = await id.signedInStaff(portal, sink, { staffRoles: ['member_services'] });
    assert.equal((await officer.client.get('/staff/payments')).status, 403, 'member services staff may not import payments');
    assert.equal((await admin.client.get('/staff/payments')).status, 403, 'nor may an employer');
    const anonymous = await h.request(server.baseUrl, '/staff/payments');
    assert.equal(anonymous.status, 303);
    const page = await supervisor.client.get('/staff/payments');
    assert.equal(page.status, 200);
    assert.match(page.text, /<a href="\/staff\/payments" aria-current="page">/);

    const [bill] = await id.sqlRows(server.database,
      `SELECT payment_code, amount_billed FROM employer_payments WHERE employer_id = ${acme.id} AND period = 202609`);
    const file = 'kode_iuran;jumlah;tanggal;referensi\r\n' +
      `${bill.payment_code};${Number(bill.amount_billed).toLocaleString('de-DE')};2026-12-01;STAFF-1\r\n` +
      '10000005005;750.000;2026-12-01;STAFF-2\r\n' +
      `${bill.payment_code};lima juta;2026-12-01;STAFF-3\r\n`;
    const post = (content, options = {}) => upload(supervisor.client, '/staff/payments', 'bank.csv', content,
                                                  { page: '/staff/payments', ...options, field: 'payments' });
    const res = await post(file);
    assert.equal(res.status, 200, pageText(res).slice(0, 500));
    const text = pageText(res);
    assert.ok(text.includes(ID['employers.payments.issue.unknown_code']), text.slice(0, 1200));
    assert.ok(text.includes(fill(ID['employers.payments.problem.amount_not_a_number'], { cell: 'lima juta' })));
    const [paid] = await id.sqlRows(server.database,
      `SELECT amount_paid, CAST(paid_on AS TEXT) AS paid_on FROM employer_payments WHERE employer_id = ${acme.id} AND period = 202609`);
    assert.equal(Number(paid.amount_paid), Number(bill.amount_billed));
    assert.equal(String(paid.paid_on).slice(0, 10), '2026-12-01');
    assert.equal(await count(`SELECT COUNT(*) AS n FROM audit_log WHERE action = 'payments.imported' AND actor_user_id = ${supervisor.accountId}`), 1);
    // The same file again changes nothing; the unknown code waits for staff.
    const again = await post(file);
    assert.equal(again.status, 200);
    assert.equal(await count('SELECT COUNT(*) AS n FROM bank_payments WHERE bank_reference LIKE \'STAFF-%\''), 2);
    assert.ok(pageText(again).includes('10000005005'), 'the payment without a bill is listed');
    // No CSRF token, no import; a refused file is said beside the field.
    const forged = await post('kode_iuran;jumlah;tanggal;referensi\r\n10000005005;1;2026-12-01;STAFF-9\r\n', { csrf: null });
    assert.equal(forged.status, 403);
    const refused = await post('kode;jumlah\r\n1;2\r\n');
    assert.equal(refused.status, 422);
    assert.match(refused.text, /id="f-payments-error"/);
    assert.equal(await count('SELECT COUNT(*) AS n FROM bank_payments WHERE bank_reference = \'STAFF-9\''), 0);
  });

  describe('in Chromium at 360 px', () => {
    let browser;
    before(async () => {
      browser = await chromium.launch({
        executablePath: process.env.LUMBUNG_TEST_CHROMIUM || '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      });
    });
    after(async () => { await browser?.close(); });

    // `account` (default: a new administrator of acme) signs in and lands on `landing`.
    async function signIn(lang, { javaScriptEnabled, account, landing = '/employer' }) {
      account ??= await id.signedInEmployerAdmin(portal, sink, { employerId: acme.id });
      return id.signInInBrowser(browser, server.baseUrl, account, { lang, javaScriptEnabled, landing });
    }

    async function checkPage(page, what, { script = true } = {}) {
      const html = await page.content();
      assert.ok(Buffer.byteLength(html) < 50 * 1024, `${what}: under 50 KB`);
      if (!script) return; // axe and page.evaluate run only where JavaScript does
      const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], what);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${what}: no horizontal scroll at 360 px (overflow ${overflow}px)`);
    }

    for (const lang of ['id', 'en']) {
      test(`WCAG 2.2 AA (axe): home, months, a month, typed wages, a check with problems, bills and a bill in ${lang}`, async () => {
        const { context, page } = await signIn(lang, { javaScriptEnabled: true });
        try {
          for (const p of ['/employer', '/employer/reports', monthPath, `${monthPath}/entry`, checkWithErrors,
                           '/employer/bills', `/employer/bills/${PERIOD}`]) {
            const response = await page.goto(`${server.baseUrl}${p}`);
            assert.equal(response.status(), 200, p);
            await checkPage(page, `${lang} ${p}`);
          }
          // A refused file: the error beside the file field and in the summary.
          await page.goto(`${server.baseUrl}${monthPath}`);
          await page.locator('#f-report').setInputFiles({ name: 'kosong.csv', mimeType: 'text/csv', buffer: Buffer.from('') });
          await page.getByRole('button', { name: CATALOG[lang]['employers.report.upload_submit'], exact: true }).click();
          await page.locator('.error-summary').waitFor();
          await checkPage(page, `${lang} refused file`);
        } finally {
          await context.close();
        }
      });
    }

    test('WCAG 2.2 AA (axe): the staff payment import page with its result', async () => {
      const account = await id.signedInStaff(portal, sink, { staffRoles: ['finance'] });
      const { context, page } = await signIn('id', { javaScriptEnabled: true, account, landing: '/staff/payments' });
      try {
        await checkPage(page, 'staff payments');
        await page.locator('#f-payments').setInputFiles({ name: 'bank.csv', mimeType: 'text/csv',
          buffer: Buffer.from('kode_iuran;jumlah;tanggal;referensi\r\n10000005005;1.000;2026-12-02;STAFF-AXE\r\n') });
        await page.getByRole('button', { name: ID['employers.payments.submit'], exact: true }).click();
        await page.locator('.notice--success').waitFor();
        await checkPage(page, 'staff payments result');
      } finally {
        await context.close();
      }
    });

    test('without JavaScript: upload a file with a problem, see it by row, fix it and submit, then see the bill', async () => {
      const { context, page } = await signIn('id', { javaScriptEnabled: false });
      try {
        const MONTH = 202607;
        await page.goto(`${server.baseUrl}/employer/reports/${MONTH}`);
        const bad = `NIK;Upah\r\n${workers[0].nik};5.000.000\r\n${workers[1].nik};lima juta\r\n`;
        await page.locator('#f-report').setInputFiles({ name: 'juli.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
        await page.getByRole('button', { name: ID['employers.report.upload_submit'], exact: true }).click();
        await page.waitForURL(/\/uploads\/\d+$/);
        const summary = page.locator('.error-summary');
        assert.equal(await summary.locator('a').count(), 1);
        await checkPage(page, 'check with a problem', { script: false });
        await page.getByRole('link', { name: ID['employers.check.upload_again'], exact: true }).click();
        const good = `NIK;Upah\r\n${workers[0].nik};5.000.000\r\n${workers[1].nik};5.500.000\r\n`;
        await page.locator('#f-report').setInputFiles({ name: 'juli.csv', mimeType: 'text/csv', buffer: Buffer.from(good) });
        await page.getByRole('button', { name: ID['employers.report.upload_submit'], exact: true }).click();
        await page.waitForURL(/\/uploads\/\d+$/);
        assert.equal(await page.locator('.error-summary').count(), 0);
        await page.getByRole('button', { name: ID['employers.check.submit'], exact: true }).click();
        await page.waitForURL(new RegExp(`/employer/bills/${MONTH}\\?notice=submitted$`));
        const text = await page.locator('main').innerText();
        assert.ok(text.includes(ID['employers.bill.notice_submitted']));
        assert.match(text, /\b[1-9]\d{10}\b/, 'the payment code is on the bill');
      } finally {
        await context.close();
      }
    });
  });
});
