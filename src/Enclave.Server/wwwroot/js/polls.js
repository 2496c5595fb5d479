// Polls: when someone votes, closes or deletes a poll shown here, the page fetches itself again
// and swaps in the fresh results (or list), so counts follow live. The server decides what each
// reader may see: the event only says which poll changed. The vote form is left alone, so a
// half-typed answer is never lost.
(function () {
  'use strict';
  var doc = document;

  function refresh(selector) {
    return fetch(window.location.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        doc.querySelectorAll(selector).forEach(function (old, i) {
          var next = fresh.querySelectorAll(selector)[i];
          if (next) { old.replaceWith(next); if (window.Enclave) window.Enclave.enhance(next); }
        });
        doc.documentElement.setAttribute('data-polls-refreshed', String(Date.now()));
      })
      .catch(function () { /* the next change or a reload brings it */ });
  }

  function start() {
    var poll = doc.querySelector('[data-poll-live]');
    var list = doc.querySelector('[data-polls-live]');
    if ((!poll && !list) || !window.EventSource || !doc.body.hasAttribute('data-signed-in')) return;
    var source = new EventSource('/api/v1/events');
    source.addEventListener('ready', function () { doc.documentElement.setAttribute('data-polls-stream', 'ready'); });
    source.addEventListener('polls.changed', function (message) {
      var data = {};
      try { data = JSON.parse(message.data); } catch (e) { return; }
      if (poll && data.pollId === poll.getAttribute('data-poll-live')) refresh('[data-poll-results]');
      if (list && data.sphereId === list.getAttribute('data-polls-live')) refresh('[data-polls-list]');
    });
    window.addEventListener('pagehide', function () { source.close(); });
  }
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', start); else start();
})();
