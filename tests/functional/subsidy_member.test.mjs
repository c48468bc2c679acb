// What members and the public see of the wage subsidy (src/subsidy/member_routes.cc,
// checker_routes.cc). A programme's confirmed run, outcomes, batches and payments are seeded as
// rows (the run and the batches are other parts' work); then over HTTP: a member sees every
// stage of 2022's three-stage wording and of 2025's notices, newest year first, with the reasons
// and what to do next, and the dashboard card; nothing of a run staff have not confirmed. The
// public check at /cek-bsu answers a NIK or KPJ with the birth date and a forgivingly typed name
// by the stage only (no amount, bank or employer), and answers every mismatch (wrong NIK, wrong
// birth date, wrong name, unknown KPJ, another member's NIK) with the same status and the same
// page apart from the CSRF token and the values typed back into the form; it is throttled per
// client address and per number; every lookup is counted in /metrics. Then Chromium at 360 px:
// /subsidy and /cek-bsu axe clean in Indonesian and English, and the check walked without
// JavaScript in a second context. Backend: LUMBUNG_TEST_BACKEND.
// Requirement IDs: OWASP ASVS 4.0.3 V4.1.1 (members only on /subsidy), V4.2.1 (the member's own
// outcome only), V4.2.2 (CSRF on the check), V2.2.1 / V11.1.4 (anti-automation: throttled by
// address and by number), V13.2.x / V2.2.x (no enumeration by message or status), V8.3.1 (the
// public answer shows no amount, bank or employer), V7.1.x (lookups counted).
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { chromium } from 'playwright-core';

import * as h from './harness.mjs';
import * as id from './identity_support.mjs';
import { startMailSink } from './mail_sink.mjs';

const backend = h.currentBackend();
const CATALOG = { id: h.loadCatalog('id'), en: h.loadCatalog('en') };
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const PAGE_LIMIT = 50 * 1024;
const OFFICIAL_URL = 'https://bsu.contoh.go.id';
const IP_PER_HOUR = 10;
const NUMBER_PER_HOUR = 8;

const fill = (message, values = {}) => message.replace(/\{\{(\w+)\}\}/g, (_, k) => String(values[k] ?? `{{${k}}}`));
const pageText = (res) => h.decodeEntities(h.htmlText(res.text));

// The programmes as shipped, and the bit of a reason code in a programme's outcome masks
// (src/subsidy/reason_mask.h: bit i = the i-th code of ReasonCodes(program)).
const PROGRAMS = JSON.parse(fs.readFileSync(path.join(h.shareDir(), 'config', 'subsidy_programs.json'), 'utf8')).programs;
function reasonMask(year, codes) {
  const program = PROGRAMS.find((p) => p.year === year);
  const all = ['citizen', 'not_citizen', 'wage_earner', 'not_wage_earner', 'active_on_cutoff', 'not_active_on_cutoff',
               'no_wage_reported', 'wage_within_limit', 'wage_above_limit', 'wages_summed', 'minimum_wage_unknown',
               'not_on_exclusion_lists', ...program.exclusions.map((l) => `excluded_${l}`), 'area_covered',
               'area_not_covered', 'bank_account_valid', 'no_bank_account', 'bank_account_shared', 'bank_account_flagged'];
  let mask = 0;
  for (const code of codes) {
    const bit = all.indexOf(code);
    assert.ok(bit >= 0, `${code} is a reason of ${year}`);
    mask += 2 ** bit;
  }
  return mask;
}

// The section of one programme year on /subsidy: its stage, next step, reasons and links.
function yearSection(html, year) {
  const section = new RegExp(`<section[^>]*id="year-${year}"[\\s\\S]*?</section>`).exec(html)?.[0];
  if (!section) return undefined;
  const text = (re) => { const m = re.exec(section); return m ? h.decodeEntities(h.htmlText(m[1])).replace(/\s+/g, ' ').trim() : undefined; };
  const items = (attr) => {
    const list = new RegExp(`<ul ${attr}>([\\s\\S]*?)</ul>`).exec(section)?.[1] ?? '';
    return [...list.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => h.decodeEntities(m[1]).trim());
  };
  return {
    stage: text(/data-stage>([\s\S]*?)<\/strong>/),
    next: text(/<p data-next>([\s\S]*?)<\/p>/),
    bankLink: section.includes('href="/profile/bank"'),
    blocking: items('data-reasons-blocking'),
    other: items('data-reasons-other'),
  };
}

