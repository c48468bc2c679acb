// Training programmes end to end (src/training), with the certificates they lead to
// (src/certificates). Over HTTP: a provider's staff (role training_provider, linked to its
// provider) adds a programme and a session of one place; anyone browses the catalog with its
// filters; Siti takes the last place; Budi, a member too, finds the session full, sees the
// requirements explained and his place on the waiting list, and joins it; Siti cancels before
// the first day and Budi is offered the place (in his inbox) and accepts it; another provider
// cannot see or touch the session, its programme or its participants, and a member cannot read
// another's application; from the first day the provider records Budi's attendance and
// completion, which issues his certificate: it appears on /certificates, an anonymous visitor
// verifies it by its code, and the provider's revocation shows there at once. Every step is in
// the audit log. Then Chromium at 360 px, in English and without JavaScript, with plain form
// posts: Ann joins a full session's waiting list, is offered the freed place and accepts it; the
// provider records her attendance and completion on the participants page; Ann finds her
// certificate and its code; an anonymous visitor verifies it, and the provider's revocation
// shows there at once. The member's and the provider's pages are axe clean in Indonesian and
// English. Backend: LUMBUNG_TEST_BACKEND.
// Requirement IDs: OWASP ASVS 4.0.3 V4.1.1 (members only apply; providers only manage), V4.2.1
// (IDOR: provider A cannot reach provider B's sessions, a member only their own applications),
// V4.2.2 (CSRF on every form), V7.1.x / V7.2.x (every change audited), V8.3.1 (participants'
// names and NIKs masked for the provider; the public check shows no NIK).
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

const fill = (message, values = {}) => message.replace(/\{\{(\w+)\}\}/g, (_, k) => String(values[k] ?? `{{${k}}}`));
const pageText = (res) => h.decodeEntities(h.htmlText(res.text)).replace(/\s+/g, ' ');

