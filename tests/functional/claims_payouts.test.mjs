// Claim payouts (src/claims/payout_routes.cc, payout_batch.h, payout_file.h): finance makes a
// batch of approved claims, downloads the bank file (CSV with full account numbers read from the
// profile), imports the bank's result (one paid, one failed); the failed claim's member is told,
// sees why, corrects the account and the claim is approved again and lands in the next batch.
// Everyone else is refused on every route. Through HTTP with a real SMTP sink; approved claims
// are seeded as rows. Backend: LUMBUNG_TEST_BACKEND.
// Requirement IDs: OWASP ASVS 4.0.3 V4.1.1 / V4.1.3 (least privilege by staff role), V4.2.1
// (no access to another member's claim: 404), V4.2.2 (CSRF), V7.1.x (audit of batches,
// downloads and imports), V1.1.6 / V4.3.3 (separation of duties, in the db tests),
// V5.1.x (every row of the result file validated before anything is stored), V5.3.x (CSV
// formula injection neutralised in the bank file).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import * as h from './harness.mjs';
import * as id from './identity_support.mjs';
import { startMailSink } from './mail_sink.mjs';

const backend = h.currentBackend();
const ID = h.loadCatalog('id');

const pageText = (res) => h.decodeEntities(h.htmlText(res.text));
const fill = (message, values = {}) => message.replace(/\{\{(\w+)\}\}/g, (_, k) => String(values[k] ?? `{{${k}}}`));

