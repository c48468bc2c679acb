// The identity feature over HTTP (docs/identity.md): sign-up against the registry,
// e-mail verification, sign-in by e-mail / username / NIK, sessions, CSRF, throttling and
// lockout, password reset, "this wasn't me", roles, the audit trail and e-mail change, with the
// real binary, a real SMTP sink and the backend in LUMBUNG_TEST_BACKEND.
// Requirement IDs: OWASP ASVS 4.0.3 (V2 authentication, V3 sessions, V4 access control,
// V7 logging, V13 API) and NIST SP 800-63B.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';

import * as h from './harness.mjs';
import * as ids from './identity_support.mjs';
import { startMailSink } from './mail_sink.mjs';

const backend = h.currentBackend();
const ID = h.loadCatalog('id');
// Every link in mail must come from this, never from the request ("Environment").
const PUBLIC_URL = 'https://portal.lumbung.example';
const UA = {
  chromeLinux: ids.DEFAULT_USER_AGENT,
  firefoxAndroid: 'Mozilla/5.0 (Android 14; Mobile; rv:127.0) Gecko/127.0 Firefox/127.0',
  safariIphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
};

// ---------------------------------------------------------------------------------------------
// Helpers

// A seeded database, a mail sink and a server delivering to it.
async function startPortal(env = {}, { members = 30 } = {}) {
  const sink = await startMailSink();
  let database;
  let server;
  try {
    database = await h.createDatabase();
    await ids.seedMembers(database, members);
    server = await h.startServer({ database, env: { ...sink.env, LUMBUNG_PUBLIC_URL: PUBLIC_URL, ...env } });
  } catch (e) {
    await database?.drop().catch(() => {});
    await sink.stop();
    throw e;
  }
  const pool = await ids.MemberPool.load(database, members);
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

const link = (mail, path) => ids.mailLink(mail, path, PUBLIC_URL);
const pageText = (res) => h.htmlText(res.text);
const says = (res, key, what = key) =>
  assert.ok(pageText(res).includes(ID[key]), `${what}: page should say "${ID[key]}"; it says: ${pageText(res).slice(0, 600)}`);
// A catalog text with its {{placeholders}} filled in.
const fill = (text, values) => text.replace(/\{\{([a-z_.]+)\}\}/g, (_, name) => values[name] ?? '');
const sqlQuote = (s) => `'${String(s).replace(/'/g, "''")}'`;
const randomName = (prefix) => `${prefix}${crypto.randomBytes(4).toString('hex')}`;

// The answer with the CSRF token and what the visitor typed (echoed back in value="") blanked,
// and the "until" time of a lock message replaced: what must not differ between two visitors.
function comparable(html, echoed = ['csrf', 'nik', 'kpj', 'birth_date', 'email', 'username', 'identifier']) {
  const names = new RegExp(`^(${echoed.join('|')})$`);
  return html
    .replace(/<input\b[^>]*>/gi, (input) => {
      const name = /\bname="([^"]*)"/i.exec(input)?.[1];
      return name && names.test(name) ? input.replace(/\bvalue="[^"]*"/i, 'value=""') : input;
    })
    .replace(/\d{1,2} [^\s<,]+ \d{4}, \d{1,2}[.:]\d{2} WIB/g, 'TIME');
}

async function register(client, member, { email, username = '', password, birthDate = member.birth_date, kpj = member.kpj, nik = member.nik, headers } = {}) {
  const { res } = await client.submit('/register', { nik, kpj, birth_date: birthDate, email, username, password }, { headers });
  return res;
}

// A member account made through /register (and confirmed through the mailed link unless
// verify is false): {id, member, email, username, password, box}.
async function createAccount(portal, { member, email, username, password, verify = true } = {}) {
  member ??= portal.pool.take();
  email ??= ids.uniqueEmail('m');
  password ??= ids.newPassword();
  username ??= randomName('u');
  const client = portal.client();
  const res = await register(client, member, { email, username, password });
  assert.equal(res.status, 303, `sign-up of member ${member.id}: ${pageText(res).slice(0, 400)}`);
  assert.equal(res.headers.location, '/verify-email?sent=1');
  const box = new ids.Mailbox(portal.sink, email);
  if (verify) {
    const mail = await box.next('verify_email');
    const { res: done } = await client.submit(link(mail, '/verify-email'));
    assert.equal(done.status, 303, `confirming ${email}`);
    assert.equal(done.headers.location, '/login?notice=verified');
  }
  const [row] = await ids.sqlRows(portal.database, `SELECT id FROM accounts WHERE email = ${sqlQuote(email)}`);
  assert.ok(row, `account for ${email} exists`);
  return { id: row.id, member, email, username, password, box };
}

// Signs in through the /login form. expect: the status to assert (null: no assertion).
async function signIn(portal, account, { client = portal.client(), identifier = account.email, password = account.password, expect = 303, next } = {}) {
  const fields = { identifier, password };
  if (next) fields.next = next;
  const { res } = await client.submit('/login', fields);
  if (expect !== null) {
    assert.equal(res.status, expect, `sign-in as ${identifier}: status ${res.status}: ${pageText(res).slice(0, 400)}`);
  }
  return { client, res };
}

async function signedIn(client) {
  const res = await client.get('/dashboard');
  if (res.status === 200) return true;
  assert.equal(res.status, 303, `/dashboard answers 200 or 303, not ${res.status}`);
  assert.match(res.headers.location, /^\/login\?next=%2Fdashboard/);
  return false;
}

// A bare GET with only the given session cookie value (nothing else a browser would have).
async function dashboardWith(portal, sessionValue) {
  return h.request(portal.server.baseUrl, '/dashboard', { headers: { cookie: `${ids.COOKIE.session}=${sessionValue}` } });
}

async function auditRows(portal, where = '1 = 1') {
  return ids.sqlRows(portal.database, `SELECT id, action, result, actor_user_id, subject_user_id, ip, user_agent, details FROM audit_log WHERE ${where} ORDER BY id`);
}

async function accountRow(portal, id) {
  const [row] = await ids.sqlRows(portal.database, `SELECT * FROM accounts WHERE id = ${Number(id)}`);
  return row;
}

const quantile = (values, q) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.floor((sorted.length - 1) * q)];
};

// Runs a() and b() alternately n times (after one warm-up each) and asserts that their lower
// quartiles are within a factor of 2 (or slackMs of each other): an observer cannot tell the
// cases apart. The lower quartile, not the median: the noise of a loaded 2-core machine (other
// tests, Chromium) only ever adds time, and at random, while a real difference (a skipped
// password hash, a mail composed for one case only) moves the whole distribution. A round
// spoilt by such noise is measured again, up to `rounds` times; a real difference fails all.
async function assertSameTiming(what, a, b, { n = 11, slackMs = 5, rounds = 3 } = {}) {
  await a();
  await b();
  let report = '';
  for (let round = 1; round <= rounds; round++) {
    const ta = [];
    const tb = [];
    for (let i = 0; i < n; i++) {
      ta.push((await timed(a)).ms);
      tb.push((await timed(b)).ms);
    }
    const qa = quantile(ta, 0.25);
    const qb = quantile(tb, 0.25);
    const ratio = qa / qb;
    // A few milliseconds either way are below what a remote observer can resolve; beyond
    // that, the ratio must stay within 2.
    if (Math.abs(qa - qb) < slackMs || (ratio > 0.5 && ratio < 2)) return;
    report += ` round ${round}: lower quartile ${qa.toFixed(1)} ms vs ${qb.toFixed(1)} ms (ratio ${ratio.toFixed(2)}; ` +
              `samples ${ta.map((x) => x.toFixed(0))} vs ${tb.map((x) => x.toFixed(0))});`;
  }
  assert.fail(`${what}:${report}`);
}

// Subjects of the mail queued for `address` (the outbox is written in the event's transaction,
// so absence can be checked without waiting for delivery).
async function outboxSubjects(portal, address) {
  const rows = await ids.sqlRows(portal.database, `SELECT subject FROM mail_outbox WHERE lower(to_address) = ${sqlQuote(address.toLowerCase())} ORDER BY id`);
  return rows.map((r) => r.subject);
}

