// The wage subsidy's staff pages end to end (src/subsidy/run_routes.cc, batch_routes.cc): in
// Chromium at 360 px, a subsidy officer imports an exclusion list (a wrong file refused whole
// with its lines), starts a dry run and follows its progress to the end by the page's own link
// (no script), starts the real run and reads the difference report (who left and why); the
// officer who started it cannot confirm it, a second officer does (in English, without
// JavaScript). Over HTTP: two members saved one bank account (held, the reason shown to staff
// and to the member), batches are made, submitted, approved by the second officer, sent, the
// disbursement file downloaded, the bank's result with a failure recorded, and the member whose
// payment failed corrects the account and is queued into the next batch. Last, without a
// server: `lumbung subsidy run` ended abruptly after two steps (jobs.exit_after_steps, as kill -9
// would) resumes from its last committed step and ends with what an uninterrupted run decides.
// Backend: LUMBUNG_TEST_BACKEND.
// Requirement IDs: OWASP ASVS 4.0.3 V1.11.2 / V11.1.x (four eyes: a run is confirmed by
// another person than the one who started it), V4.1.1 / V4.1.3 (least privilege by staff role),
// V4.2.2 (CSRF), V7.1.x (audit of every step), V5.1.x (the list's file validated whole before
// anything is stored), V8.3.x (the shared account found by a keyed fingerprint, never the
// number in a new place).
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';

import * as h from './harness.mjs';
import * as id from './identity_support.mjs';
import { startMailSink } from './mail_sink.mjs';

const backend = h.currentBackend();
const CATALOG = { id: h.loadCatalog('id'), en: h.loadCatalog('en') };
const ID = CATALOG.id;
const YEAR = 2025;
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const PAGE_LIMIT = 50 * 1024;

const pageText = (res) => h.decodeEntities(h.htmlText(res.text));
const fill = (message, values = {}) => message.replace(/\{\{(\w+)\}\}/g, (_, k) => String(values[k] ?? `{{${k}}}`));

