// The server reuses what the busiest GETs read (the session, the rendered dashboard, the unread
// count: core/cache/fresh_cache.h) — here for a whole minute, far longer than the default, so
// that nothing in these tests is visible only because the cache timed out. What a member or an
// attacker does through this server must still show on the very next request; members never
// see each other's pages; every response carries its own CSRF mask. Backend:
// LUMBUNG_TEST_BACKEND.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import * as h from './harness.mjs';
import * as id from './identity_support.mjs';
import { startMailSink } from './mail_sink.mjs';

const backend = h.currentBackend();
const ID = h.loadCatalog('id');
const EN = h.loadCatalog('en');

async function register(server, sink, member) {
  const client = new id.Client(server.baseUrl);
  const email = id.uniqueEmail('cache');
  const password = id.newPassword();
  const { res } = await client.submit('/register', {
    nik: member.nik, kpj: member.kpj, birth_date: member.birth_date, email, username: '', password,
  });
  assert.equal(res.status, 303, h.htmlText(res.text).slice(0, 300));
  const verify = await client.submit(id.mailLink(await sink.waitForMail({ to: email }), '/verify-email'));
  assert.equal(verify.res.status, 303);
  return { email, password, member };
}

async function signIn(server, account) {
  const client = new id.Client(server.baseUrl);
  const login = await client.submit('/login', { identifier: account.email, password: account.password });
  assert.equal(login.res.headers.location, '/dashboard');
  return client;
}

// The dashboard twice: the second answer comes from the cache.
async function dashboardTwice(client) {
  const first = await client.get('/dashboard');
  assert.equal(first.status, 200);
  const second = await client.get('/dashboard');
  assert.equal(second.status, 200);
  return second;
}

