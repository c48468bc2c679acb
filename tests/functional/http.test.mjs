// HTTP behaviour of the real `lumbung` binary, as a member's browser, a monitoring system, an
// operator at the command line or an attacker sees it. Backend: LUMBUNG_TEST_BACKEND.
// Requirement IDs are OWASP ASVS 4.0.3.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import zlib from 'node:zlib';

import * as h from './harness.mjs';

const backend = h.currentBackend();
const ID = h.loadCatalog('id');
const EN = h.loadCatalog('en');
const FUND = h.FUND_NAME;
const MAX_BODY = 8192;
const MAX_HEADER = 4096;

const pageTitle = (catalog, key) => `${catalog[key]} – ${FUND}`;
const errorTitle = (catalog, status) =>
  `${catalog['title.error_prefix']}${catalog[`error.${status}.title`]} – ${FUND}`;

// Asserts an answer is the translated HTML error page for `status` in `lang`.
function assertErrorPage(res, status, lang = 'id', what = '') {
  const catalog = lang === 'en' ? EN : ID;
  const where = `${what} (status ${res.status})`;
  assert.equal(res.status, status, `${where}: status`);
  assert.match(String(res.headers['content-type']), /^text\/html; charset=utf-8$/i, `${where}: content type`);
  assert.equal(h.htmlLang(res.text), lang, `${where}: <html lang>`);
  const title = h.htmlTitle(res.text);
  assert.ok(title.startsWith(lang === 'en' ? 'Error: ' : 'Galat: '), `${where}: title '${title}'`);
  assert.equal(title, errorTitle(catalog, status), `${where}: title`);
  assert.deepEqual(h.htmlH1s(res.text), [catalog[`error.${status}.title`]], `${where}: h1`);
  assert.ok(h.htmlText(res.text).includes(catalog[`error.${status}.message`]), `${where}: explanation`);
  assert.ok(h.htmlText(res.text).includes(String(status)), `${where}: error code shown`);
}

const CSP_FORBIDDEN = ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", '*', 'http:', 'https:', 'data:'];

function cspDirectives(value) {
  const map = new Map();
  for (const part of String(value).split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), sources);
  }
  return map;
}