async function timed(fn) {
  const start = process.hrtime.bigint();
  const res = await fn();
  return { res, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

// ---------------------------------------------------------------------------------------------
describe(`identity on ${backend}: sign-up, e-mail verification and sign-in`, () => {
  let portal;
  before(async () => { portal = await startPortal(); });
  after(async () => { await portal?.stop(); });

  test('register → verify link from public.url (not Host/X-Forwarded-Host) → GET confirms nothing → POST confirms → sign in by email, username and NIK (ASVS 2.1, 2.5.x; NIST 800-63B 5.1.1)', async () => {
    const member = portal.pool.take();
    const email = ids.uniqueEmail('siti');
    const username = randomName('siti');
    const password = ids.newPassword();
    const client = portal.client();
    const res = await register(client, member, {
      email, username, password,
      headers: { host: 'evil.example', 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https' },
    });
    assert.equal(res.status, 303, pageText(res).slice(0, 400));
    assert.equal(res.headers.location, '/verify-email?sent=1');
    const sent = await client.get(res.headers.location);
    assert.equal(sent.status, 200);
    says(sent, 'identity.verify.sent_title');

    const box = new ids.Mailbox(portal.sink, email);
    const first = await box.next('verify_email');
    assert.equal(first.links.length, 1, `one link, alone on its line: ${first.text}`);
    assert.match(first.links[0], new RegExp(`^${PUBLIC_URL.replace(/\./g, '\\.')}/verify-email\\?token=[A-Za-z0-9_-]{43}$`));
    assert.ok(!first.text.includes('evil.example') && !first.html.includes('evil.example'), 'nothing in the mail comes from Host or X-Forwarded-Host');

    // Unverified accounts cannot sign in; the right password earns a new link instead.
    const pending = await signIn(portal, { email, password }, { expect: 403 });
    says(pending.res, 'identity.login.unverified');
    assert.equal(pending.client.cookie(ids.COOKIE.session), undefined, 'no session for an unverified account');
    // Within minutes of the last mail no new one is sent, and the first mail's link still
    // works (identity_browser tests the mail that follows once the minutes have passed).

    // GET shows a confirm button and changes nothing (mail scanners open links).
    const target = link(first, '/verify-email');
    for (let i = 0; i < 2; i++) {
      const page = await client.get(target);
      assert.equal(page.status, 200);
      const form = ids.parseForms(page.text).find((f) => f.action === '/verify-email');
      assert.ok(form && form.fields.token, 'the page holds a form posting the token');
      assert.ok(pageText(page).includes(ID['identity.verify.confirm_submit']), 'confirm button');
    }
    let row = (await ids.sqlRows(portal.database, `SELECT state, email_verified_at FROM accounts WHERE email = ${sqlQuote(email)}`))[0];
    assert.equal(row.state, 'pending', 'GET did not verify');
    assert.equal(row.email_verified_at, null);

    const { res: confirmed } = await client.submit(target);
    assert.equal(confirmed.status, 303);
    assert.equal(confirmed.headers.location, '/login?notice=verified');
    const notice = await client.get(confirmed.headers.location);
    says(notice, 'identity.login.notice.verified');
    row = (await ids.sqlRows(portal.database, `SELECT state, email_verified_at FROM accounts WHERE email = ${sqlQuote(email)}`))[0];
    assert.equal(row.state, 'active');
    assert.notEqual(row.email_verified_at, null);
    // Single use.
    const again = await client.post('/verify-email', { token: new URLSearchParams(target.split('?')[1]).get('token') });
    assert.equal(again.status, 303);
    assert.match(again.headers.location, /^\/verify-email\?token=/);
    // A used link on a confirmed account says so, with the way to sign in (not "invalid").
    says(await client.get(again.headers.location), 'identity.verify.already_confirmed', 'a used link');

    const account = { email, password };
    const spaced = member.nik.replace(/(\d{4})(?=\d)/g, '$1 ');
    for (const identifier of [email, email.toUpperCase(), username, member.nik, spaced, ` ${member.nik} `]) {
      const { client: c, res: done } = await signIn(portal, account, { identifier });
      assert.equal(done.headers.location, '/dashboard', `sign-in by '${identifier}' lands on the dashboard`);
      const dash = await c.get('/dashboard');
      assert.equal(dash.status, 200, `dashboard after signing in by '${identifier}'`);
      assert.ok(pageText(dash).includes(member.full_name), 'the dashboard greets the member by name');
    }
    // `next` is honoured for local paths only (ASVS 5.1.5).
    const local = await signIn(portal, account, { next: '/account/sessions' });
    assert.equal(local.res.headers.location, '/account/sessions');
    for (const next of ['//evil.example/x', '/\\evil.example', 'https://evil.example/', '/\t/evil.example', 'javascript:alert(1)']) {
      const offsite = await signIn(portal, account, { next });
      assert.equal(offsite.res.headers.location, '/dashboard', `next=${JSON.stringify(next)} is not followed off-site`);
    }
  });

  test('a pending account asks for a new link through /verify-email; the answer is the same for any address (ASVS 2.5.x, 3.x no enumeration)', async () => {
    const account = await createAccount(portal, { verify: false });
    await account.box.next('verify_email');
    // The registration mail is minutes old: a new link is due.
    await ids.sqlExec(portal.database,
      `UPDATE account_tokens SET created_at = created_at - 301 WHERE account_id = ${account.id} AND purpose = 'verify_email'`);
    const client = portal.client();
    const known = (await client.submit('/verify-email', { email: account.email })).res;
    const unknown = (await client.submit('/verify-email', { email: ids.uniqueEmail('nobody') })).res;
    for (const res of [known, unknown]) {
      assert.equal(res.status, 303);
      assert.equal(res.headers.location, '/verify-email?sent=1');
    }
    assert.equal(known.text, unknown.text);
    const mail = await account.box.next('verify_email');
    const { res } = await client.submit(link(mail, '/verify-email'));
    assert.equal(res.headers.location, '/login?notice=verified');
    await signIn(portal, account);
  });
});

// ---------------------------------------------------------------------------------------------
describe(`identity on ${backend}: no account enumeration`, () => {
  let portal;
  // Many failures on purpose: no delays or locks in the way of the comparisons.
  before(async () => {
    portal = await startPortal({
      LUMBUNG_LOGIN_DELAY_AFTER: 90, LUMBUNG_LOGIN_LOCK_AFTER: 90, LUMBUNG_REGISTER_IP_ATTEMPTS_PER_HOUR: 1000,
      LUMBUNG_FORGOT_ACCOUNT_PER_HOUR: 100, LUMBUNG_FORGOT_IP_PER_HOUR: 1000, LUMBUNG_LOGIN_IP_FAILURES_PER_15MIN: 1000,
    });
  });
  after(async () => { await portal?.stop(); });

  test('register: wrong KPJ, wrong birth date, unknown NIK and an already registered member get the same status and body (ASVS 2.2 / 3.x wording)', async () => {
    const existing = await createAccount(portal);
    const other = portal.pool.take();
    const email = ids.uniqueEmail('probe');
    const password = ids.newPassword();
    const wrongKpj = String((Number(other.kpj) + 7) % 1e11).padStart(11, '1');
    const shifted = new Date(`${other.birth_date}T00:00:00Z`);
    shifted.setUTCDate(shifted.getUTCDate() + 1);
    const attempts = {
      'wrong KPJ': { member: other, kpj: wrongKpj },
      'wrong birth date': { member: other, birthDate: shifted.toISOString().slice(0, 10) },
      'unknown NIK': { member: other, nik: `${other.nik.slice(0, 12)}${String((Number(other.nik.slice(12)) + 1) % 10000).padStart(4, '0')}` },
      'already registered': { member: existing.member },
    };
    const answers = {};
    for (const [what, a] of Object.entries(attempts)) {
      const res = await register(portal.client(), a.member, { email, password, kpj: a.kpj, birthDate: a.birthDate, nik: a.nik });
      answers[what] = res;
      assert.equal(res.status, 422, `${what}: status`);
      says(res, 'identity.register.no_match', what);
      assert.ok(!res.text.includes(password), `${what}: the password is never echoed (ASVS 2.1.x)`);
    }
    const reference = comparable(answers['wrong KPJ'].text);
    for (const [what, res] of Object.entries(answers)) {
      assert.equal(comparable(res.text), reference, `${what}: same body as for a wrong KPJ`);
    }
    // The member who has an account hears of it by mail only.
    const mail = await existing.box.next('register_existing');
    assert.ok(link(mail, '/forgot-password'));
    const [count] = await ids.sqlRows(portal.database, `SELECT count(*) AS n FROM accounts WHERE email = ${sqlQuote(email)}`);
    assert.equal(Number(count.n), 0, 'no account was made');

    // Timing: a mismatch costs what a match costs (one Argon2id hash), so does a member with an account.
    const client = portal.client();
    await client.get('/register');
    const attempt = (member, extra = {}) => () => client.post('/register', {
      nik: member.nik, kpj: extra.kpj ?? member.kpj, birth_date: member.birth_date, email, username: '', password,
    }).then((res) => assert.equal(res.status, 422));
    await assertSameTiming('register: wrong KPJ vs already registered', attempt(other, { kpj: wrongKpj }), attempt(existing.member));
  });

  test('register: an e-mail address that already has an account gets the normal "check your mail" answer; its owner is told by mail', async () => {
    const owner = await createAccount(portal);
    const member = portal.pool.take();
    const res = await register(portal.client(), member, { email: owner.email, password: ids.newPassword() });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/verify-email?sent=1');
    await owner.box.next('register_email_taken');
    const rows = await ids.sqlRows(portal.database, `SELECT count(*) AS n FROM accounts WHERE member_id = ${member.id}`);
    assert.equal(Number(rows[0].n), 0);
  });

  test('login: unknown identifier vs known identifier with a wrong password: same status, same body, timing within tolerance (ASVS 2.2.x; NIST 800-63B 5.1.1.2)', async () => {
    const account = await createAccount(portal);
    const unknownEmail = ids.uniqueEmail('ghost');
    const wrong = ids.newPassword();
    const attempt = (identifier) => signIn(portal, account, { identifier, password: wrong, expect: null }).then((r) => r.res);
    const pairs = [
      ['email', account.email, unknownEmail],
      ['username', account.username, randomName('ghost')],
      ['NIK', account.member.nik, `9${account.member.nik.slice(1)}`],
    ];
    for (const [what, known, unknown] of pairs) {
      const a = await attempt(known);
      const b = await attempt(unknown);
      assert.equal(a.status, 422, `${what}: known identifier, wrong password`);
      assert.equal(b.status, 422, `${what}: unknown identifier`);
      says(a, 'identity.login.failed');
      assert.equal(comparable(a.text), comparable(b.text), `${what}: same body`);
      for (const res of [a, b]) assert.ok(!res.text.includes(wrong), 'the password is never echoed');
    }

    // Timing: both sides run one Argon2id verification, which dominates the answer.
    const client = portal.client();
    await client.get('/login');
    const once = (identifier) => () => client.post('/login', { identifier, password: wrong })
      .then((res) => assert.equal(res.status, 422));
    await assertSameTiming('login: known vs unknown identifier', once(account.email), once(unknownEmail));
  });

  test('sign-in: a 200,000-character identifier or password is "too long" next to its field, changes nothing, and is answered before any account is looked up (ASVS 5.1.3, 2.2.x)', async () => {
    const account = await createAccount(portal);
    const huge = 'a'.repeat(200_000);
    const before = await auditRows(portal);
    const tooLongId = (await signIn(portal, account, { identifier: `${huge}@example.id`, expect: 422 })).res;
    const tooLong = fill(ID['identity.login.identifier_too_long'], { max: '254' });
    assert.ok(pageText(tooLongId).includes(tooLong), pageText(tooLongId).slice(0, 400));
    assert.ok(!pageText(tooLongId).includes(ID['identity.login.identifier_missing']), 'not "enter your email"');
    assert.ok(!tooLongId.text.includes(huge.slice(0, 1000)), 'not echoed back');
    assert.ok(tooLongId.text.length < 50_000, 'the page stays small');
    assert.match(tooLongId.text, /id="f-identifier"[^>]*aria-describedby="[^"]*f-identifier-error/, 'tied to its field');
    const tooLongPassword = (await signIn(portal, account, { password: huge, expect: 422 })).res;
    says(tooLongPassword, 'identity.login.password_too_long', 'a huge password');
    assert.ok(!tooLongPassword.text.includes(huge.slice(0, 1000)));
    // Both: two errors at once.
    const both = (await signIn(portal, account, { identifier: huge, password: huge, expect: 422 })).res;
    assert.ok(pageText(both).includes(tooLong));
    says(both, 'identity.login.password_too_long');
    // Nothing counted or logged, and the answer is the same for a known account's e-mail with a
    // huge password as for an unknown one.
    assert.equal((await auditRows(portal)).length, before.length, 'no audit row, no failure counted');
    const ghost = (await signIn(portal, { email: ids.uniqueEmail('ghost') }, { password: huge, expect: 422 })).res;
    assert.equal(comparable(ghost.text), comparable(tooLongPassword.text));
    await signIn(portal, account);
  });

  test('forgot password: known and unknown identifiers get the same status, Location and page (ASVS 2.5.x; OWASP Forgot Password cheat sheet)', async () => {
    const account = await createAccount(portal);
    const answers = [];
    for (const identifier of [account.email, ids.uniqueEmail('ghost'), account.member.nik, '9999888877776666']) {
      const client = portal.client();
      const { res } = await client.submit('/forgot-password', { identifier });
      assert.equal(res.status, 303, identifier);
      assert.equal(res.headers.location, '/forgot-password?sent=1', identifier);
      const page = await client.get(res.headers.location);
      assert.equal(page.status, 200);
      says(page, 'identity.forgot.sent_title');
      answers.push({ identifier, res, page });
    }
    for (const a of answers.slice(1)) {
      assert.equal(a.res.text, answers[0].res.text, `${a.identifier}: same redirect body`);
      assert.equal(comparable(a.page.text), comparable(answers[0].page.text), `${a.identifier}: same page`);
    }
    const mail = await account.box.next('reset_password');
    assert.ok(link(mail, '/reset-password'));

    // Timing ("the same page, status and timing whether or not the account exists").
    const client = portal.client();
    await client.get('/forgot-password');
    const ask = (identifier) => () => client.post('/forgot-password', { identifier })
      .then((res) => assert.equal(res.headers.location, '/forgot-password?sent=1'));
    await assertSameTiming('forgot: known vs unknown account', ask(account.email), ask(ids.uniqueEmail('ghost')));
  });
});

// ---------------------------------------------------------------------------------------------
describe(`identity on ${backend}: CSRF`, () => {
  let portal;
  before(async () => { portal = await startPortal(); });
  after(async () => { await portal?.stop(); });

  const tamper = (token) => {
    const i = Math.floor(token.length / 2);
    return token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
  };

  test('every POST route refuses a missing, foreign or tampered token with 403 and changes nothing (ASVS 4.2.2, 13.2.3)', async () => {
    const account = await createAccount(portal);
    const other = await createAccount(portal);
    const s = (await signIn(portal, account, { client: portal.client({ userAgent: UA.chromeLinux }) })).client;
    const s2 = (await signIn(portal, account, { client: portal.client({ userAgent: UA.firefoxAndroid }) })).client;
    const t = (await signIn(portal, other)).client;
    const anonymous = portal.client();
    const visitor = portal.client();
    await anonymous.get('/login');
    await visitor.get('/login');
    await s.get('/account/sessions');
    await t.get('/dashboard');
    const sessionsPage = await s.get('/account/sessions');
    const handle = ids.parseForms(sessionsPage.text).find((f) => f.action === '/account/sessions/end').fields.session;
    await s.get('/dashboard');

    const newDevice = await account.box.next('new_device');
    const reportToken = new URLSearchParams(link(newDevice, '/report').split('?')[1]).get('token');
    const free = portal.pool.take();
    const beforeRow = await accountRow(portal, account.id);

    const routes = [
      ['/register', anonymous, { nik: free.nik, kpj: free.kpj, birth_date: free.birth_date, email: ids.uniqueEmail('csrf'), password: ids.newPassword() }],
      ['/verify-email', anonymous, { email: account.email }],
      ['/login', anonymous, { identifier: account.email, password: account.password }],
      ['/forgot-password', anonymous, { identifier: account.email }],
      ['/reset-password', anonymous, { token: 'x'.repeat(43), password: ids.newPassword() }],
      ['/invitation', anonymous, { token: 'x'.repeat(43), password: ids.newPassword() }],
      ['/unlock', anonymous, { token: 'x'.repeat(43) }],
      ['/report', anonymous, { token: reportToken }],
      ['/logout', s, {}],
      ['/account/password', s, { current_password: account.password, password: ids.newPassword() }],
      ['/account/email', s, { email: ids.uniqueEmail('csrf'), current_password: account.password }],
      ['/account/username', s, { username: randomName('csrf'), current_password: account.password }],
      ['/account/sessions/end', s, { session: handle }],
      ['/account/sessions/end-others', s, {}],
      ['/account/stay-signed-in', s, { next: '/dashboard' }],
    ];
    for (const [path, client, fields] of routes) {
      const own = client.csrf;
      const foreign = client === anonymous ? visitor.csrf : t.csrf;
      assert.ok(own && foreign && own !== foreign);
      for (const [what, csrf] of [['no token', null], ['empty token', ''], ['a token of another visitor', foreign],
                                  ['a tampered token', tamper(own)], ['a truncated token', own.slice(0, -2)],
                                  ['the bare pre-session secret', anonymous.cookie(ids.COOKIE.pre)]]) {
        const res = await client.post(path, fields, { csrf });
        assert.equal(res.status, 403, `POST ${path} with ${what}`);
        assert.equal(res.headers.location, undefined);
      }
    }

    // Nothing changed.
    assert.equal(Number((await ids.sqlRows(portal.database, `SELECT count(*) AS n FROM accounts WHERE member_id = ${free.id}`))[0].n), 0, 'no account made');
    assert.equal(anonymous.cookie(ids.COOKIE.session), undefined, 'no session started');
    const tokens = await ids.sqlRows(portal.database, `SELECT purpose FROM account_tokens WHERE account_id = ${account.id} AND purpose IN ('reset_password', 'change_email', 'verify_email') AND used_at IS NULL`);
    assert.deepEqual(tokens, [], 'no reset, change-email or verify link issued');
    const afterRow = await accountRow(portal, account.id);
    assert.equal(afterRow.password_hash, beforeRow.password_hash, 'password unchanged');
    assert.equal(afterRow.email, beforeRow.email, 'e-mail unchanged');
    assert.equal(afterRow.username, beforeRow.username, 'username unchanged');
    assert.equal(Number(afterRow.must_reset), 0, 'not reported');
    assert.ok(await signedIn(s), 'the session survived /logout and /account/sessions/end-others');
    assert.ok(await signedIn(s2), 'the other session survived /account/sessions/end');
    const actions = (await auditRows(portal, `subject_user_id = ${account.id}`)).map((r) => r.action);
    for (const action of ['logout', 'session.ended', 'session.ended_others', 'password.changed', 'email.change_requested', 'username.changed', 'account.reported', 'password.reset_requested']) {
      assert.ok(!actions.includes(action), `no ${action} in the audit log`);
    }

    // With the right token the same requests work (the refusals above were about the token).
    const { res: ok } = await s.submit('/account/sessions', {}, { action: '/account/sessions/end-others' });
    assert.equal(ok.status, 303);
    assert.equal(await signedIn(s2), false);
  });

  test('POST /login with a valid-looking token but without the pre-session cookie → 403 (ASVS 4.2.2: anonymous forms are protected too)', async () => {
    const account = await createAccount(portal);
    const client = portal.client();
    const page = await client.get('/login');
    const pre = page.setCookies.find((c) => c.name === ids.COOKIE.pre);
    assert.ok(pre, 'the sign-in page sets the pre-session cookie');
    client.deleteCookie(ids.COOKIE.pre);
    const res = await client.post('/login', { identifier: account.email, password: account.password });
    assert.equal(res.status, 403);
    assert.equal(client.cookie(ids.COOKIE.session), undefined);
    // A made-up pre-session cookie does not help either.
    const forged = portal.client();
    forged.setCookie(ids.COOKIE.pre, crypto.randomBytes(32).toString('base64url'));
    const res2 = await forged.post('/login', { identifier: account.email, password: account.password }, { csrf: client.csrf });
    assert.equal(res2.status, 403);
  });
});

// ---------------------------------------------------------------------------------------------
describe(`identity on ${backend}: sessions and cookies`, () => {
  let portal;
  before(async () => { portal = await startPortal(); });
  after(async () => { await portal?.stop(); });

  const assertCookieAttributes = (cookie, what, { maxAge } = {}) => {
    assert.ok(cookie.name.startsWith('__Host-'), `${what}: __Host- prefix (ASVS 3.4.4)`);
    assert.equal(cookie.attributes.get('path'), '/', `${what}: Path=/ (ASVS 3.4.5)`);
    assert.equal(cookie.attributes.get('secure'), true, `${what}: Secure (ASVS 3.4.1)`);
    assert.equal(cookie.attributes.get('httponly'), true, `${what}: HttpOnly (ASVS 3.4.2)`);
    assert.equal(cookie.attributes.get('samesite'), 'Lax', `${what}: SameSite=Lax (ASVS 3.4.3)`);
    assert.ok(!cookie.attributes.has('domain'), `${what}: no Domain`);
    if (maxAge === 'none') {
      assert.ok(!cookie.attributes.has('max-age') && !cookie.attributes.has('expires'), `${what}: a browser-session cookie (no Max-Age/Expires): ${cookie.raw}`);
    } else if (maxAge === 'positive') {
      assert.ok(Number(cookie.attributes.get('max-age')) > 0, `${what}: persistent: ${cookie.raw}`);
    }
  };

  test('cookie attributes are exact: __Host- prefix, Secure, HttpOnly, SameSite=Lax, Path=/, no Domain, no Max-Age on the session cookie (ASVS 3.4.1-3.4.5, 3.3.1)', async () => {
    const account = await createAccount(portal);
    const client = portal.client();
    const page = await client.get('/login');
    const pre = page.setCookies.find((c) => c.name === ids.COOKIE.pre);
    assertCookieAttributes(pre, 'pre-session cookie', { maxAge: 'none' });
    const { res } = await signIn(portal, account, { client });
    const session = res.setCookies.filter((c) => c.name === ids.COOKIE.session);
    assert.equal(session.length, 1, `exactly one session cookie: ${res.setCookies.map((c) => c.raw).join(' | ')}`);
    assertCookieAttributes(session[0], 'session cookie', { maxAge: 'none' });
    assert.match(session[0].value, /^[A-Za-z0-9_-]{43}$/, 'session id: 256 bits, base64url (ASVS 3.2.2: at least 128)');
    const device = res.setCookies.find((c) => c.name === ids.COOKIE.device);
    assertCookieAttributes(device, 'device cookie', { maxAge: 'positive' });
    assert.ok(!res.headers['set-cookie'].some((raw) => /\bdomain=/i.test(raw)), 'no cookie names a Domain');

    const { page: logoutPage, res: out } = await client.submit('/logout');
    assert.equal(logoutPage.status, 200);
    assert.equal(out.status, 303);
    assert.equal(out.headers.location, '/login?notice=signed_out');
    const cleared = out.setCookies.find((c) => c.name === ids.COOKIE.session);
    assert.ok(cleared && cleared.value === '' && cleared.attributes.get('max-age') === '0', 'logout clears the session cookie');
    assertCookieAttributes(cleared, 'cleared session cookie');
  });

  test('session fixation: a session id planted before sign-in is never used; sign-in issues a new one (ASVS 3.2.1, 3.2.3)', async () => {
    const account = await createAccount(portal);
    const planted = crypto.randomBytes(32).toString('base64url');
    const client = portal.client();
    client.setCookie(ids.COOKIE.session, planted);
    const form = await client.get('/login');
    assert.ok(form.setCookies.some((c) => c.name === ids.COOKIE.session && c.attributes.get('max-age') === '0'),
              'an unknown session id is cleared at once');
    // The attacker plants it again right before the victim signs in.
    client.setCookie(ids.COOKIE.session, planted);
    const res = await client.post('/login', { identifier: account.email, password: account.password });
    assert.equal(res.status, 303);
    const issued = res.setCookies.filter((c) => c.name === ids.COOKIE.session && c.value !== '');
    assert.equal(issued.length, 1, 'a new session id is issued');
    assert.notEqual(issued[0].value, planted);
    const last = res.setCookies.filter((c) => c.name === ids.COOKIE.session).at(-1);
    assert.equal(last.value, issued[0].value,
                 `the new session cookie is the last word on the session cookie (a later clearing Set-Cookie would sign the browser out again): ${res.setCookies.map((c) => c.raw).join(' | ')}`);
    assert.equal(client.cookie(ids.COOKIE.session), issued[0].value);
    assert.ok(await signedIn(client), 'signed in with the issued id');
    assert.equal((await dashboardWith(portal, planted)).status, 303, 'the planted id opens nothing');
    // The pre-session secret is not a session id either.
    assert.equal((await dashboardWith(portal, client.cookie(ids.COOKIE.pre))).status, 303);
  });

  test('ids are 256-bit, differ per sign-in, and the database holds only their hash (ASVS 3.2.2, 3.2.4 / 2.10-style secret storage)', async () => {
    const account = await createAccount(portal);
    const values = [];
    for (let i = 0; i < 4; i++) {
      const { client } = await signIn(portal, account);
      values.push(client.cookie(ids.COOKIE.session));
    }
    assert.equal(new Set(values).size, values.length, 'a new id every sign-in');
    for (const v of values) assert.match(v, /^[A-Za-z0-9_-]{43}$/);
    const rows = await ids.sqlRows(portal.database, `SELECT * FROM sessions WHERE account_id = ${account.id}`);
    assert.equal(rows.length, values.length);
    const dump = JSON.stringify(rows);
    for (const v of values) assert.ok(!dump.includes(v), 'the cookie value is nowhere in the sessions table');
    for (const r of rows) assert.ok(!values.includes(r.id_hash));
    const expected = values.map((v) => crypto.createHash('sha256').update(v).digest());
    const stored = new Set(rows.map((r) => r.id_hash));
    assert.ok(expected.every((d) => stored.has(d.toString('hex')) || stored.has(d.toString('base64url')) || stored.has(d.toString('base64'))),
              'sessions.id_hash is the SHA-256 of the cookie value');
  });

  test('logout ends the session on the server: the old cookie value no longer opens /dashboard (ASVS 3.3.1)', async () => {
    const account = await createAccount(portal);
    const { client } = await signIn(portal, account);
    const value = client.cookie(ids.COOKIE.session);
    assert.equal((await dashboardWith(portal, value)).status, 200);
    const confirm = await client.get('/logout');
    assert.equal(confirm.status, 200, 'GET /logout shows a confirm button');
    assert.ok(await signedIn(client), 'GET /logout changes nothing (ASVS 4.2.2: no state change on GET)');
    const { res } = await client.submit('/logout');
    assert.equal(res.status, 303);
    const replay = await dashboardWith(portal, value);
    assert.equal(replay.status, 303, 'the stolen or kept cookie is dead');
    assert.match(replay.headers.location, /^\/login\?next=%2Fdashboard/);
    assert.equal((await ids.sqlRows(portal.database, `SELECT count(*) AS n FROM sessions WHERE account_id = ${account.id}`))[0].n, 0);
  });

  test('idle and absolute expiry: /dashboard redirects to /login?next=%2Fdashboard&reason=expired and the sign-in page says why (ASVS 3.3.2; WCAG 2.2.1)', async () => {
    const account = await createAccount(portal);
    const { client } = await signIn(portal, account);
    assert.ok(await signedIn(client));
    // 31 minutes without activity (idle timeout 30 min): move last_seen_at back instead of waiting.
    await ids.sqlExec(portal.database, `UPDATE sessions SET last_seen_at = last_seen_at - 31 * 60, created_at = created_at - 31 * 60 WHERE account_id = ${account.id}`);
    const res = await client.get('/dashboard');
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/login?next=%2Fdashboard&reason=expired');
    const login = await client.get(res.headers.location);
    assert.equal(login.status, 200);
    says(login, 'identity.login.notice.expired');
    assert.equal(client.cookie(ids.COOKIE.session), undefined, 'the dead cookie is cleared');
    // Signing in again returns to where the member was.
    const again = await signIn(portal, account, { client, next: '/dashboard' });
    assert.equal(again.res.headers.location, '/dashboard');
    assert.ok(await signedIn(client));

    // Absolute timeout (12 h): activity does not keep a session alive for ever.
    await ids.sqlExec(portal.database, `UPDATE sessions SET expires_at = ${Math.floor(Date.now() / 1000) - 1} WHERE account_id = ${account.id}`);
    const late = await client.get('/account/security');
    assert.equal(late.status, 303);
    assert.equal(late.headers.location, '/login?next=%2Faccount%2Fsecurity&reason=expired');
  });

  test('staying signed in renews the idle timer (POST /account/stay-signed-in) (ASVS 3.3.2; WCAG 2.2.1)', async () => {
    const account = await createAccount(portal);
    const { client } = await signIn(portal, account);
    const dash = await client.get('/dashboard');
    const stay = ids.parseForms(dash.text).find((f) => f.action === '/account/stay-signed-in');
    assert.ok(stay, 'every signed-in page offers to stay signed in, without JavaScript');
    assert.equal(stay.fields.next, '/dashboard');
    await ids.sqlExec(portal.database, `UPDATE sessions SET last_seen_at = last_seen_at - 29 * 60 WHERE account_id = ${account.id}`);
    const res = await client.post('/account/stay-signed-in', { next: stay.fields.next }, { csrf: stay.fields.csrf });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/dashboard');
    const [row] = await ids.sqlRows(portal.database, `SELECT last_seen_at FROM sessions WHERE account_id = ${account.id}`);
    assert.ok(Number(row.last_seen_at) >= Math.floor(Date.now() / 1000) - 60, 'last_seen_at is now');
    await client.get('/dashboard');
    const offsite = await client.post('/account/stay-signed-in', { next: '//evil.example/' });
    assert.equal(offsite.headers.location, '/dashboard', 'no open redirect (ASVS 5.1.5)');
  });

  test('a disabled account loses its sessions at once and cannot sign in; a wrong password reveals nothing (ASVS 3.3.x, 2.2.x)', async () => {
    const account = await createAccount(portal);
    const { client } = await signIn(portal, account);
    assert.ok(await signedIn(client));
    await ids.sqlExec(portal.database, `UPDATE accounts SET state = 'disabled' WHERE id = ${account.id}`);
    assert.equal(await signedIn(client), false, 'the live session stops working');
    const refused = await signIn(portal, account, { expect: 403 });
    says(refused.res, 'identity.login.disabled');
    const wrong = await signIn(portal, account, { password: ids.newPassword(), expect: 422 });
    says(wrong.res, 'identity.login.failed');
  });
});

// ---------------------------------------------------------------------------------------------
describe(`identity on ${backend}: /account/sessions`, () => {
  let portal;
  before(async () => { portal = await startPortal(); });
  after(async () => { await portal?.stop(); });

  const sessionRows = (html) => {
    const body = /<tbody>([\s\S]*?)<\/tbody>/i.exec(html)?.[1] ?? '';
    return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/gi)].map((m) => h.htmlText(m[1]));
  };

  test('lists every live session with device and IP; ending the other one, then all others, makes them anonymous (ASVS 3.3.3, 3.3.4)', async () => {
    const account = await createAccount(portal);
    const newDevice = ids.mailSubject('new_device');
    const a = (await signIn(portal, account, { client: portal.client({ userAgent: UA.chromeLinux }) })).client;
    assert.ok(!(await outboxSubjects(portal, account.email)).includes(newDevice), 'no new-device alert for the very first sign-in');
    const b = (await signIn(portal, account, { client: portal.client({ userAgent: UA.firefoxAndroid }) })).client;
    assert.equal((await outboxSubjects(portal, account.email)).filter((x) => x === newDevice).length, 1, 'an alert for the second device');
    const alert = await account.box.next('new_device');
    assert.ok(alert.text.includes('127.0.0.1') && link(alert, '/report'), 'the alert names the address and has a "this wasn\'t me" link');
    // One device label everywhere: the mail (both parts), the inbox notice, the pages; never
    // the raw User-Agent.
    const label = fill(ID['identity.device.on'], { browser: 'Firefox', system: 'Android' });
    for (const [what, text] of [['mail text', alert.text], ['mail html', alert.html ?? alert.text]]) {
      assert.ok(text.includes(label) && !text.includes('Mozilla/5.0'), `${what}: ${text}`);
    }
    const inbox = pageText(await a.get('/notifications'));
    assert.ok(inbox.includes(fill(ID['notifications.security.new_device'], { device: label })) && !inbox.includes('Mozilla/5.0'), inbox);
    const activity = pageText(await a.get('/account/security'));
    assert.ok(activity.includes(label) && !activity.includes('Mozilla/5.0'), 'recent activity uses the same label');
    const page = await a.get('/account/sessions');
    assert.equal(page.status, 200);
    const rows = sessionRows(page.text);
    assert.equal(rows.length, 2, JSON.stringify(rows));
    const mine = rows.find((r) => r.includes(ID['identity.sessions.this_device']));
    const theirs = rows.find((r) => !r.includes(ID['identity.sessions.this_device']));
    assert.ok(mine && /Chrome/.test(mine) && /Linux/.test(mine) && mine.includes('127.0.0.1'), mine);
    assert.ok(theirs && theirs.includes(label) && theirs.includes('127.0.0.1'), theirs);
    assert.ok(!page.text.includes(a.cookie(ids.COOKIE.session)) && !page.text.includes(b.cookie(ids.COOKIE.session)),
              'the page never shows session ids (only handles)');

    // Someone else's account cannot end this member's session by its handle (ASVS 4.2.1).
    const handle = ids.parseForms(page.text).find((f) => f.action === '/account/sessions/end').fields.session;
    const stranger = (await signIn(portal, await createAccount(portal))).client;
    await stranger.get('/account/sessions');
    const sneaky = await stranger.post('/account/sessions/end', { session: handle });
    assert.equal(sneaky.status, 303);
    assert.ok(await signedIn(b), "another account's request did not end the session");

    const { res } = await a.submit('/account/sessions', { session: handle }, { action: '/account/sessions/end' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/account/sessions?notice=ended');
    assert.equal(await signedIn(b), false, 'the ended session is anonymous at once');
    assert.ok(await signedIn(a), 'this session continues');
    assert.equal(sessionRows((await a.get('/account/sessions')).text).length, 1);

    const b2 = (await signIn(portal, account, { client: portal.client({ userAgent: UA.firefoxAndroid }) })).client;
    const c = (await signIn(portal, account, { client: portal.client({ userAgent: UA.safariIphone }) })).client;
    const listed = sessionRows((await a.get('/account/sessions')).text);
    assert.equal(listed.length, 3);
    assert.ok(listed.some((r) => /Safari/.test(r) && /iPhone/.test(r)));
    const { res: all } = await a.submit('/account/sessions', {}, { action: '/account/sessions/end-others' });
    assert.equal(all.status, 303);
    assert.equal(all.headers.location, '/account/sessions?notice=ended_others');
    assert.equal(await signedIn(b2), false);
    assert.equal(await signedIn(c), false);
    assert.ok(await signedIn(a));
    assert.equal(sessionRows((await a.get('/account/sessions')).text).length, 1);
  });

  test('changing the password ends the other sessions, renews this one and mails a notice with a /report link (ASVS 2.5.x, 3.3.3, 3.2.1)', async () => {
    const account = await createAccount(portal);
    const a = (await signIn(portal, account)).client;
    const b = (await signIn(portal, account, { client: portal.client({ userAgent: UA.firefoxAndroid }) })).client;
    const oldValue = a.cookie(ids.COOKIE.session);

    const wrong = await a.submit('/account/password', { current_password: `x${account.password}`, password: ids.newPassword() });
    assert.equal(wrong.res.status, 422);
    says(wrong.res, 'identity.change_password.current_wrong');
    assert.ok(await signedIn(b), 'a refused change ends nothing');

    const password = ids.newPassword();
    const { res } = await a.submit('/account/password', { current_password: account.password, password });
    assert.equal(res.status, 303, pageText(res).slice(0, 300));
    assert.equal(res.headers.location, '/account/security?notice=password_changed');
    const newValue = a.cookie(ids.COOKIE.session);
    assert.ok(newValue && newValue !== oldValue, 'this session gets a new id (privilege change)');
    assert.ok(await signedIn(a));
    assert.equal((await dashboardWith(portal, oldValue)).status, 303, 'the old id is dead');
    assert.equal(await signedIn(b), false, 'the other session ended');
    const mail = await account.box.next('password_changed');
    assert.ok(link(mail, '/report'), 'the notice carries a "this wasn\'t me" link');
    await signIn(portal, account, { expect: 422 });
    await signIn(portal, { ...account, password });
  });
});

// ---------------------------------------------------------------------------------------------
describe(`identity on ${backend}: throttling and lockout`, () => {
  let portal;
  before(async () => {
    portal = await startPortal({ LUMBUNG_LOGIN_DELAY_AFTER: 3, LUMBUNG_LOGIN_LOCK_AFTER: 3 });
  });
  after(async () => { await portal?.stop(); });

  const lockMessage = /Masuk ke akun ini dari perangkat baru dihentikan sementara sampai .+ WIB/;

  const failThrice = async (identifier) => {
    const answers = [];
    for (let i = 0; i < 3; i++) {
      answers.push((await signIn(portal, { email: identifier }, { password: ids.newPassword(), expect: null })).res);
    }
    return answers;
  };

  test('lock after 3 failures from new browsers, not from the device that signed in before; unlock by mail link and by CLI (ASVS 2.2.1; NIST 800-63B 5.2.2; OWASP device cookies)', async () => {
    const account = await createAccount(portal);
    // The member's own phone signs in once (and gets a device cookie), then signs out.
    const phone = (await signIn(portal, account, { client: portal.client({ userAgent: UA.firefoxAndroid }) })).client;
    assert.ok(phone.cookie(ids.COOKIE.device), 'a device cookie after a successful sign-in');
    await phone.submit('/logout');
    assert.equal(await signedIn(phone), false);

    // Someone else guesses.
    const answers = await failThrice(account.email);
    assert.deepEqual(answers.map((r) => r.status), [422, 422, 429]);
    assert.match(pageText(answers[2]), lockMessage);
    assert.equal((await accountRow(portal, account.id)).state, 'locked');
    const lockMail = await account.box.next('locked');
    const unlockTarget = link(lockMail, '/unlock');
    assert.ok(link(lockMail, '/report'), 'the lock mail has a "this wasn\'t me" link');

    // The same answer for an identifier that names no account (no enumeration by lockout).
    const ghost = await failThrice(ids.uniqueEmail('ghost'));
    assert.deepEqual(ghost.map((r) => r.status), [422, 422, 429]);
    assert.equal(comparable(ghost[2].text), comparable(answers[2].text), 'locked known account and unknown identifier look alike');

    // The right password from a new browser is refused while locked.
    const fresh = await signIn(portal, account, { expect: 429 });
    assert.match(pageText(fresh.res), lockMessage);
    assert.equal(fresh.client.cookie(ids.COOKIE.session), undefined);

    // The member's phone still gets in: lockout is not a weapon.
    const back = await signIn(portal, account, { client: phone });
    assert.equal(back.res.headers.location, '/dashboard');
    assert.ok(await signedIn(phone));
    await phone.submit('/logout');

    // The unlock link: GET explains and changes nothing; POST unlocks.
    const shown = portal.client();
    const page = await shown.get(unlockTarget);
    assert.equal(page.status, 200);
    says(page, 'identity.unlock.intro');
    assert.equal((await accountRow(portal, account.id)).state, 'locked', 'GET did not unlock');
    await signIn(portal, account, { expect: 429 });
    const { res } = await shown.submit(unlockTarget);
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/login?notice=unlocked');
    says(await shown.get(res.headers.location), 'identity.login.notice.unlocked');
    await signIn(portal, account);
    // Single use.
    assert.equal((await portal.client().get(unlockTarget)).status, 410);

    // Locked again; staff unlock with the CLI.
    assert.deepEqual((await failThrice(account.username)).map((r) => r.status), [422, 422, 429], 'username counts for the same account');
    await account.box.next('locked');
    await signIn(portal, account, { identifier: account.member.nik, expect: 429 });
    const cli = await h.runLumbung(['user', 'unlock', '--email', account.email], { env: h.databaseEnv(portal.database) });
    assert.equal(cli.code, 0, cli.stderr);
    await signIn(portal, account);
    assert.equal((await accountRow(portal, account.id)).state, 'active');
  });

  test('a lock ends by itself after login.lock_minutes (ASVS 2.2.1)', async () => {
    const account = await createAccount(portal);
    assert.deepEqual((await failThrice(account.email)).map((r) => r.status), [422, 422, 429]);
    await signIn(portal, account, { expect: 429 });
    // 15 minutes later: move the lock into the past instead of waiting.
    const past = Math.floor(Date.now() / 1000) - 1;
    await ids.sqlExec(portal.database, `UPDATE accounts SET locked_until = ${past} WHERE id = ${account.id}`);
    await ids.sqlExec(portal.database, `UPDATE throttle SET blocked_until = ${past} WHERE bucket = 'login:a:${account.id}'`);
    await signIn(portal, account);
    assert.equal((await accountRow(portal, account.id)).state, 'active');
    await account.box.next('locked');
  });

  test('the three identifier forms count as one account', async () => {
    const account = await createAccount(portal);
    const statuses = [];
    for (const identifier of [account.email, account.username, account.member.nik]) {
      statuses.push((await signIn(portal, account, { identifier, password: ids.newPassword(), expect: null })).res.status);
    }
    assert.deepEqual(statuses, [422, 422, 429]);
    await account.box.next('locked');
  });
});

describe(`identity on ${backend}: per-address limits`, () => {
  let portal;
  before(async () => {
    portal = await startPortal({ LUMBUNG_LOGIN_IP_FAILURES_PER_15MIN: 4, LUMBUNG_REGISTER_IP_ATTEMPTS_PER_HOUR: 3 });
  });
  after(async () => { await portal?.stop(); });

  test('sign-in: 429 after LUMBUNG_LOGIN_IP_FAILURES_PER_15MIN failures from one address; a known device is exempt; sign-up: 429 after LUMBUNG_REGISTER_IP_ATTEMPTS_PER_HOUR (ASVS 2.2.1, 11.1.4)', async () => {
    const account = await createAccount(portal); // sign-up attempt 1 of 3
    const phone = (await signIn(portal, account)).client;
    await phone.submit('/logout');

    const statuses = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await signIn(portal, { email: ids.uniqueEmail(`ip${i}`) }, { password: ids.newPassword(), expect: null })).res.status);
    }
    assert.deepEqual(statuses, [422, 422, 422, 422, 429]);
    const limited = await signIn(portal, account, { expect: 429 });
    says(limited.res, 'identity.login.ip_limited');
    // The member's own browser is not stopped by the crowd behind the same address.
    await signIn(portal, account, { client: phone });

    const member = portal.pool.take();
    const wrong = { kpj: '99999999999' };
    assert.equal((await register(portal.client(), member, { email: ids.uniqueEmail('r'), password: ids.newPassword(), ...wrong })).status, 422);
    assert.equal((await register(portal.client(), member, { email: ids.uniqueEmail('r'), password: ids.newPassword(), ...wrong })).status, 422);
    const res = await register(portal.client(), member, { email: ids.uniqueEmail('r'), password: ids.newPassword() });
    assert.equal(res.status, 429, 'the 4th sign-up attempt from this address is refused, even with the right details');
    says(res, 'identity.register.rate_limited');
    assert.equal(Number((await ids.sqlRows(portal.database, `SELECT count(*) AS n FROM accounts WHERE member_id = ${member.id}`))[0].n), 0);
  });
});

