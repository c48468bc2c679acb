// Helpers for the identity functional tests (identity_http.test.mjs, identity_browser.test.mjs):
// a cookie-keeping HTTP client that behaves like a browser towards the portal's forms, SQL on
// either backend, registry members to sign up with, and mail-link handling.
//
// Stable API (other test files import it; add, do not change):
//
//   new Client(baseUrl, {userAgent})        one browser: its own cookie jar and CSRF token
//     .get(target, {headers})               GET; Set-Cookie is applied to the jar
//     .post(target, fields, {csrf, headers})  POST a form (an array value: a repeated field);
//                                           csrf: undefined = the token of the last
//                                           page this client got (fetched from `target` if none),
//                                           null = no csrf field, string = that value
//     .submit(page, fields, {action})       GET `page`, fill the form posting to `action` (default:
//                                           the page's own form in <main>) with its hidden fields
//                                           + `fields`, POST it; returns {page, res}
//     .cookie(name) / .setCookie(name, v) / .deleteCookie(name) / .cookies (Map)
//     .lastSetCookies                       parsed Set-Cookie headers of the last answer
//     .seenCookies                          every {name, value} ever set on this client
//   parseSetCookie(header)                  {name, value, attributes: Map(lower name -> value), raw}
//   csrfFrom(html)                          the value of the first name="csrf" field
//   parseForms(html)                        [{action, method, fields: {name: value}, inMain}]
//   sqlRows(database, query)                rows as objects, on sqlite (sqlite3 CLI) or postgresql
//   sqlExec(database, statement)            a write, waiting for SQLite's lock if need be
//   seedMembers(database, n)                `lumbung seed-demo --members n --years 1`
//   memberRows(database, n)                 n registry members {id, nik, kpj, full_name, birth_date}
//   MemberPool                              hands out registry members without an account
//   linkTarget(url, publicUrl)              the path+query of a mail link (asserts its origin)
//   mailLink(mail, path, publicUrl)         path+query of the mail's link to `path` (e.g. '/report')
//   mailTokens(mail)                        every token=... value in a mail (text and HTML)
//   mailSubject(kind, lang)                 the subject of an account mail (catalog text)
//   Mailbox                                 one address's mail, kind by kind: next(kind)
//   newPassword() / uniqueEmail(label)      fresh strong passwords and addresses
//   COOKIE                                  the portal's cookie names
//   signedInStaff(portal, sink, {staffRoles})  a fund staff account (role staff) holding these
//                                           staff roles (e.g. ['member_services']), made the same way
//   signInInBrowser(browser, baseUrl, account, {lang, javaScriptEnabled, landing})
//                                           such an account signs in in Chromium at 360 px
//   signedInEmployerAdmin(portal, sink, {employerId})  an employer account made by `lumbung user
//                                           add`, invitation followed, authenticator enrolled:
//                                           {client, email, password, accountId, employerId, key, step}
import assert from 'node:assert/strict';
import crypto from 'node:crypto';

import * as h from './harness.mjs';

export const COOKIE = {
  session: '__Host-lumbung-session',
  pre: '__Host-lumbung-pre',
  device: '__Host-lumbung-device',
};

export const DEFAULT_USER_AGENT =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

// ---------------------------------------------------------------------------------------------
// Cookies and forms

export function parseSetCookie(header) {
  const [pair, ...rest] = header.split(';');
  const eq = pair.indexOf('=');
  const attributes = new Map();
  for (const part of rest) {
    const at = part.indexOf('=');
    const name = (at < 0 ? part : part.slice(0, at)).trim().toLowerCase();
    if (name) attributes.set(name, at < 0 ? true : part.slice(at + 1).trim());
  }
  return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), attributes, raw: header };
}

export function csrfFrom(html) {
  const m = /<input\b[^>]*\bname="csrf"[^>]*\bvalue="([^"]*)"/i.exec(html ?? '');
  return m ? h.decodeEntities(m[1]) : undefined;
}

// Every <form> with its action, method, the name/value of its <input>s, and inMain: whether it
// is inside the page's <main> (the layout's sign-out form is not).
export function parseForms(html) {
  const forms = [];
  const mainAt = (html ?? '').search(/<main\b/i);
  for (const m of (html ?? '').matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const attr = (name, text) => {
      const v = new RegExp(`\\b${name}="([^"]*)"`, 'i').exec(text)?.[1];
      return v === undefined ? undefined : h.decodeEntities(v);
    };
    const fields = {};
    for (const input of m[2].matchAll(/<input\b([^>]*)>/gi)) {
      const name = attr('name', input[1]);
      if (name !== undefined && !(name in fields)) fields[name] = attr('value', input[1]) ?? '';
    }
    forms.push({ action: attr('action', m[1]) ?? '', method: (attr('method', m[1]) ?? 'get').toLowerCase(), fields,
                 inMain: mainAt >= 0 && m.index > mainAt });
  }
  return forms;
}

