// The claims staff's side (src/claims staff_routes.cc, staff_claim_page.cc, staff_actions.cc):
// a submitted work-accident claim with its documents is seeded in the database; a verifier
// opens the queue (service clock, counts per status), opens the claim (the rules' decision and
// amount recomputed from the registry, member masked; the look audited), downloads a clean
// document (never a pending one), checks each document, asks the member for one again, the
// member's new document arrives, another verifier verifies; that person, also an approver,
// cannot approve what they verified; staff whose NIK is the member's or a beneficiary's cannot
// act on the claim; a reject needs a reason; another approver approves. Members, employer
// users, staff without a claims role and anonymous visitors are refused on every staff claims
// route; every POST needs its CSRF token; a step in the wrong status changes nothing.
// Backend: LUMBUNG_TEST_BACKEND. Requirement IDs: OWASP ASVS 4.0.3 V1.1.6 and V4.3.3
// (segregation of duties), V4.1.1/V4.1.3 (access by role, on the server), V4.2.1 (IDOR),
// V4.2.2 (CSRF), V7.1.x (audit), V12.5.2 (downloads as attachments).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';

import * as h from './harness.mjs';
import * as id from './identity_support.mjs';
import { startMailSink } from './mail_sink.mjs';

const backend = h.currentBackend();
const ID = h.loadCatalog('id');

const pageText = (res) => h.htmlText(res.text);
const fill = (message, values = {}) => message.replace(/\{\{(\w+)\}\}/g, (_, k) => String(values[k] ?? `{{${k}}}`));
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const DAY = 24 * 3600;

// The claim reference's check digit (Damm, as core/security/damm.h).
const DAMM = [[0, 3, 1, 7, 5, 9, 8, 6, 4, 2], [7, 0, 9, 2, 1, 5, 4, 8, 6, 3], [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6], [6, 1, 2, 3, 0, 4, 5, 9, 7, 8], [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4], [8, 9, 4, 5, 3, 6, 2, 0, 1, 7], [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0]];
function reference(tenDigits) {
  let interim = 0;
  for (const d of tenDigits) interim = DAMM[interim][Number(d)];
  return `K-${tenDigits.slice(0, 5)}-${tenDigits.slice(5)}-${interim}`;
}