describe(`identity on ${backend}: back-off delays`, () => {
  let portal;
  before(async () => {
    portal = await startPortal({ LUMBUNG_LOGIN_DELAY_AFTER: 2, LUMBUNG_LOGIN_LOCK_AFTER: 30 });
  });
  after(async () => { await portal?.stop(); });

  // The back-off is over: what a patient attacker (or the clock) does between attempts.
  const waitOut = (bucket) => ids.sqlExec(portal.database, `UPDATE throttle SET blocked_until = 0 WHERE bucket = ${sqlQuote(bucket)}`);
  const failuresNotices = (account) => ids.sqlRows(portal.database,
    `SELECT id, message_id FROM inbox_items WHERE account_id = ${account.id} AND message_id = 'notifications.security.sign_in_failures' ORDER BY id`);
  const failuresMails = async (account) => (await outboxSubjects(portal, account.email)).filter((x) => x === ids.mailSubject('sign_in_failures'));

  test('after delay_after failures each attempt must wait, for known and unknown identifiers alike; a known device is not delayed (ASVS 2.2.1; NIST 800-63B 5.2.2)', async () => {
    const account = await createAccount(portal);
    const phone = (await signIn(portal, account)).client;
    await phone.submit('/logout');
    // A wait of seconds is said as seconds, not as the clock time of this very minute.
    const delayed = /Terlalu banyak percobaan yang gagal\. Demi keamanan, coba lagi dalam \d+ detik\./;
    const twice = async (identifier) => {
      const out = [];
      for (let i = 0; i < 2; i++) out.push((await signIn(portal, { email: identifier }, { password: ids.newPassword(), expect: null })).res);
      return out;
    };
    const known = await twice(account.email);
    assert.deepEqual(known.map((r) => r.status), [422, 429]);
    assert.match(pageText(known[1]), delayed);
    const right = await signIn(portal, account, { expect: 429 });
    assert.match(pageText(right.res), delayed, 'the right password waits too');
    const ghost = await twice(ids.uniqueEmail('ghost'));
    assert.deepEqual(ghost.map((r) => r.status), [422, 429]);
    assert.equal(comparable(ghost[1].text), comparable(known[1].text), 'no enumeration by delays');
    await signIn(portal, account, { client: phone });
    const refusals = await auditRows(portal, `action = 'login.refused' AND subject_user_id = ${account.id}`);
    assert.ok(refusals.some((r) => /delayed/.test(r.details)), JSON.stringify(refusals));
    assert.match(pageText(known[1]), /coba lagi dalam 1[45] detik/, 'the first delay is 15 seconds');
  });

  test('the owner is told once per episode when failures pass the delay threshold, by mail and in the inbox, with a "this wasn\'t me" link; the attacker\'s answers are the same for an unknown identifier (ASVS 2.2.3, 2.2.1; NIST 800-63B 5.2.2)', async () => {
    const account = await createAccount(portal);
    const bucket = `login:a:${account.id}`;
    const ghostEmail = ids.uniqueEmail('ghost');
    const fail = async (identifier) => (await signIn(portal, { email: identifier }, { password: ids.newPassword(), expect: null })).res;
    // 7 failures, each after the back-off: the delay_after-th (2nd) starts the episode.
    const answers = [];
    for (let i = 0; i < 7; i++) { answers.push(await fail(account.email)); await waitOut(bucket); }
    assert.deepEqual(answers.map((r) => r.status), [422, 429, 429, 429, 429, 429, 429]);
    assert.equal((await failuresMails(account)).length, 1, 'one mail for 7 failures');
    assert.equal((await failuresNotices(account)).length, 1, 'one inbox notice for 7 failures');
    const mail = await account.box.next('sign_in_failures');
    assert.ok(link(mail, '/report'), 'the mail has a "this wasn\'t me" link');
    assert.ok(mail.text.includes('127.0.0.1'), 'and names the address the attempts came from');
    // 20 failures in all: still one.
    for (let i = 0; i < 13; i++) { await fail(account.email); await waitOut(bucket); }
    assert.equal((await failuresMails(account)).length, 1, 'one mail for 20 failures');
    assert.equal((await failuresNotices(account)).length, 1, 'one notice for 20 failures');
    assert.equal((await accountRow(portal, account.id)).state, 'active', 'no lock below lock_after');

    // The member signs in (the episode ends); the inbox shows the notice in their words.
    const own = (await signIn(portal, account)).client;
    const inbox = pageText(await own.get('/notifications'));
    assert.ok(inbox.includes(fill(ID['notifications.security.sign_in_failures'], { failures: '2' })), inbox);
    await own.submit('/logout');
    // A new episode is news again.
    for (let i = 0; i < 3; i++) { await fail(account.email); await waitOut(bucket); }
    assert.equal((await failuresMails(account)).length, 2, 'a new episode, a new mail');
    assert.equal((await failuresNotices(account)).length, 2);
    await account.box.next('sign_in_failures');

    // The "this wasn't me" link works as in every security mail.
    const report = await portal.client().submit(link(mail, '/report'));
    assert.equal(report.res.status, 303);
    assert.equal((await auditRows(portal, `action = 'account.reported' AND subject_user_id = ${account.id}`)).length, 1);

    // No enumeration: the same statuses and pages for an identifier that names no account.
    const ghost = [];
    for (let i = 0; i < 3; i++) {
      ghost.push(await fail(ghostEmail));
      await ids.sqlExec(portal.database, "UPDATE throttle SET blocked_until = 0 WHERE bucket LIKE 'login:i:%'");
    }
    assert.deepEqual(ghost.map((r) => r.status), [422, 429, 429]);
    assert.equal(comparable(ghost[1].text), comparable(answers[1].text), 'the threshold answer looks alike');
    assert.equal(comparable(ghost[2].text), comparable(answers[2].text));
  });
});

