// The back office for the fund's administrators (src/backoffice): the audit log viewer
// (/staff/audit: filters, keyset pages, the CSV export through core/csv, the hash chain's check)
// and maintenance mode (/staff/maintenance: the switch, the message to members, the announced
// end; staff keep working while members and employers get the 503 page). Through HTTP as a
// staff administrator, staff with other roles, an employer's administrator, a member and an
// anonymous visitor, with a real SMTP sink; the chain is broken with the database's own tool
// (sqlite3 / psql); then in Chromium with axe-core at 360 px, with and without JavaScript.
// Backend: LUMBUNG_TEST_BACKEND. Requirement IDs: OWASP ASVS 4.0.3 V4.1.1 / V4.1.3 (access by
// role, least privilege), V4.2.2 (CSRF), V7.1.x / V7.2.x (audit of the log's own use), V7.3.3
// (tamper detection of the log), V5.3.x / V12 (CSV formula neutralisation), V1.14 / V14.
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
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
const FORMULA_AGENT = '=HYPERLINK("http://evil.example/","klik")';

const pageText = (res) => h.htmlText(res.text);
const fill = (message, values = {}) => message.replace(/\{\{(\w+)\}\}/g, (_, k) => String(values[k] ?? `{{${k}}}`));

// The fund's day (WIB, UTC+7) `offsetDays` from today as the three date fields.
function fundDay(offsetDays = 0) {
  const d = new Date(Date.now() + 7 * 3600_000 + offsetDays * 86_400_000);
  return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()) };
}
const dateQuery = (name, d) => `${name}_day=${d.day}&${name}_month=${d.month}&${name}_year=${d.year}`;

// The audit rows a page shows: [{id, action}].
const shownRows = (html) => [...html.matchAll(/<th scope="row"[^>]*>(\d+)<\/th>[\s\S]*?<code>([^<]*)<\/code>/g)]
  .map((m) => ({ id: Number(m[1]), action: m[2] }));

// A CSV text's records (RFC 4180: quoted cells may hold commas, quotes and line breaks).
function parseCsv(text) {
  const records = [];
  let record = [];
  let cell = '';
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; ++i) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { cell += '"'; ++i; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { record.push(cell); cell = ''; } else if (c === '\r') { /* CRLF */ } else if (c === '\n') {
      record.push(cell); records.push(record); record = []; cell = '';
    } else cell += c;
  }
  if (cell || record.length) { record.push(cell); records.push(record); }
  return records;
}

