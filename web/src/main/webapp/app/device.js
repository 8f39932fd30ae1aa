// What the approval app's page and its service worker share: the device record in IndexedDB (the
// device id, the non-extractable private key, the push endpoint last registered), signing with
// the device key, the JSON API, and renewing the push subscription with Twofold.
'use strict';

const enc = new TextEncoder();

function b64url(bytes) {
  let s = '';
  bytes.forEach(b => { s += String.fromCharCode(b); });
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function unb64url(text) {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4));
  return Uint8Array.from(s, c => c.charCodeAt(0));
}

// The app's words (words.js, from Twofold's Messages bundle in the phone's language), with {0} filled in.
function word(key, arg) {
  const words = self.TWOFOLD_WORDS || {};
  const text = words[key] === undefined ? key : words[key];
  return arg === undefined ? text : text.replace('{0}', arg);
}

function database() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('twofold', 1);
    open.onupgradeneeded = () => open.result.createObjectStore('device');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

async function stored() {
  const db = await database();
  return new Promise((resolve, reject) => {
    const get = db.transaction('device').objectStore('device').get('self');
    get.onsuccess = () => resolve(get.result);
    get.onerror = () => reject(get.error);
  });
}

async function store(device) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction('device', 'readwrite');
    tx.objectStore('device').put(device, 'self');
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
}

async function post(path, body) {
  const response = await fetch('api/' + path, {
    method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body), cache: 'no-store'
  });
  const json = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(json.message || word('serverAnswered', String(response.status)));
  }
  return json;
}

async function sign(key, text) {
  return b64url(new Uint8Array(await crypto.subtle.sign({name: 'ECDSA', hash: 'SHA-256'}, key, enc.encode(text))));
}

async function vapidKey() {
  const config = await (await fetch('api/config', {cache: 'no-store'})).json();
  return unb64url(config.vapidPublicKey);
}

// Tells Twofold the browser's new push subscription, signed by the device key (no session, no
// code: only this phone's key can move its pushes elsewhere), and remembers it.
async function renew(device, subscription) {
  const s = subscription.toJSON();
  const time = Math.floor(Date.now() / 1000);
  const signature = await sign(device.privateKey,
    ['twofold-push-renew', device.deviceId, time, s.endpoint, s.keys.p256dh, s.keys.auth].join('\n'));
  await post('renew', {deviceId: device.deviceId, endpoint: s.endpoint, p256dh: s.keys.p256dh, auth: s.keys.auth, time, signature});
  await store(Object.assign({}, device, {endpoint: s.endpoint}));
}