describe(`identity on ${backend}: reset-mail limits`, () => {
  let portal;
  before(async () => {
    portal = await startPortal({ LUMBUNG_FORGOT_ACCOUNT_PER_HOUR: 2, LUMBUNG_FORGOT_IP_PER_HOUR: 4 });
  });
  after(async () => { await portal?.stop(); });

  test('reset mails are limited per account and per address, behind the same answer (ASVS 2.2.1, 2.5.x)', async () => {
    const a = await createAccount(portal);
    const b = await createAccount(portal);
    const subject = ids.mailSubject('reset_password');
    const ask = async (identifier) => {
      const { res } = await portal.client().submit('/forgot-password', { identifier });
      assert.equal(res.status, 303);
      assert.equal(res.headers.location, '/forgot-password?sent=1');
    };
    for (let i = 0; i < 3; i++) await ask(a.email);
    assert.equal((await outboxSubjects(portal, a.email)).filter((x) => x === subject).length, 2, 'LUMBUNG_FORGOT_ACCOUNT_PER_HOUR=2');
    await ask(b.email); // 4th request from this address
    await ask(b.email); // 5th: over LUMBUNG_FORGOT_IP_PER_HOUR
    assert.equal((await outboxSubjects(portal, b.email)).filter((x) => x === subject).length, 1, 'LUMBUNG_FORGOT_IP_PER_HOUR=4');
  });
});

