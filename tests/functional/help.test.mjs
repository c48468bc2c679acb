// The help centre (src/help): the public pages (/help, search, topics, articles, contact), the
// "was this helpful?" vote and the content editor (/staff/help), through HTTP as anonymous
// visitors, a member, staff without and with the content_editor role; then in Chromium with
// axe-core (WCAG 2.2 AA) at 360 px, with and without JavaScript.
// Backend: LUMBUNG_TEST_BACKEND. Requirement IDs: OWASP ASVS 4.0.3 V4.1.1 / V4.1.3 (access by
// role), V4.2.2 (CSRF), V5.3.3 (output encoding), V5.3.4 (query injection), V7.1 (audit).
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
const ADDRESS = 'Jl. Uji Bantuan No. 7, Jakarta';

const pageText = (res) => h.htmlText(res.text);
const fill = (message, values = {}) => message.replace(/\{\{(\w+)\}\}/g, (_, k) => String(values[k] ?? `{{${k}}}`));
// The result links of a search page, in order.
const resultLinks = (html) => [...html.matchAll(/<li>\s*<h2><a href="([^"]+)">/g)].map((m) => m[1]);

describe(`the help centre on ${backend}`, () => {
  let sink;
  let server;
  let portal;
  let editor;   // staff with content_editor
  let helper;   // staff with member_services only
  let member;   // a member's signed-in client
  let topics;   // slug -> id

  const sql = (query) => id.sqlRows(server.database, query);
  const get = (target, lang = 'id') => h.request(server.baseUrl, target, { headers: { 'accept-language': lang } });
  async function counts() {
    const [row] = await sql('SELECT (SELECT COUNT(*) FROM help_articles) AS articles, ' +
      '(SELECT COUNT(*) FROM help_votes) AS votes, ' +
      "(SELECT COUNT(*) FROM audit_log WHERE action LIKE 'help.%') AS audited");
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
  }
  // A complete editor form for a new article.
  const articleForm = (overrides = {}) => ({
    slug: 'uji-artikel', topic: String(topics.keamanan), status: 'published',
    title_id: 'Judul uji', summary_id: 'Ringkasan uji.', body_id: 'Isi uji.',
    title_en: 'Test title', summary_en: 'Test summary.', body_en: 'Test body.',
    do: 'save', ...overrides,
  });

  before(async () => {
    sink = await startMailSink();
    server = await h.startServer({ env: { ...sink.env, LUMBUNG_FUND_CONTACT_ADDRESS: ADDRESS } });
    portal = { baseUrl: server.baseUrl, database: server.database };
    await id.seedMembers(server.database, 3);
    topics = Object.fromEntries((await sql('SELECT slug, id FROM help_topics')).map((r) => [r.slug, Number(r.id)]));
    editor = await id.signedInStaff(portal, sink, { staffRoles: ['content_editor'] });
    helper = await id.signedInStaff(portal, sink, { staffRoles: ['member_services'] });
    const [m] = await id.memberRows(server.database, 1);
    const client = new id.Client(server.baseUrl);
    const email = id.uniqueEmail('help-member');
    const password = id.newPassword();
    const { res } = await client.submit('/register', {
      nik: m.nik, kpj: m.kpj, birth_date: m.birth_date, email, username: '', password,
    });
    assert.equal(res.status, 303, pageText(res).slice(0, 300));
    await client.submit(id.mailLink(await new id.Mailbox(sink, email).next('verify_email'), '/verify-email'));
    assert.equal((await client.submit('/login', { identifier: email, password })).res.headers.location, '/dashboard');
    member = client;
  });
  after(async () => {
    await server?.stop();
    await sink?.stop();
  });

  test('the starter set is loaded at start: /help lists topics, popular articles, the scam warning and contact', async () => {
    const [{ n }] = await sql('SELECT COUNT(*) AS n FROM help_articles');
    assert.ok(Number(n) >= 12, `starter articles: ${n}`);
    for (const [lang, t] of [['id', ID], ['en', EN]]) {
      const res = await get('/help', lang);
      assert.equal(res.status, 200);
      assert.deepEqual(h.htmlH1s(res.text), [t['page.help.title']]);
      const text = pageText(res);
      assert.ok(text.includes(t['help.topics.heading']) && text.includes(t['help.popular.heading']));
      assert.ok(text.includes(t['help.safety.heading']));
      assert.match(res.text, /<form class="help-search" method="get" action="\/help\/search" role="search">/);
      assert.ok(res.text.indexOf('role="search"') < res.text.indexOf(t['help.topics.heading']), 'the search box comes first');
      assert.match(res.text, /href="\/help\/contact"/);
      assert.match(res.text, /href="\/help\/akun\/lupa-kata-sandi"/);
      assert.ok(res.text.length < 50_000, 'under 50 KB');
    }
  });

  test('search ranks the matching article first in Indonesian and in English, with the words marked', async () => {
    const idRes = await get(`/help/search?q=${encodeURIComponent('lupa kata sandi')}`, 'id');
    assert.equal(idRes.status, 200);
    assert.equal(resultLinks(idRes.text)[0], '/help/akun/lupa-kata-sandi');
    assert.match(idRes.text, /<mark>[Ll]upa<\/mark>/);
    const enRes = await get(`/help/search?q=${encodeURIComponent('forgot password')}`, 'en');
    assert.equal(resultLinks(enRes.text)[0], '/help/akun/lupa-kata-sandi');
    assert.ok(pageText(enRes).includes('Forgot password'));
    // The other language's words find nothing in this one; a prefix finds the word.
    assert.equal(resultLinks((await get('/help/search?q=verifikasi', 'en')).text).length, 0);
    assert.ok(resultLinks((await get('/help/search?q=pensi', 'id')).text).includes('/help/program/jaminan-pensiun'));
    // Nothing found: a message naming the query and the ways on.
    const none = await get('/help/search?q=xylofonzz', 'en');
    assert.ok(pageText(none).includes(fill(EN['help.search.none'], { query: 'xylofonzz' })));
  });

  test('ASVS 5.3.4: query syntax and empty or too long searches get messages, never errors', async () => {
    for (const q of ['"', 'NOT (', 'klaim*', "'; DROP TABLE help_articles; --", 'a:b OR', '&|!:*']) {
      const res = await get(`/help/search?q=${encodeURIComponent(q)}`);
      assert.ok([200].includes(res.status), `${q}: ${res.status}`);
    }
    const empty = await get('/help/search?q=', 'en');
    assert.equal(empty.status, 200);
    assert.ok(pageText(empty).includes(EN['help.search.empty']));
    const long = await get(`/help/search?q=${'a'.repeat(201)}`, 'id');
    assert.equal(long.status, 400);
    assert.ok(pageText(long).includes(fill(ID['help.search.too_long'], { max: 200 })));
    assert.match(long.text, /aria-describedby="f-q-hint f-q-error"/);
    assert.ok((await counts()).articles >= 12, 'nothing dropped');
  });

  test('article pages in both languages; topics; unknown or draft articles are 404', async () => {
    const idPage = await get('/help/klaim/cara-mengajukan-klaim', 'id');
    assert.equal(idPage.status, 200);
    assert.deepEqual(h.htmlH1s(idPage.text), ['Cara mengajukan klaim']);
    assert.ok(h.htmlTitle(idPage.text).startsWith('Cara mengajukan klaim – '));
    assert.ok(pageText(idPage).includes(h.FUND_NAME), 'the {fund} placeholder is the configured name');
    const enPage = await get('/help/klaim/cara-mengajukan-klaim', 'en');
    assert.deepEqual(h.htmlH1s(enPage.text), ['How to make a claim']);
    const topic = await get('/help/akun', 'en');
    assert.equal(topic.status, 200);
    assert.deepEqual(h.htmlH1s(topic.text), ['Your account and signing in']);
    for (const path of ['/help/akun/none', '/help/none', '/help/akun/cara-mengajukan-klaim']) {
      assert.equal((await get(path)).status, 404, path);
    }
  });

  test('the contact page shows the configured contact details', async () => {
    const res = await get('/help/contact', 'en');
    assert.equal(res.status, 200);
    assert.deepEqual(h.htmlH1s(res.text), [EN['help.contact_page.title']]);
    const text = pageText(res);
    for (const shown of ['1500 000', ADDRESS, EN['help.safety.heading']]) assert.ok(text.includes(shown), shown);
  });

  test('ASVS 4.2.2: the helpful vote needs the CSRF token and counts once per visitor', async () => {
    const path = '/help/akun/nomor-kpj';
    const visitor = new id.Client(server.baseUrl);
    const page = await visitor.get(path);
    assert.match(page.text, /action="\/help\/akun\/nomor-kpj\/helpful"/);
    const before = await counts();
    const forged = await visitor.post(`${path}/helpful`, { helpful: 'yes' }, { csrf: null });
    assert.equal(forged.status, 403);
    assert.deepEqual(await counts(), before, 'a vote without the token changes nothing');
    const first = await visitor.post(`${path}/helpful`, { helpful: 'yes' });
    assert.equal(first.status, 303);
    assert.equal(first.headers.location, `${path}?voted=1#helpful`);
    const again = await visitor.post(`${path}/helpful`, { helpful: 'no' });
    assert.equal(again.status, 303, 'the same answer for a second vote');
    const [row] = await sql("SELECT helpful_yes, helpful_no FROM help_articles WHERE slug = 'nomor-kpj'");
    assert.deepEqual([Number(row.helpful_yes), Number(row.helpful_no)], [1, 0]);
    assert.equal((await counts()).votes, before.votes + 1);
    const thanked = await visitor.get(path);
    assert.ok(pageText(thanked).includes(ID['help.vote.thanks']), 'the page remembers the vote');
    assert.ok(!/\/helpful"/.test(thanked.text), 'and offers no second vote');
    assert.equal((await visitor.post(`${path}/helpful`, { helpful: 'maybe' })).status, 400);
    assert.equal((await visitor.post('/help/akun/none/helpful', { helpful: 'yes' })).status, 404);
  });

  test('ASVS 4.1.1, 4.1.3: the editor is for content editors only: anonymous visitors sign in first, members and other staff get 403', async () => {
    const anonymous = await h.request(server.baseUrl, '/staff/help');
    assert.equal(anonymous.status, 303);
    assert.equal(anonymous.headers.location, `/login?next=${encodeURIComponent('/staff/help')}`);
    const stranger = new id.Client(server.baseUrl);
    await stranger.get('/help');
    const before = await counts();
    assert.equal((await stranger.post('/staff/help/new', articleForm())).status, 403);
    for (const [who, client] of [['a member', member], ['staff without content_editor', helper.client]]) {
      for (const path of ['/staff/help', '/staff/help/new', '/staff/help/1']) {
        assert.equal((await client.get(path)).status, 403, `${who}: GET ${path}`);
      }
      assert.equal((await client.post('/staff/help/new', articleForm({ slug: 'refused' }))).status, 403, `${who}: POST`);
    }
    assert.deepEqual(await counts(), before, 'nothing saved');
    assert.equal((await editor.client.get('/staff/help')).status, 200);
  });

  test('ASVS 5.3.3, 7.1: an editor creates an article with a <script>: the page and the search show it escaped, the save is audited', async () => {
    const before = await counts();
    const res = await editor.client.post('/staff/help/new', articleForm({
      slug: 'skrip-berbahaya',
      title_en: 'About <script>alert(1)</script>',
      body_en: '# Heading <img src=x onerror=alert(2)>\nNever paste <script>alert(3)</script> here.\n\n' +
               '- [bad](javascript:alert(4))\n- [good](/help)',
    }));
    assert.equal(res.status, 303, pageText(res).slice(0, 400));
    assert.match(res.headers.location, /^\/staff\/help\?saved=\d+$/);
    const after = await counts();
    assert.equal(after.articles, before.articles + 1);
    assert.equal(after.audited, before.audited + 1);
    const [audit] = await sql("SELECT actor_user_id, details FROM audit_log WHERE action = 'help.article_created' ORDER BY id DESC LIMIT 1");
    assert.equal(Number(audit.actor_user_id), editor.accountId);
    const page = await get('/help/keamanan/skrip-berbahaya', 'en');
    assert.equal(page.status, 200);
    assert.ok(!/<script>alert|<img src=x|href="javascript:/i.test(page.text), 'no markup from the editor');
    assert.ok(page.text.includes('[bad](javascript:alert(4))'), 'a refused link is text');
    assert.ok(page.text.includes('About &lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(page.text.includes('<h2>Heading &lt;img src=x onerror=alert(2)&gt;</h2>'));
    assert.ok(page.text.includes('<li><a href="/help">good</a></li>'));
    const found = await get(`/help/search?q=${encodeURIComponent('paste alert')}`, 'en');
    assert.equal(resultLinks(found.text)[0], '/help/keamanan/skrip-berbahaya');
    assert.ok(!/<script>alert|<img src=x/i.test(found.text), 'search results escape too');
    assert.match(found.text, /<mark>paste<\/mark>/i);
    // The list shows it; editing it to a draft takes it off the public site.
    const list = await editor.client.get('/staff/help?saved=1');
    assert.ok(pageText(list).includes(ID['help.editor.saved']));
    const articleId = res.headers.location.split('=')[1];
    const edit = await editor.client.get(`/staff/help/${articleId}`);
    assert.equal(edit.status, 200);
    assert.ok(edit.text.includes('About &lt;script&gt;alert(1)&lt;/script&gt;'), 'the form keeps the text, escaped');
    const saved = await editor.client.post(`/staff/help/${articleId}`, articleForm({ slug: 'skrip-berbahaya', status: 'draft' }));
    assert.equal(saved.status, 303);
    assert.equal((await get('/help/keamanan/skrip-berbahaya')).status, 404);
    const [{ n }] = await sql("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'help.article_saved'");
    assert.equal(Number(n), 1);
  });

  test('bad editor input is shown again with translated errors beside each field, nothing saved', async () => {
    const before = await counts();
    const res = await editor.client.post('/staff/help/new', articleForm({
      slug: 'Bad Slug', title_en: '', summary_id: 'x'.repeat(301), topic: '999999',
    }));
    assert.equal(res.status, 422);
    assert.ok(h.htmlTitle(res.text).startsWith(ID['title.error_prefix'].trim()));
    for (const [field, message] of [['slug', ID['help.editor.error.slug_format']], ['title_en', ID['help.editor.error.empty']],
                                    ['summary_id', fill(ID['help.editor.error.too_long'], { max: 300 })]]) {
      const beside = new RegExp(`id="f-${field}-error"><span class="visually-hidden">[^<]*</span>([^<]*)</span>`).exec(res.text);
      assert.ok(beside, `an error beside ${field}`);
      assert.equal(h.decodeEntities(beside[1]), message);
      assert.match(res.text, new RegExp(`aria-describedby="[^"]*\\bf-${field}-error\\b`));
      assert.match(res.text, new RegExp(`href="#f-${field}"`), `${field} in the summary`);
    }
    // A slug another article has, and a topic that does not exist (checked on save).
    const taken = await editor.client.post('/staff/help/new', articleForm({ slug: 'nomor-kpj' }));
    assert.equal(taken.status, 422);
    assert.ok(pageText(taken).includes(ID['help.editor.error.slug_taken']));
    const noTopic = await editor.client.post('/staff/help/new', articleForm({ slug: 'tanpa-topik', topic: '999999' }));
    assert.equal(noTopic.status, 422);
    assert.ok(pageText(noTopic).includes(ID['help.editor.error.topic']));
    assert.deepEqual(await counts(), before);
  });

  test('preview shows the rendered article without saving it', async () => {
    const before = await counts();
    const res = await editor.client.post('/staff/help/new', articleForm({
      slug: 'pratinjau', do: 'preview', body_id: '# Bagian\n- satu\n  - dua\n\n<b>tebal</b>',
    }));
    assert.equal(res.status, 200);
    assert.ok(res.text.includes(ID['help.editor.preview_heading']));
    assert.ok(res.text.includes('<h2>Bagian</h2>\n<ul>\n<li>satu\n<ul>\n<li>dua</li>\n</ul></li>\n</ul>\n<p>&lt;b&gt;tebal&lt;/b&gt;</p>'));
    assert.deepEqual(await counts(), before);
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

    async function checkPage(page, what) {
      const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], what);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${what}: no horizontal scroll at 360 px (overflow ${overflow}px)`);
    }

    // One visitor's journey: /help, the search form, a result, the article, the vote. With
    // JavaScript on, axe checks every page (axe itself needs JavaScript).
    async function journey(lang, javaScriptEnabled) {
      const t = CATALOG[lang];
      const context = await browser.newContext({
        viewport: { width: 360, height: 740 }, locale: lang, javaScriptEnabled,
        extraHTTPHeaders: { 'accept-language': lang },
      });
      const check = javaScriptEnabled ? checkPage : async () => {};
      try {
        const page = await context.newPage();
        await page.goto(`${server.baseUrl}/help`);
        await check(page, `${lang} /help`);
        await page.getByLabel(t['help.search.label'], { exact: true }).fill(lang === 'id' ? 'cara klaim' : 'how to claim');
        await page.getByRole('button', { name: t['help.search.submit'], exact: true }).click();
        await page.waitForURL((u) => u.pathname === '/help/search');
        await page.locator('.help-results mark').first().waitFor();
        await check(page, `${lang} search results`);
        await page.locator('.help-results a[href="/help/klaim/cara-mengajukan-klaim"]').click();
        await page.waitForURL((u) => u.pathname === '/help/klaim/cara-mengajukan-klaim');
        await check(page, `${lang} article`);
        await page.getByRole('button', { name: t['help.vote.yes'], exact: true }).click();
        await page.waitForURL((u) => u.searchParams.get('voted') === '1');
        assert.ok(await page.getByText(t['help.vote.thanks']).isVisible());
        await check(page, `${lang} article after the vote`);
      } finally {
        await context.close();
      }
    }

    for (const lang of ['id', 'en']) {
      test(`WCAG 2.2 AA (axe) at 360 px in ${lang}: /help, a search, an article and a vote`, async () => {
        await journey(lang, true);
      });
    }

    test('everything works without JavaScript: search, article, vote', async () => {
      await journey('en', false);
    });

    test('WCAG 2.2 AA (axe) at 360 px: the editor\'s list, its form with every error, and a preview', async () => {
      const { context, page } = await id.signInInBrowser(browser, server.baseUrl, editor, { lang: 'id', landing: '/staff/help' });
      try {
        await checkPage(page, 'editor list');
        await page.getByRole('link', { name: ID['help.editor.new_link'], exact: true }).click();
        await page.waitForURL((u) => u.pathname === '/staff/help/new');
        await checkPage(page, 'new article form');
        await page.getByRole('button', { name: ID['help.editor.save'], exact: true }).click();
        await page.locator('.error-summary').waitFor();
        assert.ok((await page.title()).startsWith(ID['title.error_prefix'].trim()));
        await checkPage(page, 'new article errors');
        await page.locator('#f-slug').fill('pratinjau-browser');
        for (const lang of ['id', 'en']) {
          await page.locator(`#f-title_${lang}`).fill(`Judul ${lang}`);
          await page.locator(`#f-summary_${lang}`).fill(`Ringkasan ${lang}.`);
          await page.locator(`#f-body_${lang}`).fill('# Bagian\n- satu\n  - dua\n\n[Kalkulator](/calculators)');
        }
        await page.getByRole('button', { name: ID['help.editor.preview'], exact: true }).click();
        await page.locator('#preview-heading').waitFor();
        await checkPage(page, 'preview');
      } finally {
        await context.close();
      }
    });
  });
});