// The form every signed-in page carries at the top of <main>; never a page's own form.
const STAY_SIGNED_IN = '/account/stay-signed-in';

// A browser: a cookie jar (applied in header order, Max-Age=0 deletes) and the CSRF token of
// the last page it saw.
export class Client {
  constructor(baseUrl, { userAgent = DEFAULT_USER_AGENT } = {}) {
    this.baseUrl = baseUrl;
    this.userAgent = userAgent;
    this.cookies = new Map();
    this.csrf = undefined;
    this.lastSetCookies = [];
    this.seenCookies = []; // every {name, value} any Set-Cookie gave this client, in order
  }

  cookie(name) { return this.cookies.get(name); }
  setCookie(name, value) { this.cookies.set(name, value); }
  deleteCookie(name) { this.cookies.delete(name); }

  cookieHeader() {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  async request(target, { method = 'GET', headers = {}, body } = {}) {
    const all = { 'user-agent': this.userAgent, ...headers };
    if (this.cookies.size && !('cookie' in all)) all.cookie = this.cookieHeader();
    const res = await h.request(this.baseUrl, target, { method, headers: all, body });
    res.setCookies = [].concat(res.headers['set-cookie'] ?? []).map(parseSetCookie);
    for (const c of res.setCookies) {
      if (c.value) this.seenCookies.push({ name: c.name, value: c.value });
      const maxAge = c.attributes.get('max-age');
      if (maxAge !== undefined && Number(maxAge) <= 0) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    this.lastSetCookies = res.setCookies;
    const token = csrfFrom(res.text);
    if (token) this.csrf = token;
    return res;
  }

  get(target, { headers } = {}) {
    return this.request(target, { headers });
  }

  async post(target, fields = {}, { csrf, headers = {} } = {}) {
    let token = csrf;
    if (token === undefined) {
      if (this.csrf === undefined) await this.get(target.split('?')[0]);
      token = this.csrf;
    }
    const form = new URLSearchParams();
    if (token !== null && token !== undefined) form.append('csrf', token);
    for (const [name, value] of Object.entries(fields)) {
      // A list is a repeated field, as a browser sends ticked checkboxes of one name.
      for (const one of Array.isArray(value) ? value : [value]) form.append(name, one);
    }
    return this.request(target, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body: form.toString(),
    });
  }

  // Opens `page` and submits its form (the one posting to `action`, else the page's own: the
  // first in <main> that is not the stay-signed-in form), keeping its hidden fields, as a
  // browser would. Returns {page, res}.
  async submit(page, fields = {}, { action, headers } = {}) {
    const shown = await this.get(page);
    const forms = parseForms(shown.text).filter((f) => f.method === 'post');
    const form = action ? forms.find((f) => f.action === action)
                        : forms.find((f) => f.inMain && f.action !== STAY_SIGNED_IN);
    if (!form) {
      throw new Error(`no form${action ? ` posting to ${action}` : ''} on ${page} (status ${shown.status}): ` +
                      h.htmlText(shown.text).slice(0, 400));
    }
    const hidden = {};
    for (const [name, value] of Object.entries(form.fields)) {
      if (name !== 'csrf') hidden[name] = value;
    }
    const res = await this.post(form.action, { ...hidden, ...fields }, { csrf: form.fields.csrf ?? null, headers });
    return { page: shown, res };
  }
}

// ---------------------------------------------------------------------------------------------
// SQL on either backend

function sqliteFile(database) {
  return database.url.replace(/^sqlite:/, '');
}

// Rows of `query` as plain objects (column -> value; numbers stay numbers).
export async function sqlRows(database, query) {
  if (database.backend === 'sqlite') {
    const result = await h.run('sqlite3', ['-readonly', '-cmd', '.timeout 10000', '-json', sqliteFile(database), query],
                               { timeoutMs: 30_000 });
    if (result.code !== 0) throw new Error(`sqlite3 failed: ${result.stderr}\nSQL: ${query}`);
    const text = result.stdout.trim();
    return text ? JSON.parse(text) : [];
  }
  const out = await h.psql(`SELECT coalesce(json_agg(t), '[]'::json) FROM (${query}) t`, { database: database.name });
  return JSON.parse(out.trim());
}

export async function sqlExec(database, statement) {
  if (database.backend === 'sqlite') {
    const result = await h.run('sqlite3', ['-cmd', '.timeout 10000', sqliteFile(database), statement],
                               { timeoutMs: 30_000 });
    if (result.code !== 0) throw new Error(`sqlite3 failed: ${result.stderr}\nSQL: ${statement}`);
    return;
  }
  await h.psql(statement, { database: database.name });
}

// ---------------------------------------------------------------------------------------------
// Registry members

export async function seedMembers(database, n = 30) {
  const result = await h.runLumbung(['seed-demo', '--members', String(n), '--years', '1'],
                                    { env: h.databaseEnv(database) });
  if (result.code !== 0) throw new Error(`seed-demo failed (${result.code}): ${result.stderr}`);
}

// The first n registry members (by id): {id, nik, kpj, full_name, birth_date 'YYYY-MM-DD'}.
export async function memberRows(database, n) {
  const rows = await sqlRows(database,
    `SELECT id, nik, kpj, full_name, CAST(birth_date AS TEXT) AS birth_date FROM members ORDER BY id LIMIT ${Number(n)}`);
  return rows.map((r) => ({ ...r, birth_date: String(r.birth_date).slice(0, 10) }));
}

// Hands out registry members one by one, so tests sharing a server never sign up the same one.
export class MemberPool {
  constructor(members) { this.members = [...members]; }
  static async load(database, n = 30) { return new MemberPool(await memberRows(database, n)); }
  take() {
    const m = this.members.shift();
    if (!m) throw new Error('MemberPool: no registry member left (seed more)');
    return m;
  }
}

// ---------------------------------------------------------------------------------------------
// Mail

// The path and query of a link from a mail, after checking it starts with `publicUrl`.
export function linkTarget(url, publicUrl = 'http://127.0.0.1:8080') {
  const base = publicUrl.replace(/\/+$/, '');
  assert.ok(url.startsWith(`${base}/`), `mail link ${url} is built from public.url ${base}`);
  const u = new URL(url);
  return u.pathname + u.search;
}

export function mailLink(mail, path, publicUrl = 'http://127.0.0.1:8080') {
  const url = mail.links.find((l) => { try { return new URL(l).pathname === path; } catch { return false; } });
  assert.ok(url, `mail '${mail.subject}' to ${mail.to} has a link to ${path} on a line of its own; links: ${JSON.stringify(mail.links)}`);
  return linkTarget(url, publicUrl);
}

export function mailTokens(mail) {
  return [...`${mail.text}\n${mail.html}`.matchAll(/[?&]token=([A-Za-z0-9_-]+)/g)].map((m) => m[1]);
}

const catalogs = {};
export function mailSubject(kind, lang = 'id') {
  catalogs[lang] ??= h.loadCatalog(lang);
  const text = catalogs[lang][`identity.mail.${kind}.subject`];
  if (text === undefined) throw new Error(`no mail kind ${kind}`);
  return text.replace(/\{\{fund\}\}/g, h.FUND_NAME);
}

// One address's mail in a sink (mail_sink.mjs), kind by kind: next(kind) waits for the first
// mail of that kind this Mailbox has not handed out yet.
export class Mailbox {
  constructor(sink, address, { lang = 'id' } = {}) {
    this.sink = sink;
    this.address = address;
    this.lang = lang;
    this.taken = new Map();
  }

