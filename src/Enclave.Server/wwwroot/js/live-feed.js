// Live feeds: new posts from others wait behind a "new posts" button (the page never jumps
// under the reader's eyes), while posts already on the page refresh in place when someone
// comments, reacts, edits, pins or deletes. Every fragment is fetched from the server, which
// passes the access gate again: events carry identifiers only.
(function () {
  'use strict';
  if (!window.Enclave) return;
  var doc = document;
  var feed = doc.querySelector('[data-home-feed], [data-sphere-feed]');
  var sphereId = feed ? feed.getAttribute('data-sphere-feed') : null;
  var isHome = feed ? feed.hasAttribute('data-home-feed') : false;
  var pending = [];
  var button = null;
  var strings = { en: ['new post', 'new posts'], fr: ['nouvelle publication', 'nouvelles publications'] }[Enclave.lang === 'fr' ? 'fr' : 'en'];

  function fragment(url) {
    return fetch(url, { headers: { 'Accept': 'text/html' }, credentials: 'same-origin' })
      .then(function (r) { return r.ok ? r.text() : null; });
  }
  function cardUrl(id) { return '/ui/fragments/posts/' + id + '?showSphere=' + (isHome ? 'true' : 'false') + '&returnUrl=' + encodeURIComponent(location.pathname); }

  function showButton() {
    if (!button) {
      button = doc.createElement('button');
      button.type = 'button';
      button.className = 'button button-primary new-posts-button';
      button.setAttribute('data-new-posts', '');
      button.addEventListener('click', insertPending);
      doc.body.appendChild(button);
    }
    button.textContent = '↑ ' + pending.length + ' ' + (pending.length === 1 ? strings[0] : strings[1]);
    button.hidden = false;
  }

  function insertPending() {
    var ids = pending.splice(0, pending.length).reverse();
    button.hidden = true;
    ids.reduce(function (chain, id) {
      return chain.then(function () {
        if (doc.getElementById('post-' + id)) return;
        return fragment(cardUrl(id)).then(function (html) {
          if (!html) return;
          var holder = doc.createElement('div');
          feed.insertBefore(holder, firstUnpinned());
          Enclave.swap(holder, html);
        });
      });
    }, Promise.resolve()).then(function () {
      var empty = doc.querySelector('[data-feed-empty]');
      if (empty) empty.remove();
      feed.scrollIntoView({ behavior: 'smooth', block: 'start' });
    });
  }

  function firstUnpinned() {
    var posts = feed.querySelectorAll(':scope > .post');
    for (var i = 0; i < posts.length; i++) if (!posts[i].classList.contains('post-pinned')) return posts[i];
    return null;
  }

  function refreshCard(id) {
    var card = doc.getElementById('post-' + id);
    if (!card) return;
    // Do not replace a card while its reader is typing in it.
    if (card.contains(doc.activeElement) && /TEXTAREA|INPUT/.test(doc.activeElement.tagName)) return;
    var comments = card.querySelector('[data-comments-for]');
    fragment(cardUrl(id)).then(function (html) {
      if (!html) { card.remove(); return; }
      var fresh = Enclave.swap(card, html);
      // On a post's own page the comments live inside the card: keep them (they refresh on their own).
      if (fresh && comments) fresh.appendChild(comments);
    });
  }

  function refreshComments(postId) {
    var section = doc.querySelector('[data-comments-for="' + postId + '"]');
    if (!section) return;
    if (section.contains(doc.activeElement) && doc.activeElement.value) return;
    fragment('/ui/fragments/posts/' + postId + '/comments').then(function (html) { if (html) Enclave.swap(section, html); });
  }

  // The home page's unread counts per sphere follow new posts and "mark as read" from other tabs.
  function bumpUnread(sphere) {
    var link = doc.querySelector('[data-sphere-link="' + sphere + '"]');
    if (!link) return;
    var badge = link.querySelector('[data-unread-for]');
    if (!badge) {
      badge = doc.createElement('span');
      badge.className = 'badge badge-soft';
      badge.setAttribute('data-unread-for', sphere);
      link.appendChild(badge);
    }
    // Only the number changes: the visually hidden word after it stays for screen readers.
    var text = badge.firstChild && badge.firstChild.nodeType === 3 ? badge.firstChild : badge.insertBefore(doc.createTextNode('0'), badge.firstChild);
    var count = parseInt(text.nodeValue, 10) || 0;
    if (count < 99) text.nodeValue = String(count + 1);
  }

  Enclave.onLive(function (type, data) {
    if (type === 'unread.changed') {
      (data.sphereIds || []).forEach(function (sphere) {
        var badge = doc.querySelector('[data-unread-for="' + sphere + '"]');
        if (badge) badge.remove();
      });
      return;
    }
    if (type === 'post.created' && isHome && data.authorId !== doc.body.getAttribute('data-user-id')) bumpUnread(data.sphereId);
    if (type === 'post.created') {
      if (!feed || (sphereId && data.sphereId !== sphereId)) return;
      if (doc.getElementById('post-' + data.postId) || pending.indexOf(data.postId) !== -1) return;
      pending.push(data.postId);
      showButton();
    } else if (type === 'post.deleted') {
      var card = doc.getElementById('post-' + data.postId);
      if (card) card.remove();
    } else if (type === 'post.updated' || type === 'post.pinned' || type === 'post.unpinned' || type === 'reaction.changed') {
      refreshCard(data.postId);
    } else if (type === 'comment.created' || type === 'comment.updated' || type === 'comment.deleted' || type === 'comment.awaiting_approval') {
      if (doc.querySelector('[data-comments-for="' + data.postId + '"]')) refreshComments(data.postId);
      else refreshCard(data.postId);
    }
  });
})();
