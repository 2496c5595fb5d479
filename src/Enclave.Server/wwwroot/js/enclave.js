// Enclave's progressive enhancement. Every page works without this file (forms post, links
// navigate); with it, forms submit in place, times show in the reader's zone and language, and
// the live event stream updates the page. No framework, no third-party code, no inline script
// (the Content-Security-Policy forbids it). Page-specific behaviour (the composer, the live feed)
// lives in its own file and uses the small API exported on window.Enclave.
(function () {
  'use strict';
  var doc = document;
  var lang = doc.documentElement.lang || 'en';
  var csrfMeta = doc.querySelector('meta[name="csrf-token"]');

  function csrf() { return csrfMeta ? csrfMeta.content : ''; }

  // The reader's time zone, for server-rendered times of the next pages.
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && doc.cookie.indexOf('enclave_tz=' + encodeURIComponent(zone)) === -1) {
      doc.cookie = 'enclave_tz=' + encodeURIComponent(zone) + '; path=/; max-age=31536000; samesite=lax';
    }
  } catch (e) { /* an old browser keeps the server's UTC times */ }

  // <time datetime="..." data-format="datetime|date|relative"> in the reader's zone and language.
  var relative = window.Intl && Intl.RelativeTimeFormat ? new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }) : null;
  function formatTimes(root) {
    (root || doc).querySelectorAll('time[datetime][data-format]').forEach(function (el) {
      var date = new Date(el.getAttribute('datetime'));
      if (isNaN(date)) return;
      var format = el.getAttribute('data-format');
      if (!el.title) el.title = date.toLocaleString(lang, { dateStyle: 'full', timeStyle: 'short' });
      if (format === 'relative' && relative) {
        var seconds = Math.round((date - Date.now()) / 1000), abs = Math.abs(seconds);
        if (abs < 45) el.textContent = relative.format(0, 'second');
        else if (abs < 3600) el.textContent = relative.format(Math.round(seconds / 60), 'minute');
        else if (abs < 86400) el.textContent = relative.format(Math.round(seconds / 3600), 'hour');
        else if (abs < 604800) el.textContent = relative.format(Math.round(seconds / 86400), 'day');
        else el.textContent = date.toLocaleDateString(lang, { dateStyle: 'medium' });
      } else if (format === 'date') {
        el.textContent = date.toLocaleDateString(lang, { dateStyle: 'medium' });
      } else {
        el.textContent = date.toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
      }
    });
  }

  // Forms that submit themselves when a control changes (language switch, filters).
  function wireAutosubmit(root) {
    (root || doc).querySelectorAll('form[data-autosubmit]').forEach(function (form) {
      form.querySelectorAll('[data-hide-when-enhanced]').forEach(function (el) { el.hidden = true; });
      form.addEventListener('change', function () { form.requestSubmit ? form.requestSubmit() : form.submit(); });
    });
  }

  // Problem details shown next to the form and its faulty fields.
  function showProblem(form, problem) {
    clearProblem(form);
    var alert = doc.createElement('div');
    alert.className = 'alert alert-error';
    alert.setAttribute('role', 'alert');
    alert.setAttribute('data-problem-code', problem.code || '');
    alert.textContent = problem.title || 'Error';
    form.insertBefore(alert, form.firstChild);
    var errors = problem.errors || {};
    Object.keys(errors).forEach(function (field) {
      var input = form.querySelector('[data-field="' + field + '"]') || form.querySelector('[name$="' + field.charAt(0).toUpperCase() + field.slice(1) + '"]') || form.querySelector('[name="' + field + '"]');
      var message = doc.createElement('p');
      message.className = 'field-error';
      message.setAttribute('data-field-error', field);
      message.textContent = [].concat(errors[field]).join(' ');
      if (input && input.parentNode) {
        input.parentNode.classList.add('field-invalid');
        input.parentNode.appendChild(message);
        input.setAttribute('aria-invalid', 'true');
      } else {
        alert.appendChild(doc.createElement('br'));
        alert.appendChild(doc.createTextNode(field + ': ' + message.textContent));
      }
    });
  }
  function clearProblem(form) {
    form.querySelectorAll('.alert-error, .field-error').forEach(function (el) { el.remove(); });
    form.querySelectorAll('.field-invalid').forEach(function (el) { el.classList.remove('field-invalid'); });
    form.querySelectorAll('[aria-invalid]').forEach(function (el) { el.removeAttribute('aria-invalid'); });
  }

  function resolveTarget(form) {
    var spec = form.getAttribute('data-target');
    if (!spec) return null;
    if (spec.indexOf('closest:') === 0) return form.closest(spec.slice(8));
    return doc.querySelector(spec);
  }

  // Replaces an element by server-rendered HTML and enhances the new content.
  function swap(target, html) {
    var holder = doc.createElement('div');
    holder.innerHTML = html.trim();
    var fresh = holder.firstElementChild;
    if (!fresh) { target.remove(); return null; }
    target.replaceWith(fresh);
    enhance(fresh);
    return fresh;
  }

  // <form data-enhance data-target="closest:.post">: sent with fetch; the answer (a fragment)
  // replaces the target, a 204 leaves the page as it is (or follows data-after="reload").
  function wireEnhancedForms(root) {
    (root || doc).querySelectorAll('form[data-enhance]').forEach(function (form) {
      if (form.__enclave) return;
      form.__enclave = true;
      form.addEventListener('submit', function (event) {
        event.preventDefault();
        var submitter = event.submitter;
        var data = new FormData(form);
        if (submitter && submitter.name) data.append(submitter.name, submitter.value);
        var buttons = form.querySelectorAll('button');
        buttons.forEach(function (b) { b.disabled = true; });
        fetch(form.action, {
          method: (form.getAttribute('method') || 'post').toUpperCase(),
          body: new URLSearchParams(data),
          headers: { 'X-Enclave-Enhanced': '1', 'Accept': 'text/html, application/problem+json' },
          credentials: 'same-origin'
        }).then(function (response) {
          var type = response.headers.get('content-type') || '';
          if (!response.ok) {
            if (type.indexOf('json') !== -1) return response.json().then(function (p) { showProblem(form, p); });
            showProblem(form, { title: response.status + ' ' + response.statusText });
            return;
          }
          clearProblem(form);
          var after = form.getAttribute('data-after');
          if (after === 'reload') { window.location.reload(); return; }
          if (after === 'reset') form.reset();
          if (response.status === 204 || type.indexOf('text/html') === -1) {
            form.dispatchEvent(new CustomEvent('enclave:done', { bubbles: true }));
            return;
          }
          return response.text().then(function (html) {
            var target = resolveTarget(form);
            if (target) swap(target, html);
            doc.dispatchEvent(new CustomEvent('enclave:done', { detail: { form: form } }));
          });
        }).catch(function () {
          showProblem(form, { title: form.getAttribute('data-offline') || 'Network error. Try again.' });
        }).finally(function () {
          buttons.forEach(function (b) { b.disabled = false; });
        });
      });
    });
  }

  // One event stream per tab while signed in; EventSource resumes with Last-Event-ID itself.
  var listeners = [];
  function onLive(handler) { listeners.push(handler); }
  function startLive() {
    if (!doc.body.hasAttribute('data-signed-in') || !window.EventSource) return;
    var source = new EventSource('/api/v1/events');
    // The server says "ready" once it listens for this reader: from then on nothing is missed.
    source.addEventListener('ready', function () { doc.documentElement.setAttribute('data-live', 'ready'); });
    source.addEventListener('error', function () { doc.documentElement.removeAttribute('data-live'); });
    var types = ['post.created', 'post.updated', 'post.deleted', 'post.pinned', 'post.unpinned', 'comment.created',
      'comment.updated', 'comment.deleted', 'comment.awaiting_approval', 'reaction.changed', 'notification',
      'notification.post', 'unread.changed'];
    types.forEach(function (type) {
      source.addEventListener(type, function (message) {
        var data = {};
        try { data = JSON.parse(message.data); } catch (e) { /* keep empty */ }
        listeners.forEach(function (handler) { handler(type, data); });
      });
    });
    window.addEventListener('pagehide', function () { source.close(); });
  }

  // The bell's count follows new notifications live.
  onLive(function (type) {
    if (type !== 'notification') return;
    var badge = doc.querySelector('[data-notification-count]');
    if (!badge) return;
    var count = parseInt(badge.textContent, 10) || 0;
    badge.textContent = String(count + 1);
    badge.hidden = false;
  });

  // <form data-confirm="Delete?">: asks first (without script the action simply happens).
  function wireConfirm(root) {
    (root || doc).querySelectorAll('form[data-confirm]').forEach(function (form) {
      if (form.__confirm) return;
      form.__confirm = true;
      form.addEventListener('submit', function (event) {
        if (!window.confirm(form.getAttribute('data-confirm'))) { event.preventDefault(); event.stopImmediatePropagation(); }
      }, true);
    });
  }

  function enhance(root) {
    wireConfirm(root);
    formatTimes(root);
    wireAutosubmit(root);
    wireEnhancedForms(root);
  }

  window.Enclave = { csrf: csrf, onLive: onLive, swap: swap, enhance: enhance, showProblem: showProblem, clearProblem: clearProblem, lang: lang };

  function start() { enhance(doc); startLive(); }
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', start); else start();
})();
