// The digital membership card (src/card): /card makes the member's card on request,
// shows it with a QR code of its public check, replaces it (the old QR code stops working) and
// downloads it as PNG and PDF; /verify/card/<token> tells anyone who scans it whether the card
// is valid, the membership's status and a masked name, never the NIK, birth date or KPJ.
// Through HTTP as the member, another member, staff and an anonymous visitor would use them
// (zbarimg reads the PNG's QR code, pdftotext the PDF), then in Chromium with axe-core
// (WCAG 2.2 AA), at 360 px and without JavaScript. Backend: LUMBUNG_TEST_BACKEND.
// Requirement IDs: OWASP ASVS 4.0.3 V4.1 (access control), V4.2.1 (IDOR), V4.2.2 (CSRF),
// V3.5/V6.2 (signed, random tokens), V7.1 (audit), V8.3 (personal data shown).
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
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
const CATALOG = { id: ID, en: EN };
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const PUBLIC_URL = 'http://127.0.0.1:8080';  // public.url of h.startServer
const TOKEN = /^[A-Za-z0-9_-]{43}\.[A-Za-z0-9_-]{43}$/;
const issuedTokens = new Set();  // every token a page showed, for the log check

// "Ni Komang Sukarini" -> "N*** K*** S***", as /verify/card shows a member.
function masked(name) {
  return name.split(/\s+/).filter(Boolean).map((w) => `${[...w][0]}***`).join(' ');
}

// The text of a PDF as a reader extracts it (poppler's pdftotext, scripts/bootstrap).
function pdfText(buffer) {
  const result = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: buffer, timeout: 30_000 });
  assert.equal(result.status, 0, `pdftotext failed: ${result.stderr}`);
  return result.stdout.toString('utf8');
}

// What a phone camera reads from the PNG: the QR code's text (Debian zbar-tools' zbarimg).
function qrText(png) {
  const dir = h.makeTempDir('lumbung-card-');
  try {
    const file = path.join(dir, 'card.png');
    fs.writeFileSync(file, png);
    const result = spawnSync('zbarimg', ['--quiet', '--raw', file], { timeout: 30_000 });
    assert.equal(result.status, 0, `zbarimg found no code: ${result.stderr}`);
    return result.stdout.toString('utf8').trim();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// The card's verification address on the member's page: the link and its text.
function verifyUrlOn(html) {
  const m = /<a class="member-card__link" href="([^"]+)">([^<]+)<\/a>/.exec(html);
  assert.ok(m, 'the page shows the verification link');
  assert.equal(h.decodeEntities(m[1]), h.decodeEntities(m[2]), 'the link says where it goes');
  return h.decodeEntities(m[1]);
}
function tokenOf(url) {
  assert.ok(url.startsWith(`${PUBLIC_URL}/verify/card/`), `${url} is built from public.url`);
  const token = url.slice(`${PUBLIC_URL}/verify/card/`.length);
  assert.match(token, TOKEN);
  issuedTokens.add(token);
  return token;
}

// Registers `member` through the real flow (form, mail, confirmation) and signs in.
async function signedInMember(server, sink, member) {
  const client = new id.Client(server.baseUrl);
  const email = id.uniqueEmail('card');
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
  return { member, client, email, password, accountId: Number(account.id) };
}

// Birth dates as they could be printed: 1986-01-25, 25-01-1986, 25/01/1986, 25011986.
function birthDateForms(isoDate) {
  const [y, m, d] = isoDate.split('-');
  return [isoDate, `${d}-${m}-${y}`, `${d}/${m}/${y}`, `${d}${m}${y}`];
}

