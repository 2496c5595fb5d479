// Copy buttons: <button data-copy="#input-id" data-copied-label="Copied" hidden>Copy</button>.
// The button stays hidden without script (the field can still be selected and copied by hand).
(function () {
  'use strict';
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    var source = document.querySelector(button.getAttribute('data-copy'));
    if (!source || !navigator.clipboard) return;
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener('click', function () {
      navigator.clipboard.writeText(source.value || source.textContent || '').then(function () {
        button.textContent = button.getAttribute('data-copied-label') || label;
        button.setAttribute('data-copied', '');
        setTimeout(function () { button.textContent = label; button.removeAttribute('data-copied'); }, 2000);
      }, function () {
        source.focus();
        if (source.select) source.select();
      });
    });
  });
})();
