// The approval app's service worker: keeps the app's shell for offline start, shows a notification
// for each push (its payload is only a transaction id: the details are fetched, signed, by the app)
// and opens the app when the notification is tapped.
'use strict';
const SHELL = 'twofold-shell-v1';
const FILES = ['index.html', 'app.js', 'app.css', 'icon.svg', 'manifest.webmanifest'];

self.addEventListener('install', event => {
  event.waitUntil(caches.open(SHELL).then(cache => cache.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
  event.waitUntil(caches.keys().then(keys => Promise.all(keys.filter(k => k !== SHELL).map(k => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', event => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== location.origin || url.pathname.includes('/api/')) {
    return; // the API always goes to the network
  }
  // the shell: the network when it answers (a new version), else the cached copy
  event.respondWith(fetch(event.request).then(response => {
    if (response.ok) {
      const copy = response.clone();
      caches.open(SHELL).then(cache => cache.put(event.request, copy));
    }
    return response;
  }).catch(() => caches.match(event.request, {ignoreSearch: true})));
});

self.addEventListener('push', event => {
  let txid = '';
  try {
    txid = event.data ? String(event.data.json().txid || '') : '';
  } catch (e) {
    txid = '';
  }
  event.waitUntil(self.clients.matchAll({type: 'window'}).then(clients => {
    clients.forEach(c => c.postMessage({type: 'push', txid}));
    return self.registration.showNotification('Login request', {
      body: 'Tap to approve or deny.', tag: txid || 'twofold', requireInteraction: true, data: {txid}
    });
  }));
});

self.addEventListener('notificationclick', event => {
  event.notification.close();
  event.waitUntil(self.clients.matchAll({type: 'window'}).then(clients => {
    for (const c of clients) {
      if ('focus' in c) {
        c.postMessage({type: 'push'});
        return c.focus();
      }
    }
    return self.clients.openWindow('index.html');
  }));
});