describe(`the back office on ${backend}`, () => {
  let sink;
  let server;
  let portal;
  let admin;     // a staff administrator (signed in, second factor set up)
  let analyst;   // staff holding every role but administrator
  let employer;  // an employer's administrator
  let member;    // {client, email, accountId, password}

  const sql = (query) => id.sqlRows(server.database, query);
  const cli = (...args) => h.runLumbung(['maintenance', ...args], { env: h.databaseEnv(server.database) });
  const lastAudit = async (action) => (await sql(`SELECT id, actor_user_id, result, details FROM audit_log WHERE action = '${action}' ORDER BY id DESC LIMIT 1`))[0];

  // The authenticator's next unspent code.
  async function freshCode(account) {
    for (;;) {
      try {
        return await id.nextTotp(account.key, account.step);
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  // `account` signs in on a fresh client: password, then the authenticator's next code.
  async function signIn(account, next) {
    const client = new id.Client(server.baseUrl);
    const first = await client.submit(`/login?next=${encodeURIComponent(next)}`, { identifier: account.email, password: account.password });
    assert.equal(first.res.status, 303, pageText(first.res).slice(0, 300));
    assert.equal(first.res.headers.location, `/login/second-factor?next=${encodeURIComponent(next)}`);
    const { code, step } = await freshCode(account);
    account.step = step;
    const second = await client.submit(first.res.headers.location, { code });
    assert.equal(second.res.status, 303, pageText(second.res).slice(0, 300));
    assert.equal(second.res.headers.location, next);
    return client;
  }

  before(async () => {
    sink = await startMailSink();
    server = await h.startServer({ env: { ...sink.env, LUMBUNG_MAINTENANCE_POLL_SECONDS: '0' } });
    portal = { baseUrl: server.baseUrl, database: server.database };
    await id.seedMembers(server.database, 3);
    await id.sqlExec(server.database,
      "INSERT INTO employers (npp, name, sector, province_code, jkk_risk_class, registered_on) VALUES " +
      "('BOFA0001', 'PT Uji Kantor', 'manufacturing', 31, 1, '2015-01-01')");
    const [employerRow] = await sql("SELECT id FROM employers WHERE npp = 'BOFA0001'");
    admin = await id.signedInStaff(portal, sink, { staffRoles: ['administrator'], name: 'Admin Dana' });
    analyst = await id.signedInStaff(portal, sink, {
      staffRoles: ['member_services', 'claims_verifier', 'claims_approver', 'finance', 'content_editor', 'analyst'],
      name: 'Petugas Lain',
    });
    employer = await id.signedInEmployerAdmin(portal, sink, { employerId: Number(employerRow.id) });
    const [m] = await id.memberRows(server.database, 1);
    const client = new id.Client(server.baseUrl);
    const email = id.uniqueEmail('backoffice-member');
    const password = id.newPassword();
    const { res } = await client.submit('/register', {
      nik: m.nik, kpj: m.kpj, birth_date: m.birth_date, email, username: '', password,
    });
    assert.equal(res.status, 303, pageText(res).slice(0, 300));
    await client.submit(id.mailLink(await new id.Mailbox(sink, email).next('verify_email'), '/verify-email'));
    assert.equal((await client.submit('/login', { identifier: email, password })).res.headers.location, '/dashboard');
    const [row] = await sql(`SELECT id FROM accounts WHERE email = '${email}'`);
    member = { client, email, password, accountId: Number(row.id) };
    // A failed sign-in at the member's account from a browser whose name looks like a formula.
    const stranger = new id.Client(server.baseUrl, { userAgent: FORMULA_AGENT });
    const failed = await stranger.submit('/login', { identifier: email, password: 'not-the-password-1' });
    assert.equal(failed.res.status, 422);
  });
  after(async () => {
    if (server && !server.exited()) await cli('off').catch(() => {});
    await server?.stop();
    await sink?.stop();
  });

  test('ASVS 4.1.1, 4.1.3, 4.2.2: only staff administrators reach the back office; anonymous visitors sign in first; members, employers and other staff get 403 on every route and POST', async () => {
    const gets = ['/staff/audit', '/staff/audit.csv', '/staff/maintenance', '/staff/audit?action=login.failed'];
    const posts = [['/staff/audit/verify', {}], ['/staff/maintenance', { message_id: 'x' }], ['/staff/maintenance/off', {}]];
    const [before] = await sql("SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE 'audit.%' OR action LIKE 'maintenance.%'");

    const anonymous = new id.Client(server.baseUrl);
    for (const target of gets) {
      const res = await anonymous.get(target);
      assert.equal(res.status, 303, target);
      assert.equal(res.headers.location, `/login?next=${encodeURIComponent(target)}`, target);
    }
    await anonymous.get('/login');
    for (const [target, fields] of posts) {
      assert.equal((await anonymous.post(target, fields, { csrf: anonymous.csrf })).status, 403, `anonymous ${target}`);
    }
    for (const [who, client] of [['member', member.client], ['employer', employer.client], ['other staff', analyst.client]]) {
      for (const target of gets) assert.equal((await client.get(target)).status, 403, `${who} ${target}`);
      await client.get('/account/security');
      for (const [target, fields] of posts) {
        assert.equal((await client.post(target, fields, { csrf: client.csrf })).status, 403, `${who} POST ${target}`);
      }
    }
    // The administrator without a CSRF token: refused too.
    for (const [target, fields] of posts) {
      assert.equal((await admin.client.post(target, fields, { csrf: null })).status, 403, `admin without CSRF ${target}`);
    }
    const [afterwards] = await sql("SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE 'audit.%' OR action LIKE 'maintenance.%'");
    assert.equal(Number(afterwards.n), Number(before.n), 'nothing was looked at or switched');
    assert.equal((await sql("SELECT * FROM app_settings WHERE name LIKE 'maintenance%' AND value <> 'off'")).length, 0);
  });

  test('ASVS 7.1.x, 7.2.x: the administrator filters the log by action, person and day; newest first; each look is itself audited with its filter', async () => {
    const all = await admin.client.get('/staff/audit');
    assert.equal(all.status, 200, pageText(all).slice(0, 300));
    assert.deepEqual(h.htmlH1s(all.text), [ID['backoffice.audit.title']]);
    const rows = shownRows(all.text);
    assert.ok(rows.length > 5, `rows: ${rows.length}`);
    assert.deepEqual(rows.map((r) => r.id), [...rows.map((r) => r.id)].sort((a, b) => b - a), 'newest first');
    assert.ok(Buffer.byteLength(all.text) < 50_000, `page size ${Buffer.byteLength(all.text)}`);
    const viewed = await lastAudit('audit.viewed');
    assert.equal(Number(viewed.actor_user_id), admin.accountId);
    assert.ok(Number(viewed.id) > rows[0].id, 'the look is recorded after what it showed');
    // Translated action texts where identity has them.
    assert.ok(pageText(all).includes(ID['identity.activity.login.failed']));

    // The member's failed sign-in, by the member's address and the action from the list.
    const again = await admin.client.get('/staff/audit');
    const options = [...again.text.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);
    assert.ok(options.includes('login.failed') && options.includes('audit.viewed'), options.join(' '));
    const failed = await admin.client.get(`/staff/audit?action=login.failed&subject=${encodeURIComponent(member.email.toUpperCase())}`);
    assert.equal(failed.status, 200);
    const failedRows = shownRows(failed.text);
    assert.equal(failedRows.length, 1);
    assert.equal(failedRows[0].action, 'login.failed');
    assert.ok(pageText(failed).includes(member.email), 'the subject is shown by name and address');
    const [stored] = await sql(`SELECT id FROM audit_log WHERE action = 'login.failed' AND subject_user_id = ${member.accountId}`);
    assert.equal(failedRows[0].id, Number(stored.id));
    const recorded = JSON.parse((await lastAudit('audit.viewed')).details);
    assert.deepEqual(recorded, { action: 'login.failed', subject: String(member.accountId) });

    // By the actor's account number; by a prefix; by today's fund day.
    const mine = shownRows((await admin.client.get(`/staff/audit?actor=${admin.accountId}`)).text);
    assert.ok(mine.length > 0 && mine.every((r) => r.action !== 'login.failed'));
    const [mineCount] = await sql(`SELECT COUNT(*) AS n FROM audit_log WHERE actor_user_id = ${admin.accountId} AND action <> 'audit.viewed'`);
    assert.ok(Number(mineCount.n) > 0);
    const logins = shownRows((await admin.client.get('/staff/audit?prefix=LOGIN.')).text);
    assert.ok(logins.length > 0 && logins.every((r) => r.action.startsWith('login.')), logins.map((r) => r.action).join(' '));
    const today = fundDay(0);
    const todays = await admin.client.get(`/staff/audit?${dateQuery('from', today)}&${dateQuery('to', today)}`);
    assert.equal(todays.status, 200);
    assert.ok(shownRows(todays.text).length > 0);
    const yesterday = fundDay(-1);
    const none = await admin.client.get(`/staff/audit?${dateQuery('from', yesterday)}&${dateQuery('to', yesterday)}`);
    assert.equal(none.status, 200);
    assert.equal(shownRows(none.text).length, 0);
    assert.ok(pageText(none).includes(ID['backoffice.audit.none']));

    // Bad input: a clear error beside the field, 400, nothing shown or recorded.
    const [lookedBefore] = await sql("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'audit.viewed'");
    const cases = [
      ['actor=nobody%40nowhere.example', 'actor', 'backoffice.audit.error.no_account'],
      ['subject=not+a+person', 'subject', 'backoffice.audit.error.person'],
      ['prefix=%3Cscript%3E', 'prefix', 'backoffice.audit.error.prefix'],
      [`${dateQuery('from', fundDay(1))}`, 'from', 'backoffice.date_problem.too_late'],
      [`${dateQuery('from', today)}&${dateQuery('to', yesterday)}`, 'to', 'backoffice.audit.error.to_before_from'],
    ];
    for (const [query, field, message] of cases) {
      const res = await admin.client.get(`/staff/audit?${query}`);
      assert.equal(res.status, 400, query);
      assert.ok(h.htmlTitle(res.text).startsWith(ID['title.error_prefix'].trim()), query);
      assert.ok(res.text.includes(`id="f-${field}-error"`), `${query}: error beside ${field}`);
      assert.ok(h.decodeEntities(res.text).includes(ID[message]), `${query}: ${message}`);
      assert.match(res.text, new RegExp(`href="#f-${field}(-day)?"`), `${query}: summary links to ${field}`);
      assert.equal(shownRows(res.text).length, 0);
    }
    const badAction = await admin.client.get('/staff/audit?action=%3Cb%3E');
    assert.equal(badAction.status, 400);
    assert.ok(badAction.text.includes('id="f-action-error"'));
    assert.ok(!badAction.text.includes('<b>'), 'typed text is escaped');
    const [lookedAfter] = await sql("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'audit.viewed'");
    assert.equal(Number(lookedAfter.n), Number(lookedBefore.n), 'a refused filter looked at nothing');
  });

  test('the log in pages: 25 newest first, older and newer links keep the filter', async () => {
    for (let i = 0; i < 30; ++i) await admin.client.get('/staff/audit?prefix=zz');  // 30 more audit.viewed rows
    const first = await admin.client.get('/staff/audit?action=audit.viewed');
    const firstRows = shownRows(first.text);
    assert.equal(firstRows.length, 25);
    assert.ok(firstRows.every((r) => r.action === 'audit.viewed'));
    const next = /<a href="([^"]*)" rel="next">/.exec(first.text)?.[1];
    assert.ok(next, 'a link to older events');
    assert.match(h.decodeEntities(next), /^\/staff\/audit\?action=audit\.viewed&before=\d+$/);
    const second = await admin.client.get(h.decodeEntities(next));
    const secondRows = shownRows(second.text);
    assert.ok(secondRows.length > 0);
    assert.ok(secondRows[0].id < firstRows.at(-1).id, 'the next page continues below the first');
    const previous = /<a href="([^"]*)" rel="prev">/.exec(second.text)?.[1];
    assert.ok(previous);
    const back = shownRows((await admin.client.get(h.decodeEntities(previous))).text);
    assert.deepEqual(back.map((r) => r.id), firstRows.map((r) => r.id), 'back to the same page');
  });

  test('ASVS 5.3.x, 7.1.x: the CSV export of the current filter, formula cells neutralised, itself audited', async () => {
    const res = await admin.client.get('/staff/audit.csv?action=login.failed');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/csv/);
    assert.match(res.headers['content-disposition'], /attachment; filename="audit-log\.csv"/);
    const records = parseCsv(res.text);
    const header = records[0];
    assert.equal(header[0], ID['backoffice.audit.csv.id']);
    const body = records.slice(1);
    assert.ok(body.length >= 1);
    const actionAt = header.indexOf(ID['backoffice.audit.csv.action']);
    const agentAt = header.indexOf(ID['backoffice.audit.csv.user_agent']);
    assert.ok(body.every((r) => r[actionAt] === 'login.failed'));
    const forged = body.find((r) => r[agentAt].includes('HYPERLINK'));
    assert.ok(forged, 'the failed sign-in with the formula-looking browser name');
    assert.equal(forged[agentAt], `'${FORMULA_AGENT}`, 'the formula is neutralised with an apostrophe');
    for (const record of records) {
      for (const cell of record) assert.ok(!/^[=+\-@\t\r]/.test(cell), `no cell starts a formula: ${cell}`);
    }
    const exported = await lastAudit('audit.exported');
    assert.equal(Number(exported.actor_user_id), admin.accountId);
    assert.deepEqual(JSON.parse(exported.details), { action: 'login.failed', rows: String(body.length) });
    // A bad filter goes back to the form with its errors.
    const bad = await admin.client.get('/staff/audit.csv?actor=x%20y');
    assert.equal(bad.status, 303);
    assert.equal(bad.headers.location, '/staff/audit?actor=x%20y');
  });

  test('ASVS 7.3.3: "check the chain" reports it intact, then the first row changed with the database\'s own tool', async () => {
    const intact = await admin.client.submit('/staff/audit', {}, { action: '/staff/audit/verify' });
    assert.equal(intact.res.status, 200, pageText(intact.res).slice(0, 300));
    const verified = await lastAudit('audit.chain_verified');
    const details = JSON.parse(verified.details);
    assert.equal(details.outcome, 'intact');
    assert.equal(verified.result, 'ok');
    const rows = Number(details.rows);
    assert.ok(rows >= Number(verified.id) - 1 && rows > 10, `rows ${rows}, check row ${verified.id}`);
    assert.ok(pageText(intact.res).includes(fill(ID['backoffice.verify.intact'], { rows })), pageText(intact.res).slice(0, 400));

    // Someone with write access to the database changes the failed sign-in's row.
    const [target] = await sql(`SELECT id FROM audit_log WHERE action = 'login.failed' AND subject_user_id = ${member.accountId}`);
    const k = Number(target.id);
    if (backend === 'sqlite') {
      await id.sqlExec(server.database,
        'DROP TRIGGER audit_log_no_update; ' +
        `UPDATE audit_log SET details = '{"reason":"forged"}' WHERE id = ${k}; ` +
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'UPDATE on audit_log refused: the audit log is append-only'); END;");
    } else {
      await id.sqlExec(server.database,
        'ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only; ' +
        `UPDATE audit_log SET action = 'login.succeeded' WHERE id = ${k}; ` +
        'ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only;');
    }
    const broken = await admin.client.submit('/staff/audit', {}, { action: '/staff/audit/verify' });
    assert.equal(broken.res.status, 200);
    const text = pageText(broken.res);
    const [count] = await sql(`SELECT COUNT(*) AS n FROM audit_log WHERE id < (SELECT MAX(id) FROM audit_log)`);
    assert.ok(text.includes(fill(ID['backoffice.verify.broken'], { row: k, rows: Number(count.n) })), text.slice(0, 600));
    const shown = /<dl class="summary-list" id="broken-row">[\s\S]*?<\/dl>/.exec(broken.res.text)?.[0] ?? '';
    assert.ok(shown.includes(`<dd>${k}</dd>`), 'the broken row is shown');
    if (backend === 'sqlite') assert.ok(h.decodeEntities(shown).includes('{"reason":"forged"}'), 'with its details as stored');
    else assert.ok(shown.includes('<code>login.succeeded</code>'), 'with its action as stored');
    const check = await lastAudit('audit.chain_verified');
    assert.equal(check.result, 'error');
    assert.deepEqual(JSON.parse(check.details), { outcome: 'broken', first_bad_id: String(k), rows: String(count.n) });
  });

  test('maintenance: on with a message and an end, members and employers get the 503 page with it, staff sign in and keep working, then off; the CLI shares the switch', async () => {
    const page = await admin.client.get('/staff/maintenance');
    assert.equal(page.status, 200);
    assert.ok(pageText(page).includes(ID['backoffice.maintenance.state.off']));
    // Refused input changes nothing.
    const tomorrow = fundDay(1);
    const badTime = await admin.client.submit('/staff/maintenance', {
      end_date_day: tomorrow.day, end_date_month: tomorrow.month, end_date_year: tomorrow.year, end_time: '25.00',
    });
    assert.equal(badTime.res.status, 422);
    assert.ok(badTime.res.text.includes('id="f-end_time-error"'));
    assert.ok(h.decodeEntities(badTime.res.text).includes(ID['backoffice.maintenance.error.end_time_bad']));
    const tooLong = await admin.client.submit('/staff/maintenance', { message_en: 'x'.repeat(301) });
    assert.equal(tooLong.res.status, 422);
    assert.ok(tooLong.res.text.includes('id="f-message_en-error"'));
    const past = await admin.client.submit('/staff/maintenance', {
      end_date_day: fundDay(-1).day, end_date_month: fundDay(-1).month, end_date_year: fundDay(-1).year, end_time: '10.00',
    });
    assert.equal(past.res.status, 422);
    assert.ok(h.decodeEntities(past.res.text).includes(ID['backoffice.maintenance.error.end_past']));
    assert.equal((await member.client.get('/dashboard')).status, 200, 'still open');

    const messageId = 'Kami memperbarui sistem <b>pembayaran</b>.';
    const messageEn = 'We are updating the payment system.';
    const on = await admin.client.submit('/staff/maintenance', {
      message_id: messageId, message_en: messageEn,
      end_date_day: tomorrow.day, end_date_month: tomorrow.month, end_date_year: tomorrow.year, end_time: '10.30',
    });
    assert.equal(on.res.status, 303, pageText(on.res).slice(0, 400));
    assert.equal(on.res.headers.location, '/staff/maintenance?notice=switched_on');
    const switched = await lastAudit('maintenance.switched_on');
    assert.equal(Number(switched.actor_user_id), admin.accountId);
    const switchedDetails = JSON.parse(switched.details);
    assert.equal(switchedDetails.text_id, messageId);
    assert.equal(switchedDetails.was, 'off');
    assert.match(switchedDetails.until, /^\d{4}-\d{2}-\d{2}T03:30:00\.000Z$/, '10.30 WIB');

    // Members: the 503 page with the message in their language and the announced end.
    const closed = await member.client.get('/dashboard');
    assert.equal(closed.status, 503);
    assert.ok(h.decodeEntities(closed.text).includes(messageId), 'the Indonesian message, escaped');
    assert.ok(!closed.text.includes('<b>pembayaran</b>'));
    const retry = Number(closed.headers['retry-after']);
    assert.ok(retry > 3600 && retry < 2 * 86_400, `Retry-After ${retry}`);
    assert.match(pageText(closed), /10\.30 WIB/);
    const english = await h.request(server.baseUrl, '/', { headers: { 'accept-language': 'en' } });
    assert.equal(english.status, 503);
    assert.ok(pageText(english).includes(messageEn));
    assert.equal((await employer.client.get('/employer')).status, 503, 'employers wait too');
    assert.equal((await analyst.client.get('/account/security')).status, 200, 'staff keep working');
    assert.equal((await analyst.client.get('/staff/audit')).status, 403, 'staff still need the role');
    // The sign-in steps stay open: a staff administrator signs in anew and uses the back office.
    assert.equal((await h.request(server.baseUrl, '/login')).status, 200);
    const fresh = await signIn(admin, '/staff/audit');
    assert.equal((await fresh.get('/staff/audit')).status, 200);
    const maintenancePage = await fresh.get('/staff/maintenance');
    assert.equal(maintenancePage.status, 200);
    assert.ok(h.decodeEntities(maintenancePage.text).includes(`value="${messageId}"`), 'the form shows the message');
    // A member can sign out; signing in gets them nowhere until the end.
    const leaving = await member.client.submit('/logout', {});
    assert.equal(leaving.res.status, 303);
    const memberAgain = new id.Client(server.baseUrl);
    const signedIn = await memberAgain.submit('/login', { identifier: member.email, password: member.password });
    assert.equal(signedIn.res.status, 303);
    assert.equal((await memberAgain.get('/dashboard')).status, 503);
    assert.equal((await memberAgain.post('/account/stay-signed-in', {}, { csrf: memberAgain.csrf })).status, 503);

    // Off, from the page the signed-in staff opened during maintenance.
    const off = await fresh.submit('/staff/maintenance', {}, { action: '/staff/maintenance/off' });
    assert.equal(off.res.status, 303);
    assert.equal(off.res.headers.location, '/staff/maintenance?notice=switched_off');
    assert.equal((await memberAgain.get('/dashboard')).status, 200);
    assert.equal(JSON.parse((await lastAudit('maintenance.switched_off')).details).was, 'on');
    assert.equal((await sql("SELECT * FROM app_settings WHERE name LIKE 'maintenance.%'")).length, 0, 'the message went with it');

    // The command line switches the same storage; the page shows it.
    assert.equal((await cli('on', '--minutes', '20')).code, 0);
    const viaCli = await memberAgain.get('/dashboard');
    assert.equal(viaCli.status, 503);
    assert.ok(!h.decodeEntities(viaCli.text).includes(messageId));
    assert.ok(pageText(await fresh.get('/staff/maintenance')).includes(fill(ID['backoffice.maintenance.state.on_until'], { until: '' }).split(':')[0]));
    assert.equal((await cli('off')).code, 0);
    assert.equal((await memberAgain.get('/dashboard')).status, 200);
  });

  describe('in Chromium', () => {
    let browser;
    before(async () => {
      browser = await chromium.launch({
        executablePath: process.env.LUMBUNG_TEST_CHROMIUM || '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      });
    });
    after(async () => { await browser?.close(); });

    async function checkPage(page, what, script) {
      assert.ok(Buffer.byteLength(await page.content()) < 50 * 1024, `${what}: under 50 KB`);
      if (!script) return;  // axe and page.evaluate run only where JavaScript does
      const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], what);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${what}: no horizontal scroll at 360 px (overflow ${overflow}px)`);
    }

    for (const [lang, javaScriptEnabled] of [['id', true], ['en', true], ['id', false]]) {
      const how = javaScriptEnabled ? 'WCAG 2.2 AA (axe) at 360 px' : 'without JavaScript at 360 px (under 50 KB)';
      test(`${how} in ${lang}: the audit log, a filter, its errors, the chain check and maintenance on and off`, async () => {
        const t = CATALOG[lang];
        const account = await id.signedInStaff(portal, sink, { staffRoles: ['administrator'], lang });
        const { context, page } = await id.signInInBrowser(browser, server.baseUrl, account, { lang, javaScriptEnabled, landing: '/staff/audit' });
        try {
          await checkPage(page, `${lang} /staff/audit`, javaScriptEnabled);
          // The filter by a prefix, through the form.
          await page.getByLabel(t['backoffice.audit.field.prefix']).fill('login.');
          await page.getByRole('button', { name: t['backoffice.audit.filter_submit'], exact: true }).click();
          await page.waitForURL(/prefix=login\./);
          const actions = await page.locator('#audit-rows tbody code').allTextContents();
          assert.ok(actions.length > 0 && actions.every((a) => a.startsWith('login.')), actions.join(' '));
          await checkPage(page, `${lang} filtered`, javaScriptEnabled);
          // Errors.
          await page.getByLabel(t['backoffice.audit.field.actor']).fill('not a person');
          await page.getByRole('button', { name: t['backoffice.audit.filter_submit'], exact: true }).click();
          await page.locator('.error-summary').waitFor();
          assert.ok((await page.title()).startsWith(t['title.error_prefix'].trim()));
          await checkPage(page, `${lang} filter errors`, javaScriptEnabled);
          // The chain check (broken by the test above).
          await page.goto(`${server.baseUrl}/staff/audit`);
          await page.getByRole('button', { name: t['backoffice.verify.submit'], exact: true }).click();
          await page.locator('#verify-result').waitFor();
          await checkPage(page, `${lang} chain check`, javaScriptEnabled);
          // Maintenance: the page, an error, on, off.
          await page.goto(`${server.baseUrl}/staff/maintenance`);
          await checkPage(page, `${lang} /staff/maintenance`, javaScriptEnabled);
          await page.locator('#f-end_time').fill('99');
          await page.getByRole('button', { name: t['backoffice.maintenance.switch_on'], exact: true }).click();
          await page.locator('.error-summary').waitFor();
          await checkPage(page, `${lang} maintenance errors`, javaScriptEnabled);
          await page.locator('#f-end_time').fill('');
          await page.locator('#f-message_en').fill('Back soon.');
          await page.getByRole('button', { name: t['backoffice.maintenance.switch_on'], exact: true }).click();
          await page.waitForURL(/notice=switched_on$/);
          await checkPage(page, `${lang} maintenance on`, javaScriptEnabled);
          const closed = await h.request(server.baseUrl, '/', { headers: { 'accept-language': 'en' } });
          assert.equal(closed.status, 503);
          assert.ok(pageText(closed).includes('Back soon.'));
          await page.getByRole('button', { name: t['backoffice.maintenance.switch_off'], exact: true }).click();
          await page.waitForURL(/notice=switched_off$/);
          assert.equal((await h.request(server.baseUrl, '/')).status, 200);
        } finally {
          await context.close();
        }
      });
    }
  });
});
