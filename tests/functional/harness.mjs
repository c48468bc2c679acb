// Functional-test harness: runs the real `lumbung` binary against a fresh database and talks
// to it the way a browser, a script or an attacker would.
//
//   LUMBUNG_BIN                path of the lumbung binary (CTest passes $<TARGET_FILE:lumbung>)
//   LUMBUNG_SHARE_DIR          the repository root (templates, static, locale, config/rules.json)
//   LUMBUNG_TEST_BACKEND       sqlite (default) | postgresql
//   LUMBUNG_TEST_PG_URL_FILE   file holding the base URL of the throw-away PostgreSQL cluster
//                              (written by tests/support/postgres_cluster, CTest fixture `postgres`)
//
// Every server and every PostgreSQL database made here is tracked, and torn down when the test
// process exits, even if a test forgot or failed before its own cleanup ran.
import { spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const FUND_NAME = 'Dana Jaminan Pekerja Lumbung';
export const TEST_SECRET_KEY = '6c756d62756e672d746573742d6b65792d6e6f742d666f722d70726f64756374';
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
const CLI_TIMEOUT_MS = 120_000;

// ---------------------------------------------------------------------------------------------
// Environment

export function lumbungBin() {
  const bin = process.env.LUMBUNG_BIN;
  if (!bin) throw new Error('LUMBUNG_BIN is not set: point it at the lumbung binary');
  if (!fs.existsSync(bin)) throw new Error(`LUMBUNG_BIN=${bin} does not exist (build target lumbung)`);
  return bin;
}

export function shareDir() {
  const dir = process.env.LUMBUNG_SHARE_DIR;
  if (!dir) throw new Error('LUMBUNG_SHARE_DIR is not set: point it at the repository root');
  return dir;
}

export function currentBackend() {
  const backend = process.env.LUMBUNG_TEST_BACKEND || 'sqlite';
  if (backend !== 'sqlite' && backend !== 'postgresql') {
    throw new Error(`LUMBUNG_TEST_BACKEND must be sqlite or postgresql, not '${backend}'`);
  }
  return backend;
}

export function makeTempDir(prefix = 'lumbung-ft-') {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

// The environment of a lumbung child process: ours without any LUMBUNG_* variable (the binary
// refuses unknown ones, such as LUMBUNG_BIN), plus the share dir and what the caller adds.
// A value of undefined in `extra` removes that variable.
export function childEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('LUMBUNG_')) env[key] = value;
  }
  env.LUMBUNG_SHARE_DIR = shareDir();
  // Outside dev mode the binary needs a key to sign cookies; tests get a fixed one.
  env.LUMBUNG_SECURITY_SECRET_KEY = TEST_SECRET_KEY;
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = String(value);
  }
  return env;
}

// ---------------------------------------------------------------------------------------------
// Databases

const liveDatabases = new Set(); // PostgreSQL databases not dropped yet: {admin, name}
let databaseCounter = 0;

function pgAdmin() {
  const file = process.env.LUMBUNG_TEST_PG_URL_FILE;
  if (!file) {
    throw new Error(
      'backend postgresql needs LUMBUNG_TEST_PG_URL_FILE (the file tests/support/postgres_cluster ' +
        'writes; run through CTest so the `postgres` fixture starts the cluster)');
  }
  if (!fs.existsSync(file)) throw new Error(`LUMBUNG_TEST_PG_URL_FILE=${file} does not exist: is the cluster running?`);
  const base = new URL(fs.readFileSync(file, 'utf8').trim());
  return {
    base,
    // psql gets the password through the environment, not its command line.
    args: ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', base.hostname, '-p', base.port || '5432',
           '-U', decodeURIComponent(base.username)],
    env: { ...process.env, PGPASSWORD: decodeURIComponent(base.password), PGCONNECT_TIMEOUT: '10' },
    maintenanceDb: decodeURIComponent(base.pathname.slice(1)) || 'postgres',
  };
}

function psqlSync(admin, sql, database = admin.maintenanceDb) {
  return spawnSync('psql', [...admin.args, '-d', database, '-c', sql], {
    env: admin.env, encoding: 'utf8', timeout: 60_000,
  });
}

