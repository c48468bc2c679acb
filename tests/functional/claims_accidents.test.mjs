// Work accidents (src/claims accident_routes.cc, accident_store.cc, accident_report.cc): an
// employer's administrator reports an accident of one of their workers (the wage defaults to the
// last reported one), the member is told (inbox and mail), reads and confirms it; the employer
// corrects a report until then; validation errors beside their fields; access by role and IDOR
// across employers and members. Through HTTP on the backend LUMBUNG_TEST_BACKEND.
// Requirement IDs: OWASP ASVS 4.0.3 V4.1.1/V4.1.3 (access by role), V4.2.1 (IDOR), V4.2.2
// (CSRF), V5.1.3/V5.1.4 (input validation), V7.1.1/V7.2.2 (audit without the report's text).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import * as h from './harness.mjs';
import * as id from './identity_support.mjs';
import { startMailSink } from './mail_sink.mjs';

const backend = h.currentBackend();
const ID = h.loadCatalog('id');

const pageText = (res) => h.htmlText(res.text);
const fill = (message, values = {}) => message.replace(/\{\{(\w+)\}\}/g, (_, k) => String(values[k] ?? `{{${k}}}`));
// The fund's day (WIB, the default fund.time_zone), YYYY-MM-DD, and days before it.
const fundDay = (daysAgo = 0) => new Date(Date.now() + 7 * 3600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);

// The report form's fields as a browser sends them.
function reportFields({ worker, date = fundDay(10), place = 'Gudang B lantai 2', description = 'Tergelincir di tangga gudang saat membawa barang.',
                        wage = '', fatal = 'no', days = '14' } = {}) {
  const fields = {
    accident_date_day: date ? String(Number(date.slice(8, 10))) : '',
    accident_date_month: date ? String(Number(date.slice(5, 7))) : '',
    accident_date_year: date ? date.slice(0, 4) : '',
    place, description, wage, days,
  };
  if (worker !== undefined) fields.worker = worker;
  if (fatal !== null) fields.fatal = fatal;  // null: no choice made
  return fields;
}

// The field's error is on the page: beside the field, in the summary as a link to it, and in
// the title (ui-patterns.md).
function assertFieldError(res, field, message) {
  assert.equal(res.status, 422, `${field}: ${pageText(res).slice(0, 500)}`);
  assert.ok(h.htmlTitle(res.text).startsWith(ID['title.error_prefix'].trim()), `title of ${field} error`);
  const beside = new RegExp(`id="f-${field}-error"><span class="visually-hidden">[^<]*</span>([^<]*)</span>`).exec(res.text);
  assert.ok(beside, `an error beside ${field}: ${pageText(res).slice(0, 600)}`);
  assert.equal(h.decodeEntities(beside[1]), message, `the message beside ${field}`);
  assert.match(res.text, new RegExp(`aria-describedby="[^"]*\\bf-${field}-error\\b`), `${field}: tied with aria-describedby`);
  const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(res.text)?.[0] ?? '';
  assert.ok(h.decodeEntities(summary).includes(message), `${field}: the summary names it`);
  assert.match(summary, new RegExp(`href="#f-${field}`), `${field}: the summary links to it`);
}

