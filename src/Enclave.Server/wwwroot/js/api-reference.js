// Renders the OpenAPI document as a readable reference. Served by Enclave itself: no CDN.
(async function () {
  const root = document.getElementById('reference');
  const toc = document.getElementById('toc');
  const el = (tag, attrs, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
    for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return node;
  };
  let doc;
  try {
    doc = await (await fetch('/openapi/v1.json')).json();
  } catch (e) {
    root.textContent = 'Could not load /openapi/v1.json.';
    return;
  }
  const schemaName = (s) => {
    if (!s) return '';
    if (s.$ref) return s.$ref.split('/').pop();
    if (s.type === 'array') return schemaName(s.items) + '[]';
    return s.type || '';
  };
  const byTag = new Map();
  for (const [path, item] of Object.entries(doc.paths || {})) {
    for (const [method, op] of Object.entries(item)) {
      if (!op || typeof op !== 'object' || !op.responses) continue;
      const tag = (op.tags && op.tags[0]) || 'Other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push({ path, method: method.toUpperCase(), op });
    }
  }
  root.textContent = '';
  const list = el('ul', { class: 'toc' });
  for (const [tag, ops] of [...byTag.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const id = 'tag-' + tag.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    list.append(el('li', {}, el('a', { href: '#' + id }, tag)));
    const section = el('section', { id });
    section.append(el('h2', {}, tag));
    for (const { path, method, op } of ops) {
      const card = el('article', { class: 'operation' });
      card.append(el('h3', {}, el('span', { class: 'method method-' + method.toLowerCase() }, method), ' ', el('code', {}, path)));
      if (op.summary || op.description) card.append(el('p', {}, op.summary || op.description));
      const params = (op.parameters || []).map(p => `${p.name} (${p.in}${p.required ? ', required' : ''}${p.schema ? ', ' + schemaName(p.schema) : ''})`);
      if (params.length) card.append(el('p', {}, 'Parameters: ', el('code', {}, params.join('; '))));
      const body = op.requestBody && op.requestBody.content;
      if (body) {
        const [type, media] = Object.entries(body)[0];
        card.append(el('p', {}, 'Body: ', el('code', {}, `${type} ${schemaName(media.schema)}`)));
      }
      const responses = Object.entries(op.responses).map(([code, r]) => {
        const content = r.content && Object.values(r.content)[0];
        return code + (content ? ' ' + schemaName(content.schema) : '');
      });
      card.append(el('p', {}, 'Responses: ', el('code', {}, responses.join(', '))));
      section.append(card);
    }
    root.append(section);
  }
  toc.append(list);
})();