// ---------------------------------------------------------------------------------------------
describe(`identity on ${backend}: forgotten password, reset and "this wasn't me"`, () => {
  let portal;
  before(async () => { portal = await startPortal({ LUMBUNG_FORGOT_ACCOUNT_PER_HOUR: 20 }); });
  after(async () => { await portal?.stop(); });

  const tokenOf = (target) => new URLSearchParams(target.split('?')[1]).get('token');

  test('reset link: single use, replaced by a newer request, rules with reasons, ends every session, mails a notice, needs a fresh sign-in (ASVS 2.5.x, 3.3.3; NIST 800-63B 5.1.1.2)', async () => {
    const account = await createAccount(portal);
    const s = (await signIn(portal, account)).client;
    const s2 = (await signIn(portal, account, { client: portal.client({ userAgent: UA.firefoxAndroid }) })).client;

    await s.submit('/forgot-password', { identifier: account.email });
    const first = link(await account.box.next('reset_password'), '/reset-password');
    await portal.client().submit('/forgot-password', { identifier: account.member.nik });
    const second = link(await account.box.next('reset_password'), '/reset-password');
    assert.notEqual(first, second);
    const dead = await portal.client().get(first);
    assert.equal(dead.status, 410, 'a newer request invalidates the older link');
    says(dead, 'identity.reset.link_invalid');

    const resetter = portal.client();
    const form = await resetter.get(second);
    assert.equal(form.status, 200);
    assert.ok(ids.parseForms(form.text).some((f) => f.action === '/reset-password' && f.fields.token === tokenOf(second)));
    const firstName = account.member.full_name.split(' ').find((w) => w.length >= 4) ?? account.member.full_name;
    const refused = [
      ['common', 'password123', ID['identity.password.common']],
      ['too short', 'aB3$x', null],
      ['contains the NIK', `Qz!${account.member.nik}`, null],
      ['contains the name', `${firstName.toLowerCase()}${crypto.randomBytes(3).toString('hex')}Qz!`, null],
    ];
    for (const [what, password, message] of refused) {
      const { res } = await resetter.submit(second, { password });
      assert.equal(res.status, 422, `${what}: refused`);
      const text = pageText(res);
      if (message) assert.ok(text.includes(message), `${what}: the reason is shown: ${text.slice(0, 500)}`);
      if (what === 'too short') assert.match(text, /minimal 8 karakter/);
      if (what.startsWith('contains')) assert.match(text, /Kata sandi memuat data pribadi Anda/);
      assert.ok(!res.text.includes(password), `${what}: the password is not echoed`);
    }
    assert.equal((await resetter.get(second)).status, 200, 'the link still works after refused passwords');
    assert.ok(await signedIn(s), 'nothing ended yet');

    const password = ids.newPassword();
    const { res } = await s.submit(second, { password });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/login?notice=reset');
    assert.equal(s.cookie(ids.COOKIE.session), undefined, 'the browser that reset is signed out');
    assert.equal(await signedIn(s), false, 'a fresh sign-in is required');
    assert.equal(await signedIn(s2), false, 'every other session ended too');
    says(await s.get(res.headers.location), 'identity.login.notice.reset');
    const notice = await account.box.next('password_reset');
    assert.ok(link(notice, '/report'));
    assert.equal((await portal.client().get(second)).status, 410, 'single use');
    const reuse = await resetter.post('/reset-password', { token: tokenOf(second), password: ids.newPassword() });
    assert.equal(reuse.status, 410);
    await signIn(portal, account, { expect: 422 });
    await signIn(portal, { ...account, password });
  });

  test('expired, garbage and missing tokens get the 410 page (ASVS 2.5.x)', async () => {
    const account = await createAccount(portal);
    await portal.client().submit('/forgot-password', { identifier: account.email });
    const target = link(await account.box.next('reset_password'), '/reset-password');
    assert.equal((await portal.client().get(target)).status, 200);
    await ids.sqlExec(portal.database, `UPDATE account_tokens SET expires_at = ${Math.floor(Date.now() / 1000) - 1} WHERE account_id = ${account.id} AND purpose = 'reset_password'`);
    for (const t of [target, '/reset-password?token=garbage', `/reset-password?token=${'A'.repeat(43)}`, '/reset-password', '/invitation?token=nope', '/unlock?token=nope', '/report?token=nope']) {
      const res = await portal.client().get(t);
      assert.equal(res.status, 410, t);
      assert.match(res.headers['content-type'], /^text\/html/);
    }
    const client = portal.client();
    await client.get('/login');
    const res = await client.post('/reset-password', { token: tokenOf(target), password: ids.newPassword() });
    assert.equal(res.status, 410);
  });

  test('a reset link dies when the password is changed or the e-mail address changes ("invalidated by a newer request or any password change")', async () => {
    const account = await createAccount(portal);
    const { client } = await signIn(portal, account);
    await portal.client().submit('/forgot-password', { identifier: account.email });
    const first = link(await account.box.next('reset_password'), '/reset-password');
    const password = ids.newPassword();
    assert.equal((await client.submit('/account/password', { current_password: account.password, password })).res.status, 303);
    assert.equal((await portal.client().get(first)).status, 410, 'after a password change');

    await portal.client().submit('/forgot-password', { identifier: account.email });
    const second = link(await account.box.next('reset_password'), '/reset-password');
    const newEmail = ids.uniqueEmail('pindah');
    assert.equal((await client.submit('/account/email', { email: newEmail, current_password: password })).res.status, 303);
    const confirm = link(await new ids.Mailbox(portal.sink, newEmail).next('confirm_new_email'), '/verify-email');
    assert.equal((await client.submit(confirm)).res.status, 303);
    assert.equal((await portal.client().get(second)).status, 410, 'after an e-mail change');
  });

  test('personal data is refused in a new password at sign-up, reset and change alike, with the reason (NIST 800-63B 5.1.1.2 "context-specific words")', async () => {
    const member = portal.pool.take();
    const [y, m, d] = member.birth_date.split('-');
    const local = `ani${crypto.randomBytes(3).toString('hex')}`;
    const email = `${local}@example.id`;
    const salt = () => crypto.randomBytes(4).toString('base64url').replace(/[^A-Za-z]/g, 'q');
    const personal = {
      NIK: () => `Zq!${member.nik}${salt()}`,
      KPJ: () => `Zq!${member.kpj}${salt()}`,
      'birth date (DDMMYYYY)': () => `Zq!${d}${m}${y}${salt()}x`,
      'fund name': () => `Zq!lumbung${salt()}`,
      'e-mail local part': () => `Zq!${local}${salt()}`,
    };
    const problems = [];
    const check = (where, what, res, password) => {
      if (res.status !== 422 || !/Kata sandi memuat data pribadi Anda/.test(pageText(res))) {
        problems.push(`${where}: a password with the ${what} (${password}) got ${res.status}`);
      }
    };
    for (const [what, make] of Object.entries(personal)) {
      const password = make();
      check('sign-up', what, await register(portal.client(), member, { email, password }), password);
    }
    const account = await createAccount(portal, { member, email });
    const { client } = await signIn(portal, account);
    let current = account.password;
    for (const [what, make] of Object.entries(personal)) {
      const password = make();
      const { res } = await client.submit('/account/password', { current_password: current, password });
      check('change', what, res, password);
      if (res.status === 303) current = password;
    }
    const freshReset = async () => {
      await portal.client().submit('/forgot-password', { identifier: email });
      return link(await account.box.next('reset_password'), '/reset-password');
    };
    let reset = await freshReset();
    for (const [what, make] of Object.entries(personal)) {
      const password = make();
      const { res } = await portal.client().submit(reset, { password });
      check('reset', what, res, password);
      if (res.status === 303) reset = await freshReset();
    }
    assert.deepEqual(problems, []);
  });

  test('"this wasn\'t me" (POST /report) ends every session, blocks sign-in until a reset, mails a reset link and audits account.reported ("Alerts")', async () => {
    const account = await createAccount(portal);
    const s = (await signIn(portal, account)).client;
    const intruder = (await signIn(portal, account, { client: portal.client({ userAgent: UA.safariIphone }) })).client;
    const alert = await account.box.next('new_device');
    assert.match(alert.text, /iPhone/, 'the alert names the device');
    const target = link(alert, '/report');

    const reporter = portal.client();
    const page = await reporter.get(target);
    assert.equal(page.status, 200);
    says(page, 'identity.report.intro');
    assert.ok(await signedIn(intruder), 'GET changes nothing');
    const { res } = await reporter.submit(target);
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/report?done=1');
    assert.equal(await signedIn(s), false);
    assert.equal(await signedIn(intruder), false);

    const refused = await signIn(portal, account, { expect: 403 });
    says(refused.res, 'identity.login.must_reset');
    const reported = await account.box.next('reported');
    const reset = link(reported, '/reset-password');
    const rows = await auditRows(portal, `action = 'account.reported' AND subject_user_id = ${account.id}`);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].result, 'ok');

    const password = ids.newPassword();
    const { res: done } = await portal.client().submit(reset, { password });
    assert.equal(done.headers.location, '/login?notice=reset');
    await signIn(portal, { ...account, password });
  });
});

