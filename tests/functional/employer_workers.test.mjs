// An employer's workers (src/employers worker_routes.cc, workers.cc): the list with search,
// filter and pages, registering a worker (an existing member keeps the KPJ, a new person gets
// a new one and can then create a portal account), the worker's page and ending an employment
// (the member's status and inbox). Through HTTP as the employer's administrator, another
// employer's administrator (IDOR), a member and an anonymous visitor; then in Chromium with
// axe-core (WCAG 2.2 AA) at 360 px, and without JavaScript. Backend: LUMBUNG_TEST_BACKEND.
// Requirement IDs: OWASP ASVS 4.0.3 V4.1/V4.2 (access control, IDOR), V5.1 (input
// validation), V7.1 (audit without personal data), V4.2.2 (CSRF).
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
const PROGRAMS = ['jht', 'jkk', 'jkm', 'jp', 'jkp'];

const pageText = (res) => h.htmlText(res.text);
const fill = (message, values = {}) => message.replace(/\{\{(\w+)\}\}/g, (_, k) => String(values[k] ?? `{{${k}}}`));
const sqlQuote = (s) => `'${String(s).replace(/'/g, "''")}'`;
// The fund's day (WIB, the default fund.time_zone), YYYY-MM-DD.
const fundToday = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

// The Damm check (employers/damm.h): a number whose digits run the table to 0 is valid.
const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2], [7, 0, 9, 2, 1, 5, 4, 8, 6, 3], [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6], [6, 1, 2, 3, 0, 4, 5, 9, 7, 8], [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4], [8, 9, 4, 5, 3, 6, 2, 0, 1, 7], [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];
const dammValid = (digits) => [...digits].reduce((interim, d) => DAMM[interim][Number(d)], 0) === 0;

// A valid NIK (registry/nik.h) for a person born on `birth` (YYYY-MM-DD): Jakarta (31) 71 01,
// women with 40 added to the day; serials 9xxx, which the demo registry does not use here.
function nikFor(birth, sex, serial) {
  const day = Number(birth.slice(8, 10)) + (sex === 'F' ? 40 : 0);
  return `317101${String(day).padStart(2, '0')}${birth.slice(5, 7)}${birth.slice(2, 4)}${String(serial).padStart(4, '0')}`;
}

// The registration form's fields as a browser sends them (programs repeated).
function registrationFields({ nik, name, birth, sex, start = '2025-03-01', wage = '5.000.000', programs = PROGRAMS }) {
  const date = (prefix, iso) => [[`${prefix}_day`, String(Number(iso.slice(8, 10)))],
                                 [`${prefix}_month`, String(Number(iso.slice(5, 7)))],
                                 [`${prefix}_year`, iso.slice(0, 4)]];
  return [['nik', nik], ['full_name', name], ...date('birth_date', birth), ['sex', sex],
          ...date('start_date', start), ['wage', wage], ...programs.map((p) => ['programs', p])];
}
const endFields = (iso, reason) => [['end_date_day', String(Number(iso.slice(8, 10)))],
                                    ['end_date_month', String(Number(iso.slice(5, 7)))],
                                    ['end_date_year', iso.slice(0, 4)], ...(reason ? [['reason', reason]] : [])];

// POSTs `pairs` (repeated names allowed) with the CSRF token of `page` (fetched first), or
// `csrf` (null: none).
async function postPairs(client, target, pairs, { page = target, csrf } = {}) {
  let token = csrf;
  if (token === undefined) {
    await client.get(page);
    token = client.csrf;
  }
  const body = new URLSearchParams();
  if (token !== null) body.append('csrf', token);
  for (const [name, value] of pairs) body.append(name, value);
  return client.request(target, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString(),
  });
}

// The field's error is on the page: beside the field, in the summary as a link to it, and in
// the title (ui-patterns.md).
function assertFieldError(res, field, message) {
  assert.equal(res.status, 422, `${field}: ${pageText(res).slice(0, 500)}`);
  assert.ok(h.htmlTitle(res.text).startsWith(ID['title.error_prefix'].trim()), `title of ${field} error`);
  const beside = new RegExp(`id="f-${field}-error"><span class="visually-hidden">[^<]*</span>([^<]*)</span>`).exec(res.text);
  assert.ok(beside, `an error beside ${field}: ${pageText(res).slice(0, 500)}`);
  assert.equal(h.decodeEntities(beside[1]), message, `the message beside ${field}`);
  assert.match(res.text, new RegExp(`aria-describedby="[^"]*\\bf-${field}-error\\b`), `${field}: tied with aria-describedby`);
  const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(res.text)?.[0] ?? '';
  assert.ok(h.decodeEntities(summary).includes(message), `${field}: the summary names it`);
  assert.match(summary, new RegExp(`href="#f-${field}`), `${field}: the summary links to it`);
}

