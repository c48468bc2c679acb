// Wage-subsidy payment batches (src/subsidy/batch_routes.cc, batch_store.h, disbursement_file.h,
// bank_result.h): a subsidy officer makes batches from the programme's confirmed run (seeded as
// rows), submits one; the same officer cannot approve it, a second officer does; finance sends
// it and downloads the disbursement file (full account numbers, control total, SHA-256 as
// recorded); the bank's result file is refused whole when its totals do not match the batch,
// recorded once when right, and changes nothing the second time; a failed payment is rerouted
// to the post office by staff, another member corrects the bank account behind step-up, and both
// land in the next batch; the batch is reconciled. Backend: LUMBUNG_TEST_BACKEND.
// Requirement IDs: OWASP ASVS 4.0.3 V4.1.1 / V4.1.3 (least privilege by staff role), V1.1.6 /
// V4.3.3 (four eyes: the approver is never the submitter), V4.2.2 (CSRF), V7.1.x (audit of
// every step and download), V5.1.x (every row of the result file validated before anything is
// stored), V8.3.x (full account numbers only in the file, never on a page or in the log).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import * as h from './harness.mjs';
import * as id from './identity_support.mjs';
import { startMailSink } from './mail_sink.mjs';

const backend = h.currentBackend();
const ID = h.loadCatalog('id');
const EN = h.loadCatalog('en');
const YEAR = 2025;
const AMOUNT = 600000;  // config/subsidy_programs.json: 2025, Rp 300,000 x 2

const pageText = (res) => h.decodeEntities(h.htmlText(res.text));
const fill = (message, values = {}) => message.replace(/\{\{(\w+)\}\}/g, (_, k) => String(values[k] ?? `{{${k}}}`));

