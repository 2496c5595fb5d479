// <button data-copy="#selector" data-copied="Copied" hidden>: shown when scripts run; copies the
// value (or text) of the element the selector names, and says so for a moment.
(function () {
  'use strict';
  document.querySelectorAll('button[data-copy]').forEach(function (button) {
    var source = document.querySelector(button.getAttribute('data-copy'));
    if (!source) return;
    button.hidden = false;
    var label = button.textContent;
    button.addEventListener('click', function () {
      var text = 'value' in source ? source.value : source.textContent;
      var done = function () {
        button.textContent = button.getAttribute('data-copied') || label;
        setTimeout(function () { button.textContent = label; }, 2000);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { source.select && source.select(); });
      } else if (source.select) {
        source.select();
        try { document.execCommand('copy'); done(); } catch (e) { /* selected: the reader copies by hand */ }
      }
    });
  });
})();