const unreadInHeader = (html) => {
  const m = /href="\/notifications">[^<(]*(?:\((\d+)<span)?/.exec(html);
  return m?.[1] ? Number(m[1]) : 0;
};

describe(`pages reused from memory on ${backend}`, () => {
  let sink;
  let server;
  let pool;

  before(async () => {
    sink = await startMailSink();
    server = await h.startServer({ env: { ...sink.env, LUMBUNG_CACHE_SECONDS: '60' } });
    const seeded = await h.runLumbung(['seed-demo', '--members', '30', '--years', '2'],
                                      { env: h.databaseEnv(server.database) });
    assert.equal(seeded.code, 0, seeded.stderr);
    const rows = await id.sqlRows(server.database,
      'SELECT m.id, m.nik, m.kpj, CAST(m.birth_date AS TEXT) AS birth_date FROM members m ' +
      'WHERE EXISTS (SELECT 1 FROM contributions c WHERE c.member_id = m.id) ORDER BY m.id LIMIT 8');
    pool = new id.MemberPool(rows.map((r) => ({ ...r, birth_date: String(r.birth_date).slice(0, 10) })));
  });
  after(async () => {
    await server?.stop();
    await sink?.stop();
  });

  test('ASVS 3.3.1: signing out ends the session at once, though its dashboard was reused', async () => {
    const client = await signIn(server, await register(server, sink, pool.take()));
    await dashboardTwice(client);
    const cookie = client.cookie(id.COOKIE.session);
    const out = await client.post('/logout');
    assert.equal(out.status, 303);
    const again = await h.request(server.baseUrl, '/dashboard',
                                  { headers: { cookie: `${id.COOKIE.session}=${cookie}` } });
    assert.equal(again.status, 303);
    assert.match(again.headers.location, /^\/login/);
  });

  test('ASVS 3.3.4: a session ended from another browser is refused on its next request', async () => {
    const account = await register(server, sink, pool.take());
    const phone = await signIn(server, account);
    const laptop = await signIn(server, account);
    await dashboardTwice(phone);
    const ended = await laptop.submit('/account/sessions', {}, { action: '/account/sessions/end-others' });
    assert.equal(ended.res.status, 303);
    const res = await phone.get('/dashboard');
    assert.equal(res.status, 303);
    assert.match(res.headers.location, /^\/login/);
    assert.equal((await laptop.get('/dashboard')).status, 200);
  });

  test('ASVS 4.2.2: every response has its own CSRF mask, and each one works', async () => {
    const client = await signIn(server, await register(server, sink, pool.take()));
    const masks = new Set();
    for (let i = 0; i < 4; ++i) {
      const res = await client.get('/dashboard');
      const fields = [...res.text.matchAll(/name="csrf" value="([^"]+)"/g)].map((m) => m[1]);
      assert.ok(fields.length >= 2);
      assert.equal(new Set(fields).size, 1, 'one mask within a page');
      masks.add(fields[0]);
    }
    assert.equal(masks.size, 4);
    const [oldest] = masks;
    const read = await client.post('/notifications/read-all', {}, { csrf: oldest });
    assert.equal(read.status, 303);
    assert.equal((await client.post('/notifications/read-all', {}, { csrf: 'x'.repeat(86) })).status, 403);
  });

  test('ASVS 4.2.1: members never get each other\'s reused dashboard', async () => {
    const alice = await register(server, sink, pool.take());
    const bob = await register(server, sink, pool.take());
    const a = await signIn(server, alice);
    const b = await signIn(server, bob);
    for (let i = 0; i < 3; ++i) {
      const [ra, rb] = await Promise.all([a.get('/dashboard'), b.get('/dashboard')]);
      assert.ok(ra.text.includes(alice.member.kpj) && !ra.text.includes(bob.member.kpj));
      assert.ok(rb.text.includes(bob.member.kpj) && !rb.text.includes(alice.member.kpj));
    }
  });

  test('what a member does shows on the next page: notices read, suggestion dismissed, language', async () => {
    const account = await register(server, sink, pool.take());
    const [row] = await id.sqlRows(server.database, `SELECT id FROM accounts WHERE email = '${account.email}'`);
    // A notice the fund posted before the member signs in (as any feature does: core/inbox).
    await id.sqlExec(server.database, 'INSERT INTO inbox_items (account_id, category, message_id, ' +
      `message_values, link, created_at) VALUES (${row.id}, 'payments', 'notifications.event.payment_late', ` +
      `'{"month":"202401","employer":"PT Uji","due_date":"2024-02-15"}', '/contributions', 1700000000)`);
    const client = await signIn(server, account);
    const before = await dashboardTwice(client);
    assert.ok(unreadInHeader(before.text) > 0, h.htmlText(before.text).slice(0, 600));
    assert.ok(before.text.includes('/account/two-factor/suggestion/dismiss'));
    assert.equal((await client.post('/notifications/read-all')).status, 303);
    const read = await client.get('/dashboard');
    assert.equal(unreadInHeader(read.text), 0);
    const dismissed = await client.submit('/dashboard', {}, { action: '/account/two-factor/suggestion/dismiss' });
    assert.equal(dismissed.res.status, 303);
    const after = await client.get('/dashboard');
    assert.ok(!after.text.includes('/account/two-factor/suggestion/dismiss'));
    assert.equal(h.htmlLang(after.text), 'id');
    assert.ok(h.htmlH1s(after.text).includes(ID['identity.dashboard.title']));
    await client.get('/lang/en?next=%2Fdashboard');
    const english = await client.get('/dashboard');
    assert.equal(h.htmlLang(english.text), 'en');
    assert.ok(h.htmlH1s(english.text).includes(EN['identity.dashboard.title']));
  });

  test('a POST never trusts the reused session: an account disabled from the CLI is refused at once', async () => {
    // The CLI is another process: this server's copy of the session does not know. GETs may
    // show the reused page for up to cache.seconds; any state-changing request reads anew.
    const account = await register(server, sink, pool.take());
    const client = await signIn(server, account);
    await dashboardTwice(client);
    const disabled = await h.runLumbung(['user', 'disable', '--email', account.email],
                                        { env: h.databaseEnv(server.database) });
    assert.equal(disabled.code, 0, disabled.stderr);
    const post = await client.post('/notifications/read-all');
    assert.equal(post.status, 403);
  });
});
