// Benefit claims in Chromium, end to end (src/claims): Budi, whose job ended, claims his whole JHT
// balance in Indonesian with JavaScript (every page of the journey checked with axe-core for
// WCAG 2.2 AA at 360 px: the list, the choice, the questions, eligibility, the amount, the
// documents with an upload refused and shown beside its field, the payout account with its
// error, check your answers, the confirmation and the status); his documents are scanned by a
// real clamd (the CTest fixture `clamd`) and become clean. Ann makes the same claim in English
// without JavaScript (plain links and form posts, multipart uploads included) up to submission,
// while a second context with JavaScript runs axe on the same pages in English. Then the staff,
// each in their own browser: a verifier starts verification, accepts two documents and asks
// for the bank book again with a reason; Budi reads why and answers with a new file and a note;
// the verifier accepts it and verifies, and is refused when trying to approve the claim they
// verified; another approver approves; finance makes a payout batch, downloads the bank file and
// uploads the bank's result marking it paid. After every step Budi's status page says where
// the claim is; at the end it lists every step with its date and "paid" with the account's last
// four digits, and the dashboard's claims card counts 0. Every page is under 50 KB and every
// text looked for comes from the catalogs. Backend: LUMBUNG_TEST_BACKEND.
// Requirement IDs: OWASP ASVS 4.0.3 V1.1.6 / V4.3.3 (four eyes: who verified never approves),
// V4.1.1 / V4.1.3 (each step by its staff role), V4.2.1 (the claimant's own claim only),
// V4.2.2 (every form posts its CSRF token), V12.2.1 (files judged by content), V12.4.2 (files
// scanned before anyone may fetch them), V12.5.2 (downloads as attachments).
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import fs from 'node:fs';
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