describe(`work accidents on ${backend}`, () => {
  let sink;
  let server;
  let portal;
  let acme;    // {id, name}: the employer under test
  let other;   // another employer
  let admin;   // acme's administrator
  let rival;   // the other employer's administrator
  let siti;    // acme's worker with a portal account: {member, client, email}
  let budi;    // the other employer's worker with a portal account
  let noWage;  // acme's worker without any wage on record
  let reported; // the id of the accident reported for siti

  async function snapshot() {
    const [row] = await id.sqlRows(server.database,
      'SELECT (SELECT COUNT(*) FROM work_accidents) AS accidents, ' +
      '(SELECT COUNT(*) FROM work_accidents WHERE member_confirmed_at IS NOT NULL) AS confirmed, ' +
      "(SELECT COUNT(*) FROM audit_log WHERE action LIKE 'accidents.%') AS audited, " +
      '(SELECT COUNT(*) FROM inbox_items) AS inbox');
    return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)]));
  }

  // A registry member signs up and signs in; returns a signed-in client.
  async function signedInMember(member, label) {
    const client = new id.Client(server.baseUrl);
    const email = id.uniqueEmail(label);
    const password = id.newPassword();
    const { res } = await client.submit('/register', {
      nik: member.nik, kpj: member.kpj, birth_date: member.birth_date, email, username: '', password,
    });
    assert.equal(res.status, 303, pageText(res).slice(0, 300));
    await client.submit(id.mailLink(await new id.Mailbox(sink, email).next('verify_email'), '/verify-email'));
    assert.equal((await client.submit('/login', { identifier: email, password })).res.headers.location, '/dashboard');
    await client.get('/dashboard');  // its registry sync may post to the inbox: before any count
    return { member, client, email };
  }

  before(async () => {
    sink = await startMailSink();
    server = await h.startServer({ env: { ...sink.env } });
    portal = { baseUrl: server.baseUrl, database: server.database };
    const seeded = await h.runLumbung(['seed-demo', '--members', '20', '--employers', '3', '--years', '1'],
                                      { env: h.databaseEnv(server.database) });
    assert.equal(seeded.code, 0, seeded.stderr);
    await id.sqlExec(server.database,
      "INSERT INTO employers (npp, name, sector, province_code, jkk_risk_class, registered_on) VALUES " +
      "('ACCA0001', 'PT Uji Kecelakaan', 'manufacturing', 31, 1, '2015-01-01'), " +
      "('ACCB0002', 'CV Pesaing Lain', 'trade', 32, 0, '2016-01-01')");
    const employers = await id.sqlRows(server.database,
      "SELECT id, name FROM employers WHERE npp IN ('ACCA0001', 'ACCB0002') ORDER BY npp");
    acme = { id: Number(employers[0].id), name: employers[0].name };
    other = { id: Number(employers[1].id), name: employers[1].name };
    const members = (await id.sqlRows(server.database,
      'SELECT id, nik, kpj, full_name, CAST(birth_date AS TEXT) AS birth_date FROM members ' +
      "WHERE status <> 'deceased' ORDER BY id")).map((m) => ({ ...m, id: Number(m.id), birth_date: String(m.birth_date).slice(0, 10) }));
    assert.ok(members.length >= 3, `enough living members (${members.length})`);
    const [a, b, c] = members;
    await id.sqlExec(server.database,
      'INSERT INTO employment_spells (member_id, employer_id, start_date, declared_wage) VALUES ' +
      `(${a.id}, ${acme.id}, '2024-02-01', 4500000), (${b.id}, ${other.id}, '2023-01-01', 6000000), ` +
      `(${c.id}, ${acme.id}, '2025-01-01', NULL)`);
    const month = Number(fundDay(40).slice(0, 7).replace('-', ''));
    await id.sqlExec(server.database,
      `INSERT INTO wage_reports (member_id, period, employer_id, wage) VALUES (${a.id}, ${month}, ${acme.id}, 4800000), ` +
      `(${a.id}, ${month}, ${other.id}, 9900000)`);
    admin = await id.signedInEmployerAdmin(portal, sink, { employerId: acme.id });
    rival = await id.signedInEmployerAdmin(portal, sink, { employerId: other.id });
    siti = await signedInMember(a, 'accident-siti');
    budi = await signedInMember(b, 'accident-budi');
    noWage = c;
  });
  after(async () => {
    await server?.stop();
    await sink?.stop();
  });

  test('ASVS 4.1.1, 4.1.3: anonymous visitors sign in first; members get 403 on employer pages, employers 403 on members\' pages', async () => {
    const employerPages = ['/employer/accidents', '/employer/accidents/new', '/employer/accidents/1', '/employer/accidents/1/edit'];
    const memberPages = ['/claims/accidents', '/claims/accidents/1'];
    for (const path of [...employerPages, ...memberPages]) {
      const res = await h.request(server.baseUrl, path);
      assert.equal(res.status, 303, path);
      assert.equal(res.headers.location, `/login?next=${encodeURIComponent(path)}`, path);
    }
    const before = await snapshot();
    for (const path of employerPages) assert.equal((await siti.client.get(path)).status, 403, `member GET ${path}`);
    for (const path of ['/employer/accidents/new', '/employer/accidents/1/edit']) {
      const res = await siti.client.post(path, reportFields({ worker: siti.member.kpj }), { csrf: siti.client.csrf });
      assert.equal(res.status, 403, `member POST ${path}`);
    }
    for (const path of memberPages) assert.equal((await admin.client.get(path)).status, 403, `employer GET ${path}`);
    const res = await admin.client.post('/claims/accidents/1/confirm', { version: 'x' }, { csrf: admin.client.csrf });
    assert.equal(res.status, 403, 'employer POST confirm');
    assert.deepEqual(await snapshot(), before);
  });

  test('ASVS 5.1.3, 5.1.4: every problem beside its field, typed values kept, nothing stored', async () => {
    const before = await snapshot();
    const form = await admin.client.get('/employer/accidents/new');
    assert.equal(form.status, 200);
    assert.deepEqual(h.htmlH1s(form.text), [ID['claims.accident.form.title']]);
    assert.ok(form.text.length < 50 * 1024, `the form under 50 KB (${form.text.length})`);

    const empty = await admin.client.post('/employer/accidents/new',
      reportFields({ worker: '', date: '', place: ' ', description: '', fatal: null, days: '' }));
    assertFieldError(empty, 'worker', ID['claims.accident.error.worker_missing']);
    assertFieldError(empty, 'accident_date', ID['claims.accident.date_problem.missing']);
    assertFieldError(empty, 'place', ID['claims.accident.error.place_missing']);
    assertFieldError(empty, 'description', ID['claims.accident.error.description_missing']);
    assertFieldError(empty, 'fatal', ID['claims.accident.error.fatal_missing']);
    assertFieldError(empty, 'days', ID['claims.accident.error.days_missing']);

    const tomorrow = fundDay(-1);
    const future = await admin.client.post('/employer/accidents/new',
      reportFields({ worker: siti.member.kpj, date: tomorrow, place: 'x'.repeat(201), description: 'Jatuh.', wage: '5jt', days: 'dua' }));
    assertFieldError(future, 'accident_date', ID['claims.accident.error.date_future']);
    assertFieldError(future, 'place', fill(ID['claims.accident.error.place_too_long'], { max: 200 }));
    assertFieldError(future, 'description', fill(ID['claims.accident.error.description_too_short'], { min: 10 }));
    assertFieldError(future, 'wage', ID['money.error.shorthand']);
    assertFieldError(future, 'days', ID['claims.accident.error.days_not_number']);
    assert.match(future.text, new RegExp(`id="f-worker"[^>]*value="${siti.member.kpj}"`), 'what was typed is kept');
    assert.match(future.text, /<textarea[^>]*id="f-description"[^>]*>Jatuh\.<\/textarea>/);

    const early = await admin.client.post('/employer/accidents/new', reportFields({ worker: siti.member.kpj, date: '2024-01-31' }));
    assertFieldError(early, 'accident_date', fill(ID['claims.accident.error.date_before_start'], { date: `1 ${ID['date.months.2']} 2024` }));

    const badNumber = await admin.client.post('/employer/accidents/new', reportFields({ worker: '12345' }));
    assertFieldError(badNumber, 'worker', ID['claims.accident.error.worker_number']);

    // No wage typed and none on record: the wage is asked for.
    const unknownWage = await admin.client.post('/employer/accidents/new', reportFields({ worker: noWage.kpj }));
    assertFieldError(unknownWage, 'wage', ID['claims.accident.error.wage_unknown']);

    assert.deepEqual(await snapshot(), before);
  });

  test('ASVS 4.2.2: a report without the CSRF token is refused', async () => {
    const before = await snapshot();
    const res = await admin.client.post('/employer/accidents/new', reportFields({ worker: siti.member.kpj }), { csrf: null });
    assert.equal(res.status, 403);
    assert.deepEqual(await snapshot(), before);
  });

  test('ASVS 7.1.1, 7.2.2: a report is stored with the last reported wage, audited without its text, and the member is told by inbox and mail', async () => {
    const before = await snapshot();
    const date = fundDay(10);
    const res = await admin.client.post('/employer/accidents/new', reportFields({ worker: siti.member.nik, date }));
    assert.equal(res.status, 303, pageText(res).slice(0, 500));
    const m = /^\/employer\/accidents\/(\d+)\?notice=reported$/.exec(res.headers.location ?? '');
    assert.ok(m, res.headers.location);
    reported = Number(m[1]);
    const [row] = await id.sqlRows(server.database,
      `SELECT member_id, employer_id, accident_date, place, monthly_wage, fatal, days_unable_to_work, reported_by, member_confirmed_at FROM work_accidents WHERE id = ${reported}`);
    assert.equal(Number(row.member_id), siti.member.id);
    assert.equal(Number(row.employer_id), acme.id);
    assert.equal(row.accident_date, date);
    assert.equal(Number(row.monthly_wage), 4800000, 'the wage acme last reported, not another employer\'s');
    assert.equal(Number(row.fatal), 0);
    assert.equal(Number(row.days_unable_to_work), 14);
    assert.equal(Number(row.reported_by), admin.accountId);
    assert.equal(row.member_confirmed_at, null);

    const [audit] = await id.sqlRows(server.database,
      "SELECT actor_user_id, details FROM audit_log WHERE action = 'accidents.reported' ORDER BY id DESC LIMIT 1");
    assert.equal(Number(audit.actor_user_id), admin.accountId);
    const details = JSON.parse(audit.details);
    assert.equal(details.accident_id, String(reported));
    assert.equal(details.employer_id, String(acme.id));
    assert.ok(!audit.details.includes('Gudang') && !audit.details.includes(siti.member.nik), 'no report text, no NIK');

    const after = await snapshot();
    assert.equal(after.accidents, before.accidents + 1);
    assert.equal(after.audited, before.audited + 1);
    const [item] = await id.sqlRows(server.database,
      `SELECT i.category, i.message_id, i.link FROM inbox_items i JOIN accounts a ON a.id = i.account_id WHERE a.email = '${siti.email}' AND i.message_id = 'claims.accident.inbox.reported'`);
    assert.equal(item.category, 'claims');
    assert.equal(item.link, `/claims/accidents/${reported}`);
    const subject = ID['claims.accident.mail.reported_subject'];
    const mail = await h.pollUntil(() => sink.messages().find((x) => (x.to || '').includes(siti.email) && (x.subject || '').includes(subject)) ?? null,
                                   { what: 'the accident mail' });
    assert.ok(mail);

    const page = await admin.client.get(res.headers.location);
    assert.equal(page.status, 200);
    assert.ok(pageText(page).includes(ID['claims.accident.notice.reported']));
    assert.ok(pageText(page).includes(ID['claims.accident.status.waiting']));
    assert.match(page.text, new RegExp(`href="/employer/accidents/${reported}/edit"`));
    const list = await admin.client.get('/employer/accidents');
    assert.match(list.text, new RegExp(`href="/employer/accidents/${reported}"`));
    assert.ok(list.text.length < 50 * 1024);
  });

  test('the employer corrects the report until the member confirms; a confirmation of the old text is refused (409)', async () => {
    const stale = await siti.client.get(`/claims/accidents/${reported}`);
    assert.equal(stale.status, 200);
    const staleVersion = /name="version" value="([0-9a-f]+)"/.exec(stale.text)?.[1];
    assert.ok(staleVersion);
    const edit = await admin.client.get(`/employer/accidents/${reported}/edit`);
    assert.equal(edit.status, 200);
    assert.deepEqual(h.htmlH1s(edit.text), [ID['claims.accident.form.correct_title']]);
    const corrected = await admin.client.post(`/employer/accidents/${reported}/edit`,
      reportFields({ date: fundDay(9), place: 'Gudang C', wage: '5.100.000', days: '21' }));
    assert.equal(corrected.status, 303, pageText(corrected).slice(0, 500));
    assert.equal(corrected.headers.location, `/employer/accidents/${reported}?notice=corrected`);
    const [row] = await id.sqlRows(server.database, `SELECT place, monthly_wage, days_unable_to_work FROM work_accidents WHERE id = ${reported}`);
    assert.equal(row.place, 'Gudang C');
    assert.equal(Number(row.monthly_wage), 5100000);
    assert.equal(Number(row.days_unable_to_work), 21);

    const before = await snapshot();
    const refused = await siti.client.post(`/claims/accidents/${reported}/confirm`, { version: staleVersion });
    assert.equal(refused.status, 409);
    assert.ok(pageText(refused).includes(ID['claims.accident.error.changed']));
    assert.ok(pageText(refused).includes('Gudang C'), 'the report as it is now');
    assert.deepEqual(await snapshot(), before);
  });

  test('ASVS 4.2.1: another employer\'s user and another member get 404 for this employer\'s accident and nothing changes', async () => {
    const before = await snapshot();
    const unknown = 999999;
    for (const path of [`/employer/accidents/${reported}`, `/employer/accidents/${reported}/edit`]) {
      assert.equal((await rival.client.get(path)).status, 404, `rival GET ${path}`);
    }
    assert.equal((await rival.client.get(`/employer/accidents/${unknown}`)).status, 404);
    const rivalEdit = await rival.client.post(`/employer/accidents/${reported}/edit`, reportFields({ place: 'Diubah' }));
    assert.equal(rivalEdit.status, 404);
    const rivalList = await rival.client.get('/employer/accidents');
    assert.equal(rivalList.status, 200);
    assert.ok(!rivalList.text.includes(`/employer/accidents/${reported}"`), 'not in another employer\'s list');
    // Another employer's worker is "not one of your workers", by KPJ, NIK or id.
    for (const worker of [siti.member.kpj, siti.member.nik]) {
      const res = await rival.client.post('/employer/accidents/new', reportFields({ worker }));
      assertFieldError(res, 'worker', ID['claims.accident.error.worker_unknown']);
    }
    const prefill = await rival.client.get(`/employer/accidents/new?worker=${siti.member.id}`);
    assert.equal(prefill.status, 200);
    assert.ok(!prefill.text.includes(siti.member.kpj), 'no KPJ of another employer\'s worker');
    const own = await admin.client.get(`/employer/accidents/new?worker=${siti.member.id}`);
    assert.match(own.text, new RegExp(`id="f-worker"[^>]*value="${siti.member.kpj}"`), 'the own worker is filled in');

    // Another member: 404 like an id that does not exist, on every route.
    const theirs = await budi.client.get(`/claims/accidents/${reported}`);
    const none = await budi.client.get(`/claims/accidents/${unknown}`);
    assert.equal(theirs.status, 404);
    assert.equal(none.status, 404);
    assert.deepEqual(h.htmlH1s(theirs.text), h.htmlH1s(none.text));
    const page = await siti.client.get(`/claims/accidents/${reported}`);
    const version = /name="version" value="([0-9a-f]+)"/.exec(page.text)?.[1];
    const confirm = await budi.client.post(`/claims/accidents/${reported}/confirm`, { version }, { csrf: budi.client.csrf });
    assert.equal(confirm.status, 404);
    const budiList = await budi.client.get('/claims/accidents');
    assert.equal(budiList.status, 200);
    assert.ok(!budiList.text.includes(`/claims/accidents/${reported}"`));
    assert.deepEqual(await snapshot(), before);
  });

  test('ASVS 4.2.1, 7.1.1: the member sees the report for them, confirms it once; it can no longer be corrected', async () => {
    const list = await siti.client.get('/claims/accidents');
    assert.equal(list.status, 200);
    assert.deepEqual(h.htmlH1s(list.text), [ID['claims.accident.member_list.title']]);
    assert.match(list.text, new RegExp(`href="/claims/accidents/${reported}"`));
    assert.ok(pageText(list).includes(acme.name));
    const { page, res } = await siti.client.submit(`/claims/accidents/${reported}`, {}, { action: `/claims/accidents/${reported}/confirm` });
    assert.ok(pageText(page).includes(ID['claims.accident.member.confirm_button']));
    assert.match(page.text, /href="\/support"/, 'a way to say it is wrong');
    assert.equal(res.status, 303, pageText(res).slice(0, 300));
    assert.equal(res.headers.location, `/claims/accidents/${reported}?notice=confirmed`);
    const [row] = await id.sqlRows(server.database, `SELECT member_confirmed_at FROM work_accidents WHERE id = ${reported}`);
    assert.ok(Number(row.member_confirmed_at) > 0);
    const [audit] = await id.sqlRows(server.database,
      "SELECT actor_user_id, details FROM audit_log WHERE action = 'accidents.confirmed' ORDER BY id DESC LIMIT 1");
    const [account] = await id.sqlRows(server.database, `SELECT id FROM accounts WHERE email = '${siti.email}'`);
    assert.equal(Number(audit.actor_user_id), Number(account.id));
    assert.equal(JSON.parse(audit.details).accident_id, String(reported));
    const shown = await siti.client.get(res.headers.location);
    assert.ok(pageText(shown).includes(ID['claims.accident.notice.confirmed']));
    assert.ok(!shown.text.includes('/confirm"'), 'no confirm form any more');

    const before = await snapshot();
    const again = await siti.client.post(`/claims/accidents/${reported}/confirm`, { version: 'anything' });
    assert.equal(again.status, 303, 'a second confirmation changes nothing');
    const employerView = await admin.client.get(`/employer/accidents/${reported}`);
    assert.ok(!employerView.text.includes(`/employer/accidents/${reported}/edit`), 'no correction link');
    const editGet = await admin.client.get(`/employer/accidents/${reported}/edit`);
    assert.equal(editGet.status, 303);
    const editPost = await admin.client.post(`/employer/accidents/${reported}/edit`, reportFields({ place: 'Diubah' }));
    assert.equal(editPost.status, 409);
    assert.deepEqual(await snapshot(), before);
  });
});
