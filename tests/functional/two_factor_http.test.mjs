// Two-factor sign-in over HTTP (docs/identity.md) with the real binary, a real SMTP
// sink and the backend in LUMBUNG_TEST_BACKEND. Authenticator codes come from Debian's
// `oathtool`, an implementation independent of the server's.
// Requirement IDs: OWASP ASVS 4.0.3 V2.7 (out-of-band), V2.8 (one-time passwords), V2.6
// (look-up secrets), V3.7 (re-authentication), V7 (logging); RFC 6238; NIST SP 800-63B 5.1.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import * as h from './harness.mjs';
import * as ids from './identity_support.mjs';
import { startMailSink } from './mail_sink.mjs';

const backend = h.currentBackend();
const ID = h.loadCatalog('id');
const PUBLIC_URL = 'https://portal.lumbung.example';
const link = (mail, path) => ids.mailLink(mail, path, PUBLIC_URL);
const pageText = (res) => h.htmlText(res.text);
const says = (res, key, what = key) =>
  assert.ok(pageText(res).includes(ID[key].replace(/\{\{[^}]+\}\}.*$/, '')),
            `${what}: page should say "${ID[key]}"; it says: ${pageText(res).slice(0, 600)}`);
const sqlQuote = (s) => `'${String(s).replace(/'/g, "''")}'`;

async function startPortal(env = {}) {
  const sink = await startMailSink();
  let database;
  let server;
  try {
    database = await h.createDatabase();
    await ids.seedMembers(database, 30);
    server = await h.startServer({
      database,
      env: { ...sink.env, LUMBUNG_PUBLIC_URL: PUBLIC_URL, ...env },
    });
  } catch (e) {
    await database?.drop().catch(() => {});
    await sink.stop();
    throw e;
  }
  const pool = await ids.MemberPool.load(database, 30);
  return {
    sink, server, database, pool,
    client: (options) => new ids.Client(server.baseUrl, options),
    async stop() {
      try {
        await server.stop();
      } finally {
        await database.drop().catch(() => {});
        await sink.stop();
      }
    },
  };
}

// A verified member account: {id, member, email, password, box}.
async function createAccount(portal) {
  const member = portal.pool.take();
  const email = ids.uniqueEmail('m2fa');
  const password = ids.newPassword();
  const client = portal.client();
  const { res } = await client.submit('/register', {
    nik: member.nik, kpj: member.kpj, birth_date: member.birth_date, email, username: '', password,
  });
  assert.equal(res.status, 303, `sign-up: ${pageText(res).slice(0, 300)}`);
  const box = new ids.Mailbox(portal.sink, email);
  const { res: done } = await client.submit(link(await box.next('verify_email'), '/verify-email'));
  assert.equal(done.status, 303);
  const [row] = await ids.sqlRows(portal.database, `SELECT id FROM accounts WHERE email = ${sqlQuote(email)}`);
  return { id: row.id, member, email, password, box };
}

// The password step; returns {client, res}.
async function passwordStep(portal, account, { client = portal.client(), next } = {}) {
  const fields = { identifier: account.email, password: account.password };
  if (next) fields.next = next;
  const { res } = await client.submit('/login', fields);
  return { client, res };
}

// Password, then enrolment of an authenticator app: {client, key, codes, step}.
async function memberWithApp(portal, account) {
  const { client, res } = await passwordStep(portal, account);
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, '/dashboard', 'no second factor yet: straight in');
  const enrolled = await ids.enrolAuthenticator(client);
  assert.equal(enrolled.codes.length, 10, 'ten recovery codes are shown once');
  return { client, ...enrolled };
}

async function auditActions(portal, accountId) {
  const rows = await ids.sqlRows(portal.database,
    `SELECT action, result, details FROM audit_log WHERE subject_user_id = ${Number(accountId)} ORDER BY id`);
  return rows;
}