// A small well-formed PDF (one empty page) with its xref table at the right offsets.
function makePdf() {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
const PDF = makePdf();
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const pdfFile = (name) => ({ name, mimeType: 'application/pdf', buffer: PDF });
const pngFile = (name) => ({ name, mimeType: 'image/png', buffer: PNG });
// Text named as a PDF: refused by its content.
const fakePdf = (name) => ({ name, mimeType: 'application/pdf', buffer: Buffer.from('<?php echo "bukan PDF"; ?>\n') });

// Whole rupiah as the pages write them (core/i18n/rupiah.h): "Rp 12.500.000" / "Rp 12,500,000".
const rupiah = (amount, lang) => `Rp ${String(amount).replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'en' ? ',' : '.')}`;

function isoDaysAgo(days) {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

// The fund's day (fund.time_zone WIB, UTC+7): the bank's paid_on may not be after it.
function fundToday() {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}

// "2026-11-16" as the pages write it (core/i18n/day_text.h).
function dayText(t, iso) {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${t[`date.months.${m}`]} ${y}`;
}

// CSV text -> rows of cells (the bank file has no quoted line breaks).
function parseCsv(text) {
  return text.trim().split('\r\n').map((line) => {
    const cells = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') { cells.push(cell); cell = ''; } else cell += c;
    }
    cells.push(cell);
    return cells;
  });
}

// The CLAMD fixture writes its socket's path to this file (tests/support/clamd_daemon).
function clamdSocket() {
  const file = process.env.LUMBUNG_TEST_CLAMD_SOCKET_FILE;
  assert.ok(file, 'LUMBUNG_TEST_CLAMD_SOCKET_FILE is not set: run through CTest (fixture clamd)');
  assert.ok(fs.existsSync(file), `${file} does not exist: is the clamd fixture running?`);
  return fs.readFileSync(file, 'utf8').trim();
}

describe(`claims in Chromium on ${backend}`, () => {
  let sink;
  let server;
  let portal;
  let browser;
  let budi;       // member, Indonesian, with JavaScript: {email, password, accountId, row}
  let ann;        // member, English, without JavaScript
  let verifier;   // claims_verifier and claims_approver (the four eyes are checked on them)
  let approver;   // claims_approver
  let finance;    // finance
  let budiBrowser;      // {context, page} signed in as Budi for the whole file
  let verifierBrowser;  // {context, page}
  let claim;      // Budi's claim: {id, reference}
  let paidOn;
  const contexts = [];

  const sql = (query) => id.sqlRows(server.database, query);
  const exec = (statement) => id.sqlExec(server.database, statement);
  const url = (path) => `${server.baseUrl}${path}`;

  async function registerMember(row, label) {
    const client = new id.Client(server.baseUrl);
    const email = id.uniqueEmail(label);
    const password = id.newPassword();
    const { res } = await client.submit('/register', {
      nik: row.nik, kpj: row.kpj, birth_date: row.birth_date, email, username: '', password,
    });
    assert.equal(res.status, 303, h.htmlText(res.text).slice(0, 300));
    await client.submit(id.mailLink(await new id.Mailbox(sink, email).next('verify_email'), '/verify-email'));
    assert.equal((await client.submit('/login', { identifier: email, password })).res.headers.location, '/dashboard');
    // The payout account in the profile, behind step-up (profile/payout_account.h).
    assert.equal((await client.submit('/account/confirm?next=%2Fprofile%2Fbank', { password })).res.status, 303);
    const { res: saved } = await client.submit('/profile/bank', { bank: 'bca', account_number: '1234 5678 90', holder_name: row.full_name });
    assert.equal(saved.status, 303, h.htmlText(saved.text).slice(0, 300));
    // The job ended 45 days ago: past the month JHT asks to wait.
    await exec(`UPDATE employment_spells SET end_date = '${isoDaysAgo(45)}', end_reason = 'resigned' ` +
               `WHERE member_id = ${row.id} AND end_date IS NULL`);
    const [a] = await sql(`SELECT id FROM accounts WHERE email = '${email}'`);
    return { email, password, accountId: Number(a.id), row };
  }

  // Checks the page as shown: under 50 KB, no catalog id left untranslated, the language asked
  // for; where JavaScript runs, axe-core (WCAG 2.2 AA) finds nothing and nothing scrolls
  // sideways at 360 px. Axe cannot run without JavaScript: those pages get the rest.
  async function checkPage(page, what, { lang, js = true } = {}) {
    const html = await page.content();
    assert.ok(Buffer.byteLength(html) < PAGE_LIMIT, `${what}: ${Buffer.byteLength(html)} bytes, not under 50 KB`);
    assert.ok(!/\[\[[a-z_.]+\]\]/.test(html), `${what}: a catalog id shown untranslated`);
    // Every error in the summary leads to its field on the page.
    const summary = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html)?.[0] ?? '';
    for (const [, target] of summary.matchAll(/href="#([^"]+)"/g)) {
      assert.ok(html.includes(`id="${target}"`), `${what}: the error summary's link #${target} leads nowhere`);
    }
    if (lang) assert.equal(await page.getAttribute('html', 'lang'), lang, `${what}: page language`);
    if (!js) return;
    const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
    assert.ok(results.passes.length > 0, `${what}: axe ran its rules`);
    assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], `${what}: axe`);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `${what}: no horizontal scroll at 360 px (overflow ${overflow}px)`);
  }

  // Clicks `locator` and waits for the page it leads to (after any redirect); the response.
  async function follow(page, locator) {
    const [response] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), locator.click()]);
    return response;
  }

  const mainText = async (page) => (await page.locator('main').innerText()).replace(/\s+/g, ' ');

  async function newContext(lang, javaScriptEnabled, extra = {}) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled,
                                               locale: lang === 'en' ? 'en-US' : 'id-ID', ...extra });
    // A step that is not there fails within seconds, not the default half minute.
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    return context;
  }

  async function memberSignIn(who, lang, javaScriptEnabled, landing = '/claims') {
    const t = CATALOG[lang];
    const context = await newContext(lang, javaScriptEnabled);
    const page = await context.newPage();
    await page.goto(url(`/lang/${lang}?next=${encodeURIComponent(`/login?next=${landing}`)}`));
    await page.getByLabel(t['identity.login.identifier']).fill(who.email);
    await page.getByLabel(t['identity.login.password'], { exact: true }).fill(who.password);
    await follow(page, page.getByRole('button', { name: t['identity.login.submit'], exact: true }));
    assert.equal(new URL(page.url()).pathname, landing);
    return { context, page };
  }

  async function staffSignIn(who, lang, landing) {
    const signed = await id.signInInBrowser(browser, server.baseUrl, who, { lang, landing });
    signed.context.setDefaultTimeout(10_000);
    contexts.push(signed.context);
    return signed;
  }

  // Budi's status page says where the claim is, in his language.
  async function budiSeesStatus(status, what) {
    const t = CATALOG.id;
    const { page } = budiBrowser;
    const res = await page.goto(url(`/claims/${claim.id}`));
    assert.equal(res.status(), 200);
    assert.equal((await page.locator('#status').innerText()).trim(), t[`claims.status.${status}`], what);
    assert.equal((await page.locator('#next').innerText()).trim(), t[`claims.member.next_${status}`], what);
    await checkPage(page, `id status: ${what}`, { lang: 'id' });
  }

  before(async () => {
    sink = await startMailSink();
    server = await h.startServer({
      env: { ...sink.env, LUMBUNG_UPLOADS_CLAMD_SOCKET: clamdSocket(),
             LUMBUNG_LOGIN_IP_FAILURES_PER_15MIN: '1000', LUMBUNG_REGISTER_IP_ATTEMPTS_PER_HOUR: '1000' },
    });
    portal = { baseUrl: server.baseUrl, database: server.database };
    await id.seedMembers(server.database, 4);
    const rows = await id.memberRows(server.database, 2);
    budi = await registerMember(rows[0], 'klaim-budi');
    ann = await registerMember(rows[1], 'claim-ann');
    verifier = await id.signedInStaff(portal, sink, { staffRoles: ['claims_verifier', 'claims_approver'], name: 'Verifikator Klaim' });
    approver = await id.signedInStaff(portal, sink, { staffRoles: ['claims_approver'], name: 'Pemberi Persetujuan', lang: 'en' });
    finance = await id.signedInStaff(portal, sink, { staffRoles: ['finance'], name: 'Petugas Keuangan' });
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

  test('Budi claims JHT in Indonesian: every page of the journey axe clean at 360 px, a refused upload shown by its field, documents scanned clean by clamd (ASVS 12.2.1, 12.4.2)', { timeout: 180_000 }, async () => {
    const lang = 'id';
    const t = CATALOG[lang];
    budiBrowser = await memberSignIn(budi, lang, true);
    const { page } = budiBrowser;
    await checkPage(page, 'id list', { lang });
    assert.ok((await mainText(page)).includes(t['claims.member.none']));

    await follow(page, page.getByRole('link', { name: t['claims.member.start'], exact: true }));
    assert.equal(new URL(page.url()).pathname, '/claims/new');
    await checkPage(page, 'id choose');
    const unchosen = await follow(page, page.getByRole('button', { name: t['claims.member.continue'], exact: true }));
    assert.equal(unchosen.status(), 422);
    await page.locator('.error-summary').waitFor();
    await checkPage(page, 'id choose with its error');
    await page.getByLabel(t['claims.member.choice_jht_full'], { exact: true }).check();
    await follow(page, page.getByRole('button', { name: t['claims.member.continue'], exact: true }));
    const m = /\/claims\/(\d+)\/step\/ground$/.exec(page.url());
    assert.ok(m, page.url());
    claim = { id: Number(m[1]) };

    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), t['claims.member.q_ground']);
    await checkPage(page, 'id question: ground');
    await page.getByLabel(t['claims.member.ground_job_ended'], { exact: true }).check();
    await follow(page, page.getByRole('button', { name: t['claims.member.continue'], exact: true }));
    assert.match(page.url(), /\/step\/spell$/);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), t['claims.member.q_spell']);
    await checkPage(page, 'id question: spell');
    await page.getByRole('radio').first().check();
    await follow(page, page.getByRole('button', { name: t['claims.member.continue'], exact: true }));

    assert.match(page.url(), /\/step\/eligibility$/);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), t['claims.member.eligible_title']);
    await checkPage(page, 'id eligibility');
    await follow(page, page.getByRole('link', { name: t['claims.member.continue'], exact: true }));
    assert.match(page.url(), /\/step\/amount$/);
    assert.match(await page.locator('#total').innerText(), /^Rp [1-9][0-9.]*$/, 'a JHT balance to pay');
    await checkPage(page, 'id amount');
    await follow(page, page.getByRole('link', { name: t['claims.member.continue'], exact: true }));
    assert.match(page.url(), /\/step\/documents$/);
    await checkPage(page, 'id documents');

    // A text file named as a PDF is refused by its content; the error is beside its field.
    const ektp = t['claims.doc.type_ektp'];
    await page.getByLabel(`${t['claims.doc.choose']} ${ektp}`, { exact: true }).setInputFiles(fakePdf('ktp.pdf'));
    const refused = await follow(page, page.getByRole('button', { name: `${t['claims.doc.upload']} ${ektp}`, exact: true }));
    assert.equal(refused.status(), 422);
    const problem = fill(t['uploads.problem_unsupported_type'], { name: 'ktp.pdf' });
    assert.ok((await page.locator('#f-file-ektp-error').innerText()).includes(problem));
    assert.equal(await page.locator('#f-file-ektp').getAttribute('aria-invalid'), 'true');
    assert.ok((await page.locator('.error-summary').innerText()).includes(problem));
    await checkPage(page, 'id documents with a refused file');
    // The answer to the upload's POST: the language switch leads to a page a link can open (the
    // claim), never to the POST address (405).
    const switchHref = await page.locator('a.lang-switch').getAttribute('href');
    const back = decodeURIComponent(new URL(switchHref, server.baseUrl).searchParams.get('next'));
    assert.match(back, /^\/claims\/\d+$/, switchHref);
    assert.equal((await page.request.get(`${server.baseUrl}${back}`)).status(), 200, 'the member\'s own claim page');

    for (const [docType, file] of [['ektp', pdfFile('ktp.pdf')], ['termination_letter', pngFile('surat-berhenti.png')],
                                   ['bank_book', pdfFile('buku-tabungan.pdf')]]) {
      const label = t[`claims.doc.type_${docType}`];
      await page.getByLabel(`${t['claims.doc.choose']} ${label}`, { exact: true }).setInputFiles(file);
      await follow(page, page.getByRole('button', { name: `${t['claims.doc.upload']} ${label}`, exact: true }));
      // Scanned by the real clamd at once: clean, not waiting.
      assert.match(page.url(), /\/step\/documents\?notice=uploaded$/, docType);
    }
    assert.ok((await mainText(page)).includes(t['claims.doc.notice_uploaded']));
    const documents = await sql(`SELECT doc_type, scan_state FROM claim_documents WHERE claim_id = ${claim.id} ORDER BY id`);
    assert.deepEqual(documents.map((d) => [d.doc_type, d.scan_state]),
                     [['ektp', 'clean'], ['termination_letter', 'clean'], ['bank_book', 'clean']]);
    // ASVS 12.5.2: a clean file is offered to its owner as an attachment.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'buku-tabungan.pdf' }).click()]);
    assert.equal(download.suggestedFilename(), 'buku-tabungan.pdf');
    assert.deepEqual(fs.readFileSync(await download.path()), PDF);
    await checkPage(page, 'id documents uploaded');

    await follow(page, page.getByRole('link', { name: t['claims.member.continue'], exact: true }));
    assert.match(page.url(), /\/step\/payout$/);
    assert.ok((await page.locator('#payout-account').innerText()).includes('7890'));
    await checkPage(page, 'id payout');
    const unticked = await follow(page, page.getByRole('button', { name: t['claims.member.continue'], exact: true }));
    assert.equal(unticked.status(), 422);
    assert.ok((await page.locator('#f-confirm-error').innerText()).includes(t['claims.member.error_payout_confirm']));
    await checkPage(page, 'id payout with its error');
    await page.getByLabel(t['claims.member.payout_confirm'], { exact: true }).check();
    await follow(page, page.getByRole('button', { name: t['claims.member.continue'], exact: true }));

    assert.match(page.url(), /\/step\/check$/);
    const answers = await page.locator('#answers').innerText();
    for (const text of [t['claims.member.ground_job_ended'], 'ktp.pdf', 'surat-berhenti.png', 'buku-tabungan.pdf', '7890']) {
      assert.ok(answers.includes(text), `check your answers: ${text}`);
    }
    await checkPage(page, 'id check your answers');
    await follow(page, page.getByRole('button', { name: t['claims.member.submit'], exact: true }));
    assert.match(page.url(), new RegExp(`/claims/${claim.id}/confirmation$`));
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), t['claims.member.confirmation_title']);
    claim.reference = (await page.locator('#reference').innerText()).trim();
    assert.match(claim.reference, /^K-\d{5}-\d{5}-\d$/);
    await checkPage(page, 'id confirmation');
    await follow(page, page.getByRole('link', { name: t['claims.member.confirmation_status'], exact: true }));
    assert.equal(new URL(page.url()).pathname, `/claims/${claim.id}`);
    assert.equal((await page.locator('#status').innerText()).trim(), t['claims.status.submitted']);
    await checkPage(page, 'id status: submitted');

    await page.goto(url('/claims'));
    assert.ok((await page.locator('#claims').innerText()).includes(claim.reference));
    await checkPage(page, 'id list with the claim');
    await page.goto(url('/dashboard'));
    const card = page.locator('.card', { has: page.getByRole('heading', { name: t['claims.card.title'], exact: true }) });
    assert.equal((await card.locator('.card__figure').innerText()).trim(), '1');
    assert.ok((await card.innerText()).includes(fill(t['claims.card.pending'], { count: 1 })));
  });

  test('Ann claims JHT in English without JavaScript, up to submission; axe runs on the same pages in English with JavaScript', { timeout: 180_000 }, async () => {
    const lang = 'en';
    const t = CATALOG[lang];
    const plain = await memberSignIn(ann, lang, false);
    const page = plain.page;
    // The same session in a browser that runs scripts, for axe only.
    const scripted = await newContext(lang, true, { storageState: await plain.context.storageState() });
    const axePage = await scripted.newPage();
    // The page without JavaScript is checked as shown; the same address with it runs axe.
    async function both(what) {
      await checkPage(page, `en ${what} (no JavaScript)`, { lang, js: false });
      const res = await axePage.goto(page.url());
      assert.equal(res.status(), 200, what);
      await checkPage(axePage, `en ${what}`, { lang });
    }
    const next = () => follow(page, page.getByRole('button', { name: t['claims.member.continue'], exact: true }));

    await both('list');
    await follow(page, page.getByRole('link', { name: t['claims.member.start'], exact: true }));
    await both('choose');
    assert.equal((await next()).status(), 422);
    assert.ok((await page.locator('.error-summary').innerText()).includes(t['claims.member.error_choice']));
    await checkPage(page, 'en choose with its error (no JavaScript)', { lang, js: false });
    await axePage.getByRole('button', { name: t['claims.member.continue'], exact: true }).click();
    await axePage.locator('.error-summary').waitFor();
    await checkPage(axePage, 'en choose with its error');

    await page.getByLabel(t['claims.member.choice_jht_full'], { exact: true }).check();
    await next();
    const m = /\/claims\/(\d+)\/step\/ground$/.exec(page.url());
    assert.ok(m, page.url());
    const annClaim = Number(m[1]);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), t['claims.member.q_ground']);
    await both('question: ground');
    await page.getByLabel(t['claims.member.ground_job_ended'], { exact: true }).check();
    await next();
    assert.match(page.url(), /\/step\/spell$/);
    await both('question: spell');
    await page.getByRole('radio').first().check();
    await next();
    assert.match(page.url(), /\/step\/eligibility$/);
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), t['claims.member.eligible_title']);
    await both('eligibility');
    // Back links keep the answers without any script.
    await follow(page, page.getByRole('link', { name: t['claims.member.back'], exact: true }));
    assert.match(page.url(), /\/step\/spell$/);
    assert.ok(await page.getByRole('radio').first().isChecked());
    await next();
    await follow(page, page.getByRole('link', { name: t['claims.member.continue'], exact: true }));
    assert.match(page.url(), /\/step\/amount$/);
    await both('amount');
    await follow(page, page.getByRole('link', { name: t['claims.member.continue'], exact: true }));
    assert.match(page.url(), /\/step\/documents$/);
    await both('documents');

    const ektp = t['claims.doc.type_ektp'];
    const problem = fill(t['uploads.problem_unsupported_type'], { name: 'id-card.pdf' });
    for (const [p, js] of [[page, false], [axePage, true]]) {
      await p.getByLabel(`${t['claims.doc.choose']} ${ektp}`, { exact: true }).setInputFiles(fakePdf('id-card.pdf'));
      const res = await follow(p, p.getByRole('button', { name: `${t['claims.doc.upload']} ${ektp}`, exact: true }));
      assert.equal(res.status(), 422);
      assert.ok((await p.locator('#f-file-ektp-error').innerText()).includes(problem));
      await checkPage(p, `en documents with a refused file${js ? '' : ' (no JavaScript)'}`, { lang, js });
    }
    for (const [docType, file] of [['ektp', pngFile('id-card.png')], ['termination_letter', pdfFile('termination.pdf')],
                                   ['bank_book', pdfFile('bank-book.pdf')]]) {
      const label = t[`claims.doc.type_${docType}`];
      await page.getByLabel(`${t['claims.doc.choose']} ${label}`, { exact: true }).setInputFiles(file);
      await follow(page, page.getByRole('button', { name: `${t['claims.doc.upload']} ${label}`, exact: true }));
      assert.match(page.url(), /\/step\/documents\?notice=uploaded$/, docType);
    }
    await both('documents uploaded');
    const scanned = await sql(`SELECT scan_state FROM claim_documents WHERE claim_id = ${annClaim}`);
    assert.deepEqual(scanned.map((d) => d.scan_state), ['clean', 'clean', 'clean']);

    await follow(page, page.getByRole('link', { name: t['claims.member.continue'], exact: true }));
    assert.match(page.url(), /\/step\/payout$/);
    await both('payout');
    assert.equal((await next()).status(), 422);
    assert.ok((await page.locator('#f-confirm-error').innerText()).includes(t['claims.member.error_payout_confirm']));
    await checkPage(page, 'en payout with its error (no JavaScript)', { lang, js: false });
    await axePage.getByRole('button', { name: t['claims.member.continue'], exact: true }).click();
    await axePage.locator('#f-confirm-error').waitFor();
    await checkPage(axePage, 'en payout with its error');
    await page.getByLabel(t['claims.member.payout_confirm'], { exact: true }).check();
    await next();
    assert.match(page.url(), /\/step\/check$/);
    await both('check your answers');
    await follow(page, page.getByRole('button', { name: t['claims.member.submit'], exact: true }));
    assert.match(page.url(), new RegExp(`/claims/${annClaim}/confirmation$`));
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), t['claims.member.confirmation_title']);
    await both('confirmation');
    await follow(page, page.getByRole('link', { name: t['claims.member.confirmation_status'], exact: true }));
    assert.equal((await page.locator('#status').innerText()).trim(), t['claims.status.submitted']);
    await both('status: submitted');
    const [row] = await sql(`SELECT status, claimant_account_id FROM claims WHERE id = ${annClaim}`);
    assert.deepEqual([row.status, Number(row.claimant_account_id)], ['submitted', ann.accountId]);
    // ASVS 4.2.1: Budi's claim is not Ann's to see.
    assert.equal((await axePage.goto(url(`/claims/${claim.id}`))).status(), 404);
  });

  test('the verifier starts verification, accepts two documents and asks for the bank book again with a reason; Budi sees what is needed', { timeout: 180_000 }, async () => {
    const lang = 'id';
    const t = CATALOG[lang];
    verifierBrowser = await staffSignIn(verifier, lang, '/staff/claims');
    const { page } = verifierBrowser;
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), t['claims.staff.queue.heading']);
    await checkPage(page, 'id staff queue', { lang });
    await follow(page, page.getByRole('link', { name: claim.reference, exact: true }));
    assert.equal(new URL(page.url()).pathname, `/staff/claims/${claim.id}`);
    assert.ok((await page.locator('#eligibility').innerText()).includes(t['claims.staff.claim.eligible']));
    await checkPage(page, 'id staff claim: submitted');

    await follow(page, page.getByRole('button', { name: t['claims.staff.form.start'], exact: true }));
    assert.equal((await page.locator('#claim-status').innerText()).trim(), t['claims.staff.status.being_verified']);
    await checkPage(page, 'id staff claim: being verified');
    await budiSeesStatus('being_verified', 'verification started');

    const review = (docType) => page.getByRole('form', { name: `${t['claims.staff.claim.review_label']} ${t[`claims.staff.doc.${docType}`]}`, exact: true });
    for (const docType of ['ektp', 'termination_letter']) {
      await follow(page, review(docType).getByRole('button', { name: t['claims.staff.form.accept'], exact: true }));
      const item = page.locator('#documents > li', { has: review(docType) });
      assert.ok((await item.innerText()).includes(t['claims.staff.review.accepted']), `${docType}: accepted`);
    }
    // Asking again needs a reason the member reads: the error is beside the field.
    const bare = await follow(page, review('bank_book').getByRole('button', { name: t['claims.staff.form.ask_again'], exact: true }));
    assert.equal(bare.status(), 422);
    assert.ok((await page.locator('.error-summary').innerText()).includes(t['claims.staff.error.document_reason_missing']));
    await checkPage(page, 'id staff claim: a reason missing');
    await review('bank_book').getByLabel(t['claims.staff.form.document_reason'], { exact: true }).fill('Foto halaman buku tabungan buram');
    await follow(page, review('bank_book').getByRole('button', { name: t['claims.staff.form.ask_again'], exact: true }));
    const reviews = await sql(`SELECT doc_type, review FROM claim_documents WHERE claim_id = ${claim.id} ORDER BY id`);
    assert.deepEqual(reviews.map((d) => [d.doc_type, d.review]),
                     [['ektp', 'accepted'], ['termination_letter', 'accepted'], ['bank_book', 'ask_again']]);
    await page.getByLabel(t['claims.staff.form.ask_note'], { exact: true }).fill('Mohon unggah ulang halaman buku tabungan yang jelas.');
    await follow(page, page.getByRole('button', { name: t['claims.staff.form.ask_submit'], exact: true }));
    assert.equal((await page.locator('#claim-status').innerText()).trim(), t['claims.staff.status.more_documents']);
    await checkPage(page, 'id staff claim: more documents asked');

    await budiSeesStatus('more_documents', 'documents asked');
    const text = await mainText(budiBrowser.page);
    assert.ok(text.includes('Foto halaman buku tabungan buram'), 'the reason for the document');
    assert.ok(text.includes(fill(t['claims.member.step_asked'], { note: 'Mohon unggah ulang halaman buku tabungan yang jelas.' })));
  });

  test('Budi answers with a new file and a note; the claim goes back to the verifier', { timeout: 120_000 }, async () => {
    const t = CATALOG.id;
    const { page } = budiBrowser;
    // A refused file and a missing note: each error beside its own field (WCAG 3.3.1).
    await page.getByLabel(t['claims.doc.type_bank_book'], { exact: true }).setInputFiles(fakePdf('buku.pdf'));
    const both = await follow(page, page.getByRole('button', { name: t['claims.member.answer_send'], exact: true }));
    assert.equal(both.status(), 422);
    assert.ok((await page.locator('#f-file-bank_book-error').innerText()).includes(fill(t['uploads.problem_unsupported_type'], { name: 'buku.pdf' })));
    assert.equal(await page.locator('#f-file-bank_book').getAttribute('aria-invalid'), 'true');
    assert.ok((await page.locator('#f-note-error').innerText()).includes(t['claims.member.error_note_missing']));
    assert.equal(await page.locator('[id="f-note-error"]').count(), 1);
    await checkPage(page, 'id status: a refused file and no note', { lang: 'id' });
    // The note is required: its error is beside it, and the file is not blamed.
    await page.getByLabel(t['claims.doc.type_bank_book'], { exact: true }).setInputFiles(pdfFile('buku-tabungan-jelas.pdf'));
    const empty = await follow(page, page.getByRole('button', { name: t['claims.member.answer_send'], exact: true }));
    assert.equal(empty.status(), 422);
    assert.ok((await page.locator('#f-note-error').innerText()).includes(t['claims.member.error_note_missing']));
    assert.equal(await page.locator('#f-file-bank_book').getAttribute('aria-invalid'), null);
    await checkPage(page, 'id status: the answer without a note', { lang: 'id' });
    await page.getByLabel(t['claims.doc.type_bank_book'], { exact: true }).setInputFiles(pdfFile('buku-tabungan-jelas.pdf'));
    await page.getByLabel(t['claims.member.answer_note'], { exact: true }).fill('Foto baru yang jelas sudah saya unggah.');
    await follow(page, page.getByRole('button', { name: t['claims.member.answer_send'], exact: true }));
    assert.match(page.url(), new RegExp(`/claims/${claim.id}\\?notice=answered$`));
    assert.ok((await mainText(page)).includes(t['claims.member.notice_answered']));
    assert.equal((await page.locator('#status').innerText()).trim(), t['claims.status.being_verified']);
    await checkPage(page, 'id status: answered', { lang: 'id' });
    const [doc] = await sql(`SELECT display_name, scan_state FROM claim_documents WHERE claim_id = ${claim.id} AND doc_type = 'bank_book' AND superseded = 0`);
    assert.deepEqual([doc.display_name, doc.scan_state], ['buku-tabungan-jelas.pdf', 'clean']);
  });

  test('ASVS 1.1.6, 4.3.3: the verifier accepts the new file and verifies, then is refused approving it; another approver approves (in English)', { timeout: 180_000 }, async () => {
    const t = CATALOG.id;
    const { page } = verifierBrowser;
    await page.goto(url(`/staff/claims/${claim.id}`));
    assert.ok((await mainText(page)).includes('Foto baru yang jelas sudah saya unggah.'), 'the member\'s note');
    const review = page.getByRole('form', { name: `${t['claims.staff.claim.review_label']} ${t['claims.staff.doc.bank_book']}`, exact: true });
    assert.equal(await review.count(), 1, 'only the new file waits for its check');
    await follow(page, review.getByRole('button', { name: t['claims.staff.form.accept'], exact: true }));
    await follow(page, page.getByRole('button', { name: t['claims.staff.form.verify'], exact: true }));
    assert.equal((await page.locator('#claim-status').innerText()).trim(), t['claims.staff.status.verified']);
    await checkPage(page, 'id staff claim: verified');
    await budiSeesStatus('verified', 'verified');

    // Four eyes: the approve form is there, and the server refuses the person who verified.
    const refused = await follow(page, page.getByRole('button', { name: t['claims.staff.form.approve'], exact: true }));
    assert.equal(refused.status(), 403);
    assert.ok((await mainText(page)).includes(t['claims.staff.error.separation_verified_it']));
    await checkPage(page, 'id staff claim: four eyes refusal');
    const [row] = await sql(`SELECT status, approver_account_id FROM claims WHERE id = ${claim.id}`);
    assert.deepEqual([row.status, row.approver_account_id], ['verified', null]);
    const denied = await sql(`SELECT actor_user_id FROM audit_log WHERE action = 'claims.approve' AND result = 'denied'`);
    assert.deepEqual(denied.map((d) => Number(d.actor_user_id)), [verifier.accountId]);

    const en = CATALOG.en;
    const { page: other } = await staffSignIn(approver, 'en', '/staff/claims');
    await follow(other, other.getByRole('link', { name: `${en['claims.staff.status.verified']} (1)`, exact: true }));
    await checkPage(other, 'en staff queue: verified', { lang: 'en' });
    await follow(other, other.getByRole('link', { name: claim.reference, exact: true }));
    await checkPage(other, 'en staff claim: verified');
    await follow(other, other.getByRole('button', { name: en['claims.staff.form.approve'], exact: true }));
    assert.equal((await other.locator('#notice').innerText()).trim(), en['claims.staff.notice.approve']);
    assert.equal((await other.locator('#claim-status').innerText()).trim(), en['claims.staff.status.approved']);
    await checkPage(other, 'en staff claim: approved');
    const [approved] = await sql(`SELECT status, verifier_account_id, approver_account_id FROM claims WHERE id = ${claim.id}`);
    assert.deepEqual([approved.status, Number(approved.verifier_account_id), Number(approved.approver_account_id)],
                     ['approved', verifier.accountId, approver.accountId]);
    await budiSeesStatus('approved', 'approved');
  });

  test('finance makes a payout batch, downloads the bank file and uploads the bank\'s result marking it paid', { timeout: 180_000 }, async () => {
    const lang = 'en';
    const t = CATALOG[lang];
    const { page } = await staffSignIn(finance, lang, '/staff/payouts');
    const [{ amount }] = await sql(`SELECT amount FROM claims WHERE id = ${claim.id}`);
    assert.ok((await page.locator('#payout-ready').innerText()).includes(fill(t['claims.payout.ready_summary'], { count: 1, total: rupiah(amount, lang) })));
    await checkPage(page, 'en payouts', { lang });
    await follow(page, page.getByRole('button', { name: t['claims.payout.make_batch'], exact: true }));
    const m = /\/staff\/payouts\/(\d+)\?notice=created$/.exec(page.url());
    assert.ok(m, page.url());
    const batch = Number(m[1]);
    assert.ok((await mainText(page)).includes(t['claims.payout.notice_created']));
    await checkPage(page, 'en payout batch: made');
    await budiSeesStatus('in_payout', 'in a payout batch');

    const [download] = await Promise.all([page.waitForEvent('download'),
                                          page.getByRole('link', { name: t['claims.payout.download_link'], exact: true }).click()]);
    assert.equal(download.suggestedFilename(), `lumbung-payout-batch-${batch}.csv`);
    const rows = parseCsv(fs.readFileSync(await download.path(), 'utf8'));
    assert.deepEqual(rows[0], ['batch', 'item', 'reference', 'bank_code', 'account_number', 'holder_name', 'amount', 'description']);
    assert.equal(rows.length, 2);
    const [, item, reference, bank, number, holder, sent] = rows[1];
    assert.deepEqual([reference, bank, number, holder, sent], [claim.reference, 'bca', '1234567890', budi.row.full_name, String(amount)]);

    paidOn = fundToday();
    const result = `batch,item,reference,amount,result,reason,paid_on\r\n${batch},${item},${claim.reference},${amount},paid,,${paidOn}\r\n`;
    await page.getByLabel(t['claims.payout.file_label'], { exact: true })
      .setInputFiles({ name: 'hasil-bank.csv', mimeType: 'text/csv', buffer: Buffer.from(result) });
    const imported = await follow(page, page.getByRole('button', { name: t['claims.payout.upload_submit'], exact: true }));
    assert.equal(imported.status(), 200);
    assert.equal((await page.locator('#import-result').innerText()).trim(), fill(t['claims.payout.imported'], { paid: 1, failed: 0, unchanged: 0 }));
    await checkPage(page, 'en payout batch: result recorded');
    const [paid] = await sql(`SELECT status FROM claims WHERE id = ${claim.id}`);
    assert.equal(paid.status, 'paid');
    // The reconciled batch and the list, in Indonesian.
    await page.goto(url(`/lang/id?next=${encodeURIComponent(`/staff/payouts/${batch}`)}`));
    assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), CATALOG.id['claims.payout.batch_title']);
    await checkPage(page, 'id payout batch: reconciled', { lang: 'id' });
    await follow(page, page.getByRole('link', { name: CATALOG.id['claims.payout.back_to_list'], exact: true }));
    assert.ok((await page.locator('#batches').innerText()).includes(String(batch)));
    await checkPage(page, 'id payouts with the batch', { lang: 'id' });
  });

  test('Budi\'s status page shows every step with its date and "paid" with the last 4 digits; the dashboard\'s claims card counts 0', { timeout: 120_000 }, async () => {
    const t = CATALOG.id;
    await budiSeesStatus('paid', 'paid');
    const { page } = budiBrowser;
    const steps = page.locator('#steps > li');
    const labels = (await steps.locator('.step__title').allInnerTexts()).map((s) => s.replace(/\s*\(.*\)\s*$/, '').trim());
    assert.deepEqual(labels, ['submitted', 'being_verified', 'more_documents', 'being_verified', 'verified', 'approved',
                              'in_payout', 'paid'].map((s) => t[`claims.status.${s}`]));
    const months = Array.from({ length: 12 }, (_, i) => t[`date.months.${i + 1}`]);
    for (const at of await steps.locator('.step__meta').allInnerTexts()) {
      assert.ok(months.some((month) => at.includes(month)) && /\d{4}/.test(at), `a date on every step: '${at}'`);
    }
    const [{ amount }] = await sql(`SELECT amount FROM claims WHERE id = ${claim.id}`);
    const paidText = fill(t['claims.member.step_paid'], { date: dayText(t, paidOn), amount: rupiah(amount, 'id'), last4: '7890' });
    assert.equal((await steps.last().locator('.mail-body').innerText()).trim(), paidText);
    assert.equal(await steps.last().getAttribute('aria-current'), 'step');
    assert.ok((await mainText(page)).includes(fill(t['claims.member.step_answered'], { note: 'Foto baru yang jelas sudah saya unggah.' })));

    await page.goto(url('/dashboard'));
    const card = page.locator('.card', { has: page.getByRole('heading', { name: t['claims.card.title'], exact: true }) });
    assert.equal((await card.locator('.card__figure').innerText()).trim(), '0');
    assert.ok((await card.innerText()).includes(t['claims.card.none']));
    await checkPage(page, 'id dashboard', { lang: 'id' });
    await follow(page, card.getByRole('link', { name: t['claims.card.link'], exact: true }));
    assert.equal(new URL(page.url()).pathname, '/claims');
    assert.ok((await page.locator('#claims').innerText()).includes(t['claims.status.paid']));
    await checkPage(page, 'id list: paid');

    // The same in English, through the language switch.
    const en = CATALOG.en;
    await follow(page, page.locator('a.lang-switch'));
    assert.equal(new URL(page.url()).pathname, '/claims');
    await follow(page, page.getByRole('link', { name: claim.reference, exact: true }));
    assert.equal((await page.locator('#status').innerText()).trim(), en['claims.status.paid']);
    const english = (await steps.locator('.step__title').allInnerTexts()).map((s) => s.replace(/\s*\(.*\)\s*$/, '').trim());
    assert.deepEqual(english, ['submitted', 'being_verified', 'more_documents', 'being_verified', 'verified', 'approved',
                               'in_payout', 'paid'].map((s) => en[`claims.status.${s}`]));
    assert.equal((await steps.last().locator('.mail-body').innerText()).trim(),
                 fill(en['claims.member.step_paid'], { date: dayText(en, paidOn), amount: rupiah(amount, 'en'), last4: '7890' }));
    await checkPage(page, 'en status: paid', { lang: 'en' });
    await page.goto(url('/dashboard'));
    const enCard = page.locator('.card', { has: page.getByRole('heading', { name: en['claims.card.title'], exact: true }) });
    assert.equal((await enCard.locator('.card__figure').innerText()).trim(), '0');
    assert.ok((await enCard.innerText()).includes(en['claims.card.none']));
    await checkPage(page, 'en dashboard', { lang: 'en' });
  });
});
