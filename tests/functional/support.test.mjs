// Support conversations (src/support over core/uploads): a member opens a conversation with a
// PDF attached, staff with member_services see it in the queue, take it and reply; the member is
// told by inbox and mail (which says only that there is a reply) and reads it. Attachments are
// judged by their content (a text file named x.pdf, an oversized file, an empty one, a name
// with path characters); other members, employer users, anonymous visitors and staff without
// member_services see nothing of it; every form needs its CSRF token. Then Chromium with
// axe-core at 360 px in Indonesian and English, and the same journey without JavaScript.
// Backend: LUMBUNG_TEST_BACKEND. Requirement IDs: OWASP ASVS 4.0.3 V4.1.1/V4.1.3 (access by
// role), V4.2.1 (IDOR), V4.2.2 (CSRF), V12.1.1 (size limits), V12.2.1 (type by content),
// V12.3.1 (file names), V12.5.2 (downloads as attachments), V7.1 (audit).
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
const ID = h.loadCatalog('id');
const EN = h.loadCatalog('en');
const CATALOG = { id: ID, en: EN };
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const MAX_FILE = 5 * 1024 * 1024;
const MAX_UPLOAD = 12 * 1024 * 1024;

const pageText = (res) => h.htmlText(res.text);
const fill = (message, values = {}) => message.replace(/\{\{(\w+)\}\}/g, (_, k) => String(values[k] ?? `{{${k}}}`));

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

