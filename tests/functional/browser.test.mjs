// The portal in a real browser (Debian's Chromium through playwright-core): what a member on a
// cheap phone sees. Backend: LUMBUNG_TEST_BACKEND. Accessibility: WCAG 2.2 AA through axe-core.
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';

import * as h from './harness.mjs';

const backend = h.currentBackend();
const ID = h.loadCatalog('id');
const EN = h.loadCatalog('en');
const FUND = h.FUND_NAME;
const CATALOG = { id: ID, en: EN };
const LOCALE = { id: 'id-ID', en: 'en-US' };
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const PAGE_WEIGHT_LIMIT = 50 * 1024;
const SMALL_SCREEN = { width: 360, height: 740 };

const LAUNCH = {
  executablePath: process.env.LUMBUNG_TEST_CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
};

// The pages every check runs on: path, expected status, the catalog key of their h1.
const PAGES = [
  { path: '/', status: 200, h1: 'page.home.title' },
  { path: '/help', status: 200, h1: 'page.help.title' },
  { path: '/tidak-ada-halaman-ini', status: 404, h1: 'error.404.title' },
  { path: '/dev/mailbox', status: 200, h1: 'dev_mailbox.title' },  // the server runs in dev mode
];

function expectedTitle(lang, page) {
  const catalog = CATALOG[lang];
  const prefix = page.status >= 400 ? catalog['title.error_prefix'] : '';
  return `${prefix}${catalog[page.h1]} – ${FUND}`;
}

let browser;
let artifacts;

before(async () => {
  browser = await chromium.launch(LAUNCH);
  artifacts = h.makeTempDir('lumbung-browser-');
});
after(async () => { await browser?.close(); });

// Opens `url` in a new page of `context` and watches everything that goes wrong: console errors,
// script errors, failed requests, subresources answered >= 400. Resolves
// {page, response, problems(), weight()}. The error status of the page itself, when expected,
// is not a problem (Chromium logs it to the console as "Failed to load resource"). Neither is
// the browser's own /favicon.ico request, which the favicon test below checks by itself, so that
// one missing icon does not fail every page test.
async function visit(context, url, { status = 200 } = {}) {
  const page = await context.newPage();
  const problems = [];
  const responses = [];
  page.on('console', (m) => {
    if (m.type() !== 'error') return;
    if (m.location().url && new URL(m.location().url).pathname === '/favicon.ico') return;
    const expectedOwnStatus = status >= 400 && m.location().url === url &&
      m.text().includes(`status of ${status}`);
    if (!expectedOwnStatus) problems.push(`console error: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => problems.push(`script error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => {
    responses.push(r);
    if (r.status() >= 400 && r.url() !== url) problems.push(`${r.url()} answered ${r.status()}`);
  });
  const response = await page.goto(url, { waitUntil: 'load' });
  assert.ok(response, `no response for ${url}`);
  assert.equal(response.status(), status, `status of ${url}`);
  return {
    page,
    response,
    problems: () => problems,
    // Bytes of HTML, CSS and JS as delivered to the page, after any content decoding.
    weight: async () => {
      let total = 0;
      const parts = [];
      for (const r of responses) {
        const type = r.request().resourceType();
        if (!['document', 'stylesheet', 'script'].includes(type)) continue;
        const body = await r.body();
        total += body.length;
        parts.push(`${type} ${new URL(r.url()).pathname} ${body.length} B`);
      }
      return { total, parts };
    },
  };
}

// Clicks a link that leads to a page in `lang` (possibly at the same URL) and waits for it.
async function followTo(page, link, lang) {
  await link.click();
  await page.locator(`html[lang="${lang}"]`).waitFor({ state: 'attached' });
  await page.waitForLoadState('load');
}

async function pageFacts(page) {
  return page.evaluate(() => ({
    lang: document.documentElement.lang,
    title: document.title,
    h1s: [...document.querySelectorAll('h1')].map((e) => e.textContent.trim().replace(/\s+/g, ' ')),
    scrollWidth: document.documentElement.scrollWidth,
    bodyScrollWidth: document.body.scrollWidth,
    innerWidth: window.innerWidth,
    path: location.pathname + location.search,
  }));
}

async function assertNoAxeViolations(page, what) {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const report = results.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help}\n` +
    v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ')}`).join('\n'));
  assert.deepEqual(report, [], `${what}: axe-core violations\n${report.join('\n')}`);
  assert.ok(results.passes.length > 0, `${what}: axe ran no checks`);
}

