// Announcements (src/announcements) and the core's job runner (src/core/jobs): a content editor
// writes an announcement for one province, a second content editor approves it (the author
// cannot), the delivery job posts inbox items and mails in batches of one; the server is killed
// mid-delivery (jobs.exit_after_steps ends the process as kill -9 would) and started again on
// the same database, which resumes from the job's cursor: every member of the province gets
// exactly one inbox item and one mail, nobody elsewhere gets any. The member sees the card on
// the dashboard until they dismiss it. Staff without content_editor and members get 403 on
// every staff route. Then Chromium at 360 px with axe-core, with and without JavaScript.
// Backend: LUMBUNG_TEST_BACKEND.
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';

import * as h from './harness.mjs';
import * as id from './identity_support.mjs';
import { startMailSink } from './mail_sink.mjs';

const backend = h.currentBackend();
const ID = h.loadCatalog('id');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const fundDay = (offsetDays = 0) =>
  new Date(Date.now() + 7 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
const fill = (text, values) => text.replace(/\{\{(\w+)\}\}/g, (_, k) => values[k]);

// Registers `member` through the real flow (form, mail, confirmation) and signs in.
async function signedInMember(server, sink, member) {
  const client = new id.Client(server.baseUrl);
  const email = id.uniqueEmail('ann');
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
  const [account] = await id.sqlRows(server.database, `SELECT id FROM accounts WHERE email = '${email}'`);
  return { client, email, password, accountId: Number(account.id) };
}

describe(`announcements (${backend})`, () => {
  let sink;
  let database;
  let server;
  let editor;
  let reviewer;
  let otherStaff;
  const inProvince = [];
  let elsewhere;
  let province;
  let announcementId;
  const title = 'Kantor cabang tutup 1 Mei';
  const sql = (q) => id.sqlRows(database, q);
  const count = async (q) => Number((await sql(q))[0].n);
  // Every client follows the server when it is started again on the same database.
  const clients = () => [editor, reviewer, otherStaff, ...inProvince, elsewhere].map((a) => a.client);
  const jobEnv = { LUMBUNG_JOBS_BATCH_SIZE: '1', LUMBUNG_JOBS_POLL_SECONDS: '1', LUMBUNG_JOBS_LEASE_SECONDS: '1' };

  before(async () => {
    sink = await startMailSink();
    database = await h.createDatabase(backend, h.makeTempDir('lumbung-ann-'));
    // The first server dies after the delivery's second step (each step one member).
    server = await h.startServer({ database, env: { ...sink.env, ...jobEnv, LUMBUNG_JOBS_EXIT_AFTER_STEPS: '2', LUMBUNG_JOBS_EXIT_AFTER_KIND: 'announcement.deliver' } });
    const seeded = await h.runLumbung(['seed-demo', '--members', '60', '--years', '1'], { env: h.databaseEnv(database) });
    assert.equal(seeded.code, 0, seeded.stderr);
    // A province with at least three members, and a member of another province.
    const [busiest] = await sql('SELECT province_code, COUNT(*) AS n FROM members GROUP BY province_code ' +
                                'HAVING COUNT(*) >= 3 ORDER BY COUNT(*) DESC, province_code LIMIT 1');
    assert.ok(busiest, 'a province with three members');
    province = Number(busiest.province_code);
    const members = await id.memberRows(database, 60);
    const codes = await sql('SELECT id, province_code FROM members');
    const codeOf = new Map(codes.map((r) => [Number(r.id), Number(r.province_code)]));
    const here = members.filter((m) => codeOf.get(Number(m.id)) === province).slice(0, 3);
    const there = members.find((m) => codeOf.get(Number(m.id)) !== province);
    for (const m of here) inProvince.push(await signedInMember(server, sink, m));
    elsewhere = await signedInMember(server, sink, there);
    editor = await id.signedInStaff(server, sink, { staffRoles: ['content_editor'] });
    reviewer = await id.signedInStaff(server, sink, { staffRoles: ['content_editor'] });
    otherStaff = await id.signedInStaff(server, sink, { staffRoles: ['member_services'] });
  });
  after(async () => {
    if (server && !server.exited()) await server.stop();
    await sink?.stop();
    await database?.drop().catch(() => {});
  });

  const fields = (overrides = {}) => ({
    title_id: title, title_en: 'Branch office closed on 1 May',
    body_id: 'Kantor cabang tutup pada 1 Mei.\nLayanan daring tetap buka.', body_en: 'The branch office is closed on 1 May.',
    starts_on: fundDay(-1), ends_on: fundDay(30), audience: 'province', province: String(province).padStart(2, '0'),
    employer: '', send_mail: '1', ...overrides,
  });

  test('ASVS 4.1.3, 4.2.1: staff without content_editor, members and anonymous visitors get no staff route', async () => {
    const [{ n: before }] = await sql('SELECT COUNT(*) AS n FROM announcements');
    const routes = ['/staff/announcements', '/staff/announcements/new', '/staff/announcements/1',
                    '/staff/announcements/1/edit'];
    const posts = ['/staff/announcements', '/staff/announcements/1/edit', '/staff/announcements/1/submit',
                   '/staff/announcements/1/approve', '/staff/announcements/1/send-back'];
    for (const who of [otherStaff, inProvince[0]]) {
      await who.client.get('/dashboard');
      for (const path of routes) assert.equal((await who.client.get(path)).status, 403, path);
      for (const path of posts) assert.equal((await who.client.post(path, fields())).status, 403, path);
    }
    const anonymous = new id.Client(server.baseUrl);
    const page = await anonymous.get('/staff/announcements');
    assert.equal(page.status, 303);
    assert.match(page.headers.location, /^\/login\?next=/);
    assert.equal(await count('SELECT COUNT(*) AS n FROM announcements'), Number(before));
  });

  test('a content editor writes; bad input is refused with errors tied to the fields and saves nothing', async () => {
    await editor.client.get('/staff/announcements/new');
    const bad = await editor.client.post('/staff/announcements', fields({ title_id: '', ends_on: '2020-02-30' }));
    assert.equal(bad.status, 422);
    assert.ok(bad.text.includes('href="#f-title_id"'));
    assert.ok(h.htmlText(bad.text).includes(ID['announcements.error.title_empty']));
    assert.ok(h.htmlText(bad.text).includes(ID['announcements.error.date']));
    assert.ok(bad.text.includes('aria-describedby="f-ends_on-hint f-ends_on-error"'));
    assert.equal(await count('SELECT COUNT(*) AS n FROM announcements'), 0);

    const made = await editor.client.post('/staff/announcements', fields());
    assert.equal(made.status, 303, h.htmlText(made.text).slice(0, 300));
    announcementId = Number(/\/staff\/announcements\/(\d+)$/.exec(made.headers.location)[1]);
    const shown = await editor.client.get(made.headers.location);
    assert.equal(shown.status, 200);
    const text = h.htmlText(shown.text);
    assert.ok(text.includes(title), 'the preview');
    assert.ok(text.includes(ID['announcements.state.draft']));
    const submitted = await editor.client.post(`/staff/announcements/${announcementId}/submit`, {});
    assert.equal(submitted.status, 303);
  });

  test('ASVS 1.1.4: the author cannot approve or send back their own announcement (403, audited)', async () => {
    const own = await editor.client.post(`/staff/announcements/${announcementId}/approve`, {});
    assert.equal(own.status, 403);
    assert.ok(h.htmlText(own.text).includes(ID['announcements.refused.own_announcement']));
    const back = await editor.client.post(`/staff/announcements/${announcementId}/send-back`, { reason: 'x' });
    assert.equal(back.status, 403);
    const [row] = await sql(`SELECT state FROM announcements WHERE id = ${announcementId}`);
    assert.equal(row.state, 'submitted');
    assert.equal(await count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'announcement.approved' AND result = 'denied'"), 1);
  });

  test('a second editor sends it back with a reason; the author edits and submits again', async () => {
    const empty = await reviewer.client.post(`/staff/announcements/${announcementId}/send-back`, { reason: ' ' });
    assert.equal(empty.status, 422);
    const back = await reviewer.client.post(`/staff/announcements/${announcementId}/send-back`, { reason: 'Tambahkan jam buka.' });
    assert.equal(back.status, 303);
    const shown = await editor.client.get(`/staff/announcements/${announcementId}`);
    assert.ok(h.htmlText(shown.text).includes('Tambahkan jam buka.'));
    const edited = await editor.client.post(`/staff/announcements/${announcementId}/edit`,
      fields({ body_id: 'Kantor cabang tutup pada 1 Mei.\nLayanan daring tetap buka 24 jam.' }));
    assert.equal(edited.status, 303);
    assert.equal((await editor.client.post(`/staff/announcements/${announcementId}/submit`, {})).status, 303);
  });

  test('approved: the delivery survives a killed server and reaches each member of the province once', async () => {
    // The server may die before or after its answer is written: the database says what happened.
    const approved = await reviewer.client.post(`/staff/announcements/${announcementId}/approve`, {})
      .catch(() => ({ status: 303 }));
    assert.equal(approved.status, 303);
    const [state] = await sql(`SELECT state FROM announcements WHERE id = ${announcementId}`);
    assert.equal(state.state, 'published');
    for (const action of ['announcement.created', 'announcement.submitted', 'announcement.sent_back',
                          'announcement.edited', 'announcement.approved']) {
      assert.ok(await count(`SELECT COUNT(*) AS n FROM audit_log WHERE action = '${action}' AND result = 'ok'`) >= 1, action);
    }
    // The process ends itself after the second member, mid-job, without cleaning up.
    if (!server.exited()) await new Promise((resolve) => server.process.once('close', resolve));
    assert.equal(server.exited().code, 137);
    assert.equal(await count(`SELECT COUNT(*) AS n FROM announcement_deliveries WHERE announcement_id = ${announcementId}`), 2);
    assert.equal(await count("SELECT COUNT(*) AS n FROM mail_outbox WHERE category = 'announcements'"), 2);

    server = await h.startServer({ database, env: { ...sink.env, ...jobEnv } });
    for (const c of clients()) c.baseUrl = server.baseUrl;
    // The lease of the dead process runs out (1 s) and the new one takes the job over.
    const job = await h.pollUntil(async () => {
      const [row] = await sql(`SELECT j.state, j.done, j.total, j.attempts FROM jobs j JOIN announcements n ON n.job_id = j.id WHERE n.id = ${announcementId}`);
      return row.state === 'done' ? row : null;
    }, { attempts: 300, intervalMs: 200, what: 'the delivery job done' });
    assert.equal(Number(job.done), 3);
    assert.equal(Number(job.total), 3);
    assert.ok(Number(job.attempts) >= 2, 'taken over');
    assert.equal(await count("SELECT COUNT(*) AS n FROM mail_outbox WHERE category = 'announcements'"), 3, 'one mail each');
    for (const m of inProvince) {
      assert.equal(await count(`SELECT COUNT(*) AS n FROM inbox_items WHERE category = 'announcements' AND account_id = ${m.accountId}`), 1);
      assert.equal(await count(`SELECT COUNT(*) AS n FROM mail_outbox WHERE category = 'announcements' AND to_address = '${m.email}'`), 1);
    }
    assert.equal(await count(`SELECT COUNT(*) AS n FROM inbox_items WHERE account_id = ${elsewhere.accountId} AND category = 'announcements'`), 0);
    assert.equal(await count(`SELECT COUNT(*) AS n FROM mail_outbox WHERE to_address = '${elsewhere.email}' AND category = 'announcements'`), 0);
    const mail = await sink.waitForMail({ to: inProvince[0].email, subject: fill(ID['announcements.mail.subject'], { title }) });
    assert.ok(mail, 'the mail reaches the member');
    const progress = await reviewer.client.get(`/staff/announcements/${announcementId}`);
    assert.ok(h.htmlText(progress.text).includes(fill(ID['announcements.show.progress'], { done: 3, total: 3 })));
  });

  test('the member of the province sees it on the dashboard and in the inbox until dismissed; others do not', async () => {
    const member = inProvince[0];
    const dashboard = await member.client.get('/dashboard');
    assert.ok(h.htmlText(dashboard.text).includes(title));
    const inbox = await member.client.get('/notifications');
    assert.ok(h.htmlText(inbox.text).includes(fill(ID['announcements.inbox.item'], { title })));
    const read = await member.client.get(`/announcements/${announcementId}`);
    assert.equal(read.status, 200);
    assert.ok(h.htmlText(read.text).includes('Layanan daring tetap buka 24 jam.'));

    const other = await elsewhere.client.get('/dashboard');
    assert.ok(!h.htmlText(other.text).includes(title));
    assert.equal((await elsewhere.client.get(`/announcements/${announcementId}`)).status, 404);
    assert.equal((await elsewhere.client.post(`/announcements/${announcementId}/dismiss`, {})).status, 404);

    assert.equal((await member.client.post(`/announcements/${announcementId}/dismiss`, {}, { csrf: null })).status, 403, 'ASVS 4.2.2: CSRF');
    const dismissed = await member.client.post(`/announcements/${announcementId}/dismiss`, {});
    assert.equal(dismissed.status, 303);
    assert.ok(!h.htmlText((await member.client.get('/dashboard')).text).includes(title));
    assert.ok(h.htmlText((await inProvince[1].client.get('/dashboard')).text).includes(title), 'per account');
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

    // A member signed in on a 360 px page, as a person would: e-mail and password.
    async function memberInBrowser(account, javaScriptEnabled) {
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled, locale: 'id-ID' });
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/login?next=/dashboard`);
      await page.getByLabel(ID['identity.login.identifier']).fill(account.email);
      await page.getByLabel(ID['identity.login.password'], { exact: true }).fill(account.password);
      await page.getByRole('button', { name: ID['identity.login.submit'], exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/dashboard');
      return { context, page };
    }

    // Without JavaScript axe cannot run in the page: the page must then work and stay under 50 KB.
    async function checkPage(page, what, javaScriptEnabled = true) {
      if (!javaScriptEnabled) {
        const size = Buffer.byteLength(await page.content());
        assert.ok(size < 50_000, `${what}: ${size} bytes`);
        return;
      }
      const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], what);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${what}: no horizontal scroll at 360 px (overflow ${overflow}px)`);
    }

    for (const javaScriptEnabled of [true, false]) {
      test(`${javaScriptEnabled ? 'WCAG 2.2 AA (axe) at 360 px' : 'without JavaScript at 360 px (under 50 KB)'}: the staff form, its errors, the preview and the member's card`, { timeout: 120_000 }, async () => {
        // A new editor each run (an authenticator code is good once), as a person signs in.
        const fresh = await id.signedInStaff(server, sink, { staffRoles: ['content_editor'] });
        const { context, page } = await id.signInInBrowser(browser, server.baseUrl, fresh,
          { lang: 'id', javaScriptEnabled, landing: '/staff/announcements' });
        try {
          for (const path of ['/staff/announcements', '/staff/announcements/new', `/staff/announcements/${announcementId}`]) {
            const response = await page.goto(`${server.baseUrl}${path}`);
            assert.equal(response.status(), 200, path);
            await checkPage(page, path, javaScriptEnabled);
          }
          await page.goto(`${server.baseUrl}/staff/announcements/new`);
          await page.getByRole('button', { name: ID['announcements.form.save'] }).click();
          await page.waitForLoadState();
          assert.ok((await page.content()).includes('error-summary'));
          await checkPage(page, 'the form with errors', javaScriptEnabled);
        } finally {
          await context.close();
        }
        const member = await memberInBrowser(inProvince[1], javaScriptEnabled);
        try {
          const page = member.page;
          assert.ok((await page.content()).includes(title), 'the card');
          await checkPage(page, 'the dashboard with the card', javaScriptEnabled);
          await page.goto(`${server.baseUrl}/announcements/${announcementId}`);
          await checkPage(page, 'the announcement', javaScriptEnabled);
        } finally {
          await member.context.close();
        }
      });
    }
  });
});
