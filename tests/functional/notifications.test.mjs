// Notifications (src/notifications and core/inbox): the inbox at /notifications fed by
// the registry (a month's contributions received, an employer's payment late), the unread count
// in the header and on the dashboard, marking one or all read, mail choices per category with
// security mail always on. Through HTTP as the member, another member (IDOR), staff and an
// anonymous visitor would use them, with a real SMTP sink; then in Chromium with axe-core
// (WCAG 2.2 AA), at 360 px and without JavaScript, in Indonesian and English.
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
const EN = h.loadCatalog('en');
const CATALOG = { id: ID, en: EN };
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

// Today in Western Indonesian Time, as the server counts days and months.
const WIB_NOW = new Date(Date.now() + 7 * 3600_000);
const TODAY_PERIOD = WIB_NOW.getUTCFullYear() * 100 + WIB_NOW.getUTCMonth() + 1;
const addMonths = (period, n) => {
  const index = Math.floor(period / 100) * 12 + (period % 100) - 1 + n;
  return Math.floor(index / 12) * 100 + (index % 12) + 1;
};
// The first month a new account hears about (kBackfillMonths = 2). Its bill was due on the
// 15th of the month after, which is always before today.
const FIRST = addMonths(TODAY_PERIOD, -2);
const daysAgo = (n) => new Date(Date.now() + 7 * 3600_000 - n * 86_400_000).toISOString().slice(0, 10);

const monthText = (period, t) => `${t[`date.months.${period % 100}`]} ${Math.floor(period / 100)}`;
const rupiah = (amount, lang) => `Rp ${Number(amount).toLocaleString(lang === 'en' ? 'en-US' : 'de-DE')}`;
const fill = (text, values) => text.replace(/\{\{(\w+)\}\}/g, (_, k) => values[k]);
const dayText = (day, t) => `${Number(day.slice(8, 10))} ${t[`date.months.${Number(day.slice(5, 7))}`]} ${day.slice(0, 4)}`;
const lateText = (period, employer, due, t = ID) => fill(t['notifications.event.payment_late'], {
  employer, month: monthText(period, t), due_date: dayText(String(due).slice(0, 10), t) });
const receivedText = (period, employer, amount, t = ID) => fill(t['notifications.event.contribution_received'], {
  month: monthText(period, t), employer, amount: rupiah(amount, t === EN ? 'en' : 'id') });

// The header's link to the inbox, as text: "Pemberitahuan (2 belum dibaca)".
function headerLink(html) {
  const m = /<nav class="site-nav"[\s\S]*?<a href="\/notifications"[^>]*>([\s\S]*?)<\/a>/.exec(html);
  return m ? h.htmlText(m[1]) : undefined;
}
const expectedHeader = (n, t = ID) =>
  (n > 0 ? `${t['layout.nav.notifications']} (${n} ${t['layout.nav.unread']})` : t['layout.nav.notifications']);

// The dashboard card's figure.
function dashboardUnread(html, t = ID) {
  const m = new RegExp(`<h2>${t['notifications.title']}</h2>\\s*<p class="card__figure">(\\d+)</p>`).exec(html);
  return m ? Number(m[1]) : undefined;
}

// The ids in the page's "mark as read" forms, top to bottom.
const unreadIds = (html) => id.parseForms(html).filter((f) => f.action === '/notifications/read').map((f) => f.fields.id);
// Every item's text, top to bottom.
const itemTexts = (html) => [...html.matchAll(/<p class="inbox__text" id="n-(\d+)">([\s\S]*?)<\/p>/g)]
  .map((m) => ({ id: m[1], text: h.htmlText(m[2]) }));

