// Upload attacks on claim documents (POST /claims/{id}/documents, member_documents_routes.cc)
// end to end: the real `lumbung` over HTTP, the real document checks (core/uploads
// document_intake.h: libvips, qpdf) and a real clamd (CTest fixture `clamd`,
// tests/support/clamd_daemon, whose signatures find the EICAR test string anywhere in a file).
//   - A well-formed PDF carrying the EICAR string is refused by the scanner: a translated error,
//     nothing stored, the refusal audited.
//   - A JPEG with an HTML/script payload appended (a polyglot) is accepted as a picture only:
//     what is stored and downloaded is re-encoded and holds no payload; photos (JPEG, PNG) come
//     back without their EXIF GPS position or text chunks, turned upright.
//   - An encrypted PDF (qpdf at test time) and a PNG decompression bomb (20000 x 20000 pixels in
//     a few kilobytes, made with zlib here) are refused with translated errors, nothing stored.
//   - The scanner down, then back (a second server whose uploads.clamd_socket is a symlink the
//     test points at nothing, then at the fixture's socket): a clean PDF is accepted and shown as
//     being checked, neither the member nor staff can open it and staff cannot accept it; once
//     the scanner answers, the claims.scan job (uploads.rescan_seconds = 1) clears it for staff,
//     and a PDF carrying EICAR that came in meanwhile is marked infected, its bytes removed and
//     the member told by inbox and mail.
// Every answer is checked in Indonesian (the default), one in English.
// Backend: LUMBUNG_TEST_BACKEND; the fixture's socket path is in the file named by
// LUMBUNG_TEST_CLAMD_SOCKET_FILE. OWASP ASVS 4.0.3: 12.1.1 (size), 12.1.2 (decompression bombs),
// 12.2.1 (type and content checked, images re-encoded), 12.3.1 (names), 12.4.1 (stored under
// random ids outside the web root), 12.4.2 (malware scanning, files held until scanned), 12.5.2
// (downloads as attachments), 7.1.x (audit).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { after, before, describe, test } from 'node:test';

import * as h from './harness.mjs';
import * as id from './identity_support.mjs';
import { startMailSink } from './mail_sink.mjs';

const backend = h.currentBackend();
const ID = h.loadCatalog('id');
const EN = h.loadCatalog('en');

const pageText = (res) => h.htmlText(res.text);
const fill = (message, values = {}) => message.replace(/\{\{(\w+)\}\}/g, (_, k) => String(values[k] ?? `{{${k}}}`));

// The path of the fixture clamd's socket.
function clamdSocket() {
  const file = process.env.LUMBUNG_TEST_CLAMD_SOCKET_FILE;
  assert.ok(file, 'LUMBUNG_TEST_CLAMD_SOCKET_FILE is not set: run this test through ctest (fixture clamd)');
  assert.ok(fs.existsSync(file), `${file} does not exist: is the clamd fixture running?`);
  const socket = fs.readFileSync(file, 'utf8').trim();
  assert.ok(socket && fs.existsSync(socket), `no clamd socket at '${socket}'`);
  return socket;
}

// ---------------------------------------------------------------------------------------------
// Files, built here

// The anti-virus industry's harmless test string (68 bytes), assembled so that no file in the
// source tree is itself detected.
const EICAR = 'X5O!P%@AP[4\\PZX54(P^)7CC)7}$' + 'EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*';
assert.equal(EICAR.length, 68);

// A one-page letter as a well-formed PDF (xref at the right offsets); `more` are streams added as
// objects 6... that nothing refers to.
function letterPdf({ text = 'Surat keterangan kerja', more = [] } = {}) {
  const content = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ...more.map((data) => `<< /Length ${Buffer.byteLength(data, 'latin1')} >>\nstream\n${data}\nendstream`),
  ];
  let out = '%PDF-1.4\n';
  const offsets = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
const PDF = letterPdf();
const PDF_TWO = letterPdf({ text: 'Surat keterangan berhenti bekerja' });
// Passes every content check (a PDF, well formed, nothing active): only the scanner can stop it.
const PDF_EICAR = letterPdf({ more: [EICAR] });

// A 32 x 16 JPEG (libvips, no metadata), made once and kept here.
const JPEG = Buffer.from(
  '/9j/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/' +
  '2wBDAQkJCQwLDBgNDRgyIRwhMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjL/wAAR' +
  'CAAQACADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQID' +
  'AAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNk' +
  'ZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl' +
  '5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAEC' +
  'AxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpj' +
  'ZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk' +
  '5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDwMLTwtOC1IFq0gjIYFqQLTgtPC1qkbRkf/9k=', 'base64');

