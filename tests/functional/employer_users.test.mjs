// An employer's accounts (src/employers/user_routes.cc over identity's Invite and SetDisabled):
// the employer's administrator lists the employer's accounts, invites staff (role
// employer_staff) by mail and disables or enables them. Through HTTP as the administrator, the
// invited staff member, another employer's administrator (IDOR), a member and an anonymous
// visitor, with a real SMTP sink; then in Chromium with axe-core (WCAG 2.2 AA) at 360 px.
// Backend: LUMBUNG_TEST_BACKEND. Requirement IDs: OWASP ASVS 4.0.3 V4.1.1 / V4.1.3 (access by
// role, least privilege), V4.2.1 (IDOR), V4.2.2 (CSRF), V2.5.x / V2.7 (invitation links,
// single use, then a forced second factor), V3.3.x (sessions end when disabled), V7.1 (audit
// without personal data).
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

const pageText = (res) => h.htmlText(res.text);
const fill = (message, values = {}) => message.replace(/\{\{(\w+)\}\}/g, (_, k) => String(values[k] ?? `{{${k}}}`));

// POSTs `fields` with the CSRF token of `page` (fetched first), or `csrf` (null: none).
async function postWith(client, target, fields, { page = '/employer/users', csrf } = {}) {
  let token = csrf;
  if (token === undefined) {
    await client.get(page);
    token = client.csrf;
  }
  return client.post(target, fields, { csrf: token });
}

// The field's error is on the page: beside the field, in the summary as a link to it, and in
// the title (ui-patterns.md).
function assertFieldError(res, field, message, t = ID) {
  assert.equal(res.status, 422, `${field}: ${pageText(res).slice(0, 500)}`);
  assert.ok(h.htmlTitle(res.text).startsWith(t['title.error_prefix'].trim()), `title of ${field} error`);
  const beside = new RegExp(`id="f-${field}-error"><span class="visually-hidden">[^<]*</span>([^<]*)</span>`).exec(res.text);
  assert.ok(beside, `an error beside ${field}: ${pageText(res).slice(0, 500)}`);
  assert.equal(h.decodeEntities(beside[1]), message, `the message beside ${field}`);
  assert.match(res.text, new RegExp(`aria-describedby="[^"]*\\bf-${field}-error\\b`), `${field}: tied with aria-describedby`);
  const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(res.text)?.[0] ?? '';
  assert.ok(h.decodeEntities(summary).includes(message), `${field}: the summary names it`);
  assert.match(summary, new RegExp(`href="#f-${field}"`), `${field}: the summary links to it`);
}

// The account ids a /employer/users page offers to disable or enable.
const actionIds = (html) => [...html.matchAll(/action="\/employer\/users\/(\d+)\/(?:disable|enable)"/g)].map((m) => Number(m[1]));