// ---------------------------------------------------------------------------------------------
describe(`identity on ${backend}: roles and access`, () => {
  let portal;
  before(async () => { portal = await startPortal(); });
  after(async () => { await portal?.stop(); });

  test('anonymous GET of protected pages → 303 to /login?next=…; anonymous POST → 403 (ASVS 4.1.1, 4.1.3)', async () => {
    const client = portal.client();
    for (const path of ['/dashboard', '/account/security', '/account/sessions', '/account/password', '/account/email']) {
      const res = await client.get(path);
      assert.equal(res.status, 303, path);
      assert.equal(res.headers.location, `/login?next=${encodeURIComponent(path)}`, path);
    }
    await client.get('/login');
    for (const path of ['/account/sessions/end-others', '/account/sessions/end', '/account/password', '/account/email', '/account/stay-signed-in']) {
      const res = await client.post(path, { session: 'x', email: 'a@b.example', current_password: 'x', password: 'y' });
      assert.equal(res.status, 403, `anonymous POST ${path} with a valid anonymous CSRF token`);
    }
  });

  test('a staff account made with `lumbung user add` accepts its invitation and signs in with its role (ASVS 4.1.1)', async () => {
    const email = ids.uniqueEmail('staff');
    const cli = await h.runLumbung(['user', 'add', '--role', 'staff', '--staff-roles', 'administrator', '--email', email, '--name', 'Rina Staf'],
                                   { env: { ...h.databaseEnv(portal.database), LUMBUNG_PUBLIC_URL: PUBLIC_URL } });
    assert.equal(cli.code, 0, cli.stderr);
    const box = new ids.Mailbox(portal.sink, email);
    const target = link(await box.next('invitation'), '/invitation');
    const client = portal.client();
    const weak = await client.submit(target, { password: 'password123' });
    assert.equal(weak.res.status, 422);
    says(weak.res, 'identity.password.common');
    const password = ids.newPassword();
    const { res } = await client.submit(target, { password });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/login?notice=password_set');
    assert.equal((await client.get(target)).status, 410, 'the invitation is single use');
    const { client: staff, res: signedInRes } = await signIn(portal, { email, password });
    // Staff set up a second factor before anything else ("Policy").
    assert.equal(signedInRes.headers.location, '/account/two-factor/setup');
    await ids.enrolAuthenticator(staff);
    const dash = await staff.get('/dashboard');
    assert.equal(dash.status, 200);
    assert.ok(pageText(dash).includes(ID['identity.role.staff']));
    const [row] = await ids.sqlRows(portal.database, `SELECT role, state FROM accounts WHERE email = ${sqlQuote(email)}`);
    assert.deepEqual(row, { role: 'staff', state: 'active' });
    const roles = await ids.sqlRows(portal.database,
      `SELECT r.role FROM staff_roles r JOIN accounts a ON a.id = r.account_id WHERE a.email = ${sqlQuote(email)}`);
    assert.deepEqual(roles.map((r) => r.role), ['administrator'], 'the staff role named by --staff-roles, and no other');
  });

  test('roles are enforced on the server: a member gets 403 on a staff page and staff get 403 on member pages (ASVS 4.1.1, 4.1.3, 4.1.5)', async () => {
    const account = await createAccount(portal);
    const member = (await signIn(portal, account)).client;
    const staffEmail = ids.uniqueEmail('officer');
    const cli = await h.runLumbung(['user', 'add', '--role', 'staff', '--staff-roles', 'member_services', '--email', staffEmail, '--name', 'Dewi Petugas'],
                                   { env: { ...h.databaseEnv(portal.database), LUMBUNG_PUBLIC_URL: PUBLIC_URL } });
    assert.equal(cli.code, 0, cli.stderr);
    const staffPassword = ids.newPassword();
    const invitation = link(await new ids.Mailbox(portal.sink, staffEmail).next('invitation'), '/invitation');
    assert.equal((await portal.client().submit(invitation, { password: staffPassword })).res.status, 303);
    const staff = (await signIn(portal, { email: staffEmail, password: staffPassword })).client;
    await ids.enrolAuthenticator(staff);

    const staffOnly = '/staff/security-reports';
    const anonymous = await portal.client().get(staffOnly);
    assert.equal(anonymous.status, 303);
    assert.equal(anonymous.headers.location, `/login?next=${encodeURIComponent(staffOnly)}`);
    assert.equal((await member.get(staffOnly)).status, 403, 'a member may not see staff pages');
    assert.equal((await staff.get(staffOnly)).status, 200, 'staff may');
    for (const memberOnly of ['/savings', '/contributions']) {
      assert.equal((await staff.get(memberOnly)).status, 403, `staff get 403 on ${memberOnly}`);
      assert.equal((await member.get(memberOnly)).status, 200, `a member gets ${memberOnly}`);
    }

    // A "this wasn't me" report shows up for staff.
    const reporter = portal.client();
    const phone = (await signIn(portal, account, { client: portal.client({ userAgent: UA.firefoxAndroid }) })).client;
    assert.ok(await signedIn(phone));
    const alert = await account.box.next('new_device');
    assert.equal((await reporter.submit(link(alert, '/report'))).res.status, 303);
    const reports = await staff.get(staffOnly);
    assert.ok(pageText(reports).includes(account.email), 'the report names the account');
  });
});