describe(`two-factor sign-in on ${backend}`, () => {
  let portal;
  before(async () => { portal = await startPortal({ LUMBUNG_LOGIN_DELAY_AFTER: 20, LUMBUNG_LOGIN_LOCK_AFTER: 4 }); });
  after(async () => { await portal?.stop(); });

  test('enrol an authenticator app (oathtool code), then sign-in needs the second step; a partial session reaches nothing else; a spent code is refused (RFC 6238; ASVS 2.8.4, 2.8.1)', async () => {
    const account = await createAccount(portal);
    const app = await memberWithApp(portal, account);
    assert.ok(app.codes.every((c) => /^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/.test(c)), `codes look right: ${app.codes}`);
    await account.box.next('two_factor_added');
    // The secret is sealed, never stored as typed; recovery codes only as salted hashes.
    const [factor] = await ids.sqlRows(portal.database, `SELECT secret_sealed FROM second_factors WHERE account_id = ${account.id} AND kind = 'totp'`);
    assert.ok(!factor.secret_sealed.includes(app.key) && factor.secret_sealed.length > 60, 'TOTP secret sealed (ASVS 2.8.x, 6.2)');
    const stored = await ids.sqlRows(portal.database, `SELECT code_hash FROM recovery_codes WHERE account_id = ${account.id}`);
    assert.equal(stored.length, 10);
    for (const c of app.codes) assert.ok(stored.every((s) => !s.code_hash.includes(c.replace(/-/g, ''))), 'recovery codes stored hashed (ASVS 2.6.2)');

    // Sign in again from a new browser: the password alone is not enough.
    const { client, res } = await passwordStep(portal, account, { next: '/savings' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/login/second-factor?next=%2Fsavings');
    // Partway through: every page sends the visitor back to the step; POSTs are refused.
    for (const path of ['/dashboard', '/account/security', '/account/sessions', '/savings', '/contributions']) {
      const r = await client.get(path);
      assert.equal(r.status, 303, path);
      assert.match(r.headers.location, /^\/login\/second-factor\?next=/, `${path} → the second step`);
    }
    const step = await client.get('/login/second-factor?next=%2Fsavings');
    assert.equal(step.status, 200);
    says(step, 'identity.second_factor.app_intro');
    const email = await client.post('/account/email', { email: ids.uniqueEmail('x'), current_password: account.password });
    assert.equal(email.status, 403, 'a partial session changes nothing');

    const wrong = await client.submit('/login/second-factor?next=%2Fsavings', { code: '000000' });
    assert.equal(wrong.res.status, 422);
    says(wrong.res, 'identity.second_factor.code_wrong');
    const { code, step: used } = await ids.nextTotp(app.key, app.step);
    const ok = await client.submit('/login/second-factor?next=%2Fsavings', { code });
    assert.equal(ok.res.status, 303);
    assert.equal(ok.res.headers.location, '/savings');
    assert.equal((await client.get('/dashboard')).status, 200, 'signed in after the second step');
    const session = ok.res.setCookies.find((c) => c.name === ids.COOKIE.session);
    assert.ok(session?.value, 'a new session id after the second step (ASVS 3.2.1)');

    // The same code again, from another browser that knows the password: refused (replay).
    const other = await passwordStep(portal, account);
    const replay = await other.client.submit('/login/second-factor', { code });
    assert.equal(replay.res.status, 422, 'a code accepted once is never accepted again (ASVS 2.8.4)');
    const [row] = await ids.sqlRows(portal.database, `SELECT last_step FROM second_factors WHERE account_id = ${account.id} AND kind = 'totp'`);
    assert.equal(Number(row.last_step), used);

    // The change is also a security notice in the member's inbox ("Notifications").
    const inbox = await client.get('/notifications');
    assert.equal(inbox.status, 200);
    assert.ok(pageText(inbox).includes(ID['notifications.security.two_factor_changed']), 'inbox has the security notice');

    const actions = (await auditActions(portal, account.id)).map((r) => r.action);
    for (const a of ['two_factor.added', 'login.second_factor_due', 'login.second_factor_failed', 'login.succeeded']) {
      assert.ok(actions.includes(a), `audit has ${a}: ${actions}`);
    }
  });

  test('recovery codes: each works once, the member is told how many remain and gets a mail (ASVS 2.6.1, 2.6.2)', async () => {
    const account = await createAccount(portal);
    const app = await memberWithApp(portal, account);
    const [first, second] = app.codes;
    const { client } = await passwordStep(portal, account);
    const { res } = await client.submit('/login/second-factor?method=recovery', { code: first.toUpperCase() });
    assert.equal(res.status, 303);
    assert.match(res.headers.location, /^\/account\/security\?notice=recovery_used/);
    const security = await client.get(res.headers.location);
    assert.ok(pageText(security).includes(ID['identity.security.notice.recovery_used'].replace('{{left}}', '9').slice(0, 60)), pageText(security).slice(0, 300));
    const mail = await account.box.next('recovery_code_used');
    assert.ok(mail.text.includes('9'), 'the mail says how many remain');

    const again = await passwordStep(portal, account);
    const reused = await again.client.submit('/login/second-factor?method=recovery', { code: first });
    assert.equal(reused.res.status, 422, 'a used recovery code is dead');
    const fresh = await again.client.submit('/login/second-factor?method=recovery', { code: second.replace(/-/g, ' ') });
    assert.equal(fresh.res.status, 303, 'spaces instead of dashes are fine');
  });

  test('e-mail code: sent on request, works once within its life; five wrong guesses kill it (ASVS 2.7.2, 2.7.3)', async () => {
    const account = await createAccount(portal);
    await memberWithApp(portal, account);
    const { client } = await passwordStep(portal, account);
    const send = await client.submit('/login/second-factor?method=email', {}, { action: '/login/second-factor/email-code' });
    assert.equal(send.res.status, 303);
    const mail = await account.box.next('email_code');
    const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
    assert.ok(code, `a six-digit code in: ${mail.text}`);
    assert.ok(!mail.text.includes(portal.server.baseUrl), 'no link built from the request');
    const [stored] = await ids.sqlRows(portal.database, `SELECT code_hash FROM email_codes WHERE account_id = ${account.id}`);
    assert.ok(!stored.code_hash.includes(code), 'the code is stored hashed');
    const ok = await client.submit('/login/second-factor?method=email', { code });
    assert.equal(ok.res.status, 303);
    assert.equal((await client.get('/dashboard')).status, 200);

    // A new code; five wrong guesses; then even the right one is refused.
    const second = (await passwordStep(portal, account)).client;
    await second.submit('/login/second-factor?method=email', {}, { action: '/login/second-factor/email-code' });
    const code2 = /\b(\d{6})\b/.exec((await account.box.next('email_code')).text)[1];
    const wrongCode = code2 === '111111' ? '222222' : '111111';
    for (let i = 0; i < 5; i++) {
      const r = await second.submit('/login/second-factor?method=email', { code: wrongCode });
      assert.ok([422, 429].includes(r.res.status), `wrong guess ${i + 1}: ${r.res.status}`);
    }
    const late = await second.submit('/login/second-factor?method=email', { code: code2 });
    assert.notEqual(late.res.status, 303, 'the code died after five wrong guesses');
  });

  test('wrong codes from an unknown browser lock only unknown browsers; the member\'s own browser still signs in (device cookie; ASVS 2.2.1)', async () => {
    const account = await createAccount(portal);
    const app = await memberWithApp(portal, account); // this client holds the device cookie
    await ids.sqlExec(portal.database, `DELETE FROM sessions WHERE account_id = ${account.id}`);
    const attacker = (await passwordStep(portal, account)).client;
    let last;
    for (let i = 0; i < 4; i++) {
      last = await attacker.submit('/login/second-factor?method=recovery', { code: `zzzz-zzzz-zzz${i}` });
    }
    assert.equal(last.res.status, 429, 'locked after lock_after wrong codes');
    says(last.res, 'identity.second_factor.locked');
    // The wait itself is in the sentence, in words ("dalam 15 menit", or a WIB time for an hour
    // or more), never an empty gap before the full stop.
    assert.match(pageText(last.res), /coba lagi (dalam \d+ (detik|menit)|setelah \d+ \S+ \d{4}, \d\d\.\d\d WI[BT]A?)\./);
    const lockMail = await account.box.next('two_factor_locked');
    assert.ok(lockMail.text.includes('/forgot-password'), 'the mail leads to a password change');
    // Even a right code from the attacker's browser is refused while locked.
    const refused = await attacker.submit('/login/second-factor?method=recovery', { code: app.codes[0] });
    assert.equal(refused.res.status, 429);

    // The member's browser (it signed in before) has its own counter.
    const mine = await passwordStep(portal, account, { client: app.client });
    assert.equal(mine.res.status, 303);
    const { res } = await app.client.submit('/login/second-factor?method=recovery', { code: app.codes[1] });
    assert.equal(res.status, 303, `the member gets in: ${pageText(res).slice(0, 300)}`);
  });

  test('"remember this browser" skips the second step there only; forgetting it from the security centre asks again', async () => {
    const account = await createAccount(portal);
    const app = await memberWithApp(portal, account);
    const { client } = await passwordStep(portal, account);
    const { res } = await client.submit('/login/second-factor?method=recovery', { code: app.codes[0], remember: '1' });
    assert.equal(res.status, 303);
    const remember = res.setCookies.find((c) => c.name === '__Host-lumbung-remember');
    assert.ok(remember, 'a remember cookie');
    assert.ok(remember.attributes.has('httponly') && remember.attributes.has('secure'), 'HttpOnly, Secure');
    await client.submit('/logout', {});
    const again = await passwordStep(portal, account, { client });
    assert.equal(again.res.headers.location, '/dashboard', 'the remembered browser skips the second step');
    const elsewhere = await passwordStep(portal, account);
    assert.match(elsewhere.res.headers.location, /^\/login\/second-factor/, 'another browser does not');
    // A remember cookie copied to another account's sign-in means nothing.
    const security = await client.get('/account/security');
    says(security, 'identity.security.browsers_heading');
    const forget = await client.submit('/account/security', { browser: '' }, { action: '/account/remembered-browsers/forget' });
    assert.equal(forget.res.status, 303);
    await account.box.next('browsers_forgotten');
    await client.submit('/logout', {});
    client.setCookie('__Host-lumbung-remember', remember.value); // even if the browser kept it
    const after = await passwordStep(portal, account, { client });
    assert.match(after.res.headers.location, /^\/login\/second-factor/, 'forgotten: asked again');
  });

  test('step-up: changing second factors needs the password or a code within the last minutes (ASVS 3.7.1)', async () => {
    const account = await createAccount(portal);
    const app = await memberWithApp(portal, account);
    await ids.sqlExec(portal.database, `UPDATE sessions SET reauth_at = 0 WHERE account_id = ${account.id}`);
    const renew = await app.client.submit('/account/security', {}, { action: '/account/two-factor/recovery-codes' });
    assert.equal(renew.res.status, 303);
    assert.equal(renew.res.headers.location, '/account/confirm?next=%2Faccount%2Fsecurity');
    const [count] = await ids.sqlRows(portal.database, `SELECT COUNT(*) AS n FROM recovery_codes WHERE account_id = ${account.id} AND used_at IS NULL`);
    assert.equal(Number(count.n), 10, 'nothing changed before the confirmation');
    const addStart = await app.client.get('/account/two-factor/setup');
    assert.equal(addStart.status, 303);
    assert.match(addStart.headers.location, /^\/account\/confirm\?next=/);

    const wrong = await app.client.submit('/account/confirm?next=%2Faccount%2Fsecurity', { password: 'not-my-password-at-all' });
    assert.equal(wrong.res.status, 422);
    says(wrong.res, 'identity.confirm.wrong');
    const right = await app.client.submit('/account/confirm?next=%2Faccount%2Fsecurity', { password: account.password });
    assert.equal(right.res.status, 303);
    assert.equal(right.res.headers.location, '/account/security');
    const renewed = await app.client.submit('/account/security', {}, { action: '/account/two-factor/recovery-codes' });
    assert.equal(renewed.res.status, 200);
    const codes = ids.recoveryCodesOn(renewed.res.text);
    assert.equal(codes.length, 10);
    assert.ok(!codes.includes(app.codes[0]), 'new codes');
    await account.box.next('recovery_codes_new');
    // The download echoes only the account's own unused codes.
    const download = await app.client.post('/account/two-factor/recovery-codes.txt', { codes: [...codes, 'aaaa-bbbb-cccc'].join(' ') });
    assert.equal(download.status, 200);
    assert.match(download.headers['content-type'], /^text\/plain/);
    assert.match(download.headers['content-disposition'], /attachment/);
    for (const c of codes) assert.ok(download.text.includes(c));
    assert.ok(!download.text.includes('aaaa-bbbb-cccc'), 'nothing but real codes is echoed');
    const old = await app.client.post('/account/two-factor/recovery-codes.txt', { codes: app.codes.join(' ') });
    assert.equal(old.status, 303, 'old codes are dead and not echoed');

    // Removing the only factor turns two-factor off (members may), with a mail.
    const [factor] = await ids.sqlRows(portal.database, `SELECT id FROM second_factors WHERE account_id = ${account.id}`);
    const removed = await app.client.post('/account/two-factor/remove', { factor: String(factor.id) });
    assert.equal(removed.status, 303);
    assert.equal(removed.headers.location, '/account/security?notice=factor_removed');
    await account.box.next('two_factor_removed');
    const rest = await ids.sqlRows(portal.database, `SELECT id FROM recovery_codes WHERE account_id = ${account.id}`);
    assert.equal(rest.length, 0, 'recovery codes go with the last factor');
  });

  test('staff must set up a second factor at first sign-in and reach nothing before; they can never remove the last one ("Policy")', async () => {
    const email = ids.uniqueEmail('staff2fa');
    const cli = await h.runLumbung(['user', 'add', '--role', 'staff', '--staff-roles', 'member_services', '--email', email, '--name', 'Rudi Petugas'],
                                   { env: { ...h.databaseEnv(portal.database), LUMBUNG_PUBLIC_URL: PUBLIC_URL } });
    assert.equal(cli.code, 0, cli.stderr);
    const box = new ids.Mailbox(portal.sink, email);
    const password = ids.newPassword();
    assert.equal((await portal.client().submit(link(await box.next('invitation'), '/invitation'), { password })).res.status, 303);
    const staff = portal.client();
    const { res } = await staff.submit('/login', { identifier: email, password });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/account/two-factor/setup');
    for (const path of ['/dashboard', '/staff/security-reports', '/account/security']) {
      const r = await staff.get(path);
      assert.equal(r.status, 303, path);
      assert.equal(r.headers.location, '/account/two-factor/setup', `${path} → set-up first`);
    }
    const setup = await staff.get('/account/two-factor/setup');
    says(setup, 'identity.two_factor.setup_required');
    const enrolled = await ids.enrolAuthenticator(staff);
    assert.equal(enrolled.codes.length, 10);
    assert.equal((await staff.get('/staff/security-reports')).status, 200, 'signed in after the set-up');
    // No "remember this browser" for staff.
    await staff.submit('/logout', {});
    await staff.submit('/login', { identifier: email, password });
    const step = await staff.get('/login/second-factor');
    assert.ok(!step.text.includes('name="remember"'), 'staff are never offered to skip the second step');
    const { code } = await ids.nextTotp(enrolled.key, enrolled.step);
    assert.equal((await staff.submit('/login/second-factor', { code })).res.status, 303);
    const [factor] = await ids.sqlRows(portal.database, `SELECT f.id FROM second_factors f JOIN accounts a ON a.id = f.account_id WHERE a.email = ${sqlQuote(email)}`);
    await staff.get('/account/security');
    const removed = await staff.post('/account/two-factor/remove', { factor: String(factor.id) });
    assert.equal(removed.headers.location, '/account/security?notice=factor_required');
    const [still] = await ids.sqlRows(portal.database, `SELECT COUNT(*) AS n FROM second_factors WHERE id = ${factor.id}`);
    assert.equal(Number(still.n), 1);
  });

  test('`lumbung user reset-2fa` removes every factor, ends the sessions, mails and audits; a password reset never removes a factor ("Policy")', async () => {
    const account = await createAccount(portal);
    const app = await memberWithApp(portal, account);
    // A password reset keeps the second factor.
    const forgot = await portal.client().submit('/forgot-password', { identifier: account.email });
    assert.equal(forgot.res.status, 303);
    const resetLink = link(await account.box.next('reset_password'), '/reset-password');
    const newPassword = ids.newPassword();
    const reset = await portal.client().submit(resetLink, { password: newPassword });
    assert.equal(reset.res.status, 303);
    account.password = newPassword;
    const after = await passwordStep(portal, account);
    assert.match(after.res.headers.location, /^\/login\/second-factor/, 'the reset did not remove the second step');

    const cli = await h.runLumbung(['user', 'reset-2fa', '--email', account.email, '--reason', 'KTP checked at branch'],
                                   { env: { ...h.databaseEnv(portal.database), LUMBUNG_PUBLIC_URL: PUBLIC_URL } });
    assert.equal(cli.code, 0, cli.stderr);
    await account.box.next('two_factor_reset');
    assert.equal((await app.client.get('/dashboard')).status, 303, 'sessions ended');
    const rows = await ids.sqlRows(portal.database, `SELECT COUNT(*) AS n FROM second_factors WHERE account_id = ${account.id}`);
    assert.equal(Number(rows[0].n), 0);
    const audit = await auditActions(portal, account.id);
    const resetRow = audit.find((r) => r.action === 'two_factor.reset');
    assert.ok(resetRow && String(resetRow.details).includes('KTP checked at branch'), 'audited with the reason');
    const missing = await h.runLumbung(['user', 'reset-2fa', '--email', account.email], { env: h.databaseEnv(portal.database) });
    assert.notEqual(missing.code, 0, '--reason is required');
  });

  test('codes never reach the audit log or the server log (ASVS 7.1.1)', async () => {
    const account = await createAccount(portal);
    const app = await memberWithApp(portal, account);
    const { client } = await passwordStep(portal, account);
    await client.submit('/login/second-factor?method=email', {}, { action: '/login/second-factor/email-code' });
    const code = /\b(\d{6})\b/.exec((await account.box.next('email_code')).text)[1];
    await client.submit('/login/second-factor?method=email', { code });
    const recovery = app.codes[2];
    const other = (await passwordStep(portal, account)).client;
    await other.submit('/login/second-factor?method=recovery', { code: recovery });
    const audit = JSON.stringify(await ids.sqlRows(portal.database, 'SELECT * FROM audit_log'));
    const logs = portal.server.stdout() + portal.server.stderr();
    for (const secret of [code, recovery, recovery.replace(/-/g, ''), app.key]) {
      assert.ok(!audit.includes(secret), `audit_log does not contain ${secret}`);
      assert.ok(!logs.includes(secret), `the server log does not contain ${secret}`);
    }
  });
});
