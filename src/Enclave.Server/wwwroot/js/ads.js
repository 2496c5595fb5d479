// Classified ads: when an ad of this sphere is published or changes (status, price...), the page
// fetches itself again and swaps in the fresh list or ad state. The event only names the ad; what
// each reader sees is decided by the server when the page is fetched.
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
          if (next) old.replaceWith(next);
        });
      })
      .catch(function () { /* the next change or a reload brings it */ });
  }

  function start() {
    var ad = doc.querySelector('[data-ad-live]');
    var list = doc.querySelector('[data-ads-live]');
    if ((!ad && !list) || !window.EventSource || !doc.body.hasAttribute('data-signed-in')) return;
    var source = new EventSource('/api/v1/events');
    source.addEventListener('ready', function () { doc.documentElement.setAttribute('data-ads-stream', 'ready'); });
    source.addEventListener('ads.changed', function (message) {
      var data = {};
      try { data = JSON.parse(message.data); } catch (e) { return; }
      if (ad && data.adId === ad.getAttribute('data-ad-live')) refresh('[data-ad-state]');
      if (list && data.sphereId === list.getAttribute('data-ads-live')) refresh('[data-ads-list]');
    });
    window.addEventListener('pagehide', function () { source.close(); });
  }
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', start); else start();
})();
