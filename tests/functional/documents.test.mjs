// Statements and documents (src/statements): /documents lists the member's years, each year's
// contribution and JHT statement downloads as a PDF in Indonesian or English, made once and
// cached, and /verify/statement checks a statement's code. Through HTTP as the member, another
// member and an anonymous visitor would use them (pdftotext reads the PDFs), then in Chromium with
// axe-core (WCAG 2.2 AA), at 360 px and without JavaScript. Backend: LUMBUNG_TEST_BACKEND.
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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
const CODE = /\b[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}\b/;

// The text of a PDF as a reader extracts it (poppler's pdftotext, scripts/bootstrap).
function pdfText(buffer) {
  const result = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: buffer, timeout: 30_000 });
  assert.equal(result.status, 0, `pdftotext failed: ${result.stderr}`);
  return result.stdout.toString('utf8');
}

// Amounts as the web pages write them: "Rp 1.234.567" (id), "Rp 1,234,567" (en).
function rupiah(amount, lang) {
  return `Rp ${Number(amount).toLocaleString(lang === 'en' ? 'en-US' : 'de-DE')}`;
}

// "Ni Komang Sukarini" -> "N*** K*** S***", as /verify/statement shows a member.
function masked(name) {
  return name.split(/\s+/).filter(Boolean).map((w) => `${[...w][0]}***`).join(' ');
}

