// Two-factor sign-in in a real browser (Debian's Chromium through playwright-core) with a real
// SMTP sink: the second-factor journeys as a member and a staff officer live them. Codes come from
// Debian's `oathtool`, independent of the server. Every new page is checked with axe-core
// (WCAG 2.2 AA), at 360 px, with one h1 and a matching title. Backend: LUMBUNG_TEST_BACKEND.
//
// Requirement IDs: OWASP ASVS 4.0.3 V2.6, V2.7, V2.8, V3.7; RFC 6238; WCAG 2.2.
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';

import * as h from './harness.mjs';
import * as ids from './identity_support.mjs';
import { startMailSink } from './mail_sink.mjs';

const backend = h.currentBackend();
const CATALOG = { id: h.loadCatalog('id'), en: h.loadCatalog('en') };
const PUBLIC_URL = 'http://127.0.0.1:8080';
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

async function navigate(page, action) {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
  return response;
}
function pressMain(page, name) {
  return navigate(page, () => page.getByRole('main').getByRole('button', { name, exact: true }).first().click());
}
function followMain(page, name) {
  return navigate(page, () => page.getByRole('main').getByRole('link', { name, exact: true }).first().click());
}
async function mainText(page) {
  return squash(await page.locator('main').textContent().catch(() => '')).slice(0, 800);
}

