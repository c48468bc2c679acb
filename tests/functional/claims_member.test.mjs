// The member's claims (src/claims/member_routes.cc, member_documents_routes.cc): a member whose
// job ended sees from the rules why they cannot claim JHT yet and from which day, the server
// refuses the submission too, and once the month's wait is over the member goes through the
// whole journey (one question a page, back links that keep answers, the amount, documents, the
// payout account from the profile, check your answers) to the confirmation with the reference;
// drafts are continued; documents are judged by their content (a PHP or HTML file named as an
// image, an empty or oversized file, a PDF with JavaScript, a name with path characters) with
// translated errors and nothing stored; another member, an employer and anonymous visitors get
// nothing of a claim on any route; "more documents needed" is answered with a file and a note;
// a claim is withdrawn; an heir is refused with one neutral message until listed.
// Backend: LUMBUNG_TEST_BACKEND. OWASP ASVS 4.0.3: 4.1.1 (access by role), 4.2.1 (IDOR),
// 4.2.2 (CSRF), 4.3.3 (the server decides, not the form), 12.1.1 (size), 12.2.1 (type by
// content), 12.3.1 (file names), 12.4.2 (files held until scanned), 12.5.2 (downloads), 7.1.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import * as h from './harness.mjs';
import * as id from './identity_support.mjs';
import { startMailSink } from './mail_sink.mjs';

const backend = h.currentBackend();
const ID = h.loadCatalog('id');
const MAX_FILE = 100_000;
const MAX_UPLOAD = 1024 * 1024;

const pageText = (res) => h.htmlText(res.text);
const fill = (message, values = {}) => message.replace(/\{\{(\w+)\}\}/g, (_, k) => String(values[k] ?? `{{${k}}}`));

