// The member's own money pages (issue 6, in part): the dashboard cards, /contributions (+ CSV),
// /savings, and the calculators anyone can use. Through HTTP as a member, an attacker and a
// staff user would see them, then in Chromium with axe-core (WCAG 2.2 AA), at 360 px and
// without JavaScript. Backend: LUMBUNG_TEST_BACKEND.
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

// Registers `member` through the real flow (form, mail, confirmation) and signs in: a Client.
async function signedInMember(server, sink, member) {
  const client = new id.Client(server.baseUrl);
  const email = id.uniqueEmail('money');
  const password = id.newPassword();
  const { res } = await client.submit('/register', {
    nik: member.nik, kpj: member.kpj, birth_date: member.birth_date, email, username: '', password,
  });
  assert.equal(res.status, 303, h.htmlText(res.text).slice(0, 300));
  const mail = await sink.waitForMail({ to: email });
  const verify = await client.submit(id.mailLink(mail, '/verify-email'));
  assert.equal(verify.res.status, 303);
  const login = await client.submit('/login', { identifier: email, password });
  assert.equal(login.res.headers.location, '/dashboard');
  return { client, email, password };
}

describe(`member money pages on ${backend}`, () => {
  let sink;
  let server;
  let pool;
  let alice;  // a member with a history
  let bob;    // another member

  before(async () => {
    sink = await startMailSink();
    server = await h.startServer({ env: { ...sink.env } });
    const seeded = await h.runLumbung(['seed-demo', '--members', '40', '--years', '3'],
                                      { env: h.databaseEnv(server.database) });
    assert.equal(seeded.code, 0, seeded.stderr);
    // Members with contributions, so every page has something to show.
    const rows = await id.sqlRows(server.database,
      'SELECT m.id, m.nik, m.kpj, m.full_name, CAST(m.birth_date AS TEXT) AS birth_date ' +
      'FROM members m WHERE EXISTS (SELECT 1 FROM contributions c WHERE c.member_id = m.id) ' +
      'AND EXISTS (SELECT 1 FROM jht_yearly_credits j WHERE j.member_id = m.id) ORDER BY m.id LIMIT 5');
    pool = new id.MemberPool(rows);
    alice = { member: pool.take() };
    Object.assign(alice, await signedInMember(server, sink, alice.member));
    bob = { member: pool.take() };
    Object.assign(bob, await signedInMember(server, sink, bob.member));
  });
  after(async () => {
    await server?.stop();
    await sink?.stop();
  });

  test('ASVS 4.1.1: anonymous visitors are sent to sign in; the calculators stay open to all', async () => {
    for (const path of ['/contributions', '/contributions.csv', '/savings']) {
      const res = await h.request(server.baseUrl, path);
      assert.equal(res.status, 303, path);
      assert.equal(res.headers.location, `/login?next=${encodeURIComponent(path)}`);
    }
    for (const path of ['/calculators', '/calculators/jht', '/calculators/jp', '/calculators/jkm']) {
      assert.equal((await h.request(server.baseUrl, path)).status, 200, path);
    }
  });

  test('ASVS 4.1.3: staff accounts get 403 on member pages (the pages are for members only)', async () => {
    const email = id.uniqueEmail('staff');
    const added = await h.runLumbung(['user', 'add', '--role', 'staff_officer', '--email', email,
                                      '--name', 'Petugas Uji'], { env: h.databaseEnv(server.database) });
    assert.equal(added.code, 0, added.stderr);
    const staff = new id.Client(server.baseUrl);
    const invitation = await sink.waitForMail({ to: email });
    const password = id.newPassword();
    await staff.submit(id.mailLink(invitation, '/invitation'), { password });
    const login = await staff.submit('/login', { identifier: email, password });
    assert.equal(login.res.status, 303);
    assert.equal(login.res.headers.location, '/account/two-factor/setup', 'staff set up a second factor first');
    await id.enrolAuthenticator(staff);
    for (const path of ['/contributions', '/contributions.csv', '/savings']) {
      assert.equal((await staff.get(path)).status, 403, path);
    }
    const dashboard = await staff.get('/dashboard');
    assert.equal(dashboard.status, 200);
    assert.ok(!dashboard.text.includes(ID['membership.card.title']), 'no membership card for staff');
  });

  test('dashboard: membership, JHT balance and latest contribution cards with the member\'s own figures', async () => {
    const res = await alice.client.get('/dashboard');
    assert.equal(res.status, 200);
    const text = h.htmlText(res.text);
    assert.ok(text.includes(alice.member.kpj), 'KPJ on the membership card');
    assert.ok(text.includes(ID['membership.card.title']));
    assert.ok(text.includes(ID['savings.title']));
    assert.ok(text.includes(ID['contributions.card.title']));
    const [ledger] = await id.sqlRows(server.database,
      `SELECT closing FROM jht_yearly_credits WHERE member_id = ${alice.member.id} ORDER BY year DESC LIMIT 1`);
    const shown = `Rp ${Number(ledger.closing).toLocaleString('de-DE')}`;  // 1.234.567
    assert.ok(text.includes(shown), `balance ${shown} on the dashboard`);
    assert.ok(!text.includes(bob.member.kpj), 'never another member\'s number');
  });

  test('contributions: the member\'s own rows for the chosen year, totals that add up, other members\' employers filter to nothing', async () => {
    const years = await id.sqlRows(server.database,
      `SELECT DISTINCT period / 100 AS y FROM contributions WHERE member_id = ${alice.member.id} ORDER BY 1 DESC`);
    const year = years.at(-1).y;
    const res = await alice.client.get(`/contributions?year=${year}`);
    assert.equal(res.status, 200);
    const rows = await id.sqlRows(server.database,
      `SELECT jht_worker + jht_employer + jkk + jkm + jp_worker + jp_employer + jkp AS total FROM contributions ` +
      `WHERE member_id = ${alice.member.id} AND period / 100 = ${year}`);
    const tbody = (html) => html.match(/<tbody>([\s\S]*?)<\/tbody>/)?.[1] ?? '';
    const bodyRows = [...tbody(res.text).matchAll(/<tr>\s*<th scope="row"/g)].length;
    assert.equal(bodyRows, rows.length, 'one table row per month and employer');
    const sum = rows.reduce((a, r) => a + Number(r.total), 0);
    assert.ok(h.htmlText(res.text).includes(`Rp ${sum.toLocaleString('de-DE')}`), 'yearly total shown');
    // IDOR: the member comes from the session; another member's employer id filters to nothing
    // of theirs and shows no one else's rows.
    const [other] = await id.sqlRows(server.database,
      `SELECT employer_id FROM contributions WHERE member_id = ${bob.member.id} AND employer_id NOT IN ` +
      `(SELECT employer_id FROM contributions WHERE member_id = ${alice.member.id}) LIMIT 1`);
    if (other) {
      const filtered = await alice.client.get(`/contributions?year=${year}&employer=${other.employer_id}`);
      assert.equal(filtered.status, 200);
      assert.equal([...tbody(filtered.text).matchAll(/<tr>\s*<th scope="row"/g)].length, rows.length,
                   'an employer id that is not the member\'s is ignored');
    }
    for (const bad of ['?year=abc', '?year=99999', '?employer=-1', '?year=2020%27%20OR%201=1']) {
      assert.equal((await alice.client.get(`/contributions${bad}`)).status, 200, bad);
    }
  });

  test('contributions.csv: a download of the member\'s rows with quoted cells and no formulas', async () => {
    // An employer whose name a spreadsheet would run as a formula.
    const [row] = await id.sqlRows(server.database,
      `SELECT employer_id FROM contributions WHERE member_id = ${alice.member.id} LIMIT 1`);
    await id.sqlExec(server.database, `UPDATE employers SET name = '=HYPERLINK("http://evil.example","x"), Tbk' WHERE id = ${row.employer_id}`);
    const res = await alice.client.get('/contributions.csv');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/csv; charset=utf-8/);
    assert.match(res.headers['content-disposition'], /^attachment; filename="contributions\.csv"$/);
    const lines = res.text.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    const [count] = await id.sqlRows(server.database,
      `SELECT COUNT(*) AS n FROM contributions WHERE member_id = ${alice.member.id}`);
    assert.equal(lines.length, Number(count.n) + 1, 'header + one line per row');
    assert.ok(lines.some((l) => l.includes('"\'=HYPERLINK(""http://evil.example"",""x""), Tbk"')),
              'the formula is neutralised and the cell quoted');
    assert.ok(!lines.some((l) => /(^|,)=/.test(l)), 'no cell starts with =');
  });

  test('savings: the credited ledger year by year, newest first, with an SVG chart and its text alternative', async () => {
    const res = await alice.client.get('/savings');
    assert.equal(res.status, 200);
    const ledger = await id.sqlRows(server.database,
      `SELECT year, closing FROM jht_yearly_credits WHERE member_id = ${alice.member.id} ORDER BY year DESC`);
    const years = [...res.text.matchAll(/<th scope="row" data-label="[^"]*">(\d{4})/g)].map((m) => Number(m[1]));
    assert.deepEqual(years, ledger.map((r) => Number(r.year)));
    assert.match(res.text, /<svg class="chart"[^>]*role="img"[^>]*aria-labelledby="chart-title chart-desc"/);
    assert.ok(!/<svg[\s\S]*style=/.test(res.text.match(/<svg[\s\S]*<\/svg>/)[0]), 'no inline style (CSP)');
  });

  test('calculators: results show their inputs; bad input gets translated errors and a 422', async () => {
    const jp = await h.request(server.baseUrl, '/calculators/jp?months=240&wage=5.000.000');
    assert.equal(jp.status, 200);
    assert.ok(h.htmlText(jp.text).includes('Rp 1.000.000'));
    const bad = await h.request(server.baseUrl, '/calculators/jht?balance=x&wage=&growth=200&return=5&years=0',
                                { headers: { 'accept-language': 'en' } });
    assert.equal(bad.status, 422);
    const text = h.htmlText(bad.text);
    for (const key of ['calculators.error.amount', 'calculators.error.percent', 'calculators.error.years']) {
      assert.ok(text.includes(EN[key]), key);
    }
    assert.match(h.htmlTitle(bad.text), new RegExp(`^${EN['title.error_prefix']}`));
  });

  test('JKM explained: the amounts in force (42,000,000 under PP 82/2019), the scholarship rule and bad input', async () => {
    const yes = await h.request(server.baseUrl, '/calculators/jkm?months=36&children=3', { headers: { 'accept-language': 'en' } });
    assert.equal(yes.status, 200);
    const text = h.htmlText(yes.text);
    for (const amount of ['Rp42,000,000', 'Rp20,000,000', 'Rp12,000,000', 'Rp10,000,000', 'Rp174,000,000']) {
      assert.ok(text.replace(/\s/g, '').includes(amount), `${amount} in: ${text.slice(0, 800)}`);
    }
    assert.ok(text.includes(EN['calculators.jkm.scholarship_yes'].replace('{{children}}', '2').split('{{')[0]), 'two children at most');
    const short = await h.request(server.baseUrl, '/calculators/jkm?months=30&children=1', { headers: { 'accept-language': 'en' } });
    assert.ok(h.htmlText(short.text).includes(EN['calculators.jkm.scholarship_short'].replace('{{min}}', '36').replace('{{missing}}', '6')));
    const bad = await h.request(server.baseUrl, '/calculators/jkm?months=abc&children=99', { headers: { 'accept-language': 'en' } });
    assert.equal(bad.status, 422);
    assert.ok(h.htmlText(bad.text).includes(EN['calculators.error.months']));
    assert.ok(h.htmlText(bad.text).includes(EN['calculators.error.children']));
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

    // Signs `alice` in on a new context of the browser; returns {context, page}.
    async function signIn(lang, { javaScriptEnabled }) {
      const context = await browser.newContext({
        viewport: { width: 360, height: 740 }, javaScriptEnabled, locale: lang === 'en' ? 'en-US' : 'id-ID',
      });
      const page = await context.newPage();
      const t = lang === 'en' ? EN : ID;
      await page.goto(`${server.baseUrl}/lang/${lang}?next=%2Flogin`);
      await page.getByLabel(t['identity.login.identifier']).fill(alice.email);
      await page.getByLabel(t['identity.login.password'], { exact: true }).fill(alice.password);
      await page.getByRole('button', { name: t['identity.login.submit'], exact: true }).click();
      await page.waitForURL(/\/dashboard$/);
      return { context, page };
    }
    const PATHS = ['/dashboard', '/contributions', '/savings', '/calculators',
                   '/calculators/jht?balance=1000000&wage=5000000&growth=3&return=5&years=3',
                   '/calculators/jp?months=100&wage=4000000', '/calculators/jht?wage=x',
                   '/calculators/jkm?months=24&children=2'];

    for (const lang of ['id', 'en']) {
      test(`WCAG 2.2 AA (axe) and 360 px: money pages in ${lang}`, async () => {
        const { context, page } = await signIn(lang, { javaScriptEnabled: true });
        try {
          for (const path of PATHS) {
            await page.goto(`${server.baseUrl}${path}`);
            const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
            assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], path);
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            const wide = overflow > 0 ? await page.evaluate(() => [...document.querySelectorAll('body *')]
              .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth || (e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0 && getComputedStyle(e).overflowX === 'visible'))
              .slice(0, 4).map((e) => `${e.tagName}.${e.className}@${Math.round(e.getBoundingClientRect().right)}: ${e.textContent.trim().slice(0, 40)}`)) : [];
            assert.ok(overflow <= 0, `${path}: no horizontal scroll at 360 px (overflow ${overflow}px: ${wide.join(' | ')})`);
          }
        } finally {
          await context.close();
        }
      });

      test(`without JavaScript: sign in and every money page in ${lang}`, async () => {
        const { context, page } = await signIn(lang, { javaScriptEnabled: false });
        try {
          for (const path of PATHS) {
            const response = await page.goto(`${server.baseUrl}${path}`);
            assert.equal(response.status(), path.endsWith('wage=x') ? 422 : 200, path);
            assert.match(await response.text(), /<h1>[^<]+<\/h1>/, path);
          }
        } finally {
          await context.close();
        }
      });
    }
  });
});