// ---------------------------------------------------------------------------------------------
describe(`identity on ${backend}: audit trail`, () => {
  let portal;
  before(async () => {
    portal = await startPortal({ LUMBUNG_LOGIN_DELAY_AFTER: 3, LUMBUNG_LOGIN_LOCK_AFTER: 3 });
  });
  after(async () => { await portal?.stop(); });

  test('every security event leaves an audit row with the right action and no token, password or cookie value anywhere in audit_log or the server log (ASVS 7.1.1, 7.1.2, 7.2.1, 7.2.2); /account/security shows recent activity', async () => {
    const clients = [];
    const track = (c) => { clients.push(c); return c; };
    const passwords = [];
    const account = await createAccount(portal);
    passwords.push(account.password);

    // registered / verified / register_failed / verification_sent / login.refused (unverified)
    const pending = await createAccount(portal, { verify: false });
    passwords.push(pending.password);
    await signIn(portal, pending, { client: track(portal.client()), expect: 403 });
    await ids.sqlExec(portal.database,
      `UPDATE account_tokens SET created_at = created_at - 301 WHERE account_id = ${pending.id} AND purpose = 'verify_email'`);
    await track(portal.client()).submit('/verify-email', { email: pending.email });
    const bad = ids.newPassword();
    passwords.push(bad);
    assert.equal((await register(track(portal.client()), portal.pool.take(), { email: ids.uniqueEmail('x'), password: bad, kpj: '12345678901' })).status, 422);

    // login.failed / login.succeeded / logout
    const wrong = ids.newPassword();
    passwords.push(wrong);
    await signIn(portal, account, { client: track(portal.client()), password: wrong, expect: 422 });
    const a = track((await signIn(portal, account, { client: track(portal.client()) })).client);
    const b = track((await signIn(portal, account, { client: track(portal.client({ userAgent: UA.firefoxAndroid })) })).client);
    await b.submit('/logout');

    // session.ended / session.ended_others
    const c = track((await signIn(portal, account, { client: portal.client({ userAgent: UA.safariIphone }) })).client);
    await a.submit('/account/sessions', {}, { action: '/account/sessions/end' });
    assert.equal(await signedIn(c), false);
    track((await signIn(portal, account, { client: portal.client({ userAgent: UA.firefoxAndroid }) })).client);
    await a.submit('/account/sessions', {}, { action: '/account/sessions/end-others' });

    // password.change_failed / password.changed
    const wrongCurrent = ids.newPassword();
    passwords.push(wrongCurrent);
    assert.equal((await a.submit('/account/password', { current_password: wrongCurrent, password: ids.newPassword() })).res.status, 422);
    const changed = ids.newPassword();
    passwords.push(changed);
    assert.equal((await a.submit('/account/password', { current_password: account.password, password: changed })).res.status, 303);
    account.password = changed;

    // email.change_requested / email.changed
    const newEmail = ids.uniqueEmail('moved');
    assert.equal((await a.submit('/account/email', { email: newEmail, current_password: changed })).res.status, 303);
    const moved = new ids.Mailbox(portal.sink, newEmail);
    assert.equal((await a.submit(link(await moved.next('confirm_new_email'), '/verify-email'))).res.status, 303);
    account.email = newEmail;
    account.box = moved;

    // password.reset_requested / password.reset
    await track(portal.client()).submit('/forgot-password', { identifier: newEmail });
    const resetPassword = ids.newPassword();
    passwords.push(resetPassword);
    assert.equal((await track(portal.client()).submit(link(await moved.next('reset_password'), '/reset-password'), { password: resetPassword })).res.status, 303);
    account.password = resetPassword;

    // login.failed ×3 → locked; login.refused (locked); account.unlocked
    for (let i = 0; i < 3; i++) {
      const p = ids.newPassword();
      passwords.push(p);
      await signIn(portal, account, { client: track(portal.client()), password: p, expect: null });
    }
    await signIn(portal, account, { client: track(portal.client()), expect: 429 });
    assert.equal((await track(portal.client()).submit(link(await moved.next('locked'), '/unlock'))).res.status, 303);

    // account.reported
    const d = track((await signIn(portal, account, { client: portal.client() })).client);
    assert.ok(await signedIn(d));
    // Another feature's event about the member (card.created) is in the list too.
    assert.equal((await d.submit('/card', {}, { action: '/card/create' })).res.status, 303);
    const security = await d.get('/account/security');
    assert.equal(security.status, 200);
    const activity = pageText(security);
    // Every event in the member's words (activity_test.cc checks each action has catalog text):
    // no raw key, and a refusal is marked once, by its own text, never "Masuk ditolak ditolak".
    assert.ok(activity.includes(ID['identity.activity.card.created']), 'card.created has its text');
    assert.doesNotMatch(activity, /\b(login|account|email|password|session|two_factor|passkey|profile|card|step_up)\.[a-z_]+/);
    for (const key of ['login.failed', 'login.refused']) {
      assert.ok(security.text.includes(`<strong class="tag tag--error">${ID[`identity.activity.${key}`]}</strong>`), `${key} is marked`);
    }
    assert.doesNotMatch(activity, /ditolak ditolak/i);
    for (const key of ['login.succeeded', 'login.failed', 'logout', 'password.changed', 'password.reset', 'email.changed', 'account.unlocked']) {
      assert.ok(activity.includes(ID[`identity.activity.${key}`]), `/account/security lists '${ID[`identity.activity.${key}`]}' (${key})`);
    }
    assert.ok(activity.includes('127.0.0.1'), 'with the address');
    assert.ok(/Chrome di Linux|Firefox di Android|Safari di iPhone/.test(activity), 'and the device');
    const newDevice = await moved.next('new_device');
    assert.equal((await track(portal.client()).submit(link(newDevice, '/report'))).res.status, 303);

    // account.invited / invitation.accepted
    const staffEmail = ids.uniqueEmail('staff');
    const cli = await h.runLumbung(['user', 'add', '--role', 'staff', '--staff-roles', 'member_services', '--email', staffEmail, '--name', 'Budi Staf'],
                                   { env: { ...h.databaseEnv(portal.database), LUMBUNG_PUBLIC_URL: PUBLIC_URL } });
    assert.equal(cli.code, 0, cli.stderr);
    const staffPassword = ids.newPassword();
    passwords.push(staffPassword);
    const staffBox = new ids.Mailbox(portal.sink, staffEmail);
    assert.equal((await track(portal.client()).submit(link(await staffBox.next('invitation'), '/invitation'), { password: staffPassword })).res.status, 303);

    const rows = await auditRows(portal);
    const actions = new Set(rows.map((r) => r.action));
    const expected = ['login.succeeded', 'login.failed', 'login.refused', 'logout', 'account.registered',
      'account.register_failed', 'account.invited', 'invitation.accepted', 'email.verified',
      'email.verification_sent', 'email.change_requested', 'email.changed', 'password.reset_requested',
      'password.reset', 'password.changed', 'password.change_failed', 'session.ended',
      'session.ended_others', 'account.unlocked', 'account.reported'];
    for (const action of expected) assert.ok(actions.has(action), `audit_log has ${action}; it has ${[...actions].sort().join(', ')}`);
    const of = (action) => rows.filter((r) => r.action === action);
    assert.ok(of('login.failed').every((r) => r.result === 'denied'));
    assert.ok(of('login.succeeded').every((r) => r.result === 'ok' && r.subject_user_id === account.id && r.ip === '127.0.0.1' && r.user_agent));
    assert.ok(of('login.refused').some((r) => /locked/.test(r.details)) && of('login.refused').some((r) => /unverified/.test(r.details)));
    assert.ok(of('account.reported').every((r) => r.subject_user_id === account.id));

    // No secrets anywhere.
    const secrets = new Set(passwords);
    for (const mail of portal.sink.messages()) for (const t of ids.mailTokens(mail)) secrets.add(t);
    for (const client of [...clients, a, b, c, d]) {
      for (const { value } of client.seenCookies) secrets.add(value);
      if (client.csrf) secrets.add(client.csrf);
    }
    assert.ok(secrets.size > 30, `collected ${secrets.size} secrets`);
    const everything = JSON.stringify(await ids.sqlRows(portal.database, 'SELECT * FROM audit_log'));
    const log = portal.server.logs();
    for (const secret of secrets) {
      assert.ok(!everything.includes(secret), `audit_log holds a secret (${secret.slice(0, 6)}…)`);
      assert.ok(!log.includes(secret), `the server log holds a secret (${secret.slice(0, 6)}…)`);
    }
  });
});

