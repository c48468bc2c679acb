// Competency certificates (src/certificates): a certifier issues one to a member by NIK, the
// member sees it (page, PDF with QR code and code, signed credential), anyone checks it by code at
// /verify/certificate/<code> (valid, expired, revoked at once, unknown: the same page shape;
// throttled with 429 and Retry-After; never the NIK or birth date), the credential is checked
// with an independent library (python3-jwt with python3-cryptography) against the published
// JWKS, its revocation read from the published status list, and a credential signed by a key
// rotated out still verifies by its kid. Providers see and revoke only their own certificates.
// Then Chromium with axe-core (WCAG 2.2 AA) at 360 px in id and en. Backend: LUMBUNG_TEST_BACKEND.
// Requirement IDs: OWASP ASVS 4.0.3 V4.1.1 (access control), V4.2.1 (IDOR), V4.2.2 (CSRF),
// V2.2.1/V11.1.4 (anti-automation), V5.1.3 (input validation), V6.2.1/V3.5.3 (signatures),
// V7.1 (audit), V8.3.1 (personal data shown).
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
const PUBLIC_URL = 'http://127.0.0.1:8080';
const CODE = /^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]$/;

function masked(name) {
  return name.split(/\s+/).filter(Boolean).map((w) => `${[...w][0]}***`).join(' ');
}

// The verifier: python3-jwt and python3-cryptography, nothing of Lumbung's. Reads a JSON job on
// stdin, prints a JSON verdict.
const VERIFIER = String.raw`
import base64, gzip, json, sys, urllib.request
import jwt
from jwt.algorithms import RSAAlgorithm
job = json.load(sys.stdin)
def fetch(url):
    # The credential names the fund's public address; the test server listens elsewhere.
    if url.startswith(job["public"]):
        url = job["local"] + url[len(job["public"]):]
    with urllib.request.urlopen(url, timeout=20) as r:
        return r.read().decode()
jwks = json.loads(fetch(job["jwks"]))
def verify(token, **options):
    kid = jwt.get_unverified_header(token)["kid"]
    jwk = next((k for k in jwks["keys"] if k["kid"] == kid), None)
    if jwk is None:
        return {"ok": False, "error": "unknown kid"}
    key = RSAAlgorithm.from_jwk(json.dumps(jwk))
    try:
        claims = jwt.decode(token, key, algorithms=["RS256"], options={"verify_aud": False, **options})
        return {"ok": True, "claims": claims, "kid": kid}
    except jwt.ExpiredSignatureError:
        return {"ok": False, "error": "expired"}
    except jwt.InvalidSignatureError:
        return {"ok": False, "error": "bad signature"}
    except jwt.PyJWTError as e:
        return {"ok": False, "error": type(e).__name__}
out = verify(job["token"])
if out["ok"] and job.get("status"):
    entry = out["claims"]["credentialStatus"]
    listed = verify(fetch(entry["statusListCredential"]))
    assert listed["ok"], listed
    encoded = listed["claims"]["credentialSubject"]["encodedList"]
    assert encoded.startswith("u")
    raw = encoded[1:]
    bits = gzip.decompress(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
    index = int(entry["statusListIndex"])
    out["revoked"] = bool(bits[index // 8] & (0x80 >> (index % 8)))
    out["list_bits"] = len(bits) * 8
print(json.dumps(out))
`;

function verifyCredential(baseUrl, token, { status = false } = {}) {
  const job = JSON.stringify({
    jwks: `${baseUrl}/.well-known/jwks.json`, token, status, public: PUBLIC_URL, local: baseUrl,
  });
  // Debian's interpreter, where python3-jwt and python3-cryptography are installed (a python3
  // earlier on PATH, e.g. pyenv's, may not have them).
  const python = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
  const result = spawnSync(python, ['-c', VERIFIER], { input: job, timeout: 60_000 });
  assert.equal(result.status, 0, `the verifier failed: ${result.stderr}`);
  return JSON.parse(result.stdout.toString('utf8'));
}

// The public.url links point at 8080; the test server listens elsewhere.
function localUrl(server, url) {
  assert.ok(url.startsWith(PUBLIC_URL), url);
  return server.baseUrl + url.slice(PUBLIC_URL.length);
}