// A multipart/form-data POST as a browser sends it: the CSRF token, then one file.
function postFile(client, target, content, { csrf } = {}) {
  const boundary = '----lumbungsubsidy' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf ?? client.csrf}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="results"; filename="hasil.csv"\r\n` +
                'Content-Type: text/csv\r\n\r\n'),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return client.request(target, {
    method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body,
  });
}

function parseCsv(text) {
  return text.trim().split('\r\n').map((line) => {
    const cells = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') { cells.push(cell); cell = ''; } else cell += c;
    }
    cells.push(cell);
    return cells;
  });
}

describe(`subsidy batches on ${backend}`, () => {
  let sink;
  let server;
  let portal;
  let pool;
  let officer;   // subsidy_officer who makes and submits
  let approver;  // another subsidy_officer
  let finance;
  let member;    // a member account (no staff pages)
  let alice;     // bank, paid
  let bob;       // bank, failed, corrects the account
  let carol;     // no account: post office, paid
  let dave;      // bank, failed, rerouted to the post office
  let batchId;
  let fileText;

  const sql = (query) => id.sqlRows(server.database, query);
  const one = async (query) => Object.values((await sql(query))[0])[0];
  const auditCount = async (action, result = 'ok') =>
    Number(await one(`SELECT COUNT(*) AS n FROM audit_log WHERE action = '${action}' AND result = '${result}'`));
  const batchState = async (batch) => one(`SELECT state FROM subsidy_batches WHERE id = ${batch}`);

  async function registerMember() {
    const m = pool.take();
    const client = new id.Client(server.baseUrl);
    const email = id.uniqueEmail('anggota');
    const password = id.newPassword();
    const box = new id.Mailbox(sink, email);
    const { res } = await client.submit('/register', {
      nik: m.nik, kpj: m.kpj, birth_date: m.birth_date, email, username: '', password,
    });
    assert.equal(res.status, 303, pageText(res).slice(0, 300));
    await client.submit(id.mailLink(await box.next('verify_email'), '/verify-email'));
    const signed = await client.submit('/login', { identifier: email, password });
    assert.equal(signed.res.headers.location, '/dashboard');
    return { ...m, memberId: Number(m.id), client, email, password };
  }

  async function saveBank(who, bank, number) {
    const confirm = await who.client.submit(`/account/confirm?next=${encodeURIComponent('/profile/bank')}`,
                                            { password: who.password });
    assert.equal(confirm.res.status, 303);
    const { res } = await who.client.submit('/profile/bank', { bank, account_number: number, holder_name: who.full_name });
    assert.equal(res.status, 303, pageText(res).slice(0, 400));
  }

  // A step on the batch page's forms, with the token of the page just read.
  async function step(client, batch, action) {
    await client.get(`/staff/subsidy/batches/${batch}`);
    return client.post(`/staff/subsidy/batches/${batch}/step`, { action });
  }

  before(async () => {
    sink = await startMailSink();
    server = await h.startServer({
      env: { ...sink.env, LUMBUNG_LOGIN_IP_FAILURES_PER_15MIN: '1000', LUMBUNG_REGISTER_IP_ATTEMPTS_PER_HOUR: '1000' },
    });
    portal = { baseUrl: server.baseUrl, database: server.database };
    await id.seedMembers(server.database, 10);
    pool = await id.MemberPool.load(server.database, 10);
    officer = await id.signedInStaff(portal, sink, { staffRoles: ['subsidy_officer'], name: 'Petugas Program' });
    approver = await id.signedInStaff(portal, sink, { staffRoles: ['subsidy_officer'], name: 'Petugas Penyetuju', lang: 'en' });
    finance = await id.signedInStaff(portal, sink, { staffRoles: ['finance'], name: 'Petugas Keuangan' });
    alice = await registerMember();
    bob = await registerMember();
    dave = await registerMember();
    member = alice;
    carol = { ...pool.take() };
    carol.memberId = Number(carol.id);
    await saveBank(alice, 'bca', '0012345678');
    await saveBank(bob, 'bri', '9876543210');
    await saveBank(dave, 'bni', '5555666677');
    // The programme's confirmed run, as the eligibility run and staff's confirmation leave it.
    const now = Math.floor(Date.now() / 1000) - 3600;
    await id.sqlExec(server.database,
      'INSERT INTO subsidy_runs (program_year, dry_run, state, started_at, finished_at, members_total, members_done,' +
      ` eligible_count, confirmed) VALUES (${YEAR}, 0, 'done', ${now}, ${now}, 5, 5, 4, 1)`);
    const run = Number(await one(`SELECT id FROM subsidy_runs WHERE program_year = ${YEAR} AND confirmed = 1`));
    const outcome = (m, eligible) => `(${run}, ${m.memberId}, ${eligible}, 0, 3000000, 3500000, 0)`;
    const notEligible = pool.take();
    await id.sqlExec(server.database,
      'INSERT INTO subsidy_outcomes (run_id, member_id, eligible, reasons, wage, wage_limit, account_problem) VALUES ' +
      [outcome(alice, 1), outcome(bob, 1), outcome(carol, 1), outcome(dave, 1),
       outcome({ memberId: Number(notEligible.id) }, 0)].join(', '));
  });
  after(async () => {
    await server?.stop();
    await sink?.stop();
  });

  test('only subsidy officers and finance open the pages; members and visitors are refused', async () => {
    assert.equal((await member.client.get('/staff/subsidy/batches')).status, 403);
    const anonymous = await new id.Client(server.baseUrl).get('/staff/subsidy/batches');
    assert.equal(anonymous.status, 303);
    assert.match(anonymous.headers.location, /^\/login\?next=/);
    const list = await finance.client.get(`/staff/subsidy/batches?year=${YEAR}`);
    assert.equal(list.status, 200);
    assert.ok(!list.text.includes('action="/staff/subsidy/batches"'), 'finance is offered no "make batches"');
    await finance.client.get('/staff/subsidy/batches');
    assert.equal((await finance.client.post('/staff/subsidy/batches', { year: String(YEAR) })).status, 403);
    assert.equal((await officer.client.get('/staff/subsidy/batches?year=1999')).status, 404);
  });

  test('the officer makes a batch from the confirmed run: bank or post office by the payout account', async () => {
    const list = await officer.client.get(`/staff/subsidy/batches?year=${YEAR}`);
    assert.equal(list.status, 200);
    assert.ok(pageText(list).includes(fill(ID['subsidy.batch.candidates_summary'],
      { count: 4, bank: 3, post_office: 1, total: 'Rp 2.400.000' })), pageText(list).slice(0, 800));
    assert.equal((await officer.client.post('/staff/subsidy/batches', { year: String(YEAR) }, { csrf: null })).status, 403,
                 'no CSRF token: refused');
    const { res } = await officer.client.submit(`/staff/subsidy/batches?year=${YEAR}`, {}, { action: '/staff/subsidy/batches' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, `/staff/subsidy/batches?year=${YEAR}&notice=made`);
    batchId = Number(await one(`SELECT id FROM subsidy_batches WHERE program_year = ${YEAR} AND number = 1`));
    const payments = await sql(`SELECT member_id, amount, channel, account_last4 FROM subsidy_payments WHERE batch_id = ${batchId} ORDER BY member_id`);
    const byMember = Object.fromEntries(payments.map((p) => [Number(p.member_id), p]));
    assert.equal(payments.length, 4);
    assert.equal(byMember[alice.memberId].channel, 'bank');
    assert.equal(byMember[alice.memberId].account_last4, '5678');
    assert.equal(byMember[carol.memberId].channel, 'post_office');
    assert.ok(payments.every((p) => Number(p.amount) === AMOUNT));
    assert.equal(await auditCount('subsidy.batch_created'), 1);
    const page = await officer.client.get(`/staff/subsidy/batches/${batchId}`);
    assert.equal(page.status, 200);
    assert.ok(pageText(page).includes(ID['subsidy.batch.state_draft']));
    assert.ok(!page.text.includes('0012345678'), 'no full account number on the page');
    assert.ok(page.text.length < 50_000);
  });

  test('four eyes: the submitter cannot approve; another officer does; finance cannot approve', async () => {
    const submitted = await step(officer.client, batchId, 'submit');
    assert.equal(submitted.status, 303);
    assert.equal(submitted.headers.location, `/staff/subsidy/batches/${batchId}?notice=submitted`);
    const own = await step(officer.client, batchId, 'approve');
    assert.equal(own.headers.location, `/staff/subsidy/batches/${batchId}?refused=submitted_it`);
    const shown = await officer.client.get(own.headers.location);
    assert.ok(pageText(shown).includes(ID['subsidy.batch.refused_submitted_it']));
    assert.equal(await batchState(batchId), 'submitted');
    assert.equal(await auditCount('subsidy.batch_refused', 'denied'), 1);
    await finance.client.get(`/staff/subsidy/batches/${batchId}`);
    assert.equal((await finance.client.post(`/staff/subsidy/batches/${batchId}/step`, { action: 'approve' })).status, 403);
    const approved = await step(approver.client, batchId, 'approve');
    assert.equal(approved.headers.location, `/staff/subsidy/batches/${batchId}?notice=approved`);
    const page = await approver.client.get(approved.headers.location);
    assert.ok([ID, EN].some((t) => pageText(page).includes(t['subsidy.batch.notice_approved'])));
    assert.equal(await batchState(batchId), 'approved');
    // An approved batch cannot change.
    assert.equal((await step(officer.client, batchId, 'withdraw')).headers.location,
                 `/staff/subsidy/batches/${batchId}?refused=not_allowed`);
  });

  test('finance sends the batch; the disbursement file has full numbers, a control total and the recorded SHA-256', async () => {
    await officer.client.get(`/staff/subsidy/batches/${batchId}`);
    assert.equal((await officer.client.post(`/staff/subsidy/batches/${batchId}/send`, {})).status, 403);
    const { res } = await finance.client.submit(`/staff/subsidy/batches/${batchId}`, {},
                                                { action: `/staff/subsidy/batches/${batchId}/send` });
    assert.equal(res.headers.location, `/staff/subsidy/batches/${batchId}?notice=sent`);
    const file = await finance.client.get(`/staff/subsidy/batches/${batchId}/file`);
    assert.equal(file.status, 200);
    assert.match(file.headers['content-type'], /^text\/csv/);
    assert.match(file.headers['content-disposition'], /^attachment;/);
    assert.match(file.headers['cache-control'], /no-store/);
    fileText = file.text;
    const rows = parseCsv(fileText);
    assert.deepEqual(rows[0], ['batch', 'line', 'member', 'nik', 'name', 'channel', 'bank_code', 'account_number',
                               'holder_name', 'amount', 'description']);
    assert.equal(rows.length, 6);
    const aliceRow = rows.find((r) => Number(r[2]) === alice.memberId);
    assert.deepEqual(aliceRow.slice(5, 10), ['bank', 'bca', '0012345678', alice.full_name, String(AMOUNT)]);
    const carolRow = rows.find((r) => Number(r[2]) === carol.memberId);
    assert.deepEqual(carolRow.slice(5, 8), ['post_office', '', '']);
    assert.deepEqual(rows[5], ['TOTAL', '4', '', '', '', '', '', '', '', String(4 * AMOUNT), '']);
    const sha = createHash('sha256').update(fileText).digest('hex');
    assert.equal(await one(`SELECT file_sha256 FROM subsidy_batches WHERE id = ${batchId}`), sha);
    assert.equal(await auditCount('subsidy.batch_sent'), 1);
    assert.equal(await auditCount('subsidy.batch_file_downloaded'), 1);
    const details = (await sql("SELECT details FROM audit_log WHERE action LIKE 'subsidy.batch_%'")).map((r) => r.details).join(' ');
    assert.ok(!details.includes('0012345678'), 'no account number in the audit log');
    const page = await finance.client.get(`/staff/subsidy/batches/${batchId}`);
    assert.ok(page.text.includes(sha));
    assert.ok(!page.text.includes('0012345678'));
  });

  test('the bank\'s result: totals that do not match refuse the whole file; the right file is recorded once', async () => {
    const header = 'member,amount,result,reason,paid_on,bank_reference\r\n';
    const rows = {
      alice: `${alice.memberId},${AMOUNT},paid,,2026-01-05,TRX-1\r\n`,
      bob: `${bob.memberId},${AMOUNT},failed,account_dormant,,\r\n`,
      carol: `${carol.memberId},${AMOUNT},paid,,2026-01-06,POS-9\r\n`,
      dave: `${dave.memberId},${AMOUNT},failed,account_closed,,\r\n`,
    };
    const target = `/staff/subsidy/batches/${batchId}/results`;
    await finance.client.get(`/staff/subsidy/batches/${batchId}`);
    const partial = await postFile(finance.client, target, header + rows.alice + rows.bob + rows.carol);
    assert.equal(partial.status, 422);
    assert.ok(pageText(partial).includes(fill(ID['subsidy.batch.file_totals_mismatch'], {
      file_rows: 3, file_total: 'Rp 1.800.000', expected_rows: 4, expected_total: 'Rp 2.400.000',
    })), pageText(partial).slice(0, 1200));
    const wrong = await postFile(finance.client, target, header + rows.alice + rows.bob.replace('account_dormant', 'dormant') +
                                 rows.carol + rows.dave);
    assert.equal(wrong.status, 422);
    assert.ok(pageText(wrong).includes(fill(ID['subsidy.batch.problem_reason_invalid'], { row: 3, column: 'reason', cell: 'dormant' })),
              pageText(wrong).slice(0, 1200));
    assert.equal(Number(await one(`SELECT COUNT(*) AS n FROM subsidy_payments WHERE batch_id = ${batchId} AND result <> 'pending'`)), 0,
                 'nothing stored from a refused file');
    const good = header + rows.alice + rows.bob + rows.carol + rows.dave;
    const first = await postFile(finance.client, target, good);
    assert.equal(first.status, 200, pageText(first).slice(0, 800));
    assert.ok(pageText(first).includes(fill(ID['subsidy.batch.imported'], { paid: 2, failed: 2, unchanged: 0 })));
    const second = await postFile(finance.client, target, good);
    assert.equal(second.status, 200);
    assert.ok(pageText(second).includes(fill(ID['subsidy.batch.imported_nothing_new'], { unchanged: 4 })));
    assert.equal(await auditCount('subsidy.batch_results_imported'), 1);
    const paid = await sql(`SELECT member_id, paid_on, bank_reference FROM subsidy_payments WHERE batch_id = ${batchId} AND result = 'paid' ORDER BY member_id`);
    assert.equal(paid.length, 2);
  });

  test('failed payments: staff reroute one to the post office, the other member corrects the account; both join the next batch', async () => {
    const page = await finance.client.get(`/staff/subsidy/batches/${batchId}`);
    assert.ok(pageText(page).includes(ID['subsidy.batch.failed_heading']));
    const reroute = `/staff/subsidy/batches/${batchId}/payments/${dave.memberId}/reroute`;
    const { res } = await officer.client.submit(`/staff/subsidy/batches/${batchId}`, {}, { action: reroute });
    assert.equal(res.headers.location, `/staff/subsidy/batches/${batchId}?notice=rerouted`);
    assert.equal(await one(`SELECT result FROM subsidy_payments WHERE batch_id = ${batchId} AND member_id = ${dave.memberId}`),
                 'rerouted_post_office');
    // Handled once: the same action again is refused.
    await officer.client.get(`/staff/subsidy/batches/${batchId}`);
    assert.equal((await officer.client.post(reroute, {})).headers.location, `/staff/subsidy/batches/${batchId}?refused=stale`);
    // The batch can be reconciled: every payment is paid, failed or rerouted.
    const reconciled = await step(finance.client, batchId, 'reconcile');
    assert.equal(reconciled.headers.location, `/staff/subsidy/batches/${batchId}?notice=reconciled`);
    assert.equal(await batchState(batchId), 'reconciled');
    // Bob corrects his account behind step-up and is queued again by himself.
    await saveBank(bob, 'bri', '9876543299');
    const list = await officer.client.get(`/staff/subsidy/batches?year=${YEAR}`);
    assert.ok(pageText(list).includes(fill(ID['subsidy.batch.candidates_summary'],
      { count: 2, bank: 1, post_office: 1, total: 'Rp 1.200.000' })), pageText(list).slice(0, 800));
    await officer.client.submit(`/staff/subsidy/batches?year=${YEAR}`, {}, { action: '/staff/subsidy/batches' });
    const next = Number(await one(`SELECT id FROM subsidy_batches WHERE program_year = ${YEAR} AND number = 2`));
    const payments = await sql(`SELECT member_id, channel, account_last4 FROM subsidy_payments WHERE batch_id = ${next} ORDER BY member_id`);
    const byMember = Object.fromEntries(payments.map((p) => [Number(p.member_id), p]));
    assert.equal(payments.length, 2);
    assert.equal(byMember[bob.memberId].channel, 'bank');
    assert.equal(byMember[bob.memberId].account_last4, '3299');
    assert.equal(byMember[dave.memberId].channel, 'post_office');
  });
});

