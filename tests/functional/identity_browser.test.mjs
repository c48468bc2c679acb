// Accounts and sign-in in a real browser (Debian's Chromium through playwright-core), with a real
// SMTP sink: the journeys a member lives, and every
// identity page checked for WCAG 2.2 AA (axe-core), 360 px screens, no JavaScript, page weight and
// its title, in Indonesian and English. Backend: LUMBUNG_TEST_BACKEND.
//
// Requirement IDs: OWASP ASVS 4.0.3 (V2 authentication, V3 sessions), NIST SP 800-63B, WCAG 2.2.
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';

import * as h from './harness.mjs';
import { Client, COOKIE, Mailbox, mailLink, mailSubject, memberRows, newPassword, seedMembers, sqlExec, sqlRows } from './identity_support.mjs';
import { startMailSink } from './mail_sink.mjs';

const backend = h.currentBackend();
const CATALOG = { id: h.loadCatalog('id'), en: h.loadCatalog('en') };
const LOCALE = { id: 'id-ID', en: 'en-US' };
const FUND = h.FUND_NAME;
const PUBLIC_URL = 'http://127.0.0.1:8080'; // the harness's public.url: every mail link starts so
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const PAGE_WEIGHT_LIMIT = 50 * 1024;
const SMALL_SCREEN = { width: 360, height: 740 };
const BAD_TOKEN = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
const LOGIN_LIMITS = { LUMBUNG_LOGIN_DELAY_AFTER: '3', LUMBUNG_LOGIN_LOCK_AFTER: '3' };

const LAUNCH = {
  executablePath: process.env.LUMBUNG_TEST_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

// Pages a signed-in member has (each carries the session notice with "Stay signed in").
const SIGNED_IN_PATHS = ['/dashboard', '/account/security', '/account/sessions', '/account/password',
                         '/account/email', '/logout'];

// ---------------------------------------------------------------------------------------------
// Small helpers

const other = (lang) => (lang === 'id' ? 'en' : 'id');
const nowSeconds = () => Math.floor(Date.now() / 1000);
const sha256 = (text) => crypto.createHash('sha256').update(text).digest('hex');
const squash = (text) => (text ?? '').replace(/\s+/g, ' ').trim();

// A catalog text with its {{placeholders}} filled.
function tr(lang, id, values = {}) {
  const text = CATALOG[lang][id];
  assert.ok(text !== undefined, `catalog ${lang} has ${id}`);
  return text.replace(/\{\{\s*([^}]+?)\s*\}\}/g, (all, key) => (key in values ? String(values[key]) : all));
}

// The parts of a catalog text around one placeholder (for texts with a time in them).
function around(lang, id, placeholder) {
  const [before, afterText = ''] = CATALOG[lang][id].split(`{{${placeholder}}}`);
  return { before: before.trim(), after: afterText.trim() };
}

