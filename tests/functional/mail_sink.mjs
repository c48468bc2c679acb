// A real SMTP server for functional tests: tests/support/smtp_sink.py (Debian's aiosmtpd) on a
// free loopback port, writing each accepted message to a temp folder. The portal delivers to it
// through its outbox sender exactly as it would to a production relay.
//
//   const sink = await startMailSink();
//   const server = await h.startServer({ env: sink.env });
//   const mail = await sink.waitForMail({ to: 'siti@example.id', subject: /Konfirmasi/ });
//   mail.links  // every http(s) URL that stands alone on a line of the text part
//   await sink.stop();
import fs from 'node:fs';
import path from 'node:path';

import * as h from './harness.mjs';

const SINK = path.join(h.shareDir(), 'tests/support/smtp_sink.py');

// RFC 2047 encoded words ("=?UTF-8?B?...?=") in a header value.
function decodeHeader(value) {
  return value.replace(/=\?UTF-8\?B\?([^?]*)\?=\s*/gi, (_, b64) => Buffer.from(b64, 'base64').toString('utf8'))
    .replace(/=\?UTF-8\?Q\?([^?]*)\?=\s*/gi, (_, q) =>
      Buffer.from(q.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (m, hex) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8'));
}

function splitHead(text) {
  const at = text.indexOf('\r\n\r\n');
  const head = at < 0 ? text : text.slice(0, at);
  const body = at < 0 ? '' : text.slice(at + 4);
  const headers = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { headers, body };
}

function decodeBody(headers, body) {
  const encoding = (headers['content-transfer-encoding'] || '').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const bytes = Buffer.from(body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/gi,
      (_, hex) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
    return bytes.toString('utf8');
  }
  return body;
}

// {headers, to, subject, text, html, links} from the raw message.
export function parseMail(raw) {
  const { headers, body } = splitHead(raw);
  let text = '';
  let html = '';
  const type = headers['content-type'] || 'text/plain';
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith('--')) break;
      const p = splitHead(part.replace(/^\r\n/, ''));
      const partType = (p.headers['content-type'] || '').toLowerCase();
      const decoded = decodeBody(p.headers, p.body.replace(/\r\n$/, ''));
      if (partType.startsWith('text/plain')) text = decoded;
      else if (partType.startsWith('text/html')) html = decoded;
    }
  } else {
    text = decodeBody(headers, body);
  }
  text = text.replace(/\r\n/g, '\n');
  const links = text.split('\n').map((l) => l.trim()).filter((l) => /^https?:\/\/\S+$/.test(l));
  return { headers, to: headers.to, subject: decodeHeader(headers.subject || ''), text, html, links };
}

export async function startMailSink() {
  const dir = h.makeTempDir('lumbung-mail-');
  const child = h.spawnTracked('/usr/bin/python3', [SINK, '--dir', dir], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`smtp sink did not start: ${stderr}`)), 20_000);
    child.stdout.setEncoding('utf8').on('data', (d) => {
      stdout += d;
      const m = /^(\d+)\n/.exec(stdout);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`smtp sink exited ${code}: ${stderr}`)); });
  });
  const messages = () => fs.readdirSync(dir).filter((f) => f.endsWith('.eml')).sort()
    .map((f) => ({ file: f, ...parseMail(fs.readFileSync(path.join(dir, f), 'utf8')) }));
  const matches = (m, { to, subject }) =>
    (!to || (m.to || '').toLowerCase().includes(to.toLowerCase())) &&
    (!subject || (subject instanceof RegExp ? subject.test(m.subject) : m.subject.includes(subject)));
  return {
    port,
    dir,
    // What a server needs to deliver here promptly.
    env: {
      LUMBUNG_SMTP_HOST: '127.0.0.1',
      LUMBUNG_SMTP_PORT: String(port),
      LUMBUNG_MAIL_DELIVER: 'true',
      LUMBUNG_MAIL_POLL_SECONDS: '1',
    },
    messages,
    // Every message so far that matches {to, subject (string or RegExp)}.
    find: (filter = {}) => messages().filter((m) => matches(m, filter)),
    // The newest matching message after `after` earlier matches have arrived (default: the
    // first one); polls the folder, no fixed sleeps.
    async waitForMail(filter = {}, { count = 1, timeoutMs = 20_000 } = {}) {
      const attempts = Math.ceil(timeoutMs / 100);
      return h.pollUntil(() => {
        const found = messages().filter((m) => matches(m, filter));
        return found.length >= count ? found[count - 1] : null;
      }, { attempts, intervalMs: 100, what: `mail ${JSON.stringify({ ...filter, subject: String(filter.subject ?? '') })}` });
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin.end();
      await exited;
    },
  };
}