// The fund's day (fund.time_zone WIB, UTC+7), `offset` days on.
function fundDay(offset = 0) {
  return new Date(Date.now() + 7 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
}

const applicationId = (res) => Number(/^\/training\/applications\/(\d+)/.exec(res.headers.location ?? '')?.[1]);
const statusOf = (html) => /id="status" data-status="([a-z_]+)"/.exec(html)?.[1];

describe(`training programmes on ${backend}`, () => {
  let sink;
  let server;
  let portal;
  let browser;
  let siti;
  let budi;
  let ann;
  let alpha;     // training_provider staff of provider Alpha
  let beta;      // training_provider staff of provider Beta
  let programme; // Alpha's programme id
  let session;   // its session of one place
  let sitiApp;
  let budiApp;
  let certificateId;
  let certificateCode;
  const contexts = [];

  const url = (target) => `${server.baseUrl}${target}`;
  const sql = (query) => id.sqlRows(server.database, query);
  const exec = (statement) => id.sqlExec(server.database, statement);

  async function registerMember(row, label) {
    const client = new id.Client(server.baseUrl);
    const email = id.uniqueEmail(label);
    const password = id.newPassword();
    const { res } = await client.submit('/register', {
      nik: row.nik, kpj: row.kpj, birth_date: row.birth_date, email, username: '', password,
    });
    assert.equal(res.status, 303, pageText(res).slice(0, 300));
    await client.submit(id.mailLink(await new id.Mailbox(sink, email).next('verify_email'), '/verify-email'));
    assert.equal((await client.submit('/login', { identifier: email, password })).res.headers.location, '/dashboard');
    return { client, email, password, member: row };
  }

  // A page as every test wants it: 200, under 50 KB, no catalog id shown untranslated.
  async function page(client, target, status = 200) {
    const res = await client.get(target);
    assert.equal(res.status, status, `${target}: ${pageText(res).slice(0, 300)}`);
    assert.ok(Buffer.byteLength(res.text) < PAGE_LIMIT, `${target} is under 50 KB`);
    assert.ok(!/\[\[[a-z_.]+\]\]/.test(res.text), `${target}: a catalog id shown untranslated`);
    return res;
  }

  async function addSession(provider, programmeId, quota, startsOn = fundDay(3)) {
    const res = await provider.client.post(`/staff/training/programmes/${programmeId}/sessions`, {
      starts_on: startsOn, ends_on: startsOn, schedule: 'Senin-Jumat 09.00-15.00', quota: String(quota),
    });
    assert.equal(res.status, 303, pageText(res).slice(0, 400));
    return Number(/\/staff\/training\/sessions\/(\d+)/.exec(res.headers.location)[1]);
  }

  async function applyFor(who, sessionId) {
    const res = await who.client.post(`/training/sessions/${sessionId}/apply`, { education: 'sma' });
    assert.equal(res.status, 303, pageText(res).slice(0, 400));
    return res;
  }

  before(async () => {
    sink = await startMailSink();
    server = await h.startServer({
      env: { ...sink.env, LUMBUNG_LOGIN_IP_FAILURES_PER_15MIN: '1000', LUMBUNG_REGISTER_IP_ATTEMPTS_PER_HOUR: '1000' },
    });
    portal = { baseUrl: server.baseUrl, database: server.database };
    await id.seedMembers(server.database, 6);
    const rows = await id.memberRows(server.database, 3);
    siti = await registerMember(rows[0], 'latih-siti');
    budi = await registerMember(rows[1], 'latih-budi');
    ann = await registerMember(rows[2], 'training-ann');
    alpha = await id.signedInStaff(portal, sink, { staffRoles: ['training_provider'], name: 'Staf Alpha' });
    beta = await id.signedInStaff(portal, sink, { staffRoles: ['training_provider'], name: 'Staf Beta', lang: 'en' });
    // The providers and their staff accounts (what `lumbung training` does for an administrator).
    await exec("INSERT INTO training_providers (name, created_at) VALUES ('BLK Alpha', 1), ('LPK Beta', 1)");
    const [a] = await sql("SELECT id FROM training_providers WHERE name = 'BLK Alpha'");
    const [b] = await sql("SELECT id FROM training_providers WHERE name = 'LPK Beta'");
    await exec(`INSERT INTO training_provider_staff (account_id, provider_id) VALUES (${alpha.accountId}, ${a.id}), (${beta.accountId}, ${b.id})`);
    browser = await chromium.launch({
      executablePath: process.env.LUMBUNG_TEST_CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox'],
    });
  });
  after(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await server?.stop();
    await sink?.stop();
  });

  test('a provider adds a programme and a session of one place (ASVS 4.1.1)', async () => {
    const home = await page(alpha.client, '/staff/training');
    assert.ok(pageText(home).includes('BLK Alpha'));
    const refused = await alpha.client.post('/staff/training/programmes', { title: '', field: 'digital', mode: 'in_person' });
    assert.equal(refused.status, 422);
    assert.ok(pageText(refused).includes(CATALOG.id['training.error.title_missing']));
    assert.ok(pageText(refused).includes(CATALOG.id['training.error.province']));
    const res = await alpha.client.post('/staff/training/programmes', {
      title: 'Analisis Data Dasar', field: 'digital', mode: 'online', province: '', city: '',
      description: 'Spreadsheet dan grafik untuk pemula.', duration_hours: '24', min_age: '', max_age: '',
      min_education: 'sma', jkp_first: '1', cost: '0', published: '1',
    });
    assert.equal(res.status, 303, pageText(res).slice(0, 300));
    programme = Number(/\/staff\/training\/programmes\/(\d+)/.exec(res.headers.location)[1]);
    session = await addSession(alpha, programme, 1);
    // Members and other staff cannot manage training.
    assert.equal((await siti.client.get('/staff/training')).status, 403);
    const anonymous = await h.request(server.baseUrl, '/training/applications');
    assert.match(anonymous.headers.location ?? '', /^\/login\?next=/);
  });

  test('anyone browses the catalog with its filters, without JavaScript', async () => {
    const visitor = new id.Client(server.baseUrl);
    const all = await page(visitor, '/training');
    assert.ok(pageText(all).includes('Analisis Data Dasar'));
    assert.ok(pageText(await page(visitor, '/training?field=digital&mode=online')).includes('Analisis Data Dasar'));
    assert.ok(!pageText(await page(visitor, '/training?field=construction')).includes('Analisis Data Dasar'));
    assert.ok(!pageText(await page(visitor, '/training?mode=in_person')).includes('Analisis Data Dasar'));
    // Online programmes are listed for every province.
    assert.ok(pageText(await page(visitor, '/training?province=51')).includes('Analisis Data Dasar'));
    assert.ok(pageText(await page(visitor, '/training?q=analisis')).includes('Analisis Data Dasar'));
    assert.ok(!pageText(await page(visitor, `/training?from=${fundDay(10)}`)).includes('Analisis Data Dasar'));
    const programmePage = await page(visitor, `/training/programmes/${programme}`);
    assert.ok(pageText(programmePage).includes(fill(CATALOG.id['training.requirement.education'], { level: CATALOG.id['training.education.sma'] })));
  });

  test('Siti takes the last place; Budi sees it full with his place and joins the waiting list', async () => {
    // The education is asked and required.
    const missing = await siti.client.post(`/training/sessions/${session}/apply`, {});
    assert.equal(missing.status, 422);
    assert.ok(pageText(missing).includes(CATALOG.id['training.error.education_missing']));
    const applied = await applyFor(siti, session);
    sitiApp = applicationId(applied);
    assert.match(applied.headers.location, /notice=applied/);
    assert.equal(statusOf((await page(siti.client, `/training/applications/${sitiApp}`)).text), 'applied');

    const full = await page(budi.client, `/training/sessions/${session}`);
    assert.ok(pageText(full).includes(CATALOG.id['training.session.full_note']));
    assert.match(full.text, /<strong>1<\/strong>/);
    assert.ok(pageText(full).includes(CATALOG.id['training.rule.jkp_first_no']));
    const waiting = await applyFor(budi, session);
    budiApp = applicationId(waiting);
    assert.match(waiting.headers.location, /notice=waiting/);
    const status = await page(budi.client, `/training/applications/${budiApp}`);
    assert.equal(statusOf(status.text), 'waiting');
    assert.ok(pageText(status).includes(fill(CATALOG.id['training.status.waiting_at'], { n: 1 })));
    // Applying again leads to the same application.
    const again = await budi.client.post(`/training/sessions/${session}/apply`, { education: 'sma' });
    assert.equal(applicationId(again), budiApp);
    // The dashboard card counts it.
    assert.ok(pageText(await page(budi.client, '/dashboard')).includes(fill(CATALOG.id['training.card.open'], { n: 1 })));
  });

  test('a member reads and changes only their own application (ASVS 4.2.1)', async () => {
    assert.equal((await siti.client.get(`/training/applications/${budiApp}`)).status, 404);
    assert.equal((await siti.client.post(`/training/applications/${budiApp}/cancel`)).status, 404);
    assert.equal((await siti.client.get('/training/applications/99999999')).status, 404);
    assert.equal(statusOf((await page(budi.client, `/training/applications/${budiApp}`)).text), 'waiting');
  });

  test('Siti cancels before the first day; Budi is offered the place, told, and accepts it', async () => {
    const cancelled = await siti.client.post(`/training/applications/${sitiApp}/cancel`);
    assert.equal(cancelled.status, 303);
    assert.equal(statusOf((await page(siti.client, `/training/applications/${sitiApp}`)).text), 'cancelled');
    const offered = await page(budi.client, `/training/applications/${budiApp}`);
    assert.equal(statusOf(offered.text), 'offered');
    const inbox = await page(budi.client, '/notifications');
    assert.ok(pageText(inbox).includes('Analisis Data Dasar'));
    assert.ok(pageText(inbox).includes(CATALOG.id['training.inbox.offered'].split('{{')[0].trim()));
    const accepted = await budi.client.post(`/training/applications/${budiApp}/accept`);
    assert.equal(accepted.status, 303);
    assert.equal(statusOf((await page(budi.client, `/training/applications/${budiApp}`)).text), 'accepted');
    // An offer answered once cannot be answered again.
    assert.equal((await budi.client.post(`/training/applications/${budiApp}/decline`)).status, 409);
  });

  test('provider B cannot see or touch provider A\'s programme, session or participants (ASVS 4.2.1, IDOR)', async () => {
    assert.equal((await beta.client.get(`/staff/training/sessions/${session}`)).status, 404);
    assert.equal((await beta.client.get(`/staff/training/programmes/${programme}`)).status, 404);
    assert.equal((await beta.client.post(`/staff/training/programmes/${programme}`, {
      title: 'Diambil alih', field: 'digital', mode: 'online', duration_hours: '1', published: '1',
    })).status, 404);
    assert.equal((await beta.client.post(`/staff/training/programmes/${programme}/sessions`, {
      starts_on: fundDay(5), ends_on: fundDay(5), quota: '5',
    })).status, 404);
    assert.equal((await beta.client.post(`/staff/training/sessions/${session}`, {
      starts_on: fundDay(3), ends_on: fundDay(3), quota: '50',
    })).status, 404);
    for (const step of ['confirm', 'start', 'complete', 'not_complete']) {
      assert.equal((await beta.client.post(`/staff/training/applications/${budiApp}/${step}`)).status, 404, step);
    }
    assert.ok(!pageText(await page(beta.client, '/staff/training')).includes('Analisis Data Dasar'));
    const [row] = await sql(`SELECT status FROM training_applications WHERE id = ${budiApp}`);
    assert.equal(row.status, 'accepted');
    const [p] = await sql(`SELECT title FROM training_programmes WHERE id = ${programme}`);
    assert.equal(p.title, 'Analisis Data Dasar');
  });

  test('the provider sees participants masked, records attendance and completion; the certificate is issued', async () => {
    const before = await page(alpha.client, `/staff/training/sessions/${session}`);
    assert.ok(!before.text.includes(budi.member.nik), 'no whole NIK');
    assert.ok(!before.text.includes(budi.member.full_name), 'no whole name');
    assert.ok(before.text.includes(budi.member.nik.slice(-4)));
    // Nothing is recorded before the first day.
    await alpha.client.post(`/staff/training/applications/${budiApp}/start`);
    assert.equal((await sql(`SELECT status FROM training_applications WHERE id = ${budiApp}`))[0].status, 'accepted');
    // The session begins today.
    await exec(`UPDATE training_sessions SET starts_on = '${fundDay(0)}', ends_on = '${fundDay(0)}' WHERE id = ${session}`);
    assert.equal((await alpha.client.post(`/staff/training/applications/${budiApp}/start`)).status, 303);
    assert.equal(statusOf((await page(budi.client, `/training/applications/${budiApp}`)).text), 'started');
    assert.equal((await alpha.client.post(`/staff/training/applications/${budiApp}/complete`)).status, 303);
    const done = await page(budi.client, `/training/applications/${budiApp}`);
    assert.equal(statusOf(done.text), 'completed');
    assert.ok(done.text.includes('id="certificate-link"'), 'the application leads to its certificate');
    [{ id: certificateId }] = await sql(`SELECT certificate_id AS id FROM training_applications WHERE id = ${budiApp}`);
    assert.ok(Number(certificateId) > 0);
    const list = await page(budi.client, '/certificates');
    assert.ok(pageText(list).includes('Analisis Data Dasar'));
    const detail = await page(budi.client, `/certificates/${certificateId}`);
    certificateCode = h.decodeEntities(/class="certificate-code">([^<]+)</.exec(detail.text)[1]).trim();
    assert.ok(certificateCode.length > 8);
  });

  test('an anonymous visitor verifies the certificate by code; the provider\'s revocation shows at once', async () => {
    const visitor = new id.Client(server.baseUrl);
    const valid = await page(visitor, `/verify/certificate/${encodeURIComponent(certificateCode)}`);
    assert.match(valid.text, /class="certificate-status" data-status="valid"/);
    assert.ok(pageText(valid).includes('Analisis Data Dasar'));
    assert.ok(!valid.text.includes(budi.member.nik), 'no NIK on the public page');
    const revoked = await alpha.client.post(`/staff/certificates/${certificateId}/revoke`, { reason: 'Data kehadiran keliru' });
    assert.ok([200, 303].includes(revoked.status), `revoke: ${revoked.status}`);
    const after = await page(visitor, `/verify/certificate/${encodeURIComponent(certificateCode)}`);
    assert.match(after.text, /class="certificate-status" data-status="revoked"/);
  });

  test('every change is in the audit log (ASVS 7.1.x)', async () => {
    const rows = await sql("SELECT action FROM audit_log WHERE action LIKE 'training.%' ORDER BY id");
    const actions = new Set(rows.map((r) => r.action));
    for (const action of ['training.programme_created', 'training.cohort_created', 'training.applied',
                          'training.application_cancelled', 'training.place_offered', 'training.offer_accepted',
                          'training.attendance_recorded', 'training.completion_recorded']) {
      assert.ok(actions.has(action), action);
    }
  });

  // ---------------------------------------------------------------------------------------------
  // Chromium

  async function newContext(lang, javaScriptEnabled, extra = {}) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled,
                                               locale: lang === 'en' ? 'en-US' : 'id-ID', ...extra });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    return context;
  }

  async function follow(p, locator) {
    const [response] = await Promise.all([p.waitForNavigation({ waitUntil: 'load' }), locator.click()]);
    return response;
  }

  async function memberSignIn(who, lang, javaScriptEnabled, landing = '/training') {
    const t = CATALOG[lang];
    const context = await newContext(lang, javaScriptEnabled);
    const p = await context.newPage();
    await p.goto(url(`/lang/${lang}?next=${encodeURIComponent(`/login?next=${landing}`)}`));
    await p.getByLabel(t['identity.login.identifier']).fill(who.email);
    await p.getByLabel(t['identity.login.password'], { exact: true }).fill(who.password);
    await follow(p, p.getByRole('button', { name: t['identity.login.submit'], exact: true }));
    assert.equal(new URL(p.url()).pathname, landing);
    return { context, page: p };
  }

  async function checkPage(p, what, lang) {
    const html = await p.content();
    assert.ok(Buffer.byteLength(html) < PAGE_LIMIT, `${what}: under 50 KB`);
    assert.ok(!/\[\[[a-z_.]+\]\]/.test(html), `${what}: a catalog id shown untranslated`);
    assert.equal(await p.getAttribute('html', 'lang'), lang, `${what}: page language`);
    const results = await new AxeBuilder({ page: p }).withTags(AXE_TAGS).analyze();
    assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], `${what}: axe`);
    const overflow = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${what}: no horizontal scroll at 360 px (overflow ${overflow}px)`);
  }

  // axe and page.evaluate wait forever on a page without scripts, so a page seen without
  // JavaScript is checked in a scripted twin of its context: the same cookies (the same
  // session and language), the page loaded again there. Returns the twin's page.
  const twins = new Map();
  async function checkScripted(context, target, what, lang) {
    if (!twins.has(context)) {
      const twin = await newContext(lang, true);
      await twin.addCookies(await context.cookies());
      twins.set(context, await twin.newPage());
    }
    const p = twins.get(context);
    const res = await p.goto(url(target));
    assert.equal(res.status(), 200, `${what}: ${target}`);
    await checkPage(p, what, lang);
    return p;
  }

  test('Chromium without JavaScript: Ann joins a full session\'s waiting list, is offered the place and accepts it; ' +
       'her completion is recorded, her certificate verifies and its revocation shows at once', async () => {
    const t = CATALOG.en;
    const second = await addSession(alpha, programme, 1, fundDay(4));
    const held = applicationId(await applyFor(siti, second));
    const { page: p } = await memberSignIn(ann, 'en', false);
    await p.goto(url(`/training/programmes/${programme}`));
    await follow(p, p.locator(`li[data-session="${second}"] a`));
    assert.ok((await p.locator('#full-note').innerText()).includes(t['training.session.your_place']));
    await p.getByLabel(t['training.education.sma'], { exact: true }).check();
    await follow(p, p.getByRole('button', { name: t['training.session.join_waiting'], exact: true }));
    assert.equal(await p.locator('#status').getAttribute('data-status'), 'waiting');
    assert.equal((await p.locator('#status').innerText()).trim(), fill(t['training.status.waiting_at'], { n: 1 }));
    const annApp = Number(/\/training\/applications\/(\d+)/.exec(p.url())[1]);
    assert.equal((await siti.client.post(`/training/applications/${held}/cancel`)).status, 303);
    await p.goto(url(`/training/applications/${annApp}`));
    assert.equal(await p.locator('#status').getAttribute('data-status'), 'offered');
    await follow(p, p.getByRole('button', { name: t['training.application.accept'], exact: true }));
    assert.equal(await p.locator('#status').getAttribute('data-status'), 'accepted');

    // The session begins today: the provider records Ann's attendance, then her completion.
    await exec(`UPDATE training_sessions SET starts_on = '${fundDay(0)}', ends_on = '${fundDay(0)}' WHERE id = ${second}`);
    const staff = await id.signInInBrowser(browser, server.baseUrl, alpha,
                                           { lang: 'en', javaScriptEnabled: false, landing: '/staff/training' });
    staff.context.setDefaultTimeout(10_000);
    contexts.push(staff.context);
    const s = staff.page;
    const participants = `/staff/training/sessions/${second}`;
    await s.goto(url(participants));
    await checkScripted(staff.context, participants, 'en participants', 'en');
    const annRow = s.locator(`#participants tr[data-application="${annApp}"]`);
    assert.ok(!(await annRow.innerText()).includes(ann.member.nik), 'no whole NIK');
    for (const [step, status] of [['start', 'started'], ['complete', 'completed']]) {
      await follow(s, annRow.getByRole('button', { name: t[`training.staff.action.${step}`], exact: true }));
      assert.equal(new URL(s.url()).pathname, participants);
      assert.equal((await s.locator('#notice').innerText()).trim(), t['training.staff.notice.recorded']);
      assert.equal((await annRow.locator('td .tag').innerText()).trim(), t[`training.status.${status}`]);
    }

    // Ann finds her certificate and its code.
    await p.goto(url('/certificates'));
    await checkScripted(p.context(), '/certificates', 'en /certificates', 'en');
    await follow(p, p.getByRole('link', { name: 'Analisis Data Dasar', exact: true }));
    const certificate = Number(/^\/certificates\/(\d+)$/.exec(new URL(p.url()).pathname)?.[1]);
    assert.ok(certificate > 0, p.url());
    await checkScripted(p.context(), `/certificates/${certificate}`, 'en certificate detail', 'en');
    assert.equal(await p.locator('.certificate-status').getAttribute('data-status'), 'valid');
    const code = (await p.locator('.certificate-code').innerText()).trim();
    assert.ok(code.length > 8, code);

    // An anonymous visitor verifies it by its code.
    const verifyPath = `/verify/certificate/${encodeURIComponent(code)}`;
    const visitor = await (await newContext('en', false)).newPage();
    await visitor.goto(url(`/lang/en?next=${encodeURIComponent(verifyPath)}`));
    assert.equal(new URL(visitor.url()).pathname, verifyPath);
    assert.equal(await visitor.locator('.certificate-status').getAttribute('data-status'), 'valid');
    assert.ok((await visitor.locator('main').innerText()).includes('Analisis Data Dasar'));
    const scripted = await checkScripted(visitor.context(), verifyPath, 'en verify valid', 'en');
    assert.ok(!(await scripted.content()).includes(ann.member.nik), 'no NIK on the public page');

    // The provider revokes it with a reason; the visitor's reload shows it at once.
    await s.goto(url(`/staff/certificates/${certificate}/revoke`));
    await s.getByLabel(t['certificates.staff.reason'], { exact: true }).fill('Attendance recorded in error');
    await follow(s, s.getByRole('button', { name: t['certificates.staff.revoke_submit'], exact: true }));
    assert.equal(new URL(s.url()).pathname, '/staff/certificates');
    const reloaded = await visitor.reload({ waitUntil: 'load' });
    assert.equal(reloaded.status(), 200);
    assert.equal(await visitor.locator('.certificate-status').getAttribute('data-status'), 'revoked');
    await checkScripted(visitor.context(), verifyPath, 'en verify revoked', 'en');
  });

  for (const lang of ['id', 'en']) {
    test(`Chromium with JavaScript in ${lang}: the member's and the provider's pages are axe clean at 360 px`, async () => {
      const { page: p } = await memberSignIn(budi, lang, true);
      for (const target of ['/training', `/training?field=digital&province=31`, `/training/programmes/${programme}`,
                            `/training/sessions/${session}`, '/training/applications',
                            `/training/applications/${budiApp}`]) {
        const res = await p.goto(url(target));
        assert.equal(res.status(), 200, target);
        await checkPage(p, `${lang} ${target}`, lang);
      }
      const staff = await id.signInInBrowser(browser, server.baseUrl, alpha, { lang, landing: '/staff/training' });
      staff.context.setDefaultTimeout(10_000);
      contexts.push(staff.context);
      for (const target of ['/staff/training', '/staff/training/programmes/new', `/staff/training/programmes/${programme}`,
                            `/staff/training/sessions/${session}`]) {
        const res = await staff.page.goto(url(target));
        assert.equal(res.status(), 200, target);
        await checkPage(staff.page, `${lang} ${target}`, lang);
      }
      // An error page of the programme form, with its summary leading to the fields.
      await staff.page.goto(url('/staff/training/programmes/new'));
      await staff.page.locator('#f-title').fill('');
      await follow(staff.page, staff.page.getByRole('button', { name: CATALOG[lang]['training.staff.form.create'], exact: true }));
      assert.ok(await staff.page.locator('.error-summary').isVisible());
      await checkPage(staff.page, `${lang} programme form with errors`, lang);
    });
  }
});
