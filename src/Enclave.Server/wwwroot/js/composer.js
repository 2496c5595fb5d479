// The composer, enhanced: Markdown preview, @member / @@group autocomplete on every
// textarea[data-mentions], drag and drop uploads with progress (files over the limit are refused
// before a byte is sent), and the recipient picker shown only for private posts. Without this
// file the form still posts everything itself (files included, as multipart).
(function () {
  'use strict';
  var doc = document;
  var fr = (doc.documentElement.lang || 'en') === 'fr';
  var S = fr
    ? { tooBig: 'trop volumineux (au plus {0})', failed: 'échec de l’envoi', remove: 'Retirer', uploading: 'Envoi en cours…', tooMany: 'Trop de fichiers.', previewError: 'Aperçu indisponible.' }
    : { tooBig: 'too large (at most {0})', failed: 'upload failed', remove: 'Remove', uploading: 'Uploading…', tooMany: 'Too many files.', previewError: 'Preview unavailable.' };
  function csrf() {
    var meta = doc.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : '';
  }

  // ---- Mentions: a listbox under the textarea, keyboard first (ARIA 1.2 combobox interaction). ----
  var listCount = 0;
  function wireMentions(textarea) {
    if (textarea.__mentions) return;
    textarea.__mentions = true;
    var sphereId = textarea.getAttribute('data-mentions');
    var list = doc.createElement('ul');
    list.id = 'mentions-' + (++listCount);
    list.className = 'autocomplete';
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', 'Suggestions'); // the same word in English and French
    list.hidden = true;
    textarea.parentNode.appendChild(list);
    textarea.setAttribute('aria-autocomplete', 'list');
    textarea.setAttribute('aria-controls', list.id);
    // No aria-expanded: a textarea is a textbox, which does not take it (only a combobox does).
    var groups = null, items = [], active = -1, token = null, seq = 0;

    function close() {
      list.hidden = true; list.innerHTML = ''; items = []; active = -1; token = null;
      textarea.removeAttribute('aria-activedescendant');
    }
    function current() {
      var before = textarea.value.slice(0, textarea.selectionStart);
      var m = /(^|[^\w@])(@@?)([\w.-]{0,40})$/.exec(before);
      return m ? { start: before.length - m[2].length - m[3].length, group: m[2] === '@@', text: m[3] } : null;
    }
    function highlight(index) {
      active = index;
      Array.prototype.forEach.call(list.children, function (li, i) { li.setAttribute('aria-selected', i === index ? 'true' : 'false'); });
      if (index >= 0) { textarea.setAttribute('aria-activedescendant', list.children[index].id); list.children[index].scrollIntoView({ block: 'nearest' }); }
      else textarea.removeAttribute('aria-activedescendant');
    }
    function show(found) {
      items = found.slice(0, 8);
      list.innerHTML = '';
      if (!items.length) { close(); return; }
      items.forEach(function (item, i) {
        var li = doc.createElement('li');
        li.id = list.id + '-' + i;
        li.setAttribute('role', 'option');
        li.textContent = item.label;
        li.addEventListener('mousedown', function (e) { e.preventDefault(); choose(i); });
        list.appendChild(li);
      });
      list.hidden = false;
      highlight(0);
    }
    function choose(i) {
      var item = items[i];
      if (!item || !token) return;
      var value = textarea.value, end = textarea.selectionStart;
      var insert = item.insert + ' ';
      textarea.value = value.slice(0, token.start) + insert + value.slice(end);
      var caret = token.start + insert.length;
      textarea.setSelectionRange(caret, caret);
      close();
      textarea.focus();
    }
    function fetchJson(url) {
      return fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : { items: [] }; });
    }
    function lookup() {
      token = current();
      if (!token) { close(); return; }
      var mine = ++seq, prefix = token.text.toLowerCase();
      if (token.group) {
        var ready = groups ? Promise.resolve(groups) : fetchJson('/api/v1/spheres/' + sphereId + '/groups?limit=100').then(function (page) { groups = page.items || []; return groups; });
        ready.then(function (all) {
          if (mine !== seq) return;
          show(all.filter(function (g) { return g.handle.toLowerCase().indexOf(prefix) === 0 || g.name.toLowerCase().indexOf(prefix) === 0; })
            .map(function (g) { return { label: '@@' + g.handle + ' — ' + g.name, insert: '@@' + g.handle }; }));
        });
      } else {
        fetchJson('/api/v1/spheres/' + sphereId + '/members?limit=8' + (prefix ? '&q=' + encodeURIComponent(prefix) : '')).then(function (page) {
          if (mine !== seq) return;
          show((page.items || []).map(function (m) { return { label: m.user.displayName + ' (@' + m.user.userName + ')', insert: '@' + m.user.userName }; }));
        });
      }
    }
    textarea.addEventListener('input', lookup);
    textarea.addEventListener('blur', function () { setTimeout(close, 100); });
    textarea.addEventListener('keydown', function (e) {
      if (list.hidden) return;
      if (e.key === 'ArrowDown') { e.preventDefault(); highlight((active + 1) % items.length); }
      else if (e.key === 'ArrowUp') { e.preventDefault(); highlight((active - 1 + items.length) % items.length); }
      else if (e.key === 'Enter' || e.key === 'Tab') { if (active >= 0) { e.preventDefault(); choose(active); } }
      else if (e.key === 'Escape') { e.preventDefault(); close(); }
    });
  }

  // ---- Preview: the server renders with the same sanitizer and mentions as a real post. ----
  function wirePreview(form) {
    var tabs = form.querySelector('[data-composer-tabs]');
    if (!tabs) return;
    var write = form.querySelector('#composer-tab-write'), preview = form.querySelector('#composer-tab-preview');
    var pane = form.querySelector('#composer-preview'), editor = form.querySelector('#composer-write');
    var textarea = form.querySelector('#composer-body');
    tabs.hidden = false;
    function select(showPreview) {
      write.setAttribute('aria-selected', showPreview ? 'false' : 'true');
      preview.setAttribute('aria-selected', showPreview ? 'true' : 'false');
      pane.hidden = !showPreview; editor.hidden = showPreview;
    }
    write.addEventListener('click', function () { select(false); textarea.focus(); });
    preview.addEventListener('click', function () {
      select(true);
      if (!textarea.value.trim()) { pane.textContent = preview.getAttribute('data-preview-label'); return; }
      var recipients = Array.prototype.map.call(form.querySelectorAll('[data-recipients] option:checked'), function (o) { return o.value; });
      var isPrivate = form.querySelector('[name="Form.Private"]:checked, input[type=hidden][name="Form.Private"]');
      fetch('/api/v1/spheres/' + form.getAttribute('data-sphere-id') + '/preview', {
        method: 'POST', credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'Accept': 'application/json', 'X-CSRF-TOKEN': csrf() },
        body: JSON.stringify({ body: textarea.value, recipientIds: isPrivate ? recipients : null })
      }).then(function (r) { return r.ok ? r.json() : Promise.reject(r); })
        .then(function (data) { pane.innerHTML = data.html; }) // sanitized by the server
        .catch(function () { pane.textContent = S.previewError; });
    });
  }

  // ---- Attachments: each file uploaded on its own with a progress bar; the form sends their ids. ----
  function size(bytes) {
    return bytes < 1024 ? bytes + ' B' : bytes < 1048576 ? (bytes / 1024).toFixed(1) + ' KiB' : (bytes / 1048576).toFixed(1) + ' MiB';
  }
  function wireUploads(form) {
    var input = form.querySelector('input[type=file][name=files]');
    var zone = form.querySelector('[data-dropzone]');
    var listEl = form.querySelector('[data-uploads]');
    var submit = form.querySelector('[data-composer-submit]');
    if (!input || !zone || !listEl) return;
    var max = parseInt(form.getAttribute('data-max-bytes'), 10) || 0;
    var maxFiles = parseInt(form.getAttribute('data-max-files'), 10) || 10;
    var label = form.getAttribute('data-max-label') || size(max);
    var running = 0;

    function busy(delta) { running += delta; if (submit) submit.disabled = running > 0; }
    function upload(file) {
      var li = doc.createElement('li');
      li.textContent = file.name + ' ';
      listEl.appendChild(li);
      if (listEl.querySelectorAll('li[data-upload-done], li[data-uploading]').length >= maxFiles) {
        li.appendChild(doc.createTextNode('— ' + S.tooMany)); li.className = 'field-error'; return;
      }
      if (max && file.size > max) {
        li.appendChild(doc.createTextNode('— ' + S.tooBig.replace('{0}', label)));
        li.className = 'field-error';
        li.setAttribute('role', 'alert');
        return;
      }
      var bar = doc.createElement('progress');
      bar.max = file.size || 1; bar.value = 0;
      bar.setAttribute('aria-label', S.uploading + ' ' + file.name);
      li.appendChild(bar);
      li.setAttribute('data-uploading', '');
      var data = new FormData();
      data.append('file', file, file.name);
      var xhr = new XMLHttpRequest();
      xhr.open('POST', '/api/v1/spheres/' + form.getAttribute('data-sphere-id') + '/attachments');
      xhr.setRequestHeader('X-CSRF-TOKEN', csrf());
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.upload.addEventListener('progress', function (e) { if (e.lengthComputable) { bar.max = e.total; bar.value = e.loaded; } });
      busy(1);
      xhr.addEventListener('loadend', function () {
        busy(-1);
        li.removeAttribute('data-uploading');
        var answer = null;
        try { answer = JSON.parse(xhr.responseText); } catch (e) { /* not JSON */ }
        bar.remove();
        if (xhr.status === 201 && answer && answer.id) {
          li.setAttribute('data-upload-done', '');
          var hidden = doc.createElement('input');
          hidden.type = 'hidden'; hidden.name = 'attachmentIds'; hidden.value = answer.id;
          li.appendChild(hidden);
          li.appendChild(doc.createTextNode('(' + size(answer.size) + ') '));
          var remove = doc.createElement('button');
          remove.type = 'button'; remove.className = 'link-button'; remove.textContent = S.remove;
          remove.setAttribute('aria-label', S.remove + ' ' + file.name);
          remove.addEventListener('click', function () { li.remove(); }); // an unused upload expires by itself
          li.appendChild(remove);
        } else {
          li.className = 'field-error';
          li.setAttribute('role', 'alert');
          li.appendChild(doc.createTextNode('— ' + ((answer && answer.title) || S.failed)));
        }
      });
      xhr.send(data);
    }
    function take(files) { Array.prototype.forEach.call(files, upload); input.value = ''; }
    input.addEventListener('change', function () { take(input.files); });
    ['dragenter', 'dragover'].forEach(function (type) {
      zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.add('dragover'); });
    });
    ['dragleave', 'drop'].forEach(function (type) {
      zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.remove('dragover'); });
    });
    zone.addEventListener('drop', function (e) { if (e.dataTransfer && e.dataTransfer.files) take(e.dataTransfer.files); });
  }

  // ---- Private posts: the recipient picker only matters once "private" is ticked. ----
  function wirePrivate(form) {
    var toggle = form.querySelector('[data-private-toggle]');
    var picker = form.querySelector('[data-recipients]');
    if (!toggle || !picker) return;
    var field = picker.closest('.field');
    function sync() { field.hidden = !toggle.checked; }
    toggle.addEventListener('change', sync);
    sync();
  }

  function start() {
    doc.querySelectorAll('textarea[data-mentions]').forEach(wireMentions);
    doc.querySelectorAll('form[data-composer]').forEach(function (form) { wirePreview(form); wireUploads(form); wirePrivate(form); });
    // Comment forms swapped in by live updates get the autocomplete too.
    new MutationObserver(function () { doc.querySelectorAll('textarea[data-mentions]').forEach(wireMentions); })
      .observe(doc.body, { childList: true, subtree: true });
  }
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', start); else start();
})();
