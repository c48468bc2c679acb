// Analytics for policy (src/analytics): the analyst's pages and CSV downloads over a registry
// seeded as rows (a large group in one province, a group of five in another, wages of January
// this year, claims), refreshed by the background job "analytics.refresh" when the server starts.
// Over HTTP: the analyst sees every section and its CSV; every figure of a province table is
// compared with a direct count of the registry, and no count of 1 to 9 appears in the page or
// the file; the filters choose the province and year; other staff roles, members and anonymous
// visitors are refused; the analyst is refused on every staff page that opens a person's record.
// Then Chromium at 360 px: the index and the sections axe clean in Indonesian and English, and
// the filter used without JavaScript. Backend: LUMBUNG_TEST_BACKEND.
// Requirement IDs: OWASP ASVS 4.0.3 V4.1.1 / V4.1.3 (least privilege, enforced on the server:
// analyst only), V4.2.1 (no person-level record reachable from the analyst role), V8.3.x
// (sensitive data: small groups never disclosed, in pages or exports), V5.3.x (output encoding:
// CSV formula cells neutralised), V7.1.x (exports audited).
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';

import * as h from './harness.mjs';
import * as id from './identity_support.mjs';
import { startMailSink } from './mail_sink.mjs';

const backend = h.currentBackend();
const CATALOG = { id: h.loadCatalog('id'), en: h.loadCatalog('en') };
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const PAGE_LIMIT = 50 * 1024;
const SECTIONS = ['members', 'wages', 'arrears', 'claims', 'subsidy', 'training'];
const YEAR = new Date(Date.now() + 7 * 3600 * 1000).getUTCFullYear();  // the fund's year (WIB)
// Staff pages that open people's records, each refused to the analyst.
const PERSON_ROUTES = ['/staff/members', '/staff/members/1', '/staff/claims', '/staff/support',
  '/staff/payouts', '/staff/payments', '/staff/subsidy/batches', '/staff/audit', '/staff/accounts',
  '/staff/security-reports'];

const pageText = (res) => h.decodeEntities(h.htmlText(res.text));

// The rows of the table with id `tableId`: [{label, cells: [text], hidden: [mark or '']}].
function tableRows(html, tableId) {
  const table = new RegExp(`<table[^>]*id="${tableId}"[\\s\\S]*?</table>`).exec(html)?.[0];
  assert.ok(table, `table ${tableId} on the page`);
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)[1];
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => ({
    label: h.decodeEntities(/<th[^>]*>([\s\S]*?)<\/th>/.exec(m[1])[1]).trim(),
    cells: [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => h.decodeEntities(c[1]).trim()),
    hidden: [...m[1].matchAll(/<td([^>]*)>/g)].map((c) => /data-hidden="(\w+)"/.exec(c[1])?.[1] ?? ''),
  }));
}

const digits = (text) => Number(String(text).replace(/[^0-9]/g, ''));