function metricValue(text, name) {
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : undefined;
}

describe(`the wage subsidy for members and the public on ${backend}`, () => {
  let sink;
  let server;
  let budi;   // a member with outcomes in 2022 and 2025
  let siti;   // a member considered by no confirmed run
  let rows;   // registry members
  let browser;
  const contexts = [];
  let addressCounter = 0;
  const runs = {};

  const url = (target) => `${server.baseUrl}${target}`;
  const sql = (query) => id.sqlRows(server.database, query);
  const exec = (statement) => id.sqlExec(server.database, statement);
  // Each check from its own client address (the server trusts X-Forwarded-For here), so the
  // per-address throttle counts only what a test means it to.
  const nextAddress = () => `192.0.2.${++addressCounter}`;

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
    return { client, email, password, member: row };
  }

  // Budi's outcome in the confirmed run of `year`, and his payment in batch `number` (or none).
  async function setOutcome(year, { eligible, reasons, accountProblem = false, wage = 3100000, limit = 3500000 }) {
    await exec(`DELETE FROM subsidy_outcomes WHERE run_id = ${runs[year]} AND member_id = ${budi.member.id}`);
    await exec('INSERT INTO subsidy_outcomes (run_id, member_id, eligible, reasons, wage, wage_limit, account_problem) ' +
               `VALUES (${runs[year]}, ${budi.member.id}, ${eligible ? 1 : 0}, ${reasonMask(year, reasons)}, ${wage}, ${limit}, ${accountProblem ? 1 : 0})`);
  }
  async function setPayment(year, payment) {
    await exec(`DELETE FROM subsidy_payments WHERE member_id = ${budi.member.id} AND batch_id IN ` +
               `(SELECT id FROM subsidy_batches WHERE program_year = ${year})`);
    await exec(`DELETE FROM subsidy_batches WHERE program_year = ${year}`);
    if (!payment) return;
    const { number, state, channel = 'bank', result = 'pending' } = payment;
    await exec('INSERT INTO subsidy_batches (program_year, run_id, number, state, member_count, control_total, created_by) ' +
               `VALUES (${year}, ${runs[year]}, ${number}, '${state}', 1, 600000, 1)`);
    const [batch] = await sql(`SELECT id FROM subsidy_batches WHERE program_year = ${year} AND number = ${number}`);
    await exec('INSERT INTO subsidy_payments (batch_id, member_id, amount, channel, bank_code, account_last4, result) ' +
               `VALUES (${batch.id}, ${budi.member.id}, 600000, '${channel}', 'bca', '7890', '${result}')`);
  }

  async function subsidyPage(client = budi.client) {
    const res = await client.get('/subsidy');
    assert.equal(res.status, 200);
    assert.ok(Buffer.byteLength(res.text) < PAGE_LIMIT);
    assert.ok(!/\[\[[a-z_.]+\]\]/.test(res.text), 'a catalog id shown untranslated');
    return res;
  }

  // One public check from a fresh browser at `address`.
  async function check(fields, address = nextAddress()) {
    const client = new id.Client(server.baseUrl);
    const headers = { 'x-forwarded-for': address };
    await client.get('/cek-bsu', { headers });
    const res = await client.post('/cek-bsu', fields, { headers });
    return res;
  }
  const byNik = (row, extra = {}) => ({
    number: row.nik, birth_date_day: String(Number(row.birth_date.slice(8, 10))),
    birth_date_month: String(Number(row.birth_date.slice(5, 7))), birth_date_year: row.birth_date.slice(0, 4),
    full_name: row.full_name, ...extra,
  });
  const metrics = async () => {
    const text = (await h.request(server.baseUrl, '/metrics')).text;
    return Object.fromEntries(['match', 'no_match', 'throttled'].map((r) => [r, metricValue(text, `lumbung_subsidy_checks_${r}_total`)]));
  };
  // The page apart from what differs by design: the CSRF token's mask and the values typed.
  const normalised = (html) => html.replace(/name="csrf" value="[^"]*"/g, 'name="csrf" value=""')
    .replace(/ value="[^"]*"/g, ' value=""');

  before(async () => {
    sink = await startMailSink();
    server = await h.startServer({
      env: { ...sink.env, LUMBUNG_LOGIN_IP_FAILURES_PER_15MIN: '1000', LUMBUNG_REGISTER_IP_ATTEMPTS_PER_HOUR: '1000',
             LUMBUNG_HTTP_TRUSTED_PROXY: 'true', LUMBUNG_SUBSIDY_OFFICIAL_URL: OFFICIAL_URL,
             LUMBUNG_SUBSIDY_CHECKER_IP_PER_HOUR: String(IP_PER_HOUR),
             LUMBUNG_SUBSIDY_CHECKER_NUMBER_PER_HOUR: String(NUMBER_PER_HOUR) },
    });
    await id.seedMembers(server.database, 8);
    rows = await id.memberRows(server.database, 8);
    budi = await registerMember(rows[0], 'bsu-budi');
    siti = await registerMember(rows[1], 'bsu-siti');
    // 2022 and 2025 each have a confirmed run; 2025 also a later dry run staff have not confirmed.
    for (const year of [2022, 2025]) {
      await exec('INSERT INTO subsidy_runs (program_year, dry_run, state, started_at, finished_at, members_total, ' +
                 `members_done, eligible_count, confirmed) VALUES (${year}, 0, 'done', 100, 200, 8, 8, 1, 1)`);
      const [run] = await sql(`SELECT id FROM subsidy_runs WHERE program_year = ${year} AND confirmed = 1`);
      runs[year] = Number(run.id);
    }
    await exec('INSERT INTO subsidy_runs (program_year, dry_run, state, started_at, finished_at, members_total, ' +
               "members_done, eligible_count, confirmed) VALUES (2025, 1, 'done', 300, 400, 8, 8, 1, 0)");
    const [dry] = await sql('SELECT id FROM subsidy_runs WHERE confirmed = 0');
    // Siti was considered only by the dry run: members never see it.
    await exec('INSERT INTO subsidy_outcomes (run_id, member_id, eligible, reasons, wage, wage_limit, account_problem) ' +
               `VALUES (${dry.id}, ${siti.member.id}, 1, 0, 3000000, 3500000, 0)`);
  });
  after(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await server?.stop();
    await sink?.stop();
  });

  test('/subsidy is for signed-in members only, and shows nothing of a run staff have not confirmed (ASVS 4.1.1)', async () => {
    const anonymous = await h.request(server.baseUrl, '/subsidy');
    assert.ok([302, 303].includes(anonymous.status), `status ${anonymous.status}`);
    assert.match(anonymous.headers.location, /^\/login\?next=%2Fsubsidy/);
    const page = await subsidyPage(siti.client);
    assert.ok(page.text.includes('id="no-programmes"'));
    assert.ok(pageText(page).includes(CATALOG.id['subsidy.member.none']));
    const dashboard = await siti.client.get('/dashboard');
    assert.ok(!pageText(dashboard).includes(CATALOG.id['subsidy.member.card_link']), 'no card without a confirmed run');
  });

  test('2022 in three stages: candidate, confirmed in batch N, paid; with reasons and what to do next', async () => {
    const t = CATALOG.id;
    await setOutcome(2025, { eligible: true, reasons: ['citizen'] });
    await setOutcome(2022, { eligible: false, reasons: ['citizen', 'wage_earner', 'active_on_cutoff', 'wage_above_limit', 'excluded_pkh', 'bank_account_valid'], wage: 4200000 });
    let s = yearSection((await subsidyPage()).text, 2022);
    assert.equal(s.stage, t['subsidy.stage.y2022.not_eligible']);
    assert.equal(s.next, t['subsidy.stage.y2022.not_eligible_next']);
    assert.equal(s.blocking.length, 2);
    assert.ok(s.blocking[0].includes('Rp 4.200.000') && s.blocking[0].includes('Rp 3.500.000'), s.blocking[0]);
    assert.equal(s.blocking[1], t['subsidy.reason.excluded_pkh']);
    assert.ok(s.other.includes(t['subsidy.reason.citizen']));
    assert.ok(!s.bankLink);

    await setOutcome(2022, { eligible: true, reasons: ['citizen', 'wage_earner', 'active_on_cutoff', 'wage_within_limit', 'not_on_exclusion_lists', 'bank_account_valid'] });
    s = yearSection((await subsidyPage()).text, 2022);
    assert.equal(s.stage, t['subsidy.stage.y2022.candidate']);
    assert.deepEqual(s.blocking, []);
    // A batch being prepared is internal: still a candidate.
    await setPayment(2022, { number: 2, state: 'submitted' });
    assert.equal(yearSection((await subsidyPage()).text, 2022).stage, t['subsidy.stage.y2022.candidate']);
    await setPayment(2022, { number: 2, state: 'approved' });
    s = yearSection((await subsidyPage()).text, 2022);
    assert.equal(s.stage, fill(t['subsidy.stage.y2022.confirmed'], { batch: 2 }));
    assert.equal(s.next, t['subsidy.stage.y2022.confirmed_next']);
    await setPayment(2022, { number: 2, state: 'reconciled', result: 'paid' });
    assert.equal(yearSection((await subsidyPage()).text, 2022).stage, t['subsidy.stage.y2022.paid']);
    // The bank refused: the account problem leads to the bank account.
    await setPayment(2022, { number: 2, state: 'sent', result: 'failed' });
    s = yearSection((await subsidyPage()).text, 2022);
    assert.equal(s.stage, t['subsidy.stage.y2022.account_problem']);
    assert.ok(s.bankLink);
    await setPayment(2022, { number: 2, state: 'sent', result: 'returned_to_employer' });
    s = yearSection((await subsidyPage()).text, 2022);
    assert.equal(s.next, t['subsidy.stage.y2022.account_problem_employer_next']);
    assert.ok(!s.bankLink, 'the employer corrects it');
    await setPayment(2022, { number: 3, state: 'reconciled', result: 'paid' });
  });

  test('2025 in its notices, newest year first, with the dashboard card', async () => {
    const t = CATALOG.id;
    const stageOf = async () => yearSection((await subsidyPage()).text, 2025);
    await setOutcome(2025, { eligible: true, reasons: ['citizen', 'active_on_cutoff', 'wage_within_limit', 'bank_account_valid'] });
    await setPayment(2025, null);
    const page = await subsidyPage();
    assert.ok(page.text.indexOf('id="year-2025"') < page.text.indexOf('id="year-2022"'), 'newest year first');
    assert.equal((await stageOf()).stage, t['subsidy.stage.y2025.meets_criteria']);
    const dashboard = await budi.client.get('/dashboard');
    assert.ok(pageText(dashboard).includes(t['subsidy.member.card_link']), 'the card leads to /subsidy');
    assert.ok(dashboard.text.includes('href="/subsidy"'));
    assert.ok(pageText(dashboard).includes(t['subsidy.stage.y2025.meets_criteria']), 'the card says the stage');

    await setPayment(2025, { number: 1, state: 'approved' });
    assert.equal((await stageOf()).stage, fill(t['subsidy.stage.y2025.confirmed'], { batch: 1 }));
    await setPayment(2025, { number: 1, state: 'reconciled', result: 'paid' });
    assert.equal((await stageOf()).stage, t['subsidy.stage.y2025.paid_bank']);

    // No account: eligible all the same (2025 pays through the post office), the account problem shown.
    await setOutcome(2025, { eligible: true, reasons: ['citizen', 'active_on_cutoff', 'wage_within_limit', 'no_bank_account'], accountProblem: true });
    await setPayment(2025, null);
    let s = await stageOf();
    assert.equal(s.stage, t['subsidy.stage.y2025.account_problem']);
    assert.equal(s.next, t['subsidy.stage.y2025.account_problem_next']);
    assert.ok(s.bankLink);
    assert.ok(s.other.includes(t['subsidy.reason.no_bank_account']), 'not blocking in 2025');
    assert.ok(pageText(await budi.client.get('/dashboard')).includes(t['subsidy.stage.y2025.account_problem']));
    await setPayment(2025, { number: 1, state: 'approved', channel: 'post_office' });
    assert.equal((await stageOf()).stage, t['subsidy.stage.y2025.post_office']);
    await setPayment(2025, { number: 1, state: 'sent', channel: 'bank', result: 'rerouted_post_office' });
    assert.equal((await stageOf()).stage, t['subsidy.stage.y2025.post_office']);
    await setPayment(2025, { number: 1, state: 'reconciled', channel: 'post_office', result: 'paid' });
    assert.equal((await stageOf()).stage, t['subsidy.stage.y2025.paid_post_office']);

    await setPayment(2025, null);
    await setOutcome(2025, { eligible: false, reasons: ['citizen', 'not_active_on_cutoff', 'excluded_civil_servant', 'bank_account_valid'] });
    s = await stageOf();
    assert.equal(s.stage, t['subsidy.stage.y2025.not_eligible']);
    assert.deepEqual(s.blocking, [fill(t['subsidy.reason.not_active_on_cutoff'], { cutoff: '30 April 2025' }),
                                  t['subsidy.reason.excluded_civil_servant']]);
    // In English too.
    await budi.client.get('/lang/en?next=/subsidy');
    const en = yearSection((await subsidyPage()).text, 2025);
    assert.equal(en.stage, CATALOG.en['subsidy.stage.y2025.not_eligible']);
    await budi.client.get('/lang/id?next=/subsidy');
    // Back to a state the checks below read.
    await setOutcome(2025, { eligible: true, reasons: ['citizen', 'active_on_cutoff', 'wage_within_limit', 'bank_account_valid'] });
    await setPayment(2025, { number: 1, state: 'approved' });
  });

  test('the public check: a forgiving name by NIK or KPJ, the stage only, and the official address (ASVS 8.3.1)', async () => {
    const t = CATALOG.id;
    const before = await metrics();
    const form = await h.request(server.baseUrl, '/cek-bsu');
    assert.equal(form.status, 200);
    assert.ok(pageText(form).includes(fill(t['subsidy.checker.official_notice'], { official: OFFICIAL_URL })));
    const row = budi.member;
    const typedName = `  ${row.full_name.toUpperCase().replace(/ /g, '   ')} `;
    const res = await check(byNik(row, { full_name: typedName }));
    assert.equal(res.status, 200, pageText(res).slice(0, 400));
    const text = pageText(res);
    assert.ok(text.includes(fill(t['subsidy.stage.y2025.confirmed'], { batch: 1 })), text.slice(0, 600));
    assert.ok(text.includes(t['subsidy.stage.y2022.paid']));
    assert.ok(text.includes(OFFICIAL_URL), 'the official address on the answer too');
    // Never an amount, a bank or an employer; nor the NIK typed.
    assert.ok(!/Rp\s?\d/.test(text), 'no amount');
    assert.ok(!text.includes('7890') && !/\bBCA\b/i.test(text), 'no bank');
    const employers = await sql(`SELECT e.name FROM employers e JOIN employment_spells s ON s.employer_id = e.id WHERE s.member_id = ${row.id}`);
    for (const e of employers) assert.ok(!text.includes(e.name), `no employer (${e.name})`);
    assert.ok(!res.text.includes(row.nik), 'the NIK is not written back');
    const byKpj = await check({ ...byNik(row), number: `${row.kpj.slice(0, 5)} ${row.kpj.slice(5)}` });
    assert.equal(byKpj.status, 200);
    assert.ok(pageText(byKpj).includes(t['subsidy.stage.y2022.paid']));
    // A member no confirmed run considered: matched, nothing to show.
    const sitiRes = await check(byNik(siti.member));
    assert.equal(sitiRes.status, 200);
    assert.ok(pageText(sitiRes).includes(t['subsidy.checker.matched_none']));
    const after = await metrics();
    assert.equal(after.match - before.match, 3);
    assert.equal(after.no_match, before.no_match);
  });

  test('every mismatch gets the same answer: status and page (ASVS 2.2.x, 13.2.x: no enumeration)', async () => {
    const t = CATALOG.id;
    const before = await metrics();
    const row = budi.member;
    const other = rows[2];
    let unknownNik = '3171011708990009';
    while ((await sql(`SELECT id FROM members WHERE nik = '${unknownNik}'`)).length) unknownNik = String(Number(unknownNik) + 1);
    let unknownKpj = '99999999991';
    while ((await sql(`SELECT id FROM members WHERE kpj = '${unknownKpj}'`)).length) unknownKpj = String(Number(unknownKpj) - 1);
    const nextDay = new Date(Date.parse(`${row.birth_date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const cases = {
      'wrong NIK': byNik(row, { number: unknownNik }),
      'wrong birth date': byNik(row, { birth_date_day: String(Number(nextDay.slice(8, 10))), birth_date_month: String(Number(nextDay.slice(5, 7))), birth_date_year: nextDay.slice(0, 4) }),
      'wrong name': byNik(row, { full_name: `${row.full_name} Saputra` }),
      'unknown KPJ': byNik(row, { number: unknownKpj }),
      "another member's NIK": byNik(row, { number: other.nik }),
      'an initial for a word': byNik(row, { full_name: row.full_name.split(' ').length > 2
        ? row.full_name.split(' ').map((w, i, all) => (i === 1 && all.length > 2 ? `${w[0]}.` : w)).join(' ')
        : `${row.full_name[0]}. ${row.full_name.split(' ').slice(1).join(' ')}` }),
    };
    let first;
    for (const [what, fields] of Object.entries(cases)) {
      const res = await check(fields);
      assert.equal(res.status, 422, what);
      assert.ok(pageText(res).includes(t['subsidy.checker.no_match']), what);
      assert.ok(!/data-stage/.test(res.text), `${what}: no stage`);
      const body = normalised(res.text);
      if (!first) first = { what, body };
      else assert.equal(body, first.body, `${what} answers as ${first.what} does`);
    }
    const after = await metrics();
    assert.equal(after.no_match - before.no_match, Object.keys(cases).length);
    assert.equal(after.match, before.match);
    // A number that is no NIK or KPJ is said by its field, before any lookup (not counted).
    const malformed = await check(byNik(row, { number: '12345' }));
    assert.equal(malformed.status, 422);
    assert.ok(pageText(malformed).includes(t['subsidy.checker.number_invalid']));
    assert.deepEqual(await metrics(), after);
    // Without the CSRF token: refused (ASVS 4.2.2).
    const client = new id.Client(server.baseUrl);
    await client.get('/cek-bsu');
    assert.equal((await client.post('/cek-bsu', byNik(row), { csrf: null })).status, 403);
  });

  test('throttled per number from any address and per address for any number (ASVS 2.2.1, 11.1.4)', async () => {
    const t = CATALOG.id;
    const before = await metrics();
    // One number from many addresses: the number's bucket stops the fifth, for a known member too.
    const row = rows[3];
    for (let i = 0; i < NUMBER_PER_HOUR; i++) {
      assert.equal((await check(byNik(row, { full_name: 'Bukan Nama Ini' }))).status, 422);
    }
    const stopped = await check(byNik(row));
    assert.equal(stopped.status, 429);
    assert.ok(pageText(stopped).includes(t['subsidy.checker.throttled']));
    assert.ok(!/data-stage/.test(stopped.text), 'no answer once throttled, even with the right details');
    // One address, many numbers.
    const address = nextAddress();
    for (let i = 0; i < IP_PER_HOUR; i++) {
      const res = await check({ ...byNik(rows[4]), number: `3171011708990${String(1000 + i).slice(1)}` }, address);
      assert.equal(res.status, 422, `check ${i + 1}`);
    }
    const blocked = await check(byNik(rows[4]), address);
    assert.equal(blocked.status, 429);
    assert.ok(pageText(blocked).includes(t['subsidy.checker.throttled']));
    // Another address is not held up by it.
    assert.equal((await check(byNik(rows[4]))).status, 200);
    const after = await metrics();
    assert.equal(after.throttled - before.throttled, 2);
    assert.equal(after.no_match - before.no_match, NUMBER_PER_HOUR + IP_PER_HOUR);
    assert.equal(after.match - before.match, 1);
    const rendered = (await h.request(server.baseUrl, '/metrics')).text;
    assert.match(rendered, /# TYPE lumbung_subsidy_checks_throttled_total gauge/);
  });

  // ---------------------------------------------------------------------------------------------
  // Chromium

  async function checkPage(page, what, { lang, js = true } = {}) {
    const html = await page.content();
    assert.ok(Buffer.byteLength(html) < PAGE_LIMIT, `${what}: ${Buffer.byteLength(html)} bytes, not under 50 KB`);
    assert.ok(!/\[\[[a-z_.]+\]\]/.test(html), `${what}: a catalog id shown untranslated`);
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

  async function newContext(lang, javaScriptEnabled) {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled,
                                               locale: lang === 'en' ? 'en-US' : 'id-ID' });
    context.setDefaultTimeout(10_000);
    contexts.push(context);
    return context;
  }

  async function fillCheck(page, t, row, name) {
    await page.getByLabel(t['subsidy.checker.number'], { exact: true }).fill(row.nik);
    await page.getByLabel(t['form.date.day'], { exact: true }).fill(String(Number(row.birth_date.slice(8, 10))));
    await page.getByLabel(t['form.date.month'], { exact: true }).fill(String(Number(row.birth_date.slice(5, 7))));
    await page.getByLabel(t['form.date.year'], { exact: true }).fill(row.birth_date.slice(0, 4));
    await page.getByLabel(t['subsidy.checker.full_name'], { exact: true }).fill(name);
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
                       page.getByRole('button', { name: t['subsidy.checker.submit'], exact: true }).click()]);
  }

  test('Chromium at 360 px: /subsidy and /cek-bsu axe clean in id and en; the check without JavaScript', { timeout: 180_000 }, async () => {
    browser = await chromium.launch({
      executablePath: process.env.LUMBUNG_TEST_CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox'],
    });
    // Budi's account problem of 2025 shows the bank link and both lists of reasons.
    await setOutcome(2025, { eligible: true, reasons: ['citizen', 'active_on_cutoff', 'wage_within_limit', 'no_bank_account'], accountProblem: true });
    await setPayment(2025, null);
    for (const lang of ['id', 'en']) {
      const t = CATALOG[lang];
      const context = await newContext(lang, true);
      const page = await context.newPage();
      await page.goto(url(`/lang/${lang}?next=${encodeURIComponent('/login?next=/subsidy')}`));
      await page.getByLabel(t['identity.login.identifier']).fill(budi.email);
      await page.getByLabel(t['identity.login.password'], { exact: true }).fill(budi.password);
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }),
                         page.getByRole('button', { name: t['identity.login.submit'], exact: true }).click()]);
      assert.equal(new URL(page.url()).pathname, '/subsidy');
      assert.equal((await page.locator('#year-2025 [data-stage]').innerText()).trim(), t['subsidy.stage.y2025.account_problem']);
      await checkPage(page, `${lang} /subsidy`, { lang });
      await page.getByRole('link', { name: t['subsidy.member.bank_link'] }).first().waitFor();

      // The public check in a browser without a session.
      const anonymous = await (await newContext(lang, true)).newPage();
      await anonymous.goto(url(`/lang/${lang}?next=/cek-bsu`));
      await checkPage(anonymous, `${lang} /cek-bsu`, { lang });
      await fillCheck(anonymous, t, rows[5], 'Nama Yang Salah');
      await anonymous.locator('.error-summary').waitFor();
      assert.ok((await anonymous.locator('main').innerText()).includes(t['subsidy.checker.no_match']));
      await checkPage(anonymous, `${lang} /cek-bsu no match`, { lang });
      await anonymous.goto(url('/cek-bsu'));
      await fillCheck(anonymous, t, budi.member, budi.member.full_name.toLowerCase());
      assert.equal((await anonymous.locator('[data-stage="2025"]').innerText()).trim(), t['subsidy.stage.y2025.account_problem']);
      await checkPage(anonymous, `${lang} /cek-bsu answer`, { lang });
    }
    // Without JavaScript: the form posts, the answer and the mismatch are plain pages.
    const t = CATALOG.id;
    const page = await (await newContext('id', false)).newPage();
    await page.goto(url('/cek-bsu'));
    await checkPage(page, 'no-JS /cek-bsu', { lang: 'id', js: false });
    await fillCheck(page, t, rows[6], rows[6].full_name);
    assert.equal(new URL(page.url()).pathname, '/cek-bsu');
    assert.ok((await page.locator('main').innerText()).includes(t['subsidy.checker.matched_none']));
    await checkPage(page, 'no-JS answer', { lang: 'id', js: false });
    await page.goto(url('/cek-bsu'));
    await fillCheck(page, t, rows[6], 'Orang Lain Sama Sekali');
    assert.ok((await page.locator('.error-summary').innerText()).includes(t['subsidy.checker.no_match']));
    await checkPage(page, 'no-JS mismatch', { lang: 'id', js: false });
  });
});