// ---------------------------------------------------------------------------------------------
describe(`pages in Chromium (${backend})`, () => {
  let server;
  before(async () => {
    server = await h.startServer({ env: { LUMBUNG_DEV_MODE: 'true', LUMBUNG_MAIL_DELIVER: 'false' } });
  });
  after(async () => { await server?.stop(); });

  const newContext = (lang, options = {}) =>
    browser.newContext({ locale: LOCALE[lang], ...options });

  for (const lang of ['id', 'en']) {
    test(`home page in ${lang}: language, one h1, title "<h1> – <fund name>", programs, no console errors`, async (t) => {
      const context = await newContext(lang);
      t.after(() => context.close());
      const { page, problems } = await visit(context, `${server.baseUrl}/`);
      const facts = await pageFacts(page);
      assert.equal(facts.lang, lang);
      assert.deepEqual(facts.h1s, [CATALOG[lang]['page.home.title']]);
      assert.equal(facts.title, `${facts.h1s[0]} – ${FUND}`);
      for (const program of ['jht', 'jkk', 'jkm', 'jp', 'jkp']) {
        await page.getByRole('heading', { name: CATALOG[lang][`home.${program}.heading`], exact: true }).waitFor();
      }
      assert.deepEqual(problems(), []);
    });
  }

  test('every page: exactly one h1, title pattern, no console errors or failed requests (id and en)', async (t) => {
    for (const lang of ['id', 'en']) {
      const context = await newContext(lang);
      t.after(() => context.close());
      for (const p of PAGES) {
        const { page, problems } = await visit(context, `${server.baseUrl}${p.path}`, { status: p.status });
        const facts = await pageFacts(page);
        const what = `${lang} ${p.path}`;
        assert.equal(facts.lang, lang, what);
        assert.equal(facts.h1s.length, 1, `${what}: h1 count`);
        assert.equal(facts.h1s[0], CATALOG[lang][p.h1], `${what}: h1`);
        assert.equal(facts.title, expectedTitle(lang, p), `${what}: title`);
        assert.ok(facts.title.endsWith(`${facts.h1s[0]} – ${FUND}`), `${what}: title is "<h1> – <fund name>"`);
        assert.deepEqual(problems(), [], what);
        await page.close();
      }
    }
  });

  test('the language switch link changes the language and keeps the user on the same page', async (t) => {
    const context = await newContext('id');
    t.after(() => context.close());
    for (const p of PAGES) {
      const { page, problems } = await visit(context, `${server.baseUrl}${p.path}`, { status: p.status });
      const start = await pageFacts(page);
      for (const to of [start.lang === 'id' ? 'en' : 'id', start.lang]) {
        const link = page.locator('a.lang-switch');
        assert.equal(await link.getAttribute('hreflang'), to);
        await followTo(page, link, to);
        const facts = await pageFacts(page);
        assert.equal(facts.path, p.path, `after switching to ${to}, still on ${p.path}`);
        assert.equal(facts.lang, to);
        assert.deepEqual(facts.h1s, [CATALOG[to][p.h1]]);
        const cookie = (await context.cookies()).find((c) => c.name === 'lang');
        assert.equal(cookie?.value, to, 'the choice is kept in the lang cookie');
      }
      assert.deepEqual(problems().filter((x) => !x.includes(`answered ${p.status}`)), [], p.path);
      await page.close();
    }
    // The choice sticks on the next page opened.
    const switched = await visit(context, `${server.baseUrl}/lang/en?next=/help`);
    assert.equal((await pageFacts(switched.page)).lang, 'en');
    const later = await visit(context, `${server.baseUrl}/`);
    assert.equal((await pageFacts(later.page)).lang, 'en', 'the language choice is remembered');
  });

  for (const lang of ['id', 'en']) {
    test(`WCAG 2.2 AA (axe-core): no violations on home, help and the 404 page in ${lang}`, async (t) => {
      const context = await newContext(lang);
      t.after(() => context.close());
      for (const p of PAGES) {
        const { page } = await visit(context, `${server.baseUrl}${p.path}`, { status: p.status });
        await assertNoAxeViolations(page, `${lang} ${p.path}`);
        await page.close();
      }
    });
  }

  test('with JavaScript disabled, pages show their content, styled, and the language switch works', async (t) => {
    const context = await newContext('id', { javaScriptEnabled: false });
    t.after(() => context.close());
    const { page, problems } = await visit(context, `${server.baseUrl}/`);
    const h1 = page.locator('h1');
    assert.equal(await h1.count(), 1);
    assert.equal((await h1.textContent()).trim(), ID['page.home.title']);
    assert.ok(await h1.isVisible());
    await page.getByRole('heading', { name: ID['home.jht.heading'], exact: true }).waitFor();
    const headerBackground = await page.locator('.site-header').evaluate((e) => getComputedStyle(e).backgroundColor);
    assert.equal(headerBackground, 'rgb(59, 42, 30)', 'the stylesheet applies without JavaScript');
    await followTo(page, page.locator('a.lang-switch'), 'en');
    assert.equal(new URL(page.url()).pathname, '/');
    assert.equal((await page.locator('h1').textContent()).trim(), EN['page.home.title']);
    await page.getByRole('link', { name: EN['layout.nav.help'], exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/help');
    assert.equal((await page.locator('h1').textContent()).trim(), EN['page.help.title']);
    assert.deepEqual(problems(), []);
  });

  test('360 px wide screen: no horizontal scrolling on any page; screenshot of home', async (t) => {
    for (const lang of ['id', 'en']) {
      const context = await newContext(lang, { viewport: SMALL_SCREEN, deviceScaleFactor: 1 });
      t.after(() => context.close());
      for (const p of PAGES) {
        const { page } = await visit(context, `${server.baseUrl}${p.path}`, { status: p.status });
        const facts = await pageFacts(page);
        assert.equal(facts.innerWidth, 360);
        assert.ok(facts.scrollWidth <= 360, `${lang} ${p.path}: page is ${facts.scrollWidth} px wide at 360 px`);
        assert.ok(facts.bodyScrollWidth <= 360, `${lang} ${p.path}: body is ${facts.bodyScrollWidth} px wide`);
        if (p.path === '/') {
          const file = path.join(artifacts, `home-360px-${lang}.png`);
          const full = path.join(artifacts, `home-360px-${lang}-full.png`);
          await page.screenshot({ path: file });
          await page.screenshot({ path: full, fullPage: true });
          t.diagnostic(`screenshot of the home page (${lang}) at 360 px: ${file} (whole page: ${full})`);
        }
        await page.close();
      }
    }
  });

  test('page weight: HTML + CSS + JS under 50 KB uncompressed on every page', async (t) => {
    const context = await newContext('id');
    t.after(() => context.close());
    for (const p of PAGES) {
      const { weight } = await visit(context, `${server.baseUrl}${p.path}`, { status: p.status });
      const { total, parts } = await weight();
      t.diagnostic(`${p.path}: ${total} B (${parts.join(', ')})`);
      assert.ok(parts.some((x) => x.startsWith('stylesheet')), `${p.path}: the stylesheet was loaded`);
      assert.ok(total < PAGE_WEIGHT_LIMIT, `${p.path}: ${total} B >= ${PAGE_WEIGHT_LIMIT} B (${parts.join(', ')})`);
    }
  });

  test('browsers find an icon: the page declares one that loads, or /favicon.ico exists', async (t) => {
    // Without <link rel="icon">, every browser asks for /favicon.ico on its own; a 404 there
    // is a failed request on every first visit (and noise in the logs and metrics).
    const context = await newContext('id');
    t.after(() => context.close());
    const { page } = await visit(context, `${server.baseUrl}/`);
    const declared = await page.evaluate(() => document.querySelector('link[rel~="icon"]')?.href ?? null);
    if (declared && declared.startsWith('data:')) return;
    const target = declared ? new URL(declared).pathname : '/favicon.ico';
    const res = await h.request(server.baseUrl, target);
    assert.equal(res.status, 200, `GET ${target} (icon ${declared ? 'declared by the page' : 'browsers look for'}) answered ${res.status}`);
  });
});

// ---------------------------------------------------------------------------------------------
describe(`maintenance page in Chromium (${backend})`, () => {
  let server;
  before(async () => {
    server = await h.startServer({ env: { LUMBUNG_MAINTENANCE_POLL_SECONDS: '0' } });
    const on = await h.runLumbung(['maintenance', 'on', '--minutes', '45'], { env: h.databaseEnv(server.database) });
    assert.equal(on.code, 0, on.stderr);
  });
  after(async () => { await server?.stop(); });

  for (const lang of ['id', 'en']) {
    test(`maintenance page in ${lang}: translated, accessible (axe), fits 360 px, styled, no errors`, async (t) => {
      const context = await browser.newContext({ locale: LOCALE[lang], viewport: SMALL_SCREEN });
      t.after(() => context.close());
      const url = `${server.baseUrl}/`;
      const { page, problems, response } = await visit(context, url, { status: 503 });
      assert.ok(Number(response.headers()['retry-after']) > 0);
      const facts = await pageFacts(page);
      assert.equal(facts.lang, lang);
      assert.deepEqual(facts.h1s, [CATALOG[lang]['maintenance.title']]);
      assert.equal(facts.title, `${CATALOG[lang]['title.error_prefix']}${facts.h1s[0]} – ${FUND}`);
      assert.ok(facts.scrollWidth <= 360, `page is ${facts.scrollWidth} px wide at 360 px`);
      const headerBackground = await page.locator('.site-header').evaluate((e) => getComputedStyle(e).backgroundColor);
      assert.equal(headerBackground, 'rgb(59, 42, 30)', 'the stylesheet still loads in maintenance');
      await assertNoAxeViolations(page, `maintenance ${lang}`);
      assert.deepEqual(problems(), []);
      const file = path.join(artifacts, `maintenance-360px-${lang}.png`);
      await page.screenshot({ path: file, fullPage: true });
      t.diagnostic(`screenshot: ${file}`);
    });
  }
});
