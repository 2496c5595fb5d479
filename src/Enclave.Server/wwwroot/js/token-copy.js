// Copy buttons: <button data-copy-target="#id" data-copied-text="Copied" hidden> copies the target
// input's value. Hidden without this script (the field stays selectable by hand).
(function () {
  'use strict';
  function wire() {
    document.querySelectorAll('button[data-copy-target]').forEach(function (button) {
      if (button.__copy) return;
      button.__copy = true;
      var target = document.querySelector(button.getAttribute('data-copy-target'));
      if (!target) return;
      button.hidden = false;
      var label = button.textContent;
      target.addEventListener('focus', function () { target.select(); });
      button.addEventListener('click', function () {
        var done = function () {
          button.textContent = button.getAttribute('data-copied-text') || label;
          setTimeout(function () { button.textContent = label; }, 2000);
        };
        target.select();
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(target.value).then(done, function () { document.execCommand('copy'); done(); });
        } else {
          document.execCommand('copy');
          done();
        }
      });
    });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wire); else wire();
})();