// The claim reference's Damm check digit (core/security/damm.cc), for seeded claims.
const DAMM = [[0, 3, 1, 7, 5, 9, 8, 6, 4, 2], [7, 0, 9, 2, 1, 5, 4, 8, 6, 3], [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
              [1, 7, 5, 0, 9, 8, 3, 4, 2, 6], [6, 1, 2, 3, 0, 4, 5, 9, 7, 8], [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
              [5, 8, 6, 9, 7, 2, 0, 1, 3, 4], [8, 9, 4, 5, 3, 6, 2, 0, 1, 7], [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
              [2, 5, 8, 1, 4, 3, 6, 7, 9, 0]];
function reference(tenDigits) {
  let interim = 0;
  for (const c of tenDigits) interim = DAMM[interim][Number(c)];
  return `K-${tenDigits.slice(0, 5)}-${tenDigits.slice(5)}-${interim}`;
}

// A multipart/form-data POST as a browser sends it: the CSRF token, then one file.
function postFile(client, target, field, name, content, { csrf } = {}) {
  const boundary = '----lumbungpayouts' + Math.random().toString(16).slice(2);
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${csrf ?? client.csrf}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${name}"\r\n` +
                'Content-Type: text/csv\r\n\r\n'),
    Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return client.request(target, {
    method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body,
  });
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

describe(`claim payouts on ${backend}`, () => {
  let sink;
  let server;
  let portal;
  let pool;
  let finance;   // staff with the finance role
  let verifier;  // staff with claims_verifier only
  let alice;     // a member whose payout succeeds
  let bob;       // a member whose payout fails
  let claims;    // {alice, bob}: claim ids
  let batchId;
  let refs;

  const sql = (query) => id.sqlRows(server.database, query);
  const status = async (claimId) => (await sql(`SELECT status FROM claims WHERE id = ${claimId}`))[0].status;
  const auditCount = async (action) =>
    Number((await sql(`SELECT COUNT(*) AS n FROM audit_log WHERE action = '${action}'`))[0].n);

  async function registerMember() {
    const m = pool.take();
    const client = new id.Client(server.baseUrl);
    const email = id.uniqueEmail('anggota');
    const password = id.newPassword();
    const box = new id.Mailbox(sink, email);
    const { res } = await client.submit('/register', {
      nik: m.nik, kpj: m.kpj, birth_date: m.birth_date, email, username: '', password,
    });
    assert.equal(res.status, 303, pageText(res).slice(0, 300));
    await client.submit(id.mailLink(await box.next('verify_email'), '/verify-email'));
    const signed = await client.submit('/login', { identifier: email, password });
    assert.equal(signed.res.headers.location, '/dashboard');
    const [row] = await sql(`SELECT id FROM accounts WHERE email = '${email}'`);
    return { ...m, memberId: Number(m.id), client, email, password, box, accountId: Number(row.id) };
  }

  async function saveBank(member, bank, number) {
    const confirm = await member.client.submit(`/account/confirm?next=${encodeURIComponent('/profile/bank')}`,
                                               { password: member.password });
    assert.equal(confirm.res.status, 303);
    const { res } = await member.client.submit('/profile/bank', { bank, account_number: number, holder_name: member.full_name });
    assert.equal(res.status, 303, pageText(res).slice(0, 400));
    assert.equal(res.headers.location, '/profile?notice=bank_changed');
  }

  // An approved claim seeded as a row, as the staff's decision would have left it.
  async function seedApproved(member, digits, amount) {
    const now = Math.floor(Date.now() / 1000) - 3600;
    const ref = reference(digits);
    await id.sqlExec(server.database,
      'INSERT INTO claims (reference, member_id, claimant_account_id, claimant_member_id, program, claim_type, status,' +
      ' amount, payout_bank_code, created_at, updated_at, submitted_at, decided_at, status_since) VALUES ' +
      `('${ref}', ${member.memberId}, ${member.accountId}, ${member.memberId}, 'JHT', 'jht_full', 'approved', ${amount},` +
      ` 'bca', ${now}, ${now}, ${now}, ${now}, ${now})`);
    const [row] = await sql(`SELECT id FROM claims WHERE reference = '${ref}'`);
    return { id: Number(row.id), ref };
  }

  before(async () => {
    sink = await startMailSink();
    server = await h.startServer({
      env: { ...sink.env, LUMBUNG_LOGIN_IP_FAILURES_PER_15MIN: '1000', LUMBUNG_REGISTER_IP_ATTEMPTS_PER_HOUR: '1000' },
    });
    portal = { baseUrl: server.baseUrl, database: server.database };
    await id.seedMembers(server.database, 10);
    pool = await id.MemberPool.load(server.database, 10);
    finance = await id.signedInStaff(portal, sink, { staffRoles: ['finance'] });
    verifier = await id.signedInStaff(portal, sink, { staffRoles: ['claims_verifier', 'claims_approver', 'member_services'] });
    alice = await registerMember();
    bob = await registerMember();
    await saveBank(alice, 'bca', '0012345678');
    await saveBank(bob, 'bri', '9876543210');
    const a = await seedApproved(alice, '4821309372', 12500000);
    const b = await seedApproved(bob, '1111122222', 7000000);
    claims = { alice: a.id, bob: b.id };
    refs = { alice: a.ref, bob: b.ref };
  });
  after(async () => {
    await server?.stop();
    await sink?.stop();
  });

  test('finance sees the approved claims waiting and makes a batch; each claim moves to in_payout and the batch is audited', async () => {
    const list = await finance.client.get('/staff/payouts');
    assert.equal(list.status, 200);
    assert.ok(pageText(list).includes(fill(ID['claims.payout.ready_summary'], { count: 2, total: 'Rp 19.500.000' })),
              pageText(list).slice(0, 600));
    const { res } = await finance.client.submit('/staff/payouts', {}, { action: '/staff/payouts' });
    assert.equal(res.status, 303);
    const m = /^\/staff\/payouts\/(\d+)\?notice=created$/.exec(res.headers.location);
    assert.ok(m, res.headers.location);
    batchId = Number(m[1]);
    assert.equal(await status(claims.alice), 'in_payout');
    assert.equal(await status(claims.bob), 'in_payout');
    assert.equal(await auditCount('payouts.batch_created'), 1);
    const items = await sql(`SELECT claim_id, amount, bank_code, account_last4 FROM payout_items WHERE batch_id = ${batchId} ORDER BY id`);
    assert.deepEqual(items.map((i) => [Number(i.claim_id), Number(i.amount), i.bank_code, i.account_last4]),
                     [[claims.alice, 12500000, 'bca', '5678'], [claims.bob, 7000000, 'bri', '3210']]);
    const page = await finance.client.get(res.headers.location);
    assert.equal(page.status, 200);
    assert.ok(pageText(page).includes(ID['claims.payout.notice_created']));
    assert.ok(!page.text.includes('0012345678'), 'the page never shows a full account number');
    assert.ok(page.text.length < 50_000);
  });

  test('the bank file: documented columns, full account numbers read now, whole rupiah; each download audited', async () => {
    const res = await finance.client.get(`/staff/payouts/${batchId}/bank-file`);
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/csv/);
    assert.match(res.headers['content-disposition'], /^attachment; filename="lumbung-payout-batch-\d+\.csv"$/);
    assert.match(res.headers['cache-control'], /no-store/);
    const rows = parseCsv(res.text);
    assert.deepEqual(rows[0], ['batch', 'item', 'reference', 'bank_code', 'account_number', 'holder_name', 'amount', 'description']);
    assert.equal(rows.length, 3);
    assert.deepEqual(rows[1].slice(2, 7), [refs.alice, 'bca', '0012345678', alice.full_name, '12500000']);
    assert.deepEqual(rows[2].slice(2, 7), [refs.bob, 'bri', '9876543210', bob.full_name, '7000000']);
    assert.equal(rows[1][7], `Lumbung JHT ${refs.alice}`);
    assert.equal(await auditCount('payouts.file_downloaded'), 1);
    const [audit] = await sql("SELECT details FROM audit_log WHERE action = 'payouts.file_downloaded'");
    assert.ok(!audit.details.includes('0012345678'), 'no account number in the audit log');
  });

  test('the bank\'s result: a wrong row refuses the whole file naming row and column; one paid and one failed are recorded once; the member is told', async () => {
    const items = await sql(`SELECT id FROM payout_items WHERE batch_id = ${batchId} ORDER BY id`);
    const [ia, ib] = items.map((r) => Number(r.id));
    const header = 'batch,item,reference,amount,result,reason,paid_on\r\n';
    const paid = `${batchId},${ia},${refs.alice},12500000,paid,,2026-01-05\r\n`;
    const failed = `${batchId},${ib},${refs.bob},7000000,failed,closed,\r\n`;
    const target = `/staff/payouts/${batchId}/results`;

    await finance.client.get(`/staff/payouts/${batchId}`);
    const wrong = await postFile(finance.client, target, 'results', 'hasil.csv', header + paid + failed.replace('7000000', '7000001'));
    assert.equal(wrong.status, 422);
    assert.ok(pageText(wrong).includes(fill(ID['claims.payout.problem_amount_mismatch'], { row: 3, column: 'amount', cell: '7000001' })),
              pageText(wrong).slice(0, 800));
    assert.equal(await status(claims.alice), 'in_payout', 'nothing stored');

    const ok = await postFile(finance.client, target, 'results', 'hasil.csv', header + paid + failed);
    assert.equal(ok.status, 200, pageText(ok).slice(0, 800));
    assert.ok(pageText(ok).includes(fill(ID['claims.payout.imported'], { paid: 1, failed: 1, unchanged: 0 })));
    assert.equal(await status(claims.alice), 'paid');
    assert.equal(await status(claims.bob), 'payout_failed');
    const [batch] = await sql(`SELECT state FROM payout_batches WHERE id = ${batchId}`);
    assert.equal(batch.state, 'reconciled');
    const notices = await sql(`SELECT message_id, link FROM inbox_items WHERE account_id = ${bob.accountId} AND message_id = 'claims.notice.payout_failed'`);
    assert.equal(notices.length, 1, 'the member is told the payout failed');
    assert.equal(await auditCount('payouts.results_imported'), 1);

    // The same file again changes nothing.
    const events = Number((await sql('SELECT COUNT(*) AS n FROM claim_events'))[0].n);
    const again = await postFile(finance.client, target, 'results', 'hasil.csv', header + paid + failed);
    assert.equal(again.status, 200);
    assert.ok(pageText(again).includes(fill(ID['claims.payout.imported_nothing_new'], { unchanged: 2 })));
    assert.equal(Number((await sql('SELECT COUNT(*) AS n FROM claim_events'))[0].n), events);
    assert.equal(await auditCount('payouts.results_imported'), 1);

    // ASVS 4.2.2: an upload without the CSRF token is refused.
    const noCsrf = await postFile(finance.client, target, 'results', 'hasil.csv', header + paid, { csrf: 'x' });
    assert.equal(noCsrf.status, 403);
  });

  test('the member sees why, corrects the account in the profile, uses it, and the claim joins the next batch by itself', async () => {
    const page = await bob.client.get(`/claims/${claims.bob}/payout`);
    assert.equal(page.status, 200);
    assert.ok(pageText(page).includes(ID['claims.payout.member_reason_closed']));
    assert.match(page.text, /href="\/profile\/bank"/);
    // The same account that failed cannot be used again for a closed account.
    await bob.client.get(`/claims/${claims.bob}/payout`);
    const same = await bob.client.post(`/claims/${claims.bob}/payout`, {});
    assert.equal(same.status, 422);
    assert.ok(pageText(same).includes(ID['claims.payout.member_error_unchanged']));
    assert.equal(await status(claims.bob), 'payout_failed');

    await saveBank(bob, 'mandiri', '4444555566');
    const { res } = await bob.client.submit(`/claims/${claims.bob}/payout`, {});
    assert.equal(res.status, 303);
    assert.equal(res.headers.location, `/claims/${claims.bob}?notice=account_corrected`);
    assert.equal(await status(claims.bob), 'approved');
    const [claim] = await sql(`SELECT payout_bank_code, payout_last4 FROM claims WHERE id = ${claims.bob}`);
    assert.deepEqual([claim.payout_bank_code, claim.payout_last4], ['mandiri', '5566']);

    const made = await finance.client.submit('/staff/payouts', {}, { action: '/staff/payouts' });
    assert.equal(made.res.status, 303);
    const next = Number(/\/staff\/payouts\/(\d+)/.exec(made.res.headers.location)[1]);
    assert.notEqual(next, batchId);
    const items = await sql(`SELECT claim_id, bank_code, account_last4 FROM payout_items WHERE batch_id = ${next}`);
    assert.deepEqual(items.map((i) => [Number(i.claim_id), i.bank_code, i.account_last4]), [[claims.bob, 'mandiri', '5566']]);
    assert.equal(await status(claims.bob), 'in_payout');
  });

  test('ASVS 4.1.1, 4.1.3, 4.2.1: members and staff without finance are refused on every route; another member\'s claim is 404', async () => {
    const staffGets = ['/staff/payouts', `/staff/payouts/${batchId}`, `/staff/payouts/${batchId}/bank-file`];
    const staffPosts = ['/staff/payouts', `/staff/payouts/${batchId}/results`];
    const before = {
      batches: Number((await sql('SELECT COUNT(*) AS n FROM payout_batches'))[0].n),
      downloads: await auditCount('payouts.file_downloaded'),
    };
    for (const [who, client] of [['member', alice.client], ['staff without finance', verifier.client]]) {
      for (const path of staffGets) assert.equal((await client.get(path)).status, 403, `${who} GET ${path}`);
      await client.get('/dashboard');
      for (const path of staffPosts) assert.equal((await client.post(path, {})).status, 403, `${who} POST ${path}`);
    }
    // The member pages: the claimant only; anyone else sees nothing there.
    assert.equal((await alice.client.get(`/claims/${claims.bob}/payout`)).status, 404);
    await alice.client.get('/dashboard');
    assert.equal((await alice.client.post(`/claims/${claims.bob}/payout`, {})).status, 404);
    assert.equal((await alice.client.get('/claims/999999/payout')).status, 404);
    for (const [who, client] of [['finance', finance.client], ['staff without finance', verifier.client]]) {
      assert.equal((await client.get(`/claims/${claims.bob}/payout`)).status, 403, `${who} GET member page`);
      await client.get('/staff');
      assert.equal((await client.post(`/claims/${claims.bob}/payout`, {})).status, 403, `${who} POST member page`);
    }
    const anonymous = new id.Client(server.baseUrl);
    for (const path of [...staffGets, `/claims/${claims.bob}/payout`]) {
      const res = await anonymous.get(path);
      assert.equal(res.status, 303, `anonymous GET ${path}`);
      assert.equal(res.headers.location, `/login?next=${encodeURIComponent(path)}`);
    }
    assert.equal(Number((await sql('SELECT COUNT(*) AS n FROM payout_batches'))[0].n), before.batches);
    assert.equal(await auditCount('payouts.file_downloaded'), before.downloads);
    assert.equal(await status(claims.alice), 'paid');
  });
});
