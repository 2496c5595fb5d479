// Chat pages: new messages, edits, reactions and typing signals arrive live; the composer sends
// without a reload (Enter sends, Shift+Enter starts a new line). Events carry identifiers only:
// every message shown is fetched from the server, which checks access again.
(function () {
  'use strict';
  var doc = document;
  var thread = doc.querySelector('[data-chat-conversation]');
  var list = doc.querySelector('[data-chat-list]');
  if ((!thread && !list) || !window.EventSource || !doc.body.hasAttribute('data-signed-in')) return;
  var csrfMeta = doc.querySelector('meta[name="csrf-token"]');
  function csrf() { return window.Enclave && Enclave.csrf ? Enclave.csrf() : (csrfMeta ? csrfMeta.content : ''); }

  function get(url) {
    return fetch(url, { headers: { 'Accept': 'text/html' }, credentials: 'same-origin' }).then(function (r) { return r.ok ? r.text() : null; });
  }
  function post(url, body) {
    var data = body || new FormData();
    data.append('__RequestVerificationToken', csrf());
    return fetch(url, { method: 'POST', body: data, credentials: 'same-origin', headers: { 'X-Enclave-Enhanced': '1', 'Accept': 'text/html, application/problem+json' } });
  }
  function toElement(html) {
    var holder = doc.createElement('div');
    holder.innerHTML = html.trim();
    return holder.firstElementChild;
  }

  var source = new EventSource('/api/v1/events');
  window.addEventListener('pagehide', function () { source.close(); });

  if (list) {
    var refresh = function () {
      get('/ui/fragments/chat/conversations').then(function (html) {
        var current = doc.getElementById('chat-conversations');
        if (!html || !current) return;
        var holder = doc.createElement('div');
        holder.innerHTML = html.trim();
        var none = doc.getElementById('chat-none');
        if (none) none.remove();
        var fresh = holder.querySelector('#chat-conversations');
        if (fresh) current.replaceWith(fresh);
      });
    };
    source.addEventListener('chat.message', refresh);
    source.addEventListener('chat.conversation', refresh);
    source.addEventListener('chat.read', refresh);
  }
  if (!thread) return;

  var id = thread.getAttribute('data-chat-conversation');
  var me = thread.getAttribute('data-chat-me');
  var returnUrl = thread.getAttribute('data-chat-return') || location.pathname;
  var messages = doc.getElementById('chat-messages');
  var typing = thread.querySelector('[data-chat-typing]');
  var typingTimer = null;
  var readPending = false;

  function scrollDown() { messages.scrollTop = messages.scrollHeight; }
  function place(element) {
    if (!element) return;
    var existing = doc.getElementById(element.id);
    if (existing) existing.replaceWith(element); else messages.appendChild(element);
    var empty = doc.getElementById('chat-empty');
    if (empty) empty.remove();
    if (window.Enclave && Enclave.enhance) Enclave.enhance(element);
  }
  function markRead() {
    if (doc.hidden || readPending) return;
    readPending = true;
    post('/ui/chat/conversations/' + id + '/read').finally(function () { readPending = false; });
  }
  function data(message) { try { return JSON.parse(message.data); } catch (e) { return {}; } }

  source.addEventListener('ready', function () { thread.setAttribute('data-chat-live', 'ready'); });
  source.addEventListener('chat.message', function (message) {
    var d = data(message);
    if (d.conversationId !== id) return;
    get('/ui/fragments/chat/messages/' + d.messageId + '?returnUrl=' + encodeURIComponent(returnUrl)).then(function (html) {
      if (!html) return;
      var fresh = toElement(html);
      var isNew = !doc.getElementById(fresh.id);
      place(fresh);
      if (isNew) { scrollDown(); markRead(); }
    });
    if (typing) typing.hidden = true;
  });
  source.addEventListener('chat.typing', function (message) {
    var d = data(message);
    if (d.conversationId !== id || d.userId === me || !typing) return;
    typing.textContent = thread.getAttribute('data-chat-typing-text');
    typing.hidden = false;
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () { typing.hidden = true; }, 5000);
  });
  doc.addEventListener('visibilitychange', markRead);

  var form = doc.querySelector('[data-chat-composer]');
  if (!form) { scrollDown(); return; }
  var body = form.querySelector('textarea');
  var lastTyping = 0;
  body.addEventListener('input', function () {
    var now = Date.now();
    if (now - lastTyping < 3000 || !body.value) return;
    lastTyping = now;
    post('/ui/chat/conversations/' + id + '/typing');
  });
  body.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) { e.preventDefault(); form.requestSubmit ? form.requestSubmit() : form.submit(); }
  });
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    var sent = new FormData(form);
    sent.delete('__RequestVerificationToken');
    post(form.action, sent).then(function (response) {
      var type = response.headers.get('content-type') || '';
      if (!response.ok) {
        if (type.indexOf('json') !== -1) return response.json().then(function (p) { if (window.Enclave) Enclave.showProblem(form, p); });
        if (window.Enclave) Enclave.showProblem(form, { title: response.status + ' ' + response.statusText });
        return;
      }
      if (window.Enclave) Enclave.clearProblem(form);
      return response.text().then(function (html) {
        form.reset();
        var replying = doc.getElementById('chat-replying');
        if (replying) { replying.remove(); var hidden = form.querySelector('input[name="replyToId"]'); if (hidden) hidden.remove(); }
        if (html) { place(toElement(html)); scrollDown(); }
        body.focus();
      });
    }).catch(function () {
      if (window.Enclave) Enclave.showProblem(form, { title: 'Network error. Try again.' });
    }).finally(function () { button.disabled = false; });
  });
  scrollDown();
})();