// A multipart/form-data POST as a browser sends it: the CSRF token, text fields, one file.
function postFile(client, target, field, content, fields = {}) {
  const boundary = '----lumbungstaff' + Math.random().toString(16).slice(2);
  const parts = [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${client.csrf}\r\n`)];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="berkas.txt"\r\n` +
                         'Content-Type: text/plain\r\n\r\n'), Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`));
  return client.request(target, {
    method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body: Buffer.concat(parts),
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

describe(`subsidy staff pages on ${backend}`, () => {
  let sink;
  let server;
  let portal;
  let pool;
  let browser;
  const contexts = [];
  let officer;   // subsidy_officer: starts the runs, makes and submits batches
  let approver;  // another subsidy_officer: confirms and approves (English)
  let finance;
  let alice;     // bank account, paid
  let bob;       // bank account, the bank refuses it, corrects it
  let carol;     // put on the PKH list between the dry run and the real run
  let dave;      // dave and erin saved one account: shared, held
  let erin;
  let dryRun;
  let realRun;
  let batchId;

  const url = (path) => `${server.baseUrl}${path}`;
  const sql = (query) => id.sqlRows(server.database, query);
  const one = async (query) => Object.values((await sql(query))[0])[0];
  const auditCount = async (action, result = 'ok') =>
    Number(await one(`SELECT COUNT(*) AS n FROM audit_log WHERE action = '${action}' AND result = '${result}'`));

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

  // The member works on the programme's cutoff day (30 April 2025) for one employer with a wage
  // under the ceiling, whatever the demo registry made up for them.
  async function worksOnCutoff(who) {
    const employer = Number(await one('SELECT MIN(id) AS e FROM employers'));
    await id.sqlExec(server.database, `DELETE FROM wage_reports WHERE member_id = ${who.memberId}`);
    await id.sqlExec(server.database, `DELETE FROM employment_spells WHERE member_id = ${who.memberId}`);
    await id.sqlExec(server.database,
      `INSERT INTO employment_spells (member_id, employer_id, start_date) VALUES (${who.memberId}, ${employer}, '2015-01-01')`);
    await id.sqlExec(server.database,
      `INSERT INTO wage_reports (member_id, period, employer_id, wage) VALUES (${who.memberId}, 202504, ${employer}, 2000000)`);
  }

  // The page as shown: under 50 KB, no catalog id left, every summary link leads to its field;
  // with JavaScript, axe-core (WCAG 2.2 AA) finds nothing and nothing scrolls sideways at 360 px.
  async function checkPage(page, what, { lang, js = true } = {}) {
    const html = await page.content();
    assert.ok(Buffer.byteLength(html) < PAGE_LIMIT, `${what}: ${Buffer.byteLength(html)} bytes, not under 50 KB`);
    assert.ok(!/\[\[[a-z_.]+\]\]/.test(html), `${what}: a catalog id shown untranslated`);
    assert.ok(!/<script(?![^>]*\bsrc=)[^>]*>/i.test(html), `${what}: no inline script`);
    assert.ok(!/http-equiv="refresh"/i.test(html), `${what}: no meta refresh`);
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
    for (const [, target] of summary.matchAll(/href="#([^"]+)"/g)) {
      assert.ok(html.includes(`id="${target}"`), `${what}: the error summary's link #${target} leads nowhere`);
    }
    if (lang) assert.equal(await page.getAttribute('html', 'lang'), lang, `${what}: page language`);
    if (!js) return;
    const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    assert.ok(results.passes.length > 0, `${what}: axe ran its rules`);
    assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], `${what}: axe`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${what}: no horizontal scroll at 360 px (overflow ${overflow}px)`);
  }

  async function follow(page, locator) {
    const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), locator.click()]);
    return response;
  }

  async function staffSignIn(who, lang, landing, javaScriptEnabled = true) {
    const signed = await id.signInInBrowser(browser, server.baseUrl, who, { lang, landing, javaScriptEnabled });
    signed.context.setDefaultTimeout(10_000);
    contexts.push(signed.context);
    return signed;
  }

  // Follows the run page's own refresh link until the run has finished (the page needs no
  // script: a person clicks the same link). Returns the run's id.
  async function followToTheEnd(page, what) {
    const run = Number(/\/staff\/subsidy\/runs\/(\d+)/.exec(page.url())[1]);
    await h.pollUntil(async () => {
      if (await page.locator('#run-refresh').count() === 0) return true;
      await follow(page, page.locator('#run-refresh'));
      return false;
    }, { attempts: 300, intervalMs: 100, what: `${what}: the run finishes` });
    assert.equal(await one(`SELECT state FROM subsidy_runs WHERE id = ${run}`), 'done');
    return run;
  }

  before(async () => {
    sink = await startMailSink();
    server = await h.startServer({
      env: { ...sink.env, LUMBUNG_LOGIN_IP_FAILURES_PER_15MIN: '1000', LUMBUNG_REGISTER_IP_ATTEMPTS_PER_HOUR: '1000',
             LUMBUNG_JOBS_POLL_SECONDS: '1' },
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
    erin = await registerMember();
    carol = { ...pool.take() };
    carol.memberId = Number(carol.id);
    for (const who of [alice, bob, carol, dave, erin]) await worksOnCutoff(who);
    await saveBank(alice, 'bca', '0012345678');
    await saveBank(bob, 'bri', '9876543210');
    await saveBank(dave, 'bni', '5555666677');
    await saveBank(erin, 'bni', '5555-6666-77');  // the same account, typed otherwise
    browser = await chromium.launch({
      executablePath: process.env.LUMBUNG_TEST_CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox'],
    });
  });
  after(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await server?.stop();
    await sink?.stop();
  });

  test('the shared account is kept as a keyed fingerprint only: equal for dave and erin, no number in the clear (ASVS V8.3.x)', async () => {
    const rows = await sql(`SELECT member_id, account_fingerprint FROM profile_bank_accounts WHERE member_id IN (${dave.memberId}, ${erin.memberId}, ${alice.memberId}) ORDER BY member_id`);
    const by = Object.fromEntries(rows.map((r) => [Number(r.member_id), r.account_fingerprint]));
    assert.match(by[dave.memberId], /^[0-9a-f]{64}$/);
    assert.equal(by[dave.memberId], by[erin.memberId]);
    assert.notEqual(by[alice.memberId], by[dave.memberId]);
    const dump = JSON.stringify(await sql('SELECT * FROM profile_bank_accounts'));
    assert.ok(!dump.includes('5555666677') && !dump.includes('0012345678'), 'no account number in the clear');
  });

  test('access by staff role: members and visitors are refused; finance reads and cannot start (ASVS V4.1.1)', async () => {
    assert.equal((await alice.client.get('/staff/subsidy/runs')).status, 403);
    const anonymous = await new id.Client(server.baseUrl).get('/staff/subsidy/runs');
    assert.equal(anonymous.status, 303);
    assert.match(anonymous.headers.location, /^\/login\?next=/);
    const list = await finance.client.get(`/staff/subsidy/runs?year=${YEAR}`);
    assert.equal(list.status, 200);
    assert.ok(!list.text.includes('action="/staff/subsidy/runs"'), 'finance is offered no start');
    assert.ok(list.text.includes(`href="/staff/subsidy/batches?year=${YEAR}"`), 'the runs page leads to the batches');
    assert.equal((await finance.client.post('/staff/subsidy/runs', { year: String(YEAR), kind: 'dry_run' })).status, 403);
    const batches = await finance.client.get(`/staff/subsidy/batches?year=${YEAR}`);
    assert.ok(batches.text.includes(`href="/staff/subsidy/runs?year=${YEAR}"`), 'the batches page leads to the runs');
    assert.equal((await officer.client.get('/staff/subsidy/runs?year=1999')).status, 404);
    await officer.client.get(`/staff/subsidy/runs?year=${YEAR}`);
    assert.equal((await officer.client.post('/staff/subsidy/runs', { year: String(YEAR), kind: 'dry_run' }, { csrf: null })).status, 403,
                 'no CSRF token: refused (ASVS V4.2.2)');
  });

  test('Chromium, Indonesian: a wrong list file is refused whole by line, the dry run followed to its end without script', { timeout: 180_000 }, async () => {
    const t = CATALOG.id;
    const { page } = await staffSignIn(officer, 'id', '/staff/subsidy/runs');
    await checkPage(page, 'id runs', { lang: 'id' });
    // The start form's one question has no default: its error is tied to it.
    await follow(page, page.getByRole('button', { name: t['subsidy.runs.start_submit'], exact: true }));
    assert.ok((await page.locator('.error-summary').innerText()).includes(t['subsidy.runs.error_kind']));
    await checkPage(page, 'id runs: start without a kind', { lang: 'id' });
    // A list file with a wrong line: refused whole, the line named, nothing imported.
    await page.getByLabel(t['subsidy.runs.list_label']).selectOption('pkh');
    await page.getByLabel(t['subsidy.runs.file_label']).setInputFiles({
      name: 'pkh.txt', mimeType: 'text/plain', buffer: Buffer.from(`${carol.nik}\n12345\n`),
    });
    const refused = await follow(page, page.getByRole('button', { name: t['subsidy.runs.import_submit'], exact: true }));
    assert.equal(refused.status(), 422);
    const summary = await page.locator('.error-summary').innerText();
    assert.ok(summary.includes(fill(t['subsidy.list_error.not_sixteen_digits'], { line: 2 })), summary);
    await checkPage(page, 'id runs: list refused', { lang: 'id' });
    assert.equal(Number(await one("SELECT COUNT(*) AS n FROM subsidy_list_entries WHERE list = 'pkh'")), 0);
    assert.equal(await auditCount('subsidy.list_import_refused', 'error'), 1);
    // The dry run: progress by the page's own link, to the end.
    await page.goto(url(`/staff/subsidy/runs?year=${YEAR}`));
    await page.getByLabel(t['subsidy.runs.kind_dry'], { exact: true }).check();
    await follow(page, page.getByRole('button', { name: t['subsidy.runs.start_submit'], exact: true }));
    assert.match(page.url(), /\/staff\/subsidy\/runs\/\d+\?notice=started$/);
    assert.ok((await page.locator('#run-progress').innerText()).length > 0);
    await checkPage(page, 'id run started', { lang: 'id' });
    dryRun = await followToTheEnd(page, 'dry run');
    const members = Number(await one('SELECT COUNT(*) AS n FROM members'));
    assert.equal((await page.locator('#run-progress').innerText()).trim(),
                 fill(t['subsidy.runs.progress'], { done: members, total: members, percent: 100, step: 1, steps: 1 }));
    assert.equal(await page.locator('#run-dry-hint').count(), 1, 'a dry run is never confirmed');
    await checkPage(page, 'id dry run done', { lang: 'id' });
    assert.equal(await auditCount('subsidy.run_started'), 1);
  });

  test('Chromium: carol is put on the PKH list, the real run shows her leaving with the reason; its starter cannot confirm it (ASVS V1.11.2)', { timeout: 180_000 }, async () => {
    const t = CATALOG.id;
    const { page } = await staffSignIn(officer, 'id', '/staff/subsidy/runs');
    await page.getByLabel(t['subsidy.runs.list_label']).selectOption('pkh');
    await page.getByLabel(t['subsidy.runs.file_label']).setInputFiles({
      name: 'pkh.txt', mimeType: 'text/plain', buffer: Buffer.from(`# PKH\n${carol.nik}\n`),
    });
    await follow(page, page.getByRole('button', { name: t['subsidy.runs.import_submit'], exact: true }));
    assert.equal((await page.locator('#runs-notice').innerText()).trim(), t['subsidy.runs.notice_list_imported']);
    assert.equal(await auditCount('subsidy.list_imported'), 1);
    await page.getByLabel(t['subsidy.runs.kind_real'], { exact: true }).check();
    await follow(page, page.getByRole('button', { name: t['subsidy.runs.start_submit'], exact: true }));
    realRun = await followToTheEnd(page, 'real run');
    // The reasons counted, with the shared account among them.
    const reasons = await page.locator('#reasons').innerText();
    assert.ok(reasons.includes(t['subsidy.runs.code_bank_account_shared']), reasons);
    assert.ok(reasons.includes(fill(t['subsidy.runs.code_excluded'], { list: 'pkh' })), reasons);
    // Four eyes: no confirm button for the one who started it, and the POST is refused.
    assert.equal(await page.locator('#run-four-eyes').count(), 1);
    assert.equal(await page.getByRole('button', { name: t['subsidy.runs.confirm_submit'] }).count(), 0);
    await checkPage(page, 'id real run done', { lang: 'id' });
    await officer.client.get(`/staff/subsidy/runs/${realRun}`);
    const own = await officer.client.post(`/staff/subsidy/runs/${realRun}/confirm`, {});
    assert.equal(own.headers.location, `/staff/subsidy/runs/${realRun}?refused=started_it`);
    assert.equal(await auditCount('subsidy.run_confirm_refused', 'denied'), 1);
    assert.equal(Number(await one(`SELECT confirmed FROM subsidy_runs WHERE id = ${realRun}`)), 0);
    // The difference report: carol left, excluded by the PKH list.
    await follow(page, page.locator('#diff-link'));
    assert.ok((await page.locator('#diff-summary').innerText()).includes(fill(t['subsidy.runs.diff_summary'], { entered: 0, left: 1 })));
    const row = await page.locator('#diff-members tbody tr').first().innerText();
    assert.ok(row.includes(String(carol.memberId)) && row.includes(fill(t['subsidy.runs.code_excluded'], { list: 'pkh' })), row);
    await checkPage(page, 'id difference report', { lang: 'id' });
  });

  test('Chromium, English without JavaScript: the second officer confirms the run; axe on the same page with JavaScript', { timeout: 180_000 }, async () => {
    const t = CATALOG.en;
    const { page, context } = await staffSignIn(approver, 'en', `/staff/subsidy/runs`, false);
    const res = await page.goto(url(`/staff/subsidy/runs/${realRun}`));
    assert.equal(res.status(), 200);
    await checkPage(page, 'en run (no JavaScript)', { lang: 'en', js: false });
    await follow(page, page.getByRole('button', { name: t['subsidy.runs.confirm_submit'], exact: true }));
    assert.equal((await page.locator('#run-notice').innerText()).trim(), t['subsidy.runs.notice_confirmed']);
    assert.equal(Number(await one(`SELECT confirmed FROM subsidy_runs WHERE id = ${realRun}`)), 1);
    assert.equal(await auditCount('subsidy.run_confirmed'), 1);
    await context.close();
    const scripted = await staffSignIn(approver, 'en', `/staff/subsidy/runs`, true);
    await scripted.page.goto(url(`/staff/subsidy/runs/${realRun}`));
    await checkPage(scripted.page, 'en run confirmed', { lang: 'en' });
    await scripted.page.goto(url(`/staff/subsidy/runs/${realRun}/diff`));
    await checkPage(scripted.page, 'en difference report', { lang: 'en' });
  });

  test('shared account held with its reason for staff and the member; batches made, approved by the other officer, sent, the bank refuses bob', async () => {
    const list = await officer.client.get(`/staff/subsidy/batches?year=${YEAR}`);
    assert.ok(pageText(list).includes(fill(ID['subsidy.batch.held_shared_summary'], { count: 2 })), pageText(list).slice(0, 1200));
    const status = await dave.client.get('/subsidy');
    assert.ok([ID, CATALOG.en].some((c) => pageText(status).includes(c['subsidy.reason.bank_account_shared'])),
              'the member reads why the payment waits');
    const made = await officer.client.submit(`/staff/subsidy/batches?year=${YEAR}`, {}, { action: '/staff/subsidy/batches' });
    assert.equal(made.res.headers.location, `/staff/subsidy/batches?year=${YEAR}&notice=made`);
    batchId = Number(await one(`SELECT id FROM subsidy_batches WHERE program_year = ${YEAR} AND number = 1`));
    const members = (await sql(`SELECT member_id FROM subsidy_payments WHERE batch_id = ${batchId}`)).map((r) => Number(r.member_id));
    assert.ok(members.includes(alice.memberId) && members.includes(bob.memberId));
    assert.ok(!members.includes(dave.memberId) && !members.includes(erin.memberId), 'the shared account is held');
    assert.ok(!members.includes(carol.memberId), 'carol is excluded');
    const stepOf = async (client, action) => {
      await client.get(`/staff/subsidy/batches/${batchId}`);
      return client.post(`/staff/subsidy/batches/${batchId}/step`, { action });
    };
    assert.equal((await stepOf(officer.client, 'submit')).headers.location, `/staff/subsidy/batches/${batchId}?notice=submitted`);
    assert.equal((await stepOf(officer.client, 'approve')).headers.location, `/staff/subsidy/batches/${batchId}?refused=submitted_it`);
    assert.equal((await stepOf(approver.client, 'approve')).headers.location, `/staff/subsidy/batches/${batchId}?notice=approved`);
    const sent = await finance.client.submit(`/staff/subsidy/batches/${batchId}`, {}, { action: `/staff/subsidy/batches/${batchId}/send` });
    assert.equal(sent.res.headers.location, `/staff/subsidy/batches/${batchId}?notice=sent`);
    const file = await finance.client.get(`/staff/subsidy/batches/${batchId}/file`);
    assert.equal(file.status, 200);
    const rows = parseCsv(file.text).slice(1, -1);
    assert.equal(rows.length, members.length);
    const header = 'member,amount,result,reason,paid_on,bank_reference\r\n';
    const lines = rows.map((r) => (Number(r[2]) === bob.memberId
      ? `${r[2]},${r[9]},failed,account_closed,,\r\n`
      : `${r[2]},${r[9]},paid,,2026-01-05,TRX-${r[2]}\r\n`)).join('');
    await finance.client.get(`/staff/subsidy/batches/${batchId}`);
    const recorded = await postFile(finance.client, `/staff/subsidy/batches/${batchId}/results`, 'results', header + lines);
    assert.equal(recorded.status, 200, pageText(recorded).slice(0, 800));
    assert.ok(pageText(recorded).includes(fill(ID['subsidy.batch.imported'], { paid: rows.length - 1, failed: 1, unchanged: 0 })));
    assert.equal(await one(`SELECT result FROM subsidy_payments WHERE batch_id = ${batchId} AND member_id = ${bob.memberId}`), 'failed');
  });

  test('bob corrects his account behind step-up and is queued into the next batch by himself', async () => {
    await saveBank(bob, 'bri', '9876543299');
    await officer.client.submit(`/staff/subsidy/batches?year=${YEAR}`, {}, { action: '/staff/subsidy/batches' });
    const next = Number(await one(`SELECT id FROM subsidy_batches WHERE program_year = ${YEAR} AND number = 2`));
    const payments = await sql(`SELECT member_id, channel, account_last4 FROM subsidy_payments WHERE batch_id = ${next}`);
    const bobs = payments.find((p) => Number(p.member_id) === bob.memberId);
    assert.ok(bobs, 'bob is in the next batch');
    assert.equal(bobs.channel, 'bank');
    assert.equal(bobs.account_last4, '3299');
    assert.ok(!payments.some((p) => Number(p.member_id) === alice.memberId), 'alice was paid once');
  });
});

