/* Lumbung: passkeys (WebAuthn), progressive enhancement only. Forms marked
   data-enhance="passkey-create" (add a passkey) or "passkey-get" (sign in with one) are rendered
   `hidden`; where the browser has WebAuthn this file shows them and, on submit:
     1. POSTs the form's CSRF token to <action>/options and gets the ceremony's options (JSON);
     2. asks the browser (navigator.credentials.create/get);
     3. puts the answer into hidden fields (base64url) and submits the form as usual.
   If anything fails (cancelled, timed out, no passkey), the form is submitted with failure=1 and
   the server shows a translated message. Elements marked data-passkey-unsupported are hidden
   where WebAuthn works. Served as an external file (the CSP allows no inline script), included
   only by the pages with such forms. */
(function () {
  'use strict';
  if (!window.PublicKeyCredential || !navigator.credentials || !window.fetch ||
      !window.URLSearchParams || !document.querySelectorAll) {
    return;
  }

  function toBase64Url(buffer) {
    var bytes = new Uint8Array(buffer);
    var text = '';
    for (var i = 0; i < bytes.length; i++) text += String.fromCharCode(bytes[i]);
    return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function fromBase64Url(text) {
    var base64 = text.replace(/-/g, '+').replace(/_/g, '/');
    while (base64.length % 4) base64 += '=';
    var raw = atob(base64);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
    return bytes.buffer;
  }

  function descriptors(list) {
    return (list || []).map(function (d) {
      var out = { type: d.type, id: fromBase64Url(d.id) };
      if (d.transports) out.transports = d.transports;
      return out;
    });
  }

  function put(form, name, value) {
    var input = form.querySelector('input[type="hidden"][name="' + name + '"]');
    if (!input) {
      input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      form.appendChild(input);
    }
    input.value = value;
  }

  function ceremony(form, kind, options) {
    options.challenge = fromBase64Url(options.challenge);
    if (kind === 'passkey-create') {
      options.user.id = fromBase64Url(options.user.id);
      options.excludeCredentials = descriptors(options.excludeCredentials);
      return navigator.credentials.create({ publicKey: options }).then(function (credential) {
        var response = credential.response;
        put(form, 'client_data', toBase64Url(response.clientDataJSON));
        put(form, 'attestation', toBase64Url(response.attestationObject));
        put(form, 'transports', response.getTransports ? response.getTransports().join(',') : '');
      });
    }
    if (options.allowCredentials) options.allowCredentials = descriptors(options.allowCredentials);
    return navigator.credentials.get({ publicKey: options }).then(function (credential) {
      var response = credential.response;
      put(form, 'credential_id', toBase64Url(credential.rawId));
      put(form, 'client_data', toBase64Url(response.clientDataJSON));
      put(form, 'authenticator_data', toBase64Url(response.authenticatorData));
      put(form, 'signature', toBase64Url(response.signature));
      put(form, 'user_handle', response.userHandle ? toBase64Url(response.userHandle) : '');
    });
  }

  function enhance(form) {
    var kind = form.getAttribute('data-enhance');
    var busy = false;
    form.hidden = false;
    form.addEventListener('submit', function (event) {
      event.preventDefault();
      if (busy) return;
      busy = true;
      var csrf = form.querySelector('input[name="csrf"]');
      var body = new URLSearchParams();
      body.set('csrf', csrf ? csrf.value : '');
      fetch(form.getAttribute('action') + '/options', {
        method: 'POST',
        body: body,
        credentials: 'same-origin',
        headers: { Accept: 'application/json' }
      }).then(function (response) {
        if (!response.ok || (response.headers.get('content-type') || '').indexOf('json') < 0) {
          throw new Error('options');
        }
        return response.json();
      }).then(function (options) {
        return ceremony(form, kind, options);
      }).catch(function () {
        put(form, 'failure', '1');
      }).then(function () {
        form.submit();
      });
    });
  }

  var forms = document.querySelectorAll('form[data-enhance="passkey-create"], form[data-enhance="passkey-get"]');
  for (var i = 0; i < forms.length; i++) enhance(forms[i]);
  var notes = document.querySelectorAll('[data-passkey-unsupported]');
  for (var j = 0; j < notes.length; j++) notes[j].hidden = true;
})();