// A JPEG that is also an HTML page: a browser sniffing it would run the script.
const POLYGLOT_PAYLOAD = '<html><body><script>fetch("/staff/claims").then((r) => r.text()).then(alert)</script></body></html>';
const JPEG_POLYGLOT = Buffer.concat([JPEG, Buffer.from(POLYGLOT_PAYLOAD)]);

// EXIF as a little-endian TIFF structure: IFD0 with the orientation and a pointer to the GPS IFD
// holding 6°10'S 106°49'E (Jakarta), as a phone writes it.
function exifWithGps(orientation) {
  const parts = [];
  const u16 = (v) => { const b = Buffer.alloc(2); b.writeUInt16LE(v); parts.push(b); };
  const u32 = (v) => { const b = Buffer.alloc(4); b.writeUInt32LE(v); parts.push(b); };
  const entry = (tag, type, count, value) => { u16(tag); u16(type); u32(count); u32(value); };
  const ifd0 = 8;
  const ifd0Size = 2 + 2 * 12 + 4;
  const gps = ifd0 + ifd0Size;
  const gpsSize = 2 + 4 * 12 + 4;
  const latitude = gps + gpsSize;
  const longitude = latitude + 24;
  parts.push(Buffer.from('II'));
  u16(42);
  u32(ifd0);
  u16(2);
  entry(0x0112, 3, 1, orientation); // Orientation
  entry(0x8825, 4, 1, gps);         // GPSInfo IFD
  u32(0);
  u16(4);
  entry(0x0001, 2, 2, 'S'.charCodeAt(0)); // GPSLatitudeRef
  entry(0x0002, 5, 3, latitude);
  entry(0x0003, 2, 2, 'E'.charCodeAt(0)); // GPSLongitudeRef
  entry(0x0004, 5, 3, longitude);
  u32(0);
  for (const v of [6, 1, 10, 1, 0, 1, 106, 1, 49, 1, 0, 1]) u32(v);
  return Buffer.concat(parts);
}

function jpegSegment(marker, body) {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

// The JPEG as a phone sends it: EXIF with GPS and orientation 6 (held sideways: the 32 x 16
// sensor image shows as 16 x 32) and a comment with the owner's name.
const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');
const JPEG_GPS = Buffer.concat([
  JPEG.subarray(0, 2),
  jpegSegment(0xe1, Buffer.concat([EXIF_HEADER, exifWithGps(6)])),
  jpegSegment(0xfe, Buffer.from('Foto milik Siti Rahayu')),
  JPEG.subarray(2),
]);

// The markers of a JPEG's segments up to the scan, and its size from the frame header.
function jpegInfo(buf) {
  assert.equal(buf.readUInt16BE(0), 0xffd8, 'starts with SOI');
  const markers = [];
  let size;
  let i = 2;
  while (i + 4 <= buf.length) {
    assert.equal(buf[i], 0xff, `a marker at ${i}`);
    const marker = buf[i + 1];
    markers.push(marker);
    const length = buf.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) {
      size = { height: buf.readUInt16BE(i + 5), width: buf.readUInt16BE(i + 7) };
    }
    if (marker === 0xda) break;
    i += 2 + length;
  }
  return { markers, size };
}

// CRC-32 as PNG chunks carry it.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function pngChunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngHeader(width, height, depth, colourType) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = depth;
  ihdr[9] = colourType;
  return pngChunk('IHDR', ihdr);
}