// Registers `member` through the real flow (form, mail, confirmation) and signs in, without
// opening any page after it (the first visit to /dashboard is the first sync).
async function signedInMember(server, sink, member) {
  const client = new id.Client(server.baseUrl);
  const email = id.uniqueEmail('notif');
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

describe(`notifications on ${backend}`, () => {
  let sink;
  let server;
  let alice;  // a member whose first watched month is unpaid and the next one paid
  let bob;    // another member
  let firstItems;  // alice's items after her first visit, newest first

  const sql = (query) => id.sqlRows(server.database, query);
  const exec = (statement) => id.sqlExec(server.database, statement);
  const notificationMails = async (email) => Number((await sql(
    `SELECT COUNT(*) AS n FROM mail_outbox WHERE category = 'notifications' AND to_address = '${email}'`))[0].n);
  const readAt = async (itemId) => (await sql(`SELECT read_at FROM inbox_items WHERE id = ${Number(itemId)}`))[0]?.read_at ?? null;
  // A notice as identity will post it (core/inbox), straight into the table.
  const postSecurityNotice = (who, key) => exec(
    'INSERT INTO inbox_items (account_id, category, message_id, message_values, link, created_at, dedupe_key) VALUES ' +
    `(${who.accountId}, 'security', 'notifications.security.new_device', '{"device":"Firefox di Linux"}', ` +
    `'/account/security', ${Math.floor(Date.now() / 1000)}, '${key}')`);

  before(async () => {
    sink = await startMailSink();
    server = await h.startServer({ env: { ...sink.env } });
    const seeded = await h.runLumbung(['seed-demo', '--members', '60', '--years', '2'],
                                      { env: h.databaseEnv(server.database) });
    assert.equal(seeded.code, 0, seeded.stderr);
    // Members with one employer over the watched months, starting at FIRST, each month billed.
    const candidates = await sql(
      'SELECT m.id, m.nik, m.kpj, m.full_name, CAST(m.birth_date AS TEXT) AS birth_date, ' +
      'MIN(c.employer_id) AS employer_id, COUNT(*) AS months FROM members m ' +
      `JOIN contributions c ON c.member_id = m.id AND c.period >= ${FIRST} ` +
      'GROUP BY m.id, m.nik, m.kpj, m.full_name, m.birth_date ' +
      `HAVING COUNT(DISTINCT c.employer_id) = 1 AND MIN(c.period) = ${FIRST} AND COUNT(*) >= 2 ` +
      'ORDER BY m.id LIMIT 10');
    const rows = [];
    for (const r of candidates) {
      const [billed] = await sql('SELECT COUNT(*) AS n FROM contributions c JOIN employer_payments p ' +
        'ON p.employer_id = c.employer_id AND p.period = c.period ' +
        `WHERE c.member_id = ${r.id} AND c.period >= ${FIRST}`);
      if (Number(billed.n) === Number(r.months)) rows.push(r);
    }
    assert.ok(rows.length >= 2, `members with months from ${FIRST}: ${JSON.stringify(rows)}`);
    const pool = new id.MemberPool(rows.map((r) => ({ ...r, birth_date: String(r.birth_date).slice(0, 10) })));
    alice = { member: pool.take() };
    Object.assign(alice, await signedInMember(server, sink, alice.member));
    bob = { member: pool.take() };
    Object.assign(bob, await signedInMember(server, sink, bob.member));
    // Alice's first watched month is unpaid (her employer is late), every later one paid.
    await exec(`UPDATE contributions SET paid = CASE WHEN period = ${FIRST} THEN 0 ELSE 1 END ` +
               `WHERE member_id = ${alice.member.id} AND period >= ${FIRST}`);
  });
  after(async () => {
    await server?.stop();
    await sink?.stop();
  });

  test('ASVS 4.1.1: anonymous visitors are sent to sign in; their POSTs are refused', async () => {
    for (const path of ['/notifications', '/notifications?page=2', '/notifications/preferences']) {
      const res = await h.request(server.baseUrl, path);
      assert.equal(res.status, 303, path);
      assert.equal(res.headers.location, `/login?next=${encodeURIComponent(path)}`);
    }
    const anonymous = new id.Client(server.baseUrl);
    await anonymous.get('/login');
    for (const path of ['/notifications/read', '/notifications/read-all', '/notifications/preferences']) {
      assert.equal((await anonymous.post(path, { id: '1', payments: '1' })).status, 403, path);
    }
  });

  test('the first visit brings the recent months in: late and received, newest first, no mail', async () => {
    const dashboard = await alice.client.get('/dashboard');
    assert.equal(dashboard.status, 200);
    const months = await sql(
      'SELECT c.period, e.name, c.jht_worker + c.jht_employer + c.jkk + c.jkm + c.jp_worker + c.jp_employer + c.jkp AS amount, ' +
      'CAST(p.due_date AS TEXT) AS due FROM contributions c JOIN employers e ON e.id = c.employer_id ' +
      'JOIN employer_payments p ON p.employer_id = c.employer_id AND p.period = c.period ' +
      `WHERE c.member_id = ${alice.member.id} AND c.period >= ${FIRST} ORDER BY c.period DESC`);
    const n = months.length;
    assert.equal(headerLink(dashboard.text), expectedHeader(n), 'the header counts them');
    assert.equal(dashboardUnread(dashboard.text), n, 'the dashboard card counts them');
    assert.ok(dashboard.text.includes('href="/notifications"'));

    const page = await alice.client.get('/notifications');
    assert.equal(page.status, 200);
    assert.equal(headerLink(page.text), expectedHeader(n));
    firstItems = itemTexts(page.text);
    const expected = months.map((m) => (m.period === FIRST ? lateText(FIRST, m.name, m.due)
                                                           : receivedText(m.period, m.name, m.amount)));
    assert.deepEqual(firstItems.map((i) => i.text), expected, 'newest month first');
    assert.deepEqual(unreadIds(page.text), firstItems.map((i) => i.id), 'each unread with its own form');
    assert.equal((page.text.match(/inbox__item--unread/g) ?? []).length, n);
    assert.ok(h.htmlText(page.text).includes(ID['notifications.unread_tag']), 'unread is said in words');
    assert.ok(!h.htmlText(page.text).includes(monthText(addMonths(FIRST, -1), ID)), 'nothing before the watch');
    assert.ok(page.text.includes(`href="/contributions?year=${Math.floor(FIRST / 100)}"`));
    assert.equal(await notificationMails(alice.email), 0, 'the first sync mails nothing');

    // Coming back posts nothing twice.
    await alice.client.get('/dashboard');
    const again = await alice.client.get('/notifications');
    assert.deepEqual(itemTexts(again.text), firstItems);
    assert.equal(Number((await sql(`SELECT COUNT(*) AS n FROM inbox_items WHERE account_id = ${alice.accountId}`))[0].n), n);
  });

  test('ASVS 4.2.1 (IDOR): another member neither sees nor marks them, whatever id is sent', async () => {
    const page = await bob.client.get('/notifications');
    assert.equal(page.status, 200);
    for (const item of firstItems) assert.ok(!page.text.includes(`id="n-${item.id}"`), `bob sees ${item.id}`);
    for (const path of [`/notifications?account=${alice.accountId}`, `/notifications?account_id=${alice.accountId}`,
                        `/notifications?member=${alice.member.id}`]) {
      const res = await bob.client.get(path);
      assert.equal(res.status, 200, path);
      for (const item of firstItems) assert.ok(!res.text.includes(item.text), `${path}: alice's notice`);
    }
    for (const path of [`/notifications/${firstItems[0].id}`, `/notifications/read?id=${firstItems[0].id}`]) {
      assert.ok([404, 405].includes((await bob.client.get(path)).status), path);
    }
    const bobCount = unreadIds(page.text).length;
    for (const item of firstItems) {
      const res = await bob.client.post('/notifications/read', { id: item.id, account_id: String(alice.accountId) });
      assert.equal(res.status, 404, `bob marking ${item.id}`);
      assert.ok(h.htmlText(res.text).includes(ID['notifications.error.not_found']), 'a translated message');
      assert.equal(await readAt(item.id), null, 'still unread');
    }
    // The same answer as for an id that does not exist.
    assert.equal((await bob.client.post('/notifications/read', { id: '999999999' })).status, 404);
    // Malformed ids: a clear error, nothing changes.
    for (const bad of ['', 'abc', '0', '-1', '1e3', `${firstItems[0].id}.0`, `0${firstItems[0].id}`, '99999999999999999999']) {
      const res = await alice.client.post('/notifications/read', { id: bad });
      assert.equal(res.status, 422, `id '${bad}'`);
      assert.ok(h.htmlText(res.text).includes(ID['notifications.error.not_found']));
      assert.ok(h.htmlTitle(res.text).startsWith(ID['title.error_prefix'] ?? ''), 'Error: in the title');
    }
    // Mark all is the poster's own.
    assert.equal((await bob.client.post('/notifications/read-all', {})).status, 303);
    for (const item of firstItems) assert.equal(await readAt(item.id), null);
    const bobAfter = await bob.client.get('/notifications');
    assert.equal(headerLink(bobAfter.text), expectedHeader(0), `bob read his ${bobCount}`);
    assert.equal(headerLink((await alice.client.get('/notifications')).text), expectedHeader(firstItems.length));
  });

  test('marking one read, then all, changes the counts in the header and on the dashboard', async () => {
    const n = firstItems.length;
    const res = await alice.client.post('/notifications/read', { id: firstItems[1].id, page: '1' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/notifications?notice=read');
    assert.notEqual(await readAt(firstItems[1].id), null);
    const page = await alice.client.get(res.headers.location);
    assert.equal(headerLink(page.text), expectedHeader(n - 1));
    assert.ok(h.htmlText(page.text).includes(ID['notifications.notice.read']));
    assert.ok(!unreadIds(page.text).includes(firstItems[1].id), 'no form for a read item');
    assert.equal(dashboardUnread((await alice.client.get('/dashboard')).text), n - 1);
    // Again: still hers, nothing changes.
    assert.equal((await alice.client.post('/notifications/read', { id: firstItems[1].id })).status, 303);

    const all = await alice.client.submit('/notifications', {}, { action: '/notifications/read-all' });
    assert.equal(all.res.status, 303);
    const read = await alice.client.get(all.res.headers.location);
    assert.equal(headerLink(read.text), expectedHeader(0));
    assert.ok(h.htmlText(read.text).includes(ID['notifications.notice.all_read']));
    assert.deepEqual(unreadIds(read.text), []);
    assert.equal(itemTexts(read.text).length, n, 'read items stay listed');
    assert.equal(dashboardUnread((await alice.client.get('/dashboard')).text), 0);
    // Without the CSRF token: refused by the session middleware.
    assert.equal((await alice.client.post('/notifications/read-all', {}, { csrf: null })).status, 403);
  });

  test('pages of 20, newest first, with links between them', async () => {
    const now = Math.floor(Date.now() / 1000);
    const values = [];
    for (let i = 1; i <= 25; i++) {
      values.push(`(${bob.accountId}, 'security', 'notifications.security.password_changed', '{}', '', ${now + i}, 'page-test:${i}')`);
    }
    await exec('INSERT INTO inbox_items (account_id, category, message_id, message_values, link, created_at, dedupe_key) ' +
               `VALUES ${values.join(', ')}`);
    const first = await bob.client.get('/notifications');
    const ids = itemTexts(first.text).map((i) => Number(i.id));
    assert.equal(ids.length, 20);
    assert.deepEqual([...ids].sort((a, b) => b - a), ids, 'newest first');
    assert.ok(first.text.includes('href="/notifications?page=2"'));
    const second = await bob.client.get('/notifications?page=2');
    assert.ok(itemTexts(second.text).length >= 5);
    assert.ok(second.text.includes('href="/notifications"'), 'a link back');
    // Marking on page 2 returns to page 2.
    const onSecond = unreadIds(second.text)[0];
    const res = await bob.client.post('/notifications/read', { id: onSecond, page: '2' });
    assert.equal(res.headers.location, '/notifications?page=2&notice=read');
    // Past the end, or nonsense: the last page or the first.
    assert.equal((await bob.client.get('/notifications?page=99')).status, 200);
    for (const page of ['0', '-1', 'x', '1e9']) {
      const r = await bob.client.get(`/notifications?page=${page}`);
      assert.equal(r.status, 200, page);
      assert.deepEqual(itemTexts(r.text).map((i) => Number(i.id)), ids, `page=${page} is the first`);
    }
    await bob.client.post('/notifications/read-all', {});
  });

  test('mail choices: saved per account, and a new event is mailed or not accordingly', async () => {
    const form = await alice.client.get('/notifications/preferences');
    assert.equal(form.status, 200);
    const text = h.htmlText(form.text);
    assert.ok(text.includes(ID['notifications.preferences.security_always']), 'security shown as always on');
    const boxes = id.parseForms(form.text).find((f) => f.action === '/notifications/preferences');
    assert.ok(boxes, 'the form');
    assert.ok(!('security' in boxes.fields), 'no switch for security');
    const checked = (html, name) => new RegExp(`name="${name}" type="checkbox" value="1" checked`).test(html);
    assert.equal(checked(form.text, 'contributions'), false, 'default: receipts in the inbox only');
    assert.equal(checked(form.text, 'payments'), true, 'default: late payments by mail');
    assert.equal(checked(form.text, 'claims'), true);

    // Receipts on, late payments and claims off: only the ticked box is sent, as a browser does.
    const save = await alice.client.post('/notifications/preferences', { contributions: '1' });
    assert.equal(save.status, 303);
    assert.equal(save.headers.location, '/notifications/preferences?saved=1');
    const shown = await alice.client.get(save.headers.location);
    assert.ok(h.htmlText(shown.text).includes(ID['notifications.preferences.saved']));
    assert.equal(checked(shown.text, 'contributions'), true);
    assert.equal(checked(shown.text, 'payments'), false);
    assert.equal(checked(shown.text, 'claims'), false);
    assert.deepEqual((await sql(`SELECT category, mail FROM inbox_mail_preferences WHERE account_id = ${alice.accountId} ORDER BY category`))
      .map((r) => `${r.category}=${r.mail}`), ['announcements=0', 'claims=0', 'contributions=1', 'payments=0', 'support=0', 'training=0']);
    const bobsChoices = await bob.client.get('/notifications/preferences');
    assert.equal(checked(bobsChoices.text, 'payments'), true, "bob's are his own");

    // The late month is paid (a receipt: mailed) and the next month becomes late (not mailed).
    const second = addMonths(FIRST, 1);
    await exec(`UPDATE contributions SET paid = CASE WHEN period = ${FIRST} THEN 1 ELSE 0 END ` +
               `WHERE member_id = ${alice.member.id} AND period IN (${FIRST}, ${second})`);
    await exec(`UPDATE employer_payments SET due_date = '${daysAgo(2)}' WHERE employer_id = ${alice.member.employer_id} AND period = ${second}`);
    const page = await alice.client.get('/notifications');
    const [first] = await sql(
      'SELECT e.name, c.jht_worker + c.jht_employer + c.jkk + c.jkm + c.jp_worker + c.jp_employer + c.jkp AS amount ' +
      `FROM contributions c JOIN employers e ON e.id = c.employer_id WHERE c.member_id = ${alice.member.id} AND c.period = ${FIRST}`);
    // Posted oldest month first, so listed newest first: the late second month, then the receipt.
    assert.deepEqual(itemTexts(page.text).slice(0, 2).map((i) => i.text),
                     [lateText(second, first.name, daysAgo(2)), receivedText(FIRST, first.name, first.amount)]);
    assert.equal(headerLink(page.text), expectedHeader(2));

    const mail = await sink.waitForMail({ to: alice.email, subject: ID['notifications.mail.subject.contributions'] });
    assert.ok(mail.text.includes(monthText(FIRST, ID)), mail.text);
    assert.ok(mail.text.includes(fill(ID['notifications.mail.greeting'], { name: alice.member.full_name })));
    assert.equal(id.mailLink(mail, '/notifications'), '/notifications');
    assert.equal(id.mailLink(mail, '/notifications/preferences'), '/notifications/preferences');
    // The late payment is in the inbox only: its mail was never queued (same transaction).
    assert.equal(await notificationMails(alice.email), 1);
    assert.equal(sink.find({ to: alice.email, subject: ID['notifications.mail.subject.payments'] }).length, 0);
  });

  test('ASVS 2.2.3: security mail cannot be turned off; forged or damaged forms change nothing', async () => {
    const before = await sql(`SELECT category, mail, updated_at FROM inbox_mail_preferences WHERE account_id = ${alice.accountId} ORDER BY category`);
    const attempts = [
      [{ security: '0' }, 'notifications.preferences.error.security'],
      [{ contributions: '1', payments: '1', security: '' }, 'notifications.preferences.error.security'],
      [{ security: 'off' }, 'notifications.preferences.error.security'],
      [{ payments: '2' }, 'notifications.preferences.error.invalid'],
      [{ contributions: '1', account_id: String(bob.accountId) }, 'notifications.preferences.error.invalid'],
    ];
    for (const [fields, message] of attempts) {
      const res = await alice.client.post('/notifications/preferences', fields);
      assert.equal(res.status, 422, JSON.stringify(fields));
      const text = h.htmlText(res.text);
      assert.ok(text.includes(ID[message]), `${JSON.stringify(fields)}: ${text.slice(0, 300)}`);
      assert.ok(h.htmlTitle(res.text).includes(ID['notifications.preferences.title']));
      assert.ok(res.text.includes('class="error-summary"'));
    }
    // In English too.
    const en = await alice.client.post('/notifications/preferences', { security: '0' },
                                       { headers: { cookie: `${alice.client.cookieHeader()}; lang=en` } });
    assert.ok(h.htmlText(en.text).includes(EN['notifications.preferences.error.security']));
    assert.deepEqual(await sql(`SELECT category, mail, updated_at FROM inbox_mail_preferences WHERE account_id = ${alice.accountId} ORDER BY category`), before);
    // The table itself refuses a choice for security.
    await assert.rejects(exec(`INSERT INTO inbox_mail_preferences (account_id, category, mail, updated_at) VALUES (${alice.accountId}, 'security', 0, 1)`));
    // Without the CSRF token: 403.
    assert.equal((await alice.client.post('/notifications/preferences', { payments: '1' }, { csrf: null })).status, 403);
  });

  test('staff: their own inbox and count (security notices), nothing to choose', async () => {
    const email = id.uniqueEmail('staff');
    const added = await h.runLumbung(['user', 'add', '--role', 'staff', '--staff-roles', 'member_services', '--email', email,
                                      '--name', 'Petugas Uji'], { env: h.databaseEnv(server.database) });
    assert.equal(added.code, 0, added.stderr);
    const staff = new id.Client(server.baseUrl);
    const invitation = await sink.waitForMail({ to: email });
    const password = id.newPassword();
    await staff.submit(id.mailLink(invitation, '/invitation'), { password });
    await staff.submit('/login', { identifier: email, password });
    await id.enrolAuthenticator(staff);
    const [account] = await sql(`SELECT id FROM accounts WHERE email = '${email}'`);
    // Setting up the second factor posted a security notice already (identity's security mails
    // are inbox notices too); one more arrives.
    await postSecurityNotice({ accountId: Number(account.id) }, 'staff-test:1');
    const dashboard = await staff.get('/dashboard');
    assert.equal(headerLink(dashboard.text), expectedHeader(2));
    assert.equal(dashboardUnread(dashboard.text), 2);
    assert.ok(h.htmlText((await staff.get('/notifications')).text).includes(ID['notifications.security.two_factor_changed']));
    const page = await staff.get('/notifications');
    assert.equal(page.status, 200);
    assert.ok(h.htmlText(page.text).includes(fill(ID['notifications.security.new_device'], { device: 'Firefox di Linux' })));
    const choices = await staff.get('/notifications/preferences');
    assert.equal(choices.status, 200);
    assert.ok(h.htmlText(choices.text).includes(ID['notifications.preferences.security_always']));
    assert.ok(!id.parseForms(choices.text).some((f) => f.action === '/notifications/preferences'), 'no form');
    const forged = await staff.post('/notifications/preferences', { payments: '1' });
    assert.equal(forged.status, 422);
    assert.equal(Number((await sql(`SELECT COUNT(*) AS n FROM inbox_mail_preferences WHERE account_id = ${account.id}`))[0].n), 0);
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

    async function signIn(lang, { javaScriptEnabled }) {
      const context = await browser.newContext({
        viewport: { width: 360, height: 740 }, javaScriptEnabled, locale: lang === 'en' ? 'en-US' : 'id-ID',
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
      test(`WCAG 2.2 AA (axe) and 360 px: the inbox and the mail choices in ${lang}`, async () => {
        await postSecurityNotice(alice, `axe-${lang}`);
        const { context, page } = await signIn(lang, { javaScriptEnabled: true });
        try {
          for (const path of ['/notifications', '/notifications/preferences', '/notifications/preferences?saved=1']) {
            await page.goto(`${server.baseUrl}${path}`);
            const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
            assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], path);
            const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
            assert.ok(overflow <= 0, `${path}: no horizontal scroll at 360 px (overflow ${overflow}px)`);
          }
          // A refused form: its error page too.
          await page.goto(`${server.baseUrl}/notifications`);
          await Promise.all([page.waitForURL(/\/notifications\/read$/), page.evaluate(() => {
            const form = document.querySelector('form[action="/notifications/read"]');
            form.querySelector('input[name="id"]').value = 'x';
            form.submit();
          })]);
          assert.ok((await page.locator('main').textContent()).includes(CATALOG[lang]['notifications.error.not_found']));
          const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
          assert.deepEqual(results.violations.map((v) => v.id), [], 'the 422 page');
        } finally {
          await context.close();
        }
      });

      test(`without JavaScript: from the header to the inbox, mark one read, save a choice in ${lang}`, async () => {
        const t = CATALOG[lang];
        await postSecurityNotice(alice, `nojs-${lang}`);
        const { context, page } = await signIn(lang, { javaScriptEnabled: false });
        try {
          // Counted after signing in: the dashboard is where the registry is looked at.
          const unread = Number((await sql(`SELECT COUNT(*) AS n FROM inbox_items WHERE account_id = ${alice.accountId} AND read_at IS NULL`))[0].n);
          assert.ok(unread >= 1);
          // The link's words (its accessible name adds a space where the hidden word starts).
          const nav = page.locator('nav.site-nav a[href="/notifications"]');
          assert.equal(await nav.textContent(), `${t['layout.nav.notifications']} (${unread} ${t['layout.nav.unread']})`);
          await nav.click();
          await page.waitForURL(/\/notifications$/);
          assert.equal(await page.locator('h1').textContent(), t['notifications.title']);
          const notice = fill(t['notifications.security.new_device'], { device: 'Firefox di Linux' });
          assert.ok((await page.locator('main').textContent()).includes(notice));
          await page.getByRole('button', { name: t['notifications.mark_read'] }).first().click();
          await page.waitForURL(/notice=read/);
          assert.ok((await page.locator('main').textContent()).includes(t['notifications.notice.read']));
          const after = unread - 1;
          assert.equal(await nav.textContent(),
                       after > 0 ? `${t['layout.nav.notifications']} (${after} ${t['layout.nav.unread']})` : t['layout.nav.notifications']);
          await page.getByRole('link', { name: t['notifications.preferences_link'] }).click();
          await page.waitForURL(/\/notifications\/preferences$/);
          await page.getByLabel(t['notifications.preferences.label.claims']).check();
          await page.getByRole('button', { name: t['notifications.preferences.submit'] }).click();
          await page.waitForURL(/saved=1/);
          assert.ok((await page.locator('main').textContent()).includes(t['notifications.preferences.saved']));
          assert.equal(await page.getByLabel(t['notifications.preferences.label.claims']).isChecked(), true);
          await page.getByRole('link', { name: t['notifications.preferences.back'] }).click();
          await page.waitForURL(/\/notifications$/);
          await page.getByRole('button', { name: t['notifications.mark_all'] }).click();
          await page.waitForURL(/notice=all_read/);
          assert.equal(await nav.textContent(), t['layout.nav.notifications']);
        } finally {
          await context.close();
        }
      });
    }
  });
});