// ---------------------------------------------------------------------------------------------
describe(`lumbung serve on ${backend}`, () => {
  let server;
  const get = (target, headers = {}) => h.request(server.baseUrl, target, { headers });
  const raw = (data, opts) => h.rawRequest(server.port, data, opts);
  const assertAlive = async (after) => {
    const res = await get('/healthz');
    assert.equal(res.status, 200, `server no longer answers /healthz after ${after}`);
  };
  let assets;

  // One sample of every kind of answer, for the header checks (ASVS 14.4, 8.2.1).
  let samples;

  before(async () => {
    server = await h.startServer({
      env: { LUMBUNG_HTTP_MAX_BODY_BYTES: MAX_BODY, LUMBUNG_HTTP_MAX_HEADER_BYTES: MAX_HEADER },
    });
    const home = await get('/');
    assets = h.assetUrls(home.text);
    samples = {
      'GET /': home,
      'GET /help': await get('/help'),
      'GET /healthz': await get('/healthz'),
      'GET /readyz': await get('/readyz'),
      'GET /metrics': await get('/metrics'),
      'GET stylesheet': await get(assets.css[0]),
      'GET script': await get(assets.js[0]),
      'GET /lang/en (303)': await get('/lang/en?next=/help'),
      'GET /no-such-page (404)': await get('/no-such-page'),
      'GET /static/missing (404)': await get('/static/css/site.000000000000.css'),
      'POST / (405)': await h.request(server.baseUrl, '/', { method: 'POST', body: 'a=b',
        headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      'GET /%zz (400)': await raw('GET /%zz HTTP/1.1\r\nHost: t\r\n\r\n'),
      'malformed request line (400)': await raw('NONSENSE\r\n\r\n'),
      'oversized head (431)': await raw(`GET / HTTP/1.1\r\nHost: t\r\nX-Big: ${'b'.repeat(MAX_HEADER)}\r\n\r\n`),
      'oversized body (413)': await raw(`POST / HTTP/1.1\r\nHost: t\r\nContent-Length: ${MAX_BODY + 1}\r\n\r\n`),
    };
  });

  after(async () => { await server?.stop(); });

  // --- start-up -------------------------------------------------------------------------------

  test('prints exactly one `listening on http://127.0.0.1:PORT` line, on a port the OS chose', () => {
    const lines = server.stdoutLines().filter((l) => l.startsWith('listening on'));
    assert.equal(lines.length, 1, server.stdout());
    assert.match(lines[0], /^listening on http:\/\/127\.0\.0\.1:([1-9]\d*)$/);
    assert.notEqual(server.port, 8080);
  });

  // --- pages ----------------------------------------------------------------------------------

  test('GET / explains the programs, in Indonesian by default', async () => {
    const res = await get('/');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/html; charset=utf-8$/);
    assert.equal(h.htmlLang(res.text), 'id');
    assert.deepEqual(h.htmlH1s(res.text), [ID['page.home.title']]);
    assert.equal(h.htmlTitle(res.text), pageTitle(ID, 'page.home.title'));
    const text = h.htmlText(res.text);
    for (const program of ['jht', 'jkk', 'jkm', 'jp', 'jkp']) {
      assert.ok(text.includes(ID[`home.${program}.heading`]), `home names program ${program}`);
      assert.ok(text.includes(ID[`home.${program}.what`]), `home explains program ${program}`);
    }
    assert.doesNotMatch(res.text, /\{\{|\}\}/, 'no unrendered template placeholders');
    assert.match(text, /\d+(,\d+)?\s?%/, 'contribution rates are shown as figures');
  });

  test('GET / in English when the browser prefers English', async () => {
    const res = await get('/', { 'accept-language': 'en-GB,en;q=0.9' });
    assert.equal(res.status, 200);
    assert.equal(h.htmlLang(res.text), 'en');
    assert.deepEqual(h.htmlH1s(res.text), [EN['page.home.title']]);
    assert.equal(h.htmlTitle(res.text), pageTitle(EN, 'page.home.title'));
    const text = h.htmlText(res.text);
    for (const program of ['jht', 'jkk', 'jkm', 'jp', 'jkp']) {
      assert.ok(text.includes(EN[`home.${program}.heading`]), `home names program ${program}`);
    }
    assert.match(text, /\d+(\.\d+)?%/, 'contribution rates are shown as figures');
  });

  test('GET / for signed-out visitors: one copy per language, each visitor still gets its own pre-session cookie', async () => {
    const pre = (res) => [].concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('__Host-lumbung-pre='));
    const first = await get('/', { 'accept-language': 'id' });
    const second = await get('/', { 'accept-language': 'id' });
    const english = await get('/', { cookie: 'lang=en', 'accept-language': 'id' });
    const back = await get('/', { cookie: 'lang=id', 'accept-language': 'en' });
    assert.equal(second.text, first.text, 'the same page for everyone in a language');
    assert.equal(back.text, first.text, 'the language cookie picks the Indonesian copy');
    assert.equal(h.htmlLang(english.text), 'en');
    assert.deepEqual(h.htmlH1s(english.text), [EN['page.home.title']]);
    assert.deepEqual(h.htmlH1s(first.text), [ID['page.home.title']]);
    assert.ok(pre(first) && pre(second) && pre(first) !== pre(second), 'a pre-session secret of its own per visitor');
    assert.ok(!first.text.includes('/logout') && !first.text.includes('session-notice'), 'no signed-in header');
    // A query string is not the plain address: rendered for it (the language switch returns there).
    const query = await get('/?utm=x');
    assert.ok(query.text.includes('next=%2F%3Futm%3Dx'), 'the switch links back to the address asked');
  });

  test('GET /help shows contact details and scam advice in both languages', async () => {
    for (const [lang, catalog] of [['id', ID], ['en', EN]]) {
      const res = await get('/help', { 'accept-language': lang });
      assert.equal(res.status, 200);
      assert.equal(h.htmlLang(res.text), lang);
      assert.deepEqual(h.htmlH1s(res.text), [catalog['page.help.title']]);
      assert.equal(h.htmlTitle(res.text), pageTitle(catalog, 'page.help.title'));
      const text = h.htmlText(res.text);
      assert.ok(text.includes(catalog['help.safety.heading']));
      assert.ok(text.includes('1500 000'), 'the fund phone number is shown');
    }
  });

  test('language: cookie beats Accept-Language; unsupported choices fall back to Indonesian', async () => {
    const cases = [
      [{}, 'id'],
      [{ 'accept-language': 'en' }, 'en'],
      [{ 'accept-language': 'fr-FR,de;q=0.8' }, 'id'],
      [{ 'accept-language': 'fr;q=1, en;q=0.5' }, 'en'],
      [{ 'accept-language': 'en;q=0.2, id;q=0.8' }, 'id'],
      [{ 'accept-language': 'id-ID' }, 'id'],
      [{ 'accept-language': 'en', cookie: 'lang=id' }, 'id'],
      [{ 'accept-language': 'id', cookie: 'lang=en' }, 'en'],
      [{ 'accept-language': 'en', cookie: 'lang=xx' }, 'en'],
      [{ cookie: 'lang=<script>' }, 'id'],
      [{ 'accept-language': ';;;q=abc,,,' }, 'id'],
    ];
    for (const [headers, lang] of cases) {
      const res = await get('/', headers);
      assert.equal(res.status, 200, JSON.stringify(headers));
      assert.equal(h.htmlLang(res.text), lang, JSON.stringify(headers));
    }
  });

  test('pages need no inline script or style (they would break under the CSP)', async () => {
    for (const target of ['/', '/help', '/no-such-page']) {
      const res = await get(target);
      assert.doesNotMatch(res.text, /<style\b/i, `${target}: <style>`);
      assert.doesNotMatch(res.text, /\sstyle\s*=/i, `${target}: style attribute`);
      assert.doesNotMatch(res.text, /<[^>]*\son[a-z]+\s*=/i, `${target}: event handler attribute`);
      assert.doesNotMatch(res.text, /javascript:/i, `${target}: javascript: URL`);
      for (const m of res.text.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
        assert.match(m[1], /\bsrc="\/static\//, `${target}: script without src`);
        assert.equal(m[2].trim(), '', `${target}: inline script body`);
      }
    }
  });

  test('pages are gzip-compressed for clients that accept it', async () => {
    const res = await get('/', { 'accept-encoding': 'gzip, deflate, br' });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-encoding'], 'gzip');
    assert.match(String(res.headers.vary), /Accept-Encoding/i);
    const html = zlib.gunzipSync(res.body).toString('utf8');
    assert.deepEqual(h.htmlH1s(html), [ID['page.home.title']]);
    const plain = await get('/');
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(Number(plain.headers['content-length']), plain.body.length);
  });

  // --- language switch ------------------------------------------------------------------------

  test('language switch round trip: the link sets the cookie and returns to the same page', async () => {
    let cookie = '';
    let page = await get('/help?topic=kpj');
    assert.equal(h.htmlLang(page.text), 'id');
    for (const [from, to, catalog] of [['id', 'en', EN], ['en', 'id', ID]]) {
      const link = h.linkByClass(page.text, 'lang-switch');
      assert.ok(link, `a language-switch link on the ${from} page`);
      assert.ok(link.startsWith(`/lang/${to}?next=`), `switch link ${link}`);
      const sw = await get(link, cookie ? { cookie } : {});
      assert.equal(sw.status, 303, `GET ${link}`);
      assert.equal(sw.headers.location, '/help?topic=kpj', 'back to the same page, query kept');
      const setCookie = [].concat(sw.headers['set-cookie'] ?? []);
      assert.equal(setCookie.length, 1, JSON.stringify(setCookie));
      assert.match(setCookie[0], new RegExp(`^lang=${to};`));
      assert.match(setCookie[0], /;\s*Path=\/(;|$)/i);
      assert.match(setCookie[0], /;\s*Max-Age=\d{6,}/i, 'the choice is remembered');
      assert.doesNotMatch(setCookie[0], /;\s*Secure/i, 'no Secure flag when public.url is http');
      cookie = setCookie[0].split(';')[0];
      page = await get(sw.headers.location, { cookie, 'accept-language': from });
      assert.equal(page.status, 200);
      assert.equal(h.htmlLang(page.text), to);
      assert.deepEqual(h.htmlH1s(page.text), [catalog['page.help.title']]);
    }
  });

  test('language switch: the switch link names the other language in that language', async () => {
    const idPage = await get('/');
    assert.match(idPage.text, /<a class="lang-switch" href="\/lang\/en\?next=%2F" hreflang="en" lang="en">English<\/a>/);
    const enPage = await get('/', { 'accept-language': 'en' });
    assert.match(enPage.text, /<a class="lang-switch" href="\/lang\/id\?next=%2F" hreflang="id" lang="id">Bahasa Indonesia<\/a>/);
  });

  test('language switch never redirects off the site (open redirect, ASVS 5.1.5)', async () => {
    const hostile = [
      'https://evil.example/', '//evil.example/', '/\\evil.example', '\\\\evil.example',
      'javascript:alert(1)', 'evil.example', '%2F%2Fevil.example', '/\r\nSet-Cookie: x=1',
      '\r\nLocation: https://evil.example', '/\t/evil.example', '/\n/evil.example', '',
    ];
    for (const next of hostile) {
      const res = await get(`/lang/en?next=${encodeURIComponent(next)}`);
      assert.equal(res.status, 303, next);
      assert.equal(res.headers.location, '/', `next=${JSON.stringify(next)}`);
      assert.equal([].concat(res.headers['set-cookie'] ?? []).length, 1, `no injected cookie for ${next}`);
    }
    const noNext = await get('/lang/en');
    assert.equal(noNext.status, 303);
    assert.equal(noNext.headers.location, '/');
  });

  test('language switch to an unsupported language is a translated 404', async () => {
    assertErrorPage(await get('/lang/fr?next=/'), 404, 'id', '/lang/fr');
    assertErrorPage(await get('/lang/xx?next=/', { 'accept-language': 'en' }), 404, 'en', '/lang/xx');
  });

  // --- probes and metrics ---------------------------------------------------------------------

  test('/healthz answers 200 "ok" and /readyz 200 while the database is up', async () => {
    const health = await get('/healthz');
    assert.equal(health.status, 200);
    assert.equal(health.text.trim(), 'ok');
    const ready = await get('/readyz');
    assert.equal(ready.status, 200);
  });

  test('/metrics is Prometheus text with request counts, latency histogram and pool gauges', async () => {
    const count = async () => {
      const m = /^lumbung_http_requests_total\{method="GET",route="\/healthz",status="200"\} (\d+)$/m
        .exec((await get('/metrics')).text);
      return m ? Number(m[1]) : 0;
    };
    await get('/healthz');
    const before = await count();
    assert.ok(before >= 1);
    await get('/healthz');
    assert.equal(await count(), before + 1, 'one more /healthz request is counted exactly once');

    const res = await get('/metrics');
    assert.equal(res.status, 200);
    assert.match(res.headers['content-type'], /^text\/plain; version=0\.0\.4/);
    const text = res.text;
    for (const family of ['lumbung_http_requests_total', 'lumbung_http_request_duration_seconds',
      'lumbung_worker_queue_depth', 'lumbung_db_pool_in_use', 'lumbung_db_pool_size']) {
      assert.match(text, new RegExp(`^# TYPE ${family} (counter|histogram|gauge)$`, 'm'), family);
    }
    for (const gauge of ['lumbung_worker_queue_depth', 'lumbung_db_pool_in_use']) {
      const m = new RegExp(`^${gauge} (\\S+)$`, 'm').exec(text);
      assert.ok(m && Number(m[1]) >= 0, `${gauge} has a value`);
    }
    // Histogram: cumulative buckets ending with +Inf == _count.
    const buckets = [...text.matchAll(/^lumbung_http_request_duration_seconds_bucket\{route="\/healthz",le="([^"]+)"\} (\d+)$/gm)];
    assert.ok(buckets.length >= 2, 'histogram buckets for /healthz');
    for (let i = 1; i < buckets.length; i++) assert.ok(Number(buckets[i][2]) >= Number(buckets[i - 1][2]), 'cumulative');
    assert.equal(buckets.at(-1)[1], '+Inf');
    const total = /^lumbung_http_request_duration_seconds_count\{route="\/healthz"\} (\d+)$/m.exec(text);
    assert.equal(total?.[1], buckets.at(-1)[2]);
    // Every sample line is well-formed exposition format.
    for (const line of text.split('\n')) {
      if (line === '' || line.startsWith('#')) continue;
      assert.match(line, /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*"(,[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*")*\})? (-?\d+(\.\d+)?(e[+-]?\d+)?|[+-]Inf|NaN)$/, line);
    }
  });

  test('/metrics labels unknown paths and methods as one series, so random requests cannot add time series', async () => {
    const junk = `/probe-${Date.now()}-x`;
    assert.equal((await get(junk)).status, 404);
    const method = `FOOBAR${Date.now()}`;
    assert.equal((await raw(`${method} / HTTP/1.1\r\nHost: t\r\n\r\n`)).status, 405);
    const text = (await get('/metrics')).text;
    assert.ok(!text.includes(junk.slice(1)), 'the raw path is not a label value');
    assert.ok(!text.includes(method), `an invented method (${method}) became a label value: unbounded series`);
    assert.match(text, /^lumbung_http_requests_total\{method="GET",route="\(unmatched\)",status="404"\} \d+$/m);
  });

  // --- static files ---------------------------------------------------------------------------

  test('static files: fingerprinted URL, long immutable cache, ETag, 304, gzip', async () => {
    assert.equal(assets.css.length, 1, 'one stylesheet');
    assert.equal(assets.js.length, 1, 'one script');
    assert.match(assets.css[0], /^\/static\/css\/site\.[0-9a-f]{8,}\.css$/);
    assert.match(assets.js[0], /^\/static\/js\/site\.[0-9a-f]{8,}\.js$/);
    const files = { [assets.css[0]]: 'static/css/site.css', [assets.js[0]]: 'static/js/site.js' };
    for (const [url, file] of Object.entries(files)) {
      const original = fs.readFileSync(path.join(h.shareDir(), file));
      const res = await get(url);
      assert.equal(res.status, 200, url);
      assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable', url);
      assert.match(res.headers['content-type'], url.endsWith('.css') ? /^text\/css/ : /^(application|text)\/javascript/);
      assert.ok(res.headers.etag, `${url} ETag`);
      assert.ok(res.body.equals(original), `${url} body is the file`);

      const gz = await get(url, { 'accept-encoding': 'gzip' });
      assert.equal(gz.status, 200);
      if (original.length > 1024) {
        assert.equal(gz.headers['content-encoding'], 'gzip', `${url} gzip`);
        assert.match(String(gz.headers.vary), /Accept-Encoding/i);
        assert.ok(zlib.gunzipSync(gz.body).equals(original), `${url} gzip decodes to the file`);
      }

      const again = await get(url, { 'if-none-match': res.headers.etag });
      assert.equal(again.status, 304, `${url} If-None-Match`);
      assert.equal(again.body.length, 0);
      assert.equal(again.headers.etag, res.headers.etag);
    }
  });

  test('static files: unknown names and path traversal are 404, never files outside static/', async () => {
    for (const target of [
      '/static/css/site.000000000000.css', '/static/css/site.css', '/static/',
      '/static/../config/rules.json', '/static/%2e%2e/config/rules.json',
      '/static/css/..%2f..%2fconfig%2frules.json', '/static/..%5c..%5cconfig%5crules.json',
      '/static//etc/passwd',
    ]) {
      const res = await raw(`GET ${target} HTTP/1.1\r\nHost: t\r\n\r\n`);
      assert.ok(res.status === 404 || res.status === 400, `${target}: ${res.status}`);
      assert.doesNotMatch(res.text, /"jht"|root:x:0/, `${target} leaks a file`);
      assert.match(res.headers['cache-control'], /no-store/, `${target}: an error is not cached for a year`);
    }
  });

  // --- methods (ASVS 14.5.1) ------------------------------------------------------------------

  test('ASVS 14.5.1: methods a route does not take get a translated 405 with Allow', async () => {
    const cases = [
      ['POST', '/', 'GET, HEAD'], ['PUT', '/help', 'GET, HEAD'], ['DELETE', '/help', 'GET, HEAD'],
      ['PATCH', '/healthz', 'GET, HEAD'], ['POST', '/lang/en', 'GET, HEAD'],
      ['POST', assets.css[0], 'GET, HEAD'],
    ];
    for (const [method, target, allow] of cases) {
      const res = await h.request(server.baseUrl, target, { method, body: '', headers: { 'content-length': '0' } });
      assertErrorPage(res, 405, 'id', `${method} ${target}`);
      assert.equal(res.headers.allow, allow, `${method} ${target}: Allow`);
    }
    const en = await h.request(server.baseUrl, '/', { method: 'DELETE', headers: { 'accept-language': 'en' } });
    assertErrorPage(en, 405, 'en', 'DELETE / (en)');
  });

  test('ASVS 14.5.1: TRACE, OPTIONS and invented methods are refused and echo nothing back', async () => {
    for (const method of ['TRACE', 'OPTIONS', 'CONNECT', 'BREW']) {
      const target = method === 'CONNECT' ? '127.0.0.1:1' : '/';
      const res = await raw(`${method} ${target} HTTP/1.1\r\nHost: t\r\nX-Echo-Canary: canary-4711\r\n\r\n`);
      assert.ok([400, 405, 501].includes(res.status), `${method}: ${res.status}`);
      assert.ok(!res.text.includes('canary-4711'), `${method} echoes the request`);
      if (res.status === 405) assert.equal(res.headers.allow, 'GET, HEAD', `${method}: Allow`);
    }
  });

  test('HEAD answers with the GET headers and no body (keep-alive connection stays in sync)', async () => {
    const getRes = await get('/');
    const conn = await h.RawConnection.open(server.port);
    try {
      await conn.write('HEAD / HTTP/1.1\r\nHost: t\r\n\r\n');
      const head = await conn.readResponse({ head: true });
      assert.equal(head.status, 200);
      assert.equal(head.headers['content-type'], getRes.headers['content-type']);
      assert.equal(Number(head.headers['content-length']), getRes.body.length, 'Content-Length as for GET');
      assert.equal(head.headers['cache-control'], 'no-store');
      assert.ok(head.headers['content-security-policy']);
      // If HEAD had sent a body, the next answer on the connection would not start with a status line.
      await conn.write('GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n');
      const next = await conn.readResponse();
      assert.equal(next.status, 200);
      assert.equal(next.text.trim(), 'ok');
      for (const target of ['/healthz', assets.css[0], '/no-such-page']) {
        await conn.write(`HEAD ${target} HTTP/1.1\r\nHost: t\r\n\r\n`);
        const r = await conn.readResponse({ head: true });
        assert.equal(r.status, target === '/no-such-page' ? 404 : 200, `HEAD ${target}`);
      }
      await conn.write('GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n');
      assert.equal((await conn.readResponse()).text.trim(), 'ok');
    } finally {
      conn.destroy();
    }
  });

  // --- connections ----------------------------------------------------------------------------

  test('keep-alive: several requests on one connection, and pipelined requests in order', async () => {
    const conn = await h.RawConnection.open(server.port);
    try {
      for (const target of ['/healthz', '/', '/help', '/no-such-page', '/healthz']) {
        await conn.write(`GET ${target} HTTP/1.1\r\nHost: t\r\n\r\n`);
        const res = await conn.readResponse();
        assert.equal(res.status, target === '/no-such-page' ? 404 : 200, target);
        assert.notEqual(String(res.headers.connection).toLowerCase(), 'close', `${target}: connection kept`);
        assert.equal(conn.closed, false);
      }
      await conn.write('GET /healthz HTTP/1.1\r\nHost: t\r\n\r\nGET /help HTTP/1.1\r\nHost: t\r\n\r\n' +
                       'GET /metrics HTTP/1.1\r\nHost: t\r\n\r\n');
      const [a, b, c] = [await conn.readResponse(), await conn.readResponse(), await conn.readResponse()];
      assert.equal(a.text.trim(), 'ok');
      assert.match(b.headers['content-type'], /^text\/html/);
      assert.match(c.text, /^# HELP /m);
      await conn.write('GET /healthz HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n');
      assert.equal((await conn.readResponse()).status, 200);
      await conn.waitForClose();
    } finally {
      conn.destroy();
    }
    const old = await h.RawConnection.open(server.port);
    try {
      await old.write('GET /healthz HTTP/1.0\r\n\r\n');
      assert.equal((await old.readResponse()).status, 200);
      await old.waitForClose();
    } finally {
      old.destroy();
    }
  });

  // --- malformed input ------------------------------------------------------------------------

  test('malformed request lines and headers get a translated 400, and the server keeps running', async () => {
    const inputs = [
      'NONSENSE\r\n\r\n',
      'GET\r\n\r\n',
      'GET / HTTP/1.1 extra\r\nHost: t\r\n\r\n',
      'GET / FTP/1.1\r\nHost: t\r\n\r\n',
      'GET / HTTP/1.1\r\nNo colon here\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: t\r\nBad Name: x\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: t\r\nContent-Length: abc\r\n\r\n',
      'GET / HTTP/1.1\r\nHost: t\r\nContent-Length: -1\r\n\r\n',
      'POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n',
      Buffer.from('GET /\x00 HTTP/1.1\r\nHost: t\r\n\r\n', 'latin1'),
      Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03, 0x0d, 0x0a, 0x0d, 0x0a]),
    ];
    for (const input of inputs) {
      const what = JSON.stringify(input.toString('latin1'));
      const res = await raw(input);
      assertErrorPage(res, 400, 'id', what);
      assert.ok(res.headers['content-security-policy'], `${what}: CSP on the error page`);
      await assertAlive(what);
    }
  });

  test('request smuggling: conflicting Content-Length headers are refused with 400', async () => {
    const res = await raw('POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 3\r\nContent-Length: 30\r\n\r\nabc');
    assertErrorPage(res, 400, 'id', 'two Content-Length values');
    await assertAlive('conflicting Content-Length');
  });

  test('invalid percent-encoding or UTF-8 in path or query is a translated 400', async () => {
    const targets = ['/%zz', '/help%zz', '/?q=%zz', '/help?a=1&b=%z1', '/%', '/?q=%4',
      '/%ff', '/?q=%ff', '/%C0%AF', '/?next=%E2%82', '/%ED%A0%80', '/%00', '/help%00.html',
      '/lang/en?next=%ff'];
    for (const target of targets) {
      const res = await raw(`GET ${target} HTTP/1.1\r\nHost: t\r\n\r\n`);
      assertErrorPage(res, 400, 'id', target);
    }
    const en = await raw('GET /?q=%zz HTTP/1.1\r\nHost: t\r\nAccept-Language: en\r\n\r\n');
    assertErrorPage(en, 400, 'en', '/?q=%zz (en)');
    await assertAlive('bad percent-encoding');
    // Valid encodings of the same characters are fine.
    assert.equal((await get('/?q=%C3%A9%20x+y')).status, 200);
    assert.equal((await get('/%68elp')).status, 200, 'percent-encoded path of /help');
  });

  test('a request head over http.max_header_bytes gets a translated 431', async () => {
    const bigCookie = await raw(`GET / HTTP/1.1\r\nHost: t\r\nCookie: session=${'c'.repeat(MAX_HEADER + 100)}\r\n\r\n`);
    assertErrorPage(bigCookie, 431, 'id', 'one huge cookie');
    const many = Array.from({ length: 200 }, (_, i) => `X-Filler-${i}: ${'f'.repeat(20)}\r\n`).join('');
    const manyHeaders = await raw(`GET / HTTP/1.1\r\nHost: t\r\n${many}\r\n`);
    assertErrorPage(manyHeaders, 431, 'id', 'many headers');
    const longUrl = await raw(`GET /${'a'.repeat(MAX_HEADER + 100)} HTTP/1.1\r\nHost: t\r\n\r\n`);
    assert.ok([414, 431].includes(longUrl.status), `long URL: ${longUrl.status}`);
    await assertAlive('oversized heads');
    // Just under the limit is still served.
    const ok = await raw(`GET /healthz HTTP/1.1\r\nHost: t\r\nCookie: s=${'c'.repeat(MAX_HEADER - 200)}\r\n\r\n`);
    assert.equal(ok.status, 200);
  });

  test('ASVS 12.1.1: a body over http.max_body_bytes gets a translated 413 before it is read', async () => {
    // The server answers on the declared length alone: the 1 GB never has to be sent.
    const declared = await raw('POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 1000000000\r\n\r\n');
    assertErrorPage(declared, 413, 'id', 'Content-Length 1e9');
    const sent = await raw([`POST / HTTP/1.1\r\nHost: t\r\nContent-Length: ${MAX_BODY + 1}\r\n\r\n`,
                            'x'.repeat(MAX_BODY + 1)]);
    assertErrorPage(sent, 413, 'id', `Content-Length ${MAX_BODY + 1}`);
    const chunk = 'y'.repeat(4000);
    const chunks = Array.from({ length: 4 }, () => `${(4000).toString(16)}\r\n${chunk}\r\n`).join('');
    const chunked = await raw(`POST / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n${chunks}0\r\n\r\n`);
    assertErrorPage(chunked, 413, 'id', 'chunked body over the limit');
    // Exactly the limit is read and routed (there is no POST / route: 405).
    const atLimit = await raw([`POST / HTTP/1.1\r\nHost: t\r\nContent-Length: ${MAX_BODY}\r\n\r\n`, 'z'.repeat(MAX_BODY)]);
    assert.equal(atLimit.status, 405, 'a body of exactly max_body_bytes is accepted');
    await assertAlive('oversized bodies');
  });

  test('protocol errors close the connection after the answer', async () => {
    for (const input of ['NONSENSE\r\n\r\n', `POST / HTTP/1.1\r\nHost: t\r\nContent-Length: ${MAX_BODY * 10}\r\n\r\n`]) {
      const conn = await h.RawConnection.open(server.port);
      try {
        await conn.write(input);
        const res = await conn.readResponse();
        assert.ok(res.status === 400 || res.status === 413);
        assert.equal(String(res.headers.connection).toLowerCase(), 'close');
        await conn.waitForClose();
      } finally {
        conn.destroy();
      }
    }
  });

  // --- security headers -----------------------------------------------------------------------

  test('ASVS 14.4.3: every response carries a Content-Security-Policy without unsafe sources', () => {
    for (const [what, res] of Object.entries(samples)) {
      const csp = res.headers['content-security-policy'];
      assert.ok(csp, `${what}: no Content-Security-Policy`);
      const d = cspDirectives(csp);
      assert.ok(d.has('default-src'), `${what}: default-src`);
      for (const name of ['default-src', 'script-src', 'style-src', 'object-src']) {
        for (const source of d.get(name) ?? []) {
          assert.ok(!CSP_FORBIDDEN.includes(source), `${what}: ${name} allows ${source}`);
        }
      }
      const objects = d.get('object-src') ?? d.get('default-src');
      assert.deepEqual(objects, ["'none'"], `${what}: plugins blocked`);
      assert.ok(d.has('base-uri'), `${what}: base-uri`);
      assert.ok(!/'unsafe-inline'|'unsafe-eval'/.test(csp), `${what}: ${csp}`);
    }
  });

  test("ASVS 14.4.7: framing is refused everywhere (frame-ancestors 'none')", () => {
    for (const [what, res] of Object.entries(samples)) {
      assert.deepEqual(cspDirectives(res.headers['content-security-policy']).get('frame-ancestors'), ["'none'"], what);
      if (res.headers['x-frame-options'] !== undefined) assert.equal(res.headers['x-frame-options'], 'DENY', what);
    }
  });

  test('ASVS 14.4.4: every response has X-Content-Type-Options: nosniff', () => {
    for (const [what, res] of Object.entries(samples)) {
      assert.equal(res.headers['x-content-type-options'], 'nosniff', what);
      assert.ok(res.headers['content-type'] || res.status === 303, `${what}: has a Content-Type`);
    }
  });

  test('ASVS 14.4.6: every response has a Referrer-Policy that does not leak URLs', () => {
    const safe = ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'];
    for (const [what, res] of Object.entries(samples)) {
      assert.ok(safe.includes(res.headers['referrer-policy']), `${what}: Referrer-Policy ${res.headers['referrer-policy']}`);
    }
  });

  test('every response has a Permissions-Policy and a unique X-Request-Id', () => {
    const ids = new Set();
    for (const [what, res] of Object.entries(samples)) {
      const policy = res.headers['permissions-policy'];
      assert.ok(policy, `${what}: Permissions-Policy`);
      for (const feature of ['camera', 'microphone', 'geolocation']) {
        assert.match(policy, new RegExp(`\\b${feature}=\\(\\)`), `${what}: ${feature} disabled`);
      }
      const rid = res.headers['x-request-id'];
      assert.match(String(rid), /^[0-9A-Za-z-]{16,64}$/, `${what}: X-Request-Id`);
      assert.ok(!ids.has(rid), `${what}: X-Request-Id ${rid} repeated`);
      ids.add(rid);
    }
  });

  test('ASVS 8.2.1: pages, redirects, errors and probes are never cached (Cache-Control: no-store)', () => {
    for (const [what, res] of Object.entries(samples)) {
      if (what.startsWith('GET stylesheet') || what.startsWith('GET script')) continue;
      assert.match(String(res.headers['cache-control']), /(^|,\s*)no-store(,|$)/, `${what}: Cache-Control ${res.headers['cache-control']}`);
      assert.doesNotMatch(String(res.headers['cache-control']), /public|max-age=[1-9]/, what);
    }
  });

  test('ASVS 14.4.5: no HSTS over plain HTTP, even when a client claims X-Forwarded-Proto: https', async () => {
    for (const [what, res] of Object.entries(samples)) {
      assert.equal(res.headers['strict-transport-security'], undefined, what);
    }
    const spoofed = await get('/', { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' });
    assert.equal(spoofed.headers['strict-transport-security'], undefined);
  });

  test('the language cookie is not readable by scripts and not sent cross-site', async () => {
    const res = await get('/lang/en?next=/');
    const cookie = [].concat(res.headers['set-cookie'])[0];
    assert.match(cookie, /;\s*SameSite=(Lax|Strict)/i);
  });

  // --- access log (ASVS 7.1.1) ------------------------------------------------------------------

  test('ASVS 7.1.1: access log lines are JSON and never hold query strings, cookies, tokens or bodies', async () => {
    const secret = (name) => `${name}-${Date.now()}-s3cr3t`;
    const secrets = { query: secret('query'), cookie: secret('cookie'), auth: secret('auth'),
      body: secret('body'), next: secret('next'), bad: secret('bad'), pathq: secret('pathq') };
    const sent = [];
    const track = (what, res, status) => {
      assert.equal(res.status, status, what);
      sent.push({ what, id: res.headers['x-request-id'], status });
    };
    track('query', await get(`/help?token=${secrets.query}&email=a%40b.example`), 200);
    track('cookie', await get('/', { cookie: `session=${secrets.cookie}; lang=id`,
      authorization: `Bearer ${secrets.auth}` }), 200);
    track('body', await h.request(server.baseUrl, '/', { method: 'POST', body: `password=${secrets.body}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 405);
    track('redirect', await get(`/lang/en?next=/help%3Ftoken%3D${secrets.next}`), 303);
    track('bad query', await raw(`GET /help?x=%zz&t=${secrets.bad} HTTP/1.1\r\nHost: t\r\n\r\n`), 400);
    track('404 query', await get(`/missing?reset=${secrets.pathq}`), 404);

    const lines = await server.waitForStdout((out) => {
      const all = out.split('\n');
      return sent.every((s) => all.some((l) => l.includes(s.id))) ? all : null;
    }, { what: 'access log lines for every request' });

    const afterListening = lines.slice(lines.findIndex((l) => l.startsWith('listening on')) + 1)
      .filter((l) => l !== '');
    assert.ok(afterListening.length >= sent.length);
    for (const line of afterListening) {
      let entry;
      assert.doesNotThrow(() => { entry = JSON.parse(line); }, `not JSON: ${line}`);
      assert.equal(typeof entry, 'object');
      for (const [name, value] of Object.entries(secrets)) {
        assert.ok(!line.includes(value), `the ${name} secret is in the log: ${line}`);
      }
      if (entry.path !== undefined) assert.ok(!String(entry.path).includes('?'), `query string logged: ${line}`);
      assert.ok(!/session=|Bearer|password=/i.test(line), `credential-like text logged: ${line}`);
    }
    for (const s of sent) {
      const line = afterListening.find((l) => l.includes(s.id));
      const entry = JSON.parse(line);
      assert.equal(entry.request_id, s.id, s.what);
      assert.equal(entry.status, s.status, `${s.what}: logged status`);
      assert.ok(entry.method, `${s.what}: method logged`);
    }
  });

  if (backend === 'postgresql') {
    test('ASVS 7.1.1: the database password appears in no output', async () => {
      const password = decodeURIComponent(new URL(server.database.url).password);
      assert.ok(password.length >= 8);
      assert.ok(!server.logs().includes(password), 'serve output');
      const migrate = await h.runLumbung(['migrate'], { env: h.databaseEnv(server.database) });
      assert.equal(migrate.code, 0, migrate.stderr);
      assert.ok(!(migrate.stdout + migrate.stderr).includes(password), 'migrate output');
    });
  }
});

// ---------------------------------------------------------------------------------------------
describe(`HSTS behind a trusted TLS proxy (${backend})`, () => {
  let server;
  before(async () => { server = await h.startServer({ env: { LUMBUNG_HTTP_TRUSTED_PROXY: 'true' } }); });
  after(async () => { await server?.stop(); });

  test('ASVS 14.4.5: HSTS only when the trusted proxy says the request came over HTTPS', async () => {
    const tls = await h.request(server.baseUrl, '/', { headers: { 'x-forwarded-proto': 'https' } });
    assert.equal(tls.status, 200);
    const hsts = tls.headers['strict-transport-security'];
    assert.ok(hsts, 'Strict-Transport-Security over TLS');
    const maxAge = Number(/max-age=(\d+)/.exec(hsts)?.[1]);
    assert.ok(maxAge >= 15_724_800, `max-age ${maxAge} is at least six months`);
    assert.match(hsts, /includeSubDomains/i);
    const err = await h.request(server.baseUrl, '/nope', { headers: { 'x-forwarded-proto': 'https' } });
    assert.ok(err.headers['strict-transport-security'], 'on error pages too');
    const plain = await h.request(server.baseUrl, '/', { headers: { 'x-forwarded-proto': 'http' } });
    assert.equal(plain.headers['strict-transport-security'], undefined);
    const none = await h.request(server.baseUrl, '/');
    assert.equal(none.headers['strict-transport-security'], undefined);
  });
});

// ---------------------------------------------------------------------------------------------
describe(`developer mailbox (${backend})`, () => {
  let dev;
  let production;
  before(async () => {
    dev = await h.startServer({ env: { LUMBUNG_DEV_MODE: 'true', LUMBUNG_MAIL_DELIVER: 'false' } });
    production = await h.startServer();
  });
  after(async () => {
    await dev?.stop();
    await production?.stop();
  });

  test('/dev/mailbox does not exist outside dev mode (it shows every member\'s mail)', async () => {
    const res = await h.request(production.baseUrl, '/dev/mailbox');
    assert.equal(res.status, 404);
  });

  test('in dev mode /dev/mailbox lists outbox mail, escaped, with its link line clickable', async () => {
    const empty = await h.request(dev.baseUrl, '/dev/mailbox');
    assert.equal(empty.status, 200);
    assert.match(empty.body.toString(), /Belum ada email\./);
    const sql = "INSERT INTO mail_outbox (to_address, subject, text_body, html_body, category, status, " +
      "attempts, next_attempt_at, message_id, created_at) VALUES ('sari@example.org', " +
      "'Verifikasi email <b>', 'Halo Sari,\nBuka tautan ini:\nhttp://127.0.0.1/verify-email?t=abc\n', " +
      "'<p>x</p>', 'account', 'pending', 0, 0, '<dev-mailbox-test@lumbung.example>', 1790000000)";
    if (dev.database.backend === 'sqlite') {
      const result = await h.run('sqlite3', [dev.database.url.replace(/^sqlite:/, ''), sql]);
      assert.equal(result.code, 0, result.stderr);
    } else {
      await h.psql(sql, { database: dev.database.name });
    }
    const res = await h.request(dev.baseUrl, '/dev/mailbox', { headers: { 'accept-language': 'en' } });
    assert.equal(res.status, 200);
    const html = res.body.toString();
    assert.match(html, /Verifikasi email &lt;b&gt;/);
    assert.doesNotMatch(html, /Verifikasi email <b>/);
    assert.match(html, /<a href="http:\/\/127\.0\.0\.1\/verify-email\?t=abc">/);
    assert.match(html, /sari@example\.org/);
    assert.equal(res.headers['cache-control'], 'no-store');
  });
});

// ---------------------------------------------------------------------------------------------
describe(`maintenance mode through the CLI (${backend})`, () => {
  let server;
  const cli = (...args) => h.runLumbung(['maintenance', ...args], { env: h.databaseEnv(server.database) });
  const get = (target, headers = {}) => h.request(server.baseUrl, target, { headers });

  before(async () => { server = await h.startServer({ env: { LUMBUNG_MAINTENANCE_POLL_SECONDS: '0' } }); });
  after(async () => {
    if (server && !server.exited()) await cli('off').catch(() => {});
    await server?.stop();
  });

  test('`maintenance on --minutes 30` makes pages a translated 503 with Retry-After; probes stay up', async () => {
    assert.equal((await get('/')).status, 200);
    const on = await cli('on', '--minutes', '30');
    assert.equal(on.code, 0, on.stderr);
    assert.match(on.stdout, /maintenance: on/);

    for (const [lang, catalog, prefix] of [['id', ID, 'Galat: '], ['en', EN, 'Error: ']]) {
      const res = await get('/', { 'accept-language': lang });
      assert.equal(res.status, 503, lang);
      const retry = Number(res.headers['retry-after']);
      assert.ok(Number.isInteger(retry) && retry > 0 && retry <= 1800, `Retry-After ${res.headers['retry-after']}`);
      assert.ok(retry > 1700, `Retry-After ${retry} is about 30 minutes`);
      assert.equal(h.htmlLang(res.text), lang);
      assert.equal(h.htmlTitle(res.text), `${prefix}${catalog['maintenance.title']} – ${FUND}`);
      assert.deepEqual(h.htmlH1s(res.text), [catalog['maintenance.title']]);
      const text = h.htmlText(res.text);
      assert.match(text, /\d{1,2} \S+ \d{4}, \d{2}[.:]\d{2} WIB/, `${lang}: when the service is back`);
      assert.ok(text.includes(catalog['maintenance.sorry']));
      assert.match(res.headers['cache-control'], /no-store/);
      assert.ok(res.headers['content-security-policy']);
    }
    assert.equal((await get('/help')).status, 503, '/help is closed too');
    assert.equal((await get('/lang/en?next=/')).status, 503, 'so is the language switch');

    const health = await get('/healthz');
    assert.equal(health.status, 200);
    assert.equal(health.text.trim(), 'ok');
    assert.equal((await get('/readyz')).status, 200);
    assert.equal((await get('/metrics')).status, 200);
    const css = h.assetUrls((await get('/')).text).css[0];
    assert.equal((await get(css)).status, 200, 'the maintenance page keeps its stylesheet');
  });

  test('`maintenance off` serves pages again, and plain `on` announces 5 minutes', async () => {
    const off = await cli('off');
    assert.equal(off.code, 0, off.stderr);
    assert.equal((await get('/')).status, 200);

    const on = await cli('on');
    assert.equal(on.code, 0, on.stderr);
    const res = await get('/');
    assert.equal(res.status, 503);
    assert.equal(res.headers['retry-after'], '300');
    assert.equal((await cli('off')).code, 0);
    assert.equal((await get('/')).status, 200);
  });

  test('`maintenance` refuses anything but on/off (exit 2)', async () => {
    const bad = await cli('sideways');
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /on.*off/);
    const badMinutes = await cli('on', '--minutes', 'soon');
    assert.equal(badMinutes.code, 2);
    assert.match(badMinutes.stderr, /minutes/);
    assert.equal((await get('/')).status, 200, 'a refused command changes nothing');
  });
});

// ---------------------------------------------------------------------------------------------
describe(`graceful stop and timeouts (${backend})`, () => {
  test('SIGTERM: new connections are refused, idle ones closed, a request in flight still gets its answer', async (t) => {
    const server = await h.startServer();
    t.after(() => server.stop());
    const inflight = await h.RawConnection.open(server.port);
    const idle = await h.RawConnection.open(server.port);
    t.after(() => { inflight.destroy(); idle.destroy(); });

    // An idle keep-alive connection: one finished request.
    await idle.write('GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n');
    assert.equal((await idle.readResponse()).status, 200);
    // A request whose body is half sent.
    await inflight.write('GET /healthz HTTP/1.1\r\nHost: t\r\nContent-Length: 4\r\n\r\nab');
    // Barrier: once another request has been answered, the single network thread has read the
    // half request (its bytes arrived first).
    assert.equal((await h.request(server.baseUrl, '/healthz')).status, 200);

    server.terminate();
    await h.pollUntil(async () => !(await h.canConnect(server.port)),
                      { attempts: 200, intervalMs: 50, what: 'new connections refused after SIGTERM' });
    await idle.waitForClose();
    assert.equal(server.exited(), null, 'the server waits for the request in flight');
    assert.equal(inflight.closed, false);

    await inflight.write('cd');
    const res = await inflight.readResponse();
    assert.equal(res.status, 200);
    assert.equal(res.text.trim(), 'ok');
    assert.equal(String(res.headers.connection).toLowerCase(), 'close');
    await inflight.waitForClose();

    const result = await server.stop();
    assert.equal(result.code, 0, `exit code ${result.code}, signal ${result.signal}; stderr: ${result.stderr}`);
    assert.match(result.stdout, /^stopped$/m);
    const lines = result.stdout.split('\n').filter((l) => l !== '');
    assert.equal(lines.at(-1), 'stopped', 'stopped is the last line');
  });

  test('a client that never finishes its request is disconnected after http.request_timeout_seconds', async (t) => {
    const server = await h.startServer({ env: { LUMBUNG_HTTP_REQUEST_TIMEOUT_SECONDS: '1' } });
    t.after(() => server.stop());
    const slow = await h.RawConnection.open(server.port);
    const idle = await h.RawConnection.open(server.port);
    t.after(() => { slow.destroy(); idle.destroy(); });
    await slow.write('GET / HTTP/1.1\r\nHost: t\r\nX-Slow: ');
    await idle.write('GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n');
    assert.equal((await idle.readResponse()).status, 200);
    await slow.waitForClose(15_000);
    await idle.waitForClose(15_000);
    const answer = slow.received.toString('latin1');
    assert.ok(answer === '' || /^HTTP\/1\.1 408 /.test(answer), `a slow client gets nothing or 408: ${answer.slice(0, 80)}`);
    assert.equal((await h.request(server.baseUrl, '/healthz')).status, 200);
  });

  test('/readyz is 503 while the database is unreachable and recovers; /healthz stays 200', async (t) => {
    if (backend !== 'postgresql') {
      t.skip('SQLite is a local file: there is no database server to lose');
      return;
    }
    const server = await h.startServer();
    t.after(() => server.stop());
    const name = server.database.name;
    const get = (target) => h.request(server.baseUrl, target, { timeoutMs: 20_000 });
    assert.equal((await get('/readyz')).status, 200);
    await h.psql(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
    await h.psql(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
    const down = await h.pollUntil(async () => { const r = await get('/readyz'); return r.status === 503 ? r : null; },
                                   { attempts: 30, intervalMs: 200, what: '/readyz 503' });
    assert.equal(down.status, 503);
    assert.equal((await get('/healthz')).status, 200, 'liveness does not depend on the database');
    assert.equal((await get('/')).status, 200, 'pages that need no data still work');
    await h.psql(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`);
    await h.pollUntil(async () => (await get('/readyz')).status === 200,
                      { attempts: 50, intervalMs: 200, what: '/readyz back to 200' });
  });
});

// ---------------------------------------------------------------------------------------------
describe(`access log destinations (${backend})`, () => {
  test('log.access=<file> writes JSON lines to the file, not stdout; log.access=off writes none', async (t) => {
    const dir = h.makeTempDir('lumbung-log-');
    t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'access.log');
    const toFile = await h.startServer({ env: { LUMBUNG_LOG_ACCESS: file } });
    t.after(() => toFile.stop());
    const res = await h.request(toFile.baseUrl, '/help?secret=zz9');
    const rid = res.headers['x-request-id'];
    const line = await h.pollUntil(() => {
      const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
      return text.split('\n').find((l) => l.includes(rid));
    }, { attempts: 100, intervalMs: 50, what: 'the access log line in the file' });
    assert.equal(JSON.parse(line).status, 200);
    assert.ok(!line.includes('zz9'));
    const stopped = await toFile.stop();
    assert.ok(!stopped.stdout.includes(rid), 'not on stdout');

    const off = await h.startServer({ env: { LUMBUNG_LOG_ACCESS: 'off' } });
    t.after(() => off.stop());
    const offRid = (await h.request(off.baseUrl, '/')).headers['x-request-id'];
    const result = await off.stop(); // after a graceful stop, everything written is in stdout
    assert.equal(result.code, 0);
    assert.ok(!result.stdout.includes(offRid));
    assert.ok(!result.stdout.split('\n').some((l) => l.startsWith('{')), result.stdout);
  });
});

// ---------------------------------------------------------------------------------------------
describe(`command line (${backend})`, () => {
  test('`lumbung --help` and `lumbung COMMAND --help` exit 0 and describe the commands', async () => {
    const help = await h.runLumbung(['--help']);
    assert.equal(help.code, 0, help.stderr);
    for (const command of ['serve', 'migrate', 'seed-demo', 'maintenance']) {
      assert.match(help.stdout, new RegExp(`\\b${command}\\b`), `--help names ${command}`);
    }
    assert.match(help.stdout, /LUMBUNG_HTTP_PORT/);
    assert.match(help.stdout, /LUMBUNG_DATABASE_URL/);
    for (const command of ['serve', 'migrate', 'seed-demo', 'maintenance']) {
      const res = await h.runLumbung([command, '--help']);
      assert.equal(res.code, 0, `${command} --help: ${res.stderr}`);
      assert.match(res.stdout, new RegExp(command), `${command} --help`);
    }
    const seedHelp = await h.runLumbung(['seed-demo', '--help']);
    for (const option of ['--members', '--employers', '--years', '--seed', '--if-empty']) {
      assert.ok(seedHelp.stdout.includes(option), `seed-demo --help names ${option}`);
    }
  });

  test('no command or an unknown command exits 2 with a hint', async () => {
    const none = await h.runLumbung([]);
    assert.equal(none.code, 2);
    const unknown = await h.runLumbung(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /frobnicate/);
    const badOption = await h.runLumbung(['migrate', '--no-such-option']);
    assert.equal(badOption.code, 2);
  });

  test('a bad configuration value exits 2 and names the key', async (t) => {
    const db = await h.createDatabase();
    t.after(() => db.drop());
    const cases = [
      ['LUMBUNG_HTTP_PORT', 'abc', 'http.port'],
      ['LUMBUNG_HTTP_PORT', '65536', 'http.port'],
      ['LUMBUNG_HTTP_PORT', '', 'http.port'],
      ['LUMBUNG_HTTP_MAX_BODY_BYTES', '-1', 'http.max_body_bytes'],
      ['LUMBUNG_HTTP_MAX_HEADER_BYTES', '10', 'http.max_header_bytes'],
      ['LUMBUNG_HTTP_REQUEST_TIMEOUT_SECONDS', '0', 'http.request_timeout_seconds'],
      ['LUMBUNG_HTTP_TRUSTED_PROXY', 'yes', 'http.trusted_proxy'],
      ['LUMBUNG_MAINTENANCE_POLL_SECONDS', 'often', 'maintenance.poll_seconds'],
      ['LUMBUNG_DATABASE_URL', '', 'database.url'],
      ['LUMBUNG_PUBLIC_URL', 'http://exa mple', 'public.url'],
    ];
    for (const [name, value, key] of cases) {
      const res = await h.runLumbung(['serve'], {
        env: { ...h.databaseEnv(db), LUMBUNG_HTTP_PORT: '0', [name]: value }, timeoutMs: 30_000,
      });
      assert.equal(res.code, 2, `${name}=${JSON.stringify(value)}: exit ${res.code}\n${res.stdout}${res.stderr}`);
      assert.ok(res.stderr.includes(key), `${name}=${value}: the message names ${key}: ${res.stderr}`);
      assert.ok(!res.stdout.includes('listening on'), `${name}=${value}: did not serve`);
    }
  });

  test('unknown LUMBUNG_* variables are refused (exit 2, named); LUMBUNG_TEST_* ones are allowed', async (t) => {
    const db = await h.createDatabase();
    t.after(() => db.drop());
    const typo = await h.runLumbung(['serve'], { env: { ...h.databaseEnv(db), LUMBUNG_HTTP_PROT: '0' }, timeoutMs: 30_000 });
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /LUMBUNG_HTTP_PROT/);
    const migrate = await h.runLumbung(['migrate'], { env: { ...h.databaseEnv(db), LUMBUNG_TEST_WHATEVER: '1' } });
    assert.equal(migrate.code, 0, migrate.stderr);
  });

  test('serve fails fast with a clear message when its port is taken or its log cannot be written', async (t) => {
    const server = await h.startServer();
    t.after(() => server.stop());
    const taken = await h.runLumbung(['serve'], {
      env: { ...h.databaseEnv(server.database), LUMBUNG_HTTP_PORT: String(server.port) }, timeoutMs: 30_000,
    });
    assert.notEqual(taken.code, 0, 'a second server on the same port must not start');
    assert.ok(taken.stderr.includes(String(server.port)), `the message names the port: ${taken.stderr}`);
    assert.ok(!taken.stdout.includes('listening on'));
    const noLog = await h.runLumbung(['serve'], {
      env: { ...h.databaseEnv(server.database), LUMBUNG_HTTP_PORT: '0',
             LUMBUNG_LOG_ACCESS: '/nonexistent-dir/for/sure/access.log' }, timeoutMs: 30_000,
    });
    assert.notEqual(noLog.code, 0);
    assert.match(noLog.stderr, /log\.access/);
    assert.equal((await h.request(server.baseUrl, '/healthz')).status, 200, 'the first server is unharmed');
  });

  test('`lumbung migrate` applies the migrations once; a second run applies none', async (t) => {
    const db = await h.createDatabase();
    t.after(() => db.drop());
    const first = await h.runLumbung(['migrate'], { env: h.databaseEnv(db) });
    assert.equal(first.code, 0, first.stderr);
    const applied = Number(/migrate: (\d+) migration\(s\) applied/.exec(first.stdout)?.[1]);
    assert.ok(applied >= 1, first.stdout);
    const second = await h.runLumbung(['migrate'], { env: h.databaseEnv(db) });
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /migrate: 0 migration\(s\) applied/);
  });

  test('`seed-demo --members 50 --years 2` fills the registry; a second run with --if-empty is a no-op', async (t) => {
    const db = await h.createDatabase();
    t.after(() => db.drop());
    const args = ['seed-demo', '--members', '50', '--employers', '5', '--years', '2', '--seed', '7'];
    const first = await h.runLumbung(args, { env: h.databaseEnv(db), timeoutMs: 120_000 });
    assert.equal(first.code, 0, first.stdout + first.stderr);
    const summary = /seed-demo: (\d+) members, (\d+) employers, (\d+) contribution rows/.exec(first.stdout);
    assert.ok(summary, first.stdout);
    assert.equal(Number(summary[1]), 50);
    assert.equal(Number(summary[2]), 5);
    assert.ok(Number(summary[3]) > 0, 'contributions were made');

    const counts = async () => Object.fromEntries(await Promise.all(
      ['members', 'employers', 'contributions'].map(async (table) => [table, await h.countRows(db, table)])));
    const seeded = await counts();
    assert.deepEqual(seeded.members, 50);
    assert.deepEqual(seeded.employers, 5);
    assert.equal(seeded.contributions, Number(summary[3]));

    const second = await h.runLumbung([...args, '--if-empty'], { env: h.databaseEnv(db), timeoutMs: 120_000 });
    assert.equal(second.code, 0, second.stdout + second.stderr);
    assert.deepEqual(await counts(), seeded, '--if-empty on a filled registry changes nothing');
    const again = /seed-demo: (\d+) members, (\d+) employers, (\d+) contribution rows/.exec(second.stdout);
    assert.ok(/skip|nothing|already/i.test(second.stdout) || (again && again[1] === '0' && again[3] === '0'),
              `the second run says it did nothing: ${second.stdout}`);

    // The server starts on the seeded database.
    const server = await h.startServer({ database: db });
    try {
      assert.equal((await h.request(server.baseUrl, '/')).status, 200);
    } finally {
      assert.equal((await server.stop()).code, 0);
    }

    const bad = await h.runLumbung(['seed-demo', '--members', '0'], { env: h.databaseEnv(db) });
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--members/);
  });
});