function pdfText(buffer) {
  const result = spawnSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: buffer, timeout: 30_000 });
  assert.equal(result.status, 0, `pdftotext failed: ${result.stderr}`);
  return result.stdout.toString('utf8');
}

// The QR code printed on the PDF as a phone reads it: poppler renders the page, zbarimg reads it.
function pdfQrText(buffer) {
  const dir = h.makeTempDir('lumbung-cert-');
  try {
    const file = path.join(dir, 'certificate.pdf');
    fs.writeFileSync(file, buffer);
    const render = spawnSync('pdftoppm', ['-png', '-r', '150', '-singlefile', file, path.join(dir, 'page')],
                             { timeout: 60_000 });
    assert.equal(render.status, 0, `pdftoppm failed: ${render.stderr}`);
    const read = spawnSync('zbarimg', ['--quiet', '--raw', path.join(dir, 'page.png')], { timeout: 30_000 });
    assert.equal(read.status, 0, `zbarimg found no code: ${read.stderr}`);
    return read.stdout.toString('utf8').trim();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function dateFields(name, iso) {
  const [y, m, d] = iso.split('-');
  return { [`${name}_day`]: String(Number(d)), [`${name}_month`]: String(Number(m)), [`${name}_year`]: y };
}

function statusOn(html) {
  const m = /class="certificate-status" data-status="([a-z]+)"/.exec(html);
  assert.ok(m, 'the page names the status in .certificate-status');
  return m[1];
}

async function signedInMember(server, sink, member) {
  const client = new id.Client(server.baseUrl);
  const email = id.uniqueEmail('cert');
  const password = id.newPassword();
  const { res } = await client.submit('/register', {
    nik: member.nik, kpj: member.kpj, birth_date: member.birth_date, email, username: '', password,
  });
  assert.equal(res.status, 303, h.htmlText(res.text).slice(0, 300));
  const mail = await sink.waitForMail({ to: email });
  assert.equal((await client.submit(id.mailLink(mail, '/verify-email'))).res.status, 303);
  const login = await client.submit('/login', { identifier: email, password });
  assert.equal(login.res.headers.location, '/dashboard');
  return { member, client, email, password };
}

describe(`certificates on ${backend}`, () => {
  let sink;
  let server;
  let pool;
  let alice;
  let bob;
  let certifier;
  let provider;
  const issued = {};  // name -> {id, code}

  const count = async () => Number((await id.sqlRows(server.database, 'SELECT COUNT(*) AS n FROM certificates'))[0].n);
  const verifyPage = (code, lang = 'id') =>
    h.request(server.baseUrl, `/verify/certificate/${code}`, { headers: { 'accept-language': lang } });

  async function issue(fields) {
    const { res } = await certifier.client.submit('/staff/certificates/new', fields);
    return res;
  }
  // The newest certificate of `member` as the member's pages show it.
  async function newestOf(user) {
    const list = await user.client.get('/certificates');
    assert.equal(list.status, 200);
    const m = /href="\/certificates\/(\d+)"/.exec(list.text);
    assert.ok(m, 'the list links to the certificate');
    const detail = await user.client.get(`/certificates/${m[1]}`);
    assert.equal(detail.status, 200);
    const code = /class="certificate-code">([^<]+)</.exec(detail.text)[1];
    assert.match(code, CODE);
    return { id: Number(m[1]), code, detail };
  }

  before(async () => {
    sink = await startMailSink();
    server = await h.startServer({ env: { ...sink.env } });
    const seeded = await h.runLumbung(['seed-demo', '--members', '30', '--years', '1'],
                                      { env: h.databaseEnv(server.database) });
    assert.equal(seeded.code, 0, seeded.stderr);
    const rows = await id.sqlRows(server.database,
      'SELECT id, nik, kpj, full_name, CAST(birth_date AS TEXT) AS birth_date FROM members ORDER BY id LIMIT 12');
    pool = new id.MemberPool(rows.map((r) => ({ ...r, birth_date: String(r.birth_date).slice(0, 10) })));
    alice = await signedInMember(server, sink, pool.take());
    bob = await signedInMember(server, sink, pool.take());
    certifier = await id.signedInStaff(server, sink, { staffRoles: ['certifier'] });
    provider = await id.signedInStaff(server, sink, { staffRoles: ['training_provider'], name: 'Staf Balai' });
    await id.sqlExec(server.database, "INSERT INTO training_providers (id, name, created_at) VALUES (901, 'Balai Uji', 1)");
    await id.sqlExec(server.database,
      `INSERT INTO training_provider_staff (account_id, provider_id) VALUES (${provider.accountId}, 901)`);
  });
  after(async () => {
    await server?.stop();
    await sink?.stop();
  });

  test('ASVS 4.1.1: members only on /certificates, certifier or provider staff on /staff/certificates', async () => {
    for (const target of ['/certificates', '/certificates/1', '/certificates/1/certificate.pdf',
                          '/certificates/1/credential.jwt', '/staff/certificates']) {
      const res = await h.request(server.baseUrl, target);
      assert.equal(res.status, 303, target);
      assert.match(res.headers.location, /^\/login\?next=/, target);
    }
    assert.equal((await alice.client.get('/staff/certificates')).status, 403);
    assert.equal((await alice.client.post('/staff/certificates/new', { nik: alice.member.nik })).status, 403);
    assert.equal((await provider.client.get('/staff/certificates/new')).status, 403, 'providers issue on completion only');
    assert.equal(await count(), 0);
  });

  test('ASVS 5.1.3 / 4.2.2: bad inputs are explained field by field and change nothing', async () => {
    const good = { competency: 'Operator Forklift', level: 'Madya', ...dateFields('issued_on', '2026-01-15') };
    const cases = [
      [{ ...good, nik: '123' }, 'certificates.error.nik_invalid'],
      [{ ...good, nik: '9999999999999999' }, 'certificates.error.nik_unknown'],
      [{ ...good, nik: alice.member.nik, competency: '' }, 'certificates.error.competency_missing'],
      [{ ...good, nik: alice.member.nik, ...dateFields('expires_on', '2025-01-01') }, 'certificates.error.expires_before_issue'],
      [{ ...good, nik: alice.member.nik, issued_on_day: '31', issued_on_month: '2' }, 'certificates.error.date_no_such_day'],
    ];
    for (const [fields, message] of cases) {
      const res = await issue(fields);
      assert.equal(res.status, 422, message);
      assert.match(h.htmlTitle(res.text), /:/, 'the title says there is an error');
      const expected = ID[message].replace('{{month}}', 'Februari').replace('{{year}}', '2026').replace('{{day}}', '31');
      assert.ok(h.decodeEntities(h.htmlText(res.text)).includes(expected), `${message} shown`);
      assert.match(res.text, /aria-describedby="[^"]*-error/, 'the error is tied to its field');
    }
    assert.equal((await certifier.client.post('/staff/certificates/new', { nik: alice.member.nik, ...good }, { csrf: null })).status, 403);
    assert.equal(await count(), 0);
  });

  test('a certifier issues by NIK; audited; the member is told and sees it with code, QR and links', async () => {
    const res = await issue({ nik: alice.member.nik, competency: 'Operator Forklift', level: 'Madya',
                              ...dateFields('issued_on', '2026-01-15'), ...dateFields('expires_on', '2099-12-31') });
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, '/staff/certificates?notice=issued');
    assert.equal(await count(), 1);
    const audit = await id.sqlRows(server.database,
      "SELECT actor_user_id FROM audit_log WHERE action = 'certificate.issued'");
    assert.deepEqual(audit.map((a) => Number(a.actor_user_id)), [certifier.accountId]);

    const notices = await alice.client.get('/notifications');
    assert.ok(h.htmlText(notices.text).includes('Operator Forklift'), 'the member is told in the inbox');
    const dashboard = await alice.client.get('/dashboard');
    assert.ok(dashboard.text.includes('href="/certificates"'), 'a dashboard card leads to the list');

    const mine = await newestOf(alice);
    issued.valid = mine;
    assert.equal(statusOn(mine.detail.text), 'valid');
    const text = h.htmlText(mine.detail.text);
    assert.ok(!text.includes(alice.member.nik), 'never the NIK');
    assert.ok(mine.detail.text.includes(`${PUBLIC_URL}/verify/certificate/${mine.code.replaceAll('-', '')}`));
    assert.match(mine.detail.text, /<svg [^>]*role="img"/, 'the QR code');
    // ASVS 4.2.1: another member cannot open it, by page, PDF or credential.
    for (const suffix of ['', '/certificate.pdf', '/credential.jwt']) {
      assert.equal((await bob.client.get(`/certificates/${mine.id}${suffix}`)).status, 404, suffix);
    }
    assert.ok(!(await bob.client.get('/certificates')).text.includes(`/certificates/${mine.id}"`));
  });

  test('the PDF carries the code and a QR code of the verification page', async () => {
    const res = await alice.client.get(`/certificates/${issued.valid.id}/certificate.pdf`);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    const body = res.body ?? Buffer.from(res.text, 'binary');
    const text = pdfText(body);
    assert.ok(text.includes(issued.valid.code), 'the code, printed');
    assert.ok(text.includes('Operator Forklift'));
    assert.ok(!text.includes(alice.member.nik));
    assert.equal(pdfQrText(body), `${PUBLIC_URL}/verify/certificate/${issued.valid.code.replaceAll('-', '')}`);
  });

  test('ASVS 8.3.1: anyone verifies by code: valid, masked name, no NIK or birth date, never cached', async () => {
    for (const typed of [issued.valid.code, issued.valid.code.toLowerCase()]) {
      const form = await h.request(server.baseUrl, `/verify/certificate?code=${encodeURIComponent(typed)}`);
      assert.equal(form.status, 303);
      assert.equal(form.headers.location, `/verify/certificate/${issued.valid.code.replaceAll('-', '')}`);
    }
    const res = await verifyPage(issued.valid.code.replaceAll('-', ''));
    assert.equal(res.status, 200);
    assert.equal(statusOn(res.text), 'valid');
    const text = h.htmlText(res.text);
    assert.ok(text.includes(masked(alice.member.full_name)));
    assert.ok(!text.includes(alice.member.full_name), 'the name masked');
    assert.ok(!text.includes(alice.member.nik), 'no NIK');
    assert.ok(!text.includes(alice.member.birth_date), 'no birth date');
    assert.match(res.headers['cache-control'], /no-store/);
    const unknown = await verifyPage('ABCDEFGHJKLMNPQRS');
    assert.equal(unknown.status, 404);
    assert.equal(statusOn(unknown.text), 'unknown');
    assert.equal(h.htmlH1s(unknown.text)[0], h.htmlH1s(res.text)[0], 'the same page shape');
    const garbage = await verifyPage('not-a-code');
    assert.equal(garbage.status, 404);
    assert.equal(statusOn(garbage.text), 'unknown');
    const bad = await h.request(server.baseUrl, '/verify/certificate?code=XXXX');
    assert.equal(bad.status, 422);
  });

  test('ASVS 6.2.1: the credential verifies with python3-jwt against the JWKS; a tampered one does not', async () => {
    const res = await alice.client.get(`/certificates/${issued.valid.id}/credential.jwt`);
    assert.equal(res.status, 200);
    const token = res.text.trim();
    issued.valid.token = token;
    const out = verifyCredential(server.baseUrl, token, { status: true });
    assert.ok(out.ok, JSON.stringify(out));
    const vc = out.claims;
    assert.deepEqual(vc['@context'].slice(0, 1), ['https://www.w3.org/ns/credentials/v2']);
    assert.ok(vc['@context'].some((c) => c.includes('purl.imsglobal.org/spec/ob/v3p0')));
    assert.deepEqual(vc.type, ['VerifiableCredential', 'OpenBadgeCredential']);
    assert.equal(vc.issuer.id, PUBLIC_URL);
    assert.equal(vc.issuer.name, h.FUND_NAME);
    assert.equal(vc.credentialSubject.achievement.name, 'Operator Forklift');
    assert.equal(vc.credentialSubject.identifier[0].type, 'IdentityObject');
    assert.equal(vc.credentialStatus.type, 'BitstringStatusListEntry');
    assert.equal(out.revoked, false);
    assert.ok(out.list_bits >= 131072);
    const json = JSON.stringify(vc);
    for (const secret of [alice.member.nik, alice.member.kpj, alice.member.birth_date, alice.member.full_name]) {
      assert.ok(!json.includes(secret), 'no NIK, KPJ, birth date or plain name in the credential');
    }
    // Tampered: the payload changed, the signature kept.
    const [head, payload, signature] = token.split('.');
    const changed = JSON.parse(Buffer.from(payload, 'base64url').toString());
    changed.credentialSubject.achievement.name = 'Pilot Pesawat';
    const forged = `${head}.${Buffer.from(JSON.stringify(changed)).toString('base64url')}.${signature}`;
    assert.equal(verifyCredential(server.baseUrl, forged).ok, false);
  });

  test('ASVS 7.1: revoking shows at once on the page, the status list and to the member', async () => {
    const res = await bob.client.get('/staff/certificates');
    assert.equal(res.status, 403, 'a member cannot reach the staff page');
    const page = await certifier.client.get('/staff/certificates');
    assert.ok(page.text.includes(issued.valid.code));
    const empty = await certifier.client.submit(`/staff/certificates/${issued.valid.id}/revoke`, { reason: '' });
    assert.equal(empty.res.status, 422);
    const done = await certifier.client.submit(`/staff/certificates/${issued.valid.id}/revoke`,
                                               { reason: 'Diterbitkan untuk orang yang salah' });
    assert.equal(done.res.status, 303);
    const verify = await verifyPage(issued.valid.code.replaceAll('-', ''));
    assert.equal(statusOn(verify.text), 'revoked');
    const out = verifyCredential(server.baseUrl, issued.valid.token, { status: true });
    assert.ok(out.ok, 'still a genuine signature');
    assert.equal(out.revoked, true, 'the status list bit is set');
    const audit = await id.sqlRows(server.database, "SELECT actor_user_id FROM audit_log WHERE action = 'certificate.revoked'");
    assert.deepEqual(audit.map((a) => Number(a.actor_user_id)), [certifier.accountId]);
    const member = await alice.client.get(`/certificates/${issued.valid.id}`);
    assert.equal(statusOn(member.text), 'revoked');
  });

  test('an expired certificate shows expired and its credential fails exp', async () => {
    const res = await issue({ nik: bob.member.nik, competency: 'Juru Las', ...dateFields('issued_on', '2020-01-01'),
                              ...dateFields('expires_on', '2021-01-01') });
    assert.equal(res.status, 303);
    const mine = await newestOf(bob);
    assert.equal(statusOn((await verifyPage(mine.code.replaceAll('-', ''))).text), 'expired');
    const token = (await bob.client.get(`/certificates/${mine.id}/credential.jwt`)).text.trim();
    assert.deepEqual(verifyCredential(server.baseUrl, token), { ok: false, error: 'expired' });
  });

  test('a credential signed by a key rotated out still verifies by its kid', async () => {
    const res = await issue({ nik: alice.member.nik, competency: 'Barista', ...dateFields('issued_on', '2026-01-20') });
    assert.equal(res.status, 303);
    const mine = await newestOf(alice);
    const before = (await alice.client.get(`/certificates/${mine.id}/credential.jwt`)).text.trim();
    const rotated = await h.runLumbung(['credentials', 'rotate-key'], { env: h.databaseEnv(server.database) });
    assert.equal(rotated.code, 0, rotated.stderr);
    const afterwards = (await alice.client.get(`/certificates/${mine.id}/credential.jwt`)).text.trim();
    const old = verifyCredential(server.baseUrl, before);
    const fresh = verifyCredential(server.baseUrl, afterwards);
    assert.ok(old.ok && fresh.ok, JSON.stringify({ old, fresh }));
    assert.notEqual(old.kid, fresh.kid, 'the new key signs new credentials');
    const jwks = JSON.parse((await h.request(server.baseUrl, '/.well-known/jwks.json')).text);
    assert.ok(jwks.keys.some((k) => k.kid === old.kid) && jwks.keys.every((k) => !('d' in k)), 'public parts only');
  });

  test('ASVS 4.2.1: a provider sees and revokes only its own certificates; a certifier only the fund\'s', async () => {
    await id.sqlExec(server.database,
      "INSERT INTO certificates (member_id, competency, level, provider_id, issuer_name, issued_on, code, status_list, " +
      `status_index, created_at) VALUES (${bob.member.id}, 'Tata Boga', '', 901, 'Balai Uji', '2026-01-01', ` +
      "'PROVIDERCODE23456', 'certificates-1', 7, 1)");
    const [own] = await id.sqlRows(server.database, "SELECT id FROM certificates WHERE code = 'PROVIDERCODE23456'");
    const list = await provider.client.get('/staff/certificates');
    assert.equal(list.status, 200);
    assert.ok(list.text.includes('Tata Boga'));
    assert.ok(!list.text.includes('Operator Forklift') && !list.text.includes('Barista'), 'none of the fund\'s');
    const fundId = issued.valid.id;
    const [fundOpen] = await id.sqlRows(server.database,
      "SELECT id FROM certificates WHERE provider_id IS NULL AND revoked_at IS NULL ORDER BY id LIMIT 1");
    assert.equal((await provider.client.get(`/staff/certificates/${fundOpen.id}/revoke`)).status, 404);
    assert.equal((await provider.client.post(`/staff/certificates/${fundOpen.id}/revoke`, { reason: 'x' })).status, 404);
    assert.equal((await certifier.client.post(`/staff/certificates/${own.id}/revoke`, { reason: 'x' })).status, 404);
    assert.equal((await provider.client.post(`/staff/certificates/${fundId}/revoke`, { reason: 'x' })).status, 404);
    const revoked = await id.sqlRows(server.database, 'SELECT id FROM certificates WHERE revoked_at IS NOT NULL');
    assert.deepEqual(revoked.map((r) => Number(r.id)), [issued.valid.id]);
    const ok = await provider.client.submit(`/staff/certificates/${own.id}/revoke`, { reason: 'Ujian ulang gagal' });
    assert.equal(ok.res.status, 303);
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

    async function expectAccessible(page, what) {
      const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], what);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${what}: no horizontal scroll at 360 px (overflow ${overflow}px)`);
    }

    for (const lang of ['id', 'en']) {
      test(`WCAG 2.2 AA (axe) at 360 px: the list, a certificate and its check, in ${lang}`, async () => {
        const t = CATALOG[lang];
        const context = await browser.newContext({
          viewport: { width: 360, height: 740 }, locale: lang === 'en' ? 'en-US' : 'id-ID',
        });
        const page = await context.newPage();
        try {
          await page.goto(`${server.baseUrl}/lang/${lang}?next=%2Flogin`);
          await page.getByLabel(t['identity.login.identifier']).fill(alice.email);
          await page.getByLabel(t['identity.login.password'], { exact: true }).fill(alice.password);
          await page.getByRole('button', { name: t['identity.login.submit'], exact: true }).click();
          await page.waitForURL(/\/dashboard$/);
          await page.goto(`${server.baseUrl}/certificates`);
          assert.equal(await page.locator('h1').textContent(), t['certificates.title']);
          await expectAccessible(page, '/certificates');
          await page.goto(`${server.baseUrl}/certificates/${issued.valid.id}`);
          await expectAccessible(page, '/certificates/<id>');
          await page.goto(`${server.baseUrl}/verify/certificate`);
          await expectAccessible(page, '/verify/certificate');
          await page.getByLabel(t['certificates.code']).fill(issued.valid.code);
          await page.getByRole('button', { name: t['certificates.verify.submit'] }).click();
          await page.waitForURL(/\/verify\/certificate\/[0-9A-Z]{17}$/);
          assert.equal(await page.locator('.certificate-status').getAttribute('data-status'), 'revoked');
          await expectAccessible(page, '/verify/certificate/<code>');
        } finally {
          await context.close();
        }
      });
    }
  });

  // Last: it spends the client's allowance of checks for the hour.
  test('ASVS 2.2.1 / 11.1.4: the check is throttled per client with 429 and Retry-After', async () => {
    let throttled;
    for (let i = 0; i < 200 && !throttled; i += 1) {
      const res = await verifyPage('ABCDEFGHJKLMNPQRS');
      if (res.status === 429) throttled = res;
      else assert.equal(res.status, 404);
    }
    assert.ok(throttled, 'refused within the allowance');
    assert.ok(Number(throttled.headers['retry-after']) > 0);
    assert.ok(h.htmlText(throttled.text).includes(ID['certificates.verify.throttled']));
    // A valid code is refused too while throttled: nothing is looked up.
    assert.equal((await verifyPage(issued.valid.code.replaceAll('-', ''))).status, 429);
  });
});