// axe-core, one h1, "<h1> – fund" title, no sideways scrolling at 360 px: returns problems.
async function audit(page, what) {
  const problems = [];
  const facts = await page.evaluate(() => ({
    h1s: [...document.querySelectorAll('h1')].map((e) => e.textContent.replace(/\s+/g, ' ').trim()),
    title: document.title,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  if (facts.h1s.length !== 1) problems.push(`${what}: ${facts.h1s.length} h1`);
  else if (!facts.title.startsWith(facts.h1s[0]) && !facts.title.includes(facts.h1s[0])) problems.push(`${what}: title "${facts.title}" does not name the h1 "${facts.h1s[0]}"`);
  if (facts.innerWidth <= SMALL_SCREEN.width && facts.scrollWidth > facts.innerWidth) problems.push(`${what}: scrolls sideways at 360 px (${facts.scrollWidth} px)`);
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  for (const v of results.violations) {
    problems.push(`${what}: axe ${v.id} (${v.impact}): ${v.help}; ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  }
  return problems;
}

async function startPortal() {
  const sink = await startMailSink();
  let server;
  try {
    server = await h.startServer({ env: { ...sink.env } });
    await ids.seedMembers(server.database, 20);
  } catch (e) {
    await server?.stop().catch(() => {});
    await sink.stop();
    throw e;
  }
  const pool = await ids.MemberPool.load(server.database, 20);
  return {
    sink, server, pool,
    async stop() { try { await server.stop(); } finally { await sink.stop(); } },
  };
}

// A verified member account made over HTTP (the sign-up journey has its own browser test).
async function createAccount(portal, lang) {
  const member = portal.pool.take();
  const email = ids.uniqueEmail(`b2fa${lang}`);
  const password = ids.newPassword();
  const client = new ids.Client(portal.server.baseUrl);
  const { res } = await client.submit('/register', {
    nik: member.nik, kpj: member.kpj, birth_date: member.birth_date, email, username: '', password,
  });
  assert.equal(res.status, 303);
  const box = new ids.Mailbox(portal.sink, email, { lang: 'id' });
  const verify = await box.next('verify_email');
  assert.equal((await client.submit(ids.mailLink(verify, '/verify-email', PUBLIC_URL))).res.status, 303);
  if (lang !== 'id') await ids.sqlExec(portal.server.database, `UPDATE accounts SET lang = '${lang}' WHERE email = '${email}'`);
  return { member, email, password, box: new ids.Mailbox(portal.sink, email, { lang }) };
}

async function newContext(browser, lang, { small = false } = {}) {
  const context = await browser.newContext({
    locale: lang === 'id' ? 'id-ID' : 'en-US',
    viewport: small ? SMALL_SCREEN : { width: 1280, height: 900 },
  });
  await context.addCookies([{ name: 'lang', value: lang, url: 'http://127.0.0.1' }]);
  return context;
}

async function passwordStep(portal, page, lang, account) {
  await page.goto(`${portal.server.baseUrl}/login`);
  await page.getByLabel(T(lang, 'identity.login.identifier'), { exact: true }).fill(account.email);
  await page.getByLabel(T(lang, 'identity.login.password'), { exact: true }).fill(account.password);
  return pressMain(page, T(lang, 'identity.login.submit'));
}

async function signOut(page, lang) {
  await navigate(page, () => page.getByRole('navigation')
    .getByRole('button', { name: T(lang, 'layout.nav.logout'), exact: true }).click());
  assert.equal(where(page), '/login?notice=signed_out');
}

async function typeCode(page, lang, labelId, code, { remember = false } = {}) {
  await page.getByLabel(T(lang, labelId), { exact: true }).fill(code);
  if (remember) await page.getByRole('checkbox').check();
  return pressMain(page, T(lang, 'identity.second_factor.submit'));
}

describe(`two-factor journeys in Chromium on ${backend}`, () => {
  let portal;
  let browser;
  before(async () => {
    portal = await startPortal();
    browser = await chromium.launch(LAUNCH);
  });
  after(async () => {
    await browser?.close();
    await portal?.stop();
  });

  for (const lang of ['id', 'en']) {
    test(`${lang}: the dashboard suggests two-factor; enrol an app (oathtool), save recovery codes, sign in with a code; a spent code is refused; recovery code and e-mail code; remembered browser skips the step`, async () => {
      const account = await createAccount(portal, lang);
      const context = await newContext(browser, lang, { small: lang === 'en' });
      const page = await context.newPage();
      const problems = [];
      try {
        await passwordStep(portal, page, lang, account);
        assert.equal(where(page), '/dashboard', await mainText(page));
        assert.ok((await mainText(page)).includes(T(lang, 'identity.two_factor.nudge_title')), 'the dashboard suggests two-factor');
        problems.push(...await audit(page, 'dashboard with the suggestion'));
        await followMain(page, T(lang, 'identity.two_factor.nudge_link'));
        assert.equal(where(page), '/account/two-factor/setup');
        problems.push(...await audit(page, 'set-up choice'));
        await pressMain(page, T(lang, 'identity.two_factor.setup_app'));
        assert.equal(where(page), '/account/two-factor/app');
        assert.ok(await page.locator('main svg[role="img"]').isVisible(), 'the QR code shows');
        problems.push(...await audit(page, 'authenticator set-up'));
        const key = (await page.locator('#secret-key').textContent()).replace(/\s+/g, '');
        assert.match(key, /^[A-Z2-7]{32}$/, '160-bit key in base32');
        // A wrong code first: a clear error tied to the field.
        await page.getByLabel(T(lang, 'identity.second_factor.app_code'), { exact: true }).fill('000000');
        await pressMain(page, T(lang, 'identity.two_factor.app_submit'));
        assert.ok((await mainText(page)).includes(T(lang, 'identity.two_factor.app_code_wrong')));
        problems.push(...await audit(page, 'authenticator set-up with an error'));
        const enrolStep = Math.floor(Date.now() / 30000);
        await page.getByLabel(T(lang, 'identity.second_factor.app_code'), { exact: true }).fill(await ids.oathtoolTotp(key, enrolStep * 30));
        await pressMain(page, T(lang, 'identity.two_factor.app_submit'));
        assert.equal(await page.locator('h1').textContent(), T(lang, 'identity.recovery_codes.title'), await mainText(page));
        const codes = (await page.locator('ul.code-list li').allTextContents()).map(squash);
        assert.equal(codes.length, 10);
        problems.push(...await audit(page, 'recovery codes'));
        const [download] = await Promise.all([page.waitForEvent('download'),
          page.getByRole('button', { name: T(lang, 'identity.recovery_codes.download'), exact: true }).click()]);
        assert.equal(download.suggestedFilename(), 'recovery-codes.txt');
        await followMain(page, T(lang, 'identity.recovery_codes.done'));
        assert.equal(where(page), '/account/security');
        problems.push(...await audit(page, 'security centre with two-factor on'));
        await signOut(page, lang);

        // Sign in with the next code from oathtool.
        await passwordStep(portal, page, lang, account);
        assert.match(where(page), /^\/login\/second-factor/);
        problems.push(...await audit(page, 'second step (app)'));
        const code = await ids.oathtoolTotp(key, (enrolStep + 1) * 30);
        await typeCode(page, lang, 'identity.second_factor.app_code', code);
        assert.equal(where(page), '/dashboard', await mainText(page));
        await signOut(page, lang);

        // The same code again is refused.
        await passwordStep(portal, page, lang, account);
        await typeCode(page, lang, 'identity.second_factor.app_code', code);
        assert.match(where(page), /^\/login\/second-factor/);
        assert.ok((await mainText(page)).includes(T(lang, 'identity.second_factor.code_wrong')), 'replay refused');
        problems.push(...await audit(page, 'second step with an error'));

        // A recovery code instead.
        await followMain(page, T(lang, 'identity.second_factor.use_recovery'));
        problems.push(...await audit(page, 'second step (recovery code)'));
        await typeCode(page, lang, 'identity.second_factor.recovery_code', codes[0]);
        assert.equal(new URL(page.url()).pathname, '/account/security');
        await account.box.next('recovery_code_used');
        await signOut(page, lang);

        // A code by e-mail, and "remember this browser".
        await passwordStep(portal, page, lang, account);
        await followMain(page, T(lang, 'identity.second_factor.use_email'));
        await pressMain(page, T(lang, 'identity.second_factor.send_email_code'));
        problems.push(...await audit(page, 'second step (e-mail)'));
        const mail = await account.box.next('email_code');
        const emailCode = /\b(\d{6})\b/.exec(mail.text)[1];
        await typeCode(page, lang, 'identity.second_factor.email_code', emailCode, { remember: true });
        assert.equal(where(page), '/dashboard', await mainText(page));
        await signOut(page, lang);
        await passwordStep(portal, page, lang, account);
        assert.equal(where(page), '/dashboard', 'the remembered browser skips the second step');
        assert.deepEqual(problems, []);
      } finally {
        await context.close();
      }
    });
  }

  test('step-up: a sensitive change after a while asks for the password first, then goes on (ASVS 3.7.1)', async () => {
    const lang = 'id';
    const account = await createAccount(portal, lang);
    const context = await newContext(browser, lang);
    const page = await context.newPage();
    try {
      await passwordStep(portal, page, lang, account);
      await ids.sqlExec(portal.server.database, `UPDATE sessions SET reauth_at = 0`);
      await page.goto(`${portal.server.baseUrl}/account/security`);
      await followMain(page, T(lang, 'identity.security.turn_on'));
      assert.match(where(page), /^\/account\/confirm\?next=/);
      const problems = await audit(page, 'confirm');
      await page.getByLabel(T(lang, 'identity.login.password'), { exact: true }).fill(account.password);
      await pressMain(page, T(lang, 'identity.confirm.submit'));
      assert.equal(where(page), '/account/two-factor/setup', await mainText(page));
      assert.deepEqual(problems, []);
    } finally {
      await context.close();
    }
  });

  test('staff are made to set up a second factor at their first sign-in ("Policy")', async () => {
    const lang = 'id';
    const email = ids.uniqueEmail('staffb');
    const cli = await h.runLumbung(['user', 'add', '--role', 'staff', '--staff-roles', 'member_services', '--email', email, '--name', 'Sari Petugas'],
                                   { env: h.databaseEnv(portal.server.database) });
    assert.equal(cli.code, 0, cli.stderr);
    const password = ids.newPassword();
    const invitation = await new ids.Mailbox(portal.sink, email).next('invitation');
    assert.equal((await new ids.Client(portal.server.baseUrl).submit(ids.mailLink(invitation, '/invitation', PUBLIC_URL), { password })).res.status, 303);
    const context = await newContext(browser, lang);
    const page = await context.newPage();
    try {
      await passwordStep(portal, page, lang, { email, password });
      assert.equal(where(page), '/account/two-factor/setup');
      assert.ok((await mainText(page)).includes(T(lang, 'identity.two_factor.setup_required')));
      await page.goto(`${portal.server.baseUrl}/staff/security-reports`);
      assert.equal(where(page), '/account/two-factor/setup', 'nothing else before the set-up');
      await pressMain(page, T(lang, 'identity.two_factor.setup_app'));
      const key = (await page.locator('#secret-key').textContent()).replace(/\s+/g, '');
      await page.getByLabel(T(lang, 'identity.two_factor.name'), { exact: true }).fill('Ponsel kantor');
      await page.getByLabel(T(lang, 'identity.second_factor.app_code'), { exact: true }).fill(await ids.oathtoolTotp(key));
      await pressMain(page, T(lang, 'identity.two_factor.app_submit'));
      assert.equal(await page.locator('h1').textContent(), T(lang, 'identity.recovery_codes.title'));
      await page.goto(`${portal.server.baseUrl}/staff/security-reports`);
      assert.equal(where(page), '/staff/security-reports', 'signed in once the factor is set up');
    } finally {
      await context.close();
    }
  });
});