// A 40 x 30 RGB picture as a PNG, with a text chunk (the owner's name) and EXIF with GPS after
// its header.
function pngWithMetadata(width = 40, height = 30) {
  const rows = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) row.set([x * 6, y * 8, (x + y) * 3], 1 + x * 3);
    rows.push(row);
  }
  return Buffer.concat([
    PNG_SIGNATURE, pngHeader(width, height, 8, 2),
    pngChunk('tEXt', Buffer.from('Author\0Siti Rahayu, Jl. Melati 5', 'latin1')),
    pngChunk('eXIf', exifWithGps(1)),
    pngChunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}
const PNG_GPS = pngWithMetadata();

// The chunk types of a PNG, and its size from IHDR.
function pngInfo(buf) {
  assert.ok(buf.subarray(0, 8).equals(PNG_SIGNATURE), 'a PNG signature');
  const types = [];
  for (let i = 8; i + 8 <= buf.length;) {
    const length = buf.readUInt32BE(i);
    types.push(buf.toString('latin1', i + 4, i + 8));
    i += 12 + length;
  }
  return { types, width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

// A valid PNG of 20000 x 20000 one-bit grey pixels, all zero: some 50 KB that would decode to
// 400 million pixels.
function pngBomb(width = 20000, height = 20000) {
  const raw = Buffer.alloc((1 + Math.ceil(width / 8)) * height); // filter byte 0 and zero bits
  return Buffer.concat([
    PNG_SIGNATURE, pngHeader(width, height, 1, 0),
    pngChunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

// `pdf` encrypted with AES-256 by the qpdf command (user password "" opens it without one).
async function encryptedPdf(pdf, userPassword) {
  const dir = h.makeTempDir('lumbung-qpdf-');
  try {
    fs.writeFileSync(path.join(dir, 'in.pdf'), pdf);
    const result = await h.run('qpdf', ['--encrypt', userPassword, 'rahasia-pemilik', '256', '--',
                                        path.join(dir, 'in.pdf'), path.join(dir, 'out.pdf')], { timeoutMs: 30_000 });
    assert.equal(result.code, 0, `qpdf: ${result.stderr}`);
    return fs.readFileSync(path.join(dir, 'out.pdf'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// The member's side, as a browser sends it

function isoDaysAgo(days) {
  return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
}

// A multipart/form-data POST: text fields (with the client's CSRF token), then files.
async function postMultipart(client, target, fields, files = []) {
  const boundary = '----lumbunguploads' + Math.random().toString(16).slice(2);
  const parts = [];
  for (const [name, value] of Object.entries({ csrf: client.csrf, ...fields })) {
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

// What one server's test needs: the server, SQL on its database, a member with an eligible JHT
// draft claim up to the documents step.
async function claimsPortal(sink, env) {
  const server = await h.startServer({ env: { ...sink.env, ...env } });
  const sql = (query) => id.sqlRows(server.database, query);
  const exec = (statement) => id.sqlExec(server.database, statement);
  await id.seedMembers(server.database, 2);
  const [row] = await id.memberRows(server.database, 1);

  const client = new id.Client(server.baseUrl);
  const email = id.uniqueEmail('uploads-siti');
  const password = id.newPassword();
  const { res } = await client.submit('/register', {
    nik: row.nik, kpj: row.kpj, birth_date: row.birth_date, email, username: '', password,
  });
  assert.equal(res.status, 303, pageText(res).slice(0, 300));
  await client.submit(id.mailLink(await new id.Mailbox(sink, email).next('verify_email'), '/verify-email'));
  assert.equal((await client.submit('/login', { identifier: email, password })).res.headers.location, '/dashboard');
  const [account] = await sql(`SELECT id FROM accounts WHERE email = '${email}'`);
  const member = { client, email, password, accountId: Number(account.id), row };

  // The job ended 45 days ago: the month's wait for JHT is over.
  await exec(`UPDATE employment_spells SET end_date = '${isoDaysAgo(45)}', end_reason = 'resigned' ` +
             `WHERE member_id = ${row.id} AND end_date IS NULL`);
  await client.get('/claims/new');
  const started = await client.post('/claims/new', { choice: 'jht_full' });
  const m = /^\/claims\/(\d+)\/step\/ground$/.exec(started.headers.location ?? '');
  assert.ok(m, `a draft claim: ${started.status} ${started.headers.location}`);
  const claimId = Number(m[1]);
  await client.get(`/claims/${claimId}/step/ground`);
  assert.equal((await client.post(`/claims/${claimId}/step/ground`, { answer: 'job_ended' })).headers.location,
               `/claims/${claimId}/step/spell`);
  const spell = await client.get(`/claims/${claimId}/step/spell`);
  const spellId = /name="answer" type="radio" value="(\d+)"/.exec(spell.text)?.[1];
  assert.ok(spellId, 'the ended job is offered');
  await client.post(`/claims/${claimId}/step/spell`, { answer: spellId });
  const eligibility = await client.get(`/claims/${claimId}/step/eligibility`);
  assert.deepEqual(h.htmlH1s(eligibility.text), [ID['claims.member.eligible_title']]);

  const blobIds = async () => (await sql('SELECT id FROM upload_blobs ORDER BY id')).map((r) => r.id);
  return {
    server, sql, exec, member, claimId,
    // Uploads `file` as the claim's `docType`, from the documents page as a browser does.
    async upload(docType, file, who = member) {
      await who.client.get(`/claims/${claimId}/step/documents`);
      return postMultipart(who.client, `/claims/${claimId}/documents`, { doc_type: docType }, [file]);
    },
    // The current (not superseded) document of `docType`.
    async document(docType) {
      const [doc] = await sql('SELECT id, blob_id, display_name, kind, size_bytes, scan_state, review FROM claim_documents ' +
                              `WHERE claim_id = ${claimId} AND doc_type = '${docType}' AND superseded = 0`);
      return doc;
    },
    blobIds,
    // The stored bytes of a blob (the default store: the database), or null.
    async blobBytes(blobId) {
      const hex = backend === 'sqlite' ? 'hex(bytes)' : "encode(bytes, 'hex')";
      const [r] = await sql(`SELECT ${hex} AS hex FROM upload_blobs WHERE id = '${blobId}'`);
      return r ? Buffer.from(r.hex, 'hex') : null;
    },
    // What a refusal must leave untouched.
    async stored() {
      const [r] = await sql(
        `SELECT (SELECT COUNT(*) FROM claim_documents) AS documents, (SELECT COUNT(*) FROM jobs) AS jobs, ` +
        "(SELECT COUNT(*) FROM audit_log WHERE action = 'claims.document_uploaded') AS uploaded");
      return { documents: Number(r.documents), jobs: Number(r.jobs), uploaded: Number(r.uploaded), blobs: await blobIds() };
    },
  };
}

// A refusal's page: the status, the translated message beside the file field, the error title.
function assertRefused(res, { status = 422, docType, message, lang = 'id' }) {
  assert.equal(res.status, status, pageText(res).slice(0, 400));
  assert.equal(h.htmlLang(res.text), lang);
  assert.ok(h.decodeEntities(res.text).includes(message), `expected "${message}" in: ${pageText(res).slice(0, 600)}`);
  assert.match(res.text, new RegExp(`id="f-file-${docType}-error"`));
  const catalog = lang === 'en' ? EN : ID;
  assert.ok(h.htmlTitle(res.text).startsWith(catalog['title.error_prefix'].trim()), h.htmlTitle(res.text));
  assert.ok(!/\[\[[a-z_.]+\]\]/.test(res.text), 'no missing catalog text');
}

// ---------------------------------------------------------------------------------------------

describe(`upload attacks on claim documents on ${backend}, with the real clamd`, () => {
  let sink;
  let portal;

  before(async () => {
    sink = await startMailSink();
    portal = await claimsPortal(sink, { LUMBUNG_UPLOADS_CLAMD_SOCKET: clamdSocket() });
  });
  after(async () => {
    await portal?.server.stop();
    await sink?.stop();
  });

  test('ASVS 12.4.2: a clean PDF passes the real scanner and is stored as clean', async () => {
    const res = await portal.upload('ektp', { name: 'ktp.pdf', content: PDF, type: 'application/pdf' });
    assert.equal(res.status, 303, pageText(res).slice(0, 300));
    assert.equal(res.headers.location, `/claims/${portal.claimId}/step/documents?notice=uploaded`);
    const doc = await portal.document('ektp');
    assert.equal(doc.scan_state, 'clean');
    assert.deepEqual(await portal.blobBytes(doc.blob_id), PDF, 'a PDF is stored as it came');
    const page = await portal.member.client.get(res.headers.location);
    assert.ok(pageText(page).includes(ID['claims.doc.notice_uploaded']));
  });

  test('ASVS 12.4.2, 7.1.1: a well-formed PDF carrying the EICAR test string is refused by clamd: translated error, nothing stored, audited as refused', async () => {
    const before = await portal.stored();
    const res = await portal.upload('bank_book', { name: 'buku tabungan.pdf', content: PDF_EICAR, type: 'application/pdf' });
    assertRefused(res, { docType: 'bank_book', message: fill(ID['claims.doc.error_infected'], { name: 'buku tabungan.pdf' }) });
    assert.deepEqual(await portal.stored(), before, 'no claim_documents row, no upload_blobs row, no job');
    assert.equal(await portal.document('bank_book'), undefined);
    const audits = await portal.sql("SELECT actor_user_id, subject_user_id, result, details FROM audit_log WHERE action = 'claims.document_refused'");
    assert.equal(audits.length, 1);
    assert.equal(audits[0].result, 'denied');
    assert.equal(Number(audits[0].actor_user_id), portal.member.accountId);
    const details = JSON.parse(audits[0].details);
    assert.equal(details.type, 'bank_book');
    assert.match(details.signature, /^Eicar-Test-Signature-Body/, 'the signature clamd named');
  });

  test('ASVS 12.2.1, 12.4.1, 12.5.2: a JPEG/HTML polyglot is accepted as a picture only: the stored and the downloaded bytes no longer hold the payload', async () => {
    assert.ok(JPEG_POLYGLOT.includes('<script>'), 'the upload carries the payload');
    const res = await portal.upload('termination_letter', { name: 'surat.jpg', content: JPEG_POLYGLOT, type: 'image/jpeg' });
    assert.equal(res.status, 303, pageText(res).slice(0, 300));
    const doc = await portal.document('termination_letter');
    assert.deepEqual([doc.kind, doc.scan_state, doc.display_name], ['jpeg', 'clean', 'surat.jpg']);
    assert.match(doc.blob_id, /^[A-Za-z0-9_-]{32}$/, 'stored under a random id, not the name');
    const stored = await portal.blobBytes(doc.blob_id);
    assert.equal(Number(doc.size_bytes), stored.length);
    for (const trace of ['<script', '<html', 'fetch(', '</body>']) assert.ok(!stored.includes(trace), `stored: ${trace}`);
    assert.ok(!stored.equals(JPEG), 're-encoded, not the upload cut short');
    assert.equal(stored.readUInt16BE(stored.length - 2), 0xffd9, 'ends with the picture (EOI)');
    assert.deepEqual(jpegInfo(stored).size, { width: 32, height: 16 });

    const download = await portal.member.client.get(`/claims/${portal.claimId}/documents/${doc.id}`);
    assert.equal(download.status, 200);
    assert.equal(download.headers['content-type'], 'image/jpeg');
    assert.equal(download.headers['x-content-type-options'], 'nosniff');
    assert.match(download.headers['content-disposition'], /^attachment; filename="surat\.jpg"/);
    assert.deepEqual(download.body, stored);
    assert.ok(!download.body.includes('<script'));
  });

  test('ASVS 12.2.1: photos come back without their EXIF GPS position or text: a JPEG turned upright, a PNG without eXIf and tEXt', async () => {
    const original = jpegInfo(JPEG_GPS);
    assert.ok(original.markers.includes(0xe1) && JPEG_GPS.includes(EXIF_HEADER), 'the upload carries EXIF');
    assert.deepEqual(original.size, { width: 32, height: 16 });
    const res = await portal.upload('bank_book', { name: 'IMG_20260301_101500.jpg', content: JPEG_GPS, type: 'image/jpeg' });
    assert.equal(res.status, 303, pageText(res).slice(0, 300));
    const doc = await portal.document('bank_book');
    assert.deepEqual([doc.kind, doc.scan_state], ['jpeg', 'clean']);
    const download = await portal.member.client.get(`/claims/${portal.claimId}/documents/${doc.id}`);
    assert.equal(download.status, 200);
    assert.deepEqual(download.body, await portal.blobBytes(doc.blob_id));
    const info = jpegInfo(download.body);
    assert.ok(!info.markers.some((m) => m >= 0xe1 && m <= 0xef), `no APP1..APP15 segment (EXIF, XMP, ICC): ${info.markers.map((m) => m.toString(16))}`);
    assert.ok(!info.markers.includes(0xfe), 'no comment');
    assert.ok(!download.body.includes(EXIF_HEADER), 'no EXIF (and so no GPS)');
    assert.ok(!download.body.includes('Siti Rahayu'));
    assert.deepEqual(info.size, { width: 16, height: 32 }, 'the recorded orientation applied to the pixels');

    assert.deepEqual(pngInfo(PNG_GPS).types, ['IHDR', 'tEXt', 'eXIf', 'IDAT', 'IEND']);
    const png = await portal.upload('ektp', { name: 'ktp.png', content: PNG_GPS, type: 'image/png' });
    assert.equal(png.status, 303, pageText(png).slice(0, 300));
    const pngDoc = await portal.document('ektp');
    assert.deepEqual([pngDoc.kind, pngDoc.scan_state], ['png', 'clean']);
    const pngDownload = await portal.member.client.get(`/claims/${portal.claimId}/documents/${pngDoc.id}`);
    assert.equal(pngDownload.status, 200);
    assert.equal(pngDownload.headers['content-type'], 'image/png');
    const pngBack = pngInfo(pngDownload.body);
    assert.deepEqual([pngBack.width, pngBack.height], [40, 30]);
    for (const chunk of ['tEXt', 'zTXt', 'iTXt', 'eXIf', 'iCCP']) assert.ok(!pngBack.types.includes(chunk), `${chunk}: ${pngBack.types}`);
    assert.ok(!pngDownload.body.includes('Siti Rahayu'));
    assert.ok(!pngDownload.body.includes(Buffer.from('II*\0', 'latin1')), 'no TIFF (EXIF) structure');
  });

  test('ASVS 12.2.1, 12.1.1, 12.1.2: an encrypted PDF (in English, and in Indonesian) and a PNG decompression bomb are refused with translated errors; nothing stored', async () => {
    const bomb = pngBomb();
    assert.ok(bomb.length < 200 * 1024, `a bomb is small: ${bomb.length} bytes`);
    const before = await portal.stored();
    const client = portal.member.client;

    client.setCookie('lang', 'en');
    try {
      const english = await portal.upload('ektp', { name: 'ktp-terkunci.pdf', content: await encryptedPdf(PDF, ''), type: 'application/pdf' });
      assertRefused(english, { docType: 'ektp', lang: 'en', message: fill(EN['uploads.problem_encrypted'], { name: 'ktp-terkunci.pdf' }) });
    } finally {
      client.deleteCookie('lang');
    }
    const locked = await portal.upload('ektp', { name: 'ktp-sandi.pdf', content: await encryptedPdf(PDF, '1234'), type: 'application/pdf' });
    assertRefused(locked, { docType: 'ektp', message: fill(ID['uploads.problem_encrypted'], { name: 'ktp-sandi.pdf' }) });

    const started = Date.now();
    const refused = await portal.upload('ektp', { name: 'scan-ktp.png', content: bomb, type: 'image/png' });
    assertRefused(refused, { docType: 'ektp', message: fill(ID['uploads.problem_too_many_pixels'], { name: 'scan-ktp.png' }) });
    assert.ok(Date.now() - started < 10_000, 'refused from the header, not after decoding 400 million pixels');

    assert.deepEqual(await portal.stored(), before, 'no claim_documents row, no upload_blobs row, no job');
    assert.equal((await portal.document('ektp')).display_name, 'ktp.png', 'the earlier e-KTP is still the current one');
    const health = await h.request(portal.server.baseUrl, '/healthz');
    assert.equal(health.status, 200, 'the server is still up');
  });
});

describe(`claim documents while the virus scanner is down, then back, on ${backend}`, () => {
  let sink;
  let portal;
  let verifier;
  let linkDir;
  let socketLink;
  let reference;
  const docs = {}; // doc_type -> claim_documents row

  const staffClaim = (suffix = '') => `/staff/claims/${portal.claimId}${suffix}`;
  async function postFrom(client, page, target, fields = {}) {
    await client.get(page);
    return client.post(target, fields, { csrf: client.csrf });
  }

  before(async () => {
    sink = await startMailSink();
    // uploads.clamd_socket is a symlink: first to a path where nothing listens, later to the
    // fixture's socket (connect() follows it). The scan job comes back every second.
    linkDir = h.makeTempDir('lumbung-scan-');
    socketLink = path.join(linkDir, 'clamd.ctl');
    fs.symlinkSync(path.join(linkDir, 'nobody-listens.sock'), socketLink);
    portal = await claimsPortal(sink, {
      LUMBUNG_UPLOADS_CLAMD_SOCKET: socketLink,
      LUMBUNG_UPLOADS_RESCAN_SECONDS: '1',
      LUMBUNG_JOBS_POLL_SECONDS: '1',
    });
    verifier = await id.signedInStaff({ baseUrl: portal.server.baseUrl, database: portal.server.database }, sink,
                                      { staffRoles: ['claims_verifier'], name: 'Verifikator Dokumen' });
  });
  after(async () => {
    await portal?.server.stop();
    await sink?.stop();
    if (linkDir) fs.rmSync(linkDir, { recursive: true, force: true });
  });

  test('ASVS 12.4.2: with the scanner down a clean PDF is accepted and shown as being checked; nobody can open it and staff cannot accept it', async () => {
    const { member, claimId } = portal;
    for (const [docType, file] of [['ektp', { name: 'ktp.pdf', content: PDF }],
                                   ['termination_letter', { name: 'surat.pdf', content: PDF_TWO }],
                                   ['bank_book', { name: 'tabungan.pdf', content: PDF_EICAR }]]) {
      const res = await portal.upload(docType, { ...file, type: 'application/pdf' });
      assert.equal(res.status, 303, `${docType}: ${pageText(res).slice(0, 300)}`);
      assert.equal(res.headers.location, `/claims/${claimId}/step/documents?notice=pending`);
      docs[docType] = await portal.document(docType);
      assert.equal(docs[docType].scan_state, 'pending', docType);
      assert.deepEqual(await portal.blobBytes(docs[docType].blob_id), file.content, 'kept, not lost');
    }
    // Shown as being checked, without a link to open it.
    const page = await member.client.get(`/claims/${claimId}/step/documents?notice=pending`);
    assert.equal(page.status, 200);
    assert.ok(pageText(page).includes(ID['claims.doc.notice_pending']));
    assert.equal(pageText(page).split(ID['claims.doc.state_scan_pending']).length - 1, 3, 'each file waits for the virus check');
    assert.ok(!/href="\/claims\/\d+\/documents\/\d+"/.test(page.text), 'no download link');
    assert.equal((await member.client.get(`/claims/${claimId}/documents/${docs.ektp.id}`)).status, 404);

    // The scan job has tried and is waiting for the scanner, the files still pending.
    const jobs = await h.pollUntil(async () => {
      const rows = await portal.sql("SELECT state, heartbeat_at, run_after, attempts FROM jobs WHERE kind = 'claims.scan'");
      return rows.length === 3 && rows.every((j) => j.state === 'queued' && j.heartbeat_at !== null) ? rows : null;
    }, { attempts: 300, intervalMs: 100, what: 'every scan job tried once and queued again' });
    assert.ok(jobs.every((j) => Number(j.attempts) === 0), 'waiting for the scanner is not failing');
    const states = await portal.sql(`SELECT scan_state FROM claim_documents WHERE claim_id = ${claimId}`);
    assert.deepEqual(states.map((s) => s.scan_state), ['pending', 'pending', 'pending']);

    // The member submits (documents waiting for the scanner do not hold the claim back).
    await member.client.get(`/claims/${claimId}/step/amount`);
    const { res: confirmed } = await member.client.submit('/account/confirm?next=%2Fprofile%2Fbank', { password: member.password });
    assert.equal(confirmed.status, 303);
    const { res: saved } = await member.client.submit('/profile/bank', { bank: 'bca', account_number: '1234 5678 90', holder_name: member.row.full_name });
    assert.equal(saved.status, 303, pageText(saved).slice(0, 300));
    await member.client.get(`/claims/${claimId}/step/payout`);
    assert.equal((await member.client.post(`/claims/${claimId}/step/payout`, { confirm: '1' })).headers.location, `/claims/${claimId}/step/check`);
    await member.client.get(`/claims/${claimId}/step/check`);
    const submitted = await member.client.post(`/claims/${claimId}/submit`, {});
    assert.equal(submitted.status, 303, pageText(submitted).slice(0, 600));
    [{ reference }] = await portal.sql(`SELECT reference FROM claims WHERE id = ${claimId}`);
    const status = await member.client.get(`/claims/${claimId}`);
    assert.equal(pageText(status).split(ID['claims.doc.state_scan_pending']).length - 1, 3);

    // Staff: the claim page says the files wait for the scan; no download, no acceptance.
    const started = await postFrom(verifier.client, staffClaim(), staffClaim('/start'));
    assert.equal(started.status, 303, pageText(started).slice(0, 400));
    const staffPage = await verifier.client.get(staffClaim());
    assert.equal(staffPage.status, 200);
    assert.ok(pageText(staffPage).includes(ID['claims.staff.scan.pending']));
    assert.ok(!staffPage.text.includes(`href="${staffClaim(`/documents/${docs.ektp.id}`)}"`), 'no link to a pending file');
    for (const doc of Object.values(docs)) {
      assert.equal((await verifier.client.get(staffClaim(`/documents/${doc.id}`))).status, 404, `download ${doc.id}`);
    }
    const accept = await postFrom(verifier.client, staffClaim(), staffClaim(`/documents/${docs.ektp.id}/review`), { review: 'accepted', reason: '' });
    assert.equal(accept.status, 409);
    assert.ok(pageText(accept).includes(ID['claims.staff.error.document_not_reviewable']));
    assert.equal((await portal.document('ektp')).review, 'pending');
    assert.equal((await portal.sql("SELECT id FROM audit_log WHERE action = 'claims.document_downloaded'")).length, 0);
  });

  test('ASVS 12.4.2, 7.1.1: the scanner back: the scan job clears the clean PDFs for staff; the PDF carrying EICAR is marked infected, its bytes removed and the member told', async () => {
    const { member, claimId } = portal;
    // The socket path now leads to the fixture's clamd (replaced in one step, as a deploy would).
    fs.symlinkSync(clamdSocket(), `${socketLink}.new`);
    fs.renameSync(`${socketLink}.new`, socketLink);
    const states = await h.pollUntil(async () => {
      const rows = await portal.sql(`SELECT doc_type, scan_state FROM claim_documents WHERE claim_id = ${claimId} ORDER BY id`);
      const byType = Object.fromEntries(rows.map((r) => [r.doc_type, r.scan_state]));
      return rows.every((r) => r.scan_state !== 'pending') ? byType : null;
    }, { attempts: 600, intervalMs: 100, what: 'every document scanned once the scanner answers' });
    assert.deepEqual(states, { ektp: 'clean', termination_letter: 'clean', bank_book: 'infected' });

    // Clean: staff open it (audited) and accept it.
    const download = await verifier.client.get(staffClaim(`/documents/${docs.ektp.id}`));
    assert.equal(download.status, 200);
    assert.equal(download.headers['content-type'], 'application/pdf');
    assert.match(download.headers['content-disposition'], /^attachment; filename="ktp\.pdf"/);
    assert.deepEqual(download.body, PDF);
    assert.equal((await portal.sql("SELECT id FROM audit_log WHERE action = 'claims.document_downloaded'")).length, 1);
    const accept = await postFrom(verifier.client, staffClaim(), staffClaim(`/documents/${docs.ektp.id}/review`), { review: 'accepted', reason: '' });
    assert.equal(accept.status, 303, pageText(accept).slice(0, 400));
    assert.equal((await portal.document('ektp')).review, 'accepted');
    assert.ok(pageText(await verifier.client.get(staffClaim())).includes(ID['claims.staff.scan.clean']));

    // Infected: the bytes are gone, nobody opens it, staff see it marked.
    const [infected] = await portal.sql(`SELECT scan_state, scan_signature FROM claim_documents WHERE id = ${docs.bank_book.id}`);
    assert.equal(infected.scan_state, 'infected');
    assert.match(infected.scan_signature, /^Eicar-Test-Signature-Body/, 'the signature clamd named');
    assert.equal(await portal.blobBytes(docs.bank_book.blob_id), null, 'its bytes removed');
    assert.deepEqual((await portal.blobIds()).sort(), [docs.ektp.blob_id, docs.termination_letter.blob_id].sort());
    assert.equal((await verifier.client.get(staffClaim(`/documents/${docs.bank_book.id}`))).status, 404);
    assert.equal((await member.client.get(`/claims/${claimId}/documents/${docs.bank_book.id}`)).status, 404);
    assert.ok(pageText(await verifier.client.get(staffClaim())).includes(ID['claims.staff.scan.infected']));
    const accepted = await postFrom(verifier.client, staffClaim(), staffClaim(`/documents/${docs.bank_book.id}/review`), { review: 'accepted', reason: '' });
    assert.equal(accepted.status, 409);
    // With the other files accepted, the infected one still blocks verifying the claim.
    const letter = await postFrom(verifier.client, staffClaim(), staffClaim(`/documents/${docs.termination_letter.id}/review`), { review: 'accepted', reason: '' });
    assert.equal(letter.status, 303, pageText(letter).slice(0, 400));
    const blocked = fill(ID['claims.staff.verify_block.infected'], { document: ID['claims.staff.doc.bank_book'] });
    assert.ok(pageText(await verifier.client.get(staffClaim())).includes(blocked), blocked);
    const verify = await postFrom(verifier.client, staffClaim(), staffClaim('/verify'));
    assert.equal(verify.status, 409);
    assert.equal((await portal.sql(`SELECT status FROM claims WHERE id = ${claimId}`))[0].status, 'being_verified');

    // The member is told: inbox, mail, and the claim's page.
    const notice = fill(ID['claims.doc.notice_infected'], { name: 'tabungan.pdf', reference });
    const items = await portal.sql(`SELECT message_id, link FROM inbox_items WHERE account_id = ${member.accountId} AND message_id = 'claims.doc.notice_infected'`);
    assert.deepEqual(items, [{ message_id: 'claims.doc.notice_infected', link: `/claims/${claimId}` }]);
    const inbox = await member.client.get('/notifications');
    assert.ok(pageText(inbox).includes(notice), pageText(inbox).slice(0, 800));
    // The mail goes out through the outbox: wait for it (no fixed sleep).
    await h.pollUntil(() => sink.find({ to: member.email, subject: ID['claims.notice_subject'] }).find((m) => m.text.includes(notice)),
                      { attempts: 200, intervalMs: 100, what: `the mail saying "${notice}"` });
    const status = await member.client.get(`/claims/${claimId}`);
    assert.ok(pageText(status).includes(ID['claims.doc.state_infected']));
    const audits = await portal.sql("SELECT subject_user_id, result, details FROM audit_log WHERE action = 'claims.document_infected'");
    assert.equal(audits.length, 1);
    assert.equal(audits[0].result, 'denied');
    assert.equal(Number(audits[0].subject_user_id), member.accountId);
    assert.deepEqual(JSON.parse(audits[0].details), { claim: reference, document: String(docs.bank_book.id) });

    // Every scan job is done; nothing left waiting.
    await h.pollUntil(async () => {
      const rows = await portal.sql("SELECT state FROM jobs WHERE kind = 'claims.scan'");
      return rows.length === 3 && rows.every((j) => j.state === 'done');
    }, { attempts: 300, intervalMs: 100, what: 'every scan job done' });
  });
});