describe(`analytics for policy on ${backend}`, () => {
  let sink;
  let database;
  let server;
  let analyst;
  let officer;   // staff without the analyst role
  let member;
  let browser;
  const contexts = [];

  const sql = (query) => id.sqlRows(database, query);
  const exec = (statement) => id.sqlExec(database, statement);

  async function seedRegistry() {
    await exec("INSERT INTO employers (npp, name, sector, province_code, jkk_risk_class, registered_on) VALUES " +
               "('ANLT0001', 'PT Analitik Satu', 'construction', 31, 4, '2010-01-01'), " +
               "('ANLT0002', 'PT Analitik Dua', 'logistics', 75, 3, '2010-01-01')");
    const employers = Object.fromEntries((await sql("SELECT id, npp FROM employers WHERE npp LIKE 'ANLT%'"))
      .map((r) => [r.npp, Number(r.id)]));
    // 60 members in DKI Jakarta (31) and 5 in Gorontalo (75): a group too small to show.
    const rows = [];
    for (let i = 1; i <= 65; i += 1) {
      const province = i <= 60 ? 31 : 75;
      const kpj = String(90000000000 + i);
      const nik = `${province}71010101${String(9000 + i).padStart(6, '0')}`;
      rows.push(`('${kpj}', '${nik}', 'Anggota Analitik ${i}', '${i <= 60 ? '1990-01-01' : '2001-01-01'}', 'F', ${province}, 'single', '2015-01-01', 'active')`);
    }
    await exec('INSERT INTO members (kpj, nik, full_name, birth_date, sex, province_code, marital_status, registered_on, status) VALUES ' +
               rows.join(', '));
    const members = await sql("SELECT id, kpj, province_code FROM members WHERE kpj LIKE '9000000%' ORDER BY id");
    const period = YEAR * 100 + 1;
    for (const m of members) {
      const employer = Number(m.province_code) === 31 ? employers.ANLT0001 : employers.ANLT0002;
      await exec(`INSERT INTO employment_spells (member_id, employer_id, start_date) VALUES (${m.id}, ${employer}, '2020-01-01')`);
    }
    await exec(`INSERT INTO wage_reports (member_id, period, employer_id, wage) SELECT s.member_id, ${period}, s.employer_id, ` +
               `3000000 + (s.member_id % 7) * 250000 FROM employment_spells s WHERE s.employer_id IN (${employers.ANLT0001}, ${employers.ANLT0002})`);
    // Claims this year: 12 JHT claims paid in DKI Jakarta, 3 JKP claims rejected in Gorontalo.
    const now = Math.floor(Date.now() / 1000) - 3600;
    let n = 0;
    for (const m of members.slice(0, 12).concat(members.slice(60, 63))) {
      n += 1;
      const jht = Number(m.province_code) === 31;
      await exec('INSERT INTO claims (reference, member_id, claimant_account_id, claimant_member_id, program, claim_type, status, ' +
                 'created_at, updated_at, submitted_at, decided_at, status_since) VALUES ' +
                 `('K-ANLT${String(n).padStart(6, '0')}', ${m.id}, 1, ${m.id}, '${jht ? 'JHT' : 'JKP'}', '${jht ? 'jht_full' : 'jkp'}', ` +
                 `'${jht ? 'paid' : 'rejected'}', ${now}, ${now}, ${now}, ${now}, ${now})`);
    }
  }

  before(async () => {
    sink = await startMailSink();
    database = await h.createDatabase(backend);
    const migrate = await h.runLumbung(['migrate'], { env: h.databaseEnv(database) });
    assert.equal(migrate.code, 0, migrate.stderr);
    await id.seedMembers(database, 3);
    await seedRegistry();
    server = await h.startServer({ database, env: { ...sink.env, LUMBUNG_JOBS_POLL_SECONDS: '1' } });
    const portal = { baseUrl: server.baseUrl, database };
    analyst = await id.signedInStaff(portal, sink, { staffRoles: ['analyst'], name: 'Analis Kebijakan' });
    officer = await id.signedInStaff(portal, sink, { staffRoles: ['member_services', 'claims_verifier', 'finance'], name: 'Petugas Lain' });
    const [row] = await id.memberRows(database, 1);
    const client = new id.Client(server.baseUrl);
    const email = id.uniqueEmail('analytics-member');
    const password = id.newPassword();
    const { res } = await client.submit('/register', { nik: row.nik, kpj: row.kpj, birth_date: row.birth_date, email, username: '', password });
    assert.equal(res.status, 303, pageText(res).slice(0, 300));
    await client.submit(id.mailLink(await new id.Mailbox(sink, email).next('verify_email'), '/verify-email'));
    assert.equal((await client.submit('/login', { identifier: email, password })).res.headers.location, '/dashboard');
    member = { client };
    // The refresh job runs when the server starts: wait for its figures.
    await h.pollUntil(async () => (await sql("SELECT value FROM analytics_marks WHERE name = 'refreshed_at'")).length > 0 &&
                                  (await sql("SELECT COUNT(*) AS n FROM analytics_members")).length > 0 &&
                                  Number((await sql('SELECT COUNT(*) AS n FROM analytics_wages'))[0].n) > 0,
                      { attempts: 300, intervalMs: 200, what: 'the first analytics refresh' });
  });
  after(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await server?.stop();
    await database?.drop();
    await sink?.stop();
  });

  test('ASVS 4.1.1, 4.1.3: only the analyst role opens the analytics pages and files', async () => {
    const paths = ['/staff/analytics', ...SECTIONS.map((s) => `/staff/analytics/${s}`), ...SECTIONS.map((s) => `/staff/analytics/${s}.csv`)];
    for (const path of paths) {
      assert.equal((await analyst.client.get(path)).status, 200, `analyst GET ${path}`);
      assert.equal((await officer.client.get(path)).status, 403, `other staff GET ${path}`);
      assert.equal((await member.client.get(path)).status, 403, `member GET ${path}`);
      const anonymous = await h.request(server.baseUrl, path);
      assert.equal(anonymous.status, 303, `anonymous GET ${path}`);
      assert.equal(anonymous.headers.location, `/login?next=${encodeURIComponent(path)}`);
    }
    assert.equal((await analyst.client.get('/staff/analytics/people')).status, 404);
    assert.equal((await analyst.client.get('/staff/analytics/people.csv')).status, 404);
  });

  test('ASVS 4.2.1: the analyst can reach no person-level record', async () => {
    for (const path of PERSON_ROUTES) {
      assert.equal((await analyst.client.get(path)).status, 403, `analyst GET ${path}`);
    }
    await analyst.client.get('/staff/analytics');
    for (const path of ['/staff/members', '/staff/members/1/open']) {
      const res = await analyst.client.post(path, { q: '3171', reason: 'x' }, { csrf: analyst.client.csrf });
      assert.equal(res.status, 403, `analyst POST ${path}`);
    }
    // No analytics page links to a person, an employer or a claim.
    for (const section of SECTIONS) {
      const html = (await analyst.client.get(`/staff/analytics/${section}`)).text;
      assert.ok(!/href="\/staff\/(members|claims|accounts|support)/.test(html), `${section}: no link to a record`);
    }
  });

  test('every section is translated, under 50 KB, with charts that have text alternatives', async () => {
    for (const lang of ['en', 'id']) {
      await analyst.client.get(`/lang/${lang}?next=/staff/analytics`);
      for (const path of ['/staff/analytics', ...SECTIONS.map((s) => `/staff/analytics/${s}`)]) {
        const res = await analyst.client.get(path);
        assert.equal(res.status, 200);
        assert.ok(res.text.includes(`<html lang="${lang}"`), `${path} in ${lang}`);
        assert.ok(Buffer.byteLength(res.text) < PAGE_LIMIT, `${path} ${lang}: ${Buffer.byteLength(res.text)} bytes`);
        assert.ok(!/\[\[[a-z_.]+\]\]/.test(res.text), `${path} ${lang}: a catalog id shown untranslated`);
        for (const svg of res.text.match(/<svg[\s\S]*?<\/svg>/g) ?? []) {
          assert.match(svg, /role="img"/);
          assert.match(svg, /<title id="[^"]+">[^<]+<\/title>/);
          assert.match(svg, /<desc id="[^"]+">[^<]+<\/desc>/);
        }
      }
    }
    const index = await analyst.client.get('/staff/analytics');
    for (const section of SECTIONS) assert.ok(index.text.includes(`href="/staff/analytics/${section}"`));
    assert.ok(pageText(index).includes(CATALOG.id['analytics.rule'].replace('{{minimum}}', '10')));
  });

  test('ASVS 8.3: members by province match a direct count, and no group of 1 to 9 is shown or exported', async () => {
    const counts = Object.fromEntries((await sql("SELECT province_code AS p, COUNT(*) AS n FROM members WHERE status = 'active' GROUP BY province_code"))
      .map((r) => [Number(r.p), Number(r.n)]));
    assert.equal(counts[75], 5);
    const page = await analyst.client.get('/staff/analytics/members');
    const rows = tableRows(page.text, 'members-province');
    const byName = Object.fromEntries(rows.map((r) => [r.label, r]));
    assert.equal(byName.Gorontalo.cells[0], '<10');
    assert.equal(byName.Gorontalo.hidden[0], 'small');
    // DKI Jakarta's count is shown unless it had to be withheld to protect Gorontalo's.
    const jakarta = byName['DKI Jakarta'];
    if (jakarta.hidden[0] === '') assert.equal(digits(jakarta.cells[0]), counts[31]);
    else assert.equal(jakarta.cells[0], CATALOG.id['analytics.mark_protect']);
    const total = rows.at(-1);
    const all = Object.values(counts).reduce((a, b) => a + b, 0);
    if (total.hidden[0] === '') assert.equal(digits(total.cells[0]), all);
    for (const r of rows) {
      for (const [i, text] of r.cells.entries()) {
        if (r.hidden[i] === '') assert.ok(digits(text) === 0 || digits(text) >= 10, `${r.label}: ${text} shown`);
      }
    }
    assert.ok(page.text.includes('id="suppression-note"'));
    assert.ok(pageText(page).includes(CATALOG.id['analytics.marks_explained']));

    const csv = await analyst.client.get('/staff/analytics/members.csv');
    assert.equal(csv.status, 200);
    assert.match(csv.headers['content-type'], /^text\/csv/);
    assert.match(csv.headers['content-disposition'], /attachment; filename="analytics-members\.csv"/);
    const lines = csv.text.replace(/^\uFEFF/, '').split('\r\n');
    const gorontalo = lines.find((l) => l.startsWith('Gorontalo,'));
    assert.equal(gorontalo, 'Gorontalo,<10');
    for (const line of lines) {
      const m = /^[^,]+,(\d+)$/.exec(line);
      if (m) assert.ok(Number(m[1]) === 0 || Number(m[1]) >= 10, `CSV line ${line}`);
    }
    // Each export is audited.
    const audited = await sql("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'analytics.exported'");
    assert.ok(Number(audited[0].n) >= 1);
  });

  test('filters: a province and a year choose the slice; small groups stay hidden in every slice', async () => {
    const gorontalo = await analyst.client.get('/staff/analytics/members?province=75');
    assert.equal(gorontalo.status, 200);
    assert.ok(gorontalo.text.includes('<option value="75" selected>Gorontalo</option>'));
    const ages = tableRows(gorontalo.text, 'members-age');
    assert.ok(ages.every((r) => r.cells[0] === '0' || r.hidden[0] !== ''), 'no figure of Gorontalo\'s five is shown');

    const wages = await analyst.client.get(`/staff/analytics/wages?year=${YEAR}&province=31`);
    assert.equal(wages.status, 200);
    const months = tableRows(wages.text, 'wages-month');
    assert.equal(months[0].label, `${YEAR}-01`);
    const small = tableRows((await analyst.client.get(`/staff/analytics/wages?year=${YEAR}&province=75`)).text, 'wages-month');
    assert.equal(small[0].cells[0], '<10');
    assert.equal(small[0].cells[1], '<10', 'the median of a small group is hidden too');
    const wagesCsv = await analyst.client.get(`/staff/analytics/wages.csv?year=${YEAR}&province=75`);
    assert.match(wagesCsv.headers['content-disposition'], new RegExp(`analytics-wages-${YEAR}-75\\.csv`));
    assert.ok(wagesCsv.text.includes(`${YEAR}-01,<10,<10,<10`));

    // Claims: 3 rejected JKP claims are hidden; the year's 15 are shown.
    const claims = tableRows((await analyst.client.get(`/staff/analytics/claims?year=${YEAR}`)).text, 'claims-outcome');
    const jkp = claims.find((r) => r.label === CATALOG.id['analytics.claim_type_jkp']);
    assert.equal(jkp.cells[2], '<10');
    assert.equal(digits(claims.at(-1).cells[4]), 15);

    // A year or province not offered falls back to the defaults.
    const odd = await analyst.client.get('/staff/analytics/wages?year=1900&province=abc');
    assert.equal(odd.status, 200);
    assert.ok(odd.text.includes(`<option value="${YEAR}" selected>`));
  });

  test('in Chromium at 360 px: axe clean in Indonesian and English, the filter works without JavaScript', async () => {
    browser = await chromium.launch({ executablePath: process.env.LUMBUNG_TEST_CHROMIUM || '/usr/bin/chromium', args: ['--no-sandbox'] });
    for (const lang of ['id', 'en']) {
      const { context, page } = await id.signInInBrowser(browser, server.baseUrl, analyst, { lang, landing: '/staff/analytics' });
      contexts.push(context);
      for (const path of ['/staff/analytics', '/staff/analytics/members', `/staff/analytics/wages?year=${YEAR}`, '/staff/analytics/claims']) {
        await page.goto(`${server.baseUrl}${path}`);
        const html = await page.content();
        assert.ok(Buffer.byteLength(html) < PAGE_LIMIT, `${lang} ${path}: under 50 KB`);
        assert.equal(await page.getAttribute('html', 'lang'), lang);
        const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
        assert.ok(results.passes.length > 0, `${lang} ${path}: axe ran its rules`);
        assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], `${lang} ${path}: axe`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${lang} ${path}: no horizontal scroll at 360 px (overflow ${overflow}px)`);
      }
    }
    const { context, page } = await id.signInInBrowser(browser, server.baseUrl, analyst, { lang: 'id', javaScriptEnabled: false, landing: '/staff/analytics' });
    contexts.push(context);
    await page.goto(`${server.baseUrl}/staff/analytics/members`);
    await page.getByLabel(CATALOG.id['analytics.field_province'], { exact: true }).selectOption('75');
    await page.getByRole('button', { name: CATALOG.id['analytics.filter_submit'], exact: true }).click();
    await page.waitForURL(/province=75/);
    assert.ok((await page.content()).includes('Gorontalo'));
  });
});