describe(`lumbung subsidy run killed mid-run and run again on ${backend}`, () => {
  let database;
  const env = (extra = {}) => ({ ...h.databaseEnv(database), LUMBUNG_JOBS_LEASE_SECONDS: '1', LUMBUNG_JOBS_POLL_SECONDS: '1', ...extra });
  const outcomes = (run) => id.sqlRows(database,
    `SELECT member_id, eligible, reasons, wage, wage_limit, account_problem FROM subsidy_outcomes WHERE run_id = ${run} ORDER BY member_id`);
  const runRow = async (run) => (await id.sqlRows(database, `SELECT state, members_done, members_total, eligible_count FROM subsidy_runs WHERE id = ${run}`))[0];

  before(async () => {
    database = await h.createDatabase();
    const migrated = await h.runLumbung(['migrate'], { env: env() });
    assert.equal(migrated.code, 0, migrated.stderr);
    await id.seedMembers(database, 40);
  });
  after(async () => { await database?.drop(); });

  test('resumes from its last committed step and ends as an uninterrupted run does (no member counted twice)', { timeout: 300_000 }, async () => {
    const args = ['subsidy', 'run', '--program', String(YEAR), '--dry-run', '--members-per-step', '7', '--no-summary'];
    const killed = await h.runLumbung(args, { env: env({ LUMBUNG_JOBS_EXIT_AFTER_STEPS: '2' }) });
    assert.equal(killed.code, 137, `ended abruptly after two steps\n${killed.stderr}`);
    const [{ id: run }] = await id.sqlRows(database, 'SELECT id FROM subsidy_runs');
    const interrupted = await runRow(run);
    assert.equal(interrupted.state, 'running');
    assert.equal(Number(interrupted.members_done), 14, 'two committed steps of 7');
    assert.equal((await outcomes(run)).length, 14);
    // Run again: the running run is worked on (no second one), from its cursor once the dead
    // process's lease has run out.
    const resumed = await h.runLumbung(args, { env: env() });
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match(resumed.stderr, new RegExp(`working on run ${run}|Working on run ${run}`));
    assert.match(resumed.stderr, /subsidy run: 21 of 40 members/, 'the first step after the resume starts at member 15');
    const done = await runRow(run);
    assert.equal(done.state, 'done');
    assert.equal(Number(done.members_done), 40);
    assert.equal(Number(done.members_total), 40);
    // The same run without interruption decides everyone alike.
    const whole = await h.runLumbung(args, { env: env() });
    assert.equal(whole.code, 0, whole.stderr);
    const [{ id: second }] = await id.sqlRows(database, 'SELECT MAX(id) AS id FROM subsidy_runs');
    assert.notEqual(Number(second), Number(run));
    assert.deepEqual(await outcomes(run), await outcomes(second));
    assert.equal(Number((await runRow(second)).eligible_count), Number(done.eligible_count));
  });
});