  // Every mail so far to this address (of `kind`, by its exact subject), oldest first.
  all(kind) {
    const subject = kind ? mailSubject(kind, this.lang) : undefined;
    const address = this.address.toLowerCase();
    return this.sink.messages().filter((m) => {
      const to = (m.to || '').toLowerCase();
      return (to === address || to.includes(`<${address}>`)) && (subject === undefined || m.subject === subject);
    });
  }

  async next(kind, { timeoutMs = 20_000 } = {}) {
    const count = (this.taken.get(kind) ?? 0) + 1;
    const mail = await h.pollUntil(() => this.all(kind)[count - 1] ?? null,
                                   { attempts: Math.ceil(timeoutMs / 100), intervalMs: 100,
                                     what: `mail #${count} '${kind}' to ${this.address}` });
    this.taken.set(kind, count);
    return mail;
  }
}

// ---------------------------------------------------------------------------------------------
// Test data

export function newPassword() {
  return `Qz!${crypto.randomBytes(12).toString('base64url')}`;
}

export function uniqueEmail(label = 'member') {
  return `${label}.${crypto.randomBytes(4).toString('hex')}@example.id`;
}

// ---------------------------------------------------------------------------------------------
// Second factors. Codes come from Debian's `oathtool`, an implementation independent
// of the server's (RFC 6238: SHA-1, 6 digits, 30 s).

// The code for `base32Key` at `epochSeconds` (default: now).
export async function oathtoolTotp(base32Key, epochSeconds = Math.floor(Date.now() / 1000)) {
  const result = await h.run('oathtool', ['--totp', '--base32', '--digits=6', '--time-step-size=30s',
                                          `--now=@${epochSeconds}`, base32Key]);
  if (result.code !== 0) throw new Error(`oathtool failed (${result.code}): ${result.stderr}`);
  return result.stdout.trim();
}

// The key an enrolment page shows for manual entry ("ABCD EFGH ..." -> "ABCDEFGH...").
export function enrolmentKey(html) {
  const m = /<p class="secret-key"[^>]*>([^<]+)<\/p>/.exec(html);
  if (!m) throw new Error(`no key on the enrolment page: ${h.htmlText(html).slice(0, 400)}`);
  return m[1].replace(/\s+/g, '');
}

// The recovery codes a page shows once (class "code-list").
export function recoveryCodesOn(html) {
  const list = /<ul class="code-list"[^>]*>([\s\S]*?)<\/ul>/.exec(html);
  if (!list) return [];
  return [...list[1].matchAll(/<li>([^<]+)<\/li>/g)].map((m) => m[1].trim());
}

// Sets up an authenticator app for the client's account (signed in, or at the forced set-up
// step): start, read the key, confirm with oathtool's code for now. Returns {key, codes, res,
// step} where codes are the recovery codes shown and step the time step the code used (a
// later sign-in must use a later step: a spent code never works twice).
export async function enrolAuthenticator(client, { name = 'Ponsel' } = {}) {
  const start = await client.submit('/account/two-factor/setup', {}, { action: '/account/two-factor/app/start' });
  if (start.res.status !== 303 || start.res.headers.location !== '/account/two-factor/app') {
    throw new Error(`starting enrolment: ${start.res.status} ${start.res.headers.location ?? ''} ${h.htmlText(start.res.text).slice(0, 300)}`);
  }
  const page = await client.get('/account/two-factor/app');
  const key = enrolmentKey(page.text);
  const now = Math.floor(Date.now() / 1000);
  const code = await oathtoolTotp(key, now);
  const { res } = await client.submit('/account/two-factor/app', { name, code }, { action: '/account/two-factor/app' });
  if (res.status !== 200) throw new Error(`confirming enrolment: ${res.status} ${h.htmlText(res.text).slice(0, 400)}`);
  return { key, codes: recoveryCodesOn(res.text), res, step: Math.floor(now / 30) };
}

// A code for a time step after `usedStep` that the server still accepts (one step of drift):
// the next step's code when the current one was spent. When even that one was spent (several
// sign-ins of one account within a minute), waits for the clock to reach the step before it:
// the server accepts a code only one step ahead, and the step is an event of the clock.
export async function nextTotp(key, usedStep) {
  const currentStep = () => Math.floor(Date.now() / 30_000);
  const step = Math.max(currentStep(), usedStep + 1);
  while (step > currentStep() + 1) {
    await new Promise((resolve) => setTimeout(resolve, (step - 1) * 30_000 - Date.now() + 50));
  }
  return { code: await oathtoolTotp(key, step * 30), step };
}

// ---------------------------------------------------------------------------------------------
// Employer accounts

// An employer administrator for `employerId`, signed in on a fresh client: the account made
// with `lumbung user add --role employer_admin` (as operators do), the invitation mail's link
// followed to set the password, then the first sign-in, where a second factor must be set up
// (an authenticator app, oathtool's codes). `portal`: anything with the server's baseUrl and
// database ({server} of harness.startServer, or {baseUrl, database}); `publicUrl`: the
// server's public.url (the invitation link is built from it). Returns {client, email,
// password, accountId, employerId, key, step}: key and step sign in again (nextTotp).
export async function signedInEmployerAdmin(portal, sink, { employerId, publicUrl = 'http://127.0.0.1:8080',
                                                            name = 'Admin Perusahaan', lang = 'id' } = {}) {
  return signedInInvitedAccount(portal, sink, { role: 'employer_admin', employerId, publicUrl, name, lang });
}

// A fund staff member (account role `staff`) holding `staffRoles` (member_services,
// claims_verifier, claims_approver, finance, content_editor, analyst, administrator), signed in
// the same way.
export async function signedInStaff(portal, sink, { staffRoles, publicUrl = 'http://127.0.0.1:8080',
                                                    name = 'Petugas Dana', lang = 'id' } = {}) {
  if (!staffRoles?.length) throw new Error('signedInStaff: staffRoles is required');
  return signedInInvitedAccount(portal, sink, { role: 'staff', staffRoles, publicUrl, name, lang });
}

async function signedInInvitedAccount(portal, sink, { role, staffRoles, employerId, publicUrl, name, lang }) {
  const baseUrl = portal.baseUrl ?? portal.server?.baseUrl;
  const database = portal.database ?? portal.server?.database;
  const email = uniqueEmail(employerId ? 'employer' : 'staff');
  const cli = await h.runLumbung(['user', 'add', '--role', role, ...(employerId ? ['--employer', String(employerId)] : []),
                                  ...(staffRoles ? ['--staff-roles', staffRoles.join(',')] : []),
                                  '--email', email, '--name', name, '--lang', lang],
                                 { env: { ...h.databaseEnv(database), LUMBUNG_PUBLIC_URL: publicUrl } });
  if (cli.code !== 0) throw new Error(`lumbung user add failed (${cli.code}): ${cli.stderr}`);
  const account = await acceptInvitation(portal, sink, { email, lang, publicUrl });
  return { ...account, employerId: employerId ? Number(employerId) : undefined };
}

// The person invited at `email` (by `lumbung user add` or an employer's administrator at
// /employer/users) follows the invitation mail's link (the next 'invitation' mail to them),
// chooses a password, signs in and must set up a second factor (an authenticator app,
// oathtool's codes) before anything else. Returns {client, email, password, accountId, key,
// step, mail}: a signed-in client, and key and step to sign in again (nextTotp).
export async function acceptInvitation(portal, sink, { email, lang = 'id', publicUrl = 'http://127.0.0.1:8080', box } = {}) {
  const baseUrl = portal.baseUrl ?? portal.server?.baseUrl;
  const database = portal.database ?? portal.server?.database;
  const mailbox = box ?? new Mailbox(sink, email, { lang });
  const password = newPassword();
  const invitation = new Client(baseUrl);
  const mail = await mailbox.next('invitation');
  const accepted = await invitation.submit(mailLink(mail, '/invitation', publicUrl), { password });
  if (accepted.res.status !== 303 || accepted.res.headers.location !== '/login?notice=password_set') {
    throw new Error(`accepting the invitation: ${accepted.res.status} ${h.htmlText(accepted.res.text).slice(0, 300)}`);
  }
  const client = new Client(baseUrl);
  const { res } = await client.submit('/login', { identifier: email, password });
  if (res.status !== 303 || res.headers.location !== '/account/two-factor/setup') {
    throw new Error(`signing in: ${res.status} ${res.headers.location ?? ''} (the second factor set-up was expected)`);
  }
  const { key, step } = await enrolAuthenticator(client);
  const [row] = await sqlRows(database, `SELECT id FROM accounts WHERE email = '${email}'`);
  return { client, email, password, accountId: Number(row.id), key, step, mail };
}

// In Chromium (playwright `browser`): a new 360 px wide context where `account` (from
// signedInEmployerAdmin or signedInStaff: email, password, key, step) signs in as a person
// would, password then the authenticator's code, in `lang`, and lands on `landing`.
// Returns {context, page}; the caller closes the context.
export async function signInInBrowser(browser, baseUrl, account, { lang = 'id', javaScriptEnabled = true, landing }) {
  catalogs[lang] ??= h.loadCatalog(lang);
  const t = catalogs[lang];
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 }, javaScriptEnabled, locale: lang === 'en' ? 'en-US' : 'id-ID',
  });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/lang/${lang}?next=${encodeURIComponent(`/login?next=${landing}`)}`);
  await page.getByLabel(t['identity.login.identifier']).fill(account.email);
  await page.getByLabel(t['identity.login.password'], { exact: true }).fill(account.password);
  await page.getByRole('button', { name: t['identity.login.submit'], exact: true }).click();
  await page.waitForURL(/\/login\/second-factor/);
  const { code, step } = await nextTotp(account.key, account.step);
  account.step = step;
  await page.getByLabel(t['identity.second_factor.app_code'], { exact: true }).fill(code);
  await page.getByRole('button', { name: t['identity.second_factor.submit'], exact: true }).click();
  await page.waitForURL((url) => url.pathname === landing);
  return { context, page };
}
