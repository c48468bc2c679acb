// The member's own money pages (in part): the dashboard cards (claims among them),
// /contributions (+ CSV, and all years of a 40-year history in pages), /savings, and the
// calculators anyone can use. Through HTTP as a member, an attacker and a
// staff user would see them, then in Chromium with axe-core (WCAG 2.2 AA), at 360 px and
// without JavaScript. Backend: LUMBUNG_TEST_BACKEND.
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
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

const PROGRAM_SUM = 'c.jht_worker + c.jht_employer + c.jkk + c.jkm + c.jp_worker + c.jp_employer + c.jkp';
const ROWS_PER_PAGE = 24;

// The cells of each row of the table with this id, as text: [[cell, ...], ...].
function tableRows(html, tableId) {
  const table = new RegExp(`<table[^>]*\\bid="${tableId}"[\\s\\S]*?<tbody>([\\s\\S]*?)</tbody>`).exec(html);
  if (!table) return [];
  return [...table[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)]
    .map((row) => [...row[1].matchAll(/<t[hd]\b[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => h.htmlText(c[1])));
}

// The href (entities decoded) of every <a> whose attributes match `attributes` (default: all).
function hrefs(html, attributes = /href=/) {
  return [...html.matchAll(/<a\b([^>]*)>/g)].filter((m) => attributes.test(m[1]))
    .map((m) => h.decodeEntities(/\bhref="([^"]*)"/.exec(m[1])[1]));
}

// The JP wage cap in force today (the fund's day, WIB) in config/rules.json.
function jpWageCapInForce() {
  const rules = JSON.parse(fs.readFileSync(path.join(h.shareDir(), 'config', 'rules.json'), 'utf8'));
  const today = new Date(Date.now() + 7 * 3600 * 1000).toISOString().slice(0, 10);
  return rules.jp_wage_cap.filter((e) => e.from <= today).at(-1).amount;
}
const rupiahId = (n) => `Rp ${Number(n).toLocaleString('de-DE')}`;  // Rp 1.234.567
const monthId = (period) => `${ID[`date.months.${Number(period) % 100}`]} ${Math.floor(Number(period) / 100)}`;
const pageOf = (t, page, pages) => t['contributions.page_of'].replace('{{page}}', page).replace('{{pages}}', pages);

// Gives `member` contributions back to 40 calendar years before their newest year, at
// `employerId`, before the months the seeder made: deterministic amounts from the month, and
// March of every fifth year unpaid. The rows go straight into the registry's tables, as the
// fund's back office would have loaded them.
async function addLongHistory(database, memberId, employerId) {
  const [span] = await id.sqlRows(database,
    `SELECT MIN(period) / 100 AS first_year, MAX(period) / 100 AS last_year FROM contributions WHERE member_id = ${memberId}`);
  const first = Number(span.first_year);
  const last = Number(span.last_year);
  const from = last - 39;
  const wages = [];
  const rows = [];
  for (let year = from; year < first; ++year) {
    for (let month = 1; month <= 12; ++month) {
      const period = year * 100 + month;
      const wage = 1_000_000 + (year - 1900) * 10_000 + month * 1_000;
      const share = (bp) => Math.round((wage * bp) / 10_000);
      const paid = year % 5 === 0 && month === 3 ? 0 : 1;
      wages.push(`(${memberId}, ${period}, ${employerId}, ${wage})`);
      rows.push(`(${memberId}, ${period}, ${employerId}, ${share(200)}, ${share(370)}, ${share(24)}, ` +
                `${share(30)}, ${share(100)}, ${share(200)}, 0, ${paid})`);
    }
  }
  await id.sqlExec(database, `INSERT INTO wage_reports (member_id, period, employer_id, wage) VALUES ${wages.join(', ')}`);
  await id.sqlExec(database, 'INSERT INTO contributions (member_id, period, employer_id, jht_worker, jht_employer, ' +
                   `jkk, jkm, jp_worker, jp_employer, jkp, paid) VALUES ${rows.join(', ')}`);
  return { from, first, last };
}

describe(`member money pages on ${backend}`, () => {
  let sink;
  let server;
  let pool;
  let alice;  // a member with a history
  let bob;    // another member
  let carol;  // a member with 40 years of history (addLongHistory)
  let oldEmployer;  // carol's employer of the early years, no one else's here

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
    carol = { member: pool.take() };
    Object.assign(carol, await signedInMember(server, sink, carol.member));
    const ids = [alice, bob, carol].map((m) => m.member.id).join(', ');
    [oldEmployer] = await id.sqlRows(server.database,
      `SELECT id, name FROM employers WHERE id NOT IN (SELECT employer_id FROM contributions WHERE member_id IN (${ids})) ORDER BY id LIMIT 1`);
    carol.span = await addLongHistory(server.database, carol.member.id, oldEmployer.id);
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
    const added = await h.runLumbung(['user', 'add', '--role', 'staff', '--staff-roles', 'member_services', '--email', email,
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
    // Each card leads to its page.
    const cards = [...res.text.matchAll(/<li class="card[^"]*">([\s\S]*?)<\/li>/g)].map((m) => m[1]);
    assert.ok(cards.length >= 6, `${cards.length} cards`);
    for (const card of cards) assert.match(card, /<a href="\/[^"]*">/, h.htmlText(card));
    assert.ok(hrefs(res.text).includes('/profile') && text.includes(ID['membership.card.link']));
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

  test('dashboard: the claims card counts pending claims (0 until there are any), only the member\'s own', async () => {
    const claimsCard = async (client) => {
      const res = await client.get('/dashboard');
      assert.equal(res.status, 200);
      const card = [...res.text.matchAll(/<li class="card[^"]*">([\s\S]*?)<\/li>/g)]
        .map((m) => m[1]).find((c) => h.htmlText(c).startsWith(ID['claims.card.title']));
      assert.ok(card, 'a claims card on the dashboard');
      return {
        figure: h.htmlText(/<p class="card__figure">([\s\S]*?)<\/p>/.exec(card)?.[1] ?? ''),
        text: h.htmlText(card),
        links: hrefs(card, /href=/),
      };
    };
    const before = await claimsCard(alice.client);
    assert.equal(before.figure, '0');
    assert.ok(before.text.includes(ID['claims.card.none']), before.text);
    assert.deepEqual(before.links, ['/claims'], 'the card leads to the member\'s claims');

    // Claims in every status; only those the fund is still handling count (a draft is not yet a
    // claim; paid, rejected and withdrawn ones are finished).
    let serial = 0;
    const claim = (member, program, status) => {
      serial += 1;
      const reference = `T-${member.member.id}-${serial}`;
      return id.sqlExec(server.database,
        'INSERT INTO claims (reference, member_id, claimant_account_id, claimant_member_id, program, claim_type, status, ' +
        'created_at, updated_at, status_since) ' +
        `VALUES ('${reference}', ${member.member.id}, (SELECT id FROM accounts WHERE member_id = ${member.member.id}), ${member.member.id}, '${program}', 'legacy', '${status}', ` +
        '1767225600, 1767225600, 1767225600)');
    };
    await claim(bob, 'JHT', 'submitted');
    await claim(bob, 'JKK', 'being_verified');
    assert.equal((await claimsCard(alice.client)).figure, '0', 'another member\'s claims never count');
    await claim(alice, 'JHT', 'being_verified');
    await claim(alice, 'JKM', 'draft');
    await claim(alice, 'JP', 'paid');
    await claim(alice, 'JKP', 'withdrawn');
    const after = await claimsCard(alice.client);
    assert.equal(after.figure, '1', 'being verified counts; a draft, paid and withdrawn do not');
    assert.ok(after.text.includes(ID['claims.card.pending'].replace('{{count}}', '1')), after.text);
    assert.equal((await claimsCard(bob.client)).figure, '2');
  });

  test('contributions, all years: 40 years in pages of 24, newest first; page 2 is the database\'s rows 25-48', async () => {
    const member = carol.member.id;
    const [{ n }] = await id.sqlRows(server.database, `SELECT COUNT(*) AS n FROM contributions WHERE member_id = ${member}`);
    const total = Number(n);
    const years = await id.sqlRows(server.database, `SELECT DISTINCT period / 100 AS y FROM contributions WHERE member_id = ${member}`);
    assert.ok(years.length >= 38 && total > 450, `a long history: ${years.length} years, ${total} rows`);
    const pages = Math.ceil(total / ROWS_PER_PAGE);

    // The default stays the newest year; "all years" is one more choice of the same filter.
    const plain = await carol.client.get('/contributions');
    assert.equal(plain.status, 200);
    assert.match(plain.text, new RegExp(`<option value="${carol.span.last}" selected>`));
    assert.match(plain.text, /<option value="all">/);
    assert.ok(!plain.text.includes('id="year-totals"'), 'the one-year view has its own totals row');
    assert.deepEqual(hrefs(plain.text).filter((u) => u.includes('year=all')), ['/contributions?year=all']);

    const first = await carol.client.get('/contributions?year=all');
    assert.equal(first.status, 200);
    assert.match(first.text, /<option value="all" selected>/);
    assert.equal(tableRows(first.text, 'month-rows').length, ROWS_PER_PAGE);
    assert.ok(h.htmlText(first.text).includes(pageOf(ID, 1, pages)), `"${pageOf(ID, 1, pages)}"`);
    assert.deepEqual(hrefs(first.text, /aria-current="page"/).filter((u) => u.startsWith('/contributions?')),
                     ['/contributions?year=all'], 'page 1 is the current page');
    assert.deepEqual(hrefs(first.text, /rel="prev"/), []);
    assert.deepEqual(hrefs(first.text, /rel="next"/), ['/contributions?year=all&page=2']);
    assert.ok(hrefs(first.text, /aria-label=/).includes(`/contributions?year=all&page=${pages}`), 'a link to the last page');

    const second = await carol.client.get('/contributions?year=all&page=2');
    assert.equal(second.status, 200);
    const expected = await id.sqlRows(server.database,
      `SELECT c.period, e.name, w.wage, c.jht_worker, ${PROGRAM_SUM} AS total, c.paid FROM contributions c ` +
      'JOIN employers e ON e.id = c.employer_id LEFT JOIN wage_reports w ON w.member_id = c.member_id AND ' +
      `w.period = c.period AND w.employer_id = c.employer_id WHERE c.member_id = ${member} ` +
      `ORDER BY c.period DESC, e.name, c.employer_id LIMIT ${ROWS_PER_PAGE} OFFSET ${ROWS_PER_PAGE}`);
    const shown = tableRows(second.text, 'month-rows');
    assert.equal(shown.length, ROWS_PER_PAGE);
    assert.deepEqual(shown.map((c) => [c[0], c[1], c[2], c[3], c[10], c[11]]),
                     expected.map((r) => [monthId(r.period), r.name, r.wage === null ? '–' : rupiahId(r.wage),
                                          rupiahId(r.jht_worker), rupiahId(r.total),
                                          ID[Number(r.paid) ? 'contributions.paid' : 'contributions.unpaid']]));
    assert.ok(h.htmlText(second.text).includes(pageOf(ID, 2, pages)));
    assert.deepEqual(hrefs(second.text, /aria-current="page"/).filter((u) => u.startsWith('/contributions?')),
                     ['/contributions?year=all&page=2']);
    assert.deepEqual(hrefs(second.text, /rel="prev"/), ['/contributions?year=all']);

    // The oldest page: what is left over, and nothing older.
    const last = await carol.client.get(`/contributions?year=all&page=${pages}`);
    assert.equal(tableRows(last.text, 'month-rows').length, total - ROWS_PER_PAGE * (pages - 1));
    assert.deepEqual(hrefs(last.text, /rel="next"/), []);
    assert.equal(tableRows(last.text, 'month-rows').at(-1)[0], monthId(carol.span.from * 100 + 1));
  });

  test('contributions, all years: one totals row per year, each column and unpaid months as the database adds them', async () => {
    const member = carol.member.id;
    const all = await id.sqlRows(server.database,
      'SELECT c.period, w.wage, c.jht_worker, c.jht_employer, c.jkk, c.jkm, c.jp_worker, c.jp_employer, c.jkp, c.paid ' +
      'FROM contributions c LEFT JOIN wage_reports w ON w.member_id = c.member_id AND w.period = c.period AND ' +
      `w.employer_id = c.employer_id WHERE c.member_id = ${member}`);
    const columns = ['wage', 'jht_worker', 'jht_employer', 'jkk', 'jkm', 'jp_worker', 'jp_employer', 'jkp'];
    const byYear = new Map();
    for (const row of all) {
      const year = Math.floor(Number(row.period) / 100);
      const sums = byYear.get(year) ?? { total: 0, unpaid: 0, ...Object.fromEntries(columns.map((c) => [c, 0])) };
      for (const c of columns) sums[c] += Number(row[c] ?? 0);
      sums.total += columns.slice(1).reduce((a, c) => a + Number(row[c]), 0);
      if (!Number(row.paid)) sums.unpaid += 1;
      byYear.set(year, sums);
    }
    const expected = [...byYear.entries()].sort((a, b) => b[0] - a[0])
      .map(([year, s]) => [String(year), ...columns.map((c) => rupiahId(s[c])), rupiahId(s.total), String(s.unpaid)]);
    // Every page shows the whole history's totals, whichever slice of months it shows.
    for (const path of ['/contributions?year=all', '/contributions?year=all&page=3']) {
      const res = await carol.client.get(path);
      assert.deepEqual(tableRows(res.text, 'year-totals'), expected, path);
    }
    const unpaid = expected.reduce((a, r) => a + Number(r.at(-1)), 0);
    assert.ok(unpaid > 0, 'March of every fifth year is unpaid');
    const res = await carol.client.get('/contributions?year=all');
    assert.ok(h.htmlText(res.text).includes(`${unpaid} bulan`), 'the notice counts every unpaid month');
    // Each year leads to that year's own page.
    const year = carol.span.from + 5;
    assert.ok(hrefs(res.text).includes(`/contributions?year=${year}`));
  });

  test('contributions, all years: the employer filter narrows rows, pages and totals, and links keep it; another member\'s employer is ignored (IDOR)', async () => {
    const member = carol.member.id;
    const [{ n }] = await id.sqlRows(server.database,
      `SELECT COUNT(*) AS n FROM contributions WHERE member_id = ${member} AND employer_id = ${oldEmployer.id}`);
    const pages = Math.ceil(Number(n) / ROWS_PER_PAGE);
    const base = `/contributions?year=all&employer=${oldEmployer.id}`;
    const res = await carol.client.get(`${base}&page=2`);
    assert.equal(res.status, 200);
    assert.match(res.text, new RegExp(`<option value="${oldEmployer.id}" selected>`));
    const rows = tableRows(res.text, 'month-rows');
    assert.equal(rows.length, ROWS_PER_PAGE);
    assert.ok(rows.every((c) => c[1] === oldEmployer.name), 'only that employer\'s months');
    assert.ok(h.htmlText(res.text).includes(pageOf(ID, 2, pages)));
    assert.deepEqual(hrefs(res.text, /rel="prev"/), [base]);
    assert.deepEqual(hrefs(res.text, /rel="next"/), [`${base}&page=3`]);
    for (const href of hrefs(res.text, /aria-label=/).filter((u) => u.startsWith('/contributions?'))) {
      assert.ok(href.startsWith(base), `${href} keeps the filters`);
    }
    const years = tableRows(res.text, 'year-totals').map((c) => Number(c[0]));
    const oldYears = Array.from({ length: carol.span.first - carol.span.from }, (_, i) => carol.span.first - 1 - i);
    assert.deepEqual(years, oldYears, 'only the years at that employer, newest first');
    assert.ok(hrefs(res.text).includes(`/contributions?year=${years[0]}&employer=${oldEmployer.id}`));
    assert.ok(hrefs(res.text).includes(`/contributions.csv?employer=${oldEmployer.id}`));

    // IDOR: bob's employer is not carol's; the filter falls back to all of carol's own rows.
    const [other] = await id.sqlRows(server.database,
      `SELECT employer_id FROM contributions WHERE member_id = ${bob.member.id} AND employer_id NOT IN ` +
      `(SELECT employer_id FROM contributions WHERE member_id = ${member}) LIMIT 1`);
    assert.ok(other, 'bob has an employer carol never had');
    const mine = await carol.client.get('/contributions?year=all&page=2');
    const probe = await carol.client.get(`/contributions?year=all&employer=${other.employer_id}&page=2`);
    assert.equal(probe.status, 200);
    assert.deepEqual(tableRows(probe.text, 'month-rows'), tableRows(mine.text, 'month-rows'));
    assert.deepEqual(tableRows(probe.text, 'year-totals'), tableRows(mine.text, 'year-totals'));
    assert.ok(!hrefs(probe.text).some((u) => u.includes(`employer=${other.employer_id}`)), 'no link carries it');
    // And bob's own all-years view holds only his rows.
    const [{ own }] = await id.sqlRows(server.database, `SELECT COUNT(*) AS own FROM contributions WHERE member_id = ${bob.member.id}`);
    const bobs = await bob.client.get('/contributions?year=all');
    assert.ok(h.htmlText(bobs.text).includes(pageOf(ID, 1, Math.ceil(Number(own) / ROWS_PER_PAGE))));
    assert.ok(!bobs.text.includes(`<option value="${oldEmployer.id}"`), 'none of carol\'s employers');
  });

  test('contributions, all years: a malformed or out-of-range page number shows page 1', async () => {
    const first = tableRows((await carol.client.get('/contributions?year=all')).text, 'month-rows');
    for (const bad of ['0', '-1', 'abc', '2.5', '1e1', '99999', '%27%20OR%201=1', '', '00000000000000000000002']) {
      const res = await carol.client.get(`/contributions?year=all&page=${bad}`);
      assert.equal(res.status, 200, bad);
      assert.deepEqual(tableRows(res.text, 'month-rows'), first, bad);
      assert.deepEqual(hrefs(res.text, /aria-current="page"/).filter((u) => u.startsWith('/contributions?')),
                       ['/contributions?year=all'], bad);
    }
    // A page number without "all years" changes nothing of the one-year view.
    const year = await carol.client.get('/contributions?page=2');
    assert.equal(year.status, 200);
    assert.deepEqual(tableRows(year.text, 'month-rows'), tableRows((await carol.client.get('/contributions')).text, 'month-rows'));
    for (const bad of ['ALL', 'all2', 'semua']) {
      const res = await carol.client.get(`/contributions?year=${bad}`);
      assert.equal(res.status, 200, bad);
      assert.ok(!res.text.includes('id="year-totals"'), `${bad}: the default view`);
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

  test('savings: the running year\'s return is an estimate at the rate set in the rules for that year, declared only after the year ends', async () => {
    const [running] = await id.sqlRows(server.database,
      `SELECT year, rate_bp FROM jht_yearly_credits WHERE member_id = ${alice.member.id} ORDER BY year DESC LIMIT 1`);
    const year = Number(running.year);
    const bp = Number(running.rate_bp);
    const rules = JSON.parse(fs.readFileSync(path.join(h.shareDir(), 'config', 'rules.json'), 'utf8'));
    const configured = rules.jht_return.find((r) => r.year === year);
    if (configured) assert.equal(bp, configured.rate_bp, 'the running year is credited at the rules\' rate for it');
    const percent = (sep) => `${Math.floor(bp / 100)}${sep}${String(bp % 100).padStart(2, '0')}%`;
    for (const [lang, t, sep] of [['id', ID, ','], ['en', EN, '.']]) {
      const res = await alice.client.get('/savings', { headers: { 'accept-language': lang } });
      assert.equal(res.status, 200, lang);
      const rows = [...res.text.matchAll(/<tr>\s*<th scope="row"[^>]*>(\d{4})[\s\S]*?<\/tr>/g)];
      const current = rows.find((m) => Number(m[1]) === year);
      assert.ok(current, `${lang}: the running year has a row`);
      assert.ok(h.htmlText(current[0]).includes(`${percent(sep)} ${t['savings.rate.assumed_tag']}`),
                `${lang}: the running year's rate is marked as assumed: ${h.htmlText(current[0])}`);
      for (const closed of rows.filter((m) => Number(m[1]) !== year)) {
        assert.ok(!h.htmlText(closed[0]).includes(t['savings.rate.assumed_tag']), `${lang}: ${closed[1]} is declared`);
      }
      const note = t['savings.rate.assumed_note'].replaceAll('{{year}}', String(year)).replaceAll('{{rate}}', percent(sep));
      assert.ok(h.htmlText(res.text).includes(note), `${lang}: the page says which rate the estimate assumes`);
    }
  });

  test('calculators: results show their inputs; bad input gets translated errors and a 422', async () => {
    const jp = await h.request(server.baseUrl, '/calculators/jp?months=240&wage=5.000.000');
    assert.equal(jp.status, 200);
    assert.ok(h.htmlText(jp.text).includes('Rp 1.000.000'));
    const bad = await h.request(server.baseUrl, '/calculators/jht?balance=x&wage=&growth=200&return=5&years=0',
                                { headers: { 'accept-language': 'en' } });
    assert.equal(bad.status, 422);
    const text = h.htmlText(bad.text);
    for (const key of ['money.error.not_understood', 'money.error.empty', 'calculators.error.percent', 'calculators.error.years']) {
      assert.ok(text.includes(EN[key]), key);
    }
    assert.match(h.htmlTitle(bad.text), new RegExp(`^${EN['title.error_prefix']}`));
  });

  test('JP estimate: an average wage above the JP wage cap in force is computed as the cap, and the page says so', async () => {
    const cap = jpWageCapInForce();
    const res = await h.request(server.baseUrl, '/calculators/jp?months=240&wage=50.000.000');
    assert.equal(res.status, 200);
    const text = h.htmlText(res.text);
    const used = rupiahId(cap);
    const monthly = rupiahId(Math.floor((cap * 240 + 600) / 1200));
    assert.ok(text.includes(ID['calculators.jp.formula'].replace('{{months}}', '240').replace('{{wage}}', used)
      .replace('{{amount}}', monthly)), `the formula multiplies the cap ${used}: ${text.slice(0, 900)}`);
    assert.ok(!text.includes('× Rp 50.000.000'), 'the typed wage is not in the formula');
    assert.ok(text.includes(ID['calculators.jp.capped'].replace('{{typed}}', 'Rp 50.000.000').replaceAll('{{cap}}', used)),
              'the page says the wage was capped and by which cap');
    const below = h.htmlText((await h.request(server.baseUrl, '/calculators/jp?months=240&wage=5000000')).text);
    assert.ok(!below.includes(ID['calculators.jp.capped'].split('{{')[0]), 'no cap note under the cap');
  });

  test('money inputs: what people type is read as rupiah; shorthands, cents and other text get their own translated error beside the field', async () => {
    for (const typed of ['Rp 5.000.000', '5.000.000', '5,000,000', '5000000', 'Rp5.000.000,-', '5 000 000']) {
      const res = await h.request(server.baseUrl, `/calculators/jp?months=240&wage=${encodeURIComponent(typed)}`);
      assert.equal(res.status, 200, typed);
      assert.ok(h.htmlText(res.text).includes(ID['calculators.jp.formula'].replace('{{months}}', '240')
        .replace('{{wage}}', 'Rp 5.000.000').replace('{{amount}}', 'Rp 1.000.000')), typed);
    }
    for (const [typed, key] of [['5jt', 'money.error.shorthand'], ['5 juta', 'money.error.shorthand'],
                                ['5.000,50', 'money.error.cents'], ['5.00.000', 'money.error.not_understood'],
                                ['-5.000', 'money.error.negative']]) {
      for (const [lang, t] of [['id', ID], ['en', EN]]) {
        const res = await h.request(server.baseUrl, `/calculators/jht?balance=0&wage=${encodeURIComponent(typed)}&growth=3&return=5&years=3`,
                                    { headers: { 'accept-language': lang } });
        assert.equal(res.status, 422, `${typed} ${lang}`);
        const input = /<input[^>]*\bname="wage"[^>]*>/.exec(res.text)[0];
        assert.equal(h.decodeEntities(/\bvalue="([^"]*)"/.exec(input)[1]), typed, 'the field keeps what was typed');
        assert.match(input, /aria-invalid="true"/);
        const described = /aria-describedby="([^"]*)"/.exec(input)[1].split(' ');
        const errors = described.map((d) => new RegExp(`<span class="field-error" id="${d}">([\\s\\S]*?)</span>\\s*<input`).exec(res.text)?.[1])
          .filter(Boolean).map((e) => h.htmlText(e));
        assert.ok(errors.some((e) => e.includes(t[key])), `${typed} ${lang}: the error (${t[key]}) is tied to the field: ${errors}`);
        assert.ok(h.htmlText(res.text).includes(t[key]), `${typed} ${lang}: ${key}`);
      }
    }
    const big = await h.request(server.baseUrl, '/calculators/jp?months=240&wage=99.000.000.000', { headers: { 'accept-language': 'en' } });
    assert.equal(big.status, 422);
    assert.ok(h.htmlText(big.text).includes(EN['money.error.too_large'].replace('{{max}}', 'Rp 10,000,000,000')));
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
    assert.ok(h.htmlText(bad.text).includes(EN['calculators.error.jkm_months']));
    assert.ok(h.htmlText(bad.text).includes(EN['calculators.error.children']));
  });

  test('JKM explained: the months field is about JKM, not the pension, and each part says what it is', async () => {
    for (const [lang, t] of [['id', ID], ['en', EN]]) {
      const res = await h.request(server.baseUrl, '/calculators/jkm?months=24&children=2', { headers: { 'accept-language': lang } });
      assert.equal(res.status, 200);
      const labels = [...res.text.matchAll(/<label[^>]*>([\s\S]*?)<\/label>/g)].map((m) => h.htmlText(m[1]).trim());
      assert.ok(labels.includes(t['calculators.field.jkm_months']), `${lang}: ${labels.join(' | ')}`);
      assert.ok(!labels.includes(t['calculators.field.months']), `${lang}: not the JP label`);
      const text = h.htmlText(res.text);
      assert.ok(text.includes(t['calculators.hint.jkm_months']), `${lang}: the JKM hint`);
      assert.ok(!text.includes(t['calculators.hint.months']), `${lang}: not the pension hint`);
      const money = lang === 'id' ? rupiahId : (n) => `Rp ${Number(n).toLocaleString('en-US')}`;
      for (const part of [
        t['calculators.jkm.total_explained'].replace('{{death}}', money(20_000_000)).replace('{{periodic}}', money(12_000_000))
          .replace('{{funeral}}', money(10_000_000)),
        t['calculators.jkm.death_explained'],
        t['calculators.jkm.periodic_explained'].replace('{{months}}', '24').replace('{{monthly}}', money(500_000)),
        t['calculators.jkm.funeral_explained'],
        t['calculators.jkm.scholarship_rule'].replace('{{children}}', '2').replace('{{max}}', money(174_000_000)).replace('{{min}}', '36'),
        t['calculators.jkm.scholarship_short'].replace('{{min}}', '36').replace('{{missing}}', '12'),
      ]) {
        assert.ok(text.includes(part), `${lang}: ${part}`);
      }
      assert.ok(!/, (untuk|for) 24 (bulan|months), /.test(text), `${lang}: no unexplained "for 24 months, paid at once"`);
    }
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

    // Signs `who` (alice unless told) in on a new context of the browser; returns {context, page}.
    async function signIn(lang, { javaScriptEnabled }, who = alice) {
      const context = await browser.newContext({
        viewport: { width: 360, height: 740 }, javaScriptEnabled, locale: lang === 'en' ? 'en-US' : 'id-ID',
      });
      const page = await context.newPage();
      const t = lang === 'en' ? EN : ID;
      await page.goto(`${server.baseUrl}/lang/${lang}?next=%2Flogin`);
      await page.getByLabel(t['identity.login.identifier']).fill(who.email);
      await page.getByLabel(t['identity.login.password'], { exact: true }).fill(who.password);
      await page.getByRole('button', { name: t['identity.login.submit'], exact: true }).click();
      await page.waitForURL(/\/dashboard$/);
      return { context, page };
    }
    // axe-core clean (WCAG 2.2 AA) and no horizontal scroll at 360 px.
    async function checkPage(page, path) {
      const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], path);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      const wide = overflow > 0 ? await page.evaluate(() => [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth || (e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0 && getComputedStyle(e).overflowX === 'visible'))
        .slice(0, 4).map((e) => `${e.tagName}.${e.className}@${Math.round(e.getBoundingClientRect().right)}: ${e.textContent.trim().slice(0, 40)}`)) : [];
      assert.ok(overflow <= 0, `${path}: no horizontal scroll at 360 px (overflow ${overflow}px: ${wide.join(' | ')})`);
    }
    const PATHS = ['/dashboard', '/contributions', '/contributions?year=all', '/contributions?year=all&page=2',
                   '/savings', '/calculators',
                   '/calculators/jht?balance=1000000&wage=5000000&growth=3&return=5&years=3',
                   '/calculators/jp?months=100&wage=4000000', '/calculators/jht?wage=x',
                   '/calculators/jkm?months=24&children=2'];

    for (const lang of ['id', 'en']) {
      test(`WCAG 2.2 AA (axe) and 360 px: money pages in ${lang}`, async () => {
        const { context, page } = await signIn(lang, { javaScriptEnabled: true });
        try {
          for (const path of PATHS) {
            await page.goto(`${server.baseUrl}${path}`);
            await checkPage(page, path);
          }
        } finally {
          await context.close();
        }
      });

      test(`savings chart at 360 px in ${lang}: every axis label renders at least at the body text size (16 px)`, async () => {
        const { context, page } = await signIn(lang, { javaScriptEnabled: true }, carol);
        try {
          await page.goto(`${server.baseUrl}/savings`);
          const sizes = await page.evaluate(() => {
            const svg = document.querySelector('svg.chart');
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            return {
              body: parseFloat(getComputedStyle(document.body).fontSize),
              labels: [...svg.querySelectorAll('text')].map((t) => ({
                text: t.textContent,
                px: parseFloat(getComputedStyle(t).fontSize) * scale,
                height: t.getBoundingClientRect().height,
              })),
            };
          });
          assert.ok(sizes.labels.length >= 2, 'the top value and at least one year');
          for (const label of sizes.labels) {
            assert.ok(label.px >= 16 && label.px >= sizes.body, `${label.text}: ${label.px.toFixed(1)} px rendered (body ${sizes.body} px)`);
            assert.ok(label.height >= 16, `${label.text}: its box is ${label.height.toFixed(1)} px high`);
          }
        } finally {
          await context.close();
        }
      });

      test(`40 years of contributions in ${lang}: all years chosen in the form and paged by links without JavaScript; the claims card leads to the claims`, async () => {
        const t = lang === 'en' ? EN : ID;
        const [{ n }] = await id.sqlRows(server.database, `SELECT COUNT(*) AS n FROM contributions WHERE member_id = ${carol.member.id}`);
        const pages = Math.ceil(Number(n) / ROWS_PER_PAGE);
        const { context, page } = await signIn(lang, { javaScriptEnabled: false }, carol);
        try {
          await page.goto(`${server.baseUrl}/contributions`);
          await page.getByLabel(t['contributions.filter.year'], { exact: true }).selectOption({ label: t['contributions.filter.all_years'] });
          await page.getByRole('button', { name: t['contributions.filter.submit'], exact: true }).click();
          await page.waitForURL((u) => u.searchParams.get('year') === 'all');
          const pager = page.getByRole('navigation', { name: t['contributions.pages_label'] });
          const pageLink = (number) => pager.getByRole('link', { name: t['contributions.page_link'].replace('{{page}}', number), exact: true });
          assert.equal(await pageLink(1).getAttribute('aria-current'), 'page');
          await pager.getByRole('link', { name: t['contributions.next_page'] }).click();
          await page.waitForURL((u) => u.searchParams.get('page') === '2');
          assert.equal(await pageLink(2).getAttribute('aria-current'), 'page');
          assert.equal(await pageLink(1).getAttribute('aria-current'), null);
          assert.ok((await page.locator('main').innerText()).includes(pageOf(t, 2, pages)));
          await pageLink(pages).click();
          await page.waitForURL((u) => u.searchParams.get('page') === String(pages));
          assert.equal(await pager.getByRole('link', { name: t['contributions.next_page'] }).count(), 0, 'no page after the last');
          const [{ years }] = await id.sqlRows(server.database,
            `SELECT COUNT(DISTINCT period / 100) AS years FROM contributions WHERE member_id = ${carol.member.id}`);
          assert.equal(await page.locator('#year-totals tbody tr').count(), Number(years), 'one row per year');

          await page.goto(`${server.baseUrl}/dashboard`);
          const card = page.locator('li.card', { has: page.getByRole('heading', { name: t['claims.card.title'], exact: true }) });
          assert.ok((await card.innerText()).includes(t['claims.card.none']));
          await card.getByRole('link', { name: t['claims.card.link'] }).click();
          await page.waitForURL((u) => u.pathname === '/claims');
          assert.ok(await page.getByRole('heading', { level: 1 }).isVisible());
        } finally {
          await context.close();
        }
      });

      test(`WCAG 2.2 AA (axe) and 360 px: the pages of a 40-year history in ${lang}`, async () => {
        const { context, page } = await signIn(lang, { javaScriptEnabled: true }, carol);
        try {
          for (const path of ['/contributions?year=all', '/contributions?year=all&page=10',
                              `/contributions?year=all&employer=${oldEmployer.id}&page=3`]) {
            await page.goto(`${server.baseUrl}${path}`);
            await checkPage(page, path);
          }
        } finally {
          await context.close();
        }
      });

      test(`no page scrolls sideways from 320 to 1920 px in ${lang}; a wide table scrolls in its own labelled, focusable region`, async () => {
        const { context, page } = await signIn(lang, { javaScriptEnabled: true });
        const [{ year }] = await id.sqlRows(server.database,
          `SELECT MAX(period) / 100 AS year FROM contributions WHERE member_id = ${alice.member.id}`);
        try {
          for (const path of ['/dashboard', '/contributions?year=all', `/contributions?year=${year}`, '/savings',
                              '/documents', '/card', '/profile', '/notifications', '/account/security',
                              '/calculators', '/', '/help']) {
            await page.goto(`${server.baseUrl}${path}`);
            for (const width of [320, 360, 768, 1280, 1920]) {
              await page.setViewportSize({ width, height: 800 });
              const { scroll, client } = await page.evaluate(() => ({
                scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
              assert.ok(scroll <= client, `${path} at ${width} px: the page is ${scroll} px wide in ${client} px`);
            }
          }
          await page.setViewportSize({ width: 1280, height: 800 });
          await page.goto(`${server.baseUrl}/contributions?year=${year}`);
          const region = page.getByRole('region', { name: (await page.locator('#month-rows caption').textContent()).trim() });
          assert.equal(await region.getAttribute('tabindex'), '0', 'the table region takes keyboard focus');
          assert.ok(await region.evaluate((e) => e.scrollWidth > e.clientWidth), 'the table scrolls inside its region at 1280 px');
          await checkPage(page, `/contributions?year=${year} at 1280 px`);
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