// "15.04 WIB" (id) / "15:04 WIB" (en), as i18n::FormatWibClock writes it.
function wibClock(epoch, lang) {
  const d = new Date((epoch + 7 * 3600) * 1000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${pad(d.getUTCHours())}${lang === 'en' ? ':' : '.'}${pad(d.getUTCMinutes())} WIB`;
}

function where(page) {
  const u = new URL(page.url());
  return u.pathname + u.search;
}

// Runs `action` (a click) and resolves the response of the page it leads to (after redirects).
async function navigate(page, action) {
  const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), action()]);
  return response;
}

// Submits the page's main form by its button (the layout's sign-out button lives in <nav>).
function submit(page, name) {
  return navigate(page, () => page.getByRole('main').getByRole('button', { name, exact: true }).click());
}

function field(page, lang, id) {
  return page.getByLabel(CATALOG[lang][id], { exact: true });
}

async function h1Text(page) {
  const all = await page.getByRole('heading', { level: 1 }).allTextContents();
  assert.equal(all.length, 1, `one h1 on ${page.url()}: ${JSON.stringify(all)}`);
  return squash(all[0]);
}

// The error summary (role=alert, headed "There is a problem") and its messages.
function errorSummary(page, lang) {
  return page.getByRole('alert').filter({
    has: page.getByRole('heading', { name: CATALOG[lang]['form.error_summary'], exact: true }),
  });
}

async function summaryMessages(page, lang) {
  return (await errorSummary(page, lang).getByRole('link').allTextContents()).map(squash);
}

// What the page says went wrong, for assertion messages.
async function pageSays(page) {
  return squash(await page.locator('main').textContent().catch(() => '')).slice(0, 600);
}

async function cookie(context, name) {
  return (await context.cookies()).find((c) => c.name === name);
}

// The session row of a browser context (the table holds the SHA-256 of the cookie value).
async function sessionRow(env, context) {
  const c = await cookie(context, COOKIE.session);
  assert.ok(c, 'the context holds a session cookie');
  const rows = await sqlRows(env.server.database,
    `SELECT last_seen_at, expires_at FROM sessions WHERE id_hash = '${sha256(c.value)}'`);
  assert.equal(rows.length, 1, 'the session cookie names one session row');
  return { hash: sha256(c.value), lastSeen: Number(rows[0].last_seen_at), expires: Number(rows[0].expires_at) };
}

// The URL of the mail's link to `path`, pointed at this server (the mail names public.url).
function linkIn(env, mail, path) {
  return env.server.baseUrl + mailLink(mail, path, PUBLIC_URL);
}

function waitForMail(env, to, kind, lang) {
  return env.sink.waitForMail({ to, subject: mailSubject(kind, lang) });
}

// A server with a mail sink and a seeded registry.
async function startPortal(extraEnv = {}) {
  const sink = await startMailSink();
  let server;
  try {
    server = await h.startServer({ env: { ...sink.env, ...LOGIN_LIMITS, ...extraEnv } });
    await seedMembers(server.database, 40);
  } catch (e) {
    await server?.stop().catch(() => {});
    await sink.stop();
    throw e;
  }
  const members = await memberRows(server.database, 40);
  let next = 0;
  let count = 0;
  return {
    sink,
    server,
    // A registry member nobody has signed up with yet, and fresh sign-in details for them.
    newMember(label) {
      const member = members[next++];
      assert.ok(member, 'enough registry members');
      count += 1;
      const username = `${label}${count}`.toLowerCase().replace(/[^a-z0-9]/g, '');
      return {
        member,
        email: `${username}.${backend}@example.id`,
        username,
        password: newPassword(),
      };
    },
    async stop() {
      const died = server.exited(); // the server stopped on its own before the tests ended
      try { await server.stop(); } finally { await sink.stop(); }
      if (died) {
        throw new Error(`lumbung serve exited during the tests (${JSON.stringify(died)}); stderr:\n` +
                        `${server.stderr().slice(-4000)}\nlast stdout lines:\n${server.stdoutLines().slice(-15).join('\n')}`);
      }
    },
  };
}

// The date of birth as people type it into its three fields: the day without a leading zero, the
// month by its name in the page's language (or as typed in `month`), the year.
async function fillBirthDate(page, lang, iso, { month } = {}) {
  const [y, m, d] = iso.split('-');
  const group = page.getByRole('group', { name: CATALOG[lang]['identity.register.birth_date'], exact: true });
  await group.getByLabel(CATALOG[lang]['form.date.day'], { exact: true }).fill(String(Number(d)));
  await group.getByLabel(CATALOG[lang]['form.date.month'], { exact: true })
    .fill(month ?? CATALOG[lang][`date.months.${Number(m)}`]);
  await group.getByLabel(CATALOG[lang]['form.date.year'], { exact: true }).fill(y);
}

// The error summary of an HTML answer: [{href, text}].
function summaryOf(html) {
  const box = /<div class="error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...box.matchAll(/<a href="([^"]*)">([^<]*)<\/a>/g)].map((m) => ({ href: m[1], text: squash(h.decodeEntities(m[2])) }));
}

// The error shown beside field `id` (its .field-error), or undefined.
function fieldErrorOf(html, id) {
  const m = new RegExp(`<span class="field-error" id="${id}-error"><span class="visually-hidden">[^<]*</span>([^<]*)</span>`).exec(html);
  return m ? squash(h.decodeEntities(m[1])) : undefined;
}

async function fillRegistration(page, lang, who) {
  await field(page, lang, 'identity.register.nik').fill(who.member.nik);
  await field(page, lang, 'identity.register.kpj').fill(who.member.kpj);
  await fillBirthDate(page, lang, who.member.birth_date, { month: who.birthMonth });
  await field(page, lang, 'identity.register.email').fill(who.email);
  await field(page, lang, 'identity.register.username').fill(who.username ?? '');
  await field(page, lang, 'identity.register.password').fill(who.password);
}

// Signs `who` up in `lang` and confirms the address by the mailed link (in its own tab).
async function createAccount(env, context, lang, who) {
  const page = await context.newPage();
  try {
    await page.goto(`${env.server.baseUrl}/register`);
    await fillRegistration(page, lang, who);
    await submit(page, CATALOG[lang]['identity.register.submit']);
    assert.equal(where(page), '/verify-email?sent=1', `sign-up of ${who.email} went on: ${await pageSays(page)}`);
    const mail = await waitForMail(env, who.email, 'verify_email', lang);
    await page.goto(linkIn(env, mail, '/verify-email'));
    await submit(page, CATALOG[lang]['identity.verify.confirm_submit']);
    assert.equal(where(page), '/login?notice=verified', await pageSays(page));
  } finally {
    await page.close();
  }
}

// Fills the sign-in form (opening /login unless the page shows it already) and submits it.
async function signIn(env, page, lang, identifier, password) {
  if (new URL(page.url()).pathname !== '/login') await page.goto(`${env.server.baseUrl}/login`);
  await field(page, lang, 'identity.login.identifier').fill(identifier);
  await field(page, lang, 'identity.login.password').fill(password);
  return submit(page, CATALOG[lang]['identity.login.submit']);
}

async function signInOk(env, page, lang, identifier, password, landing = '/dashboard') {
  const response = await signIn(env, page, lang, identifier, password);
  assert.equal(new URL(page.url()).pathname, landing, `signed in as ${identifier}: ${await pageSays(page)}`);
  assert.equal(response.status(), 200);
  return response;
}

// The dashboard of `who`: its heading, and the member greeted by name.
async function assertDashboardOf(page, lang, who) {
  assert.equal(new URL(page.url()).pathname, '/dashboard');
  assert.equal(await h1Text(page), CATALOG[lang]['identity.dashboard.title']);
  const greeting = tr(lang, 'identity.dashboard.heading', { name: who.member.full_name });
  assert.ok(await page.getByRole('main').getByText(greeting).first().isVisible(), `the dashboard greets "${greeting}"`);
}

async function signOutByNav(page, lang) {
  await navigate(page, () => page.getByRole('navigation')
    .getByRole('button', { name: CATALOG[lang]['layout.nav.logout'], exact: true }).click());
  assert.equal(where(page), '/login?notice=signed_out');
}

// ---------------------------------------------------------------------------------------------
// Page checks: the same for every identity page, in both languages.

// Sizes of stylesheets and scripts as served (uncompressed: h.request asks for no encoding).
const assetSizes = new Map();
async function pageWeight(env, page, response) {
  const html = (await response.body()).length;
  const assets = await page.evaluate(() =>
    [...document.querySelectorAll('link[rel="stylesheet"], script[src]')].map((e) => e.href || e.src));
  const parts = [`document ${html} B`];
  let total = html;
  for (const url of assets) {
    const u = new URL(url);
    const target = u.pathname + u.search;
    if (!assetSizes.has(target)) {
      const res = await h.request(env.server.baseUrl, target);
      assert.equal(res.status, 200, `${target} loads`);
      assetSizes.set(target, res.body.length);
    }
    total += assetSizes.get(target);
    parts.push(`${target} ${assetSizes.get(target)} B`);
  }
  return { total, parts };
}

// Console errors and failed requests of a tab since the last call of take().
function watch(page) {
  let problems = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    const at = m.location().url;
    // Chromium logs a page's own error status (422, 410, ...) as "Failed to load resource".
    if (/status of [45]\d\d/.test(m.text()) && at && !/\.(css|js|svg|ico)(\?|$)/.test(new URL(at).pathname)) return;
    problems.push(`console error: ${m.text()} (${at})`);
  });
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  page.on('requestfailed', (r) => {
    // Leaving a page cancels what it still loads (the icon, say): not a failure of the page.
    if (r.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 400 && r.request().resourceType() !== 'document') problems.push(`${r.url()} answered ${r.status()}`);
  });
  return { take: () => { const p = problems; problems = []; return p; } };
}

async function axeViolations(page) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  assert.ok(results.passes.length > 0, 'axe ran checks');
  return results.violations.map((v) =>
    `axe ${v.id} (${v.impact}): ${v.help}; ` +
    v.nodes.slice(0, 4).map((n) => `${n.target.join(' ')}: ${squash(n.failureSummary)}`).join(' | '));
}

// Checks the page in `page` against everything every page owes its reader; returns problems.
async function auditPage(env, page, response, { lang, status = 200, h1, what, watcher }) {
  const found = [];
  const say = (text) => found.push(`${what} (${lang}): ${text}`);
  if (response.status() !== status) say(`status ${response.status()}, expected ${status}`);
  const facts = await page.evaluate(() => ({
    lang: document.documentElement.lang,
    title: document.title,
    h1s: [...document.querySelectorAll('h1')].map((e) => e.textContent.replace(/\s+/g, ' ').trim()),
    scrollWidth: document.documentElement.scrollWidth,
    bodyScrollWidth: document.body.scrollWidth,
    innerWidth: window.innerWidth,
    // Every summary link leads to a field; every field error is tied to its field.
    formProblems: (() => {
      const out = [];
      for (const a of document.querySelectorAll('.error-summary a')) {
        const id = (a.getAttribute('href') || '').replace(/^#/, '');
        if (!document.getElementById(id)) out.push(`summary link ${a.getAttribute('href')} leads nowhere`);
      }
      for (const e of document.querySelectorAll('.field-error')) {
        // A date's one error belongs to its group (fieldset) and marks the part it is about.
        const group = e.closest('fieldset');
        if (group?.querySelector(':scope > .date-input')) {
          const ids = (group.getAttribute('aria-describedby') || '').split(/\s+/);
          if (!ids.includes(e.id)) out.push(`error "${e.textContent.trim()}" is not tied to its group by aria-describedby`);
          if (!group.querySelector('input[aria-invalid="true"]')) out.push(`group ${group.id} with an error marks no field aria-invalid`);
          continue;
        }
        const input = e.closest('.field')?.querySelector('input, select, textarea');
        const ids = (input?.getAttribute('aria-describedby') || '').split(/\s+/);
        if (!input || !ids.includes(e.id)) out.push(`error "${e.textContent.trim()}" is not tied to its field by aria-describedby`);
        if (input && input.getAttribute('aria-invalid') !== 'true') out.push(`field ${input.id} with an error lacks aria-invalid`);
      }
      return out;
    })(),
  }));
  if (facts.lang !== lang) say(`html lang="${facts.lang}"`);
  if (facts.h1s.length !== 1) say(`${facts.h1s.length} h1 elements: ${JSON.stringify(facts.h1s)}`);
  if (h1 !== undefined && facts.h1s[0] !== h1) say(`h1 "${facts.h1s[0]}", expected "${h1}"`);
  const prefix = status >= 400 ? CATALOG[lang]['title.error_prefix'] : '';
  const title = `${prefix}${facts.h1s[0]} – ${FUND}`;
  if (facts.title !== title) say(`<title> "${facts.title}", expected "${title}" ("<h1> – fund name")`);
  if (facts.innerWidth === SMALL_SCREEN.width &&
      (facts.scrollWidth > SMALL_SCREEN.width || facts.bodyScrollWidth > SMALL_SCREEN.width)) {
    say(`scrolls sideways at 360 px (${facts.scrollWidth} px wide)`);
  }
  for (const p of facts.formProblems) say(p);
  const weight = await pageWeight(env, page, response);
  if (weight.total >= PAGE_WEIGHT_LIMIT) say(`weighs ${weight.total} B >= ${PAGE_WEIGHT_LIMIT} B (${weight.parts.join(', ')})`);
  for (const v of await axeViolations(page)) say(v);
  for (const p of watcher?.take() ?? []) say(p);
  return found;
}

// Opens each page, audits it, follows the language link, and audits the same page in the other
// language. `spec`: {path, status, h1(lang), reach?(page, lang)}: reach() brings the GET page to
// a state of its own (a submitted form with errors) and returns the response; such a page is
// switched to the other language before it is brought to that state again.
async function auditBothLanguages(env, page, watcher, specs, startLang) {
  const problems = [];
  let lang = startLang;
  for (const spec of specs) {
    const what = spec.name ?? spec.path;
    const url = `${env.server.baseUrl}${spec.path}`;
    let response = await page.goto(url, { waitUntil: 'load' });
    for (let round = 0; round < 2; round++) {
      if (spec.reach) response = await spec.reach(page, lang);
      problems.push(...await auditPage(env, page, response,
        { lang, status: spec.status ?? 200, h1: spec.h1(lang), what, watcher }));
      if (round === 1) break;
      if (spec.reach) await page.goto(url, { waitUntil: 'load' });
      // The language link keeps the member on the same page.
      const link = page.locator('a.lang-switch');
      assert.equal(await link.getAttribute('hreflang'), other(lang), `${what}: the language link`);
      response = await navigate(page, () => link.click());
      lang = other(lang);
      if (where(page) !== spec.path) problems.push(`${what}: the language link led to ${where(page)}`);
      const getStatus = spec.reach ? 200 : (spec.status ?? 200);
      if (response.status() !== getStatus) problems.push(`${what}: ${response.status()} after the language switch`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------

let browser;
before(async () => { browser = await chromium.launch(LAUNCH); });
after(async () => { await browser?.close(); });

const newContext = (lang, options = {}) => browser.newContext({ locale: LOCALE[lang], ...options });

describe(`identity journeys in Chromium (${backend})`, () => {
  let env;
  before(async () => { env = await startPortal(); });
  after(async () => { await env?.stop(); });

  test('Chromium keeps the portal\'s __Host- cookies (Secure, HttpOnly, SameSite=Lax) on http://127.0.0.1 and sends them back', async (t) => {
    const context = await newContext('id');
    t.after(() => context.close());
    const page = await context.newPage();
    await page.goto(`${env.server.baseUrl}/forgot-password`);
    const pre = await cookie(context, COOKIE.pre);
    assert.ok(pre, `Chromium stored ${COOKIE.pre}; cookies: ${JSON.stringify(await context.cookies())}`);
    assert.deepEqual({ secure: pre.secure, httpOnly: pre.httpOnly, sameSite: pre.sameSite, path: pre.path, domain: pre.domain },
                     { secure: true, httpOnly: true, sameSite: 'Lax', path: '/', domain: '127.0.0.1' });
    // The form's CSRF token matches the cookie's secret only if the cookie came back (else 403).
    await field(page, 'id', 'identity.login.identifier').fill('belum.terdaftar@example.id');
    const response = await submit(page, CATALOG.id['identity.forgot.submit']);
    assert.equal(response.status(), 200);
    assert.equal(where(page), '/forgot-password?sent=1');
  });

  test('journey 1 (ASVS 2.1, 2.5; NIST 800-63B 5.1.1): sign up with the show-password toggle, confirm the address by mail, sign in by email, username and NIK, sign out', async (t) => {
    const lang = 'id';
    const C = CATALOG[lang];
    const who = env.newMember('siti');
    const context = await newContext(lang);
    t.after(() => context.close());
    const page = await context.newPage();

    await page.goto(`${env.server.baseUrl}/login`);
    await navigate(page, () => page.getByRole('link', { name: C['identity.login.register_link'], exact: true }).click());
    assert.equal(where(page), '/register');
    assert.equal(await h1Text(page), C['identity.register.title']);
    await fillRegistration(page, lang, who);

    // Show password: the field turns into text and back (never remembered as text).
    const password = field(page, lang, 'identity.register.password');
    assert.equal(await password.getAttribute('type'), 'password');
    assert.equal(await password.getAttribute('autocomplete'), 'new-password');
    await page.getByRole('button', { name: C['form.show_password'], exact: true }).click();
    assert.equal(await password.getAttribute('type'), 'text', 'the toggle shows the password');
    assert.equal(await password.inputValue(), who.password);
    await page.getByRole('button', { name: C['form.hide_password'], exact: true }).waitFor();

    await submit(page, C['identity.register.submit']);
    assert.equal(where(page), '/verify-email?sent=1', await pageSays(page));
    assert.equal(await h1Text(page), C['identity.verify.sent_title']);

    const mail = await waitForMail(env, who.email, 'verify_email', lang);
    await page.goto(linkIn(env, mail, '/verify-email'));
    assert.equal(await h1Text(page), C['identity.verify.title']);
    await page.getByText(C['identity.verify.confirm_intro'], { exact: true }).waitFor();
    await submit(page, C['identity.verify.confirm_submit']);
    assert.equal(where(page), '/login?notice=verified');
    await page.getByText(C['identity.login.notice.verified'], { exact: true }).waitFor();

    for (const [how, identifier] of [['email', who.email], ['username', who.username], ['NIK', who.member.nik]]) {
      await signInOk(env, page, lang, identifier, who.password);
      await assertDashboardOf(page, lang, who);
      const session = await cookie(context, COOKIE.session);
      assert.ok(session?.secure && session.httpOnly && session.sameSite === 'Lax', `session cookie after sign-in by ${how}`);
      assert.ok(await cookie(context, COOKIE.device), 'the browser is remembered (device cookie)');
      await signOutByNav(page, lang);
      await page.getByText(C['identity.login.notice.signed_out'], { exact: true }).waitFor();
      assert.equal(await cookie(context, COOKIE.session), undefined, `signed out after sign-in by ${how}`);
    }
  });

  test('journey 2 (ASVS 2.2.1, 2.2.3): a wrong password gets one generic error linked to the field; the third failure locks; the lock mail\'s link unlocks', async (t) => {
    const lang = 'en';
    const C = CATALOG[lang];
    const who = env.newMember('budi');
    const context = await newContext(lang);
    t.after(() => context.close());
    await createAccount(env, context, lang, who);
    const page = await context.newPage();

    let response = await signIn(env, page, lang, who.email, 'not the right password at all');
    assert.equal(response.status(), 422);
    assert.ok((await page.title()).startsWith(C['title.error_prefix']), `title "${await page.title()}" starts with the error prefix`);
    assert.equal(await page.title(), `${C['title.error_prefix']}${C['identity.login.title']} – ${FUND}`);
    assert.deepEqual(await summaryMessages(page, lang), [C['identity.login.failed']], 'one generic message');
    const summaryLink = errorSummary(page, lang).getByRole('link');
    const identifierField = field(page, lang, 'identity.login.identifier');
    assert.equal(await summaryLink.getAttribute('href'), `#${await identifierField.getAttribute('id')}`);
    await summaryLink.click();
    assert.ok(await identifierField.evaluate((e) => e.matches(':target')), 'the summary link leads to the field');
    assert.equal(await identifierField.inputValue(), who.email, 'the identifier is kept');
    assert.equal(await field(page, lang, 'identity.login.password').inputValue(), '', 'the password is not');

    // The username and the NIK count as the same account: the third failure locks it.
    response = await signIn(env, page, lang, who.username, 'still not the right one');
    assert.equal(response.status(), 422);
    assert.deepEqual(await summaryMessages(page, lang), [C['identity.login.failed']]);
    response = await signIn(env, page, lang, who.member.nik, 'wrong for the third time');
    assert.equal(response.status(), 429, await pageSays(page));
    const locked = around(lang, 'identity.login.locked', 'until');
    const lockedText = (await summaryMessages(page, lang)).join(' ');
    assert.ok(lockedText.startsWith(locked.before) && lockedText.endsWith(locked.after), `locked message: ${lockedText}`);
    assert.ok((await page.title()).startsWith(C['title.error_prefix']));
    // Locked for this browser even with the right password.
    response = await signIn(env, page, lang, who.email, who.password);
    assert.equal(response.status(), 429);
    assert.ok((await summaryMessages(page, lang)).join(' ').startsWith(locked.before));

    const mail = await waitForMail(env, who.email, 'locked', lang);
    linkIn(env, mail, '/report'); // with a "this wasn't me" link
    await page.goto(linkIn(env, mail, '/unlock'));
    assert.equal(await h1Text(page), C['identity.unlock.title']);
    await submit(page, C['identity.unlock.submit']);
    assert.equal(where(page), '/login?notice=unlocked');
    await page.getByText(C['identity.login.notice.unlocked'], { exact: true }).waitFor();
    await signInOk(env, page, lang, who.email, who.password);
  });

  test('journey 3 (lockout is no weapon): a browser that signed in before still signs in while another one has locked the account', async (t) => {
    const lang = 'id';
    const C = CATALOG[lang];
    const who = env.newMember('rina');
    const phone = await newContext(lang);
    const attacker = await newContext(lang);
    t.after(() => Promise.all([phone.close(), attacker.close()]));
    await createAccount(env, phone, lang, who);
    const own = await phone.newPage();
    await signInOk(env, own, lang, who.email, who.password);
    assert.ok(await cookie(phone, COOKIE.device), 'the phone holds a device cookie');
    await signOutByNav(own, lang);

    const evil = await attacker.newPage();
    for (const attempt of [1, 2, 3]) {
      const response = await signIn(env, evil, lang, who.member.nik, `tebakan ${attempt}`);
      assert.equal(response.status(), attempt < 3 ? 422 : 429, `attempt ${attempt}: ${await pageSays(evil)}`);
    }
    const locked = around(lang, 'identity.login.locked', 'until');
    assert.ok((await summaryMessages(evil, lang)).join(' ').startsWith(locked.before));
    const refused = await signIn(env, evil, lang, who.email, who.password);
    assert.equal(refused.status(), 429, 'the lock holds for the unknown browser, right password or not');

    await signInOk(env, own, lang, who.email, who.password);
    await assertDashboardOf(own, lang, who);
    await waitForMail(env, who.email, 'locked', lang);
  });

  test('journey 4 (ASVS 2.5, 3.3.3): forgot password → mail → a weak password is refused with its reason tied to the field → a good one signs out every session → sign in with it', async (t) => {
    const lang = 'en';
    const C = CATALOG[lang];
    const who = env.newMember('dewi');
    const laptop = await newContext(lang);
    const phone = await newContext(lang);
    t.after(() => Promise.all([laptop.close(), phone.close()]));
    await createAccount(env, phone, lang, who);
    const elsewhere = await laptop.newPage();
    await signInOk(env, elsewhere, lang, who.username, who.password);

    const page = await phone.newPage();
    await page.goto(`${env.server.baseUrl}/login`);
    await navigate(page, () => page.getByRole('link', { name: C['identity.login.forgot_link'], exact: true }).click());
    assert.equal(await h1Text(page), C['identity.forgot.title']);
    await field(page, lang, 'identity.login.identifier').fill(who.member.nik);
    await submit(page, C['identity.forgot.submit']);
    assert.equal(where(page), '/forgot-password?sent=1');
    assert.equal(await h1Text(page), C['identity.forgot.sent_title']);

    const mail = await waitForMail(env, who.email, 'reset_password', lang);
    await page.goto(linkIn(env, mail, '/reset-password'));
    assert.equal(await h1Text(page), C['identity.reset.title']);
    const newPasswordField = field(page, lang, 'identity.reset.password');
    assert.equal(await newPasswordField.getAttribute('autocomplete'), 'new-password');
    await newPasswordField.fill('sayangku');
    const refused = await submit(page, C['identity.reset.submit']);
    assert.equal(refused.status(), 422);
    assert.ok((await page.title()).startsWith(C['title.error_prefix']));
    const reason = C['identity.password.common'];
    assert.deepEqual(await summaryMessages(page, lang), [reason]);
    // The reason stands next to the field and is part of its description.
    const described = await newPasswordField.evaluate((input) => {
      const ids = (input.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean);
      return ids.map((id) => {
        const e = document.getElementById(id);
        return { id, text: e ? e.textContent.replace(/\s+/g, ' ').trim() : null,
                 besideField: !!e && !!input.closest('.field')?.contains(e) };
      });
    });
    const tied = described.find((d) => d.text?.endsWith(reason));
    assert.ok(tied, `the reason is tied to the field by aria-describedby: ${JSON.stringify(described)}`);
    assert.ok(tied.besideField, 'the reason stands with the field');
    assert.equal(await newPasswordField.getAttribute('aria-invalid'), 'true');

    const fresh = newPassword();
    await newPasswordField.fill(fresh);
    await submit(page, C['identity.reset.submit']);
    assert.equal(where(page), '/login?notice=reset', await pageSays(page));
    await page.getByText(C['identity.login.notice.reset'], { exact: true }).waitFor();

    // Every session ended: the laptop's next page is the sign-in page.
    await elsewhere.goto(`${env.server.baseUrl}/dashboard`);
    assert.equal(new URL(elsewhere.url()).pathname, '/login', 'the other browser was signed out');
    await waitForMail(env, who.email, 'password_reset', lang);

    const old = await signIn(env, page, lang, who.email, who.password);
    assert.equal(old.status(), 422, 'the old password no longer works');
    await signInOk(env, page, lang, who.email, fresh);
  });

  test('journey 5 (ASVS 3.3.1, 3.3.4): /account/sessions lists both browsers, "this device" on one; ending the other signs it out; logout ends the session on the server', async (t) => {
    const lang = 'id';
    const C = CATALOG[lang];
    const who = env.newMember('agus');
    const first = await newContext(lang);
    const second = await newContext(lang);
    const replay = await newContext(lang);
    t.after(() => Promise.all([first.close(), second.close(), replay.close()]));
    await createAccount(env, first, lang, who);
    const a = await first.newPage();
    const b = await second.newPage();
    await signInOk(env, a, lang, who.email, who.password);
    await signInOk(env, b, lang, who.username, who.password);

    await a.goto(`${env.server.baseUrl}/account/sessions`);
    assert.equal(await h1Text(a), C['identity.sessions.title']);
    const table = a.getByRole('table');
    const rows = table.getByRole('row').filter({ has: a.getByRole('cell') });
    assert.equal(await rows.count(), 2, 'two live sessions');
    assert.equal(await rows.filter({ hasText: C['identity.sessions.this_device'] }).count(), 1, '"this device" on one row');
    const endButtons = table.getByRole('button', { name: C['identity.sessions.end'] });
    assert.equal(await endButtons.count(), 1, 'only the other session can be ended here');
    const otherRow = rows.filter({ has: endButtons });
    assert.equal(await otherRow.filter({ hasText: C['identity.sessions.this_device'] }).count(), 0);
    await navigate(a, () => endButtons.click());
    assert.equal(where(a), '/account/sessions?notice=ended');
    await a.getByRole('status').filter({ hasText: C['identity.sessions.notice.ended'] }).waitFor();
    assert.equal(await rows.count(), 1, 'one live session left');

    await b.goto(`${env.server.baseUrl}/account/security`);
    assert.equal(new URL(b.url()).pathname, '/login', 'the ended browser is sent to sign in');
    assert.equal(await h1Text(b), C['identity.login.title']);

    // Logout (the confirm page) ends the session on the server, not only the cookie.
    const ended = (await cookie(first, COOKIE.session)).value;
    await a.goto(`${env.server.baseUrl}/logout`);
    assert.equal(await h1Text(a), C['identity.logout.title']);
    await submit(a, C['identity.logout.submit']);
    assert.equal(where(a), '/login?notice=signed_out');
    assert.equal(await cookie(first, COOKIE.session), undefined);
    await replay.addCookies([{ name: COOKIE.session, value: ended, domain: '127.0.0.1', path: '/',
                              secure: true, httpOnly: true, sameSite: 'Lax' }]);
    assert.ok(await cookie(replay, COOKIE.session), 'the old cookie was planted');
    const r = await replay.newPage();
    await r.goto(`${env.server.baseUrl}/dashboard`);
    assert.equal(new URL(r.url()).pathname, '/login', 'the signed-out session cookie opens nothing');
    const rows2 = await sqlRows(env.server.database, `SELECT COUNT(*) AS n FROM sessions WHERE id_hash = '${sha256(ended)}'`);
    assert.equal(Number(rows2[0].n), 0, 'the session row is gone');
  });

  test('journey 6 (WCAG 2.2.1): with JavaScript, two minutes before the session ends the notice becomes an alert with the focus on "Stay signed in"', async (t) => {
    const lang = 'en';
    const C = CATALOG[lang];
    const who = env.newMember('joko');
    const context = await newContext(lang);
    t.after(() => context.close());
    await createAccount(env, context, lang, who);
    const page = await context.newPage();
    await signInOk(env, page, lang, who.email, who.password);
    // The session's absolute end in 2 min 12 s: the warning is due some 12 s after the page loads.
    const { hash } = await sessionRow(env, context);
    await sqlExec(env.server.database, `UPDATE sessions SET expires_at = ${nowSeconds() + 132} WHERE id_hash = '${hash}'`);
    await page.goto(`${env.server.baseUrl}/account/security`);
    const stay = page.getByRole('button', { name: C['layout.session.stay'], exact: true });
    const alert = page.getByRole('alert').filter({ has: stay });
    await alert.waitFor({ state: 'visible', timeout: 20_000 }).catch(async () => {
      assert.fail(`no "stay signed in" alert 2 minutes before the end; notice: ${
        await page.locator('[data-session-expires], [data-session-seconds-left]').evaluate((e) => e.outerHTML).catch((x) => x.message)}`);
    });
    assert.ok(await stay.evaluate((e) => e === document.activeElement), 'the focus moves to "Stay signed in"');
    await navigate(page, () => stay.click());
    assert.equal(where(page), '/account/security');
  });

  test('accessibility: signed-out identity pages pass axe (WCAG 2.2 AA), fit 360 px, weigh < 50 KB, title "<h1> – fund" in id and en', async (t) => {
    const who = env.newMember('wati');
    const context = await newContext('id', { viewport: SMALL_SCREEN, deviceScaleFactor: 1 });
    t.after(() => context.close());
    await createAccount(env, context, 'id', who);
    const page = await context.newPage();
    const watcher = watch(page);
    await page.goto(`${env.server.baseUrl}/forgot-password`);
    await field(page, 'id', 'identity.login.identifier').fill(who.email);
    await submit(page, CATALOG.id['identity.forgot.submit']);
    const reset = mailLink(await waitForMail(env, who.email, 'reset_password', 'id'), '/reset-password', PUBLIC_URL);
    watcher.take();
    const h1 = (id) => (lang) => CATALOG[lang][id];
    const pages = [
      { path: '/login', h1: h1('identity.login.title') },
      { path: '/register', h1: h1('identity.register.title') },
      { path: '/verify-email', h1: h1('identity.verify.title') },
      { path: '/verify-email?sent=1', h1: h1('identity.verify.sent_title') },
      { path: `/verify-email?token=${BAD_TOKEN}`, h1: h1('identity.verify.title') },
      { path: '/forgot-password', h1: h1('identity.forgot.title') },
      { path: '/forgot-password?sent=1', h1: h1('identity.forgot.sent_title') },
      { path: reset, name: '/reset-password?token=<valid>', h1: h1('identity.reset.title') },
      { path: `/reset-password?token=${BAD_TOKEN}`, status: 410, h1: h1('identity.reset.title') },
      { path: `/unlock?token=${BAD_TOKEN}`, status: 410, h1: h1('identity.unlock.title') },
      { path: `/report?token=${BAD_TOKEN}`, status: 410, h1: h1('identity.report.title') },
      { path: '/login?next=%2Faccount%2Fsecurity&reason=expired', h1: h1('identity.login.title') },
    ];
    const problems = await auditBothLanguages(env, page, watcher, pages, 'id');
    assert.deepEqual(problems, []);
  });

  test('accessibility: sign-in and sign-up pages showing validation errors pass the same checks in id and en', async (t) => {
    const who = env.newMember('eko');
    const context = await newContext('en', { viewport: SMALL_SCREEN, deviceScaleFactor: 1 });
    t.after(() => context.close());
    await createAccount(env, context, 'en', who);
    const page = await context.newPage();
    const watcher = watch(page);
    const mail = await (async () => {
      await page.goto(`${env.server.baseUrl}/forgot-password`);
      await field(page, 'en', 'identity.login.identifier').fill(who.username);
      await submit(page, CATALOG.en['identity.forgot.submit']);
      return waitForMail(env, who.email, 'reset_password', 'en');
    })();
    const reset = mailLink(mail, '/reset-password', PUBLIC_URL);
    watcher.take();
    const h1 = (id) => (lang) => CATALOG[lang][id];
    const press = (id) => (page, lang) => submit(page, CATALOG[lang][id]);
    const pages = [
      { name: '/login, nothing filled in', path: '/login', status: 422, h1: h1('identity.login.title'),
        reach: press('identity.login.submit') },
      { name: '/login, wrong password', path: '/login', status: 422, h1: h1('identity.login.title'),
        reach: (page, lang) => signIn(env, page, lang, `nobody.${lang}@example.id`, 'not a password of anyone') },
      { name: '/register, nothing filled in', path: '/register', status: 422, h1: h1('identity.register.title'),
        reach: press('identity.register.submit') },
      { name: '/register, details matching no member', path: '/register', status: 422, h1: h1('identity.register.title'),
        reach: async (page, lang) => {
          await fillRegistration(page, lang, { member: { nik: '3171000000000000', kpj: '99999999999', birth_date: '1990-08-17' },
                                               email: `nobody.${lang}@example.id`, username: '', password: newPassword() });
          return press('identity.register.submit')(page, lang);
        } },
      { name: '/register, every field wrong at once', path: '/register', status: 422, h1: h1('identity.register.title'),
        reach: async (page, lang) => {
          await field(page, lang, 'identity.register.nik').fill('1234');
          await fillBirthDate(page, lang, '1990-02-31');
          await field(page, lang, 'identity.register.email').fill('not an address');
          await field(page, lang, 'identity.register.password').fill('kopi');
          return press('identity.register.submit')(page, lang);
        } },
      { name: '/register, a date of birth without its month', path: '/register', status: 422, h1: h1('identity.register.title'),
        reach: async (page, lang) => {
          await fillBirthDate(page, lang, '1990-08-17', { month: ' ' });
          return press('identity.register.submit')(page, lang);
        } },
      { name: '/forgot-password, nothing filled in', path: '/forgot-password', status: 422, h1: h1('identity.forgot.title'),
        reach: press('identity.forgot.submit') },
      { name: '/verify-email, a wrong address', path: '/verify-email', status: 422, h1: h1('identity.verify.title'),
        reach: async (page, lang) => {
          await field(page, lang, 'identity.register.email').fill('not an address');
          return press('identity.verify.resend_submit')(page, lang);
        } },
      { name: '/reset-password, too short', path: reset, status: 422, h1: h1('identity.reset.title'),
        reach: async (page, lang) => {
          await field(page, lang, 'identity.reset.password').fill('kopi');
          return press('identity.reset.submit')(page, lang);
        } },
    ];
    const problems = await auditBothLanguages(env, page, watcher, pages, 'en');
    assert.deepEqual(problems, []);
  });

  test('sign-up: the date of birth is three fields (day, month, year) with the month by name; every problem shows at once, tied to its field, the summary link focuses the date\'s first field', async (t) => {
    const lang = 'en';
    const C = CATALOG[lang];
    const context = await newContext(lang, { viewport: SMALL_SCREEN, deviceScaleFactor: 1 });
    t.after(() => context.close());
    const page = await context.newPage();
    await page.goto(`${env.server.baseUrl}/register`);
    assert.equal(await page.locator('input[type="date"]').count(), 0, 'no browser date picker');
    const group = page.getByRole('group', { name: C['identity.register.birth_date'], exact: true });
    const parts = [];
    for (const part of ['day', 'month', 'year']) {
      const input = group.getByLabel(C[`form.date.${part}`], { exact: true });
      parts.push({ part, inputmode: await input.getAttribute('inputmode'), autocomplete: await input.getAttribute('autocomplete'),
                   type: await input.getAttribute('type') });
    }
    assert.deepEqual(parts, ['day', 'month', 'year'].map((part) => ({ part, inputmode: 'numeric', autocomplete: `bday-${part}`, type: 'text' })));
    assert.ok((await group.getAttribute('aria-describedby')).split(' ').includes('f-birth_date-hint'), 'the hint belongs to the group');

    // A bad NIK, 31 February and a too short password: all three at once.
    await field(page, lang, 'identity.register.nik').fill('1234');
    await field(page, lang, 'identity.register.kpj').fill('12345678901');
    await fillBirthDate(page, lang, '1990-02-31');
    await field(page, lang, 'identity.register.email').fill('eka@example.id');
    await field(page, lang, 'identity.register.password').fill('kopi');
    const response = await submit(page, C['identity.register.submit']);
    assert.equal(response.status(), 422);
    const dateError = tr(lang, 'identity.register.birth_date_problem.no_such_day', { month: 'February', year: 1990, day: 31 });
    const messages = await summaryMessages(page, lang);
    assert.equal(messages.length, 3, `three errors in the summary: ${JSON.stringify(messages)}`);
    assert.equal(messages[0], C['identity.register.nik_invalid']);
    assert.equal(messages[1], dateError);
    assert.equal(messages[2], tr(lang, 'identity.password.too_short', { 'password.min': 8 }));
    for (const [id, message] of [['f-nik', messages[0]], ['f-birth_date', messages[1]], ['f-password', messages[2]]]) {
      assert.equal(squash(await page.locator(`#${id}-error`).textContent()), `${C['title.error_prefix']}${message}`.trim(), `${id}: the error beside the field`);
    }
    assert.equal(await group.getByLabel(C['form.date.day'], { exact: true }).inputValue(), '31', 'what was typed is kept');
    assert.equal(await group.getByLabel(C['form.date.month'], { exact: true }).inputValue(), 'February');
    assert.equal(await page.locator('#f-birth_date-day').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.locator('#f-birth_date-year').getAttribute('aria-invalid'), null, 'only the day is marked');
    await errorSummary(page, lang).getByRole('link', { name: dateError, exact: true }).click();
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'f-birth_date-day', 'the summary link focuses the day');
  });

  test('sign-up over HTTP: the date of birth in the forms people write it; two-digit years and days a month lacks are refused with their reason; the password\'s problem is the same whether or not the details match a member', async () => {
    const client = new Client(env.server.baseUrl);
    const register = (fields) => client.submit('/register', { nik: '', kpj: '', email: '', username: '', password: '', ...fields }).then((r) => r.res);
    const expectDate = async (fields, problem, href, values = {}) => {
      const res = await register(fields);
      assert.equal(res.status, 422, JSON.stringify(fields));
      const message = tr('id', `identity.register.birth_date_problem.${problem}`, values);
      assert.deepEqual(summaryOf(res.text).find((e) => e.href.startsWith('#f-birth_date')), { href, text: message }, JSON.stringify(fields));
      assert.equal(fieldErrorOf(res.text, 'f-birth_date'), message);
      assert.ok(res.text.includes('aria-describedby="f-birth_date-hint f-birth_date-error"'));
    };
    await expectDate({ birth_date_day: '17', birth_date_month: '8', birth_date_year: '86' }, 'two_digit_year', '#f-birth_date-year');
    await expectDate({ birth_date_day: '31', birth_date_month: 'Feb', birth_date_year: '1990' }, 'no_such_day', '#f-birth_date-day',
                     { month: 'Februari', year: 1990, day: 31 });
    await expectDate({ birth_date_day: '29', birth_date_month: '2', birth_date_year: '1991' }, 'no_such_day', '#f-birth_date-day',
                     { month: 'Februari', year: 1991, day: 29 });
    await expectDate({ birth_date_day: '17', birth_date_month: 'Agustusan', birth_date_year: '1990' }, 'bad_month', '#f-birth_date-month');
    await expectDate({ birth_date_day: '', birth_date_month: '8', birth_date_year: '1990' }, 'missing_day', '#f-birth_date-day');
    await expectDate({ birth_date_day: '', birth_date_month: '', birth_date_year: '' }, 'missing', '#f-birth_date-day');
    await expectDate({ birth_date_day: '1', birth_date_month: '1', birth_date_year: String(new Date().getUTCFullYear() + 1) }, 'too_late', '#f-birth_date-day');

    // Every field at once: a bad NIK and a too short password both show, at the fields and in the summary.
    const both = await register({ nik: '1234', kpj: '12345678901', birth_date_day: '17', birth_date_month: '8', birth_date_year: '1990',
                                  email: 'rini@example.id', password: 'kopi' });
    assert.equal(both.status, 422);
    const summary = summaryOf(both.text);
    assert.deepEqual(summary.map((e) => e.href), ['#f-nik', '#f-password']);
    assert.equal(summary[0].text, CATALOG.id['identity.register.nik_invalid']);
    assert.equal(fieldErrorOf(both.text, 'f-nik'), summary[0].text);
    assert.equal(fieldErrorOf(both.text, 'f-password'), summary[1].text);

    // The password's problem comes before the registry is asked: a member's true details and
    // a wrong KPJ get the same answer, and no account.
    const member = env.newMember('rudi');
    const [y, m, d] = member.member.birth_date.split('-');
    const typed = { nik: member.member.nik, birth_date_day: d, birth_date_month: m, birth_date_year: y, email: member.email, password: 'kopi' };
    const matching = await register({ ...typed, kpj: member.member.kpj });
    const wrongKpj = await register({ ...typed, kpj: String((Number(member.member.kpj) + 7) % 1e11).padStart(11, '1') });
    for (const res of [matching, wrongKpj]) {
      assert.equal(res.status, 422);
      assert.deepEqual(summaryOf(res.text).map((e) => e.href), ['#f-password']);
    }
    const blank = (html) => html.replace(/\bname="csrf" value="[^"]*"/g, '').replace(/\bname="kpj" type="text"([^>]*)value="[^"]*"/, 'name="kpj"');
    assert.equal(blank(matching.text), blank(wrongKpj.text), 'the same page whether or not the details match');
    const rows = await sqlRows(env.server.database, `SELECT count(*) AS n FROM accounts WHERE member_id = ${member.member.id}`);
    assert.equal(Number(rows[0].n), 0);

    // Forms people write: no leading zero, an abbreviation in either language, spaces, the whole
    // date in the day field alone, and the single field of the route's contract.
    const months = { id: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agt', 'Sep', 'Okt', 'Nov', 'Des'],
                     en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] };
    const variants = [
      ({ y, m, d }) => ({ birth_date_day: ` ${Number(d)} `, birth_date_month: months.id[Number(m) - 1].toUpperCase(), birth_date_year: y }),
      ({ y, m, d }) => ({ birth_date_day: d, birth_date_month: `${months.en[Number(m) - 1]}.`, birth_date_year: ` ${y}` }),
      ({ y, m, d }) => ({ birth_date_day: `${d}/${m}/${y}`, birth_date_month: '', birth_date_year: '' }),
      ({ y, m, d }) => ({ birth_date_day: `${Number(d)} ${CATALOG.id[`date.months.${Number(m)}`]} ${y}` }),
      ({ y, m, d }) => ({ birth_date: `${y}-${m}-${d}` }),
    ];
    for (const variant of variants) {
      const who = env.newMember('varian');
      const [yy, mm, dd] = who.member.birth_date.split('-');
      const fields = variant({ y: yy, m: mm, d: dd });
      const res = await register({ nik: who.member.nik, kpj: who.member.kpj, email: who.email, password: who.password, ...fields });
      assert.equal(res.status, 303, `${JSON.stringify(fields)} for ${who.member.birth_date}: ${JSON.stringify(summaryOf(res.text))}`);
      assert.equal(res.headers.location, '/verify-email?sent=1');
    }
  });

  test('confirmation links: signing in twice before confirming sends one mail within minutes and the first link still confirms; later a second mail, both links work until one is used, then the other says the address is confirmed', async () => {
    const who = env.newMember('tika');
    const client = new Client(env.server.baseUrl);
    const box = new Mailbox(env.sink, who.email);
    const { res: registered } = await client.submit('/register', {
      nik: who.member.nik, kpj: who.member.kpj, birth_date: who.member.birth_date, email: who.email, username: '', password: who.password });
    assert.equal(registered.status, 303);
    const first = mailLink(await box.next('verify_email'), '/verify-email', PUBLIC_URL);
    const [account] = await sqlRows(env.server.database, `SELECT id FROM accounts WHERE member_id = ${who.member.id}`);
    const links = async () => Number((await sqlRows(env.server.database,
      `SELECT count(*) AS n FROM account_tokens WHERE account_id = ${account.id} AND purpose = 'verify_email'`))[0].n);
    const signIn = async () => {
      const { res } = await client.submit('/login', { identifier: who.email, password: who.password });
      assert.equal(res.status, 403);
      assert.ok(h.htmlText(res.text).includes(CATALOG.id['identity.login.unverified']));
    };
    await signIn();
    await signIn();
    const { res: resent } = await client.submit('/verify-email', { email: who.email });
    assert.equal(resent.status, 303);
    assert.equal(await links(), 1, 'no second link within the spacing (two sign-ins and a resend)');
    assert.equal(box.all('verify_email').length, 1);
    assert.equal((await client.get(first)).status, 200, 'the first link still works');

    // Minutes later (the first link's issue moved back past the spacing): a second mail.
    await sqlExec(env.server.database,
      `UPDATE account_tokens SET created_at = created_at - 301 WHERE account_id = ${account.id} AND purpose = 'verify_email'`);
    await signIn();
    const second = mailLink(await box.next('verify_email'), '/verify-email', PUBLIC_URL);
    assert.notEqual(second, first);
    for (const link of [first, second]) {
      const page = await client.get(link);
      assert.equal(page.status, 200);
      assert.ok(h.htmlText(page.text).includes(CATALOG.id['identity.verify.confirm_intro']), `${link} offers to confirm`);
    }
    // The first link confirms; the second then says so instead of "no longer works".
    const { res: confirmed } = await client.submit(first);
    assert.equal(confirmed.status, 303);
    assert.equal(confirmed.headers.location, '/login?notice=verified');
    for (const answer of [await client.get(second), await client.get(first)]) {
      assert.equal(answer.status, 200);
      const text = h.htmlText(answer.text);
      assert.ok(text.includes(CATALOG.id['identity.verify.already_confirmed']), text.slice(0, 400));
      assert.ok(!text.includes(CATALOG.id['identity.verify.link_invalid']));
      assert.ok(answer.text.includes('href="/login"'));
    }
    assert.ok(h.htmlText((await client.get(`/verify-email?token=${BAD_TOKEN}`)).text).includes(CATALOG.id['identity.verify.link_invalid']),
              'a link never issued still says it does not work');
    const { res: signedIn } = await client.submit('/login', { identifier: who.email, password: who.password });
    assert.equal(signedIn.status, 303, 'confirmed: signs in');
  });

  test('accessibility: signed-in identity pages (and their forms with errors) pass the same checks in id and en', async (t) => {
    const who = env.newMember('yanti');
    const context = await newContext('id', { viewport: SMALL_SCREEN, deviceScaleFactor: 1 });
    t.after(() => context.close());
    await createAccount(env, context, 'id', who);
    const page = await context.newPage();
    await signInOk(env, page, 'id', who.email, who.password);
    const watcher = watch(page);
    const h1 = (id) => (lang) => CATALOG[lang][id];
    const press = (id) => (page, lang) => submit(page, CATALOG[lang][id]);
    const pages = [
      { path: '/dashboard', h1: h1('identity.dashboard.title') },
      { path: '/account/security', h1: h1('identity.security.title') },
      { path: '/account/sessions', h1: h1('identity.sessions.title') },
      { path: '/account/password', h1: h1('identity.change_password.title') },
      { path: '/account/email', h1: h1('identity.change_email.title') },
      { path: '/account/username', h1: h1('identity.change_username.title') },
      { path: '/logout', h1: h1('identity.logout.title') },
      { name: '/account/password, nothing filled in', path: '/account/password', status: 422,
        h1: h1('identity.change_password.title'), reach: press('identity.change_password.submit') },
      { name: '/account/email, nothing filled in', path: '/account/email', status: 422,
        h1: h1('identity.change_email.title'), reach: press('identity.change_email.submit') },
      { name: '/account/username, nothing filled in', path: '/account/username', status: 422,
        h1: h1('identity.change_username.title'), reach: press('identity.change_username.submit') },
    ];
    const problems = await auditBothLanguages(env, page, watcher, pages, 'id');
    assert.deepEqual(problems, []);
  });

  test('without JavaScript: every identity page shows its content styled, a member signs in, moves around and signs out (id and en)', async (t) => {
    for (const lang of ['id', 'en']) {
      const C = CATALOG[lang];
      const who = env.newMember(`nojs${lang}`);
      const context = await newContext(lang, { javaScriptEnabled: false });
      t.after(() => context.close());
      await createAccount(env, context, lang, who);
      const page = await context.newPage();
      const watcher = watch(page);
      const anonymous = [['/login', 'identity.login.title'], ['/register', 'identity.register.title'],
                         ['/verify-email', 'identity.verify.title'], ['/forgot-password', 'identity.forgot.title'],
                         [`/reset-password?token=${BAD_TOKEN}`, 'identity.reset.title']];
      for (const [path, id] of anonymous) {
        await page.goto(`${env.server.baseUrl}${path}`);
        const heading = page.getByRole('heading', { level: 1 });
        assert.equal(squash(await heading.textContent()), C[id], `${lang} ${path}`);
        assert.ok(await heading.isVisible());
        const header = await page.locator('.site-header').evaluate((e) => getComputedStyle(e).backgroundColor);
        assert.equal(header, 'rgb(59, 42, 30)', `${lang} ${path}: styled without JavaScript`);
        assert.equal(await page.getByRole('button', { name: C['form.show_password'] }).count(), 0,
                     'no show-password button without JavaScript (it would do nothing)');
      }
      // Signing in, through every signed-in page, and out: plain forms and links.
      await signInOk(env, page, lang, who.member.nik, who.password);
      const stay = page.getByRole('button', { name: C['layout.session.stay'], exact: true });
      for (const path of SIGNED_IN_PATHS) {
        await page.goto(`${env.server.baseUrl}${path}`);
        assert.equal(new URL(page.url()).pathname, path);
        assert.ok(await page.getByRole('heading', { level: 1 }).isVisible(), `${lang} ${path}`);
        assert.ok(await stay.isVisible(), `${lang} ${path}: "stay signed in" is offered`);
      }
      await navigate(page, () => page.getByRole('link', { name: C['layout.nav.dashboard'], exact: true }).click());
      assert.equal(new URL(page.url()).pathname, '/dashboard');
      await signOutByNav(page, lang);
      assert.deepEqual(watcher.take(), [], `${lang}: no console errors or failed requests`);
    }
  });
});

