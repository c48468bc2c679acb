// The member's profile (src/profile): /profile shows what the registry holds, the
// contact details the member may change, the bank account for payouts and the beneficiaries
// (both behind step-up re-authentication). Through HTTP as the member, another member (IDOR),
// staff and an anonymous visitor would use it, with a real SMTP sink; then in Chromium with
// axe-core (WCAG 2.2 AA), at 360 px and without JavaScript. Backend: LUMBUNG_TEST_BACKEND.
// Requirement IDs: OWASP ASVS 4.0.3 V4.1/V4.2 (access control, IDOR), V3.7 (re-authentication
// before sensitive changes), V5.1 (input validation), V7.1/V7.2 (audit without personal data),
// V2.2.3/V3.x (notify the member of changes to their account).
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
const PAGES = ['/profile', '/profile/contact', '/profile/bank', '/profile/beneficiaries'];

const pageText = (res) => h.htmlText(res.text);
// A mobile number as members write it: "0812-3456-7890", "0812-345-678" (contact.h).
const MOBILE_SHOWN = /\b08\d\d-\d{3,4}-\d{3,5}\b/;
const digitsOf = (phone) => phone.replace(/\D/g, '');
const fill = (message, values = {}) => message.replace(/\{\{(\w+)\}\}/g, (_, k) => String(values[k] ?? `{{${k}}}`));

// A valid NIK (registry/nik.h) that no seeded member has: Jakarta (31) 71 01, born 5 Aug 1990.
function beneficiaryNik(serial, { female = false } = {}) {
  return `317101${female ? '45' : '05'}0890${String(serial).padStart(4, '0')}`;
}

// Registers `member` through the real flow (form, mail, confirmation) and signs in.
async function signedInMember(server, sink, member) {
  const client = new id.Client(server.baseUrl);
  const email = id.uniqueEmail('profile');
  const password = id.newPassword();
  const { res } = await client.submit('/register', {
    nik: member.nik, kpj: member.kpj, birth_date: member.birth_date, email, username: '', password,
  });
  assert.equal(res.status, 303, pageText(res).slice(0, 300));
  const box = new id.Mailbox(sink, email);
  const verify = await client.submit(id.mailLink(await box.next('verify_email'), '/verify-email'));
  assert.equal(verify.res.status, 303);
  const login = await client.submit('/login', { identifier: email, password });
  assert.equal(login.res.headers.location, '/dashboard');
  const [row] = await id.sqlRows(server.database, `SELECT id FROM accounts WHERE email = '${email}'`);
  return { client, email, password, box, accountId: Number(row.id), member };
}

// The field's error is on the page: beside the field (tied with aria-describedby and
// aria-invalid), in the summary as a link to the field, and in the title (ui-patterns.md).
function assertFieldError(res, field, message, { t = ID, control = 'input' } = {}) {
  assert.equal(res.status, 422, `${field}: ${pageText(res).slice(0, 400)}`);
  assert.ok(h.htmlTitle(res.text).startsWith(t['title.error_prefix'].trim()), `title of ${field} error`);
  const errorId = `f-${field}-error`;
  const beside = new RegExp(`id="${errorId}"><span class="visually-hidden">[^<]*</span>([^<]*)</span>`).exec(res.text);
  assert.ok(beside, `an error beside ${field}: ${pageText(res).slice(0, 400)}`);
  assert.equal(h.decodeEntities(beside[1]), message, `the message beside ${field}`);
  if (control === 'radios') {
    assert.match(res.text, new RegExp(`<fieldset aria-describedby="${errorId}">`), `${field}: fieldset tied to its error`);
  } else {
    const element = new RegExp(`<${control}\\b[^>]*\\bid="f-${field}"[^>]*>`).exec(res.text)?.[0];
    assert.ok(element, `the ${control} f-${field}`);
    assert.match(element, new RegExp(`aria-describedby="[^"]*\\b${errorId}\\b`), `${field}: aria-describedby`);
    assert.match(element, /aria-invalid="true"/, `${field}: aria-invalid`);
  }
  const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(res.text)?.[0] ?? '';
  assert.ok(h.decodeEntities(summary).includes(message), `${field}: the summary names it`);
  assert.match(summary, new RegExp(`href="#f-${field}`), `${field}: the summary links to it`);
}

async function auditRows(database, accountId, action) {
  return id.sqlRows(database,
    `SELECT actor_user_id, subject_user_id, action, result, details FROM audit_log ` +
    `WHERE subject_user_id = ${accountId} AND action = '${action}' ORDER BY id`);
}