describe(`an employer's user accounts on ${backend}`, () => {
  let sink;
  let server;
  let portal;
  let acme;    // {id, name}: the employer under test
  let other;   // another employer
  let admin;   // acme's administrator (signed in, second factor set up)
  let rival;   // the other employer's administrator
  let member;  // a member's account: {client, email, accountId}
  let staff;   // a staff member acme's administrator invited: acceptInvitation's result

  const sql = (query) => id.sqlRows(server.database, query);
  async function snapshot() {
    const [row] = await sql(
      'SELECT (SELECT COUNT(*) FROM accounts) AS accounts, ' +
      "(SELECT COUNT(*) FROM accounts WHERE state = 'disabled') AS disabled, " +
      '(SELECT COUNT(*) FROM sessions) AS sessions, ' +
      "(SELECT COUNT(*) FROM audit_log WHERE action LIKE 'employer.user_%') AS audited, " +
      '(SELECT COUNT(*) FROM mail_outbox) AS mails');
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
  }

  // The administrator invites `name` at a new address in `lang`; the person accepts and signs in.
  async function invite(name, lang = 'id') {
    const email = id.uniqueEmail('staf');
    const { res } = await admin.client.submit('/employer/users', { name, email, lang }, { action: '/employer/users/invite' });
    assert.equal(res.status, 303, pageText(res).slice(0, 500));
    assert.equal(res.headers.location, '/employer/users?notice=invited');
    return id.acceptInvitation(portal, sink, { email, lang });
  }

  // The authenticator's next unspent code (a code works once: within the step of the last one
  // used, wait for the next step).
  async function freshCode(account) {
    for (;;) {
      try {
        return await id.nextTotp(account.key, account.step);
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  // Signs `account` in on a fresh client: password, then the authenticator's next code.
  async function signIn(account, next = '/employer/workers') {
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
    server = await h.startServer({ env: { ...sink.env } });
    portal = { baseUrl: server.baseUrl, database: server.database };
    await id.seedMembers(server.database, 5);
    await id.sqlExec(server.database,
      "INSERT INTO employers (npp, name, sector, province_code, jkk_risk_class, registered_on) VALUES " +
      "('USRA0001', 'PT Uji Akun', 'manufacturing', 31, 1, '2015-01-01'), " +
      "('USRB0002', 'CV Akun Lain', 'trade', 32, 0, '2016-01-01')");
    const employers = await sql("SELECT id, name FROM employers WHERE npp IN ('USRA0001', 'USRB0002') ORDER BY npp");
    acme = { id: Number(employers[0].id), name: employers[0].name };
    other = { id: Number(employers[1].id), name: employers[1].name };
    admin = await id.signedInEmployerAdmin(portal, sink, { employerId: acme.id });
    rival = await id.signedInEmployerAdmin(portal, sink, { employerId: other.id });
    // A member with a portal account.
    const [m] = await id.memberRows(server.database, 1);
    const client = new id.Client(server.baseUrl);
    const email = id.uniqueEmail('users-member');
    const password = id.newPassword();
    const { res } = await client.submit('/register', {
      nik: m.nik, kpj: m.kpj, birth_date: m.birth_date, email, username: '', password,
    });
    assert.equal(res.status, 303, pageText(res).slice(0, 300));
    await client.submit(id.mailLink(await new id.Mailbox(sink, email).next('verify_email'), '/verify-email'));
    assert.equal((await client.submit('/login', { identifier: email, password })).res.headers.location, '/dashboard');
    const [row] = await sql(`SELECT id FROM accounts WHERE email = '${email}'`);
    member = { client, email, accountId: Number(row.id) };
  });
  after(async () => {
    await server?.stop();
    await sink?.stop();
  });

  test('ASVS 4.1.1, 4.1.3: /employer/users is the employer administrator\'s only: anonymous visitors sign in first, a member and the fund\'s staff get 403', async () => {
    const anonymous = await h.request(server.baseUrl, '/employer/users');
    assert.equal(anonymous.status, 303);
    assert.equal(anonymous.headers.location, `/login?next=${encodeURIComponent('/employer/users')}`);
    const stranger = new id.Client(server.baseUrl);
    const before = await snapshot();
    for (const path of ['/employer/users/invite', `/employer/users/${admin.accountId}/disable`]) {
      const res = await postWith(stranger, path, { name: 'X', email: id.uniqueEmail('x'), lang: 'id' }, { page: '/login' });
      assert.equal(res.status, 403, `anonymous POST ${path}`);
    }
    assert.equal((await member.client.get('/employer/users')).status, 403, 'a member');
    const memberPost = await postWith(member.client, '/employer/users/invite', { name: 'X', email: id.uniqueEmail('x'), lang: 'id' }, { page: '/dashboard' });
    assert.equal(memberPost.status, 403, 'a member cannot invite');
    const fundStaff = await id.signedInStaff(portal, sink, { staffRoles: ['administrator'] });
    const afterStaff = await snapshot();
    assert.equal((await fundStaff.client.get('/employer/users')).status, 403, 'the fund\'s staff');
    assert.equal((await postWith(fundStaff.client, `/employer/users/${admin.accountId}/disable`, {}, { page: '/dashboard' })).status, 403);
    assert.deepEqual(await snapshot(), afterStaff);
    assert.equal(before.accounts + 1, afterStaff.accounts, 'only the fund staff account was made');
  });

  test('the administrator sees the employer\'s accounts (name, e-mail, role, state) and the invite form; never another employer\'s', async () => {
    const res = await admin.client.get('/employer/users');
    assert.equal(res.status, 200);
    assert.deepEqual(h.htmlH1s(res.text), [ID['employers.users.title']]);
    const text = pageText(res);
    assert.ok(text.includes(admin.email), 'their own account');
    assert.ok(text.includes(ID['identity.role.employer_admin']));
    assert.ok(text.includes(ID['employers.users.you']));
    assert.ok(!text.includes(rival.email), 'not the other employer\'s administrator');
    assert.deepEqual(actionIds(res.text), [], 'no button for oneself');
    assert.match(res.text, /<form method="post" action="\/employer\/users\/invite"/);
    for (const field of ['name', 'email', 'lang']) assert.match(res.text, new RegExp(`id="f-${field}"`), field);
    assert.match(res.text, /href="\/employer\/users"[^>]*aria-current="page"/, 'the menu links here and marks it');
    assert.ok(res.text.length < 50 * 1024);
  });

  test('ASVS 2.5.x, 2.7: the administrator invites a staff member: an employer_staff account of this employer, the invitation mail in the chosen language, its link sets the password once, two-factor set-up is forced at the first sign-in; audited (ASVS 7.1.1)', async () => {
    const email = id.uniqueEmail('staf');
    const before = await snapshot();
    const { res } = await admin.client.submit('/employer/users', { name: '  Rina   Wati ', email: email.toUpperCase(), lang: 'en' },
                                              { action: '/employer/users/invite' });
    assert.equal(res.status, 303, pageText(res).slice(0, 500));
    assert.equal(res.headers.location, '/employer/users?notice=invited');
    const [account] = await sql(`SELECT id, role, state, employer_id, display_name, lang, password_hash FROM accounts WHERE email = '${email}'`);
    assert.ok(account, 'the account, its address lower-cased');
    assert.equal(account.role, 'employer_staff');
    assert.equal(account.state, 'pending');
    assert.equal(Number(account.employer_id), acme.id, 'this employer: the session\'s, never the form\'s');
    assert.equal(account.display_name, 'Rina Wati');
    assert.equal(account.lang, 'en');
    assert.equal(account.password_hash, null);
    const [audit] = await sql(
      `SELECT actor_user_id, subject_user_id, result, details FROM audit_log WHERE action = 'employer.user_invited' ORDER BY id DESC LIMIT 1`);
    assert.equal(Number(audit.actor_user_id), admin.accountId);
    assert.equal(Number(audit.subject_user_id), Number(account.id));
    assert.equal(audit.result, 'ok');
    assert.deepEqual(JSON.parse(audit.details), { employer: String(acme.id), role: 'employer_staff' });
    assert.ok(!audit.details.includes(email), 'no address in the audit');
    const after = await snapshot();
    assert.equal(after.accounts, before.accounts + 1);
    const notice = await admin.client.get('/employer/users?notice=invited');
    assert.ok(pageText(notice).includes(ID['employers.users.notice.invited']));
    assert.ok(pageText(notice).includes(email) && pageText(notice).includes(ID['employers.users.state.invited']));

    const box = new id.Mailbox(sink, email, { lang: 'en' });
    staff = await id.acceptInvitation(portal, sink, { email, lang: 'en', box });
    assert.ok(staff.mail.text.includes(EN['identity.role.employer_staff']), 'the mail names the role');
    // The link works once.
    const again = await new id.Client(server.baseUrl).get(id.mailLink(staff.mail, '/invitation'));
    assert.equal(again.status, 410, 'a used invitation link is dead');
    const [accepted] = await sql(`SELECT state FROM accounts WHERE id = ${staff.accountId}`);
    assert.equal(accepted.state, 'active');
    const list = await admin.client.get('/employer/users');
    assert.ok(actionIds(list.text).includes(staff.accountId), 'the administrator may disable them');
    // The invited person's recent activity names the invitation.
    const security = await staff.client.get('/account/security');
    assert.ok(pageText(security).includes(ID['identity.activity.employer.user_invited']));
  });

  test('ASVS 4.1.3: employer staff use the employer\'s pages (home, workers, wage reports, bills) but not its accounts: 403 there, and no link to it', async () => {
    assert.ok(staff, 'the invitation test ran');
    for (const path of ['/employer', '/employer/workers', '/employer/workers/new', '/employer/reports', '/employer/bills']) {
      const res = await staff.client.get(path);
      assert.equal(res.status, 200, `${path}: ${pageText(res).slice(0, 200)}`);
      assert.ok(!res.text.includes('href="/employer/users"'), `${path}: no link to the accounts page`);
      assert.match(res.text, /href="\/employer\/workers"/, `${path}: the employer menu`);
    }
    const dashboard = await staff.client.get('/dashboard');
    assert.match(dashboard.text, /href="\/employer"/, 'the employer card on the account home');
    const before = await snapshot();
    assert.equal((await staff.client.get('/employer/users')).status, 403);
    const invited = await postWith(staff.client, '/employer/users/invite', { name: 'Teman', email: id.uniqueEmail('x'), lang: 'id' }, { page: '/employer/workers' });
    assert.equal(invited.status, 403);
    const disabled = await postWith(staff.client, `/employer/users/${admin.accountId}/disable`, {}, { page: '/employer/workers' });
    assert.equal(disabled.status, 403);
    assert.deepEqual(await snapshot(), before);
    assert.equal((await admin.client.get('/employer/users')).status, 200, 'the administrator still signed in');
  });

  test('ASVS 2.5.x: inviting an address that has an account (a member\'s, another employer\'s, this employer\'s) says so beside the field and changes nothing; the refusal is audited without the address', async () => {
    const before = await snapshot();
    for (const taken of [member.email, rival.email, staff.email.toUpperCase(), ` ${admin.email} `]) {
      const { res } = await admin.client.submit('/employer/users', { name: 'Orang Lain', email: taken, lang: 'id' },
                                                { action: '/employer/users/invite' });
      assertFieldError(res, 'email', ID['employers.users.error.email_taken']);
      assert.match(res.text, new RegExp(`id="f-email"[^>]*value="${taken.replace(/[.+]/g, '\\$&')}"`), 'the address kept as typed');
      assert.match(res.text, /id="f-name"[^>]*value="Orang Lain"/, 'the name kept');
    }
    const after = await snapshot();
    assert.equal(after.accounts, before.accounts, 'no account');
    assert.equal(after.mails, before.mails, 'no mail, to anyone');
    assert.equal(after.audited, before.audited + 4, 'each refusal audited');
    const refusals = await sql("SELECT subject_user_id, result, details FROM audit_log WHERE action = 'employer.user_invited' AND result = 'denied'");
    for (const r of refusals) {
      assert.equal(r.subject_user_id, null, 'not whose address it is');
      assert.deepEqual(JSON.parse(r.details), { employer: String(acme.id), reason: 'email_taken' });
    }
    const security = await admin.client.get('/account/security');
    assert.ok(pageText(security).includes(ID['identity.activity_refused.employer.user_invited']));
  });

  test('ASVS 5.1.3: the invite form checks every field at once and keeps what was typed', async () => {
    const before = await snapshot();
    const empty = await postWith(admin.client, '/employer/users/invite', { name: '  ', email: '', lang: 'id' });
    assertFieldError(empty, 'name', ID['employers.users.error.name_missing']);
    assertFieldError(empty, 'email', ID['employers.users.error.email_missing']);
    const wrong = await postWith(admin.client, '/employer/users/invite', { name: 'x'.repeat(101), email: 'rina@', lang: 'fr' });
    assertFieldError(wrong, 'name', ID['employers.users.error.name_too_long']);
    assertFieldError(wrong, 'email', ID['employers.users.error.email_invalid']);
    assertFieldError(wrong, 'lang', ID['employers.users.error.lang']);
    assert.match(wrong.text, /id="f-email"[^>]*value="rina@"/);
    const control = await postWith(admin.client, '/employer/users/invite', { name: 'Rina\u0007', email: id.uniqueEmail('x'), lang: 'en' });
    assertFieldError(control, 'name', ID['employers.users.error.name_characters']);
    assert.deepEqual(await snapshot(), before);
  });

  test('ASVS 3.3.x, 4.1.1: disabling a staff member ends their sessions at once and stops their sign-in; they are mailed; enabling lets them back in; both audited', async () => {
    const person = await invite('Budi Staf');
    assert.equal((await person.client.get('/employer/workers')).status, 200);
    const other = await signIn(person);  // a second browser
    const box = new id.Mailbox(sink, person.email);
    const before = await snapshot();
    const disabled = await postWith(admin.client, `/employer/users/${person.accountId}/disable`, {});
    assert.equal(disabled.status, 303);
    assert.equal(disabled.headers.location, '/employer/users?notice=disabled');
    for (const client of [person.client, other]) {
      const res = await client.get('/employer/workers');
      assert.equal(res.status, 303, 'the session ended at once');
      assert.match(res.headers.location, /^\/login\?next=/);
      const post = await postWith(client, '/employer/workers/new', { nik: '1' }, { csrf: client.csrf ?? 'x' });
      assert.equal(post.status, 403);
    }
    const [row] = await sql(`SELECT state, (SELECT COUNT(*) FROM sessions WHERE account_id = ${person.accountId}) AS sessions FROM accounts WHERE id = ${person.accountId}`);
    assert.equal(row.state, 'disabled');
    assert.equal(Number(row.sessions), 0);
    const refused = await new id.Client(server.baseUrl).submit('/login', { identifier: person.email, password: person.password });
    assert.equal(refused.res.status, 403, 'sign-in refused');
    assert.ok(pageText(refused.res).includes(ID['identity.login.disabled']));
    const mail = await box.next('account_disabled');
    assert.ok(mail.text.includes(acme.name), 'the mail names the employer');
    const [audit] = await sql("SELECT actor_user_id, subject_user_id, details FROM audit_log WHERE action = 'employer.user_disabled' ORDER BY id DESC LIMIT 1");
    assert.equal(Number(audit.actor_user_id), admin.accountId);
    assert.equal(Number(audit.subject_user_id), person.accountId);
    assert.deepEqual(JSON.parse(audit.details), { employer: String(acme.id) });
    const list = await admin.client.get('/employer/users?notice=disabled');
    assert.ok(pageText(list).includes(ID['employers.users.notice.disabled']));
    assert.match(list.text, new RegExp(`action="/employer/users/${person.accountId}/enable"`), 'offered to enable');
    assert.equal((await snapshot()).audited, before.audited + 1);
    // Disabling again changes nothing more.
    assert.equal((await postWith(admin.client, `/employer/users/${person.accountId}/disable`, {})).status, 303);
    assert.equal((await snapshot()).audited, before.audited + 1);

    const enabled = await postWith(admin.client, `/employer/users/${person.accountId}/enable`, {});
    assert.equal(enabled.status, 303);
    assert.equal(enabled.headers.location, '/employer/users?notice=enabled');
    assert.equal((await sql(`SELECT state FROM accounts WHERE id = ${person.accountId}`))[0].state, 'active');
    await box.next('account_enabled');
    assert.equal((await sql("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'employer.user_enabled'"))[0].n * 1, 1);
    const back = await signIn(person);
    assert.equal((await back.get('/employer/workers')).status, 200, 'signed in again');
  });

  test('ASVS 4.2.1: never oneself nor another administrator (403); another employer\'s, a member\'s or an unknown account id is 404; nothing changes', async () => {
    const second = await id.signedInEmployerAdmin(portal, sink, { employerId: acme.id, name: 'Admin Kedua' });
    const before = await snapshot();
    for (const target of [admin.accountId, second.accountId]) {
      for (const action of ['disable', 'enable']) {
        const res = await postWith(admin.client, `/employer/users/${target}/${action}`, {});
        assert.equal(res.status, 403, `${action} administrator ${target}`);
      }
    }
    const list = await admin.client.get('/employer/users');
    assert.ok(pageText(list).includes(second.email), 'the second administrator is listed');
    assert.ok(!actionIds(list.text).includes(second.accountId), 'without a button');
    // The other employer's administrator, for acme's accounts: as if they did not exist.
    const unknown = 987654321;
    for (const target of [staff.accountId, admin.accountId, unknown]) {
      for (const action of ['disable', 'enable']) {
        const res = await postWith(rival.client, `/employer/users/${target}/${action}`, {});
        assert.equal(res.status, 404, `rival ${action} ${target}`);
      }
    }
    const foreign = await postWith(rival.client, `/employer/users/${staff.accountId}/disable`, {});
    const missing = await postWith(rival.client, `/employer/users/${unknown}/disable`, {});
    assert.deepEqual(h.htmlH1s(foreign.text), h.htmlH1s(missing.text), 'the same page as for an unknown id');
    for (const target of [member.accountId, rival.accountId, unknown, '0', '01', 'abc', '9'.repeat(19)]) {
      const res = await postWith(admin.client, `/employer/users/${target}/disable`, {});
      assert.equal(res.status, 404, `admin disable ${target}`);
    }
    const theirs = await rival.client.get('/employer/users');
    assert.ok(!pageText(theirs).includes(staff.email), 'another employer\'s list holds none of acme\'s');
    assert.deepEqual(await snapshot(), before);
    assert.equal((await staff.client.get('/employer/workers')).status, 200, 'the staff member is untouched');
  });

  test('ASVS 4.2.2: a POST without the CSRF token (or with a forged one) is refused with 403 and changes nothing', async () => {
    const before = await snapshot();
    const fields = { name: 'Tanpa Token', email: id.uniqueEmail('csrf'), lang: 'id' };
    assert.equal((await postWith(admin.client, '/employer/users/invite', fields, { csrf: null })).status, 403);
    assert.equal((await postWith(admin.client, '/employer/users/invite', fields, { csrf: 'x'.repeat(40) })).status, 403);
    assert.equal((await postWith(admin.client, `/employer/users/${staff.accountId}/disable`, {}, { csrf: null })).status, 403);
    assert.equal((await postWith(rival.client, `/employer/users/${staff.accountId}/disable`, {}, { csrf: admin.client.csrf })).status, 403,
                 'another session\'s token');
    assert.deepEqual(await snapshot(), before);
  });

  test('`lumbung user add --role employer_staff --employer ID` makes one too; the employer is required', async () => {
    const email = id.uniqueEmail('cli-staf');
    const env = { env: h.databaseEnv(server.database) };
    const missing = await h.runLumbung(['user', 'add', '--role', 'employer_staff', '--email', email, '--name', 'Staf CLI'], env);
    assert.notEqual(missing.code, 0);
    assert.match(missing.stderr, /--employer is required/);
    const made = await h.runLumbung(['user', 'add', '--role', 'employer_staff', '--employer', String(acme.id), '--email', email, '--name', 'Staf CLI'], env);
    assert.equal(made.code, 0, made.stderr);
    const [row] = await sql(`SELECT role, employer_id FROM accounts WHERE email = '${email}'`);
    assert.equal(row.role, 'employer_staff');
    assert.equal(Number(row.employer_id), acme.id);
    await new id.Mailbox(sink, email).next('invitation');
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

    // A new administrator of acme signs in: password, then the authenticator's code.
    async function signInBrowser(lang) {
      const account = await id.signedInEmployerAdmin(portal, sink, { employerId: acme.id });
      return id.signInInBrowser(browser, server.baseUrl, account, { lang, landing: '/employer/users' });
    }

    async function checkPage(page, what) {
      const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], what);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${what}: no horizontal scroll at 360 px (overflow ${overflow}px)`);
    }

    for (const lang of ['id', 'en']) {
      test(`WCAG 2.2 AA (axe) and 360 px: the accounts, the invite form and its errors, a disabled account in ${lang}`, async () => {
        const t = CATALOG[lang];
        const { context, page } = await signInBrowser(lang);
        try {
          await checkPage(page, `${lang} /employer/users`);
          // Every field's error at once.
          await page.getByRole('button', { name: t['employers.users.invite.submit'], exact: true }).click();
          await page.locator('.error-summary').waitFor();
          assert.ok((await page.title()).startsWith(t['title.error_prefix'].trim()));
          await checkPage(page, `${lang} invite errors`);
          // An address that has an account.
          await page.locator('#f-name').fill('Sari Dewi');
          await page.locator('#f-email').fill(member.email);
          await page.getByRole('button', { name: t['employers.users.invite.submit'], exact: true }).click();
          await page.locator('#f-email-error').waitFor();
          assert.ok((await page.locator('#f-email-error').textContent()).includes(t['employers.users.error.email_taken']));
          await checkPage(page, `${lang} address taken`);
          // A real invitation, then the new account disabled: the list with both buttons' states.
          const email = id.uniqueEmail(`browser-${lang}`);
          await page.locator('#f-name').fill(`Sari ${lang}`);
          await page.locator('#f-email').fill(email);
          await page.locator('#f-lang').selectOption(lang);
          await page.getByRole('button', { name: t['employers.users.invite.submit'], exact: true }).click();
          await page.waitForURL(/notice=invited$/);
          await checkPage(page, `${lang} invited`);
          await page.getByRole('button', { name: `${t['employers.users.disable']} (Sari ${lang})`, exact: true }).click();
          await page.waitForURL(/notice=disabled$/);
          await page.getByRole('button', { name: `${t['employers.users.enable']} (Sari ${lang})`, exact: true }).waitFor();
          await checkPage(page, `${lang} disabled`);
          await new id.Mailbox(sink, email, { lang }).next('account_disabled');
        } finally {
          await context.close();
        }
      });
    }
  });
});