// The worker rows of a list page: their member ids, in order.
const listedIds = (html) => [...html.matchAll(/<th scope="row"[^>]*><a href="\/employer\/workers\/(\d+)">/g)].map((m) => Number(m[1]));

describe(`an employer's workers on ${backend}`, () => {
  let sink;
  let server;
  let portal;
  let acme;   // {id, name}: the employer under test
  let other;  // another employer
  let admin;  // acme's administrator
  let rival;  // the other employer's administrator
  let members; // the demo registry's members: {id, nik, kpj, full_name, birth_date, sex, status}
  let active;  // acme's 27 current workers
  let ended;   // acme's 2 former workers
  let newcomer; // registered as a new person: {memberId, kpj, nik, birth, name}

  async function snapshot() {
    const [row] = await id.sqlRows(server.database,
      'SELECT (SELECT COUNT(*) FROM members) AS members, (SELECT COUNT(*) FROM employment_spells) AS spells, ' +
      '(SELECT COUNT(*) FROM employment_spells WHERE end_date IS NULL) AS open_spells, ' +
      "(SELECT COUNT(*) FROM audit_log WHERE action LIKE 'employer.%') AS audited, " +
      '(SELECT COUNT(*) FROM inbox_items) AS inbox, ' +
      "(SELECT next_value FROM number_sequences WHERE name = 'kpj') AS next_kpj, " +
      "(SELECT COUNT(*) FROM members WHERE status = 'active') AS active_members");
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
  }

  before(async () => {
    sink = await startMailSink();
    server = await h.startServer({ env: { ...sink.env } });
    portal = { baseUrl: server.baseUrl, database: server.database };
    const seeded = await h.runLumbung(['seed-demo', '--members', '40', '--employers', '5', '--years', '1'],
                                      { env: h.databaseEnv(server.database) });
    assert.equal(seeded.code, 0, seeded.stderr);
    await id.sqlExec(server.database,
      "INSERT INTO employers (npp, name, sector, province_code, jkk_risk_class, registered_on) VALUES " +
      "('WRKA0001', 'PT Uji Pekerja', 'manufacturing', 31, 1, '2015-01-01'), " +
      "('WRKB0002', 'CV Pesaing Lain', 'trade', 32, 0, '2016-01-01')");
    const employers = await id.sqlRows(server.database,
      "SELECT id, name, npp FROM employers WHERE npp IN ('WRKA0001', 'WRKB0002') ORDER BY npp");
    acme = { id: Number(employers[0].id), name: employers[0].name };
    other = { id: Number(employers[1].id), name: employers[1].name };
    members = (await id.sqlRows(server.database,
      'SELECT id, nik, kpj, full_name, CAST(birth_date AS TEXT) AS birth_date, sex, status FROM members ' +
      "WHERE status <> 'deceased' ORDER BY id")).map((m) => ({ ...m, id: Number(m.id), birth_date: String(m.birth_date).slice(0, 10) }));
    assert.ok(members.length >= 36, `enough living members (${members.length})`);
    active = members.slice(0, 27);
    ended = members.slice(27, 29);
    const values = [
      ...active.map((m) => `(${m.id}, ${acme.id}, '2024-02-01', NULL, NULL)`),
      ...ended.map((m) => `(${m.id}, ${acme.id}, '2023-01-01', '2025-06-30', 'resigned')`),
    ];
    await id.sqlExec(server.database,
      `INSERT INTO employment_spells (member_id, employer_id, start_date, end_date, end_reason) VALUES ${values.join(', ')}`);
    await id.sqlExec(server.database,
      `INSERT INTO wage_reports (member_id, period, employer_id, wage) VALUES (${active[0].id}, 202402, ${acme.id}, 4800000), ` +
      `(${active[0].id}, 202403, ${acme.id}, 5100000), (${active[0].id}, 202403, ${other.id}, 7700000)`);
    admin = await id.signedInEmployerAdmin(portal, sink, { employerId: acme.id });
    rival = await id.signedInEmployerAdmin(portal, sink, { employerId: other.id });
  });
  after(async () => {
    await server?.stop();
    await sink?.stop();
  });

  test('ASVS 4.1.1: anonymous visitors are sent to sign in and cannot post; members get 403', async () => {
    const worker = active[0].id;
    const pages = ['/employer/workers', '/employer/workers/new', `/employer/workers/${worker}`, `/employer/workers/${worker}/end`];
    for (const path of pages) {
      const res = await h.request(server.baseUrl, path);
      assert.equal(res.status, 303, path);
      assert.equal(res.headers.location, `/login?next=${encodeURIComponent(path)}`, path);
    }
    for (const path of ['/employer/workers/new', `/employer/workers/${worker}/end`]) {
      const anonymous = new id.Client(server.baseUrl);
      const res = await postPairs(anonymous, path, endFields('2026-01-01', 'resigned'), { page: '/login' });
      assert.equal(res.status, 403, `POST ${path}`);
    }
    // A member (with a portal account) is no employer.
    const member = members[35];
    const client = new id.Client(server.baseUrl);
    const email = id.uniqueEmail('workers-member');
    const password = id.newPassword();
    const { res } = await client.submit('/register', {
      nik: member.nik, kpj: member.kpj, birth_date: member.birth_date, email, username: '', password,
    });
    assert.equal(res.status, 303, pageText(res).slice(0, 300));
    await client.submit(id.mailLink(await new id.Mailbox(sink, email).next('verify_email'), '/verify-email'));
    assert.equal((await client.submit('/login', { identifier: email, password })).res.headers.location, '/dashboard');
    for (const path of pages) assert.equal((await client.get(path)).status, 403, `member GET ${path}`);
    await client.get('/dashboard');  // its registry sync may post to the member's inbox: before the snapshot
    const before = await snapshot();
    for (const path of ['/employer/workers/new', `/employer/workers/${worker}/end`]) {
      const res = await postPairs(client, path, endFields('2026-01-01', 'resigned'), { csrf: client.csrf });
      assert.equal(res.status, 403, `member POST ${path}`);
    }
    assert.deepEqual(await snapshot(), before);
  });

  test('the list: this employer\'s workers only, 25 a page, filter by still working / left / all, search by name, KPJ or NIK; NIKs masked', async () => {
    const res = await admin.client.get('/employer/workers');
    assert.equal(res.status, 200);
    assert.deepEqual(h.htmlH1s(res.text), [ID['employers.workers.list.title']]);
    assert.ok(pageText(res).includes(fill(ID['employers.workers.list.count'], { count: 27 })), pageText(res).slice(0, 600));
    const first = listedIds(res.text);
    assert.equal(first.length, 25);
    assert.ok(res.text.length < 50 * 1024, `under 50 KB (${res.text.length})`);
    assert.match(res.text, /<div class="table-scroll" role="region" tabindex="0" aria-labelledby="workers-caption">/);
    for (const m of members) assert.ok(!res.text.includes(m.nik), 'never a whole NIK');
    assert.ok(res.text.includes(`•••• •••• •••• ${active[0].nik.slice(12)}`), 'NIKs as their last four digits');
    const nextHref = /<a href="([^"]+)" rel="next">/.exec(res.text)?.[1];
    assert.equal(h.decodeEntities(nextHref ?? ''), '/employer/workers?status=active&page=2');
    const second = await admin.client.get('/employer/workers?status=active&page=2');
    const rest = listedIds(second.text);
    assert.equal(rest.length, 2);
    assert.deepEqual([...first, ...rest].sort((a, b) => a - b), active.map((m) => m.id).sort((a, b) => a - b));
    assert.ok(pageText(second).includes(fill(ID['employers.workers.list.page_of'], { page: 2, pages: 2 })));
    assert.equal(listedIds((await admin.client.get('/employer/workers?page=99')).text).length, 25, 'no such page: the first');

    const left = await admin.client.get('/employer/workers?status=ended');
    assert.deepEqual(listedIds(left.text).sort(), ended.map((m) => m.id).sort());
    assert.ok(pageText(left).includes(fill(ID['employers.workers.status_ended_on'], { date: `30 ${ID['date.months.6']} 2025` })));
    assert.equal(listedIds((await admin.client.get('/employer/workers?status=all&page=2')).text).length, 4, '29 in all');

    const target = active[5];
    assert.deepEqual(listedIds((await admin.client.get(`/employer/workers?q=${target.kpj}`)).text), [target.id], 'by KPJ');
    assert.deepEqual(listedIds((await admin.client.get(`/employer/workers?q=${target.nik}`)).text), [target.id], 'by NIK');
    const word = target.full_name.split(' ').sort((a, b) => b.length - a.length)[0];
    const byName = listedIds((await admin.client.get(`/employer/workers?status=all&q=${encodeURIComponent(word.toLowerCase())}`)).text);
    assert.ok(byName.includes(target.id), `by part of the name "${word}"`);
    const outsider = members[32];
    assert.deepEqual(listedIds((await admin.client.get(`/employer/workers?status=all&q=${outsider.nik}`)).text), [], 'not a worker here');
    assert.equal((await admin.client.get('/employer/workers?status=bogus&q=%27%20OR%201%3D1%20--')).status, 200);
    const long = encodeURIComponent(`a${'é'.repeat(60)}`);  // its 100th byte is inside a character
    assert.equal((await admin.client.get(`/employer/workers?status=all&q=${long}`)).status, 200);

    // ASVS 4.2.1: the other employer sees none of these.
    const theirs = await rival.client.get('/employer/workers?status=all');
    assert.deepEqual(listedIds(theirs.text), []);
    assert.deepEqual(listedIds((await rival.client.get(`/employer/workers?status=all&q=${target.nik}`)).text), []);
  });

  test('the worker\'s page: masked NIK, KPJ, the spells and wages at this employer only', async () => {
    const m = active[0];
    const res = await admin.client.get(`/employer/workers/${m.id}`);
    assert.equal(res.status, 200);
    assert.deepEqual(h.htmlH1s(res.text), [m.full_name]);
    const text = pageText(res);
    assert.ok(text.includes(m.kpj) && text.includes(`•••• •••• •••• ${m.nik.slice(12)}`));
    assert.ok(!res.text.includes(m.nik), 'never the whole NIK');
    assert.ok(text.includes(`1 ${ID['date.months.2']} 2024`), 'the spell here');
    assert.ok(text.includes('Rp 5.100.000') && text.includes('Rp 4.800.000'), 'the wages reported here');
    assert.ok(text.indexOf('Rp 5.100.000') < text.indexOf('Rp 4.800.000'), 'newest month first');
    assert.ok(!text.includes('7.700.000'), 'not what another employer reported');
    assert.ok(res.text.includes(`href="/employer/workers/${m.id}/end"`));
    assert.ok(res.text.length < 50 * 1024);
  });

  test('ASVS 5.1.3: registering an existing member links them and keeps the KPJ; amounts as people type them; audited without the NIK (ASVS 7.1.1)', async () => {
    const m = members[30];
    const before = await snapshot();
    const res = await postPairs(admin.client, '/employer/workers/new', registrationFields({
      nik: m.nik.replace(/(\d{4})(?=\d)/g, '$1 '), name: m.full_name, birth: m.birth_date, sex: m.sex,
      wage: 'Rp 5.000.000', programs: ['jht', 'jkk', 'jkm'],
    }));
    assert.equal(res.status, 303, pageText(res).slice(0, 600));
    assert.equal(res.headers.location, `/employer/workers/${m.id}?notice=linked`);
    const after = await snapshot();
    assert.equal(after.members, before.members, 'no new member');
    assert.equal(after.next_kpj, before.next_kpj, 'no KPJ issued');
    assert.equal(after.spells, before.spells + 1);
    const [spell] = await id.sqlRows(server.database,
      `SELECT declared_wage, programs, CAST(start_date AS TEXT) AS start_date FROM employment_spells WHERE member_id = ${m.id} AND employer_id = ${acme.id}`);
    assert.equal(Number(spell.declared_wage), 5000000);
    assert.equal(spell.programs, 'jht,jkk,jkm');
    assert.equal(String(spell.start_date).slice(0, 10), '2025-03-01');
    const page = await admin.client.get(res.headers.location);
    assert.ok(pageText(page).includes(fill(ID['employers.workers.notice.linked'], { name: m.full_name, kpj: m.kpj })));
    const [member] = await id.sqlRows(server.database, `SELECT kpj, status FROM members WHERE id = ${m.id}`);
    assert.equal(member.kpj, m.kpj);
    assert.equal(member.status, 'active');
    const [audit] = await id.sqlRows(server.database,
      "SELECT actor_user_id, details FROM audit_log WHERE action = 'employer.worker_registered' ORDER BY id DESC LIMIT 1");
    assert.equal(Number(audit.actor_user_id), admin.accountId);
    const details = JSON.parse(audit.details);
    assert.equal(details.employer_id, String(acme.id));
    assert.equal(details.member_id, String(m.id));
    assert.ok(!audit.details.includes(m.nik), 'no NIK in the audit log');

    // A second job: the same person at the other employer is allowed too.
    const second = await postPairs(rival.client, '/employer/workers/new', registrationFields({
      nik: m.nik, name: m.full_name, birth: m.birth_date, sex: m.sex, wage: '3,500,000',
    }));
    assert.equal(second.status, 303, pageText(second).slice(0, 400));
  });

  test('a new person gets a new KPJ with a valid check digit, and can then create a portal account with NIK, KPJ and date of birth', async () => {
    const birth = '1995-04-12';
    const nik = nikFor(birth, 'M', 9001);
    assert.equal((await id.sqlRows(server.database, `SELECT id FROM members WHERE nik = '${nik}'`)).length, 0);
    const before = await snapshot();
    const res = await postPairs(admin.client, '/employer/workers/new', registrationFields({
      nik, name: 'Agus  Setiawan', birth, sex: 'M', wage: '5,000,000',
    }));
    assert.equal(res.status, 303, pageText(res).slice(0, 600));
    const memberId = Number(/^\/employer\/workers\/(\d+)\?notice=registered$/.exec(res.headers.location)?.[1]);
    assert.ok(memberId > 0, res.headers.location);
    const [row] = await id.sqlRows(server.database,
      `SELECT kpj, full_name, status, sex, CAST(birth_date AS TEXT) AS birth_date FROM members WHERE id = ${memberId}`);
    assert.match(row.kpj, /^[1-9]\d{10}$/);
    assert.ok(dammValid(row.kpj), `KPJ ${row.kpj} has a valid Damm check digit`);
    assert.ok(dammValid('10000000003') && !dammValid('10000000030'), 'the check itself works');
    assert.equal(row.full_name, 'Agus Setiawan');
    assert.equal(row.status, 'active');
    assert.equal(String(row.birth_date).slice(0, 10), birth);
    const after = await snapshot();
    assert.equal(after.members, before.members + 1);
    assert.ok(after.next_kpj > before.next_kpj, 'the KPJ sequence moved on');
    const page = await admin.client.get(res.headers.location);
    assert.ok(pageText(page).includes(fill(ID['employers.workers.notice.registered'], { name: 'Agus Setiawan', kpj: row.kpj })));
    newcomer = { memberId, kpj: row.kpj, nik, birth, name: 'Agus Setiawan' };

    // The existing sign-up flow knows them at once.
    const client = new id.Client(server.baseUrl);
    const email = id.uniqueEmail('newcomer');
    const password = id.newPassword();
    const signUp = await client.submit('/register', { nik, kpj: row.kpj, birth_date: birth, email, username: '', password });
    assert.equal(signUp.res.status, 303, pageText(signUp.res).slice(0, 300));
    assert.equal(signUp.res.headers.location, '/verify-email?sent=1');
    const verified = await client.submit(id.mailLink(await new id.Mailbox(sink, email).next('verify_email'), '/verify-email'));
    assert.equal(verified.res.status, 303);
    Object.assign(newcomer, { email, password });
  });

  test('ASVS 5.1.3, 5.1.4: a bad NIK, a birth date that is not the NIK\'s, a wage written "5jt", a worker already here: 422 beside the field, nothing changes', async () => {
    const birth = '1992-11-03';
    const good = { nik: nikFor(birth, 'F', 9101), name: 'Dewi Lestari', birth, sex: 'F' };
    const before = await snapshot();

    const badNik = await postPairs(admin.client, '/employer/workers/new', registrationFields({ ...good, nik: '1234' }));
    assertFieldError(badNik, 'nik', ID['employers.workers.new.error.nik_length']);
    assert.match(badNik.text, /id="f-nik"[^>]*value="1234"/, 'what was typed is kept');
    assert.ok(badNik.text.length < 50 * 1024, `the form under 50 KB (${badNik.text.length})`);
    assert.match(badNik.text, /id="f-full_name"[^>]*value="Dewi Lestari"/);

    const mismatch = await postPairs(admin.client, '/employer/workers/new', registrationFields({ ...good, birth: '1992-11-04' }));
    assertFieldError(mismatch, 'birth_date', ID['employers.workers.new.error.birth_date_nik']);

    const sex = await postPairs(admin.client, '/employer/workers/new', registrationFields({ ...good, sex: 'M' }));
    assertFieldError(sex, 'sex', ID['employers.workers.new.error.sex_nik']);

    const shorthand = await postPairs(admin.client, '/employer/workers/new', registrationFields({ ...good, wage: '5jt' }));
    assertFieldError(shorthand, 'wage', ID['money.error.shorthand']);
    assert.match(shorthand.text, /id="f-wage"[^>]*value="5jt"/);

    const none = await postPairs(admin.client, '/employer/workers/new', registrationFields({ ...good, programs: [] }));
    assertFieldError(none, 'programs', ID['employers.workers.new.error.programs']);

    const here = active[1];
    const again = await postPairs(admin.client, '/employer/workers/new', registrationFields({
      nik: here.nik, name: here.full_name, birth: here.birth_date, sex: here.sex,
    }));
    assertFieldError(again, 'nik', ID['employers.workers.new.error.already_active_here']);

    // Everything wrong at once: every field says so.
    const all = await postPairs(admin.client, '/employer/workers/new', [['nik', ''], ['full_name', '4dm1n'], ['wage', '-5']]);
    assert.equal(all.status, 422);
    for (const field of ['nik', 'full_name', 'birth_date', 'sex', 'start_date', 'wage', 'programs']) {
      assert.ok(all.text.includes(`id="f-${field}-error"`), `${field} has its error`);
    }
    assert.deepEqual(await snapshot(), before, 'nothing changed');
  });

  test('ending an employment: the last day and a reason; the member becomes inactive and finds a notice in the inbox', async () => {
    assert.ok(newcomer?.email, 'the new person of the test before');
    const path = `/employer/workers/${newcomer.memberId}/end`;
    const form = await admin.client.get(path);
    assert.equal(form.status, 200);
    assert.ok(pageText(form).includes(fill(ID['employers.workers.end.started'], { date: `1 ${ID['date.months.3']} 2025` })));
    const before = await snapshot();
    const early = await postPairs(admin.client, path, endFields('2025-02-28', 'resigned'));
    assertFieldError(early, 'end_date', fill(ID['employers.workers.end.error.before_start'], { date: `1 ${ID['date.months.3']} 2025` }));
    const tomorrow = new Date(Date.parse(`${fundToday()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const late = await postPairs(admin.client, path, endFields(tomorrow, 'resigned'));
    assertFieldError(late, 'end_date', ID['employers.workers.end.end_date_problem.too_late']);
    const noReason = await postPairs(admin.client, path, endFields(fundToday()));
    assertFieldError(noReason, 'reason', ID['employers.workers.end.error.reason']);
    const oddReason = await postPairs(admin.client, path, endFields(fundToday(), 'bored'));
    assert.equal(oddReason.status, 422);
    assert.deepEqual(await snapshot(), before, 'refusals change nothing');

    // The member wants news of their contributions by mail too (off unless chosen).
    const memberClient = new id.Client(server.baseUrl);
    await memberClient.submit('/login', { identifier: newcomer.email, password: newcomer.password });
    const choice = await memberClient.submit('/notifications/preferences', { contributions: '1', payments: '1', claims: '1' });
    assert.equal(choice.res.status, 303);

    const done = await postPairs(admin.client, path, endFields(fundToday(), 'resigned'));
    assert.equal(done.status, 303, pageText(done).slice(0, 400));
    assert.equal(done.headers.location, `/employer/workers/${newcomer.memberId}?notice=ended`);
    const [spell] = await id.sqlRows(server.database,
      `SELECT CAST(end_date AS TEXT) AS end_date, end_reason FROM employment_spells WHERE member_id = ${newcomer.memberId}`);
    assert.equal(String(spell.end_date).slice(0, 10), fundToday());
    assert.equal(spell.end_reason, 'resigned');
    const [member] = await id.sqlRows(server.database, `SELECT status FROM members WHERE id = ${newcomer.memberId}`);
    assert.equal(member.status, 'inactive', 'no other job: inactive');
    const [account] = await id.sqlRows(server.database, `SELECT id FROM accounts WHERE member_id = ${newcomer.memberId}`);
    const items = await id.sqlRows(server.database,
      `SELECT category, message_id, link FROM inbox_items WHERE account_id = ${account.id}`);
    assert.deepEqual(items.map((i) => [i.category, i.message_id]), [['contributions', 'employers.workers.inbox.ended.resigned']]);
    // And by mail, as the member chose for the category.
    const mail = await sink.waitForMail({ to: newcomer.email, subject: ID['employers.workers.mail.ended_subject'] });
    assert.ok(mail.text.includes(acme.name), 'the mail names the employer');
    const [audit] = await id.sqlRows(server.database,
      "SELECT actor_user_id, details FROM audit_log WHERE action = 'employer.worker_ended' ORDER BY id DESC LIMIT 1");
    assert.equal(Number(audit.actor_user_id), admin.accountId);
    assert.equal(JSON.parse(audit.details).employer_id, String(acme.id));
    assert.ok(!audit.details.includes(newcomer.nik));

    // The worker's page says it; the list moves them to "left"; ending again is refused.
    const page = await admin.client.get(done.headers.location);
    assert.ok(pageText(page).includes(fill(ID['employers.workers.notice.ended'], { name: newcomer.name })));
    assert.ok(!page.text.includes(`href="${path}"`), 'nothing left to end');
    assert.ok(listedIds((await admin.client.get('/employer/workers?status=ended')).text).includes(newcomer.memberId));
    assert.equal((await postPairs(admin.client, path, endFields(fundToday(), 'resigned'))).status, 409);

    // The member reads it in their inbox.
    const inbox = await memberClient.get('/notifications');
    assert.equal(inbox.status, 200);
    const today = fundToday();
    const shown = fill(ID['employers.workers.inbox.ended.resigned'], {
      employer: acme.name, end_date: `${Number(today.slice(8, 10))} ${ID[`date.months.${Number(today.slice(5, 7))}`]} ${today.slice(0, 4)}`,
    });
    assert.ok(pageText(inbox).includes(shown), `inbox shows "${shown}": ${pageText(inbox).slice(0, 800)}`);
  });

  test('ASVS 4.2.1: another employer\'s administrator gets 404 for this employer\'s workers on every route, exactly like an unknown id; nothing changes', async () => {
    const mine = active[2].id;
    const unknown = 987654321;
    const before = await snapshot();
    for (const worker of [mine, unknown, 'abc', '0012']) {
      for (const suffix of ['', '/end']) {
        const res = await rival.client.get(`/employer/workers/${worker}${suffix}`);
        assert.equal(res.status, 404, `GET ${worker}${suffix}`);
      }
      await rival.client.get('/employer/workers');
      const post = await postPairs(rival.client, `/employer/workers/${worker}/end`, endFields(fundToday(), 'dismissed'),
                                   { csrf: rival.client.csrf });
      assert.equal(post.status, 404, `POST ${worker}/end`);
    }
    const foreign = await rival.client.get(`/employer/workers/${mine}`);
    const missing = await rival.client.get(`/employer/workers/${unknown}`);
    assert.deepEqual(h.htmlH1s(foreign.text), h.htmlH1s(missing.text), 'the same page as for an unknown id');
    assert.deepEqual(await snapshot(), before);
    // Their own view of a worker they share (the second job above) holds only their own spell.
    const shared = members[30];
    const theirs = await rival.client.get(`/employer/workers/${shared.id}`);
    assert.equal(theirs.status, 200);
    assert.ok(!pageText(theirs).includes('5.000.000'), 'not the wage declared to the other employer');
  });

  test('ASVS 4.2.2: a POST without the CSRF token is refused with 403 and changes nothing', async () => {
    const before = await snapshot();
    const birth = '1990-01-15';
    const register = await postPairs(admin.client, '/employer/workers/new',
      registrationFields({ nik: nikFor(birth, 'M', 9201), name: 'Tanpa Token', birth, sex: 'M' }), { csrf: null });
    assert.equal(register.status, 403);
    const forged = await postPairs(admin.client, '/employer/workers/new',
      registrationFields({ nik: nikFor(birth, 'M', 9202), name: 'Token Palsu', birth, sex: 'M' }), { csrf: 'x'.repeat(40) });
    assert.equal(forged.status, 403);
    const end = await postPairs(admin.client, `/employer/workers/${active[3].id}/end`, endFields(fundToday(), 'resigned'), { csrf: null });
    assert.equal(end.status, 403);
    assert.deepEqual(await snapshot(), before);
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

    // A new administrator of acme signs in: password, then the authenticator's code.
    async function signIn(lang, { javaScriptEnabled }) {
      const account = await id.signedInEmployerAdmin(portal, sink, { employerId: acme.id });
      return id.signInInBrowser(browser, server.baseUrl, account, { lang, javaScriptEnabled, landing: '/employer/workers' });
    }

    async function checkPage(page, what) {
      const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], what);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${what}: no horizontal scroll at 360 px (overflow ${overflow}px)`);
    }

    for (const lang of ['id', 'en']) {
      test(`WCAG 2.2 AA (axe) and 360 px: the list, a worker, the registration form and its errors, the end form in ${lang}`, async () => {
        const t = CATALOG[lang];
        const { context, page } = await signIn(lang, { javaScriptEnabled: true });
        try {
          for (const path of ['/employer/workers', '/employer/workers?status=all&page=2', `/employer/workers/${active[0].id}`,
                              '/employer/workers/new', `/employer/workers/${active[0].id}/end`]) {
            const response = await page.goto(`${server.baseUrl}${path}`);
            assert.equal(response.status(), 200, path);
            await checkPage(page, `${lang} ${path}`);
          }
          await page.goto(`${server.baseUrl}/employer/workers/new`);
          await page.locator('#f-nik').fill('12');
          await page.locator('#f-wage').fill('5jt');
          await page.locator('#f-programs-jht').uncheck();
          await page.getByRole('button', { name: t['employers.workers.new.submit'], exact: true }).click();
          await page.locator('.error-summary').waitFor();
          await checkPage(page, `${lang} registration errors`);
          await page.goto(`${server.baseUrl}/employer/workers/${active[0].id}/end`);
          await page.getByRole('button', { name: t['employers.workers.end.submit'], exact: true }).click();
          await page.locator('.error-summary').waitFor();
          await checkPage(page, `${lang} end errors`);
        } finally {
          await context.close();
        }
      });
    }

    test('without JavaScript: find a worker, register a new person, end an employment', async () => {
      const t = ID;
      const { context, page } = await signIn('id', { javaScriptEnabled: false });
      try {
        await page.getByLabel(t['employers.workers.list.search'], { exact: true }).fill(active[4].kpj);
        await page.getByRole('button', { name: t['employers.workers.list.submit'], exact: true }).click();
        await page.waitForURL(/q=/);
        await page.getByRole('link', { name: active[4].full_name, exact: true }).click();
        await page.waitForURL(new RegExp(`/employer/workers/${active[4].id}$`));

        await page.goto(`${server.baseUrl}/employer/workers`);
        await page.getByRole('link', { name: t['employers.workers.list.register_link'], exact: true }).click();
        await page.waitForURL(/\/employer\/workers\/new$/);
        const birth = '1998-07-21';
        await page.locator('#f-nik').fill(nikFor(birth, 'F', 9301));
        await page.locator('#f-full_name').fill('Putri Ayu Lestari');
        await page.locator('#f-birth_date-day').fill('21');
        await page.locator('#f-birth_date-month').fill('Juli');
        await page.locator('#f-birth_date-year').fill('1998');
        await page.getByLabel(t['employers.workers.sex.F'], { exact: true }).check();
        await page.locator('#f-start_date-day').fill('2');
        await page.locator('#f-start_date-month').fill('1');
        await page.locator('#f-start_date-year').fill('2025');
        await page.locator('#f-wage').fill('Rp 4.750.000');
        await page.locator('#f-programs-jp').uncheck();
        await page.getByRole('button', { name: t['employers.workers.new.submit'], exact: true }).click();
        await page.waitForURL(/\/employer\/workers\/\d+\?notice=registered$/);
        assert.equal(await page.locator('h1').textContent(), 'Putri Ayu Lestari');
        const memberId = Number(/\/employer\/workers\/(\d+)/.exec(page.url())[1]);
        const [spell] = await id.sqlRows(server.database,
          `SELECT declared_wage, programs FROM employment_spells WHERE member_id = ${memberId}`);
        assert.equal(Number(spell.declared_wage), 4750000);
        assert.equal(spell.programs, 'jht,jkk,jkm,jkp');

        await page.getByRole('link', { name: t['employers.workers.worker.end_link'], exact: true }).click();
        await page.waitForURL(/\/end$/);
        const today = fundToday();
        await page.locator('#f-end_date-day').fill(String(Number(today.slice(8, 10))));
        await page.locator('#f-end_date-month').fill(String(Number(today.slice(5, 7))));
        await page.locator('#f-end_date-year').fill(today.slice(0, 4));
        await page.getByLabel(t['employers.workers.reason.contract_ended'], { exact: true }).check();
        await page.getByRole('button', { name: t['employers.workers.end.submit'], exact: true }).click();
        await page.waitForURL(/\?notice=ended$/);
        const [member] = await id.sqlRows(server.database, `SELECT status FROM members WHERE id = ${memberId}`);
        assert.equal(member.status, 'inactive');
      } finally {
        await context.close();
      }
    });
  });
});
