// Kanban boards: drag and drop of cards, Alt+arrow keys on a focused card, and live refresh when
// someone else changes the board (event tasks.changed). Every move goes through the same form
// action as the no-JavaScript arrow buttons; the board is then fetched again from the server,
// which passes the access gate (events carry identifiers only).
(function () {
  'use strict';
  var doc = document;
  var holder = doc.querySelector('[data-board]');
  if (!holder || !window.fetch) return;
  var boardId = holder.getAttribute('data-board');
  var status = doc.querySelector('[data-board-status]');
  var busy = false;
  var again = false;

  function board() { return doc.getElementById('board-' + boardId); }

  function refresh() {
    if (!board()) return;
    if (busy) { again = true; return; }
    // Do not replace the board under someone typing a new card.
    var active = doc.activeElement;
    if (active && board().contains(active) && active.tagName === 'INPUT' && active.value) { again = true; return; }
    var focusedCard = active && active.closest ? active.closest('[data-card-id]') : null;
    var focusId = focusedCard ? focusedCard.getAttribute('data-card-id') : null;
    busy = true;
    fetch('/ui/fragments/boards/' + boardId, { headers: { 'Accept': 'text/html' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html === null) return;
        if (window.Enclave) Enclave.swap(board(), html);
        else { var t = doc.createElement('div'); t.innerHTML = html.trim(); if (t.firstElementChild) board().replaceWith(t.firstElementChild); }
        wire();
        if (focusId) { var c = doc.getElementById('card-' + focusId); if (c) c.focus(); }
      })
      .finally(function () { busy = false; if (again) { again = false; refresh(); } });
  }

  function move(cardId, fields) {
    var el = doc.getElementById('card-' + cardId);
    var form = el ? el.querySelector('[data-move-form]') : null;
    if (!form) return;
    var data = new FormData();
    data.append('__RequestVerificationToken', form.querySelector('[name=__RequestVerificationToken]').value);
    Object.keys(fields).forEach(function (k) { data.append(k, fields[k]); });
    fetch(form.action, { method: 'POST', body: data, credentials: 'same-origin', headers: { 'X-Enclave-Enhanced': '1' } })
      .then(function (r) {
        if (status) status.textContent = r.ok ? (doc.documentElement.lang === 'fr' ? 'Carte déplacée' : 'Card moved') : '';
        refresh();
      });
  }

  var dragged = null;
  function wire() {
    var root = board();
    if (!root || !root.hasAttribute('data-can-move')) return;
    root.querySelectorAll('[data-card-id]').forEach(function (card) {
      card.addEventListener('dragstart', function (e) {
        dragged = card.getAttribute('data-card-id');
        card.classList.add('dragging');
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', dragged);
      });
      card.addEventListener('dragend', function () { card.classList.remove('dragging'); dragged = null; });
      card.addEventListener('keydown', function (e) {
        if (!e.altKey || e.target !== card) return;
        var dir = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' }[e.key];
        if (!dir) return;
        e.preventDefault();
        move(card.getAttribute('data-card-id'), { direction: dir });
      });
    });
    root.querySelectorAll('[data-column-id]').forEach(function (column) {
      var list = column.querySelector('[data-cards-of]');
      column.addEventListener('dragover', function (e) { if (dragged) { e.preventDefault(); column.classList.add('drop-target'); } });
      column.addEventListener('dragleave', function () { column.classList.remove('drop-target'); });
      column.addEventListener('drop', function (e) {
        e.preventDefault();
        column.classList.remove('drop-target');
        var id = dragged || e.dataTransfer.getData('text/plain');
        if (!id) return;
        // The position is the number of cards above the drop point (the dragged one excluded).
        var position = 0;
        list.querySelectorAll('[data-card-id]').forEach(function (c) {
          if (c.getAttribute('data-card-id') === id) return;
          var box = c.getBoundingClientRect();
          if (e.clientY > box.top + box.height / 2) position++;
        });
        move(id, { columnId: column.getAttribute('data-column-id'), position: String(position) });
      });
    });
  }
  wire();

  // Another person's change shows without reload. A stream of its own: the shared one in
  // enclave.js listens to a fixed list of event types.
  if (doc.body.hasAttribute('data-signed-in') && window.EventSource) {
    var source = new EventSource('/api/v1/events');
    source.addEventListener('ready', function () { holder.setAttribute('data-tasks-live', 'ready'); });
    source.addEventListener('tasks.changed', function (message) {
      var data = {};
      try { data = JSON.parse(message.data); } catch (e) { return; }
      if (data.boardId === boardId) {
        if (doc.querySelector('[data-card-page]')) location.reload();
        else refresh();
      }
    });
    window.addEventListener('pagehide', function () { source.close(); });
  }
})();