// Runs SQL as the cluster's test role (postgresql backend only).
export async function psql(sql, { database } = {}) {
  const admin = pgAdmin();
  const result = await run('psql', [...admin.args, '-d', database ?? admin.maintenanceDb, '-At', '-c', sql],
                           { env: admin.env, timeoutMs: 60_000 });
  if (result.code !== 0) throw new Error(`psql failed (${result.code}): ${result.stderr}\nSQL: ${sql}`);
  return result.stdout;
}

// SELECT count(*) FROM table, on either backend (sqlite3 CLI or psql).
export async function countRows(database, table) {
  if (!/^[a-z_]+$/.test(table)) throw new Error(`bad table name ${table}`);
  const sql = `SELECT count(*) FROM ${table}`;
  if (database.backend === 'sqlite') {
    const file = database.url.replace(/^sqlite:/, '');
    const result = await run('sqlite3', ['-readonly', file, sql], { timeoutMs: 30_000 });
    if (result.code !== 0) throw new Error(`sqlite3 failed: ${result.stderr}`);
    return Number(result.stdout.trim());
  }
  return Number((await psql(sql, { database: database.name })).trim());
}

// A fresh, empty database for one server (and the CLI commands run against it).
// Returns {backend, url, name?, dir, drop()}.
export async function createDatabase(backend = currentBackend(), dir) {
  const ownDir = !dir;
  dir ??= makeTempDir();
  const removeDir = () => { if (ownDir) fs.rmSync(dir, { recursive: true, force: true }); };
  if (backend === 'sqlite') {
    return { backend, dir, url: `sqlite:${path.join(dir, 'lumbung.db')}`, drop: async () => removeDir() };
  }
  const admin = pgAdmin();
  const name = `lumbung_ft_${process.pid}_${++databaseCounter}_${crypto.randomBytes(3).toString('hex')}`;
  await psql(`CREATE DATABASE ${name}`);
  const record = { admin, name };
  liveDatabases.add(record);
  const url = new URL(admin.base.href);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    backend, dir, name, url: url.href,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      liveDatabases.delete(record);
      removeDir();
      await psql(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Processes

const liveChildren = new Set();

function cleanupAtExit() {
  for (const child of liveChildren) {
    try { child.kill('SIGKILL'); } catch { /* already gone */ }
  }
  liveChildren.clear();
  for (const { admin, name } of liveDatabases) {
    psqlSync(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
  liveDatabases.clear();
}
process.on('exit', cleanupAtExit);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(signal, () => {
    cleanupAtExit();
    process.exit(128 + os.constants.signals[signal]);
  });
}

// If the test process dies hard (SIGKILL from a CTest timeout), the kernel stops the server too.
const SETPRIV = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => fs.existsSync(p));
export function spawnTracked(command, args, options) {
  const [cmd, argv] = SETPRIV
    ? [SETPRIV, ['--pdeathsig', 'SIGKILL', '--', command, ...args]]
    : [command, args];
  const child = spawn(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  liveChildren.add(child);
  child.once('exit', () => liveChildren.delete(child));
  return child;
}

// Runs a command to completion: {code, signal, stdout, stderr}. Killed after timeoutMs.
export function run(command, args, { env = process.env, timeoutMs = CLI_TIMEOUT_MS, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawnTracked(command, args, { env, cwd });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${command} ${args.join(' ')} did not finish in ${timeoutMs} ms\n` +
                       `stdout: ${stdout}\nstderr: ${stderr}`));
    }, timeoutMs);
    child.once('error', (e) => { clearTimeout(timer); reject(e); });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

// Runs `lumbung ARGS...` with a clean environment plus `env`.
export function runLumbung(args, { env = {}, timeoutMs } = {}) {
  return run(lumbungBin(), args, { env: childEnv(env), timeoutMs, cwd: os.tmpdir() });
}

// The environment that points the binary at `database` (from createDatabase).
export function databaseEnv(database) {
  return { LUMBUNG_DATABASE_URL: database.url };
}

// Starts `lumbung serve` on a free port against a fresh database (or `database`, shared with
// CLI commands). Resolves once the server printed its `listening on` line.
// Returns {baseUrl, port, database, dir, process, logs(), stdout(), stderr(), stdoutLines(),
//          exited(), waitForStdout(predicate), terminate() (send SIGTERM once),
//          stop() (terminate, await the exit: {code, signal, stdout, stderr})}.
export async function startServer({ backend = currentBackend(), env = {}, database, timeoutMs = READY_TIMEOUT_MS } = {}) {
  const dir = makeTempDir('lumbung-server-');
  const ownDatabase = !database;
  if (!database) database = await createDatabase(backend, dir);
  const serverEnv = childEnv({
    LUMBUNG_HTTP_PORT: '0',
    LUMBUNG_DATABASE_URL: database.url,
    LUMBUNG_PUBLIC_URL: 'http://127.0.0.1:8080',
    LUMBUNG_LOG_ACCESS: 'stdout',
    LUMBUNG_MAINTENANCE_POLL_SECONDS: '0',
    // Tests change the database behind the server's back (rows, the CLI): every read is fresh
    // unless a test turns the cache on (cache_http.test.mjs).
    LUMBUNG_CACHE_SECONDS: '0',
    ...env,
  });
  const child = spawnTracked(lumbungBin(), ['serve'], { env: serverEnv, cwd: dir });
  let stdout = '';
  let stderr = '';
  const watchers = new Set();
  const notify = () => { for (const w of watchers) w(); };
  child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; notify(); });
  child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; notify(); });
  let exitInfo = null;
  const exited = new Promise((resolve) => {
    child.once('close', (code, signal) => { exitInfo = { code, signal }; notify(); resolve(exitInfo); });
  });

  // Resolves when predicate(stdout) returns a truthy value; rejects on exit or timeout.
  const waitForStdout = (predicate, { timeoutMs: limit = 10_000, what = 'output' } = {}) =>
    new Promise((resolve, reject) => {
      const check = () => {
        const value = predicate(stdout);
        if (value) { done(); resolve(value); return; }
        if (exitInfo) {
          done();
          reject(new Error(`lumbung serve exited (${JSON.stringify(exitInfo)}) before ${what}\n` +
                           `stdout:\n${stdout}\nstderr:\n${stderr}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${what} from lumbung serve within ${limit} ms\nstdout:\n${stdout}\nstderr:\n${stderr}`));
      }, limit);
      const done = () => { clearTimeout(timer); watchers.delete(check); };
      watchers.add(check);
      check();
    });

  let match;
  try {
    match = await waitForStdout((out) => /^listening on (http:\/\/[^\s]+)$/m.exec(out),
                                { timeoutMs, what: "the 'listening on' line" });
  } catch (e) {
    if (!exitInfo) child.kill('SIGKILL');
    await exited;
    if (ownDatabase) await database.drop().catch(() => {});
    throw e;
  }
  const baseUrl = match[1];
  const port = Number(new URL(baseUrl).port);

  // Exactly one SIGTERM, as a process supervisor sends: a second one during the graceful stop
  // would be a different scenario (forced stop).
  let terminated = false;
  const terminate = () => {
    if (terminated || exitInfo) return;
    terminated = true;
    child.kill('SIGTERM');
  };
  let stopping = null;
  const stop = () => {
    stopping ??= (async () => {
      terminate();
      let timer;
      const result = await Promise.race([
        exited,
        new Promise((resolve) => { timer = setTimeout(() => resolve(null), STOP_TIMEOUT_MS); }),
      ]);
      clearTimeout(timer);
      if (!result) {
        child.kill('SIGKILL');
        await exited;
        throw new Error(`lumbung serve did not stop within ${STOP_TIMEOUT_MS} ms of SIGTERM\nstdout:\n${stdout}\nstderr:\n${stderr}`);
      }
      if (ownDatabase) await database.drop();
      if (result.code === 0) fs.rmSync(dir, { recursive: true, force: true });
      return { ...result, stdout, stderr };
    })();
    return stopping;
  };

  return {
    baseUrl, port, database, dir, process: child,
    stdout: () => stdout,
    stderr: () => stderr,
    logs: () => stdout + stderr,
    stdoutLines: () => stdout.split('\n').filter((l) => l !== ''),
    exited: () => exitInfo,
    waitForStdout,
    terminate,
    stop,
  };
}

// ---------------------------------------------------------------------------------------------
// HTTP clients

// One request on its own connection (Connection: close). Never follows redirects and never
// decompresses. Resolves {status, headers (lower-case names), rawHeaders, body (Buffer), text}.
export function request(baseUrl, target, { method = 'GET', headers = {}, body, timeoutMs = 15_000 } = {}) {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: url.hostname, port: url.port, method, path: target, headers, agent: false,
      timeout: timeoutMs,
    }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const buf = Buffer.concat(chunks);
        resolve({ status: res.statusCode, headers: res.headers, rawHeaders: res.rawHeaders,
                  body: buf, text: buf.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${target}: no answer in ${timeoutMs} ms`)));
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

// Parses one HTTP/1.1 response at the start of `buf`. Returns {response, rest} or null when
// more bytes are needed. `head`: the request was HEAD (no body whatever Content-Length says).
export function parseResponse(buf, { head = false, closed = false } = {}) {
  const end = buf.indexOf('\r\n\r\n');
  if (end < 0) return null;
  const lines = buf.subarray(0, end).toString('latin1').split('\r\n');
  const statusLine = lines[0];
  const m = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(statusLine);
  if (!m) throw new Error(`not an HTTP response: ${JSON.stringify(statusLine)}`);
  const headers = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name in headers) headers[name] = Array.isArray(headers[name]) ? [...headers[name], value] : [headers[name], value];
    else headers[name] = value;
  }
  const status = Number(m[1]);
  const start = end + 4;
  let length;
  if (head || status === 304 || status === 204 || (status >= 100 && status < 200)) length = 0;
  else if (headers['content-length'] !== undefined) length = Number(headers['content-length']);
  else if (closed) length = buf.length - start;
  else return null; // body runs to the end of the connection
  if (buf.length < start + length) return null;
  const body = buf.subarray(start, start + length);
  return {
    response: { status, statusLine, headers, body, text: body.toString('utf8') },
    rest: buf.subarray(start + length),
  };
}