async function outboxCount(database, email, kind, lang = 'id') {
  const subject = id.mailSubject(kind, lang).replace(/'/g, "''");
  const [row] = await id.sqlRows(database,
    `SELECT COUNT(*) AS n FROM mail_outbox WHERE to_address = '${email}' AND subject = '${subject}'`);
  return Number(row.n);
}

async function memberRow(database, memberId) {
  const [row] = await id.sqlRows(database,
    `SELECT address, phone, marital_status FROM members WHERE id = ${memberId}`);
  return row;
}

// Proves the password again (/account/confirm), as step-up asks, and returns to `next`.
async function confirmPassword(user, next) {
  const target = `/account/confirm?next=${encodeURIComponent(next)}`;
  const { res } = await user.client.submit(target, { password: user.password });
  assert.equal(res.status, 303, pageText(res).slice(0, 300));
  assert.equal(res.headers.location, next);
}

async function forgetStepUp(database, user) {
  await id.sqlExec(database, `UPDATE sessions SET reauth_at = 0 WHERE account_id = ${user.accountId}`);
}

describe(`profile on ${backend}`, () => {
  let sink;
  let server;
  let pool;
  let alice;  // changes her details
  let bob;    // another member, for IDOR
  let staffClient;

  before(async () => {
    sink = await startMailSink();
    server = await h.startServer({ env: { ...sink.env } });
    const seeded = await h.runLumbung(['seed-demo', '--members', '30', '--years', '1'],
                                      { env: h.databaseEnv(server.database) });
    assert.equal(seeded.code, 0, seeded.stderr);
    pool = await id.MemberPool.load(server.database, 30);
    alice = await signedInMember(server, sink, pool.take());
    bob = await signedInMember(server, sink, pool.take());
  });
  after(async () => {
    await server?.stop();
    await sink?.stop();
  });

  test('ASVS 4.1.1: anonymous visitors are sent to sign in and cannot post', async () => {
    for (const path of PAGES) {
      const res = await h.request(server.baseUrl, path);
      assert.equal(res.status, 303, path);
      assert.equal(res.headers.location, `/login?next=${encodeURIComponent(path)}`, path);
    }
    for (const path of PAGES.slice(1)) {
      const res = await h.request(server.baseUrl, path, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'address=x',
      });
      assert.equal(res.status, 403, `POST ${path}`);
    }
  });

  test('ASVS 4.1.3: staff accounts get 403 on every profile page, GET and POST', async () => {
    const email = id.uniqueEmail('staff');
    const added = await h.runLumbung(['user', 'add', '--role', 'staff', '--staff-roles', 'member_services', '--email', email,
                                      '--name', 'Petugas Uji'], { env: h.databaseEnv(server.database) });
    assert.equal(added.code, 0, added.stderr);
    staffClient = new id.Client(server.baseUrl);
    const invitation = await new id.Mailbox(sink, email).next('invitation');
    const password = id.newPassword();
    await staffClient.submit(id.mailLink(invitation, '/invitation'), { password });
    const login = await staffClient.submit('/login', { identifier: email, password });
    assert.equal(login.res.headers.location, '/account/two-factor/setup');
    await id.enrolAuthenticator(staffClient);
    await staffClient.get('/dashboard');
    for (const path of PAGES) {
      assert.equal((await staffClient.get(path)).status, 403, `GET ${path}`);
    }
    for (const path of PAGES.slice(1)) {
      const res = await staffClient.post(path, { address: 'Jl. Staf', marital_status: 'single', bank: 'bca' });
      assert.equal(res.status, 403, `POST ${path}`);
    }
    assert.ok(!(await staffClient.get('/dashboard')).text.includes('href="/profile"'), 'no profile link for staff');
  });

  test('the profile shows what the registry holds, the NIK masked, with a note on correcting it', async () => {
    const [m] = await id.sqlRows(server.database,
      'SELECT kpj, nik, full_name, CAST(birth_date AS TEXT) AS birth_date, sex, address, phone, ' +
      `marital_status, CAST(registered_on AS TEXT) AS registered_on, status FROM members WHERE id = ${alice.member.id}`);
    const [employer] = await id.sqlRows(server.database,
      'SELECT e.name FROM employment_spells s JOIN employers e ON e.id = s.employer_id ' +
      `WHERE s.member_id = ${alice.member.id} AND s.end_date IS NULL ORDER BY s.start_date DESC LIMIT 1`);
    for (const lang of ['id', 'en']) {
      const t = CATALOG[lang];
      const res = await alice.client.get('/profile', { headers: { cookie: `${alice.client.cookieHeader()}; lang=${lang}` } });
      assert.equal(res.status, 200);
      assert.deepEqual(h.htmlH1s(res.text), [t['profile.title']]);
      const text = pageText(res);
      const date = (iso) => `${Number(iso.slice(8, 10))} ${t[`date.months.${Number(iso.slice(5, 7))}`]} ${iso.slice(0, 4)}`;
      for (const shown of [m.full_name, m.kpj, `•••• •••• •••• ${m.nik.slice(12)}`, date(String(m.birth_date).slice(0, 10)),
                           t[`profile.sex.${m.sex}`], m.address || t['profile.not_given'],
                           ...(m.phone ? [] : [t['profile.not_given']]),
                           t[`profile.marital.${m.marital_status}`],
                           date(String(m.registered_on).slice(0, 10)), t[`membership.status.${m.status}`],
                           employer ? employer.name : t['profile.no_employer'], alice.email,
                           t['profile.read_only_note'], t['profile.bank_none'], t['profile.beneficiaries_none']]) {
        assert.ok(text.includes(shown), `${lang}: shows ${shown}`);
      }
      if (m.phone) {
        // The registry's "08..." number, in the national form with its groups.
        assert.equal(digitsOf(MOBILE_SHOWN.exec(text)?.[0] ?? ''), digitsOf(m.phone), `${lang}: shows ${m.phone}`);
      }
      assert.ok(!res.text.includes(m.nik), 'never the whole NIK');
      assert.ok(res.text.includes('href="/account/email"'), 'e-mail changes go through the identity flow');
      assert.ok(res.text.includes('href="/profile/contact"'));
      assert.ok(!text.includes(bob.member.kpj) && !text.includes(bob.member.full_name), 'nothing of another member');
    }
    // The member comes from the session, whatever the URL says (ASVS 4.2.1).
    const other = await alice.client.get(`/profile?member=${bob.member.id}&member_id=${bob.member.id}&kpj=${bob.member.kpj}`);
    assert.equal(other.status, 200);
    assert.ok(!pageText(other).includes(bob.member.kpj));
    assert.ok(pageText(other).includes(alice.member.kpj));
    assert.ok((await alice.client.get('/dashboard')).text.includes('href="/profile"'), 'the navigation leads here');
  });

  test('the NIK takes one masked form, only its last 4 digits, on every page that shows it', async () => {
    const nik = alice.member.nik;
    const masked = `•••• •••• •••• ${nik.slice(12)}`;
    const pages = ['/profile', '/account/security', '/dashboard', '/savings', '/contributions', '/documents',
                   '/card', '/notifications', '/profile/contact', '/profile/bank', '/profile/beneficiaries'];
    let shown = 0;
    await confirmPassword(alice, '/profile/bank');
    for (const path of pages) {
      const res = await alice.client.get(path);
      assert.equal(res.status, 200, path);
      const text = pageText(res);
      assert.ok(!res.text.includes(nik) && !res.text.includes(nik.slice(0, 12)), `${path}: never the NIK's first digits`);
      const forms = text.match(/(?:[0-9•]{4} ){3}[0-9•]{4}/g) ?? [];
      for (const form of forms) assert.equal(form, masked, `${path}: the one masked form`);
      if (forms.length) shown++;
    }
    assert.ok(pageText(await alice.client.get('/profile')).includes(masked), 'the profile shows it');
    assert.ok(pageText(await alice.client.get('/account/security')).includes(masked), 'the security page shows the same');
    assert.ok(shown >= 2);
  });

  test('contact: every bad input gets a translated error tied to its field, keeps what was typed and changes nothing (ASVS 5.1.3, 5.1.4)', async () => {
    const before = await memberRow(server.database, alice.member.id);
    const good = { address: 'Jl. Kenanga No. 7, Bandung', phone: '0812 3456 7890', marital_status: 'married' };
    const cases = [
      ['address', '', 'profile.error.address_empty'],
      ['address', '    ', 'profile.error.address_empty'],
      ['address', 'x'.repeat(301), 'profile.error.address_too_long'],
      ['address', 'Jl. Melati\nNo. 5', 'profile.error.address_characters'],
      ['address', 'Jl. Melati\u202eNo. 5', 'profile.error.address_characters'],
      ['address', 'Jl. Melati\u0000', 'profile.error.address_characters'],
      ['phone', 'nol delapan', 'profile.error.phone_characters'],
      ['phone', '0812<script>', 'profile.error.phone_characters'],
      ['phone', '+1 415 555 0100', 'profile.error.phone_country'],
      ['phone', '81234567890', 'profile.error.phone_country'],
      ['phone', '0812', 'profile.error.phone_length'],
      ['phone', '0812 3456 7890 123', 'profile.error.phone_length'],
      ['marital_status', '', 'profile.error.marital_status'],
      ['marital_status', 'kawin', 'profile.error.marital_status'],
      ['marital_status', "married' OR '1'='1", 'profile.error.marital_status'],
    ];
    for (const lang of ['id', 'en']) {
      const t = CATALOG[lang];
      const headers = { cookie: `${alice.client.cookieHeader()}; lang=${lang}` };
      for (const [field, value, key] of cases) {
        const { res } = await alice.client.submit('/profile/contact', { ...good, [field]: value }, { headers });
        assertFieldError(res, field, fill(t[key], { max: 300 }), { t, control: field === 'marital_status' ? 'radios' : 'input' });
        // The other fields keep what was typed.
        if (field !== 'phone') assert.ok(res.text.includes(`value="${good.phone}"`), `${field}: phone kept`);
        if (field !== 'address') assert.ok(res.text.includes(`value="${good.address}"`), `${field}: address kept`);
        if (field !== 'marital_status') assert.match(res.text, /value="married" checked/, `${field}: choice kept`);
      }
    }
    assert.deepEqual(await memberRow(server.database, alice.member.id), before, 'nothing changed');
    assert.deepEqual(await auditRows(server.database, alice.accountId, 'profile.contact_changed'), []);
    assert.equal(await outboxCount(server.database, alice.email, 'profile_contact_changed'), 0, 'no mail');
    // Without the CSRF token nothing happens either (ASVS 4.2.2), and GET changes nothing.
    assert.equal((await alice.client.post('/profile/contact', good, { csrf: null })).status, 403);
    assert.equal((await alice.client.get('/profile/contact?address=Jl.%20GET&marital_status=widowed')).status, 200);
    assert.deepEqual(await memberRow(server.database, alice.member.id), before, 'still nothing changed');
  });

  test('contact: the address limit is stated in the hint and enforced in the field, and the server still refuses 301 characters', async () => {
    for (const lang of ['id', 'en']) {
      const t = CATALOG[lang];
      const headers = { cookie: `${alice.client.cookieHeader()}; lang=${lang}` };
      const res = await alice.client.get('/profile/contact', { headers });
      assert.equal(res.status, 200);
      const hint = /<span class="hint" id="f-address-hint">([^<]*)<\/span>/.exec(res.text)?.[1];
      assert.equal(h.decodeEntities(hint ?? ''), fill(t['profile.contact.address_hint'], { max: 300 }), `${lang}: the hint`);
      assert.ok(hint.includes('300'), `${lang}: the hint names the limit`);
      const field = /<input[^>]*id="f-address"[^>]*>/.exec(res.text)?.[0] ?? '';
      assert.match(field, /\bmaxlength="300"/, `${lang}: the field stops at the limit`);
      assert.match(field, /aria-describedby="f-address-hint/, `${lang}: the hint is tied to the field`);
    }
    // A form that skips the browser's limit is still refused, and 300 characters are fine.
    const erin = await signedInMember(server, sink, pool.take());
    const before = await memberRow(server.database, erin.member.id);
    const long = await erin.client.submit('/profile/contact', { address: 'a'.repeat(301), phone: '', marital_status: 'single' });
    assertFieldError(long.res, 'address', fill(ID['profile.error.address_too_long'], { max: 300 }));
    assert.match(/<input[^>]*id="f-address"[^>]*>/.exec(long.res.text)[0], /\bmaxlength="300"/, 'the field keeps its limit on an error');
    assert.deepEqual(await memberRow(server.database, erin.member.id), before, 'nothing changed');
    const full = 'Jl. ' + 'a'.repeat(296);
    const fits = await erin.client.submit('/profile/contact', { address: full, phone: '', marital_status: before.marital_status });
    assert.equal(fits.res.status, 303, pageText(fits.res).slice(0, 300));
    assert.equal((await memberRow(server.database, erin.member.id)).address, full);
    await erin.box.next('profile_contact_changed');
  });

  test('contact: a change is normalised, saved, audited without values, mailed and listed in recent activity', async () => {
    const { res } = await alice.client.submit('/profile/contact', {
      address: '  Jl. Kenanga   No. 7,  Bandung ', phone: '(0812) 3456-7890', marital_status: 'married',
    });
    assert.equal(res.status, 303, pageText(res).slice(0, 400));
    assert.equal(res.headers.location, '/profile?notice=contact_changed');
    const row = await memberRow(server.database, alice.member.id);
    assert.equal(row.address, 'Jl. Kenanga No. 7, Bandung');
    assert.equal(row.phone, '+6281234567890', 'E.164');
    assert.equal(row.marital_status, 'married');
    const profile = await alice.client.get(res.headers.location);
    assert.ok(pageText(profile).includes(ID['profile.notice.contact_changed']));
    assert.ok(pageText(profile).includes('0812-3456-7890'), 'shown as members write it');
    assert.ok(!pageText(profile).includes('+62'), 'not in the stored form');

    const audit = await auditRows(server.database, alice.accountId, 'profile.contact_changed');
    assert.equal(audit.length, 1);
    assert.equal(Number(audit[0].actor_user_id), alice.accountId);
    assert.equal(audit[0].result, 'ok');
    const details = JSON.parse(audit[0].details);
    assert.ok(details.fields.split(',').includes('address'));
    assert.ok(!audit[0].details.includes('Kenanga') && !audit[0].details.includes('3456'), 'no personal data in the log (ASVS 7.1.1)');

    const mail = await alice.box.next('profile_contact_changed');
    assert.ok(mail.text.includes(ID['profile.field.address']), 'names what changed');
    assert.ok(!mail.text.includes('3456'), 'not the new number itself');
    assert.equal(id.mailLink(mail, '/profile'), '/profile');

    const security = await alice.client.get('/account/security');
    assert.ok(pageText(security).includes(ID['identity.activity.profile.contact_changed']), 'recent activity names it');

    // The same details again change nothing: no audit row, no mail.
    const again = await alice.client.submit('/profile/contact', {
      address: 'Jl. Kenanga No. 7, Bandung', phone: '+62 812 3456 7890', marital_status: 'married',
    });
    assert.equal(again.res.headers.location, '/profile?notice=unchanged');
    assert.equal((await auditRows(server.database, alice.accountId, 'profile.contact_changed')).length, 1);
    // An empty phone removes the number.
    const cleared = await alice.client.submit('/profile/contact', {
      address: 'Jl. Kenanga No. 7, Bandung', phone: '', marital_status: 'divorced',
    });
    assert.equal(cleared.res.headers.location, '/profile?notice=contact_changed');
    assert.equal((await memberRow(server.database, alice.member.id)).phone, null);
    await alice.box.next('profile_contact_changed');
  });

  test('contact: a registry "08..." number and an edited "+62..." number are shown the same way, on the profile and in the form', async () => {
    const carol = await signedInMember(server, sink, pool.take());
    const shownOnProfile = async () => pageText(await carol.client.get('/profile'));
    const inTheForm = async () => /id="f-phone"[^>]*value="([^"]*)"/.exec((await carol.client.get('/profile/contact')).text)?.[1];

    // As the registry holds it.
    await id.sqlExec(server.database, `UPDATE members SET phone = '089612345678' WHERE id = ${carol.member.id}`);
    assert.ok((await shownOnProfile()).includes('0896-1234-5678'), 'registry form on the profile');
    assert.equal(await inTheForm(), '0896-1234-5678', 'registry form in the form');
    // Sending the form back as it was filled in is no change.
    const { marital_status } = await memberRow(server.database, carol.member.id);
    const same = await carol.client.submit('/profile/contact', { phone: await inTheForm(), marital_status });
    assert.equal(same.res.headers.location, '/profile?notice=unchanged', pageText(same.res).slice(0, 400));

    // As an edit saves it.
    const edited = await carol.client.submit('/profile/contact', {
      address: 'Jl. Melati No. 9, Surabaya', phone: '+62 896 1234 5678', marital_status,
    });
    assert.equal(edited.res.headers.location, '/profile?notice=contact_changed');
    assert.equal((await memberRow(server.database, carol.member.id)).phone, '+6289612345678', 'stored normalised');
    const profile = await shownOnProfile();
    assert.ok(profile.includes('0896-1234-5678') && !profile.includes('+62'), 'edited form on the profile');
    assert.equal(await inTheForm(), '0896-1234-5678', 'edited form in the form');
    await carol.box.next('profile_contact_changed');
  });

  test('ASVS 3.7.1: bank account and beneficiaries need the password again after 5 minutes; nothing changes before', async () => {
    await forgetStepUp(server.database, alice);
    const profile = await alice.client.get('/profile');  // a fresh CSRF token
    assert.equal(profile.status, 200, 'the profile itself stays readable');
    for (const path of ['/profile/bank', '/profile/beneficiaries']) {
      const get = await alice.client.get(path);
      assert.equal(get.status, 303, path);
      assert.equal(get.headers.location, `/account/confirm?next=${encodeURIComponent(path)}`);
      const post = await alice.client.post(path, {
        bank: 'bca', account_number: '1234567890', holder_name: 'Siti',
        b1_name: 'Budi', b1_relation: 'child', b1_nik: beneficiaryNik(9), b1_share: '100',
      });
      assert.equal(post.status, 303, `POST ${path}`);
      assert.equal(post.headers.location, `/account/confirm?next=${encodeURIComponent(path)}`);
    }
    const [counts] = await id.sqlRows(server.database,
      `SELECT (SELECT COUNT(*) FROM profile_bank_accounts WHERE member_id = ${alice.member.id}) AS bank, ` +
      `(SELECT COUNT(*) FROM profile_beneficiaries WHERE member_id = ${alice.member.id}) AS people`);
    assert.deepEqual([Number(counts.bank), Number(counts.people)], [0, 0], 'nothing stored before the confirmation');

    const wrong = await alice.client.submit('/account/confirm?next=%2Fprofile%2Fbank', { password: 'not-my-password-at-all' });
    assert.equal(wrong.res.status, 422);
    await confirmPassword(alice, '/profile/bank');
    assert.equal((await alice.client.get('/profile/bank')).status, 200);
    assert.equal((await alice.client.get('/profile/beneficiaries')).status, 200);
  });

  test('bank: every bad input gets its error and stores nothing; a good account shows and mails only its last 4 digits', async () => {
    await confirmPassword(alice, '/profile/bank');
    const good = { bank: 'bca', account_number: '1234 5678 90', holder_name: alice.member.full_name };
    const cases = [
      ['bank', '', 'profile.error.bank', 'select'],
      ['bank', 'bank_palsu', 'profile.error.bank', 'select'],
      ['account_number', '', 'profile.error.account_empty'],
      ['account_number', '1234-abcd', 'profile.error.account_digits'],
      ['account_number', '1234', 'profile.error.account_length'],
      ['account_number', '9'.repeat(21), 'profile.error.account_length'],
      ['holder_name', ' ', 'profile.error.holder_empty'],
      ['holder_name', 'Siti 2', 'profile.error.name_characters'],
      ['holder_name', '<b>Siti</b>', 'profile.error.name_characters'],
      ['holder_name', 'a'.repeat(101), 'profile.error.name_too_long'],
    ];
    for (const lang of ['id', 'en']) {
      const t = CATALOG[lang];
      const headers = { cookie: `${alice.client.cookieHeader()}; lang=${lang}` };
      for (const [field, value, key, control = 'input'] of cases) {
        const { res } = await alice.client.submit('/profile/bank', { ...good, [field]: value }, { headers });
        assertFieldError(res, field, t[key], { t, control });
      }
    }
    const [none] = await id.sqlRows(server.database, `SELECT COUNT(*) AS n FROM profile_bank_accounts WHERE member_id = ${alice.member.id}`);
    assert.equal(Number(none.n), 0);
    assert.deepEqual(await auditRows(server.database, alice.accountId, 'profile.bank_changed'), []);

    const { res } = await alice.client.submit('/profile/bank', good);
    assert.equal(res.status, 303, pageText(res).slice(0, 400));
    assert.equal(res.headers.location, '/profile?notice=bank_changed');
    const [stored] = await id.sqlRows(server.database,
      `SELECT bank_code, account_sealed, account_last4, holder_name FROM profile_bank_accounts WHERE member_id = ${alice.member.id}`);
    assert.equal(stored.bank_code, 'bca');
    assert.equal(stored.account_last4, '7890');
    assert.ok(!stored.account_sealed.includes('1234567890'), 'the number is sealed in the database (ASVS 6.1.1)');
    for (const path of ['/profile', '/profile/bank']) {
      const page = await alice.client.get(path);
      assert.ok(pageText(page).includes(fill(ID['profile.account_ending'], { last4: '7890' })), `${path}: last 4 digits`);
      assert.ok(!page.text.includes('1234567890') && !page.text.includes('1234 5678 90'), `${path}: never the whole number`);
      assert.ok(pageText(page).includes('Bank Central Asia (BCA)'));
    }
    const mail = await alice.box.next('profile_bank_changed');
    assert.ok(mail.text.includes('7890') && mail.text.includes('Bank Central Asia (BCA)'));
    assert.ok(!mail.text.includes('1234567890'), 'the mail has the last 4 digits only');
    const audit = await auditRows(server.database, alice.accountId, 'profile.bank_changed');
    assert.equal(audit.length, 1);
    assert.deepEqual(JSON.parse(audit[0].details), { change: 'added' });
    assert.ok(pageText(await alice.client.get('/account/security')).includes(ID['identity.activity.profile.bank_changed']));

    // The same account again changes nothing; another one replaces it.
    assert.equal((await alice.client.submit('/profile/bank', good)).res.headers.location, '/profile?notice=unchanged');
    const replaced = await alice.client.submit('/profile/bank', { ...good, bank: 'bri', account_number: '0987654321' });
    assert.equal(replaced.res.headers.location, '/profile?notice=bank_changed');
    assert.deepEqual(JSON.parse((await auditRows(server.database, alice.accountId, 'profile.bank_changed'))[1].details), { change: 'replaced' });
    await alice.box.next('profile_bank_changed');
    const [count] = await id.sqlRows(server.database, 'SELECT COUNT(*) AS n FROM profile_bank_accounts');
    assert.equal(Number(count.n), 1, 'one account per member, replaced in place');
  });

  test('bank: an account in another person\'s name needs a tick, is marked, mailed, audited as such and held for staff; the member\'s own name as a bank writes it needs none', async () => {
    const dave = await signedInMember(server, sink, pool.take());
    await confirmPassword(dave, '/profile/bank');
    const other = { bank: 'mandiri', account_number: '7770 0012 34', holder_name: 'Budi Orang Lain' };
    const stored = async () => id.sqlRows(server.database,
      `SELECT account_last4, holder_name, holder_mismatch FROM profile_bank_accounts WHERE member_id = ${dave.member.id}`);
    for (const lang of ['id', 'en']) {
      const t = CATALOG[lang];
      const headers = { cookie: `${dave.client.cookieHeader()}; lang=${lang}` };
      const { res } = await dave.client.submit('/profile/bank', other, { headers });
      assertFieldError(res, 'confirm_other_holder', t['profile.error.confirm_other_holder'], { t });
      assert.ok(pageText(res).includes(fill(t['profile.bank.other_holder_warning'], { holder: 'Budi Orang Lain', name: dave.member.full_name })),
                `${lang}: the page names both names`);
      const box = /<input[^>]*id="f-confirm_other_holder"[^>]*>/.exec(res.text)?.[0];
      assert.ok(box && /type="checkbox"/.test(box) && !/checked/.test(box), `${lang}: an unticked box`);
      assert.ok(pageText(res).includes(t['profile.bank.confirm_other_holder']), `${lang}: the box says what it confirms`);
      assert.ok(res.text.includes('value="7770 0012 34"') && res.text.includes('value="Budi Orang Lain"'), 'what was typed is kept');
      // Another field's error and the question come back together.
      const both = await dave.client.submit('/profile/bank', { ...other, account_number: '12' }, { headers });
      assert.equal(both.res.status, 422);
      assert.match(both.res.text, /<div class="error-summary"[\s\S]*?href="#f-account_number"[\s\S]*?href="#f-confirm_other_holder"/);
    }
    assert.deepEqual(await stored(), [], 'nothing saved before the tick');
    assert.deepEqual(await auditRows(server.database, dave.accountId, 'profile.bank_holder_mismatch'), []);
    assert.equal(await outboxCount(server.database, dave.email, 'profile_bank_holder_mismatch'), 0, 'no mail yet');

    // With the tick: saved and marked.
    const { res } = await dave.client.submit('/profile/bank', { ...other, confirm_other_holder: '1' });
    assert.equal(res.status, 303, pageText(res).slice(0, 400));
    assert.equal(res.headers.location, '/profile?notice=bank_changed_other_holder');
    const [row] = await stored();
    assert.deepEqual([row.account_last4, row.holder_name, Number(row.holder_mismatch)], ['1234', 'Budi Orang Lain', 1]);
    const profile = await dave.client.get(res.headers.location);
    assert.ok(pageText(profile).includes(ID['profile.notice.bank_changed_other_holder']));
    for (const page of [profile, await dave.client.get('/profile/bank')]) {
      assert.match(page.text, new RegExp(`Budi Orang Lain <strong class="tag tag--warning">${ID['profile.bank.other_holder_tag']}</strong>`), 'the account is marked');
      assert.ok(pageText(page).includes(ID['profile.bank.other_holder_note']), 'and the mark is explained');
    }
    const mail = await dave.box.next('profile_bank_holder_mismatch');
    assert.ok(mail.text.includes('Budi Orang Lain') && mail.text.includes('1234') && mail.text.includes('Bank Mandiri'), mail.text);
    assert.ok(!mail.text.includes('7770001234'), 'the last 4 digits only');
    assert.ok(id.mailLink(mail, '/report'), 'with the "this wasn\'t me" link');
    assert.equal(await outboxCount(server.database, dave.email, 'profile_bank_changed'), 0, 'one mail, the one that says so');
    const audit = await auditRows(server.database, dave.accountId, 'profile.bank_holder_mismatch');
    assert.equal(audit.length, 1);
    assert.equal(audit[0].result, 'ok');
    assert.deepEqual(JSON.parse(audit[0].details), { change: 'added' });
    assert.ok(!audit[0].details.includes('Budi'), 'no names in the log');
    assert.deepEqual(await auditRows(server.database, dave.accountId, 'profile.bank_changed'), []);
    assert.ok(pageText(await dave.client.get('/account/security')).includes(ID['identity.activity.profile.bank_holder_mismatch']),
              'recent activity names it');

    // The member's own name as a bank writes it: saved without a question, and the mark goes.
    const own = `IBU ${dave.member.full_name.toUpperCase()}, S.E.`;
    const mine = await dave.client.submit('/profile/bank', { bank: 'bca', account_number: '1112223334', holder_name: own });
    assert.equal(mine.res.status, 303, pageText(mine.res).slice(0, 400));
    assert.equal(mine.res.headers.location, '/profile?notice=bank_changed');
    assert.equal(Number((await stored())[0].holder_mismatch), 0);
    const after = await dave.client.get('/profile');
    assert.ok(!after.text.includes('tag--warning') && !pageText(after).includes(ID['profile.bank.other_holder_note']), 'no mark');
    await dave.box.next('profile_bank_changed');
  });

  test('beneficiaries: the whole list in one form; shares must add up to 100, the member is not their own beneficiary; add, change and remove', async () => {
    await confirmPassword(alice, '/profile/beneficiaries');
    const row = (n, name, relation, nik, share) => ({
      [`b${n}_name`]: name, [`b${n}_relation`]: relation, [`b${n}_nik`]: nik, [`b${n}_share`]: share,
    });
    const post = (fields) => alice.client.post('/profile/beneficiaries', fields);
    const spouse = beneficiaryNik(11, { female: true });
    const child = beneficiaryNik(12);

    // The page starts with one empty row; "add another empty row" adds one without saving.
    const first = await alice.client.get('/profile/beneficiaries');
    assert.ok(first.text.includes('id="f-b1_name"') && !first.text.includes('id="f-b2_name"'));
    const more = await post({ ...row(1, 'Sri Wahyuni', 'spouse', spouse, '60'), more: '1' });
    assert.equal(more.status, 200);
    assert.ok(more.text.includes('id="f-b2_name"'), 'a second row');
    assert.ok(more.text.includes('value="Sri Wahyuni"'), 'what was typed is kept');

    // Errors, each beside its field; nothing stored.
    for (const lang of ['id', 'en']) {
      const t = CATALOG[lang];
      const headers = { cookie: `${alice.client.cookieHeader()}; lang=${lang}` };
      const send = (fields) => alice.client.post('/profile/beneficiaries', fields, { headers });
      let res = await send({ ...row(1, 'Sri Wahyuni', 'spouse', spouse, '60'), ...row(2, 'Budi', 'child', child, '30') });
      assert.equal(res.status, 422);
      assert.ok(pageText(res).includes(fill(t['profile.error.shares_sum'], { total: 90 })), 'the total is named');
      assert.match(res.text, /<div class="error-summary"[\s\S]*?href="#f-b1_share"/);
      res = await send(row(1, 'Saya Sendiri', 'other', alice.member.nik, '100'));
      assertFieldError(res, 'b1_nik', t['profile.error.nik_own'], { t });
      res = await send({ ...row(1, 'Sri', 'spouse', spouse, '50'), ...row(2, 'Sri Lagi', 'spouse', spouse.slice(0, 8) + ' ' + spouse.slice(8), '50') });
      assertFieldError(res, 'b2_nik', t['profile.error.nik_duplicate'], { t });
      res = await send(row(1, 'Budi', 'child', '3171010508900000', '100'));
      assertFieldError(res, 'b1_nik', t['profile.error.nik_invalid'], { t });
      res = await send(row(1, 'Budi', 'child', '12345', '100'));
      assertFieldError(res, 'b1_nik', t['profile.error.nik_length'], { t });
      res = await send(row(1, 'Budi', 'cousin', child, '100'));
      assertFieldError(res, 'b1_relation', t['profile.error.relation'], { t, control: 'select' });
      res = await send(row(1, 'Budi', 'child', child, '100.5'));
      assertFieldError(res, 'b1_share', t['profile.error.share_invalid'], { t });
      res = await send(row(1, 'Budi', 'child', child, ''));
      assertFieldError(res, 'b1_share', t['profile.error.share_empty'], { t });
      res = await send(row(1, '', 'child', child, '100'));
      assertFieldError(res, 'b1_name', t['profile.error.beneficiary_name_empty'], { t });
      res = await send(row(1, 'Budi123', 'child', child, '100'));
      assertFieldError(res, 'b1_name', t['profile.error.name_characters'], { t });
      const many = {};
      for (let n = 1; n <= 11; n++) Object.assign(many, row(n, 'Anak', 'child', beneficiaryNik(20 + n), n === 11 ? '10' : '9'));
      res = await send(many);
      assert.equal(res.status, 422);
      assert.ok(pageText(res).includes(fill(t['profile.error.too_many'], { max: 10 })));
    }
    const count = async (memberId) => Number((await id.sqlRows(server.database,
      `SELECT COUNT(*) AS n FROM profile_beneficiaries WHERE member_id = ${memberId}`))[0].n);
    assert.equal(await count(alice.member.id), 0, 'nothing stored');
    assert.deepEqual(await auditRows(server.database, alice.accountId, 'profile.beneficiaries_changed'), []);

    // Two people, 60 + 40.
    let res = await post({ ...row(1, 'Sri Wahyuni', 'spouse', spouse, '60'), ...row(2, 'Budi Santoso', 'child', child, '40%'), ...row(3, '', '', '', '') });
    assert.equal(res.status, 303, pageText(res).slice(0, 500));
    assert.equal(res.headers.location, '/profile?notice=beneficiaries_changed');
    let stored = await id.sqlRows(server.database,
      `SELECT id, full_name, relation, nik, share_percent FROM profile_beneficiaries WHERE member_id = ${alice.member.id} ORDER BY id`);
    assert.deepEqual(stored.map((b) => [b.full_name, b.relation, b.nik, Number(b.share_percent)]),
                     [['Sri Wahyuni', 'spouse', spouse, 60], ['Budi Santoso', 'child', child, 40]]);
    const profile = pageText(await alice.client.get('/profile'));
    assert.ok(profile.includes('Sri Wahyuni') && profile.includes('60%') && profile.includes(ID['profile.relation.child']));
    assert.ok(!profile.includes(spouse), 'the profile lists beneficiaries without their NIK');
    await alice.box.next('profile_beneficiaries_changed');

    // The form shows the stored rows with their ids; change a share, remove one, add one.
    const page = await alice.client.get('/profile/beneficiaries');
    const form = id.parseForms(page.text).find((f) => f.action === '/profile/beneficiaries');
    assert.equal(form.fields.b1_id, String(stored[0].id));
    assert.equal(form.fields.b2_id, String(stored[1].id));
    const mother = beneficiaryNik(13, { female: true });
    res = await post({
      b1_id: String(stored[0].id), ...row(1, 'Sri Wahyuni', 'spouse', spouse, '70'),
      b2_id: String(stored[1].id), ...row(2, 'Budi Santoso', 'child', child, '40'), b2_remove: '1',
      ...row(3, 'Ibu Sumarni', 'parent', mother, '30'),
    });
    assert.equal(res.status, 303, pageText(res).slice(0, 500));
    const after = await id.sqlRows(server.database,
      `SELECT id, full_name, share_percent FROM profile_beneficiaries WHERE member_id = ${alice.member.id} ORDER BY id`);
    assert.equal(after.length, 2);
    assert.equal(Number(after[0].id), Number(stored[0].id), 'the kept row keeps its id');
    assert.equal(Number(after[0].share_percent), 70);
    assert.equal(after[1].full_name, 'Ibu Sumarni');
    const mail = await alice.box.next('profile_beneficiaries_changed');
    const howMany = fill(ID['identity.mail.profile_beneficiaries_changed.body'].split('\n\n')[0].split('{{time}}')[1], { count: 2 });
    assert.ok(mail.text.includes(howMany), `the mail says how many: ${howMany}`);
    assert.ok(!mail.text.includes(mother) && !mail.text.includes('Sumarni'), 'but not who');
    const audit = await auditRows(server.database, alice.accountId, 'profile.beneficiaries_changed');
    assert.equal(audit.length, 2);
    assert.deepEqual(JSON.parse(audit[1].details), { count: '2' });
    assert.ok(!audit.some((a) => a.details.includes('Sumarni') || a.details.includes(mother)), 'no personal data in the log');
    assert.ok(pageText(await alice.client.get('/account/security')).includes(ID['identity.activity.profile.beneficiaries_changed']));
    stored = after;
  });

  test('ASVS 4.2.1 IDOR: another member\'s beneficiary ids in the form are refused, logged, and change nothing', async () => {
    await confirmPassword(bob, '/profile/beneficiaries');
    const bobNik = beneficiaryNik(31);
    const made = await bob.client.post('/profile/beneficiaries', {
      b1_name: 'Rina Bob', b1_relation: 'spouse', b1_nik: bobNik, b1_share: '100',
    });
    assert.equal(made.status, 303);
    const bobRows = async () => id.sqlRows(server.database,
      `SELECT id, full_name, relation, nik, share_percent FROM profile_beneficiaries WHERE member_id = ${bob.member.id} ORDER BY id`);
    const aliceRows = async () => id.sqlRows(server.database,
      `SELECT id, full_name, relation, nik, share_percent FROM profile_beneficiaries WHERE member_id = ${alice.member.id} ORDER BY id`);
    const bobBefore = await bobRows();
    const aliceBefore = await aliceRows();
    const bobId = String(bobBefore[0].id);

    await confirmPassword(alice, '/profile/beneficiaries');
    const attempts = [
      { b1_id: bobId, b1_name: 'Pencuri', b1_relation: 'other', b1_nik: beneficiaryNik(32), b1_share: '100' },
      { b1_id: bobId, b1_remove: '1' },
      { b1_id: String(aliceBefore[0].id), b1_name: 'Sri Wahyuni', b1_relation: 'spouse', b1_nik: aliceBefore[0].nik, b1_share: '50',
        b2_id: bobId, b2_name: 'Rina Bob', b2_relation: 'spouse', b2_nik: bobNik, b2_share: '50' },
      { b1_id: `${bobId}.0`, b1_name: 'X', b1_relation: 'other', b1_nik: beneficiaryNik(33), b1_share: '100' },
      { b1_id: '999999999', b1_name: 'X', b1_relation: 'other', b1_nik: beneficiaryNik(33), b1_share: '100' },
    ];
    for (const fields of attempts) {
      const res = await alice.client.post('/profile/beneficiaries', fields);
      assert.equal(res.status, 422, JSON.stringify(fields));
      assert.ok(pageText(res).includes(ID['profile.error.unknown_beneficiary']));
      assert.ok(!pageText(res).includes('Rina Bob') && !res.text.includes(bobNik), 'nothing of bob\'s shows');
    }
    assert.deepEqual(await bobRows(), bobBefore, 'bob\'s beneficiaries unchanged');
    assert.deepEqual(await aliceRows(), aliceBefore, 'alice\'s too');
    const refused = (await auditRows(server.database, alice.accountId, 'profile.beneficiaries_changed'))
      .filter((a) => a.result === 'denied');
    assert.equal(refused.length, attempts.length, 'each refusal is logged (ASVS 7.2.2)');
    assert.equal(await outboxCount(server.database, bob.email, 'profile_beneficiaries_changed'), 1, 'only bob\'s own change mailed him');

    // Whatever the URL says, each sees their own.
    for (const path of [`/profile?member=${bob.member.id}`, `/profile/beneficiaries?member_id=${bob.member.id}`,
                        `/profile/bank?member=${bob.member.id}`]) {
      const res = await alice.client.get(path);
      assert.equal(res.status, 200, path);
      assert.ok(!res.text.includes('Rina Bob') && !res.text.includes(bobNik), path);
    }
    const bobsOwn = await bob.client.get('/profile');
    assert.ok(pageText(bobsOwn).includes('Rina Bob'));
    assert.ok(!pageText(bobsOwn).includes('Sri Wahyuni'));
    assert.ok(pageText(bobsOwn).includes(ID['profile.bank_none']), 'alice\'s account is not bob\'s');
  });

  test('ASVS 2.5.x / NIST 800-63B 8.2: the bank-change mail has a "this wasn\'t me" link that ends every session and asks for a new password', async () => {
    const carol = await signedInMember(server, sink, pool.take());
    await confirmPassword(carol, '/profile/bank');
    const saved = await carol.client.submit('/profile/bank', {
      bank: 'bca', account_number: '5550001234', holder_name: carol.member.full_name,
    });
    assert.equal(saved.res.headers.location, '/profile?notice=bank_changed', pageText(saved.res).slice(0, 300));
    const mail = await carol.box.next('profile_bank_changed');
    const report = id.mailLink(mail, '/report');
    assert.ok(report, mail.text);
    const thief = carol.client;  // the session that made the change
    const reporter = new id.Client(server.baseUrl);
    const done = await reporter.submit(report);
    assert.equal(done.res.status, 303);
    assert.match(done.res.headers.location, /^\/report\?done=1/);
    const after = await thief.get('/profile');
    assert.equal(after.status, 303, 'the changer\'s session is ended');
    const [reported] = await auditRows(server.database, carol.accountId, 'account.reported');
    assert.ok(reported, 'staff see the report');
    assert.equal(JSON.parse(reported.details).mail, 'profile_bank_changed');
    await carol.box.next('reported');
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

    async function checkPage(page, what) {
      const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], what);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${what}: no horizontal scroll at 360 px (overflow ${overflow}px)`);
    }

    for (const lang of ['id', 'en']) {
      test(`WCAG 2.2 AA (axe) and 360 px: every profile page and its errors in ${lang}`, async () => {
        const t = CATALOG[lang];
        const user = lang === 'id' ? alice : bob;  // both have a bank account or beneficiaries by now
        const { context, page } = await signIn(user, lang, { javaScriptEnabled: true });
        try {
          for (const path of PAGES) {
            const response = await page.goto(`${server.baseUrl}${path}`);
            assert.equal(response.status(), 200, path);
            await checkPage(page, `${lang} ${path}`);
          }
          await page.goto(`${server.baseUrl}/profile/contact`);
          await page.locator('#f-address').fill('');
          await page.locator('#f-phone').fill('12');
          await page.getByRole('button', { name: t['profile.contact.submit'] }).click();
          await page.locator('.error-summary').waitFor();
          await checkPage(page, `${lang} contact errors`);
          await page.goto(`${server.baseUrl}/profile/bank`);
          await page.locator('#f-account_number').fill('12ab');
          await page.getByRole('button', { name: t['profile.bank.submit'] }).click();
          await page.locator('.error-summary').waitFor();
          await checkPage(page, `${lang} bank errors`);
          await page.locator('#f-account_number').fill('7770001234');
          await page.locator('#f-holder_name').fill('Budi Orang Lain');
          await page.getByRole('button', { name: t['profile.bank.submit'] }).click();
          await page.locator('#f-confirm_other_holder').waitFor();
          await checkPage(page, `${lang} bank account in another person's name`);
          await page.goto(`${server.baseUrl}/profile/beneficiaries`);
          await page.locator('#f-b1_share').fill('7');
          await page.getByRole('button', { name: t['profile.beneficiaries.submit'] }).click();
          await page.locator('.error-summary').waitFor();
          await checkPage(page, `${lang} beneficiaries errors`);
        } finally {
          await context.close();
        }
      });

      test(`without JavaScript: view, change contact details, confirm the password, bank account and beneficiaries in ${lang}`, async () => {
        const t = CATALOG[lang];
        const user = await signedInMember(server, sink, pool.take());
        const { context, page } = await signIn(user, lang, { javaScriptEnabled: false });
        try {
          // The main navigation's link (inside its menu when the menu is folded).
          const nav = page.getByRole('navigation', { name: t['layout.nav.label'] });
          const profileLink = nav.getByRole('link', { name: t['layout.nav.profile'], exact: true });
          if (!(await profileLink.isVisible()) && await nav.locator('summary').count()) {
            await nav.locator('summary').first().click();
          }
          await profileLink.click();
          await page.waitForURL(/\/profile$/);
          assert.equal(await page.locator('h1').textContent(), t['profile.title']);

          await page.getByRole('link', { name: t['profile.change_contact'] }).click();
          await page.getByLabel(t['profile.field.address'], { exact: true }).fill('Jl. Anggrek No. 3, Medan');
          await page.getByLabel(t['profile.field.phone'], { exact: true }).fill('061 455 1234');
          await page.getByLabel(t['profile.marital.widowed'], { exact: true }).check();
          await page.getByRole('button', { name: t['profile.contact.submit'] }).click();
          await page.waitForURL(/\/profile\?notice=contact_changed$/);
          const shown = await page.locator('main').textContent();
          assert.ok(shown.includes('Jl. Anggrek No. 3, Medan') && shown.includes('(061) 455-1234') && shown.includes(t['profile.marital.widowed']));

          // Step-up: the password again, then back to the bank form.
          await forgetStepUp(server.database, user);
          await page.getByRole('link', { name: t['profile.add_bank'] }).click();
          await page.waitForURL(/\/account\/confirm\?next=%2Fprofile%2Fbank$/);
          await page.getByLabel(t['identity.login.password'], { exact: true }).fill(user.password);
          await page.getByRole('button', { name: t['identity.confirm.submit'] }).click();
          await page.waitForURL(/\/profile\/bank$/);
          await page.getByLabel(t['profile.field.bank'], { exact: true }).selectOption({ label: 'Bank Rakyat Indonesia (BRI)' });
          await page.getByLabel(t['profile.field.account_number'], { exact: true }).fill('0021 0100 5566 507');
          await page.getByRole('button', { name: t['profile.bank.submit'] }).click();
          await page.waitForURL(/\/profile\?notice=bank_changed$/);
          assert.ok((await page.locator('main').textContent()).includes(fill(t['profile.account_ending'], { last4: '6507' })));

          await page.getByRole('link', { name: t['profile.change_beneficiaries'] }).click();
          await page.waitForURL(/\/profile\/beneficiaries$/);
          await page.locator('#f-b1_name').fill('Putri Ayu');
          await page.locator('#f-b1_relation').selectOption('child');
          await page.locator('#f-b1_nik').fill(beneficiaryNik(41, { female: true }));
          await page.locator('#f-b1_share').fill('50');
          await page.getByRole('button', { name: t['profile.beneficiaries.more_rows'] }).click();
          await page.locator('#f-b2_name').waitFor();
          assert.equal(await page.locator('#f-b1_name').inputValue(), 'Putri Ayu', 'the first row is kept');
          await page.locator('#f-b2_name').fill('Bayu Aji');
          await page.locator('#f-b2_relation').selectOption('child');
          await page.locator('#f-b2_nik').fill(beneficiaryNik(42));
          await page.locator('#f-b2_share').fill('50');
          await page.getByRole('button', { name: t['profile.beneficiaries.submit'] }).click();
          await page.waitForURL(/\/profile\?notice=beneficiaries_changed$/);
          const listed = await page.locator('main').textContent();
          assert.ok(listed.includes('Putri Ayu') && listed.includes('Bayu Aji'));
        } finally {
          await context.close();
        }
      });
    }
  });
});
