// Passkeys in a real browser: Debian's Chromium through playwright-core with the
// DevTools virtual authenticator (WebAuthn.addVirtualAuthenticator: CTAP2, platform, resident
// keys, user verification). A member adds a passkey on the security page, signs in with it
// without a password, uses it as the second step after the password, renames and (after
// step-up) removes it. Attacks: an assertion signed for another origin (a phishing page on the
// same host name) and a replayed assertion are refused; a sign counter that goes backwards
// blocks the passkey and mails the member. Without JavaScript the passkey buttons stay hidden
// and the password and the other factors still work. Every page is checked with axe-core.
//
// The server runs at http://localhost:<port> with public.url set to it: WebAuthn needs a host
// name as RP ID (not 127.0.0.1) and the page's origin must be the configured one.
// Requirement IDs: OWASP ASVS 4.0.3 V2.2.5, V2.2.6 (phishing- and replay-resistant
// authenticators), V2.8, V2.9, V3.7.1 (step-up); WebAuthn Level 2 §7.1, §7.2; WCAG 2.2.
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';

import * as h from './harness.mjs';
import * as ids from './identity_support.mjs';
import { startMailSink } from './mail_sink.mjs';

const backend = h.currentBackend();
const CATALOG = { id: h.loadCatalog('id'), en: h.loadCatalog('en') };
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const SMALL_SCREEN = { width: 360, height: 740 };
const LAUNCH = {
  executablePath: process.env.LUMBUNG_TEST_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

const squash = (text) => (text ?? '').replace(/\s+/g, ' ').trim();
const T = (lang, id) => {
  const text = CATALOG[lang][id];
  assert.ok(text !== undefined, `catalog ${lang} has ${id}`);
  return text;
};
const where = (page) => { const u = new URL(page.url()); return u.pathname + u.search; };

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function navigate(page, action) {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
  return response;
}
function pressMain(page, name) {
  return navigate(page, () => page.getByRole('main').getByRole('button', { name, exact: true }).first().click());
}
async function mainText(page) {
  return squash(await page.locator('main').textContent().catch(() => '')).slice(0, 1200);
}

// axe-core, one h1, the title naming it, no sideways scrolling at 360 px: returns problems.
async function audit(page, what) {
  const problems = [];
  const facts = await page.evaluate(() => ({
    h1s: [...document.querySelectorAll('h1')].map((e) => e.textContent.replace(/\s+/g, ' ').trim()),
    title: document.title,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  if (facts.h1s.length !== 1) problems.push(`${what}: ${facts.h1s.length} h1`);
  else if (!facts.title.includes(facts.h1s[0])) problems.push(`${what}: title "${facts.title}" does not name the h1`);
  if (facts.innerWidth <= SMALL_SCREEN.width && facts.scrollWidth > facts.innerWidth) problems.push(`${what}: scrolls sideways at 360 px (${facts.scrollWidth} px)`);
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  for (const v of results.violations) {
    problems.push(`${what}: axe ${v.id} (${v.impact}): ${v.help}; ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  }
  return problems;
}

// A page on another origin with the same host name: what a phishing site relaying the real
// site's challenge could make the browser sign (RP ID "localhost" is valid for both origins).
async function startPhishingSite() {
  const server = http.createServer((req, res) => {
    res.setHeader('content-type', 'text/html; charset=utf-8');
    res.end('<!DOCTYPE html><html lang="en"><title>Lumbung (not really)</title><h1>Sign in</h1>');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://localhost:${server.address().port}/`, stop: () => new Promise((r) => server.close(r)) };
}

// In `page`, asks the virtual authenticator for an assertion with `options` (the JSON the
// server sent); returns the fields the sign-in form posts.
function assertionIn(page, options) {
  return page.evaluate(async (o) => {
    const b64 = (buf) => btoa(String.fromCharCode(...new Uint8Array(buf)))
      .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const bytes = (t) => Uint8Array.from(atob(t.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
    const credential = await navigator.credentials.get({ publicKey: {
      challenge: bytes(o.challenge), rpId: o.rpId, userVerification: o.userVerification, timeout: 20000 } });
    return {
      credential_id: b64(credential.rawId),
      client_data: b64(credential.response.clientDataJSON),
      authenticator_data: b64(credential.response.authenticatorData),
      signature: b64(credential.response.signature),
      user_handle: b64(credential.response.userHandle),
    };
  }, options);
}

async function auditRows(database, action) {
  return ids.sqlRows(database, `SELECT action, result, details FROM audit_log WHERE action = '${action}' ORDER BY id`);
}

// One browser for the whole file.
let browser;
before(async () => { browser = await chromium.launch(LAUNCH); });
after(async () => { await browser?.close().catch(() => {}); });

describe(`passkeys in Chromium on ${backend}`, () => {
  let sink;
  let server;
  let base;
  let phishing;
  const lang = 'en';
  const account = {};

  before(async () => {
    sink = await startMailSink();
    const port = await freePort();
    base = `http://localhost:${port}`;
    server = await h.startServer({ env: { ...sink.env, LUMBUNG_HTTP_PORT: String(port), LUMBUNG_PUBLIC_URL: base } });
    await ids.seedMembers(server.database, 5);
    const pool = await ids.MemberPool.load(server.database, 5);
    // A verified member account, made over HTTP (sign-up has its own tests).
    const member = pool.take();
    account.email = ids.uniqueEmail('passkey');
    account.password = ids.newPassword();
    account.nik = member.nik;
    const client = new ids.Client(base);
    const { res } = await client.submit('/register', {
      nik: member.nik, kpj: member.kpj, birth_date: member.birth_date, email: account.email, username: '', password: account.password,
    });
    assert.equal(res.status, 303);
    const verify = await new ids.Mailbox(sink, account.email, { lang: 'id' }).next('verify_email');
    assert.equal((await client.submit(ids.mailLink(verify, '/verify-email', base))).res.status, 303);
    await ids.sqlExec(server.database, `UPDATE accounts SET lang = 'en' WHERE email = '${account.email}'`);
    account.box = new ids.Mailbox(sink, account.email, { lang });
    phishing = await startPhishingSite();
  });

  after(async () => {
    await phishing?.stop();
    await server?.stop();
    await sink?.stop();
  });

  let context;
  let page;
  let cdp;
  const problems = [];

  async function passwordStep() {
    await page.goto(`${base}/login`);
    await page.getByLabel(T(lang, 'identity.login.identifier'), { exact: true }).fill(account.email);
    await page.getByLabel(T(lang, 'identity.login.password'), { exact: true }).fill(account.password);
    return pressMain(page, T(lang, 'identity.login.submit'));
  }
  async function signOut() {
    await navigate(page, () => page.getByRole('navigation')
      .getByRole('button', { name: T(lang, 'layout.nav.logout'), exact: true }).click());
  }

  test('a member adds a passkey from the security page (after signing in, so step-up is fresh)', async () => {
    context = await browser.newContext({ locale: 'en-US', viewport: SMALL_SCREEN });
    await context.addCookies([{ name: 'lang', value: lang, url: base }]);
    page = await context.newPage();
    cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', { options: {
      protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true,
      isUserVerified: true, automaticPresenceSimulation: true } });
    account.authenticatorId = authenticatorId;

    await passwordStep();
    assert.equal(where(page), '/dashboard', await mainText(page));
    await page.goto(`${base}/account/security`);
    problems.push(...await audit(page, 'security page'));
    assert.ok(await page.locator('[data-passkey-unsupported]').isHidden(), 'the "needs a browser with passkeys" note is hidden where WebAuthn works');
    await page.getByLabel(T(lang, 'identity.passkey.name'), { exact: true }).fill('Laptop kantor');
    await pressMain(page, T(lang, 'identity.passkey.add'));
    assert.equal(where(page), '/account/security?notice=passkey_added', await mainText(page));
    assert.ok((await mainText(page)).includes(T(lang, 'identity.passkey.notice.passkey_added')));
    assert.ok((await mainText(page)).includes('Laptop kantor'));
    problems.push(...await audit(page, 'security page with a passkey'));

    const mail = await account.box.next('passkey_added');
    assert.ok(mail.text.includes('Laptop kantor'));
    const [row] = await ids.sqlRows(server.database, 'SELECT credential_id, algorithm, sign_count FROM passkeys');
    assert.equal(Number(row.algorithm), -7, 'ES256 is preferred');
    // The authenticator holds one discoverable credential whose user handle is random: not the
    // NIK, not the e-mail address.
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    assert.equal(credentials.length, 1);
    assert.equal(credentials[0].isResidentCredential, true);
    assert.equal(credentials[0].rpId, 'localhost');
    assert.equal(Buffer.from(credentials[0].credentialId, 'base64').toString('base64url'), row.credential_id);
    const handle = Buffer.from(credentials[0].userHandle, 'base64');
    assert.equal(handle.length, 32);
    assert.ok(!handle.toString('latin1').includes(account.nik) && !handle.toString('latin1').includes(account.email));
    const [stored] = await ids.sqlRows(server.database, 'SELECT user_handle FROM passkey_users');
    assert.equal(stored.user_handle, handle.toString('base64url'));
    assert.equal((await auditRows(server.database, 'passkey.added')).length, 1);
  });

  test('signs in with the passkey alone, no identifier typed (passwordless)', async () => {
    await signOut();
    await page.goto(`${base}/login`);
    problems.push(...await audit(page, 'login page'));
    await pressMain(page, T(lang, 'identity.passkey.sign_in'));
    assert.equal(where(page), '/dashboard', await mainText(page));
    const rows = await auditRows(server.database, 'login.succeeded');
    assert.match(rows.at(-1).details, /"method":"passkey"/);
  });

  test('after the password, the passkey is the second step', async () => {
    await signOut();
    await passwordStep();
    assert.match(where(page), /^\/login\/second-factor\?/, await mainText(page));
    problems.push(...await audit(page, 'second step page'));
    await pressMain(page, T(lang, 'identity.passkey.use'));
    assert.equal(where(page), '/dashboard', await mainText(page));
    const rows = await auditRows(server.database, 'login.succeeded');
    assert.match(rows.at(-1).details, /"method":"password\+passkey"/);
  });

  test('an assertion made for another origin is refused (phishing), and spends the challenge', async () => {
    const client = new ids.Client(base);
    await client.get('/login');
    const options = JSON.parse((await client.post('/login/passkey/options', {})).text);
    assert.equal(options.rpId, 'localhost');
    assert.equal(options.userVerification, 'required');
    const phishPage = await context.newPage();
    const phishCdp = await context.newCDPSession(phishPage);
    await phishCdp.send('WebAuthn.enable');
    // The same authenticator's credential, copied into this tab's virtual authenticator.
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId: account.authenticatorId });
    const { authenticatorId } = await phishCdp.send('WebAuthn.addVirtualAuthenticator', { options: {
      protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true,
      isUserVerified: true, automaticPresenceSimulation: true } });
    await phishCdp.send('WebAuthn.addCredential', { authenticatorId, credential: credentials[0] });
    await phishPage.goto(phishing.url);
    const fields = await assertionIn(phishPage, options);
    await phishPage.close();
    assert.match(Buffer.from(fields.client_data, 'base64url').toString(), new RegExp(`"origin":"${phishing.url.slice(0, -1)}"`));
    const res = await client.post('/login/passkey', { ...fields, next: '/dashboard' });
    assert.equal(res.status, 303);
    assert.match(res.headers.location, /^\/login\?passkey_error=1/);
    assert.match((await auditRows(server.database, 'login.passkey_failed')).at(-1).details, /"reason":"wrong_origin"/);
    // The challenge is gone: the same answer is not accepted a second time either.
    const again = await client.post('/login/passkey', { ...fields, next: '/dashboard' });
    assert.match(again.headers.location, /^\/login\?passkey_error=1/);
    assert.equal((await client.get('/dashboard')).status, 303, 'still not signed in');
  });

  test('a replayed assertion is refused', async () => {
    const first = new ids.Client(base);
    await first.get('/login');
    const options = JSON.parse((await first.post('/login/passkey/options', {})).text);
    const fields = await assertionIn(page, options);
    const ok = await first.post('/login/passkey', { ...fields, next: '/dashboard' });
    assert.equal(ok.status, 303);
    assert.equal(ok.headers.location, '/dashboard');
    assert.equal((await first.get('/dashboard')).status, 200);
    // Someone who captured the posted form replays it from another browser with a challenge
    // of its own: the old challenge was spent and was never theirs.
    const thief = new ids.Client(base);
    await thief.get('/login');
    await thief.post('/login/passkey/options', {});
    const replay = await thief.post('/login/passkey', { ...fields, next: '/dashboard' });
    assert.match(replay.headers.location, /^\/login\?passkey_error=1/);
    assert.match((await auditRows(server.database, 'login.passkey_failed')).at(-1).details, /"reason":"wrong_challenge"/);
    assert.equal((await thief.get('/dashboard')).status, 303);
  });

  test('without JavaScript the passkey buttons stay hidden and the other factors work', async () => {
    const plain = await browser.newContext({ locale: 'en-US', javaScriptEnabled: false, viewport: SMALL_SCREEN });
    await plain.addCookies([{ name: 'lang', value: lang, url: base }]);
    const p = await plain.newPage();
    await p.goto(`${base}/login`);
    assert.equal(await p.getByRole('button', { name: T(lang, 'identity.passkey.sign_in') }).count(), 0);
    await p.getByLabel(T(lang, 'identity.login.identifier'), { exact: true }).fill(account.email);
    await p.getByLabel(T(lang, 'identity.login.password'), { exact: true }).fill(account.password);
    await navigate(p, () => p.getByRole('main').getByRole('button', { name: T(lang, 'identity.login.submit'), exact: true }).click());
    assert.match(where(p), /^\/login\/second-factor\?/);
    assert.equal(await p.getByRole('button', { name: T(lang, 'identity.passkey.use') }).count(), 0);
    // A code by mail is offered instead.
    await navigate(p, () => p.getByRole('main').getByRole('button', { name: T(lang, 'identity.second_factor.send_email_code'), exact: true }).click());
    const mail = await account.box.next('email_code');
    const code = /\b(\d{6})\b/.exec(mail.text)[1];
    await p.getByLabel(T(lang, 'identity.second_factor.email_code'), { exact: true }).fill(code);
    await navigate(p, () => p.getByRole('main').getByRole('button', { name: T(lang, 'identity.second_factor.submit'), exact: true }).click());
    assert.equal(where(p), '/dashboard');
    await plain.close();
  });

  test('renaming, then removing with step-up; both audited, removal mailed', async () => {
    await page.goto(`${base}/account/security`);
    await page.locator('input[id^="passkey-rename-"]').fill('Ponsel');
    await navigate(page, () => page.locator('form[action="/account/passkeys/rename"] button').click());
    assert.equal(where(page), '/account/security?notice=passkey_renamed');
    assert.ok((await mainText(page)).includes('Ponsel'));
    // The step-up window is over: removing asks for the password first (ASVS 3.7.1).
    await ids.sqlExec(server.database, 'UPDATE sessions SET reauth_at = 0');
    await pressMain(page, `${T(lang, 'identity.security.remove')} Ponsel`);
    assert.match(where(page), /^\/account\/confirm\?next=%2Faccount%2Fsecurity/);
    assert.equal((await ids.sqlRows(server.database, 'SELECT COUNT(*) AS n FROM passkeys'))[0].n, 1);
    await page.getByLabel(T(lang, 'identity.login.password'), { exact: true }).fill(account.password);
    await pressMain(page, T(lang, 'identity.confirm.submit'));
    assert.equal(where(page), '/account/security');
    await pressMain(page, `${T(lang, 'identity.security.remove')} Ponsel`);
    assert.equal(where(page), '/account/security?notice=passkey_removed', await mainText(page));
    assert.equal(Number((await ids.sqlRows(server.database, 'SELECT COUNT(*) AS n FROM passkeys'))[0].n), 0);
    assert.ok((await account.box.next('passkey_removed')).text.includes('Ponsel'));
    assert.equal((await auditRows(server.database, 'passkey.renamed')).length, 1);
    assert.equal((await auditRows(server.database, 'passkey.removed')).length, 1);
  });

  test('a sign counter that goes backwards blocks the passkey and alerts the member', async () => {
    await page.goto(`${base}/account/security`);
    await page.getByLabel(T(lang, 'identity.passkey.name'), { exact: true }).fill('Kunci');
    await pressMain(page, T(lang, 'identity.passkey.add'));
    assert.equal(where(page), '/account/security?notice=passkey_added', await mainText(page));
    await account.box.next('passkey_added');
    // As if a copy of the key had already signed many times.
    await ids.sqlExec(server.database, 'UPDATE passkeys SET sign_count = 100000');
    await signOut();
    await page.goto(`${base}/login`);
    await pressMain(page, T(lang, 'identity.passkey.sign_in'));
    assert.match(where(page), /^\/login\?passkey_error=1/);
    assert.ok((await mainText(page)).includes(T(lang, 'identity.passkey.error.sign_in')));
    problems.push(...await audit(page, 'login page with the passkey error'));
    assert.ok((await account.box.next('passkey_counter')).text.includes('Kunci'));
    const [row] = await ids.sqlRows(server.database, 'SELECT flagged_at FROM passkeys');
    assert.ok(row.flagged_at, 'the passkey is flagged');
    assert.equal((await auditRows(server.database, 'passkey.counter_regressed')).length, 1);
    // Blocked for good: a second try with the real counter fails too.
    await ids.sqlExec(server.database, 'UPDATE passkeys SET sign_count = 0');
    await pressMain(page, T(lang, 'identity.passkey.sign_in'));
    assert.match(where(page), /^\/login\?passkey_error=1/);
  });

  test('no accessibility problems on the pages seen', () => {
    assert.deepEqual(problems, []);
  });
});

// What a newcomer gets from `make run`: the server started with config/dev.ini exactly as checked
// in, except the database (a throw-away one) and the port (a free one, in http.port and in
// public.url alike). Nothing else is set: no LUMBUNG_* overrides, dev mode, mail kept in the
// outbox. public.url is http://localhost:<port>, a host name, so passkeys work there; the
// same server answers at http://127.0.0.1:<port>, where every page still works but a passkey
// control would be refused (the browser would sign for another origin), so none is shown: the
// sign-in page links to the localhost address and the security page says in one sentence why.
// WebAuthn Level 2 §5.1.3 (RP ID), §13.4.9 (origin check); ASVS 4.0.3 V2.2.5.
describe(`passkeys under the make run configuration (config/dev.ini) on ${backend}`, () => {
  let server;
  let database;
  let base;
  let ip;
  const lang = 'id';
  const account = {};
  const problems = [];

  // The mail the outbox holds for `address` with this catalog subject, newest first.
  async function outboxLink(address, kind, linkPath) {
    const subject = T(lang, `identity.mail.${kind}.subject`);
    const rows = await ids.sqlRows(database, `SELECT text_body FROM mail_outbox WHERE to_address = '${address}' ORDER BY id DESC`);
    const body = rows.map((r) => r.text_body).find(Boolean);
    assert.ok(body, `a ${kind} mail (${subject}) to ${address}`);
    const url = body.split('\n').find((line) => line.startsWith('http') && new URL(line).pathname === linkPath);
    assert.ok(url, `the mail links to ${linkPath}: ${body}`);
    return url;
  }

  before(async () => {
    const port = await freePort();
    const dir = h.makeTempDir('lumbung-make-run-');
    database = await h.createDatabase(backend, dir);
    const devIni = fs.readFileSync(path.join(h.shareDir(), 'config', 'dev.ini'), 'utf8');
    assert.match(devIni, /^url = http:\/\/localhost:8080$/m, 'make run serves passkeys at http://localhost:8080');
    assert.match(devIni, /^address = 127\.0\.0\.1$/m);
    const ini = devIni
      .replace(/^port = 8080$/m, `port = ${port}`)
      .replace(/^url = http:\/\/localhost:8080$/m, `url = http://localhost:${port}`)
      .replace(/^url = sqlite:data\/lumbung\.db$/m, `url = ${database.url}`);
    assert.notEqual(ini, devIni);
    const file = path.join(dir, 'dev.ini');
    fs.writeFileSync(file, ini);
    // Every LUMBUNG_* the harness would set is removed: the file alone configures the server.
    const unset = Object.fromEntries(['LUMBUNG_HTTP_PORT', 'LUMBUNG_DATABASE_URL', 'LUMBUNG_PUBLIC_URL',
      'LUMBUNG_LOG_ACCESS', 'LUMBUNG_MAINTENANCE_POLL_SECONDS', 'LUMBUNG_CACHE_SECONDS',
      'LUMBUNG_SECURITY_SECRET_KEY'].map((k) => [k, undefined]));
    server = await h.startServer({ database, env: { ...unset, LUMBUNG_CONFIG: file } });
    base = `http://localhost:${port}`;
    ip = `http://127.0.0.1:${port}`;
    assert.equal(server.port, port);
    await ids.seedMembers(database, 3);
    const member = (await ids.MemberPool.load(database, 3)).take();
    account.email = ids.uniqueEmail('makerun');
    account.password = ids.newPassword();
    const client = new ids.Client(base);
    const { res } = await client.submit('/register', {
      nik: member.nik, kpj: member.kpj, birth_date: member.birth_date, email: account.email, username: '', password: account.password,
    });
    assert.equal(res.status, 303, h.htmlText(res.text).slice(0, 400));
    const verify = await outboxLink(account.email, 'verify_email', '/verify-email');
    assert.ok(verify.startsWith(`${base}/`), `links are built from public.url: ${verify}`);
    assert.equal((await client.submit(new URL(verify).pathname + new URL(verify).search)).res.status, 303);
  });

  after(async () => {
    await server?.stop();
    await database?.drop();
  });

  async function signInWithPassword(page, origin) {
    await page.goto(`${origin}/login`);
    await page.getByLabel(T(lang, 'identity.login.identifier'), { exact: true }).fill(account.email);
    await page.getByLabel(T(lang, 'identity.login.password'), { exact: true }).fill(account.password);
    return pressMain(page, T(lang, 'identity.login.submit'));
  }

  test('at http://127.0.0.1 everything works, and no passkey control is offered: the pages point to the localhost address instead', async () => {
    const context = await browser.newContext({ locale: 'id-ID', viewport: SMALL_SCREEN });
    const page = await context.newPage();
    await page.goto(`${ip}/login`);
    assert.equal(await page.getByRole('button', { name: T(lang, 'identity.passkey.sign_in') }).count(), 0, 'no passkey button');
    const elsewhere = page.getByRole('link', { name: T(lang, 'identity.passkey.sign_in_elsewhere').replace('{{address}}', base) });
    assert.equal(await elsewhere.getAttribute('href'), `${base}/login`);
    problems.push(...await audit(page, 'login page at 127.0.0.1'));
    await signInWithPassword(page, ip);
    assert.equal(where(page), '/dashboard', await mainText(page));
    await page.goto(`${ip}/account/security`);
    assert.equal(await page.getByRole('button', { name: T(lang, 'identity.passkey.add') }).count(), 0, 'no "add a passkey" button');
    assert.equal(await page.locator('form[action="/account/passkeys"]').count(), 0);
    const why = squash(await page.locator('.passkeys-unavailable').textContent());
    assert.equal(why, `${T(lang, 'identity.passkey.unavailable.other_address')} ${base}/account/security.`);
    assert.equal(await page.locator('.passkeys-unavailable a').getAttribute('href'), `${base}/account/security`);
    problems.push(...await audit(page, 'security page at 127.0.0.1'));
    await context.close();
  });

  test('at http://localhost a member adds a passkey with Chromium\'s virtual authenticator and signs in with it alone', async () => {
    const context = await browser.newContext({ locale: 'id-ID', viewport: SMALL_SCREEN });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', { options: {
      protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true,
      isUserVerified: true, automaticPresenceSimulation: true } });
    await signInWithPassword(page, base);
    assert.equal(where(page), '/dashboard', await mainText(page));
    await page.goto(`${base}/account/security`);
    assert.equal(await page.locator('.passkeys-unavailable').count(), 0);
    problems.push(...await audit(page, 'security page at localhost'));
    await pressMain(page, T(lang, 'identity.passkey.add'));
    assert.equal(where(page), '/account/security?notice=passkey_added', await mainText(page));
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    assert.equal(credentials.length, 1);
    assert.equal(credentials[0].rpId, 'localhost');
    assert.equal(Number((await ids.sqlRows(database, 'SELECT COUNT(*) AS n FROM passkeys'))[0].n), 1);

    // A browser without the session (the authenticator keeps the passkey).
    await context.clearCookies();
    await page.goto(`${base}/login`);
    assert.equal(where(page), '/login');
    problems.push(...await audit(page, 'login page at localhost'));
    await pressMain(page, T(lang, 'identity.passkey.sign_in'));
    assert.equal(where(page), '/dashboard', await mainText(page));
    const [row] = await ids.sqlRows(database, "SELECT details FROM audit_log WHERE action = 'login.succeeded' ORDER BY id DESC");
    assert.match(row.details, /"method":"passkey"/);
    await context.close();
  });

  test('no accessibility problems on the pages seen (make run configuration)', () => {
    assert.deepEqual(problems, []);
  });
});