// ---------------------------------------------------------------------------------------------
describe(`session expiry in Chromium (${backend}, idle timeout 1 minute)`, () => {
  let env;
  before(async () => { env = await startPortal({ LUMBUNG_SESSION_IDLE_MINUTES: '1' }); });
  after(async () => { await env?.stop(); });

  test('journey 6 (WCAG 2.2.1, ASVS 3.3.2): every signed-in page states when the session ends and "Stay signed in" renews it, with and without JavaScript', async (t) => {
    for (const [lang, javaScriptEnabled] of [['en', true], ['id', false]]) {
      const C = CATALOG[lang];
      const who = env.newMember(`stay${lang}`);
      const context = await newContext(lang, { javaScriptEnabled });
      t.after(() => context.close());
      await createAccount(env, context, lang, who);
      const page = await context.newPage();
      await signInOk(env, page, lang, who.email, who.password);
      const stay = page.getByRole('button', { name: C['layout.session.stay'], exact: true });
      for (const path of SIGNED_IN_PATHS) {
        const what = `${path} (${lang}, JavaScript ${javaScriptEnabled ? 'on' : 'off'})`;
        await page.goto(`${env.server.baseUrl}${path}`);
        assert.equal(where(page), path, what);
        const session = await sessionRow(env, context);
        const ends = Math.min(session.lastSeen + 60, session.expires);
        assert.ok(await stay.isVisible(), `${what}: "Stay signed in" is shown`);
        const description = await stay.evaluate((button) => (button.getAttribute('aria-describedby') || '')
          .split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ').replace(/\s+/g, ' ').trim());
        assert.equal(description, tr(lang, 'layout.session.expires', { 'visitor.idle_expires_clock': wibClock(ends, lang) }),
                     `${what}: the expiry time is stated (and describes the button)`);
        // Half a minute of idleness later, the button renews the session and returns here.
        await sqlExec(env.server.database, `UPDATE sessions SET last_seen_at = last_seen_at - 30 WHERE id_hash = '${session.hash}'`);
        const before = nowSeconds();
        await navigate(page, () => stay.click());
        assert.equal(where(page), path, `${what}: "Stay signed in" returns to the page`);
        const renewed = await sessionRow(env, context);
        assert.ok(renewed.lastSeen >= before, `${what}: the session was renewed (last seen ${renewed.lastSeen}, clicked at ${before})`);
      }
    }
  });

  test('journey 6 (ASVS 3.3.2): a member moving from page to page is not signed out; the idle time counts from the last page', async (t) => {
    const lang = 'en';
    const who = env.newMember('busy');
    const context = await newContext(lang);
    t.after(() => context.close());
    await createAccount(env, context, lang, who);
    const page = await context.newPage();
    await signInOk(env, page, lang, who.email, who.password);
    const { hash } = await sessionRow(env, context);
    const older = (seconds) => sqlExec(env.server.database,
      `UPDATE sessions SET last_seen_at = last_seen_at - ${seconds} WHERE id_hash = '${hash}'`);
    // 45 s after signing in the member opens a page; 20 s after that, another one: at no time
    // were they idle for the whole minute.
    await older(45);
    await page.goto(`${env.server.baseUrl}/account/security`);
    assert.equal(where(page), '/account/security', 'signed in 45 s after the last page');
    await older(20);
    await page.goto(`${env.server.baseUrl}/account/sessions`);
    assert.equal(where(page), '/account/sessions',
                 'still signed in 20 s after the last page (the page 20 s ago must count as activity)');
  });

  test('journey 6: an idle session ends; the next page goes to sign-in with the "session ended" notice and back after signing in', async (t) => {
    const lang = 'id';
    const C = CATALOG[lang];
    const who = env.newMember('idle');
    const context = await newContext(lang);
    t.after(() => context.close());
    await createAccount(env, context, lang, who);
    const page = await context.newPage();
    await signInOk(env, page, lang, who.email, who.password);
    const { hash } = await sessionRow(env, context);
    // Two minutes without activity, without waiting them.
    await sqlExec(env.server.database, `UPDATE sessions SET last_seen_at = last_seen_at - 120 WHERE id_hash = '${hash}'`);
    await page.goto(`${env.server.baseUrl}/account/security`);
    const url = new URL(page.url());
    assert.equal(url.pathname, '/login');
    assert.equal(url.searchParams.get('next'), '/account/security');
    assert.equal(url.searchParams.get('reason'), 'expired');
    await page.getByRole('alert').filter({ hasText: C['identity.login.notice.expired'] }).waitFor();
    assert.equal(await cookie(context, COOKIE.session), undefined, 'the ended session\'s cookie is cleared');
    await signInOk(env, page, lang, who.username, who.password, '/account/security');
    assert.equal(await h1Text(page), C['identity.security.title']);
  });
});