// A raw TCP connection for what ordinary clients will not send: malformed request lines,
// oversized heads, pipelining, half-sent requests.
export class RawConnection {
  static open(port, host = '127.0.0.1', timeoutMs = 10_000) {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host });
      const timer = setTimeout(() => { socket.destroy(); reject(new Error(`connect to ${host}:${port} timed out`)); }, timeoutMs);
      socket.once('connect', () => { clearTimeout(timer); resolve(new RawConnection(socket)); });
      socket.once('error', (e) => { clearTimeout(timer); reject(e); });
    });
  }

  constructor(socket) {
    this.socket = socket;
    this.buffer = Buffer.alloc(0);
    this.received = Buffer.alloc(0); // everything ever received, for diagnostics
    this.closed = false;
    this.error = null;
    this.waiters = new Set();
    socket.on('data', (d) => {
      this.buffer = Buffer.concat([this.buffer, d]);
      this.received = Buffer.concat([this.received, d]);
      this.#notify();
    });
    socket.on('error', (e) => { this.error = e; });
    socket.on('close', () => { this.closed = true; this.#notify(); });
  }

  #notify() { for (const w of [...this.waiters]) w(); }

  #waitFor(check, timeoutMs, what) {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        let value;
        try { value = check(); } catch (e) { finish(); reject(e); return; }
        if (value !== undefined) { finish(); resolve(value); }
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; received so far: ` +
                         JSON.stringify(this.received.toString('latin1').slice(0, 2000))));
      }, timeoutMs);
      const finish = () => { clearTimeout(timer); this.waiters.delete(attempt); };
      this.waiters.add(attempt);
      attempt();
    });
  }

  write(data) {
    return new Promise((resolve, reject) => {
      this.socket.write(data, (e) => (e ? reject(e) : resolve()));
    });
  }

  // The next response on this connection.
  readResponse({ head = false, timeoutMs = 10_000 } = {}) {
    return this.#waitFor(() => {
      const parsed = parseResponse(this.buffer, { head, closed: this.closed });
      if (parsed) {
        this.buffer = Buffer.from(parsed.rest);
        return parsed.response;
      }
      if (this.closed) {
        throw new Error('connection closed before a whole response arrived; received: ' +
                        JSON.stringify(this.received.toString('latin1').slice(0, 2000)));
      }
      return undefined;
    }, timeoutMs, 'a response');
  }

  // Resolves true once the peer closed the connection (rejects after timeoutMs).
  waitForClose(timeoutMs = 10_000) {
    return this.#waitFor(() => (this.closed ? true : undefined), timeoutMs, 'the server to close the connection');
  }

  end() { this.socket.end(); }
  destroy() { this.socket.destroy(); }
}

// Sends `data` (string, Buffer, or an array of them written in turn) on a new connection and
// returns the first response. The connection is closed afterwards.
export async function rawRequest(port, data, { head = false, timeoutMs = 10_000 } = {}) {
  const conn = await RawConnection.open(port);
  try {
    for (const chunk of Array.isArray(data) ? data : [data]) {
      await conn.write(chunk).catch(() => {}); // the server may close before it read everything
    }
    return await conn.readResponse({ head, timeoutMs });
  } finally {
    conn.destroy();
  }
}

// Tries to connect; resolves true if a connection was accepted, false if refused.
export function canConnect(port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

// Polls `fn` (async, returns truthy when done) up to `attempts` times, `intervalMs` apart.
export async function pollUntil(fn, { attempts = 100, intervalMs = 100, what = 'condition' } = {}) {
  let last;
  for (let i = 0; i < attempts; i++) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  throw new Error(`${what} not reached after ${attempts} attempts (last: ${JSON.stringify(last)})`);
}

// ---------------------------------------------------------------------------------------------
// Small HTML helpers (the pages are simple, server-rendered HTML).

export function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos|#39);/gi, (all, e) => {
    const l = e.toLowerCase();
    if (l === 'amp') return '&';
    if (l === 'lt') return '<';
    if (l === 'gt') return '>';
    if (l === 'quot') return '"';
    if (l === 'apos' || l === '#39') return "'";
    if (l.startsWith('#x')) return String.fromCodePoint(parseInt(l.slice(2), 16));
    return String.fromCodePoint(parseInt(l.slice(1), 10));
  });
}

const stripTags = (s) => decodeEntities(s.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();

export function htmlLang(html) { return /<html[^>]*\blang="([^"]*)"/i.exec(html)?.[1]; }
export function htmlTitle(html) { const m = /<title>([\s\S]*?)<\/title>/i.exec(html); return m ? stripTags(m[1]) : undefined; }
export function htmlH1s(html) { return [...html.matchAll(/<h1\b[^>]*>([\s\S]*?)<\/h1>/gi)].map((m) => stripTags(m[1])); }
export function htmlText(html) { return stripTags(html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '')); }
// href of the first <a> whose class list contains `className`.
export function linkByClass(html, className) {
  for (const m of html.matchAll(/<a\b([^>]*)>/gi)) {
    const cls = /\bclass="([^"]*)"/i.exec(m[1])?.[1]?.split(/\s+/) ?? [];
    if (cls.includes(className)) return decodeEntities(/\bhref="([^"]*)"/i.exec(m[1])?.[1] ?? '');
  }
  return undefined;
}
export function assetUrls(html) {
  return {
    css: [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"/gi)].map((m) => decodeEntities(m[1])),
    js: [...html.matchAll(/<script\b[^>]*src="([^"]+)"/gi)].map((m) => decodeEntities(m[1])),
  };
}

// Reads msgid -> msgstr from locale/LANG.po (single-line and continued strings).
export function loadCatalog(lang) {
  const text = fs.readFileSync(path.join(shareDir(), 'locale', `${lang}.po`), 'utf8');
  const catalog = {};
  let id = null;
  let str = null;
  let field = null;
  const unquote = (s) => JSON.parse(s);
  const flush = () => { if (id) catalog[id] = str; id = null; str = null; field = null; };
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line.startsWith('msgid ')) { flush(); id = unquote(line.slice(6)); field = 'id'; }
    else if (line.startsWith('msgstr ')) { str = unquote(line.slice(7)); field = 'str'; }
    else if (line.startsWith('"') && field) {
      if (field === 'id') id += unquote(line); else str += unquote(line);
    } else if (line === '' || line.startsWith('#')) { if (field === 'str') flush(); }
  }
  flush();
  return catalog;
}