// A portal whose public.url is an IP address (http://127.0.0.1:<port>, what make run used to
// serve): no relying party exists there, so no passkey control is rendered anywhere, and the
// security page says why in one sentence. Plain HTTP, no browser needed.
describe(`passkeys where public.url is an IP address on ${backend}`, () => {
  let sink;
  let server;
  let client;
  let base;
  const lang = 'id';

  before(async () => {
    sink = await startMailSink();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = await h.startServer({ env: { ...sink.env, LUMBUNG_HTTP_PORT: String(port), LUMBUNG_PUBLIC_URL: base } });
    await ids.seedMembers(server.database, 3);
    const member = (await ids.MemberPool.load(server.database, 3)).take();
    const email = ids.uniqueEmail('ip-passkey');
    const password = ids.newPassword();
    client = new ids.Client(base);
    const { res } = await client.submit('/register', {
      nik: member.nik, kpj: member.kpj, birth_date: member.birth_date, email, username: '', password,
    });
    assert.equal(res.status, 303);
    const verify = await new ids.Mailbox(sink, email, { lang }).next('verify_email');
    assert.equal((await client.submit(ids.mailLink(verify, '/verify-email', base))).res.status, 303);
    assert.equal((await client.submit('/login', { identifier: email, password })).res.status, 303);
  });

  after(async () => {
    await server?.stop();
    await sink?.stop();
  });

  test('the sign-in and security pages render no passkey control, and the security page says why', async () => {
    const login = await new ids.Client(base).get('/login');
    assert.equal(login.status, 200);
    assert.doesNotMatch(login.text, /data-passkey|passkeys\.js/);
    const security = await client.get('/account/security');
    assert.equal(security.status, 200);
    assert.doesNotMatch(security.text, /action="\/account\/passkeys"|data-passkey|passkeys\.js/);
    const why = T(lang, 'identity.passkey.unavailable.ip_address').replace('{{address}}', base);
    assert.ok(squash(h.htmlText(security.text)).includes(why), squash(h.htmlText(security.text)).slice(0, 800));
  });
});
