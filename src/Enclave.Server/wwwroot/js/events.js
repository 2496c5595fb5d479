// Events and calendar pages: arrow-key navigation between the calendar's days, and live updates
// (another member answers, the organizer edits or cancels): the page's live region is fetched
// again from the server, which passes the access gate again; events carry identifiers only.
(function () {
  'use strict';
  var doc = document;

  // Roving focus in the calendar: ←/→ one day, ↑/↓ one week, Home/End the week's ends,
  // Page Up/Down the previous or next month (or week).
  function wireCalendar(root) {
    var grid = root.querySelector('[data-calendar]');
    if (!grid) return;
    var days = Array.prototype.slice.call(grid.querySelectorAll('[data-day]'));
    if (days.length === 0) return;
    var current = days.filter(function (d) { return d.getAttribute('aria-current') === 'date'; })[0] || days[0];
    days.forEach(function (d) { d.setAttribute('tabindex', d === current ? '0' : '-1'); });
    grid.addEventListener('keydown', function (event) {
      var index = days.indexOf(doc.activeElement);
      if (index < 0) return;
      var target = null;
      var column = index % 7;
      switch (event.key) {
        case 'ArrowLeft': target = index - 1; break;
        case 'ArrowRight': target = index + 1; break;
        case 'ArrowUp': target = index - 7; break;
        case 'ArrowDown': target = index + 7; break;
        case 'Home': target = index - column; break;
        case 'End': target = index - column + 6; break;
        case 'PageUp': case 'PageDown':
          var link = doc.querySelector(event.key === 'PageUp' ? '[data-calendar-prev]' : '[data-calendar-next]');
          if (link) { event.preventDefault(); location.href = link.href; }
          return;
        default: return;
      }
      event.preventDefault();
      if (target < 0 || target >= days.length) return;
      days[index].setAttribute('tabindex', '-1');
      days[target].setAttribute('tabindex', '0');
      days[target].focus();
    });
  }

  function refresh() {
    var region = doc.querySelector('[data-live-region]');
    if (!region) return;
    // Never replace what someone is typing in.
    if (region.contains(doc.activeElement) && /TEXTAREA|INPUT|SELECT/.test(doc.activeElement.tagName)) return;
    fetch(location.href, { headers: { 'Accept': 'text/html' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString(html, 'text/html').querySelector('[data-live-region]');
        if (!fresh) return;
        region.innerHTML = fresh.innerHTML;
        if (window.Enclave && window.Enclave.enhance) window.Enclave.enhance(region);
        wireCalendar(region);
        region.setAttribute('data-refreshed', String((parseInt(region.getAttribute('data-refreshed'), 10) || 0) + 1));
      });
  }

  function concerns(data) {
    var eventPage = doc.querySelector('[data-event-id][data-live-region]');
    if (eventPage) return data.eventId === eventPage.getAttribute('data-event-id');
    var sphere = doc.querySelector('[data-events-sphere][data-live-region]');
    if (sphere) return data.sphereId === sphere.getAttribute('data-events-sphere');
    return !!doc.querySelector('[data-agenda]');
  }

  function startLive() {
    if (!doc.body.hasAttribute('data-signed-in') || !window.EventSource) return;
    var source = new EventSource('/api/v1/events');
    source.addEventListener('ready', function () { doc.documentElement.setAttribute('data-events-live', 'ready'); });
    source.addEventListener('events.changed', function (message) {
      var data = {};
      try { data = JSON.parse(message.data); } catch (e) { return; }
      if (concerns(data)) refresh();
    });
    window.addEventListener('pagehide', function () { source.close(); });
  }

  wireCalendar(doc);
  startLive();
})();
