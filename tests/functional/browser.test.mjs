// The portal in a real browser (Debian's Chromium through playwright-core): what a member on a
// cheap phone sees. Backend: LUMBUNG_TEST_BACKEND. Accessibility: WCAG 2.2 AA through axe-core.
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';

import * as h from './harness.mjs';
import * as id from './identity_support.mjs';
import { startMailSink } from './mail_sink.mjs';

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
// The header: a few top-level links, the rest in a "Menu" (<details>, no JavaScript needed),
// grouped by what the pages are for; only links the visitor's role can open; the current page
// marked; the page's h1 in the first screen of a phone.
describe(`the header and its menu in Chromium (${backend})`, () => {
  const PHONE = { width: 360, height: 640 };
  const DESKTOP = { width: 1280, height: 800 };
  let sink;
  let server;
  let member;  // id.Client, signed in
  let staff;   // id.Client, a staff officer signed in with an authenticator app

  before(async () => {
    sink = await startMailSink();
    server = await h.startServer({ env: { ...sink.env } });
    await id.seedMembers(server.database, 3);
    const [registered] = await id.memberRows(server.database, 1);
    member = new id.Client(server.baseUrl);
    const email = id.uniqueEmail('menu');
    const password = id.newPassword();
    const signUp = await member.submit('/register', {
      nik: registered.nik, kpj: registered.kpj, birth_date: registered.birth_date, email, username: '', password,
    });
    assert.equal(signUp.res.status, 303, h.htmlText(signUp.res.text).slice(0, 300));
    assert.equal((await member.submit(id.mailLink(await sink.waitForMail({ to: email }), '/verify-email'))).res.status, 303);
    assert.equal((await member.submit('/login', { identifier: email, password })).res.headers.location, '/dashboard');

    const staffEmail = id.uniqueEmail('staff');
    const added = await h.runLumbung(['user', 'add', '--role', 'staff', '--staff-roles', 'member_services', '--email', staffEmail,
                                      '--name', 'Petugas Menu'], { env: h.databaseEnv(server.database) });
    assert.equal(added.code, 0, added.stderr);
    staff = new id.Client(server.baseUrl);
    const staffPassword = id.newPassword();
    await staff.submit(id.mailLink(await sink.waitForMail({ to: staffEmail }), '/invitation'), { password: staffPassword });
    await staff.submit('/login', { identifier: staffEmail, password: staffPassword });
    await id.enrolAuthenticator(staff);
    assert.equal((await staff.get('/dashboard')).status, 200);
  });
  after(async () => {
    await server?.stop();
    await sink?.stop();
  });

  // A browser context carrying `client`'s session (none for a signed-out visitor).
  async function contextFor(client, lang, options = {}) {
    const context = await browser.newContext({ locale: LOCALE[lang], ...options });
    const { hostname, port } = new URL(server.baseUrl);
    await context.addCookies([{ name: 'lang', value: lang, domain: hostname, path: '/' }]);
    if (client) {
      await context.addCookies([{ name: id.COOKIE.session, value: client.cookie(id.COOKIE.session),
                                  domain: hostname, path: '/', secure: true, httpOnly: true, sameSite: 'Lax' }]);
    }
    assert.ok(port);
    return context;
  }

  // The header's links and buttons as a visitor finds them: [{text, href}] of the top level
  // (the language switch included) and of the menu.
  async function header(page) {
    return page.evaluate(() => {
      const item = (e) => ({ text: e.textContent.trim().replace(/\s+/g, ' '), href: e.getAttribute('href') });
      const top = [...document.querySelectorAll('.site-header__bar .lang-switch, nav.site-nav > ul > li > a, ' +
                                                 'nav.site-nav > ul > li > form button, nav.site-nav > ul > li > details > summary')];
      return {
        top: top.map(item),
        menu: [...document.querySelectorAll('nav.site-nav details a')].map(item),
      };
    });
  }

  async function h1Top(page) {
    return page.locator('h1').evaluate((e) => e.getBoundingClientRect().top);
  }

  for (const lang of ['id', 'en']) {
    const t = CATALOG[lang];
    test(`at 360 px in ${lang}: a member's header has account home, notifications, help, language, sign out and Menu; the h1 is in the first screen`, async (t_) => {
      for (const javaScriptEnabled of [true, false]) {
        const context = await contextFor(member, lang, { viewport: PHONE, javaScriptEnabled });
        t_.after(() => context.close());
        const { page, problems } = await visit(context, `${server.baseUrl}/dashboard`);
        const { top } = await header(page);
        // The notifications link also counts unread notices: "Pemberitahuan (1 belum dibaca)".
        assert.deepEqual(top.map((x) => x.text.replace(/ \(\d+ [^)]*\)$/, '')), [
          lang === 'id' ? 'English' : 'Bahasa Indonesia', t['layout.nav.dashboard'], t['layout.nav.notifications'],
          t['layout.nav.help'], t['layout.nav.logout'], t['layout.menu.toggle']]);
        // Checked before moving on: a page left while its icon loads reports that load as aborted.
        assert.deepEqual(problems(), []);
        for (const path of ['/dashboard', '/contributions', '/account/security', '/help']) {
          await page.goto(`${server.baseUrl}${path}`);
          const top1 = await h1Top(page);
          assert.ok(top1 < PHONE.height - 40, `${path} (JavaScript ${javaScriptEnabled}): the h1 starts at ${top1} px of ${PHONE.height}`);
          assert.ok(await page.locator('h1').isVisible());
        }
      }
      const anonymous = await contextFor(null, lang, { viewport: PHONE });
      t_.after(() => anonymous.close());
      for (const path of ['/', '/help', '/calculators', '/login']) {
        const { page } = await visit(anonymous, `${server.baseUrl}${path}`);
        assert.deepEqual((await header(page)).top.map((x) => x.text), [
          lang === 'id' ? 'English' : 'Bahasa Indonesia', t['layout.nav.home'], t['layout.nav.calculators'],
          t['layout.nav.help'], t['layout.nav.login']], `${path}: five items signed out, no menu`);
        const top1 = await h1Top(page);
        assert.ok(top1 < PHONE.height - 40, `${path} signed out: the h1 starts at ${top1} px`);
        await page.close();
      }
    });

    test(`without JavaScript in ${lang}: Menu opens on a click, shows the member's pages grouped, and each opens`, async (t_) => {
      const context = await contextFor(member, lang, { viewport: PHONE, javaScriptEnabled: false });
      t_.after(() => context.close());
      const { page } = await visit(context, `${server.baseUrl}/dashboard`);
      const contributions = page.getByRole('link', { name: t['layout.nav.contributions'], exact: true });
      assert.equal(await contributions.isVisible(), false, 'the menu starts closed');
      await page.getByText(t['layout.menu.toggle'], { exact: true }).click();
      for (const [group, links] of [
        ['layout.menu.money', ['layout.nav.contributions', 'layout.nav.savings', 'layout.nav.documents', 'layout.nav.card', 'layout.nav.claims', 'subsidy.member.nav', 'layout.nav.training', 'layout.nav.certificates']],
        ['layout.menu.account', ['layout.nav.profile', 'layout.nav.account', 'support.menu.link', 'notifications.preferences.title']],
        ['layout.menu.about', ['layout.nav.programs', 'layout.nav.calculators', 'subsidy.checker.nav']],
      ]) {
        const list = page.getByRole('list', { name: t[group], exact: true });
        assert.ok(await list.isVisible(), `group ${group}`);
        assert.deepEqual(await list.getByRole('link').allTextContents(), links.map((k) => t[k]), group);
      }
      assert.equal(await page.getByRole('list', { name: t['layout.menu.staff'] }).count(), 0, 'no staff group for a member');
      await contributions.click();
      await page.waitForURL((u) => u.pathname === '/contributions');
      assert.equal((await page.locator('h1').textContent()).trim(), t['contributions.title']);

      // axe and page.evaluate need scripts in the page (a script-less page makes them wait
      // forever): the open menu is checked again where JavaScript runs.
      const scripted = await contextFor(member, lang, { viewport: PHONE });
      t_.after(() => scripted.close());
      const { page: open } = await visit(scripted, `${server.baseUrl}/dashboard`);
      await open.getByText(t['layout.menu.toggle'], { exact: true }).click();
      await assertNoAxeViolations(open, `${lang} menu open at 360 px`);
      const noScroll = await open.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
      assert.ok(noScroll, 'the open menu does not widen the page');
    });
  }

  test('every link in the header opens for the role that sees it; members and staff see only their own', async (t_) => {
    const seen = {};
    for (const [who, client] of [['member', member], ['staff', staff]]) {
      const context = await contextFor(client, 'id', { viewport: DESKTOP });
      t_.after(() => context.close());
      const { page } = await visit(context, `${server.baseUrl}/dashboard`);
      const { top, menu } = await header(page);
      seen[who] = [...top, ...menu].map((x) => x.href).filter((href) => href && !href.startsWith('/lang/'));
      for (const href of seen[who]) {
        const res = await client.get(href);
        assert.equal(res.status, 200, `${who}: ${href} is in the header and answers ${res.status}`);
      }
    }
    for (const href of ['/contributions', '/savings', '/documents', '/card', '/profile']) {
      assert.ok(seen.member.includes(href), `member: ${href}`);
      assert.ok(!seen.staff.includes(href), `staff never see ${href}`);
      assert.equal((await staff.get(href)).status, 403, `(and cannot open ${href})`);
    }
    assert.ok(seen.staff.includes('/staff/security-reports'));
    assert.ok(!seen.member.includes('/staff/security-reports'), 'members never see staff pages');
    for (const href of ['/dashboard', '/notifications', '/help', '/account/security']) {
      assert.ok(seen.member.includes(href) && seen.staff.includes(href), href);
    }
  });

  test('aria-current: the link to the page itself is "page", a link to a page above it "true", no other link is marked', async (t_) => {
    const context = await contextFor(member, 'en', { viewport: DESKTOP });
    t_.after(() => context.close());
    const page = await context.newPage();
    const marks = () => page.evaluate(() => [...document.querySelectorAll('header [aria-current]')]
      .map((e) => `${e.getAttribute('href')}=${e.getAttribute('aria-current')}`));
    for (const [path, expected] of [
      ['/dashboard', ['/dashboard=page']],
      ['/notifications', ['/notifications=page']],
      ['/notifications/preferences', ['/notifications=true', '/notifications/preferences=page']],
      ['/contributions?year=all', ['/contributions=page']],
      ['/account/security', ['/account/security=page']],
      ['/calculators/jht', ['/calculators=true']],
      ['/help', ['/help=page']],
      ['/', ['/=page']],
    ]) {
      await page.goto(`${server.baseUrl}${path}`);
      assert.deepEqual(await marks(), expected, path);
    }
    const anonymous = await contextFor(null, 'id');
    t_.after(() => anonymous.close());
    const signedOut = await anonymous.newPage();
    for (const [path, expected] of [['/', ['/=page']], ['/calculators', ['/calculators=page']], ['/login', ['/login=page']]]) {
      await signedOut.goto(`${server.baseUrl}${path}`);
      assert.deepEqual(await signedOut.evaluate(() => [...document.querySelectorAll('header [aria-current]')]
        .map((e) => `${e.getAttribute('href')}=${e.getAttribute('aria-current')}`)), expected, `signed out ${path}`);
    }
  });

  test('at 1280 px: the top-level links stand in one row, the open menu shows every group, axe clean, no sideways scroll (member and staff)', async (t_) => {
    for (const [who, client] of [['member', member], ['staff', staff]]) {
      for (const lang of ['id', 'en']) {
        const t = CATALOG[lang];
        const context = await contextFor(client, lang, { viewport: DESKTOP });
        t_.after(() => context.close());
        const { page } = await visit(context, `${server.baseUrl}/dashboard`);
        // One row: every item's box overlaps the first one's line (a button and a link differ by
        // a few pixels of padding, a second row starts a whole line lower).
        const boxes = await page.locator('nav.site-nav > ul > li').evaluateAll((items) =>
          items.map((e) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; }));
        const line = boxes[0];
        assert.ok(boxes.every((b) => b.top < line.bottom && b.bottom > line.top),
                  `${who} ${lang}: one row (${boxes.map((b) => Math.round(b.top))})`);
        await page.getByText(t['layout.menu.toggle'], { exact: true }).click();
        const groups = who === 'member'
          ? ['layout.menu.money', 'layout.menu.account', 'layout.menu.about']
          : ['layout.menu.staff', 'layout.menu.account', 'layout.menu.about'];
        for (const group of groups) {
          assert.ok(await page.getByRole('list', { name: t[group], exact: true }).isVisible(), `${who} ${lang}: ${group}`);
        }
        await assertNoAxeViolations(page, `${who} ${lang} menu open at 1280 px`);
        const facts = await pageFacts(page);
        assert.ok(facts.scrollWidth <= DESKTOP.width, `${who} ${lang}: ${facts.scrollWidth} px wide`);
        await page.screenshot({ path: path.join(artifacts, `menu-1280px-${who}-${lang}.png`) });
      }
    }
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
