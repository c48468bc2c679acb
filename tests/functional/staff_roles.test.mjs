// The fund's staff with least privilege (src/identity staff_roles.h, staff_account_routes.cc,
// core/http/access.h StaffOnly): the table of staff role and action in docs/identity.md walked
// route by route as each staff role, a member, an employer administrator and an anonymous
// visitor; administrators managing staff accounts (invite with roles, change roles, disable,
// never their own); staff sessions shorter than members'. Through HTTP with a real SMTP sink,
// then in Chromium with axe-core (WCAG 2.2 AA) at 360 px, with and without JavaScript.
// Backend: LUMBUNG_TEST_BACKEND. Requirement IDs: OWASP ASVS 4.0.3 V4.1.1, V4.1.3, V4.1.5
// (access enforced on the server, least privilege, fails closed), V4.2.2 (CSRF), V3.3.1/V3.3.2
// (session timeouts), V7.1.x (audit), V1.4.x; NIST SP 800-63B 7.2 (reauthentication limits).
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
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const STAFF_ROLES = ['member_services', 'claims_verifier', 'claims_approver', 'finance',
  'subsidy_officer', 'content_editor', 'analyst', 'administrator'];
const ALL = STAFF_ROLES;

const pageText = (res) => h.htmlText(res.text);

// The table of docs/identity.md: every staff page and the staff roles that open it. `{staff}`
// in a path is replaced by a staff account's id.
const GET_ROUTES = [
  { path: '/staff', roles: ALL },
  { path: '/staff/members', roles: ['member_services'] },
  { path: '/staff/support', roles: ['member_services'] },
  { path: '/staff/security-reports', roles: ['member_services'] },
  { path: '/staff/payments', roles: ['finance'] },
  { path: '/staff/claims', roles: ['claims_verifier', 'claims_approver'] },
  { path: '/staff/payouts', roles: ['finance'] },
  { path: '/staff/subsidy/batches', roles: ['subsidy_officer', 'finance'] },
  { path: '/staff/help', roles: ['content_editor'] },
  { path: '/staff/announcements', roles: ['content_editor'] },
  { path: '/staff/accounts', roles: ['administrator'] },
  { path: '/staff/accounts/{staff}', roles: ['administrator'] },
  { path: '/staff/audit', roles: ['administrator'] },
  { path: '/staff/maintenance', roles: ['administrator'] },
];
const POST_ROUTES = [
  { path: '/staff/accounts/invite', roles: ['administrator'] },
  { path: '/staff/accounts/{staff}/roles', roles: ['administrator'] },
  { path: '/staff/accounts/{staff}/disable', roles: ['administrator'] },
  { path: '/staff/accounts/{staff}/enable', roles: ['administrator'] },
  { path: '/staff/payments', roles: ['finance'] },
  { path: '/staff/payouts', roles: ['finance'] },
  { path: '/staff/subsidy/batches', roles: ['subsidy_officer'] },
  { path: '/staff/members', roles: ['member_services'] },
  { path: '/staff/audit/verify', roles: ['administrator'] },
  { path: '/staff/maintenance', roles: ['administrator'] },
  { path: '/staff/maintenance/off', roles: ['administrator'] },
  { path: '/staff/help/new', roles: ['content_editor'] },
  { path: '/staff/announcements', roles: ['content_editor'] },
];