// A small well-formed PDF (one empty page), its xref table at the right offsets; `catalogExtra`
// goes into the catalog dictionary (e.g. an OpenAction).
function makePdf(catalogExtra = '') {
  const objects = [
    `<< /Type /Catalog /Pages 2 0 R ${catalogExtra}>>`,
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
const PDF_JS = makePdf('/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> ');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

function isoDaysAgo(days) {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

// A multipart/form-data POST as a browser sends it: text fields, then files ({field, name, content}).
async function postMultipart(client, target, fields, files = [], { csrf } = {}) {
  const boundary = '----lumbungclaims' + Math.random().toString(16).slice(2);
  const parts = [];
  const all = csrf === null ? fields : { csrf: csrf ?? client.csrf, ...fields };
  for (const [name, value] of Object.entries(all)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.name}"\r\n` +
                           `Content-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return client.request(target, {
    method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body: Buffer.concat(parts),
  });
}

describe(`the member's claims on ${backend}`, () => {
  let sink;
  let server;
  let portal;
  let budi;      // a member whose job ended: {client, email, password, accountId, member}
  let other;     // another member
  let heir;      // a member who is the heir of `deceased`
  let deceased;  // a registry member who died (no account)
  let employer;  // an employer's administrator
  let claimId;   // budi's JHT claim
  let reference;

  const sql = (query) => id.sqlRows(server.database, query);
  const exec = (statement) => id.sqlExec(server.database, statement);
  const storedBlobs = async () => (await sql('SELECT id FROM upload_blobs')).map((r) => r.id);
  async function snapshot() {
    const [row] = await sql(
      'SELECT (SELECT COUNT(*) FROM claims) AS claims, (SELECT COUNT(*) FROM claim_documents) AS documents, ' +
      '(SELECT COUNT(*) FROM claim_events) AS events, ' +
      "(SELECT COUNT(*) FROM audit_log WHERE action LIKE 'claims.%' AND result = 'ok') AS audited");
    return { ...Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])), files: (await storedBlobs()).length };
  }

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
    const [a] = await sql(`SELECT id FROM accounts WHERE email = '${email}'`);
    return { client, email, password, accountId: Number(a.id), member: row };
  }

  const endJobs = (member, daysAgo, reason = 'resigned') => exec(
    `UPDATE employment_spells SET end_date = '${isoDaysAgo(daysAgo)}', end_reason = '${reason}' ` +
    `WHERE member_id = ${member.id} AND (end_date IS NULL OR end_reason = '${reason}')`);

  async function claimRow(idValue = claimId) {
    const [row] = await sql(`SELECT * FROM claims WHERE id = ${idValue}`);
    return row;
  }

  async function upload(who, target, docType, file) {
    await who.client.get(`/claims/${claimId}/step/documents`);
    return postMultipart(who.client, target, { doc_type: docType }, [file]);
  }

  before(async () => {
    sink = await startMailSink();
    // No virus scanner answers: every file is kept pending and never served until scanned.
    server = await h.startServer({ env: { ...sink.env, LUMBUNG_HTTP_MAX_UPLOAD_BYTES: String(MAX_UPLOAD),
                                          LUMBUNG_CLAIMS_MAX_FILE_BYTES: String(MAX_FILE),
                                          LUMBUNG_UPLOADS_CLAMD_SOCKET: '/nonexistent/clamd.ctl' } });
    portal = { baseUrl: server.baseUrl, database: server.database };
    await id.seedMembers(server.database, 6);
    const rows = await id.memberRows(server.database, 4);
    budi = await registerMember(rows[0], 'claims-budi');
    other = await registerMember(rows[1], 'claims-other');
    heir = await registerMember(rows[2], 'claims-heir');
    deceased = rows[3];
    await exec(`UPDATE members SET status = 'deceased' WHERE id = ${deceased.id}`);
    await endJobs(deceased, 20, 'died');
    await exec("INSERT INTO employers (npp, name, sector, province_code, jkk_risk_class, registered_on) VALUES " +
               "('KLMA0001', 'PT Klaim Uji', 'manufacturing', 31, 1, '2015-01-01')");
    const [e] = await sql("SELECT id FROM employers WHERE npp = 'KLMA0001'");
    employer = await id.signedInEmployerAdmin(portal, sink, { employerId: Number(e.id) });
  });
  after(async () => {
    await server?.stop();
    await sink?.stop();
  });

  test('ASVS 4.1.1: /claims lists nothing yet and offers to start a claim; only members get in', async () => {
    const list = await budi.client.get('/claims');
    assert.equal(list.status, 200);
    assert.ok(pageText(list).includes(ID['claims.member.none']));
    assert.match(list.text, /href="\/claims\/new"/);
    const anonymous = await h.request(server.baseUrl, '/claims');
    assert.equal(anonymous.status, 303);
    assert.match(anonymous.headers.location, /^\/login\?next=/);
    assert.equal((await employer.client.get('/claims')).status, 403);
    assert.equal((await employer.client.get('/claims/new')).status, 403);
  });

  test('ASVS 4.3.3: within the month after the job ended the rules explain why not yet and from when; nothing goes on and the server refuses the submission', async () => {
    await endJobs(budi.member, 10);
    await budi.client.get('/claims/new');
    const started = await budi.client.post('/claims/new', { choice: 'jht_full' });
    assert.equal(started.status, 303, pageText(started).slice(0, 300));
    const m = /^\/claims\/(\d+)\/step\/ground$/.exec(started.headers.location);
    assert.ok(m, started.headers.location);
    claimId = Number(m[1]);
    const row = await claimRow();
    assert.equal(row.status, 'draft');
    assert.equal(Number(row.member_id), Number(budi.member.id));
    assert.equal(Number(row.claimant_account_id), budi.accountId);
    // One question a page; an empty answer gets its error beside the field.
    const ground = await budi.client.get(started.headers.location);
    assert.equal(ground.status, 200);
    assert.ok(h.htmlH1s(ground.text).includes(ID['claims.member.q_ground']));
    assert.equal((await budi.client.get('/claims/' + claimId + '/step/eligibility')).headers.location,
                 `/claims/${claimId}/step/ground`, 'no skipping a question');
    const empty = await budi.client.post(`/claims/${claimId}/step/ground`, {});
    assert.equal(empty.status, 422);
    assert.ok(pageText(empty).includes(ID['claims.member.q_ground_error']));
    const answered = await budi.client.post(`/claims/${claimId}/step/ground`, { answer: 'job_ended' });
    assert.equal(answered.headers.location, `/claims/${claimId}/step/spell`);
    const spell = await budi.client.get(`/claims/${claimId}/step/spell`);
    assert.equal(spell.status, 200);
    const spellId = /name="answer" type="radio" value="(\d+)"/.exec(spell.text)?.[1];
    assert.ok(spellId, 'the ended job is offered');
    // The back link keeps the answer.
    assert.match(spell.text, new RegExp(`href="/claims/${claimId}/step/ground" id="back-link"`));
    assert.match((await budi.client.get(`/claims/${claimId}/step/ground`)).text, /value="job_ended" checked/);
    await budi.client.get(`/claims/${claimId}/step/spell`);
    const chosen = await budi.client.post(`/claims/${claimId}/step/spell`, { answer: spellId });
    assert.equal(chosen.headers.location, `/claims/${claimId}/step/eligibility`);
    const eligibility = await budi.client.get(`/claims/${claimId}/step/eligibility`);
    assert.equal(eligibility.status, 200);
    assert.deepEqual(h.htmlH1s(eligibility.text), [ID['claims.member.not_eligible_title']]);
    assert.match(eligibility.text, /id="eligible-from"/);
    assert.ok(/<ul id="reasons">\s*<li>/.test(eligibility.text), 'every reason in plain words');
    assert.ok(!/\[\[claims\./.test(eligibility.text), 'no missing catalog text');
    assert.ok(!/id="continue"/.test(eligibility.text), 'no way to continue');
    for (const page of ['amount', 'documents', 'payout', 'check']) {
      const res = await budi.client.get(`/claims/${claimId}/step/${page}`);
      assert.equal(res.status, 303, page);
      assert.equal(res.headers.location, `/claims/${claimId}/step/eligibility`, page);
    }
    const before = await snapshot();
    const refused = await budi.client.post(`/claims/${claimId}/submit`, {});
    assert.equal(refused.status, 422);
    assert.ok(pageText(refused).includes(ID['claims.member.error_not_eligible']));
    assert.equal((await claimRow()).status, 'draft');
    assert.deepEqual(await snapshot(), before, 'nothing written');
  });

  test('drafts are kept and continued from the list', async () => {
    const list = await budi.client.get('/claims');
    assert.match(list.text, /id="drafts"/);
    assert.ok(list.text.includes(`href="/claims/${claimId}/step/eligibility"`), 'continues where the answers stop');
    await budi.client.get('/claims/new');
    const second = await budi.client.post('/claims/new', { choice: 'jkp' });
    assert.match(second.headers.location, /^\/claims\/\d+\/step\/spell$/);
    const again = await budi.client.get('/claims');
    assert.ok(again.text.includes(`href="${second.headers.location}"`));
  });

  test('once the wait is over: eligible, the amount line by line, documents, the payout account and check your answers', async () => {
    await endJobs(budi.member, 45);
    const eligibility = await budi.client.get(`/claims/${claimId}/step/eligibility`);
    assert.deepEqual(h.htmlH1s(eligibility.text), [ID['claims.member.eligible_title']]);
    assert.match(eligibility.text, /id="continue"/);
    const amount = await budi.client.get(`/claims/${claimId}/step/amount`);
    assert.equal(amount.status, 200);
    assert.match(amount.text, /id="total">Rp [0-9.]+</);
    for (const [docType, file] of [['ektp', { name: 'ktp.pdf', content: PDF }],
                                   ['termination_letter', { name: 'surat.png', content: PNG }],
                                   ['bank_book', { name: 'tabungan.pdf', content: PDF }]]) {
      const res = await upload(budi, `/claims/${claimId}/documents`, docType, file);
      assert.equal(res.status, 303, `${docType}: ${pageText(res).slice(0, 300)}`);
    }
    const docs = await sql(`SELECT doc_type, display_name, kind, scan_state, blob_id FROM claim_documents WHERE claim_id = ${claimId} ORDER BY id`);
    assert.deepEqual(docs.map((d) => [d.doc_type, d.display_name, d.kind]),
                     [['ektp', 'ktp.pdf', 'pdf'], ['termination_letter', 'surat.png', 'png'], ['bank_book', 'tabungan.pdf', 'pdf']]);
    for (const d of docs) {
      assert.ok(['pending', 'clean'].includes(d.scan_state));
      assert.ok((await storedBlobs()).includes(d.blob_id), 'stored under its random id');
    }
    // ASVS 12.4.2: a file the scanner has not passed is never served, and waits for a scan job.
    const pending = docs.find((d) => d.scan_state === 'pending');
    if (pending) {
      const [doc] = await sql(`SELECT id FROM claim_documents WHERE blob_id = '${pending.blob_id}'`);
      assert.equal((await budi.client.get(`/claims/${claimId}/documents/${doc.id}`)).status, 404);
      const jobs = await sql(`SELECT kind FROM jobs WHERE dedupe_key = 'claims.scan:${doc.id}'`);
      assert.deepEqual(jobs.map((j) => j.kind), ['claims.scan']);
    }
    // No account yet: the way to the profile.
    const none = await budi.client.get(`/claims/${claimId}/step/payout`);
    assert.match(none.text, /id="no-account"/);
    assert.match(none.text, /href="\/profile"/);
    const { res: confirmed } = await budi.client.submit('/account/confirm?next=%2Fprofile%2Fbank', { password: budi.password });
    assert.equal(confirmed.status, 303);
    const { res: saved } = await budi.client.submit('/profile/bank', { bank: 'bca', account_number: '1234 5678 90', holder_name: budi.member.full_name });
    assert.equal(saved.status, 303, pageText(saved).slice(0, 300));
    const payout = await budi.client.get(`/claims/${claimId}/step/payout`);
    assert.ok(pageText(payout).includes('7890'));
    const unticked = await budi.client.post(`/claims/${claimId}/step/payout`, {});
    assert.equal(unticked.status, 422);
    assert.ok(pageText(unticked).includes(ID['claims.member.error_payout_confirm']));
    const ticked = await budi.client.post(`/claims/${claimId}/step/payout`, { confirm: '1' });
    assert.equal(ticked.headers.location, `/claims/${claimId}/step/check`);
    const check = await budi.client.get(`/claims/${claimId}/step/check`);
    assert.equal(check.status, 200);
    for (const text of [ID['claims.member.ground_job_ended'], 'ktp.pdf', 'surat.png', 'tabungan.pdf', '7890']) {
      assert.ok(pageText(check).includes(text), text);
    }
    assert.ok(check.text.includes(`href="/claims/${claimId}/step/ground"`), 'each answer can be changed');
  });

  test('ASVS 12.2.1, 12.1.1, 12.3.1: a PHP file named .jpg, HTML named .png, an empty file, an oversized one and a PDF with JavaScript are refused with translated errors and nothing stored; a path in the name is dropped', async () => {
    const before = await snapshot();
    const cases = [
      [{ name: 'ktp.jpg', content: '<?php system($_GET["c"]); ?>', type: 'image/jpeg' }, 422, 'uploads.problem_unsupported_type', 'ktp.jpg'],
      [{ name: 'ktp.png', content: '<html><script>alert(1)</script></html>', type: 'image/png' }, 422, 'uploads.problem_unsupported_type', 'ktp.png'],
      [{ name: 'kosong.pdf', content: '' }, 422, 'uploads.problem_empty', 'kosong.pdf'],
      [{ name: 'besar.pdf', content: Buffer.concat([PDF, Buffer.alloc(MAX_FILE)]) }, 413, 'uploads.problem_too_big', 'besar.pdf'],
      [{ name: 'skrip.pdf', content: PDF_JS }, 422, 'uploads.problem_javascript', 'skrip.pdf'],
    ];
    for (const [file, status, message, name] of cases) {
      const res = await upload(budi, `/claims/${claimId}/documents`, 'ektp', file);
      assert.equal(res.status, status, `${file.name}: ${pageText(res).slice(0, 300)}`);
      const expected = fill(ID[message], { name, max: Math.ceil(MAX_FILE / (1024 * 1024)) });
      assert.ok(h.decodeEntities(res.text).includes(expected), `${file.name}: ${expected}`);
      assert.match(res.text, /id="f-file-ektp-error"/);
      assert.ok(h.htmlTitle(res.text).startsWith(ID['title.error_prefix'].trim()));
    }
    assert.deepEqual(await snapshot(), before, 'nothing stored');
    const huge = await upload(budi, `/claims/${claimId}/documents`, 'ektp', { name: 'a.pdf', content: Buffer.alloc(MAX_UPLOAD + 1) });
    assert.equal(huge.status, 413);
    const traversal = await upload(budi, `/claims/${claimId}/documents`, 'ektp', { name: '../../etc/passwd.pdf', content: PDF });
    assert.equal(traversal.status, 303);
    const [row] = await sql(`SELECT display_name FROM claim_documents WHERE claim_id = ${claimId} AND superseded = 0 AND doc_type = 'ektp'`);
    assert.equal(row.display_name, 'passwd.pdf');
    for (const f of await storedBlobs()) assert.match(f, /^[A-Za-z0-9_-]{32}$/, 'stored under random ids only');
    const [replaced] = await sql(`SELECT COUNT(*) AS n FROM claim_documents WHERE claim_id = ${claimId} AND doc_type = 'ektp' AND superseded = 1`);
    assert.equal(Number(replaced.n), 1, 'the earlier e-KTP is replaced, not lost');
  });

  test('ASVS 12.5.2: the claimant downloads a scanned document as an attachment of its proven type', async () => {
    const [doc] = await sql(`SELECT id FROM claim_documents WHERE claim_id = ${claimId} AND doc_type = 'bank_book'`);
    await exec(`UPDATE claim_documents SET scan_state = 'clean' WHERE id = ${doc.id}`);
    const res = await budi.client.get(`/claims/${claimId}/documents/${doc.id}`);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['content-disposition'], 'attachment; filename="tabungan.pdf"; filename*=UTF-8\'\'tabungan.pdf');
    assert.deepEqual(res.body, PDF);
  });

  test('submit: the rules again on the server, the decision stored, the recent bank change flagged and told; the confirmation shows the reference', async () => {
    await budi.client.get(`/claims/${claimId}/step/check`);
    const submitted = await budi.client.post(`/claims/${claimId}/submit`, {});
    assert.equal(submitted.status, 303, pageText(submitted).slice(0, 1500));
    assert.equal(submitted.headers.location, `/claims/${claimId}/confirmation`);
    const row = await claimRow();
    reference = row.reference;
    assert.equal(row.status, 'submitted');
    assert.match(reference, /^K-\d{5}-\d{5}-\d$/);
    assert.equal(JSON.parse(row.decision).eligible, true);
    assert.ok(Number(row.amount) >= 0);
    assert.equal(row.payout_last4, '7890');
    assert.ok(row.extra_checks.split(',').includes('bank_changed_recently'));
    const confirmation = await budi.client.get(submitted.headers.location);
    assert.equal(confirmation.status, 200);
    assert.ok(confirmation.text.includes(`id="reference">${reference}<`));
    const items = (await sql(`SELECT message_id FROM inbox_items WHERE account_id = ${budi.accountId}`)).map((r) => r.message_id);
    assert.ok(items.includes('claims.notice.submitted'));
    assert.ok(items.includes('claims.member.notice_bank_changed'));
    const actions = (await sql("SELECT action FROM audit_log WHERE action LIKE 'claims.%'")).map((r) => r.action);
    for (const a of ['claims.draft_started', 'claims.draft_saved', 'claims.document_uploaded', 'claims.payout_confirmed', 'claims.submit']) {
      assert.ok(actions.includes(a), a);
    }
    // The list and the status page.
    assert.ok(pageText(await budi.client.get('/claims')).includes(reference));
    const status = await budi.client.get(`/claims/${claimId}`);
    assert.equal(status.status, 200);
    assert.ok(pageText(status).includes(ID['claims.status.submitted']));
    assert.match(status.text, /id="steps"/);
    // A submitted claim's journey pages lead to its status.
    assert.equal((await budi.client.get(`/claims/${claimId}/step/check`)).headers.location, `/claims/${claimId}`);
  });

  test('ASVS 4.2.1: another member, an employer and anonymous visitors get nothing of the claim on any route; nothing changes', async () => {
    const [doc] = await sql(`SELECT id FROM claim_documents WHERE claim_id = ${claimId} AND scan_state = 'clean'`);
    const base = `/claims/${claimId}`;
    const gets = [base, `${base}/step/ground`, `${base}/step/spell`, `${base}/step/eligibility`, `${base}/step/amount`,
                  `${base}/step/documents`, `${base}/step/payout`, `${base}/step/check`, `${base}/confirmation`,
                  `${base}/withdraw`, `${base}/documents/${doc.id}`];
    const posts = [`${base}/step/ground`, `${base}/step/payout`, `${base}/submit`, `${base}/withdraw`,
                   `${base}/documents/${doc.id}/remove`];
    const multipartPosts = [`${base}/documents`, `${base}/answer`];
    const before = await snapshot();
    await other.client.get('/claims');
    for (const target of gets) {
      const res = await other.client.get(target);
      assert.equal(res.status, 404, `GET ${target}`);
      assert.ok(!res.text.includes(reference), target);
    }
    for (const target of posts) assert.equal((await other.client.post(target, { answer: 'pension_age', confirm: '1' })).status, 404, `POST ${target}`);
    for (const target of multipartPosts) {
      const res = await postMultipart(other.client, target, { doc_type: 'ektp', note: 'x' }, [{ name: 'a.pdf', content: PDF }]);
      assert.equal(res.status, 404, `POST ${target}`);
    }
    // The same answers for a claim that does not exist.
    assert.equal((await other.client.get('/claims/999999')).status, 404);
    for (const target of gets) assert.equal((await employer.client.get(target)).status, 403, `employer ${target}`);
    for (const target of gets) {
      const res = await h.request(server.baseUrl, target);
      assert.equal(res.status, 303, `anonymous ${target}`);
    }
    assert.ok(!pageText(await other.client.get('/claims')).includes(reference));
    assert.deepEqual(await snapshot(), before);
    assert.equal((await claimRow()).status, 'submitted');
  });

  test('ASVS 4.2.2: every claim form needs its CSRF token', async () => {
    const before = await snapshot();
    for (const target of ['/claims/new', `/claims/${claimId}/withdraw`, `/claims/${claimId}/submit`]) {
      assert.equal((await budi.client.post(target, { choice: 'jp' }, { csrf: null })).status, 403, target);
    }
    const res = await postMultipart(budi.client, `/claims/${claimId}/documents`, { doc_type: 'ektp' },
                                    [{ name: 'a.pdf', content: PDF }], { csrf: 'forged' });
    assert.equal(res.status, 403);
    assert.deepEqual(await snapshot(), before);
  });

  test('more documents needed: the member answers with a new file and a note; the claim goes back to staff', async () => {
    await exec(`UPDATE claims SET status = 'more_documents' WHERE id = ${claimId}`);
    await exec(`UPDATE claim_documents SET review = 'ask_again', review_reason = 'Foto buram' WHERE claim_id = ${claimId} AND doc_type = 'ektp' AND superseded = 0`);
    const page = await budi.client.get(`/claims/${claimId}`);
    assert.ok(pageText(page).includes('Foto buram'));
    assert.match(page.text, /name="file_ektp"/);
    const noNote = await postMultipart(budi.client, `/claims/${claimId}/answer`, { note: '' });
    assert.equal(noNote.status, 422);
    assert.ok(pageText(noNote).includes(ID['claims.member.error_note_missing']));
    const answered = await postMultipart(budi.client, `/claims/${claimId}/answer`, { note: 'Foto baru yang jelas.' },
                                         [{ field: 'file_ektp', name: 'ktp-baru.png', content: PNG }]);
    assert.equal(answered.status, 303, pageText(answered).slice(0, 300));
    assert.equal((await claimRow()).status, 'being_verified');
    const [event] = await sql(`SELECT action, note FROM claim_events WHERE claim_id = ${claimId} ORDER BY id DESC LIMIT 1`);
    assert.deepEqual([event.action, event.note], ['answer', 'Foto baru yang jelas.']);
    const [current] = await sql(`SELECT display_name FROM claim_documents WHERE claim_id = ${claimId} AND doc_type = 'ektp' AND superseded = 0`);
    assert.equal(current.display_name, 'ktp-baru.png');
    const status = await budi.client.get(`/claims/${claimId}`);
    assert.ok(pageText(status).includes('Foto baru yang jelas.'));
  });

  test('withdraw: a confirmation page, then the claim is withdrawn and the member told', async () => {
    const confirm = await budi.client.get(`/claims/${claimId}/withdraw`);
    assert.equal(confirm.status, 200);
    assert.match(confirm.text, /id="withdraw"/);
    const res = await budi.client.post(`/claims/${claimId}/withdraw`, {});
    assert.equal(res.status, 303);
    assert.equal((await claimRow()).status, 'withdrawn');
    const items = (await sql(`SELECT message_id FROM inbox_items WHERE account_id = ${budi.accountId}`)).map((r) => r.message_id);
    assert.ok(items.includes('claims.notice.withdrawn'));
    const status = await budi.client.get(`/claims/${claimId}`);
    assert.ok(pageText(status).includes(ID['claims.status.withdrawn']));
    assert.ok(!/id="withdraw-link"/.test(status.text), 'no second withdrawal');
    assert.equal((await budi.client.get(`/claims/${claimId}/withdraw`)).headers.location, `/claims/${claimId}`);
  });

  test('an heir: one neutral refusal for an unknown number and for a member who did not name them; once listed, the claim is for the deceased', async () => {
    await heir.client.get('/claims/new');
    const start = await heir.client.post('/claims/new', { choice: 'jkm' });
    assert.equal(start.headers.location, '/claims/new/heir?choice=jkm');
    const before = await snapshot();
    const refusal = ID['claims.member.error_heir_refused'];
    const pages = [];
    for (const number of [deceased.kpj, '99999999999', deceased.nik]) {
      await heir.client.get('/claims/new/heir?choice=jkm');
      const res = await heir.client.post('/claims/new/heir', { choice: 'jkm', number });
      assert.equal(res.status, 422, number);
      assert.ok(h.decodeEntities(res.text).includes(refusal), number);
      pages.push(h.decodeEntities(res.text).replace(/value="[^"]*"/g, '').replace(/<input type="hidden" name="csrf"[^>]*>/g, ''));
    }
    assert.equal(pages[0], pages[1], 'the same page whether the number exists or not');
    assert.deepEqual({ ...(await snapshot()) }, before);
    await exec('INSERT INTO profile_beneficiaries (member_id, full_name, relation, nik, share_percent, created_at, updated_at) ' +
               `VALUES (${deceased.id}, '${heir.member.full_name.replace(/'/g, "''")}', 'child', '${heir.member.nik}', 100, 0, 0)`);
    await heir.client.get('/claims/new/heir?choice=jkm');
    const ok = await heir.client.post('/claims/new/heir', { choice: 'jkm', number: deceased.kpj });
    assert.equal(ok.status, 303, pageText(ok).slice(0, 300));
    const m = /^\/claims\/(\d+)\/step\/children$/.exec(ok.headers.location);
    assert.ok(m, ok.headers.location);
    const row = await claimRow(Number(m[1]));
    assert.equal(Number(row.member_id), Number(deceased.id));
    assert.equal(Number(row.claimant_member_id), Number(heir.member.id));
    assert.equal(Number(row.claimant_account_id), heir.accountId);
    assert.equal(row.claim_type, 'jkm');
    const children = await heir.client.get(ok.headers.location);
    assert.ok(pageText(children).includes(deceased.full_name), 'the heir sees whose claim it is');
    // The deceased's claim is the heir's alone.
    assert.equal((await other.client.get(`/claims/${m[1]}`)).status, 404);
  });
});
