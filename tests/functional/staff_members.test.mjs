// The fund staff's member look-up and record (src/identity/staff_member_routes.cc): staff holding
// member_services look members up by NIK, KPJ, e-mail address or name (masked list, audited
// without the query), open a record only with a reason (audited, shown to the member in their
// recent activity; the grant lives on the server, for that session), and act on the member's
// account: unlock, resend the confirmation link, end sessions, disable/enable, reset second
// factors after an identity check; each audited and mailed. Everyone else is refused. Through
// HTTP with a real SMTP sink, then in Chromium with axe-core (WCAG 2.2 AA) at 360 px, in id and
// en, with and without JavaScript. Backend: LUMBUNG_TEST_BACKEND.
// Requirement IDs: OWASP ASVS 4.0.3 V4.1.1 / V4.1.3 (least privilege by staff role), V4.2.2
// (CSRF), V7.1.1 / V7.2.2 (audit of access to personal data, no NIK in the log), V8.3.1 (no NIK
// in URLs), V8.3.4 / V8.3.5 (masked personal data, access to it logged), V2.2.1 (unlock after a
// lock), V3.3.x (sessions end), V2.5.x (second factors reset only after an identity check).
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

const pageText = (res) => h.decodeEntities(h.htmlText(res.text));
const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe(`fund staff: member look-up and record on ${backend}`, () => {
  let sink;
  let server;
  let portal;
  let pool;
  let staff;  // member_services: signedInStaff's result

  const sql = (query) => id.sqlRows(server.database, query);
  const auditCount = async (prefix = 'staff.member_') =>
    Number((await sql(`SELECT COUNT(*) AS n FROM audit_log WHERE action LIKE '${prefix}%'`))[0].n);
  const lastAudit = async (action) =>
    (await sql(`SELECT actor_user_id, subject_user_id, result, details FROM audit_log WHERE action = '${action}' ORDER BY id DESC LIMIT 1`))[0];

  // A registry member signs up, confirms the address and (unless told otherwise) signs in.
  async function registerMember({ verify = true } = {}) {
    const m = pool.take();
    const client = new id.Client(server.baseUrl);
    const email = id.uniqueEmail('anggota');
    const password = id.newPassword();
    const box = new id.Mailbox(sink, email);
    const { res } = await client.submit('/register', {
      nik: m.nik, kpj: m.kpj, birth_date: m.birth_date, email, username: '', password,
    });
    assert.equal(res.status, 303, pageText(res).slice(0, 300));
    if (verify) {
      await client.submit(id.mailLink(await box.next('verify_email'), '/verify-email'));
      const signed = await client.submit('/login', { identifier: email, password });
      assert.equal(signed.res.headers.location, '/dashboard');
    }
    const [row] = await sql(`SELECT id FROM accounts WHERE email = '${email}'`);
    return { ...m, memberId: Number(m.id), client, email, password, box, accountId: Number(row.id) };
  }

  // Failed sign-ins from new browsers until the account locks (login.lock_after = 3).
  async function lock(member) {
    for (let i = 0; i < 3; i++) {
      await new id.Client(server.baseUrl).submit('/login', { identifier: member.email, password: id.newPassword() });
    }
    assert.equal((await sql(`SELECT state FROM accounts WHERE id = ${member.accountId}`))[0].state, 'locked');
    await member.box.next('locked');
  }

  async function search(client, q) {
    await client.get('/staff/members');
    return client.post('/staff/members', { q });
  }

  async function open(client, memberId, reason = 'Telepon anggota, percakapan S-000123') {
    const { res } = await client.submit(`/staff/members/${memberId}/open`, { reason });
    return res;
  }

  // POSTs an action with the record page's CSRF token (or `csrf`: null for none).
  async function act(client, memberId, action, fields = {}, { csrf } = {}) {
    await client.get(`/staff/members/${memberId}`);
    return client.post(`/staff/members/${memberId}/${action}`, fields, { csrf: csrf === undefined ? client.csrf : csrf });
  }

  async function signInMember(member) {
    const client = new id.Client(server.baseUrl);
    const { res } = await client.submit('/login', { identifier: member.email, password: member.password });
    return { client, res };
  }

  before(async () => {
    sink = await startMailSink();
    server = await h.startServer({
      env: {
        ...sink.env,
        LUMBUNG_LOGIN_DELAY_AFTER: '3', LUMBUNG_LOGIN_LOCK_AFTER: '3',
        LUMBUNG_LOGIN_IP_FAILURES_PER_15MIN: '1000', LUMBUNG_REGISTER_IP_ATTEMPTS_PER_HOUR: '1000',
      },
    });
    portal = { baseUrl: server.baseUrl, database: server.database };
    await id.seedMembers(server.database, 20);
    pool = await id.MemberPool.load(server.database, 20);
    staff = await id.signedInStaff(portal, sink, { staffRoles: ['member_services'] });
  });
  after(async () => {
    await server?.stop();
    await sink?.stop();
  });

  test('ASVS 4.1.1, 4.1.3: every route and POST is refused to anonymous visitors, members, employer administrators and staff holding other roles (administrator, finance, content_editor)', async () => {
    const target = pool.take();
    const paths = ['/staff/members', `/staff/members/${target.id}`, `/staff/members/${target.id}/open`];
    const posts = ['/staff/members', `/staff/members/${target.id}/open`, `/staff/members/${target.id}/unlock`,
                   `/staff/members/${target.id}/resend-verification`, `/staff/members/${target.id}/end-sessions`,
                   `/staff/members/${target.id}/disable`, `/staff/members/${target.id}/enable`,
                   `/staff/members/${target.id}/reset-two-factor`];
    const fields = { q: target.nik, reason: 'Alasan yang cukup panjang', check_method: 'video_call', check_note: 'KTP diperiksa' };
    const before = await auditCount();

    const anonymous = new id.Client(server.baseUrl);
    for (const path of paths) {
      const res = await anonymous.get(path);
      assert.equal(res.status, 303, `anonymous GET ${path}`);
      assert.equal(res.headers.location, `/login?next=${encodeURIComponent(path)}`);
    }
    await anonymous.get('/login');
    for (const path of posts) assert.equal((await anonymous.post(path, fields)).status, 403, `anonymous POST ${path}`);

    const member = await registerMember();
    let [employer] = await sql('SELECT id FROM employers ORDER BY id LIMIT 1');
    const employerAdmin = await id.signedInEmployerAdmin(portal, sink, { employerId: Number(employer.id) });
    const others = [['member', member.client], ['employer_admin', employerAdmin.client]];
    for (const role of ['administrator', 'finance', 'content_editor']) {
      others.push([`staff ${role}`, (await id.signedInStaff(portal, sink, { staffRoles: [role] })).client]);
    }
    for (const [who, client] of others) {
      for (const path of paths) assert.equal((await client.get(path)).status, 403, `${who} GET ${path}`);
      await client.get('/dashboard');
      for (const path of posts) assert.equal((await client.post(path, fields)).status, 403, `${who} POST ${path}`);
      const home = await client.get('/dashboard');
      assert.ok(!home.text.includes('href="/staff/members"'), `${who}: no menu link`);
    }
    assert.equal(await auditCount(), before, 'nothing searched, opened or changed');
    const home = await staff.client.get('/staff/members');
    assert.equal(home.status, 200);
    assert.match(home.text, /href="\/staff\/members"[^>]*aria-current="page"/, 'the menu links here for member services');
  });

  test('ASVS 8.3.4, 7.1.1, 8.3.1: look-up by NIK, KPJ, e-mail and name (with or without an account); the list is masked; searching is audited with the kind and count, never the query; the NIK travels in the body, not the URL', async () => {
    const member = await registerMember();
    const noAccount = pool.take();
    const checks = [
      ['nik', member.nik, member], ['kpj', member.kpj, member], ['email', member.email.toUpperCase(), member],
      ['name', member.full_name.split(' ')[0].toLowerCase(), member], ['kpj', noAccount.kpj, noAccount],
    ];
    for (const [kind, q, who] of checks) {
      const before = await auditCount('staff.member_searched');
      const res = await search(staff.client, q);
      assert.equal(res.status, 200, `${kind}: ${pageText(res).slice(0, 300)}`);
      const text = pageText(res);
      assert.match(res.text, new RegExp(`href="/staff/members/${who.id}/open"`), `${kind} ${q}: the member is listed`);
      const table = h.decodeEntities(/<table[\s\S]*<\/table>/.exec(res.text)[0]);
      for (const secret of [who.nik, who.kpj, who.full_name, who.birth_date, who.email].filter(Boolean)) {
        assert.ok(!table.includes(secret), `${kind}: ${secret} is not in the list`);
      }
      assert.ok(table.includes(`•••• •••• •••• ${who.nik.slice(-4)}`), `${kind}: the NIK's last four`);
      assert.ok(table.includes(`${who.kpj.slice(0, 3)}•••••${who.kpj.slice(-3)}`), `${kind}: the KPJ masked in the middle`);
      assert.ok(table.includes(who.birth_date.slice(0, 4)), `${kind}: the birth year`);
      if (who === member) assert.ok(table.includes(`${member.email[0]}•••@example.id`), 'the e-mail masked');
      if (who === noAccount) assert.ok(text.includes(ID['identity.staff_members.no_account']));
      assert.equal(await auditCount('staff.member_searched'), before + 1);
      const audit = await lastAudit('staff.member_searched');
      assert.equal(Number(audit.actor_user_id), staff.accountId);
      assert.equal(audit.subject_user_id, null);
      const details = JSON.parse(audit.details);
      assert.equal(details.kind, kind);
      assert.ok(Number(details.shown) >= 1);
      assert.ok(!audit.details.includes(q) && !audit.details.includes(who.nik), 'never the query');
    }
    // Bad input: the error beside the field, nothing searched or audited.
    const before = await auditCount('staff.member_searched');
    for (const [q, problem] of [['', 'empty'], ['12345', 'digits'], ['siti@', 'email'], ['a', 'name_short']]) {
      const res = await search(staff.client, q);
      assert.equal(res.status, 422, q);
      assert.ok(h.htmlTitle(res.text).startsWith(ID['title.error_prefix'].trim()));
      assert.match(res.text, /id="f-q-error"/);
      assert.ok(pageText(res).includes(ID[`identity.staff_members.error.${problem}`]), `${q}: ${problem}`);
      assert.match(res.text, /href="#f-q"/, 'the summary links to the field');
    }
    assert.equal(await auditCount('staff.member_searched'), before);
    const none = await search(staff.client, 'Zzyzx Tidak Ada');
    assert.ok(pageText(none).includes(ID['identity.staff_members.count_none']));
    assert.ok(!server.stdout().includes(member.nik), 'the NIK is in no log line');
  });

  test('at most 50 rows, then "refine your search"', async () => {
    const rows = [];
    for (let i = 0; i < 51; i++) {
      const n = String(i).padStart(4, '0');
      rows.push(`('9${String(i).padStart(10, '0')}', '337401010190${n}', 'Zulkarnaen Banyak ${n}', '1990-01-01', 'M', 33, 'single', '2015-01-01', 'active')`);
    }
    await id.sqlExec(server.database,
      `INSERT INTO members (kpj, nik, full_name, birth_date, sex, province_code, marital_status, registered_on, status) VALUES ${rows.join(', ')}`);
    const res = await search(staff.client, 'zulkarnaen banyak');
    assert.equal(res.status, 200);
    assert.equal([...res.text.matchAll(/href="\/staff\/members\/\d+\/open"/g)].length, 50);
    assert.ok(pageText(res).includes(ID['identity.staff_members.refine']));
    assert.equal(JSON.parse((await lastAudit('staff.member_searched')).details).more, 'yes');
  });

  test('ASVS 8.3.5, 7.1.1: the record asks for a reason first; without one it is refused (the form again, no audit row); with one the view is audited once and the member sees "fund staff viewed your record"', async () => {
    const member = await registerMember();
    const record = `/staff/members/${member.id}`;
    const first = await staff.client.get(record);
    assert.equal(first.status, 303, 'no record without a reason');
    assert.equal(first.headers.location, `${record}/open`);
    const before = await auditCount();
    for (const [reason, problem] of [['', 'missing'], ['abc', 'too_short'], ['x'.repeat(501), 'too_long'], ['bel\u0007l ringing', 'characters']]) {
      const res = await open(staff.client, member.id, reason);
      assert.equal(res.status, 422, `${problem}: ${pageText(res).slice(0, 300)}`);
      assert.match(res.text, /id="f-reason-error"/);
      assert.match(res.text, /href="#f-reason"/);
      assert.match(res.text, /aria-describedby="f-reason-hint f-reason-error"/);
      assert.ok(pageText(res).includes(ID[`identity.staff_member_open.error.${problem}`].replace('{{min}}', '5').replace('{{max}}', '500')), problem);
    }
    assert.equal(await auditCount(), before, 'no audit row for a refused opening');
    assert.equal((await staff.client.get(record)).status, 303, 'still no record');

    const opened = await open(staff.client, member.id, 'Anggota menelepon, percakapan S-000123');
    assert.equal(opened.status, 303);
    assert.equal(opened.headers.location, record);
    const audit = await lastAudit('staff.member_viewed');
    assert.equal(Number(audit.actor_user_id), staff.accountId);
    assert.equal(Number(audit.subject_user_id), member.accountId);
    assert.deepEqual(JSON.parse(audit.details), { member: String(member.id), reason: 'Anggota menelepon, percakapan S-000123', ticket: 'S-000123' });
    const [grant] = await sql(`SELECT staff_account_id, expires_at - granted_at AS seconds FROM staff_member_access WHERE member_id = ${member.id}`);
    assert.equal(Number(grant.staff_account_id), staff.accountId);
    assert.equal(Number(grant.seconds), 30 * 60);

    const page = await staff.client.get(record);
    assert.equal(page.status, 200);
    const text = pageText(page);
    for (const shown of [member.full_name, member.kpj, member.email, `•••• •••• •••• ${member.nik.slice(-4)}`, ID['identity.staff_member.state.active']]) {
      assert.ok(text.includes(shown), `the record shows ${shown}`);
    }
    assert.ok(!text.includes(member.nik), 'the NIK stays masked on the record');
    assert.ok(text.includes(ID['identity.activity.login.succeeded']), 'recent security events');
    assert.ok(page.text.length < 50 * 1024);
    const views = await auditCount('staff.member_viewed');
    await staff.client.get(record);
    await staff.client.get(record);
    assert.equal(await auditCount('staff.member_viewed'), views, 'views within the grant are not audited again');

    // The grant is this session's: another member-services session needs its own reason.
    const colleague = await id.signedInStaff(portal, sink, { staffRoles: ['member_services'] });
    assert.equal((await colleague.client.get(record)).status, 303);
    assert.equal((await act(colleague.client, member.id, 'end-sessions')).status, 303, 'an action without a grant goes to the reason form');
    assert.equal((await sql(`SELECT COUNT(*) AS n FROM sessions WHERE account_id = ${member.accountId}`))[0].n * 1, 1, 'nothing ended');

    const security = await member.client.get('/account/security');
    assert.ok(pageText(security).includes(ID['identity.activity.staff.member_viewed']), 'the member sees it in recent activity');
    // Unknown members: 404 (after the guard).
    for (const bad of ['999999999', '0', '01', 'abc']) {
      assert.equal((await staff.client.get(`/staff/members/${bad}/open`)).status, 404, bad);
    }
  });

  test('ASVS 2.2.1: a locked member is unlocked by staff (audited, mailed) and can sign in again', async () => {
    const member = await registerMember();
    await lock(member);
    const refused = await signInMember(member);
    assert.equal(refused.res.status, 429, 'locked for a new browser');
    assert.equal((await open(staff.client, member.id)).status, 303);
    const page = await staff.client.get(`/staff/members/${member.id}`);
    assert.ok(pageText(page).includes(ID['identity.staff_member.action.unlock']));
    const res = await act(staff.client, member.id, 'unlock');
    assert.equal(res.status, 303, pageText(res).slice(0, 300));
    assert.equal(res.headers.location, `/staff/members/${member.id}?notice=unlocked`);
    assert.equal((await sql(`SELECT state FROM accounts WHERE id = ${member.accountId}`))[0].state, 'active');
    const audit = await lastAudit('staff.member_unlocked');
    assert.equal(Number(audit.actor_user_id), staff.accountId);
    assert.equal(Number(audit.subject_user_id), member.accountId);
    const mail = await member.box.next('staff_unlocked');
    assert.ok(id.mailLink(mail, '/report'), 'with a "this wasn\'t me" link');
    const again = await signInMember(member);
    assert.equal(again.res.status, 303, pageText(again.res).slice(0, 300));
    assert.equal(again.res.headers.location, '/dashboard');
    // Not locked any more: the action is refused with its reason and nothing changes.
    const before = await auditCount();
    const second = await act(staff.client, member.id, 'unlock');
    assert.equal(second.status, 422);
    assert.ok(pageText(second).includes(ID['identity.staff_member.refused.not_locked']));
    assert.equal(await auditCount(), before);
    const security = await again.client.get('/account/security');
    assert.ok(pageText(security).includes(ID['identity.activity.staff.member_unlocked']));
  });

  test('ASVS 3.3.x: ending all sessions really ends the member\'s session (audited, mailed)', async () => {
    const member = await registerMember();
    assert.equal((await member.client.get('/dashboard')).status, 200);
    await open(staff.client, member.id);
    const res = await act(staff.client, member.id, 'end-sessions');
    assert.equal(res.status, 303, pageText(res).slice(0, 300));
    const after = await member.client.get('/dashboard');
    assert.equal(after.status, 303, 'signed out');
    assert.match(after.headers.location, /^\/login/);
    await member.box.next('staff_sessions_ended');
    assert.equal(JSON.parse((await lastAudit('staff.member_sessions_ended')).details).count, '1');
  });

  test('disable and enable: sign-in refused while disabled; both audited and mailed', async () => {
    const member = await registerMember();
    await open(staff.client, member.id);
    assert.equal((await act(staff.client, member.id, 'disable')).status, 303);
    assert.equal((await member.client.get('/dashboard')).status, 303, 'the session ended');
    assert.equal((await signInMember(member)).res.status, 403);
    await member.box.next('account_disabled');
    assert.equal(Number((await lastAudit('staff.member_disabled')).subject_user_id), member.accountId);
    assert.equal((await act(staff.client, member.id, 'disable')).status, 422, 'already disabled');
    assert.equal((await act(staff.client, member.id, 'enable')).status, 303);
    await member.box.next('account_enabled');
    assert.equal((await signInMember(member)).res.headers.location, '/dashboard');
  });

  test('resending the confirmation link: pending accounts only, not within minutes of the last one', async () => {
    const member = await registerMember({ verify: false });
    await member.box.next('verify_email');
    await open(staff.client, member.id);
    const recent = await act(staff.client, member.id, 'resend-verification');
    assert.equal(recent.status, 422);
    assert.ok(pageText(recent).includes(ID['identity.staff_member.refused.verification_recent']));
    await id.sqlExec(server.database, `UPDATE account_tokens SET created_at = created_at - 600 WHERE account_id = ${member.accountId}`);
    const sent = await act(staff.client, member.id, 'resend-verification');
    assert.equal(sent.status, 303, pageText(sent).slice(0, 300));
    const mail = await member.box.next('verify_email');
    await new id.Client(server.baseUrl).submit(id.mailLink(mail, '/verify-email'));
    assert.equal((await sql(`SELECT state FROM accounts WHERE id = ${member.accountId}`))[0].state, 'active');
    assert.equal((await act(staff.client, member.id, 'resend-verification')).status, 422, 'confirmed: nothing to send');
  });

  test('ASVS 2.5.x: resetting second factors requires how identity was checked and a note; then every factor goes, the member is mailed, the audit names the check', async () => {
    const member = await registerMember();
    await id.enrolAuthenticator(member.client);
    const factors = () => sql(`SELECT COUNT(*) AS n FROM second_factors WHERE account_id = ${member.accountId}`).then((r) => Number(r[0].n));
    assert.equal(await factors(), 1);
    await open(staff.client, member.id);
    const page = await staff.client.get(`/staff/members/${member.id}`);
    assert.ok(pageText(page).includes('Ponsel'), 'the factor\'s name');
    const [stored] = await sql(`SELECT secret_sealed FROM second_factors WHERE account_id = ${member.accountId}`);
    assert.ok(!page.text.includes(stored.secret_sealed), 'never the sealed secret');
    const before = await auditCount();
    const missing = await act(staff.client, member.id, 'reset-two-factor', { check_method: '', check_note: '' });
    assert.equal(missing.status, 422);
    for (const [field, message] of [['check_method', ID['identity.staff_member.reset.error.method']],
                                    ['check_note', ID['identity.staff_member.reset.error.missing']]]) {
      assert.match(missing.text, new RegExp(`id="f-${field}-error"`), field);
      assert.match(missing.text, new RegExp(`href="#f-${field}"`), field);
      assert.ok(pageText(missing).includes(message), field);
    }
    const forged = await act(staff.client, member.id, 'reset-two-factor', { check_method: 'email', check_note: 'Dia bilang ya' });
    assert.equal(forged.status, 422, 'an unknown method');
    assert.match(forged.text, /id="f-check_note"[^>]*>Dia bilang ya</, 'the note kept');
    assert.equal(await factors(), 1, 'nothing removed');
    assert.equal(await auditCount(), before);
    const done = await act(staff.client, member.id, 'reset-two-factor', { check_method: 'branch_visit', check_note: 'KTP asli diperiksa di cabang Semarang' });
    assert.equal(done.status, 303, pageText(done).slice(0, 300));
    assert.equal(await factors(), 0);
    await member.box.next('two_factor_reset');
    const audit = await lastAudit('staff.member_two_factor_reset');
    const details = JSON.parse(audit.details);
    assert.equal(details.check, 'branch_visit');
    assert.equal(details.note, 'KTP asli diperiksa di cabang Semarang');
    assert.equal(Number(audit.subject_user_id), member.accountId);
    assert.equal((await member.client.get('/dashboard')).status, 303, 'sessions ended');
  });

  test('ASVS 4.2.2: POSTs without the CSRF token (or with another session\'s) are refused with 403 and change nothing', async () => {
    const member = await registerMember();
    await open(staff.client, member.id);
    const before = await auditCount();
    await staff.client.get('/staff/members');
    assert.equal((await staff.client.post('/staff/members', { q: member.nik }, { csrf: null })).status, 403);
    assert.equal((await staff.client.post(`/staff/members/${member.id}/open`, { reason: 'Alasan cukup panjang' }, { csrf: null })).status, 403);
    for (const action of ['unlock', 'end-sessions', 'disable', 'reset-two-factor']) {
      assert.equal((await act(staff.client, member.id, action, { check_method: 'video_call', check_note: 'Cukup panjang' }, { csrf: null })).status, 403, action);
      assert.equal((await act(staff.client, member.id, action, {}, { csrf: member.client.csrf })).status, 403, `${action}: another session's token`);
    }
    assert.equal(await auditCount(), before);
    assert.equal((await member.client.get('/dashboard')).status, 200, 'the member is untouched');
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

    async function checkPage(page, what, { javaScriptEnabled }) {
      if (javaScriptEnabled) {
        const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
        assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], what);
      }
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
        .catch(() => 0);
      assert.ok(overflow <= 0, `${what}: no horizontal scroll at 360 px (overflow ${overflow}px)`);
    }

    for (const [lang, javaScriptEnabled] of [['id', true], ['en', true], ['id', false]]) {
      test(`WCAG 2.2 AA (axe) at 360 px, ${lang}${javaScriptEnabled ? '' : ', without JavaScript'}: staff look up a locked member, give a reason and unlock them`, async () => {
        const t = CATALOG[lang];
        const member = await registerMember();
        await lock(member);
        const account = await id.signedInStaff(portal, sink, { staffRoles: ['member_services'], lang });
        const { context, page } = await id.signInInBrowser(browser, server.baseUrl, account, { lang, javaScriptEnabled, landing: '/staff/members' });
        try {
          const what = `${lang}${javaScriptEnabled ? '' : ' no-JS'}`;
          await checkPage(page, `${what} look-up`, { javaScriptEnabled });
          await page.getByRole('button', { name: t['identity.staff_members.submit'], exact: true }).click();
          await page.locator('#f-q-error').waitFor();
          await checkPage(page, `${what} look-up error`, { javaScriptEnabled });
          await page.getByLabel(t['identity.staff_members.query'], { exact: true }).fill(member.kpj);
          await page.getByRole('button', { name: t['identity.staff_members.submit'], exact: true }).click();
          await page.locator('#members').waitFor();
          await checkPage(page, `${what} results`, { javaScriptEnabled });
          await page.getByRole('link', { name: new RegExp(`^${escapeRegExp(t['identity.staff_members.open'])}`) }).click();
          await page.waitForURL((url) => url.pathname === `/staff/members/${member.id}/open`);
          await checkPage(page, `${what} reason`, { javaScriptEnabled });
          await page.getByRole('button', { name: t['identity.staff_member_open.submit'], exact: true }).click();
          await page.locator('#f-reason-error').waitFor();
          await checkPage(page, `${what} reason missing`, { javaScriptEnabled });
          await page.getByLabel(t['identity.staff_member_open.reason'], { exact: true }).fill('Telepon anggota, S-000777');
          await page.getByRole('button', { name: t['identity.staff_member_open.submit'], exact: true }).click();
          await page.waitForURL((url) => url.pathname === `/staff/members/${member.id}`);
          await page.locator('#account-state').waitFor();
          await checkPage(page, `${what} record`, { javaScriptEnabled });
          await page.getByRole('button', { name: t['identity.staff_member.action.unlock'], exact: true }).click();
          await page.waitForURL(/notice=unlocked$/);
          assert.ok((await page.locator('.notice--success').textContent()).includes(t['identity.staff_member.notice.unlocked']));
          await checkPage(page, `${what} unlocked`, { javaScriptEnabled });
          assert.equal((await sql(`SELECT state FROM accounts WHERE id = ${member.accountId}`))[0].state, 'active');
          await member.box.next('staff_unlocked');
          assert.equal((await signInMember(member)).res.headers.location, '/dashboard');
        } finally {
          await context.close();
        }
      });
    }
  });
});