// Registers `member` through the real flow (form, mail, confirmation) and signs in: a Client.
async function signedInMember(server, sink, member) {
  const client = new id.Client(server.baseUrl);
  const email = id.uniqueEmail('docs');
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

describe(`documents on ${backend}`, () => {
  let sink;
  let server;
  let alice;  // a member with a history
  let bob;    // another member
  let year;   // a year of alice's

  const yearsOf = async (member) => (await id.sqlRows(server.database,
    `SELECT DISTINCT period / 100 AS y FROM contributions WHERE member_id = ${member.id} ORDER BY 1 DESC`))
    .map((r) => Number(r.y));

  before(async () => {
    sink = await startMailSink();
    server = await h.startServer({ env: { ...sink.env } });
    const seeded = await h.runLumbung(['seed-demo', '--members', '40', '--years', '3'],
                                      { env: h.databaseEnv(server.database) });
    assert.equal(seeded.code, 0, seeded.stderr);
    const rows = await id.sqlRows(server.database,
      'SELECT m.id, m.nik, m.kpj, m.full_name, CAST(m.birth_date AS TEXT) AS birth_date ' +
      'FROM members m WHERE (SELECT COUNT(DISTINCT period / 100) FROM contributions c WHERE c.member_id = m.id) >= 2 ' +
      'AND EXISTS (SELECT 1 FROM jht_yearly_credits j WHERE j.member_id = m.id) ORDER BY m.id LIMIT 5');
    const pool = new id.MemberPool(rows.map((r) => ({ ...r, birth_date: String(r.birth_date).slice(0, 10) })));
    alice = { member: pool.take() };
    Object.assign(alice, await signedInMember(server, sink, alice.member));
    bob = { member: pool.take() };
    Object.assign(bob, await signedInMember(server, sink, bob.member));
    year = (await yearsOf(alice.member)).at(-1);  // her oldest year
  });
  after(async () => {
    await server?.stop();
    await sink?.stop();
  });

  test('ASVS 4.1.1: anonymous visitors are sent to sign in; the code check is open to all', async () => {
    for (const path of ['/documents', `/documents/statement/${year}.pdf`, `/documents/statement/${year}.pdf?lang=en`]) {
      const res = await h.request(server.baseUrl, path);
      assert.equal(res.status, 303, path);
      assert.equal(res.headers.location, `/login?next=${encodeURIComponent(path)}`, path);
    }
    assert.equal((await h.request(server.baseUrl, '/verify/statement')).status, 200);
  });

  test('the list: every year with contributions, a link per language, no date before the first download', async () => {
    const res = await alice.client.get('/documents');
    assert.equal(res.status, 200);
    const years = await yearsOf(alice.member);
    const listed = [...res.text.matchAll(/<th scope="row" data-label="[^"]*">(\d{4})/g)].map((m) => Number(m[1]));
    assert.deepEqual(listed, years, 'newest first');
    for (const y of years) {
      for (const lang of ['id', 'en']) {
        assert.ok(res.text.includes(`href="/documents/statement/${y}.pdf?lang=${lang}"`), `${y} ${lang}`);
      }
    }
    assert.ok(h.htmlText(res.text).includes(ID['documents.not_generated']));
    assert.ok(!res.text.includes(bob.member.kpj));
    // The member pages lead here.
    for (const page of ['/contributions', '/savings']) {
      assert.ok((await alice.client.get(page)).text.includes('href="/documents"'), page);
    }
  });

  for (const lang of ['id', 'en']) {
    test(`the ${lang} statement: a PDF whose text has the fund, the member, the year and the figures of /contributions, and no NIK`, async () => {
      const t = CATALOG[lang];
      const res = await alice.client.get(`/documents/statement/${year}.pdf?lang=${lang}`);
      assert.equal(res.status, 200, h.htmlText(res.text).slice(0, 300));
      assert.equal(res.headers['content-type'], 'application/pdf');
      const fileName = t['statement.file_name'].replace('{{year}}', String(year));
      assert.equal(res.headers['content-disposition'], `attachment; filename="${fileName}"`);
      assert.equal(res.body.subarray(0, 5).toString('latin1'), '%PDF-');
      const text = pdfText(res.body);
      const flat = text.replace(/\s+/g, ' ');
      assert.ok(text.includes(h.FUND_NAME), 'fund name');
      assert.ok(text.includes('http://127.0.0.1:8080'), 'the official address (public.url)');
      assert.ok(text.includes(alice.member.kpj), 'KPJ');
      assert.ok(flat.includes(alice.member.full_name), 'name');
      assert.ok(text.includes(String(year)), 'year');
      assert.ok(flat.includes(t['statement.title'].replace('{{year}}', String(year))), 'title in the language');
      assert.ok(!text.includes(alice.member.nik), 'never the NIK');
      assert.ok(!text.includes(bob.member.kpj), 'never another member');

      // Every figure is the registry's: the year's totals as /contributions shows them.
      const [sum] = await id.sqlRows(server.database,
        'SELECT SUM(jht_worker) AS jw, SUM(jht_employer) AS je, SUM(jkk) AS jkk, SUM(jkm) AS jkm, ' +
        'SUM(jp_worker) AS pw, SUM(jp_employer) AS pe, ' +
        'SUM(jht_worker + jht_employer + jkk + jkm + jp_worker + jp_employer + jkp) AS total ' +
        `FROM contributions WHERE member_id = ${alice.member.id} AND period / 100 = ${year}`);
      const page = await alice.client.get(`/contributions?year=${year}`, { headers: { cookie: `${alice.client.cookieHeader()}; lang=${lang}` } });
      const pageText = h.htmlText(page.text);
      for (const [what, amount] of Object.entries(sum)) {
        const shown = rupiah(amount, lang);
        assert.ok(pageText.includes(shown), `${what} ${shown} on /contributions`);
        assert.ok(text.includes(shown), `${what} ${shown} in the PDF`);
      }
      const jht = rupiah(Number(sum.jw) + Number(sum.je), lang);
      assert.ok(flat.includes(jht), `yearly JHT total ${jht}`);
      const [ledger] = await id.sqlRows(server.database,
        `SELECT closing FROM jht_yearly_credits WHERE member_id = ${alice.member.id} AND year = ${year}`);
      if (ledger) assert.ok(text.includes(rupiah(ledger.closing, lang)), 'JHT closing balance');

      // A verification code on every page, which anyone can check.
      const code = CODE.exec(text)?.[0];
      assert.ok(code, 'a verification code');
      const pages = text.split('\f').filter((p) => p.trim());
      for (const p of pages) assert.ok(p.includes(code), 'the code on every page');
      const check = await h.request(server.baseUrl, `/verify/statement/${code}`, { headers: { 'accept-language': lang } });
      assert.equal(check.status, 200);
      const checked = h.htmlText(check.text);
      assert.ok(checked.includes(t['verify.valid'].replace('{{fund}}', h.FUND_NAME)), 'genuine');
      assert.ok(checked.includes(masked(alice.member.full_name)), 'masked name');
      assert.ok(checked.includes(String(year)));
      assert.ok(!checked.includes(alice.member.full_name), 'never the whole name');
      assert.ok(!checked.includes(alice.member.kpj), 'never the KPJ');

      // Cached: the same document again, listed with its date.
      const again = await alice.client.get(`/documents/statement/${year}.pdf?lang=${lang}`);
      assert.ok(again.body.equals(res.body), 'the stored PDF, byte for byte');
      const list = await alice.client.get('/documents');
      assert.ok(h.htmlText(list.text).includes(ID['documents.generated'].split('{{')[0].trim()), 'a generation date');
    });
  }

  test('IDOR: whatever the URL says, a member gets only their own statement', async () => {
    const aliceYears = await yearsOf(alice.member);
    const bobYears = await yearsOf(bob.member);
    const attempts = [
      `/documents/statement/${year}.pdf?member=${bob.member.id}`,
      `/documents/statement/${year}.pdf?member_id=${bob.member.id}&lang=en`,
      `/documents/statement/${year}.pdf?kpj=${bob.member.kpj}`,
      `/documents/statement/${bob.member.id}.pdf`,
      `/documents/statement/${String(bob.member.id).padStart(4, '0')}.pdf`,
      `/documents/statement/${bob.member.kpj}.pdf`,
      `/documents/statement/${year}.pdf/../${bob.member.id}`,
      `/documents?member=${bob.member.id}`,
    ];
    for (const y of bobYears) attempts.push(`/documents/statement/${y}.pdf`);
    for (const path of attempts) {
      const res = await alice.client.get(path);
      assert.ok([200, 404].includes(res.status), `${path}: ${res.status}`);
      const text = res.headers['content-type'] === 'application/pdf' ? pdfText(res.body) : h.htmlText(res.text);
      assert.ok(!text.includes(bob.member.kpj), `${path}: bob's KPJ`);
      assert.ok(!text.replace(/\s+/g, ' ').includes(bob.member.full_name), `${path}: bob's name`);
      if (res.headers['content-type'] === 'application/pdf') {
        assert.ok(text.includes(alice.member.kpj), `${path}: alice's own statement`);
        const asked = Number(/statement\/(\d{4})\.pdf/.exec(path)?.[1]);
        assert.ok(aliceYears.includes(asked), `${path}: only a year of her own`);
      }
    }
    // Bob's own statement is his, and hers never shows in it.
    const his = await bob.client.get(`/documents/statement/${bobYears[0]}.pdf`);
    assert.equal(his.status, 200);
    const text = pdfText(his.body);
    assert.ok(text.includes(bob.member.kpj));
    assert.ok(!text.includes(alice.member.kpj));
    assert.ok(!text.includes(bob.member.nik));
  });

  test('no statement for a year without contributions or a malformed name; unknown languages are not found', async () => {
    for (const path of ['/documents/statement/1999.pdf', '/documents/statement/2200.pdf',
                        `/documents/statement/${year}.PDF`, `/documents/statement/${year}`,
                        `/documents/statement/0${year}.pdf`, '/documents/statement/abcd.pdf',
                        `/documents/statement/${year}.pdf?lang=fr`, '/documents/statement/%27%20OR%201=1.pdf']) {
      assert.equal((await alice.client.get(path)).status, 404, path);
    }
  });

  test('a change in the registry makes a new statement; the old code is reported as replaced', async () => {
    const first = await alice.client.get(`/documents/statement/${year}.pdf?lang=id`);
    const oldCode = CODE.exec(pdfText(first.body))[0];
    const m = alice.member.id;
    await id.sqlExec(server.database,
      `UPDATE contributions SET jkm = jkm + 100 WHERE member_id = ${m} AND period = ` +
      `(SELECT MIN(period) FROM contributions WHERE member_id = ${m} AND period / 100 = ${year})`);
    const second = await alice.client.get(`/documents/statement/${year}.pdf?lang=id`);
    assert.equal(second.status, 200);
    const newCode = CODE.exec(pdfText(second.body))[0];
    assert.notEqual(newCode, oldCode);
    const replaced = h.htmlText((await h.request(server.baseUrl, `/verify/statement?code=${oldCode.toLowerCase()}`)).text);
    assert.ok(replaced.includes(ID['verify.superseded'].split('{{')[0].trim()), 'replaced');
    const current = h.htmlText((await h.request(server.baseUrl, `/verify/statement/${newCode}`)).text);
    assert.ok(current.includes(ID['verify.current']));
    const unknown = await h.request(server.baseUrl, '/verify/statement/2222-2222-2222');
    assert.ok(h.htmlText(unknown.text).includes(ID['verify.invalid'].split(';')[0]));
    const malformed = await h.request(server.baseUrl, '/verify/statement?code=%27%20OR%201%3D1');
    assert.equal(malformed.status, 422);
    assert.ok(h.htmlText(malformed.text).includes(ID['verify.malformed']));
  });

  describe('in Chromium', () => {
    let browser;
    let code;
    before(async () => {
      browser = await chromium.launch({
        executablePath: process.env.LUMBUNG_TEST_CHROMIUM || '/usr/bin/chromium',
        args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      });
      const res = await alice.client.get(`/documents/statement/${year}.pdf?lang=en`);
      code = CODE.exec(pdfText(res.body))[0];
    });
    after(async () => { await browser?.close(); });

    async function signIn(lang, { javaScriptEnabled }) {
      const context = await browser.newContext({
        viewport: { width: 360, height: 740 }, javaScriptEnabled, locale: lang === 'en' ? 'en-US' : 'id-ID',
        acceptDownloads: true,
      });
      const page = await context.newPage();
      const t = CATALOG[lang];
      await page.goto(`${server.baseUrl}/lang/${lang}?next=%2Flogin`);
      await page.getByLabel(t['identity.login.identifier']).fill(alice.email);
      await page.getByLabel(t['identity.login.password'], { exact: true }).fill(alice.password);
      await page.getByRole('button', { name: t['identity.login.submit'], exact: true }).click();
      await page.waitForURL(/\/dashboard$/);
      return { context, page };
    }

    for (const lang of ['id', 'en']) {
      test(`WCAG 2.2 AA (axe) and 360 px: documents and the code check in ${lang}`, async () => {
        const { context, page } = await signIn(lang, { javaScriptEnabled: true });
        try {
          for (const path of ['/documents', '/verify/statement', `/verify/statement/${code}`,
                              '/verify/statement?code=x', '/verify/statement/2222-2222-2222']) {
            await page.goto(`${server.baseUrl}${path}`);
            const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
            assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], path);
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            assert.ok(overflow <= 0, `${path}: no horizontal scroll at 360 px (overflow ${overflow}px)`);
          }
        } finally {
          await context.close();
        }
      });

      test(`without JavaScript: the nav leads to documents, a PDF downloads and a code is checked in ${lang}`, async () => {
        const t = CATALOG[lang];
        const { context, page } = await signIn(lang, { javaScriptEnabled: false });
        try {
          await page.getByText(t['layout.menu.toggle'], { exact: true }).click();  // the header's Menu
          await page.getByRole('link', { name: t['layout.nav.documents'], exact: true }).click();
          await page.waitForURL(/\/documents$/);
          assert.equal(await page.locator('h1').textContent(), t['documents.title']);
          const link = page.getByRole('link', {
            name: t['documents.download'].replace('{{year}}', String(year)).replace('{{language}}', t[`lang.${lang}`]),
          });
          const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
          assert.equal(download.suggestedFilename(), t['statement.file_name'].replace('{{year}}', String(year)));
          await page.getByRole('link', { name: t['documents.verify_link'] }).click();
          await page.getByLabel(t['verify.code']).fill(code.toLowerCase());
          await page.getByRole('button', { name: t['verify.submit'] }).click();
          await page.waitForURL(/\/verify\/statement\?code=/);
          assert.ok((await page.locator('main').textContent()).includes(masked(alice.member.full_name)));
        } finally {
          await context.close();
        }
      });
    }
  });
});