describe(`claims staff on ${backend}`, () => {
  let sink;
  let server;
  let portal;
  let siti;       // the member whose claim it is: {client, email, accountId, row}
  let employer;   // an employer's administrator
  let verifier;   // claims_verifier
  let both;       // claims_verifier and claims_approver
  let approver;   // claims_approver
  let other;      // claims_approver whose NIK the test changes (separation by NIK)
  let editor;     // staff without a claims role
  let claimId;
  let ref;
  const docs = {};  // doc_type -> claim_documents.id

  const sql = (query) => id.sqlRows(server.database, query);
  const exec = (statement) => id.sqlExec(server.database, statement);
  const now = () => Math.floor(Date.now() / 1000);
  const claimRow = async () => (await sql(`SELECT status, verifier_account_id, approver_account_id, amount, decision_reason, decided_at FROM claims WHERE id = ${claimId}`))[0];
  const auditRows = (action) => sql(`SELECT actor_user_id, subject_user_id, result, details FROM audit_log WHERE action = '${action}' ORDER BY id`);
  const uploadsDir = () => path.join(server.dir, 'data', 'uploads');
  const claimPath = (suffix = '') => `/staff/claims/${claimId}${suffix}`;

  // POSTs `fields` with the CSRF token of the client's session, read from `page`.
  async function postFrom(client, page, target, fields = {}) {
    await client.get(page);
    return client.post(target, fields, { csrf: client.csrf });
  }

  async function addDocument(docType, scanState, { superseding } = {}) {
    const blob = `${docType.replace(/_/g, '-')}-${scanState}-${Math.random().toString(36).slice(2)}`.padEnd(32, 'x').slice(0, 32);
    fs.mkdirSync(uploadsDir(), { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(uploadsDir(), blob), PDF, { mode: 0o600 });
    if (superseding) await exec(`UPDATE claim_documents SET superseded = 1 WHERE id = ${superseding}`);
    await exec('INSERT INTO claim_documents (claim_id, doc_type, blob_id, display_name, kind, size_bytes, scan_state, uploaded_by, uploaded_at) ' +
               `VALUES (${claimId}, '${docType}', '${blob}', '${docType} scan.pdf', 'pdf', ${PDF.length}, '${scanState}', ${siti.accountId}, ${now()})`);
    const [row] = await sql(`SELECT id FROM claim_documents WHERE blob_id = '${blob}'`);
    return Number(row.id);
  }

  before(async () => {
    sink = await startMailSink();
    // Documents in a folder the test writes to, as the member's pages would have stored them;
    // no virus scanner, so a pending document stays pending.
    server = await h.startServer({ env: { ...sink.env, LUMBUNG_CLAIMS_TARGET_WORKING_DAYS: '5', LUMBUNG_UPLOADS_STORE: 'directory',
                                          LUMBUNG_UPLOADS_CLAMD_SOCKET: path.join(os.tmpdir(), `lumbung-no-clamd-${process.pid}`, 'clamd.ctl') } });
    portal = { baseUrl: server.baseUrl, database: server.database };
    await id.seedMembers(server.database, 3);
    const [row] = await id.memberRows(server.database, 1);
    const client = new id.Client(server.baseUrl);
    const email = id.uniqueEmail('claims-siti');
    const password = id.newPassword();
    const { res } = await client.submit('/register', { nik: row.nik, kpj: row.kpj, birth_date: row.birth_date, email, username: '', password });
    assert.equal(res.status, 303, pageText(res).slice(0, 300));
    await client.submit(id.mailLink(await new id.Mailbox(sink, email).next('verify_email'), '/verify-email'));
    assert.equal((await client.submit('/login', { identifier: email, password })).res.headers.location, '/dashboard');
    const [account] = await sql(`SELECT id FROM accounts WHERE email = '${email}'`);
    siti = { client, email, accountId: Number(account.id), row };

    await exec("INSERT INTO employers (npp, name, sector, province_code, jkk_risk_class, registered_on) VALUES " +
               "('KLMS0001', 'PT Klaim Staf', 'manufacturing', 31, 1, '2015-01-01')");
    const [e] = await sql("SELECT id FROM employers WHERE npp = 'KLMS0001'");
    employer = await id.signedInEmployerAdmin(portal, sink, { employerId: Number(e.id) });
    verifier = await id.signedInStaff(portal, sink, { staffRoles: ['claims_verifier'], name: 'Verifikator Satu' });
    both = await id.signedInStaff(portal, sink, { staffRoles: ['claims_verifier', 'claims_approver'], name: 'Petugas Dua Peran' });
    approver = await id.signedInStaff(portal, sink, { staffRoles: ['claims_approver'], name: 'Pemberi Persetujuan' });
    other = await id.signedInStaff(portal, sink, { staffRoles: ['claims_approver'], name: 'Petugas Kerabat' });
    editor = await id.signedInStaff(portal, sink, { staffRoles: ['content_editor'], name: 'Editor Konten' });

    // A work accident the employer reported and Siti confirmed: a JKK claim the rules allow.
    const t = now();
    await exec('INSERT INTO work_accidents (member_id, employer_id, accident_date, place, description, monthly_wage, fatal, days_unable_to_work, reported_by, reported_at, member_confirmed_at) ' +
               `VALUES (${row.id}, ${e.id}, '2025-03-10', 'Gudang', 'Terjatuh dari tangga', 6000000, 0, 20, ${employer.accountId}, ${t - 40 * DAY}, ${t - 39 * DAY})`);
    const [accident] = await sql(`SELECT id FROM work_accidents WHERE member_id = ${row.id}`);
    ref = reference('4821309372');
    // Submitted ten days ago: past the five working days of the service target.
    await exec('INSERT INTO claims (reference, member_id, claimant_account_id, claimant_member_id, program, claim_type, status, answers, extra_checks, created_at, updated_at, submitted_at, status_since) ' +
               `VALUES ('${ref}', ${row.id}, ${siti.accountId}, ${row.id}, 'JKK', 'jkk', 'submitted', '{"accident": ${accident.id}}', 'bank_changed_recently', ${t - 11 * DAY}, ${t - 10 * DAY}, ${t - 10 * DAY}, ${t - 10 * DAY})`);
    const [claim] = await sql(`SELECT id FROM claims WHERE reference = '${ref}'`);
    claimId = Number(claim.id);
    await exec('INSERT INTO claim_events (claim_id, action, from_status, to_status, actor_account_id, actor_role, note, at) ' +
               `VALUES (${claimId}, 'submit', 'draft', 'submitted', ${siti.accountId}, 'claimant', '', ${t - 10 * DAY})`);
    for (const type of ['ektp', 'bank_book', 'accident_report']) docs[type] = await addDocument(type, 'clean');
    docs.doctor_statement = await addDocument('doctor_statement', 'pending');
  });
  after(async () => {
    await server?.stop();
    await sink?.stop();
  });

  test('ASVS 4.1.1, 4.1.3, 4.2.1: members, employer users, staff without a claims role and anonymous visitors are refused on every staff claims route', async () => {
    const gets = ['/staff/claims', '/staff/claims?status=verified', claimPath(), claimPath(`/documents/${docs.ektp}`)];
    const posts = ['/start', `/documents/${docs.ektp}/review`, '/ask-documents', '/verify', '/approve', '/reject', '/send-back'].map((s) => claimPath(s));
    const before = await claimRow();
    for (const [who, home] of [[siti, '/dashboard'], [employer, '/employer'], [editor, '/staff']]) {
      for (const target of gets) assert.equal((await who.client.get(target)).status, 403, `${who.email} GET ${target}`);
      for (const target of posts) {
        const res = await postFrom(who.client, home, target, { review: 'accepted', reject_reason: 'x', send_back_reason: 'x', ask_note: 'x' });
        assert.equal(res.status, 403, `${who.email} POST ${target}`);
      }
    }
    for (const target of gets) {
      const res = await h.request(server.baseUrl, target);
      assert.equal(res.status, 303, `anonymous GET ${target}`);
      assert.match(res.headers.location, /^\/login\?next=/);
    }
    // Each role only its own steps: an approver never starts or checks, a verifier never decides.
    for (const target of [claimPath('/start'), claimPath(`/documents/${docs.ektp}/review`), claimPath('/verify'), claimPath('/ask-documents')]) {
      assert.equal((await postFrom(approver.client, '/staff/claims', target, { review: 'accepted' })).status, 403, `approver POST ${target}`);
    }
    for (const target of [claimPath('/approve'), claimPath('/reject'), claimPath('/send-back')]) {
      assert.equal((await postFrom(verifier.client, '/staff/claims', target, { reject_reason: 'x', send_back_reason: 'x' })).status, 403, `verifier POST ${target}`);
    }
    assert.deepEqual(await claimRow(), before, 'nothing changed');
    assert.equal((await auditRows('claims.viewed')).length, 0, 'no refused look was recorded as a look');
    // An unknown claim or document is 404 like any other (no enumeration).
    assert.equal((await verifier.client.get('/staff/claims/999999')).status, 404);
    assert.equal((await verifier.client.get('/staff/claims/01')).status, 404);
    assert.equal((await verifier.client.get(claimPath('/documents/999999'))).status, 404);
  });

  test('the queue lists the claim by status with the service clock and the counts per status, for verifiers and approvers', async () => {
    for (const who of [verifier, approver]) {
      const res = await who.client.get('/staff/claims');
      assert.equal(res.status, 200, pageText(res).slice(0, 300));
      const text = pageText(res);
      assert.ok(text.includes(ref));
      assert.ok(text.includes(ID['claims.staff.type.jkk']));
      assert.ok(text.includes(`${ID['claims.staff.status.submitted']} (1)`), 'the count per status');
      assert.ok(text.includes(`${ID['claims.staff.status.verified']} (0)`));
      assert.ok(text.includes(ID['claims.staff.queue.overdue']), 'ten days in the status is past the target of five working days');
      assert.ok(text.includes(fill(ID['claims.staff.queue.target'], { n: 5 })));
      assert.ok(text.includes(ID['claims.staff.queue.extra_checks']));
      assert.ok(!text.includes(siti.row.full_name), 'the member is masked');
      assert.ok(res.text.length < 50 * 1024);
    }
    const verified = await verifier.client.get('/staff/claims?status=verified');
    assert.ok(pageText(verified).includes(ID['claims.staff.queue.empty']));
    assert.equal((await verifier.client.get('/staff/claims?status=draft')).status, 404, 'drafts are the member\'s own');
    assert.equal((await verifier.client.get('/staff/claims?status=nonsense')).status, 404);
    assert.equal((await verifier.client.get('/staff/claims?after=x.1')).status, 404);
    // Keyset paging: after the claim's own key nothing is left.
    const [row] = await sql(`SELECT status_since FROM claims WHERE id = ${claimId}`);
    const after = await verifier.client.get(`/staff/claims?status=submitted&after=${row.status_since}.${claimId}`);
    assert.equal(after.status, 200);
    assert.ok(!pageText(after).includes(ref));
  });

  test('ASVS 7.1.1: the claim page recomputes the decision and amount from the registry, masks the member, and every look is audited', async () => {
    const res = await verifier.client.get(claimPath());
    assert.equal(res.status, 200, pageText(res).slice(0, 400));
    const text = pageText(res);
    assert.ok(text.includes(ref));
    assert.ok(text.includes(ID['claims.staff.claim.eligible']), text.slice(0, 2000));
    assert.match(res.text, /id="amount-total">Rp [0-9.]+</, 'the amount as the rules compute it');
    assert.ok(!text.includes(siti.row.full_name), 'the name is masked');
    assert.ok(!text.includes(siti.row.nik), 'the NIK is masked');
    assert.ok(text.includes(siti.row.nik.slice(-4)));
    assert.ok(text.includes(ID['claims.staff.scan.pending']));
    assert.ok(text.includes(ID['claims.staff.extra_check.bank_changed_recently']), 'why it needs extra checks');
    assert.ok(text.includes(ID['claims.staff.answer.accident']) && text.includes('20'), 'the answers in words');
    assert.ok(text.includes(ID['claims.staff.doc.accident_report']));
    assert.ok(text.includes(ID['claims.staff.form.start']));
    assert.ok(!/name="review"/.test(res.text), 'no document checks before verification starts');
    assert.ok(res.text.length < 50 * 1024);
    const looks = await auditRows('claims.viewed');
    assert.equal(looks.length, 1);
    assert.equal(Number(looks[0].actor_user_id), verifier.accountId);
    assert.equal(Number(looks[0].subject_user_id), siti.accountId);
    assert.deepEqual(JSON.parse(looks[0].details), { claim: ref });
  });

  test('ASVS 12.5.2: claims staff download a clean document as an attachment of its stored type (audited), never a pending one', async () => {
    const res = await approver.client.get(claimPath(`/documents/${docs.ektp}`));
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.match(res.headers['content-disposition'], /^attachment; filename="ektp scan\.pdf"/);
    assert.deepEqual(res.body, PDF);
    const [audit] = await auditRows('claims.document_downloaded');
    assert.equal(Number(audit.actor_user_id), approver.accountId);
    assert.equal(Number(audit.subject_user_id), siti.accountId);
    assert.deepEqual(JSON.parse(audit.details), { claim: ref, document: String(docs.ektp), doc_type: 'ektp' });
    assert.equal((await verifier.client.get(claimPath(`/documents/${docs.doctor_statement}`))).status, 404, 'pending scan');
    await exec(`UPDATE claim_documents SET scan_state = 'infected' WHERE id = ${docs.doctor_statement}`);
    assert.equal((await verifier.client.get(claimPath(`/documents/${docs.doctor_statement}`))).status, 404, 'infected');
    await exec(`UPDATE claim_documents SET scan_state = 'pending' WHERE id = ${docs.doctor_statement}`);
    assert.equal((await auditRows('claims.document_downloaded')).length, 1);
  });

  test('ASVS 4.2.2: a step without its CSRF token is refused; a step in the wrong status is explained and changes nothing', async () => {
    await verifier.client.get(claimPath());
    assert.equal((await verifier.client.post(claimPath('/start'), {}, { csrf: null })).status, 403);
    assert.equal((await claimRow()).status, 'submitted');
    const verify = await postFrom(verifier.client, claimPath(), claimPath('/verify'));
    assert.equal(verify.status, 409);
    assert.ok(pageText(verify).includes(fill(ID['claims.staff.error.wrong_status'], { status: ID['claims.staff.status.submitted'] })));
    const review = await postFrom(verifier.client, claimPath(), claimPath(`/documents/${docs.ektp}/review`), { review: 'accepted' });
    assert.equal(review.status, 409, 'documents are checked while the claim is being verified');
    const approve = await postFrom(approver.client, claimPath(), claimPath('/approve'));
    assert.equal(approve.status, 409);
    const [doc] = await sql(`SELECT review FROM claim_documents WHERE id = ${docs.ektp}`);
    assert.equal(doc.review, 'pending');
    assert.equal((await claimRow()).status, 'submitted');
  });

  test('the verifier starts verification, checks each document, and asks the member for one again (with a reason)', async () => {
    const started = await postFrom(verifier.client, claimPath(), claimPath('/start'));
    assert.equal(started.status, 303, pageText(started).slice(0, 400));
    assert.equal(started.headers.location, claimPath('?notice=start_verification'));
    assert.equal((await claimRow()).status, 'being_verified');
    const [step] = await auditRows('claims.start_verification');
    assert.equal(Number(step.actor_user_id), verifier.accountId);
    assert.equal(step.result, 'ok');
    const notices = await sql(`SELECT message_id FROM inbox_items WHERE account_id = ${siti.accountId} AND message_id LIKE 'claims.notice.%'`);
    assert.ok(notices.some((n) => n.message_id === 'claims.notice.being_verified'), 'the member is told');

    const page = await verifier.client.get(claimPath());
    // The scanner has not cleared the doctor's statement yet: that blocks verifying first.
    assert.ok(pageText(page).includes(fill(ID['claims.staff.verify_block.not_scanned'], { document: ID['claims.staff.doc.doctor_statement'] })));
    assert.match(page.text, new RegExp(`action="/staff/claims/${claimId}/documents/${docs.ektp}/review"`));
    assert.doesNotMatch(page.text, new RegExp(`documents/${docs.doctor_statement}/review"`), 'a pending document cannot be checked');
    // Verifying before every document is checked changes nothing.
    const early = await postFrom(verifier.client, claimPath(), claimPath('/verify'));
    assert.equal(early.status, 409);
    assert.equal((await claimRow()).status, 'being_verified');

    for (const type of ['ektp', 'accident_report']) {
      const res = await postFrom(verifier.client, claimPath(), claimPath(`/documents/${docs[type]}/review`), { review: 'accepted', reason: '' });
      assert.equal(res.status, 303, pageText(res).slice(0, 300));
    }
    const pending = await postFrom(verifier.client, claimPath(), claimPath(`/documents/${docs.doctor_statement}/review`), { review: 'accepted', reason: '' });
    assert.equal(pending.status, 409);
    assert.ok(pageText(pending).includes(ID['claims.staff.error.document_not_reviewable']));
    // Asking for documents needs a document asked again or a note.
    const nothing = await postFrom(verifier.client, claimPath(), claimPath('/ask-documents'), { ask_note: '  ' });
    assert.equal(nothing.status, 422);
    assert.ok(pageText(nothing).includes(ID['claims.staff.error.ask_note_missing']));
    assert.match(nothing.text, /aria-describedby="f-ask_note-hint f-ask_note-error"/);
    // Asking again needs a reason the member reads.
    const bare = await postFrom(verifier.client, claimPath(), claimPath(`/documents/${docs.bank_book}/review`), { review: 'ask_again', reason: '' });
    assert.equal(bare.status, 422);
    assert.ok(pageText(bare).includes(ID['claims.staff.error.document_reason_missing']));
    assert.match(bare.text, new RegExp(`href="#f-doc_reason_${docs.bank_book}"`));
    const asked = await postFrom(verifier.client, claimPath(), claimPath(`/documents/${docs.bank_book}/review`), { review: 'ask_again', reason: 'Foto buku tabungan buram' });
    assert.equal(asked.status, 303);
    const reviewed = await auditRows('claims.document_reviewed');
    assert.equal(reviewed.length, 3);
    assert.deepEqual(JSON.parse(reviewed[2].details), { claim: ref, document: String(docs.bank_book), doc_type: 'bank_book', review: 'ask_again' });
    const [doc] = await sql(`SELECT review, review_reason, reviewed_by FROM claim_documents WHERE id = ${docs.bank_book}`);
    assert.deepEqual([doc.review, doc.review_reason, Number(doc.reviewed_by)], ['ask_again', 'Foto buku tabungan buram', verifier.accountId]);

    const ask = await postFrom(verifier.client, claimPath(), claimPath('/ask-documents'), { ask_note: 'Mohon kirim ulang halaman buku tabungan yang jelas.' });
    assert.equal(ask.status, 303, pageText(ask).slice(0, 300));
    assert.equal((await claimRow()).status, 'more_documents');
    const [event] = await sql(`SELECT note, actor_role FROM claim_events WHERE claim_id = ${claimId} AND action = 'ask_documents'`);
    assert.deepEqual([event.note, event.actor_role], ['Mohon kirim ulang halaman buku tabungan yang jelas.', 'claims_verifier']);
  });

  test('ASVS 1.1.6, 4.3.3: the member answers; the person who verifies it cannot approve it (refused, explained, audited as denied, nothing changed)', async () => {
    // The member's new bank book page (as the member's pages store it), the scanner clears the
    // doctor's statement, and the member answers.
    docs.bank_book = await addDocument('bank_book', 'clean', { superseding: docs.bank_book });
    await exec(`UPDATE claim_documents SET scan_state = 'clean' WHERE id = ${docs.doctor_statement}`);
    await exec(`UPDATE claims SET status = 'being_verified', status_since = ${now()} WHERE id = ${claimId}`);
    await exec('INSERT INTO claim_events (claim_id, action, from_status, to_status, actor_account_id, actor_role, note, at) ' +
               `VALUES (${claimId}, 'answer', 'more_documents', 'being_verified', ${siti.accountId}, 'claimant', '', ${now()})`);
    for (const type of ['bank_book', 'doctor_statement']) {
      const res = await postFrom(both.client, claimPath(), claimPath(`/documents/${docs[type]}/review`), { review: 'accepted', reason: '' });
      assert.equal(res.status, 303, pageText(res).slice(0, 300));
    }
    const verified = await postFrom(both.client, claimPath(), claimPath('/verify'));
    assert.equal(verified.status, 303, /id="form-error">([^<]*)</.exec(verified.text)?.[1]);
    let claim = await claimRow();
    assert.equal(claim.status, 'verified');
    assert.equal(Number(claim.verifier_account_id), both.accountId);

    const page = await both.client.get(claimPath());
    assert.ok(pageText(page).includes(ID['claims.staff.form.approve']), 'the form is there: the server decides');
    const refused = await postFrom(both.client, claimPath(), claimPath('/approve'));
    assert.equal(refused.status, 403);
    assert.ok(pageText(refused).includes(ID['claims.staff.error.separation_verified_it']));
    const rejectToo = await postFrom(both.client, claimPath(), claimPath('/reject'), { reject_reason: 'Dokumen tidak cocok' });
    assert.equal(rejectToo.status, 403);
    claim = await claimRow();
    assert.equal(claim.status, 'verified');
    assert.equal(claim.approver_account_id, null);
    const denied = (await auditRows('claims.approve')).filter((a) => a.result === 'denied');
    assert.equal(denied.length, 1);
    assert.equal(Number(denied[0].actor_user_id), both.accountId);
    assert.equal(JSON.parse(denied[0].details).reason, 'verified_it');
  });

  test('ASVS 1.1.6, 4.3.3: nobody acts on their own claim or a relative\'s (separation by NIK)', async () => {
    // The approver's NIK is the member's own.
    await exec(`INSERT INTO staff_niks (account_id, nik) VALUES (${other.accountId}, '${siti.row.nik}')`);
    const own = await postFrom(other.client, claimPath(), claimPath('/approve'));
    assert.equal(own.status, 403);
    assert.ok(pageText(own).includes(ID['claims.staff.error.separation_own_claim']));
    // The approver is named as the member's beneficiary.
    const relative = '3175010101900009';
    await exec(`UPDATE staff_niks SET nik = '${relative}' WHERE account_id = ${other.accountId}`);
    await exec('INSERT INTO profile_beneficiaries (member_id, full_name, relation, nik, share_percent, created_at, updated_at) ' +
               `VALUES (${siti.row.id}, 'Adik Siti', 'sibling', '${relative}', 100, ${now()}, ${now()})`);
    const kin = await postFrom(other.client, claimPath(), claimPath('/reject'), { reject_reason: 'Tidak sesuai' });
    assert.equal(kin.status, 403);
    assert.ok(pageText(kin).includes(ID['claims.staff.error.separation_relatives_claim']));
    assert.equal((await claimRow()).status, 'verified');
    const denied = [...await auditRows('claims.approve'), ...await auditRows('claims.reject')]
      .filter((a) => a.result === 'denied' && Number(a.actor_user_id) === other.accountId)
      .map((a) => JSON.parse(a.details).reason).sort();
    assert.deepEqual(denied, ['own_claim', 'relatives_claim']);
  });

  test('a reject needs a reason; another approver approves with the amount the rules compute; then the claim is no longer open to steps', async () => {
    const bare = await postFrom(approver.client, claimPath(), claimPath('/reject'), { reject_reason: ' ' });
    assert.equal(bare.status, 422);
    assert.ok(pageText(bare).includes(ID['claims.staff.error.reject_reason_missing']));
    assert.match(bare.text, /aria-describedby="f-reject_reason-hint f-reject_reason-error"/);
    assert.equal((await claimRow()).status, 'verified');

    const approved = await postFrom(approver.client, claimPath(), claimPath('/approve'));
    assert.equal(approved.status, 303, pageText(approved).slice(0, 400));
    assert.equal(approved.headers.location, claimPath('?notice=approve'));
    const claim = await claimRow();
    assert.equal(claim.status, 'approved');
    assert.equal(Number(claim.approver_account_id), approver.accountId);
    assert.ok(Number(claim.amount) > 0, 'the amount is fixed from the rules');
    assert.ok(claim.decided_at);
    const page = await approver.client.get(approved.headers.location);
    assert.ok(pageText(page).includes(ID['claims.staff.notice.approve']));
    const [ok] = (await auditRows('claims.approve')).filter((a) => a.result === 'ok');
    assert.equal(Number(ok.actor_user_id), approver.accountId);
    assert.equal(Number(ok.subject_user_id), siti.accountId);

    const again = await postFrom(approver.client, claimPath(), claimPath('/reject'), { reject_reason: 'Terlambat' });
    assert.equal(again.status, 409);
    assert.ok(pageText(again).includes(fill(ID['claims.staff.error.wrong_status'], { status: ID['claims.staff.status.approved'] })));
    assert.equal((await claimRow()).status, 'approved');
    const history = pageText(await verifier.client.get(claimPath()));
    for (const action of ['submit', 'start_verification', 'ask_documents', 'answer', 'verify', 'approve']) {
      assert.ok(history.includes(ID[`claims.staff.action.${action}`]), action);
    }
  });
});