// ---------------------------------------------------------------------------------------------
describe(`identity on ${backend}: changing the e-mail address`, () => {
  let portal;
  before(async () => { portal = await startPortal(); });
  after(async () => { await portal?.stop(); });

  test('the link goes to the new address; the old one is told after confirmation, with a /report link; only the new address signs in (ASVS 2.5.x)', async () => {
    const account = await createAccount(portal);
    const { client } = await signIn(portal, account);
    const newEmail = ids.uniqueEmail('baru');

    const wrong = await client.submit('/account/email', { email: newEmail, current_password: `x${account.password}` });
    assert.equal(wrong.res.status, 422, 'the current password is required');

    const { res } = await client.submit('/account/email', { email: newEmail, current_password: account.password });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/account/security?notice=email_change_sent');
    const box = new ids.Mailbox(portal.sink, newEmail);
    const confirm = await box.next('confirm_new_email');
    const target = link(confirm, '/verify-email');
    assert.equal((await accountRow(portal, account.id)).email, account.email, 'nothing changes before the link is used');
    const page = await client.get(target);
    assert.equal(page.status, 200);
    assert.ok(pageText(page).includes(newEmail), 'the confirm page names the new address');
    assert.equal((await accountRow(portal, account.id)).email, account.email, 'GET changes nothing');
    assert.equal(account.box.all('email_changed').length, 0, 'the old address hears nothing before confirmation');

    const { res: done } = await client.submit(target);
    assert.equal(done.status, 303);
    assert.equal(done.headers.location, '/account/security?notice=email_changed');
    assert.equal((await accountRow(portal, account.id)).email, newEmail);
    const notice = await account.box.next('email_changed');
    assert.ok(notice.text.includes(newEmail));
    assert.ok(link(notice, '/report'));

    await signIn(portal, account, { expect: 422 });
    await signIn(portal, { ...account, email: newEmail });
    const security = await client.get('/account/security');
    assert.ok(pageText(security).includes(newEmail));
  });

  test('the username is set, changed and removed at /account/username by registration\'s rules, with the current password; only the newest name signs in; each change is audited, mailed with a /report link and listed in recent activity (ASVS 2.5.x, 3.x no enumeration, 4.2.2, 7.1.x)', async () => {
    const account = await createAccount(portal, { username: '' });
    const other = await createAccount(portal);
    const { client } = await signIn(portal, account);
    const stored = async () => (await accountRow(portal, account.id)).username ?? null;
    const usernameRows = async () => auditRows(portal, `subject_user_id = ${account.id} AND action LIKE 'username.%'`);
    const mailCount = () => account.box.all('username_changed').length + account.box.all('username_removed').length;
    // The error beside the field (form.h: its .field-error, tied to the input).
    const errorBeside = (res, name) => {
      const m = new RegExp(`<span class="field-error" id="f-${name}-error"><span class="visually-hidden">[^<]*</span>([^<]*)</span>`).exec(res.text);
      return m ? h.decodeEntities(m[1]).trim() : undefined;
    };

    // The security page says there is none and links to the form.
    const before = await client.get('/account/security');
    assert.ok(pageText(before).includes(`${ID['identity.security.no_username']} ${ID['identity.security.set_username_link']}`), pageText(before).slice(0, 600));
    assert.ok(before.text.includes('href="/account/username"'));
    assert.equal(await stored(), null);

    // Without a CSRF token: 403, nothing changes.
    const name1 = randomName('budi.');
    const forged = await client.post('/account/username', { username: name1, current_password: account.password }, { csrf: null });
    assert.equal(forged.status, 403);
    assert.equal(await stored(), null, 'no username after a CSRF-less POST');

    // Every bad input: 422, its message beside its field, nothing changed, no mail.
    const bad = [
      [{ username: 'ab' }, 'username', 'identity.register.username_invalid', 'too short'],
      [{ username: 'budi@example.id' }, 'username', 'identity.register.username_invalid', 'looks like an e-mail address'],
      [{ username: account.member.nik }, 'username', 'identity.register.username_invalid', 'a NIK'],
      [{ username: account.member.kpj }, 'username', 'identity.register.username_invalid', 'a KPJ'],
      [{ username: '9budi' }, 'username', 'identity.register.username_invalid', 'not starting with a letter'],
      [{ username: 'budi santoso' }, 'username', 'identity.register.username_invalid', 'a space'],
      [{ username: 'a'.repeat(33) }, 'username', 'identity.register.username_invalid', 'too long'],
      [{ username: '' }, 'username', 'identity.change_username.none', 'nothing to remove'],
      [{ username: name1, current_password: '' }, 'current_password', 'identity.change_password.current_missing', 'no current password'],
      [{ username: name1, current_password: `x${account.password}` }, 'current_password', 'identity.change_password.current_wrong', 'a wrong current password'],
    ];
    for (const [fields, field, key, what] of bad) {
      const { res } = await client.submit('/account/username', { current_password: account.password, ...fields });
      assert.equal(res.status, 422, what);
      assert.equal(errorBeside(res, field), ID[key], `${what}: the error beside ${field}`);
      assert.ok(res.text.includes(`aria-describedby="f-${field}-hint f-${field}-error"`) || res.text.includes(`aria-describedby="f-${field}-error"`), `${what}: tied to the field`);
    }
    assert.equal(await stored(), null, 'no bad input set a username');
    assert.equal(mailCount(), 0, 'no mail for a refused change');
    const refused = await usernameRows();
    assert.deepEqual(refused.map((r) => [r.action, r.result]), [['username.change_failed', 'denied']], 'only the wrong password is audited');

    // Set (typed in capitals: stored, and matched, in lower case).
    const set = await client.submit('/account/username', { username: ` ${name1.toUpperCase()} `, current_password: account.password });
    assert.equal(set.res.status, 303, pageText(set.res).slice(0, 400));
    assert.equal(set.res.headers.location, '/account/security?notice=username_changed');
    assert.equal(await stored(), name1);
    says(await client.get(set.res.headers.location), 'identity.security.notice.username_changed');
    const setMail = await account.box.next('username_changed');
    assert.ok(setMail.text.includes(name1), 'the mail names the new username');
    assert.ok(link(setMail, '/report'), 'with a "this wasn\'t me" link');
    await signIn(portal, account, { identifier: name1 });
    await signIn(portal, account, { identifier: name1.toUpperCase() });

    // The form shows the current name; a name another account has is refused with registration's
    // message (in any case), and nothing changes.
    const form = await client.get('/account/username');
    assert.ok(pageText(form).includes(fill(ID['identity.change_username.current'], { username: name1 })));
    const mailsBefore = mailCount();
    const rowsBefore = (await usernameRows()).length;
    const taken = await client.submit('/account/username', { username: other.username.toUpperCase(), current_password: account.password });
    assert.equal(taken.res.status, 422);
    assert.equal(errorBeside(taken.res, 'username'), ID['identity.register.username_taken']);
    assert.equal(await stored(), name1, 'a taken name changes nothing');
    assert.equal((await accountRow(portal, other.id)).username, other.username);
    const same = await client.submit('/account/username', { username: name1, current_password: account.password });
    assert.equal(same.res.status, 422);
    assert.equal(errorBeside(same.res, 'username'), ID['identity.change_username.same']);
    assert.equal(mailCount(), mailsBefore, 'no mail for a refused change');
    assert.equal((await usernameRows()).length, rowsBefore, 'no audit row for a refused change');
    await signIn(portal, other, { identifier: other.username });

    // Changed: the new name signs in, the old one no longer does.
    const name2 = randomName('siti_');
    const changed = await client.submit('/account/username', { username: name2, current_password: account.password });
    assert.equal(changed.res.status, 303);
    assert.equal(await stored(), name2);
    const changedMail = await account.box.next('username_changed');
    assert.ok(changedMail.text.includes(name2) && link(changedMail, '/report'));
    await signIn(portal, account, { identifier: name2 });
    says((await signIn(portal, account, { identifier: name1, expect: 422 })).res, 'identity.login.failed', 'the old name');

    // Removed: an empty field.
    const removed = await client.submit('/account/username', { username: '', current_password: account.password });
    assert.equal(removed.res.status, 303);
    assert.equal(removed.res.headers.location, '/account/security?notice=username_removed');
    assert.equal(await stored(), null);
    const removedMail = await account.box.next('username_removed');
    assert.ok(link(removedMail, '/report'));
    await signIn(portal, account, { identifier: name2, expect: 422 });
    await signIn(portal, account);

    // Audited (no password or name in the details), in recent activity and in the inbox.
    const rows = await usernameRows();
    assert.deepEqual(rows.map((r) => [r.action, r.result]),
                     [['username.change_failed', 'denied'], ['username.set', 'ok'], ['username.changed', 'ok'], ['username.removed', 'ok']]);
    assert.ok(rows.every((r) => r.actor_user_id === account.id && r.ip === '127.0.0.1' && r.user_agent));
    for (const r of rows) {
      for (const secret of [account.password, name1, name2]) assert.ok(!String(r.details ?? '').includes(secret), r.details);
    }
    const security = pageText(await client.get('/account/security'));
    for (const key of ['username.set', 'username.changed', 'username.removed', 'username.change_failed']) {
      assert.ok(security.includes(ID[`identity.activity.${key}`]), `recent activity lists ${key}`);
    }
    assert.ok(security.includes(ID['identity.security.no_username']));
    assert.ok(pageText(await client.get('/notifications')).includes(ID['notifications.security.username_changed']), 'the inbox has the notice');
  });
});

// ---------------------------------------------------------------------------------------------
describe(`identity on ${backend}: password hashing`, () => {
  test('Argon2id hashes are upgraded at the next sign-in when the parameters change (ASVS 2.4.1, 2.4.4)', async () => {
    const sink = await startMailSink();
    const database = await h.createDatabase();
    let server;
    try {
      await ids.seedMembers(database, 5);
      const env = { ...sink.env, LUMBUNG_PUBLIC_URL: PUBLIC_URL };
      server = await h.startServer({ database, env });
      const portal = { sink, server, database, pool: await ids.MemberPool.load(database, 5), client: (o) => new ids.Client(server.baseUrl, o) };
      const account = await createAccount(portal);
      const hashOf = async () => (await accountRow(portal, account.id)).password_hash;
      const before = await hashOf();
      assert.match(before, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/, 'Argon2id, m=19 MiB, t=2, p=1 by default');
      await server.stop();
      server = await h.startServer({ database, env: { ...env, LUMBUNG_SECURITY_ARGON2_ITERATIONS: 3 } });
      portal.server = server;
      await signIn(portal, account);
      const upgraded = await hashOf();
      assert.match(upgraded, /^\$argon2id\$v=19\$m=19456,t=3,p=1\$/, 're-hashed with the new parameters');
      await signIn(portal, account);
      assert.equal(await hashOf(), upgraded, 'and only once');
    } finally {
      await server?.stop();
      await database.drop().catch(() => {});
      await sink.stop();
    }
  });
});
