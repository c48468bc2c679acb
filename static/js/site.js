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

  function init() {
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
