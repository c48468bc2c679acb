/* Lumbung: progressive enhancement only. Every page works without this file.
   Show/hide password: <input type="password" id="..." data-password-toggle
   data-show-label="Tampilkan sandi" data-hide-label="Sembunyikan sandi">
   (labels come from the server, already translated). */
(function () {
  'use strict';
  if (!document.querySelectorAll || !document.addEventListener) return;

  function setupPasswordToggle(input) {
    var show = input.getAttribute('data-show-label');
    var hide = input.getAttribute('data-hide-label');
    if (!show || !hide || !input.parentNode) return;

    var hadFocus = document.activeElement === input;
    var wrapper = document.createElement('div');
    wrapper.className = 'password-input';
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    if (hadFocus) input.focus();

    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'button button--secondary password-toggle';
    if (input.id) button.setAttribute('aria-controls', input.id);
    button.textContent = show;
    wrapper.appendChild(button);

    input.setAttribute('autocapitalize', 'none');
    input.setAttribute('autocorrect', 'off');
    input.setAttribute('spellcheck', 'false');

    button.addEventListener('click', function () {
      var visible = input.type === 'password';
      input.type = visible ? 'text' : 'password';
      button.textContent = visible ? hide : show;
    });

    // Never let the browser remember the password as ordinary text.
    if (input.form) {
      input.form.addEventListener('submit', function () {
        input.type = 'password';
        button.textContent = show;
      });
    }
  }

  // Session expiry (WCAG 2.2.1): the page always states when an idle session ends and offers
  // "Stay signed in" (a plain form). With JavaScript the notice waits quietly and becomes an
  // alert two minutes before the end; after the end the next click goes to sign-in anyway.
  var WARN_SECONDS = 120;
  function setupSessionNotice(notice) {
    // Seconds left when the server rendered the page, so the device's own clock never matters.
    var left = parseInt(notice.getAttribute('data-session-seconds-left'), 10);
    if (!(left > 0)) return;
    var warnIn = (left - WARN_SECONDS) * 1000;
    if (warnIn <= 0) return;  // the end is near already: leave the notice as it is
    notice.hidden = true;
    window.setTimeout(function () {
      notice.hidden = false;
      notice.className += ' session-notice--warning';
      notice.setAttribute('role', 'alert');
      var button = notice.querySelector('button');
      if (button) button.focus();
    }, warnIn);
  }

  function init() {
    var notices = document.querySelectorAll('[data-session-seconds-left]');
    for (var n = 0; n < notices.length; n++) {
      try { setupSessionNotice(notices[n]); } catch (e) { /* the notice stays visible */ }
    }
    var inputs = document.querySelectorAll('input[data-password-toggle]');
    for (var i = 0; i < inputs.length; i++) {
      try { setupPasswordToggle(inputs[i]); } catch (e) { /* leave the plain field */ }
    }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', init);
  } else {
    init();
  }
})();
