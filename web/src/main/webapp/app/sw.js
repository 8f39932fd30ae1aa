// The approval app's service worker: keeps the app's shell for offline start, shows a notification
// for each push (its payload is only a transaction id: the details are fetched, signed, by the app)
// opens the app when the notification is tapped, and sends Twofold the new push subscription,
// signed by the device key, when the browser renews it.
'use strict';
importScripts('device.js', 'words.js');
const SHELL = 'twofold-shell-v2';
const FILES = ['index.html', 'app.js', 'device.js', 'words.js', 'app.css', 'icon.svg', 'icon-180.png', 'icon-192.png', 'icon-512.png',
  'manifest.webmanifest'];

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
    return self.registration.showNotification(word('notificationTitle'), {
      body: word('notificationBody'), tag: txid || 'twofold', requireInteraction: true, data: {txid}
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

// The push service renewed (or expired) the subscription: subscribe again if the browser did not,
// and send the new one to Twofold, signed by the device key.
self.addEventListener('pushsubscriptionchange', event => {
  event.waitUntil((async () => {
    const device = await stored();
    if (!device) {
      return;
    }
    const subscription = event.newSubscription
      || await self.registration.pushManager.subscribe({userVisibleOnly: true, applicationServerKey: await vapidKey()});
    await renew(device, subscription);
  })());
});