describe(`staff roles on ${backend}`, () => {
  let sink;
  let server;
  let portal;
  const staff = {};  // staff role -> signed-in account holding only that role
  let secondAdmin;   // another administrator
  let member;        // {client, email, accountId}
  let employer;      // an employer administrator (signedInEmployerAdmin)
  let target;        // a staff account the walk points at (roles: analyst)

  const sql = (query) => id.sqlRows(server.database, query);
  const count = async (query) => Number(Object.values((await sql(query))[0])[0]);

  // POSTs `fields` with a valid CSRF token of this client's session (from `page`).
  async function postWith(client, path, fields, page = '/dashboard') {
    await client.get(page);
    return client.post(path, fields, { csrf: client.csrf });
  }

  before(async () => {
    sink = await startMailSink();
    server = await h.startServer({ env: { ...sink.env } });
    portal = { baseUrl: server.baseUrl, database: server.database };
    await id.seedMembers(server.database, 3);
    for (const role of STAFF_ROLES) {
      staff[role] = await id.signedInStaff(portal, sink, { staffRoles: [role], name: `Petugas ${role}` });
    }
    secondAdmin = await id.signedInStaff(portal, sink, { staffRoles: ['administrator'], name: 'Admin Kedua' });
    target = await id.signedInStaff(portal, sink, { staffRoles: ['analyst'], name: 'Target Analis' });
    await id.sqlExec(server.database,
      "INSERT INTO employers (npp, name, sector, province_code, jkk_risk_class, registered_on) VALUES " +
      "('STFR0001', 'PT Peran Staf', 'manufacturing', 31, 1, '2015-01-01')");
    const [e] = await sql("SELECT id FROM employers WHERE npp = 'STFR0001'");
    employer = await id.signedInEmployerAdmin(portal, sink, { employerId: Number(e.id) });
    const [m] = await id.memberRows(server.database, 1);
    const client = new id.Client(server.baseUrl);
    const email = id.uniqueEmail('staff-roles-member');
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

  test('ASVS 4.1.1, 4.1.3, 4.1.5: the role × action table walked: every staff page opens to its staff roles only; other staff, members, employers get 403, anonymous visitors sign in first', async () => {
    const fill = (path) => path.replace('{staff}', String(target.accountId));
    for (const { path: pattern, roles } of GET_ROUTES) {
      const path = fill(pattern);
      for (const role of STAFF_ROLES) {
        const res = await staff[role].client.get(path);
        if (roles.includes(role)) {
          assert.equal(res.status, 200, `${role} GET ${path}: ${pageText(res).slice(0, 200)}`);
        } else {
          assert.equal(res.status, 403, `${role} GET ${path} must be refused`);
        }
      }
      assert.equal((await member.client.get(path)).status, 403, `a member GET ${path}`);
      assert.equal((await employer.client.get(path)).status, 403, `an employer GET ${path}`);
      const anonymous = await h.request(server.baseUrl, path);
      assert.equal(anonymous.status, 303, `anonymous GET ${path}`);
      assert.equal(anonymous.headers.location, `/login?next=${encodeURIComponent(path)}`);
    }
    const before = await count('SELECT COUNT(*) FROM staff_roles');
    for (const { path: pattern, roles } of POST_ROUTES) {
      const path = fill(pattern);
      for (const role of STAFF_ROLES.filter((r) => !roles.includes(r))) {
        const res = await postWith(staff[role].client, path, { roles: 'administrator', name: 'X', email: 'x@contoh.co.id', lang: 'id' });
        assert.equal(res.status, 403, `${role} POST ${path} must be refused`);
      }
      for (const who of [member, employer]) {
        const res = await postWith(who.client, path, { roles: 'administrator' });
        assert.equal(res.status, 403, `${who.email} POST ${path}`);
      }
      const stranger = new id.Client(server.baseUrl);
      assert.equal((await postWith(stranger, path, { roles: 'administrator' }, '/login')).status, 403, `anonymous POST ${path}`);
      // The right role without a CSRF token: refused before the handler (ASVS 4.2.2).
      const allowed = staff[roles[0]].client;
      assert.equal((await allowed.post(path, { roles: 'administrator' }, { csrf: null })).status, 403, `POST ${path} without CSRF`);
    }
    assert.equal(await count('SELECT COUNT(*) FROM staff_roles'), before, 'no refused request changed a role');
    assert.equal(await count(`SELECT COUNT(*) FROM accounts WHERE state = 'disabled'`), 0);
  });

  test('the menu and the staff home show only what the roles open', async () => {
    const finance = await staff.finance.client.get('/staff');
    assert.equal(finance.status, 200);
    assert.match(finance.text, /<a href="\/staff\/payments"/);
    assert.doesNotMatch(finance.text, /href="\/staff\/(members|accounts|audit|help)"/);
    const admin = await staff.administrator.client.get('/staff');
    for (const path of ['/staff/accounts', '/staff/audit', '/staff/maintenance']) assert.match(admin.text, new RegExp(`href="${path}"`));
    assert.doesNotMatch(admin.text, /href="\/staff\/(members|payments|support)"/, 'an administrator sees no member data unless given member services');
    assert.ok(pageText(admin).includes(ID['identity.staff_role.administrator']));
    assert.ok(admin.text.length < 50 * 1024);
  });

  test('ASVS 4.1.3, 7.1.1: an administrator invites a staff member with the roles their work needs: the invitation, the roles recorded with who granted them, audited', async () => {
    const admin = staff.administrator;
    const email = id.uniqueEmail('invited-staff');
    const { res } = await admin.client.submit('/staff/accounts', { name: ' Budi  Santoso ', email, lang: 'en', roles: ['member_services', 'finance'] },
                                              { action: '/staff/accounts/invite' });
    assert.equal(res.status, 303, pageText(res).slice(0, 400));
    assert.equal(res.headers.location, '/staff/accounts?notice=invited');
    const [account] = await sql(`SELECT id, role, state, display_name, lang FROM accounts WHERE email = '${email}'`);
    assert.deepEqual({ role: account.role, state: account.state, name: account.display_name, lang: account.lang },
                     { role: 'staff', state: 'pending', name: 'Budi Santoso', lang: 'en' });
    const roles = await sql(`SELECT role, granted_by FROM staff_roles WHERE account_id = ${account.id} ORDER BY role`);
    assert.deepEqual(roles.map((r) => [r.role, Number(r.granted_by)]), [['finance', admin.accountId], ['member_services', admin.accountId]]);
    const [audit] = await sql(`SELECT actor_user_id, subject_user_id, details FROM audit_log WHERE action = 'staff.invited' ORDER BY id DESC LIMIT 1`);
    assert.equal(Number(audit.actor_user_id), admin.accountId);
    assert.equal(Number(audit.subject_user_id), Number(account.id));
    assert.deepEqual(JSON.parse(audit.details), { staff_roles: 'member_services,finance', nik_recorded: 'no' });
    const invited = await id.acceptInvitation(portal, sink, { email, lang: 'en' });
    assert.equal((await invited.client.get('/staff/payments')).status, 200);
    assert.equal((await invited.client.get('/staff/members')).status, 200);
    assert.equal((await invited.client.get('/staff/accounts')).status, 403);
  });

  test('every bad invitation gets a translated error beside its field and changes nothing; a forged role is refused', async () => {
    const admin = staff.administrator;
    const accounts = await count('SELECT COUNT(*) FROM accounts');
    const noRoles = { res: await postWith(admin.client, '/staff/accounts/invite', { name: '', email: 'not-an-address', lang: 'id' }, '/staff/accounts') };
    assert.equal(noRoles.res.status, 422);
    const text = pageText(noRoles.res);
    for (const key of ['identity.staff_accounts.error.name_missing', 'identity.staff_accounts.error.email_invalid', 'identity.staff_accounts.error.roles']) {
      assert.ok(text.includes(ID[key]), key);
    }
    assert.match(noRoles.res.text, /aria-describedby="f-email-hint f-email-error"/);
    assert.match(noRoles.res.text, /href="#f-roles-member_services"/, 'the summary links to the first role');
    const taken = await admin.client.submit('/staff/accounts', { name: 'Dup', email: member.email, lang: 'id', roles: 'analyst' }, { action: '/staff/accounts/invite' });
    assert.equal(taken.res.status, 422);
    assert.ok(pageText(taken.res).includes(ID['identity.staff_accounts.error.email_taken']));
    const badNik = await admin.client.submit('/staff/accounts', { name: 'Sari', email: id.uniqueEmail('bad-nik'), nik: '3171019913900001', lang: 'id', roles: 'claims_verifier' }, { action: '/staff/accounts/invite' });
    assert.equal(badNik.res.status, 422, 'a NIK whose birth date cannot be');
    assert.ok(pageText(badNik.res).includes(ID['identity.staff_accounts.error.nik']));
    assert.match(badNik.res.text, /href="#f-nik"/);
    const forged = await postWith(admin.client, '/staff/accounts/invite', { name: 'X', email: id.uniqueEmail('forged'), lang: 'id', roles: 'superuser' }, '/staff/accounts');
    assert.equal(forged.status, 400);
    assert.equal(await count('SELECT COUNT(*) FROM accounts'), accounts);
  });

  test('ASVS 1.1.6, 4.3.3: a claims verifier invited with their NIK has it recorded, so the claims work can keep them off their own and their family\'s claims', async () => {
    const admin = staff.administrator;
    const email = id.uniqueEmail('verifier-nik');
    const { res } = await admin.client.submit('/staff/accounts', { name: 'Sari Dewi', email, nik: '3171 0145 0890 0001', lang: 'id', roles: 'claims_verifier' },
                                              { action: '/staff/accounts/invite' });
    assert.equal(res.status, 303, pageText(res).slice(0, 400));
    const [row] = await sql(`SELECT n.nik FROM staff_niks n JOIN accounts a ON a.id = n.account_id WHERE a.email = '${email}'`);
    assert.equal(row.nik, '3171014508900001', 'spaces people type are dropped');
    const [audit] = await sql(`SELECT details FROM audit_log WHERE action = 'staff.invited' ORDER BY id DESC LIMIT 1`);
    assert.equal(JSON.parse(audit.details).nik_recorded, 'yes', 'the audit says a NIK was recorded, never which');
  });

  test('ASVS 4.1.3, 7.1.1: an administrator changes another person\'s roles: the change takes effect on their next request, is audited and mailed', async () => {
    const admin = staff.administrator;
    const { res } = await admin.client.submit(`/staff/accounts/${target.accountId}`, { roles: ['finance', 'content_editor'] },
                                              { action: `/staff/accounts/${target.accountId}/roles` });
    assert.equal(res.status, 303, pageText(res).slice(0, 400));
    assert.equal(res.headers.location, `/staff/accounts/${target.accountId}?notice=roles_changed`);
    assert.equal((await target.client.get('/staff/payments')).status, 200, 'finance granted');
    assert.equal((await target.client.get('/staff/help')).status, 200, 'content editor granted');
    const [audit] = await sql(`SELECT actor_user_id, subject_user_id, details FROM audit_log WHERE action = 'staff.roles_changed' AND result = 'ok' ORDER BY id DESC LIMIT 1`);
    assert.equal(Number(audit.actor_user_id), admin.accountId);
    assert.equal(Number(audit.subject_user_id), target.accountId);
    assert.deepEqual(JSON.parse(audit.details), { granted: 'finance,content_editor', revoked: 'analyst' });
    const mail = await new id.Mailbox(sink, target.email).next('staff_roles_changed');
    assert.ok(mail.text.includes(ID['identity.staff_role.finance']), 'the mail names the roles now held');
    // Back to analyst only: finance is gone at once.
    await admin.client.submit(`/staff/accounts/${target.accountId}`, { roles: 'analyst' }, { action: `/staff/accounts/${target.accountId}/roles` });
    assert.equal((await target.client.get('/staff/payments')).status, 403, 'finance revoked');
    const none = await postWith(admin.client, `/staff/accounts/${target.accountId}/roles`, {}, `/staff/accounts/${target.accountId}`);
    assert.equal(none.status, 422, 'at least one role; disabling takes all access away');
    assert.ok(pageText(none).includes(ID['identity.staff_account.error.no_roles']));
    assert.deepEqual((await sql(`SELECT role FROM staff_roles WHERE account_id = ${target.accountId}`)).map((r) => r.role), ['analyst']);
  });

  test('ASVS 4.1.3: nobody changes their own roles or disables themselves; the attempt is audited and nothing changes', async () => {
    const admin = staff.administrator;
    const page = await admin.client.get(`/staff/accounts/${admin.accountId}`);
    assert.equal(page.status, 200);
    assert.ok(pageText(page).includes(ID['identity.staff_account.you']));
    assert.doesNotMatch(page.text, /action="\/staff\/accounts\/\d+\/roles"/, 'no roles form for oneself');
    const roles = await postWith(admin.client, `/staff/accounts/${admin.accountId}/roles`, { roles: ['administrator', 'member_services'] }, '/staff/accounts');
    assert.equal(roles.status, 403);
    assert.deepEqual((await sql(`SELECT role FROM staff_roles WHERE account_id = ${admin.accountId}`)).map((r) => r.role), ['administrator']);
    const [denied] = await sql(`SELECT result, details FROM audit_log WHERE action = 'staff.roles_changed' ORDER BY id DESC LIMIT 1`);
    assert.equal(denied.result, 'denied');
    assert.equal((await postWith(admin.client, `/staff/accounts/${admin.accountId}/disable`, {}, '/staff/accounts')).status, 403);
    assert.equal((await sql(`SELECT state FROM accounts WHERE id = ${admin.accountId}`))[0].state, 'active');
    // A member's or an employer's account is no staff account here.
    assert.equal((await admin.client.get(`/staff/accounts/${member.accountId}`)).status, 404);
    assert.equal((await postWith(admin.client, `/staff/accounts/${employer.accountId}/disable`, {}, '/staff/accounts')).status, 404);
  });

  test('ASVS 3.3.x: disabling a staff account ends its sessions at once and mails the person; enabling lets them back', async () => {
    const victim = await id.signedInStaff(portal, sink, { staffRoles: ['analyst'], name: 'Akan Dinonaktifkan' });
    assert.equal((await victim.client.get('/staff')).status, 200);
    const { res } = await secondAdmin.client.submit(`/staff/accounts/${victim.accountId}`, {}, { action: `/staff/accounts/${victim.accountId}/disable` });
    assert.equal(res.status, 303);
    const after = await victim.client.get('/staff');
    assert.equal(after.status, 303, 'signed out');
    assert.equal(await count(`SELECT COUNT(*) FROM sessions WHERE account_id = ${victim.accountId}`), 0);
    await new id.Mailbox(sink, victim.email).next('account_disabled');
    const [audit] = await sql(`SELECT actor_user_id FROM audit_log WHERE action = 'staff.disabled' ORDER BY id DESC LIMIT 1`);
    assert.equal(Number(audit.actor_user_id), secondAdmin.accountId);
    const enabled = await secondAdmin.client.submit(`/staff/accounts/${victim.accountId}`, {}, { action: `/staff/accounts/${victim.accountId}/enable` });
    assert.equal(enabled.res.status, 303);
    assert.equal((await sql(`SELECT state FROM accounts WHERE id = ${victim.accountId}`))[0].state, 'active');
  });

  test('ASVS 3.3.1, 3.3.2: staff sessions end sooner than members\' (15 minutes idle, 8 hours at most), and never by a remembered browser', async () => {
    const analyst = staff.analyst;
    const [s] = await sql(`SELECT created_at, expires_at FROM sessions WHERE account_id = ${analyst.accountId} ORDER BY created_at DESC LIMIT 1`);
    assert.equal(Number(s.expires_at) - Number(s.created_at), 8 * 3600);
    const [m] = await sql(`SELECT created_at, expires_at FROM sessions WHERE account_id = ${member.accountId} ORDER BY created_at DESC LIMIT 1`);
    assert.equal(Number(m.expires_at) - Number(m.created_at), 12 * 3600);
    const left = (res) => Number(/data-session-seconds-left="(\d+)"/.exec(res.text)?.[1]);
    assert.ok(left(await analyst.client.get('/staff')) <= 15 * 60);
    assert.ok(left(await member.client.get('/dashboard')) > 15 * 60);
    // Sixteen minutes without activity: the staff session has ended, a member's has not.
    const ago = Math.floor(Date.now() / 1000) - 16 * 60;
    await id.sqlExec(server.database, `UPDATE sessions SET last_seen_at = ${ago} WHERE account_id IN (${analyst.accountId}, ${member.accountId})`);
    assert.equal((await analyst.client.get('/staff')).status, 303);
    assert.equal((await member.client.get('/dashboard')).status, 200);
    // The second step offers no "remember this browser" to staff.
    const client = new id.Client(server.baseUrl);
    const first = await client.submit('/login', { identifier: staff.finance.email, password: staff.finance.password });
    const second = await client.get(first.res.headers.location);
    assert.equal(second.status, 200);
    assert.doesNotMatch(second.text, /name="remember"/);
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

    for (const lang of ['id', 'en']) {
      test(`WCAG 2.2 AA (axe): the staff home, the staff accounts and one account in ${lang}; an invitation made without JavaScript`, async () => {
        const t = lang === 'id' ? ID : EN;
        // One administrator per language: each authenticator code works once.
        const admin = lang === 'id' ? staff.administrator : secondAdmin;
        const { context, page: withScripts } = await id.signInInBrowser(browser, server.baseUrl, admin, { lang, landing: '/staff' });
        // The same session without JavaScript (axe itself needs scripts, so it runs above).
        const plain = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false,
                                                 storageState: await context.storageState() });
        const page = await plain.newPage();
        try {
          for (const path of ['/staff', '/staff/accounts', `/staff/accounts/${target.accountId}`]) {
            await withScripts.goto(`${server.baseUrl}${path}`);
            const { violations } = await new AxeBuilder({ page: withScripts }).withTags(AXE_TAGS).analyze();
            assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`), [], `${path} in ${lang}`);
            const width = await withScripts.evaluate(() => document.documentElement.scrollWidth);
            assert.ok(width <= 360, `${path} fits 360 px (${width})`);
          }
          await page.goto(`${server.baseUrl}/staff/accounts`);
          const email = id.uniqueEmail(`browser-${lang}`);
          await page.getByLabel(t['identity.staff_accounts.invite.name']).fill('Sari Dewi');
          await page.getByLabel(t['identity.staff_accounts.invite.email']).fill(email);
          await page.getByLabel(t['identity.staff_role.content_editor'], { exact: true }).check();
          await page.getByRole('button', { name: t['identity.staff_accounts.invite.submit'] }).click();
          await page.waitForURL(/notice=invited/);
          assert.ok((await page.textContent('main')).includes(t['identity.staff_accounts.notice.invited']));
          const [row] = await sql(`SELECT r.role FROM staff_roles r JOIN accounts a ON a.id = r.account_id WHERE a.email = '${email}'`);
          assert.equal(row.role, 'content_editor');
        } finally {
          await plain.close();
          await context.close();
        }
      });
    }
  });
});