// A multipart/form-data POST as a browser sends it: text fields, then files ({name, content}).
async function postMultipart(client, target, fields, files = [], { csrf } = {}) {
  const boundary = '----lumbungsupport' + Math.random().toString(16).slice(2);
  const parts = [];
  const all = csrf === null ? fields : { csrf: csrf ?? client.csrf, ...fields };
  for (const [name, value] of Object.entries(all)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="${f.name}"\r\n` +
                           `Content-Type: ${f.type ?? 'application/pdf'}\r\n\r\n`));
    parts.push(Buffer.isBuffer(f.content) ? f.content : Buffer.from(f.content));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return client.request(target, {
    method: 'POST', headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, body: Buffer.concat(parts),
  });
}

describe(`support conversations on ${backend}`, () => {
  let sink;
  let server;
  let portal;
  let siti;      // a member: {client, email, password, accountId}
  let other;     // another member
  let employer;  // an employer's administrator
  let staff;     // member_services
  let editor;    // staff without member_services
  let ref;       // the conversation siti opened

  const sql = (query) => id.sqlRows(server.database, query);
  const uploadsDir = () => path.join(server.dir, 'data', 'uploads');
  const storedFiles = () => (fs.existsSync(uploadsDir()) ? fs.readdirSync(uploadsDir()) : []);
  async function snapshot() {
    const [row] = await sql(
      'SELECT (SELECT COUNT(*) FROM support_conversations) AS conversations, ' +
      '(SELECT COUNT(*) FROM support_messages) AS messages, ' +
      '(SELECT COUNT(*) FROM support_attachments) AS attachments, ' +
      "(SELECT COUNT(*) FROM audit_log WHERE action LIKE 'support.%') AS audited");
    return { ...Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])), files: storedFiles().length };
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
    return { client, email, password, accountId: Number(a.id) };
  }

  // Opens a conversation as `who`: the first step, the check page, then the send with files.
  async function open(who, { topic = 'claims', subject = 'Klaim JHT saya', body = 'Kapan klaim JHT saya dibayar?', files = [] } = {}) {
    await who.client.get('/support/new');
    const checked = await who.client.post('/support/new/check', { topic, subject, body });
    assert.equal(checked.status, 200, pageText(checked).slice(0, 400));
    return postMultipart(who.client, '/support/new', { topic, subject, body }, files);
  }

  before(async () => {
    sink = await startMailSink();
    server = await h.startServer({ env: { ...sink.env, LUMBUNG_HTTP_MAX_UPLOAD_BYTES: String(MAX_UPLOAD) } });
    portal = { baseUrl: server.baseUrl, database: server.database };
    await id.seedMembers(server.database, 5);
    const rows = await id.memberRows(server.database, 2);
    siti = await registerMember(rows[0], 'support-siti');
    other = await registerMember(rows[1], 'support-other');
    await id.sqlExec(server.database,
      "INSERT INTO employers (npp, name, sector, province_code, jkk_risk_class, registered_on) VALUES " +
      "('SUPA0001', 'PT Tanya Jawab', 'manufacturing', 31, 1, '2015-01-01')");
    const [e] = await sql("SELECT id FROM employers WHERE npp = 'SUPA0001'");
    employer = await id.signedInEmployerAdmin(portal, sink, { employerId: Number(e.id) });
    staff = await id.signedInStaff(portal, sink, { staffRoles: ['member_services'], name: 'Petugas Layanan' });
    editor = await id.signedInStaff(portal, sink, { staffRoles: ['content_editor'] });
  });
  after(async () => {
    await server?.stop();
    await sink?.stop();
  });

  test('a member opens a conversation with a PDF; it is stored under a random name outside the web root and audited', async () => {
    const before = await snapshot();
    const res = await open(siti, { files: [{ name: 'surat keterangan.pdf', content: PDF }] });
    assert.equal(res.status, 303, pageText(res).slice(0, 500));
    const m = /^\/support\/(S-\d{6}-\d)\?notice=sent$/.exec(res.headers.location);
    assert.ok(m, res.headers.location);
    ref = m[1];
    const page = await siti.client.get(res.headers.location);
    assert.equal(page.status, 200);
    const text = pageText(page);
    assert.ok(text.includes(ID['support.notice.sent']));
    assert.ok(text.includes('Kapan klaim JHT saya dibayar?'));
    assert.ok(text.includes('surat keterangan.pdf'));
    assert.ok(text.includes(ref));
    assert.ok(text.includes(ID['support.state.new']));
    const after = await snapshot();
    assert.deepEqual(after, { ...before, conversations: before.conversations + 1, messages: before.messages + 1,
                              attachments: before.attachments + 1, audited: before.audited + 1, files: before.files + 1 });
    const [stored] = await sql("SELECT file_id, display_name, kind, size_bytes FROM support_attachments ORDER BY id DESC LIMIT 1");
    assert.equal(stored.display_name, 'surat keterangan.pdf');
    assert.equal(stored.kind, 'pdf');
    assert.match(stored.file_id, /^[A-Za-z0-9_-]{32}$/);
    const file = path.join(uploadsDir(), stored.file_id);
    assert.deepEqual(fs.readFileSync(file), PDF);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.ok(!fs.existsSync(path.join(h.shareDir(), 'static', stored.file_id)));
    const [audit] = await sql("SELECT actor_user_id, subject_user_id, details FROM audit_log WHERE action = 'support.conversation_opened'");
    assert.equal(Number(audit.actor_user_id), siti.accountId);
    assert.deepEqual(JSON.parse(audit.details), { attachments: '1', conversation: ref });
    // The member's list.
    const list = await siti.client.get('/support');
    assert.equal(list.status, 200);
    assert.ok(pageText(list).includes('Klaim JHT saya'));
  });

  test('before sending, the check page suggests help articles that may answer it, and "send anyway" works without JavaScript', async () => {
    await other.client.get('/support/new');
    const checked = await other.client.post('/support/new/check', {
      topic: 'claims', subject: 'Cara mengajukan klaim JHT', body: 'Bagaimana cara mengajukan klaim JHT saya?' });
    assert.equal(checked.status, 200);
    const list = /<ul class="link-list" id="suggestions">([\s\S]*?)<\/ul>/.exec(checked.text);
    assert.ok(list, 'suggestions are shown');
    const links = [...list[1].matchAll(/<a href="([^"]+)"/g)].map((m) => m[1]);
    assert.ok(links.length >= 1 && links.length <= 3, `1 to 3 articles: ${links}`);
    for (const href of links) assert.match(href, /^\/help\//);
    assert.ok(pageText(checked).includes(ID['support.check.send_anyway']));
    const form = id.parseForms(checked.text).find((f) => f.action === '/support/new');
    assert.ok(form, 'the send form is there, a plain form');
    assert.match(checked.text, /value="Cara mengajukan klaim JHT"/);
  });

  test('ASVS 12.5.2: the owner downloads the attachment as a download of the type its content proved', async () => {
    const page = await siti.client.get(`/support/${ref}`);
    const href = /href="(\/support\/S-[^"]+\/files\/\d+)"/.exec(page.text)[1];
    const res = await siti.client.get(href);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.match(res.headers['content-disposition'], /^attachment; filename="surat keterangan\.pdf"; filename\*=UTF-8''surat%20keterangan\.pdf$/);
    assert.deepEqual(res.body, PDF);
  });

  test('staff with member_services see it in the queue, open it (audited), take it and reply; the member is told without the content', async () => {
    const queue = await staff.client.get('/staff/support');
    assert.equal(queue.status, 200, pageText(queue).slice(0, 300));
    assert.ok(pageText(queue).includes('Klaim JHT saya'));
    assert.ok(pageText(queue).includes(ref));
    const fresh = await staff.client.get('/staff/support?state=new');
    assert.ok(pageText(fresh).includes(ref));
    const waiting = await staff.client.get('/staff/support?state=waiting_for_member');
    assert.ok(!pageText(waiting).includes(ref));
    const before = await snapshot();
    const page = await staff.client.get(`/staff/support/${ref}`);
    assert.equal(page.status, 200);
    assert.ok(pageText(page).includes('Kapan klaim JHT saya dibayar?'));
    assert.equal((await snapshot()).audited, before.audited + 1, 'the look is audited');
    const [viewed] = await sql(`SELECT actor_user_id, subject_user_id FROM audit_log WHERE action = 'support.conversation_viewed'`);
    assert.equal(Number(viewed.actor_user_id), staff.accountId);
    assert.equal(Number(viewed.subject_user_id), siti.accountId);
    const assigned = await staff.client.post(`/staff/support/${ref}/assign`, {});
    assert.equal(assigned.status, 303);
    const [conv] = await sql('SELECT assigned_to, state FROM support_conversations');
    assert.equal(Number(conv.assigned_to), staff.accountId);
    await staff.client.get(`/staff/support/${ref}`);
    const reply = await postMultipart(staff.client, `/staff/support/${ref}/reply`,
                                      { body: 'Klaim Anda sedang diverifikasi.\n\nMohon tunggu.' },
                                      [{ name: 'panduan.png', content: PNG, type: 'image/png' }]);
    assert.equal(reply.status, 303, pageText(reply).slice(0, 400));
    const [after] = await sql('SELECT state FROM support_conversations');
    assert.equal(after.state, 'waiting_for_member');
    // The inbox item and the mail: only that there is a reply, with a link.
    const [item] = await sql(`SELECT message_id, message_values, link FROM inbox_items WHERE account_id = ${siti.accountId} AND message_id = 'support.inbox.reply'`);
    assert.equal(item.link, `/support/${ref}`);
    const mail = await h.pollUntil(() => sink.messages().find((x) => x.to?.includes(siti.email) && x.subject === ID['support.mail.subject']) ?? null,
                                   { what: 'the reply mail' });
    assert.ok(!mail.text.includes('diverifikasi'), 'the mail never carries the reply');
    assert.ok(!mail.text.includes('Klaim JHT saya'), 'nor the subject');
    assert.ok(mail.text.includes(fill(ID['support.inbox.reply'], { reference: ref })));
    assert.equal(sink.messages().filter((x) => x.to?.includes(staff.email) && x.subject === ID['support.mail.subject']).length, 0,
                 'staff get nothing by mail');
  });

  test('the member reads the reply, downloads its attachment, answers (back to staff) and closes', async () => {
    const notifications = await siti.client.get('/notifications');
    assert.ok(pageText(notifications).includes(fill(ID['support.inbox.reply'], { reference: ref })));
    const page = await siti.client.get(`/support/${ref}`);
    const text = pageText(page);
    assert.ok(text.includes('Klaim Anda sedang diverifikasi.'));
    assert.ok(text.includes(ID['support.conversation.fund_staff']));
    assert.ok(!text.includes('Petugas Layanan'), 'staff names are not shown to members');
    assert.ok(text.includes(ID['support.state.waiting_for_member']));
    const png = [...page.text.matchAll(/href="(\/support\/S-[^"]+\/files\/\d+)"/g)].map((x) => x[1])[1];
    const file = await siti.client.get(png);
    assert.equal(file.headers['content-type'], 'image/png');
    assert.deepEqual(file.body, PNG);
    const answered = await postMultipart(siti.client, `/support/${ref}/reply`, { body: 'Terima kasih, saya tunggu.' });
    assert.equal(answered.status, 303);
    assert.equal((await sql('SELECT state FROM support_conversations'))[0].state, 'waiting_for_staff');
    const staffQueue = await staff.client.get('/staff/support?state=waiting_for_staff');
    assert.ok(pageText(staffQueue).includes(ref));
    await siti.client.get(`/support/${ref}`);
    const closed = await siti.client.post(`/support/${ref}/close`, {});
    assert.equal(closed.status, 303);
    assert.equal((await sql('SELECT state FROM support_conversations'))[0].state, 'closed');
    // A closed conversation takes no more messages.
    const late = await postMultipart(siti.client, `/support/${ref}/reply`, { body: 'Satu lagi' });
    assert.equal(late.status, 422);
    assert.ok(pageText(late).includes(ID['support.error.closed']));
    const actions = (await sql("SELECT action FROM audit_log WHERE action LIKE 'support.%' ORDER BY id")).map((r) => r.action);
    for (const a of ['support.conversation_opened', 'support.conversation_viewed', 'support.conversation_assigned',
                     'support.message_sent', 'support.conversation_closed']) {
      assert.ok(actions.includes(a), a);
    }
    const security = await siti.client.get('/account/security');
    assert.ok(pageText(security).includes(ID['identity.activity.support.conversation_viewed']), 'the member sees staff looked');
  });

  test('ASVS 12.2.1, 12.1.1: a text file named x.pdf, an oversized file, an empty file and too many files are refused with a translated error, nothing kept', async () => {
    const before = await snapshot();
    const cases = [
      [[{ name: 'x.pdf', content: 'this is only text, not a PDF\n' }], fill(ID['support.error.file_unsupported_type'], { name: 'x.pdf' })],
      [[{ name: 'x.png', content: '<html><script>alert(1)</script></html>', type: 'image/png' }], fill(ID['support.error.file_unsupported_type'], { name: 'x.png' })],
      [[{ name: 'besar.pdf', content: Buffer.concat([PDF.subarray(0, 9), Buffer.alloc(MAX_FILE), Buffer.from('\n%%EOF\n')]) }],
       fill(ID['support.error.file_too_big'], { name: 'besar.pdf', max: 5 })],
      [[{ name: 'kosong.pdf', content: '' }], fill(ID['support.error.file_empty'], { name: 'kosong.pdf' })],
      [[{ name: 'rusak.pdf', content: '%PDF-1.7\nno end' }], fill(ID['support.error.file_damaged'], { name: 'rusak.pdf' })],
      [[1, 2, 3, 4].map((n) => ({ name: `${n}.pdf`, content: PDF })), fill(ID['support.error.too_many_files'], { max: 3 })],
    ];
    for (const [files, message] of cases) {
      const res = await open(other, { files });
      assert.equal(res.status, 422, `${message}: ${res.status}`);
      assert.ok(h.decodeEntities(res.text).includes(message), message);
      assert.match(res.text, /id="f-attachments-error"/);
      assert.match(res.text, /aria-describedby="f-attachments-hint f-attachments-error"/);
      assert.ok(h.htmlTitle(res.text).startsWith(ID['title.error_prefix'].trim()));
      assert.ok(pageText(res).includes(ID['support.form.files_again']));
      assert.match(res.text, /value="Klaim JHT saya"/, 'the text kept');
    }
    assert.deepEqual(await snapshot(), before);
    // A body over http.max_upload_bytes is stopped by the server: 413.
    const huge = await open(other, { files: [{ name: 'a.pdf', content: Buffer.alloc(MAX_UPLOAD + 1) }] });
    assert.equal(huge.status, 413);
    assert.deepEqual(await snapshot(), before);
  });

  test('ASVS 12.3.1: a name with path characters is stored and shown safely', async () => {
    const res = await open(other, { subject: 'Nama berkas', files: [
      { name: '../../etc/passwd.pdf', content: PDF },
      { name: '<img src=x onerror=alert(1)>.pdf', content: PDF },
    ] });
    assert.equal(res.status, 303, pageText(res).slice(0, 400));
    const names = (await sql('SELECT display_name FROM support_attachments ORDER BY id DESC LIMIT 2')).map((r) => r.display_name).sort();
    assert.deepEqual(names, ['_img src=x onerror=alert(1)_.pdf', 'passwd.pdf']);
    const page = await other.client.get(res.headers.location);
    assert.ok(!page.text.includes('<img src=x'), 'never markup');
    assert.ok(page.text.includes('_img src=x onerror=alert(1)_.pdf'));
    for (const f of storedFiles()) assert.match(f, /^[A-Za-z0-9_-]{32}$/, 'stored under random names only');
  });

  test('ASVS 4.2.1, 4.1.1: another member, an employer user, staff without member_services and anonymous visitors see nothing of it', async () => {
    const page = await siti.client.get(`/support/${ref}`);
    const file = /href="(\/support\/S-[^"]+\/files\/\d+)"/.exec(page.text)[1];
    const before = await snapshot();
    for (const who of [other, employer]) {
      for (const target of [`/support/${ref}`, file]) {
        assert.equal((await who.client.get(target)).status, 404, target);
      }
      await who.client.get('/support');
      assert.equal((await postMultipart(who.client, `/support/${ref}/reply`, { body: 'x' })).status, 404);
      assert.equal((await who.client.post(`/support/${ref}/close`, {})).status, 404);
      assert.ok(!pageText(await who.client.get('/support')).includes(ref));
      for (const target of ['/staff/support', `/staff/support/${ref}`, file.replace('/support/', '/staff/support/')]) {
        assert.equal((await who.client.get(target)).status, 403, target);
      }
    }
    for (const target of ['/staff/support', `/staff/support/${ref}`]) {
      assert.equal((await editor.client.get(target)).status, 403, target);
    }
    await editor.client.get('/account/security');
    assert.equal((await postMultipart(editor.client, `/staff/support/${ref}/reply`, { body: 'x' })).status, 403);
    assert.equal((await staff.client.get(`/support/${ref}`)).status, 403, 'staff use the staff pages');
    const anonymous = new id.Client(server.baseUrl);
    const res = await anonymous.get(`/support/${ref}`);
    assert.equal(res.status, 303);
    assert.match(res.headers.location, /^\/login\?next=/);
    assert.equal((await anonymous.get(file)).status, 303);
    assert.equal((await anonymous.get('/staff/support')).status, 303);
    // A made-up or mistyped reference is the same 404.
    for (const bad of ['S-000999-0', 'S-000001-0', 'abc']) {
      assert.equal((await siti.client.get(`/support/${bad}`)).status, 404, bad);
    }
    assert.deepEqual(await snapshot(), before);
  });

  test('ASVS 4.2.2: every form needs its CSRF token', async () => {
    const before = await snapshot();
    const check = await other.client.post('/support/new/check', { topic: 'other', subject: 's', body: 'b' }, { csrf: null });
    assert.equal(check.status, 403);
    const send = await postMultipart(other.client, '/support/new', { topic: 'other', subject: 's', body: 'b' }, [], { csrf: null });
    assert.equal(send.status, 403);
    const forged = await postMultipart(other.client, '/support/new', { topic: 'other', subject: 's', body: 'b' }, [], { csrf: 'forged' });
    assert.equal(forged.status, 403);
    const reply = await postMultipart(staff.client, `/staff/support/${ref}/reply`, { body: 'x' }, [], { csrf: null });
    assert.equal(reply.status, 403);
    assert.equal((await staff.client.post(`/staff/support/${ref}/close`, {}, { csrf: null })).status, 403);
    assert.deepEqual(await snapshot(), before);
  });

  test('the form checks every field at once', async () => {
    await other.client.get('/support/new');
    const res = await other.client.post('/support/new/check', { topic: 'nope', subject: ' ', body: '' });
    assert.equal(res.status, 422);
    for (const message of [ID['support.error.topic'], ID['support.error.subject_missing'], ID['support.error.body_missing']]) {
      assert.ok(h.decodeEntities(res.text).includes(message), message);
    }
    assert.match(res.text, /href="#f-subject"/);
  });

  describe('in Chromium at 360 px', () => {
    let browser;
    before(async () => {
      browser = await chromium.launch({
        executablePath: process.env.LUMBUNG_TEST_CHROMIUM || '/usr/bin/chromium',
        args: ['--no-sandbox'],
      });
    });
    after(async () => { await browser?.close(); });

    // Axe and page.evaluate run only where JavaScript does; without it the journey itself and
    // the page size are what is checked.
    let script = true;
    async function checkPage(page, what) {
      const html = await page.content();
      assert.ok(Buffer.byteLength(html) < 50 * 1024, `${what}: under 50 KB`);
      if (!script) return;
      const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
      assert.deepEqual(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`), [], what);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${what}: no horizontal scroll at 360 px (overflow ${overflow}px)`);
    }

    async function memberBrowser(lang, javaScriptEnabled) {
      const t = CATALOG[lang];
      const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled,
                                                 locale: lang === 'en' ? 'en-US' : 'id-ID' });
      const page = await context.newPage();
      await page.goto(`${server.baseUrl}/lang/${lang}?next=${encodeURIComponent('/login?next=/support')}`);
      await page.getByLabel(t['identity.login.identifier']).fill(other.email);
      await page.getByLabel(t['identity.login.password'], { exact: true }).fill(other.password);
      await page.getByRole('button', { name: t['identity.login.submit'], exact: true }).click();
      await page.waitForURL((url) => url.pathname === '/support');
      return { context, page };
    }

    for (const [lang, js] of [['id', true], ['en', true], ['id', false]]) {
      test(`WCAG 2.2 AA (axe): list, new, check, errors, sent, conversation and the staff queue in ${lang}${js ? '' : ' without JavaScript'}`, { timeout: 180_000 }, async () => {
        const t = CATALOG[lang];
        script = js;
        const { context, page } = await memberBrowser(lang, js);
        const dir = h.makeTempDir('lumbung-support-files-');
        try {
          await checkPage(page, `${lang} /support`);
          await page.getByRole('link', { name: t['support.list.new'], exact: true }).click();
          await page.waitForURL(/\/support\/new$/);
          await checkPage(page, `${lang} new`);
          await page.getByRole('button', { name: t['support.new.continue'], exact: true }).click();
          await page.locator('.error-summary').waitFor();
          await checkPage(page, `${lang} new with errors`);
          await page.getByLabel(t['support.topic.savings'], { exact: true }).check();
          await page.getByLabel(t['support.form.subject'], { exact: true }).fill(`Saldo ${lang} ${js}`);
          await page.getByLabel(t['support.form.body'], { exact: true }).fill('Saldo JHT saya tidak bertambah bulan ini.');
          await page.getByRole('button', { name: t['support.new.continue'], exact: true }).click();
          await page.getByRole('heading', { name: t['support.check.heading'], level: 1 }).waitFor();
          await checkPage(page, `${lang} check`);
          const wrong = path.join(dir, 'x.pdf');
          fs.writeFileSync(wrong, 'not a pdf');
          await page.getByLabel(t['support.form.attachments']).setInputFiles(wrong);
          await page.locator('form[action="/support/new"] button[type="submit"]').click();
          await page.locator('#f-attachments-error').waitFor();
          await checkPage(page, `${lang} file refused`);
          const good = path.join(dir, 'bukti.pdf');
          fs.writeFileSync(good, PDF);
          await page.getByLabel(t['support.form.attachments']).setInputFiles(good);
          await page.locator('form[action="/support/new"] button[type="submit"]').click();
          await page.waitForURL(/notice=sent$/);
          await checkPage(page, `${lang} sent`);
          assert.ok((await page.locator('main').textContent()).includes('bukti.pdf'));
          await page.getByLabel(t['support.form.reply_body']).fill('Tambahan informasi.');
          await page.getByRole('button', { name: t['support.conversation.send_reply'], exact: true }).click();
          await page.waitForURL(/notice=replied$/);
          await checkPage(page, `${lang} replied`);
          await page.getByRole('button', { name: t['support.conversation.close'], exact: true }).click();
          await page.waitForURL(/notice=closed$/);
          await checkPage(page, `${lang} closed`);
        } finally {
          await context.close();
          fs.rmSync(dir, { recursive: true, force: true });
        }
        if (js) {
          const signedIn = await id.signInInBrowser(browser, server.baseUrl, staff, { lang, landing: '/staff/support' });
          try {
            await checkPage(signedIn.page, `${lang} staff queue`);
            await signedIn.page.locator('#queue a').first().click();
            await signedIn.page.waitForURL(/\/staff\/support\/S-/);
            await checkPage(signedIn.page, `${lang} staff conversation`);
          } finally {
            await signedIn.context.close();
          }
        }
      });
    }
  });
});
