// Document box pages: when someone else adds, renames, moves, locks or trashes a file of this
// sphere, the server sends "documents.changed"; the page fetches itself again and swaps in its
// list (the server renders it, through the gate, as on first load). Without script the page
// simply shows what was there when it loaded.
(function () {
  'use strict';
  var doc = document;
  var section = doc.querySelector('[data-documents-sphere]');
  if (!section || !window.EventSource || !doc.body.hasAttribute('data-signed-in')) return;
  var sphere = section.getAttribute('data-documents-sphere');
  var pending = null;

  function refresh() {
    pending = null;
    fetch(window.location.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, 'text/html').getElementById('documents-list');
        var current = doc.getElementById('documents-list');
        if (fresh && current) {
          current.innerHTML = fresh.innerHTML;
          if (window.Enclave && window.Enclave.enhance) window.Enclave.enhance(current);
        }
      })
      .catch(function () { /* offline for a moment: the next change refreshes again */ });
  }

  // A stream of its own: the shared one in enclave.js listens to a fixed list of event types.
  var source = new EventSource('/api/v1/events');
  source.addEventListener('ready', function () { section.setAttribute('data-documents-live', 'ready'); });
  source.addEventListener('error', function () { section.removeAttribute('data-documents-live'); });
  source.addEventListener('documents.changed', function (message) {
    var data = {};
    try { data = JSON.parse(message.data); } catch (e) { return; }
    if (data.sphereId !== sphere) return;
    // Several changes in a row (a folder of uploads) make one refresh.
    if (!pending) pending = window.setTimeout(refresh, 300);
  });
  window.addEventListener('pagehide', function () { source.close(); });
})();