describe(`membership card on ${backend}`, () => {
  let sink;
  let server;
  let pool;
  let alice;
  let bob;

  const cardRows = (member) => id.sqlRows(server.database,
    `SELECT id, id_hash, id_sealed, revoked_at FROM card_tokens WHERE member_id = ${member.id} ORDER BY id`);
  const verify = (token, lang = 'id') =>
    h.request(server.baseUrl, `/verify/card/${token}`, { headers: { 'accept-language': lang } });
  // A member's card page and the token in it.
  const cardOf = async (user) => {
    const res = await user.client.get('/card');
    assert.equal(res.status, 200);
    return { res, token: tokenOf(verifyUrlOn(res.text)) };
  };

  before(async () => {
    sink = await startMailSink();
    server = await h.startServer({ env: { ...sink.env } });
    const seeded = await h.runLumbung(['seed-demo', '--members', '30', '--years', '1'],
                                      { env: h.databaseEnv(server.database) });
    assert.equal(seeded.code, 0, seeded.stderr);
    const rows = await id.sqlRows(server.database,
      'SELECT id, nik, kpj, full_name, status, CAST(birth_date AS TEXT) AS birth_date FROM members ORDER BY id LIMIT 12');
    pool = new id.MemberPool(rows.map((r) => ({ ...r, birth_date: String(r.birth_date).slice(0, 10) })));
    alice = await signedInMember(server, sink, pool.take());
    bob = await signedInMember(server, sink, pool.take());
  });
  after(async () => {
    await server?.stop();
    await sink?.stop();
  });

  test('ASVS 4.1.1: anonymous visitors are sent to sign in and cannot post; the check is open to all', async () => {
    for (const target of ['/card', '/card.png', '/card.pdf']) {
      const res = await h.request(server.baseUrl, target);
      assert.equal(res.status, 303, target);
      assert.equal(res.headers.location, `/login?next=${encodeURIComponent(target)}`, target);
    }
    const anonymous = new id.Client(server.baseUrl);
    await anonymous.get('/login');  // a pre-session CSRF token, so only the access check refuses
    for (const target of ['/card/create', '/card/renew']) {
      assert.equal((await anonymous.post(target, { card: '1' })).status, 403, target);
    }
    assert.equal(await h.countRows(server.database, 'card_tokens'), 0);
    const unknown = await verify(`${'A'.repeat(43)}.${'B'.repeat(43)}`);
    assert.equal(unknown.status, 404, 'the check itself needs no account');
  });

  test('before the member asks there is no card, and looking changes nothing (no state change on GET)', async () => {
    const res = await alice.client.get('/card');
    assert.equal(res.status, 200);
    const text = h.htmlText(res.text);
    assert.ok(text.includes(alice.member.full_name));
    assert.ok(text.includes(alice.member.kpj));
    assert.ok(!text.includes(alice.member.nik), 'never the NIK');
    const form = id.parseForms(res.text).find((f) => f.action === '/card/create');
    assert.ok(form && form.method === 'post' && form.fields.csrf, 'a POST form with the CSRF token');
    assert.ok(!res.text.includes('<svg'), 'no QR code yet');
    assert.equal((await alice.client.get('/card.png')).status, 404);
    assert.equal((await alice.client.get('/card.pdf')).status, 404);
    assert.deepEqual(await cardRows(alice.member), []);
    // The dashboard and the navigation lead here.
    const dashboard = await alice.client.get('/dashboard');
    assert.ok(dashboard.text.includes('href="/card"'));
    assert.ok(h.htmlText(dashboard.text).includes(ID['card.dashboard.link']));
  });

  test('ASVS 4.2.2: a POST without the CSRF token is refused and changes nothing', async () => {
    assert.equal((await alice.client.post('/card/create', {}, { csrf: null })).status, 403);
    assert.equal((await alice.client.post('/card/create', {}, { csrf: 'forged' })).status, 403);
    assert.deepEqual(await cardRows(alice.member), []);
  });

  test('making the card: a QR code and link to the public check, stored hashed, audited', async () => {
    const { res } = await alice.client.submit('/card', {}, { action: '/card/create' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/card?notice=created');
    const page = await alice.client.get(res.headers.location);
    assert.ok(h.htmlText(page.text).includes(ID['card.notice.created']));
    const token = tokenOf(verifyUrlOn(page.text));
    assert.match(page.text, new RegExp(`<svg [^>]*role="img" aria-label="${ID['card.qr_label']}"`), 'the QR code, labelled');
    for (const link of ['href="/card.png"', 'href="/card.pdf"']) assert.ok(page.text.includes(link), link);
    const renew = id.parseForms(page.text).find((f) => f.action === '/card/renew');
    assert.ok(renew?.fields.csrf && renew.fields.card, 'the renew form names the card it replaces');

    // ASVS 2.5.x / 3.5.x: the table holds a hash and a sealed copy, never the token or its id.
    const rows = await cardRows(alice.member);
    assert.equal(rows.length, 1);
    const [idPart] = token.split('.');
    assert.equal(rows[0].id_hash.length, 64);
    for (const column of [rows[0].id_hash, rows[0].id_sealed]) {
      assert.ok(!column.includes(idPart) && !column.includes(token));
    }
    // V7.1: who made it, from which account.
    const audit = await id.sqlRows(server.database,
      "SELECT actor_user_id, subject_user_id, result FROM audit_log WHERE action = 'card.created'");
    assert.deepEqual(audit.map((a) => [Number(a.actor_user_id), Number(a.subject_user_id), a.result]),
                     [[alice.accountId, alice.accountId, 'ok']]);

    // The same card on every visit, and a form sent twice makes no second card.
    assert.equal((await cardOf(alice)).token, token);
    const twice = await alice.client.post('/card/create', {});
    assert.equal(twice.status, 303);
    assert.equal((await cardOf(alice)).token, token);
    assert.equal((await cardRows(alice.member)).length, 1);
  });

  for (const lang of ['id', 'en']) {
    test(`ASVS 8.3: the public check in ${lang} says valid, the status today and a masked name; never the NIK, birth date or KPJ`, async () => {
      const t = CATALOG[lang];
      const { token } = await cardOf(alice);
      const res = await verify(token, lang);
      assert.equal(res.status, 200);
      assert.equal(res.headers['x-robots-tag'], 'noindex, nofollow');
      assert.equal(h.htmlH1s(res.text)[0], t['card.verify.title']);
      const text = h.htmlText(res.text);
      assert.ok(text.includes(t['card.verify.valid'].replace('{{fund}}', h.FUND_NAME)), 'valid, by the fund');
      assert.ok(text.includes(masked(alice.member.full_name)), 'masked name');
      assert.ok(text.includes(t[`membership.status.${alice.member.status}`]), 'the registry\'s status');
      assert.ok(!text.includes(alice.member.full_name), 'never the whole name');
      assert.ok(!res.text.includes(alice.member.nik), 'never the NIK');
      assert.ok(!res.text.includes(alice.member.kpj), 'never the KPJ');
      for (const form of birthDateForms(alice.member.birth_date)) assert.ok(!res.text.includes(form), `never the birth date (${form})`);
    });
  }

  test('the status shown is the registry\'s today: a member who leaves shows as inactive', async () => {
    const { token } = await cardOf(alice);
    await id.sqlExec(server.database, `UPDATE members SET status = 'inactive' WHERE id = ${alice.member.id}`);
    try {
      const text = h.htmlText((await verify(token)).text);
      assert.ok(text.includes(ID['membership.status.inactive']));
      assert.ok(text.includes(ID['card.verify.valid_heading']), 'the card itself is still genuine');
    } finally {
      await id.sqlExec(server.database, `UPDATE members SET status = '${alice.member.status}' WHERE id = ${alice.member.id}`);
    }
  });

  test('a revoked, unknown, tampered or malformed token: "not valid", the same page, 404', async () => {
    const { token } = await cardOf(alice);
    const [idPart, mac] = token.split('.');
    const flip = (s, i) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    const invalid = [
      `${'A'.repeat(43)}.${'B'.repeat(43)}`,   // well formed, never issued
      `${flip(idPart, 10)}.${mac}`,             // another id under this signature
      `${idPart}.${flip(mac, 20)}`,             // a forged signature
      `${idPart}.${mac}A`, idPart, 'x', `${idPart}..${mac}`, '%27%20OR%201%3D1', 'A'.repeat(2000),
    ];
    const texts = new Set();
    for (const t of invalid) {
      const res = await verify(t);
      assert.equal(res.status, 404, t.slice(0, 40));
      const text = h.htmlText(res.text);
      assert.ok(text.includes(ID['card.verify.invalid'].replace('{{fund}}', h.FUND_NAME)), t.slice(0, 40));
      assert.ok(!text.includes(masked(alice.member.full_name)));
      texts.add(text);
    }
    assert.equal(texts.size, 1, 'one answer whatever is wrong with the token');
    assert.equal((await verify(token)).status, 200, 'the real one still works');
  });

  test('revoke and make a new card: the old QR code stops working at once, the new one works; audited', async () => {
    const before = await cardOf(alice);
    const { res } = await alice.client.submit('/card', {}, { action: '/card/renew' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/card?notice=renewed');
    const page = await alice.client.get(res.headers.location);
    assert.ok(h.htmlText(page.text).includes(ID['card.notice.renewed']));
    const fresh = tokenOf(verifyUrlOn(page.text));
    assert.notEqual(fresh, before.token);
    const old = await verify(before.token);
    assert.equal(old.status, 404);
    assert.ok(h.htmlText(old.text).includes(ID['card.verify.invalid_heading']));
    assert.equal((await verify(fresh)).status, 200);
    const rows = await cardRows(alice.member);
    assert.equal(rows.filter((r) => r.revoked_at === null).length, 1, 'one current card');
    assert.ok(rows.filter((r) => r.revoked_at !== null).every((r) => r.id_sealed === null), 'nothing kept of a revoked card but its hash');
    const audit = await id.sqlRows(server.database,
      "SELECT actor_user_id FROM audit_log WHERE action = 'card.renewed'");
    assert.deepEqual(audit.map((a) => Number(a.actor_user_id)), [alice.accountId]);

    // The old page's form sent again: nothing changes, and the member is told so.
    const again = await alice.client.post('/card/renew', { card: id.parseForms(before.res.text).find((f) => f.action === '/card/renew').fields.card });
    assert.equal(again.headers.location, '/card?notice=stale');
    const stale = await alice.client.get(again.headers.location);
    assert.ok(h.htmlText(stale.text).includes(ID['card.notice.stale']));
    assert.equal(tokenOf(verifyUrlOn(stale.text)), fresh);
    for (const card of ['', '0', '-1', 'abc', '1e3', '99999999999999999999']) {
      const r = await alice.client.post('/card/renew', { card });
      assert.equal(r.headers.location, '/card?notice=stale', `card=${card}`);
    }
    assert.equal((await cardOf(alice)).token, fresh);
  });

  test('ASVS 4.2.1 (IDOR): whatever the URL or form says, a member sees and changes only their own card', async () => {
    await bob.client.submit('/card', {}, { action: '/card/create' });
    const bobCard = await cardOf(bob);
    const [bobRow] = (await cardRows(bob.member)).filter((r) => r.revoked_at === null);
    const aliceToken = (await cardOf(alice)).token;
    const m = bob.member;
    for (const target of [`/card?member=${m.id}`, `/card?member_id=${m.id}`, `/card?kpj=${m.kpj}`,
                          `/card.png?member=${m.id}`, `/card.pdf?member_id=${m.id}&kpj=${m.kpj}`,
                          `/card/${m.id}`, `/card.pdf/${m.id}`]) {
      const res = await alice.client.get(target);
      assert.ok([200, 404].includes(res.status), `${target}: ${res.status}`);
      const type = res.headers['content-type'] ?? '';
      const text = type === 'application/pdf' ? pdfText(res.body)
        : type === 'image/png' ? qrText(res.body) : h.htmlText(res.text);
      assert.ok(!text.includes(m.kpj), `${target}: bob's KPJ`);
      assert.ok(!text.replace(/\s+/g, ' ').includes(m.full_name), `${target}: bob's name`);
      assert.ok(!text.includes(bobCard.token), `${target}: bob's token`);
      if (res.status === 200) assert.ok(text.replace(/\s+/g, '').includes(aliceToken) || text.includes(alice.member.kpj), `${target}: her own card`);
    }
    // Alice replaces "Bob's card" and makes "Bob's card": neither of them changes.
    const renew = await alice.client.post('/card/renew', { card: String(bobRow.id), member: String(m.id) });
    assert.equal(renew.headers.location, '/card?notice=stale');
    await alice.client.post('/card/create', { member: String(m.id), member_id: String(m.id) });
    assert.equal((await verify(bobCard.token)).status, 200, 'Bob\'s card still works');
    assert.equal((await cardOf(bob)).token, bobCard.token);
    assert.equal((await cardOf(alice)).token, aliceToken);
    // Each token leads to its own member only.
    assert.ok(h.htmlText((await verify(bobCard.token)).text).includes(masked(m.full_name)));
    assert.ok(h.htmlText((await verify(aliceToken)).text).includes(masked(alice.member.full_name)));
  });

  for (const lang of ['id', 'en']) {
    test(`the ${lang} PNG: the card at 300 dpi whose QR code a phone reads as the public check`, async () => {
      const t = CATALOG[lang];
      const { token } = await cardOf(alice);
      const res = await alice.client.get('/card.png', { headers: { cookie: `${alice.client.cookieHeader()}; lang=${lang}` } });
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-type'], 'image/png');
      assert.equal(res.headers['content-disposition'], `attachment; filename="${t['card.file_name'].replace('{{ext}}', 'png')}"`);
      assert.match(res.headers['cache-control'] ?? '', /no-store/, 'personal data is not cached');
      assert.deepEqual([...res.body.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'PNG signature');
      assert.equal(res.body.subarray(12, 16).toString('latin1'), 'IHDR');
      assert.equal(res.body.readUInt32BE(16), 1012, 'width');
      assert.equal(res.body.readUInt32BE(20), 638, 'height');
      const url = qrText(res.body);
      assert.equal(url, `${PUBLIC_URL}/verify/card/${token}`, 'the QR code holds the public check');
      assert.equal((await h.request(server.baseUrl, new URL(url).pathname)).status, 200);
    });

    test(`the ${lang} PDF: one card-sized page whose text has the fund, the name, the KPJ and the check's address, never the NIK`, async () => {
      const t = CATALOG[lang];
      const { token } = await cardOf(alice);
      const res = await alice.client.get('/card.pdf', { headers: { cookie: `${alice.client.cookieHeader()}; lang=${lang}` } });
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.equal(res.headers['content-disposition'], `attachment; filename="${t['card.file_name'].replace('{{ext}}', 'pdf')}"`);
      assert.equal(res.body.subarray(0, 5).toString('latin1'), '%PDF-');
      const text = pdfText(res.body);
      const flat = text.replace(/\s+/g, ' ');
      assert.ok(flat.includes(h.FUND_NAME), 'fund name');
      assert.ok(flat.includes(t['card.title']), 'what it is, in the language');
      assert.ok(flat.includes(alice.member.full_name), 'name');
      assert.ok(text.includes(alice.member.kpj), 'KPJ');
      assert.ok(flat.includes(t['card.image.verify']), 'how to check it');
      assert.ok(text.replace(/\s+/g, '').includes(`${PUBLIC_URL}/verify/card/${token}`), 'the whole address');
      assert.ok(!text.includes(alice.member.nik), 'never the NIK');
      for (const form of birthDateForms(alice.member.birth_date)) assert.ok(!text.includes(form), 'never the birth date');
      assert.equal(text.split('\f').filter((p) => p.trim()).length, 1, 'one page');
    });
  }

  test('ASVS 4.1.3: staff accounts get 403 on the card pages', async () => {
    const email = id.uniqueEmail('staffcard');
    const added = await h.runLumbung(['user', 'add', '--role', 'staff', '--staff-roles', 'member_services', '--email', email,
                                      '--name', 'Petugas Kartu'], { env: h.databaseEnv(server.database) });
    assert.equal(added.code, 0, added.stderr);
    const staff = new id.Client(server.baseUrl);
    const invitation = await sink.waitForMail({ to: email });
    const password = id.newPassword();
    await staff.submit(id.mailLink(invitation, '/invitation'), { password });
    const login = await staff.submit('/login', { identifier: email, password });
    assert.equal(login.res.headers.location, '/account/two-factor/setup');
    await id.enrolAuthenticator(staff);
    for (const target of ['/card', '/card.png', '/card.pdf']) {
      assert.equal((await staff.get(target)).status, 403, target);
    }
    await staff.get('/dashboard');
    for (const target of ['/card/create', '/card/renew']) {
      assert.equal((await staff.post(target, { card: '1' })).status, 403, target);
    }
    const dashboard = await staff.get('/dashboard');
    assert.ok(!dashboard.text.includes('href="/card"'), 'no card link for staff');
    const { token } = await cardOf(alice);
    assert.equal((await staff.get(`/verify/card/${token}`)).status, 200, 'staff may check a card like anyone');
  });

  test('ASVS 7.1.1: no card token is ever written to the server\'s log', async () => {
    assert.ok(issuedTokens.size >= 3, 'tokens were shown and checked above');
    const logs = server.logs();
    assert.ok(logs.includes('/verify/card/{token}'), 'checks are logged by route');
    for (const token of issuedTokens) {
      assert.ok(!logs.includes(token.split('.')[0]), 'neither the token nor its id');
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

    async function signIn(user, lang, { javaScriptEnabled }) {
      const context = await browser.newContext({
        viewport: { width: 360, height: 740 }, javaScriptEnabled, locale: lang === 'en' ? 'en-US' : 'id-ID',
        acceptDownloads: true,
      });
      const page = await context.newPage();
      const t = CATALOG[lang];
      await page.goto(`${server.baseUrl}/lang/${lang}?next=%2Flogin`);
      await page.getByLabel(t['identity.login.identifier']).fill(user.email);
      await page.getByLabel(t['identity.login.password'], { exact: true }).fill(user.password);
      await page.getByRole('button', { name: t['identity.login.submit'], exact: true }).click();
      await page.waitForURL(/\/dashboard$/);
      return { context, page };
    }

    async function expectAccessible(page, what) {
      const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], what);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${what}: no horizontal scroll at 360 px (overflow ${overflow}px)`);
    }

    for (const lang of ['id', 'en']) {
      test(`WCAG 2.2 AA (axe) and 360 px: the card before and after it is made, and its check, in ${lang}`, async () => {
        const t = CATALOG[lang];
        const user = await signedInMember(server, sink, pool.take());
        const { context, page } = await signIn(user, lang, { javaScriptEnabled: true });
        try {
          await page.goto(`${server.baseUrl}/card`);
          await expectAccessible(page, '/card without a card');
          await page.getByRole('button', { name: t['card.create'] }).click();
          await page.waitForURL(/\/card\?notice=created$/);
          await expectAccessible(page, '/card with the card');
          const url = await page.locator('a.member-card__link').getAttribute('href');
          const token = tokenOf(url);
          for (const target of [`/verify/card/${token}`, `/verify/card/${'A'.repeat(43)}.${'B'.repeat(43)}`]) {
            await page.goto(`${server.baseUrl}${target}`);
            await expectAccessible(page, target);
          }
        } finally {
          await context.close();
        }
      });

      test(`without JavaScript in ${lang}: the nav leads to the card, it is made, downloaded, replaced and checked`, async () => {
        const t = CATALOG[lang];
        const user = await signedInMember(server, sink, pool.take());
        const { context, page } = await signIn(user, lang, { javaScriptEnabled: false });
        try {
          await page.getByText(t['layout.menu.toggle'], { exact: true }).click();  // the header's Menu
          await page.getByRole('link', { name: t['layout.nav.card'], exact: true }).click();
          await page.waitForURL(/\/card$/);
          assert.equal(await page.locator('h1').textContent(), t['card.title']);
          await page.getByRole('button', { name: t['card.create'] }).click();
          await page.waitForURL(/\/card\?notice=created$/);
          assert.equal(await page.getByRole('img', { name: t['card.qr_label'] }).count(), 1, 'the QR code');
          const first = tokenOf(await page.locator('a.member-card__link').getAttribute('href'));
          for (const [label, ext] of [[t['card.download_png'], 'png'], [t['card.download_pdf'], 'pdf']]) {
            const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: label }).click()]);
            assert.equal(download.suggestedFilename(), t['card.file_name'].replace('{{ext}}', ext));
          }
          await page.getByRole('button', { name: t['card.renew'] }).click();
          await page.waitForURL(/\/card\?notice=renewed$/);
          assert.ok((await page.locator('main').textContent()).includes(t['card.notice.renewed']));
          const second = tokenOf(await page.locator('a.member-card__link').getAttribute('href'));
          assert.notEqual(second, first);
          const response = await page.goto(`${server.baseUrl}/verify/card/${second}`);
          assert.equal(response.status(), 200);
          assert.ok((await page.locator('main').textContent()).includes(masked(user.member.full_name)));
          assert.equal((await page.goto(`${server.baseUrl}/verify/card/${first}`)).status(), 404);
        } finally {
          await context.close();
        }
      });
    }
  });
});
