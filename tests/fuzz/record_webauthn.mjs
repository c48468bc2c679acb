// Records WebAuthn ceremonies from Chromium's virtual authenticator (one credential per algorithm:
// ES256, RS256, EdDSA, then one assertion each) and prints them as JSON; the values in
// src/core/security/webauthn_recorded.h came from this. Run: node tests/fuzz/record_webauthn.mjs
import http from 'node:http';
import { createRequire } from 'node:module';
const require = createRequire('/work/main/package.json');
const { chromium } = require('playwright-core');
const server = http.createServer((req, res) => { res.setHeader('content-type','text/html'); res.end('<!doctype html><title>x</title>'); });
await new Promise(r => server.listen(0, '127.0.0.1', r));
const port = server.address().port;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage();
const cdp = await page.context().newCDPSession(page);
await cdp.send('WebAuthn.enable');
await cdp.send('WebAuthn.addVirtualAuthenticator', { options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true } });
await page.goto(`http://localhost:${port}/`);
const out = { origin: `http://localhost:${port}` };
for (const alg of [-7, -257, -8]) {
  out[alg] = await page.evaluate(async (alg) => {
    const b64 = (buf) => btoa(String.fromCharCode(...new Uint8Array(buf))).replace(/\+/g,'-').replace(/\//g,'_').replace(/=+$/,'');
    const chal = new Uint8Array(32).map((_, i) => i + (alg & 0xff));
    const cred = await navigator.credentials.create({ publicKey: {
      challenge: chal, rp: { id: 'localhost', name: 'Lumbung' },
      user: { id: new Uint8Array(16).fill(7), name: 'member', displayName: 'Member' },
      pubKeyCredParams: [{ type: 'public-key', alg }], attestation: 'none',
      authenticatorSelection: { residentKey: 'required', userVerification: 'required' } } });
    const chal2 = new Uint8Array(32).map((_, i) => 100 + i + (alg & 0x0f));
    const a = await navigator.credentials.get({ publicKey: { challenge: chal2, rpId: 'localhost', userVerification: 'required',
      allowCredentials: [{ type: 'public-key', id: cred.rawId }] } });
    return { challenge: b64(chal), id: b64(cred.rawId), clientDataJSON: b64(cred.response.clientDataJSON), attestationObject: b64(cred.response.attestationObject),
      assertion: { challenge: b64(chal2), clientDataJSON: b64(a.response.clientDataJSON), authenticatorData: b64(a.response.authenticatorData), signature: b64(a.response.signature), userHandle: b64(a.response.userHandle) } };
  }, alg).catch(e => String(e));
}
console.log(JSON.stringify(out, null, 1));
await browser.close(); server.close();
