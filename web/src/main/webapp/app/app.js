// The Twofold approval app. Its device key pair (ECDSA P-256) is made here by WebCrypto, not
// extractable, and kept in IndexedDB: the private key never leaves this browser. Each request for
// the waiting logins and each answer is signed with it; Twofold checks the signature against the
// public key registered at enrollment before it shows or decides anything.
'use strict';

const enc = new TextEncoder();
const $ = id => document.getElementById(id);

function b64url(bytes) {
  let s = '';
  bytes.forEach(b => { s += String.fromCharCode(b); });
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function unb64url(text) {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4));
  return Uint8Array.from(s, c => c.charCodeAt(0));
}

function status(text) {
  $('status').textContent = text;
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
    throw new Error(json.message || 'The server answered ' + response.status + '.');
  }
  return json;
}

async function sign(key, text) {
  return b64url(new Uint8Array(await crypto.subtle.sign({name: 'ECDSA', hash: 'SHA-256'}, key, enc.encode(text))));
}

async function enroll(code) {
  status('Setting up this phone…');
  const registration = await navigator.serviceWorker.register('sw.js');
  await navigator.serviceWorker.ready;
  const keys = await crypto.subtle.generateKey({name: 'ECDSA', namedCurve: 'P-256'}, false, ['sign', 'verify']);
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', keys.publicKey));
  const config = await (await fetch('api/config', {cache: 'no-store'})).json();
  const subscription = await registration.pushManager.subscribe({
    userVisibleOnly: true, applicationServerKey: unb64url(config.vapidPublicKey)
  });
  const s = subscription.toJSON();
  const registered = await post('register', {
    code, endpoint: s.endpoint, p256dh: s.keys.p256dh, auth: s.keys.auth, deviceKey: b64url(spki)
  });
  await store({deviceId: registered.deviceId, privateKey: keys.privateKey});
  history.replaceState(null, '', location.pathname);
}

const WORDS = {allow: 'Approved. You are logged in.', deny: 'Denied.', fraud: 'Reported as not you. Your help desk can see it.',
  timeout: 'This request has expired.', cancelled: 'This request was cancelled.'};

async function answer(device, request, decision, item) {
  const typed = decision === 'approve' && request.verified ? item.querySelector('.typed').value.trim() : '';
  item.querySelectorAll('button').forEach(b => { b.disabled = true; });
  try {
    const signature = await sign(device.privateKey, 'twofold-push-answer\n' + request.txid + '\n' + decision + '\n' + typed);
    const result = await post('answer', {deviceId: device.deviceId, txid: request.txid, decision, number: typed, signature});
    item.querySelector('.result').textContent = WORDS[result.state] || result.state;
  } catch (e) {
    item.querySelector('.result').textContent = e.message;
  }
  item.dataset.done = 'true';
}

function show(device, requests) {
  const list = $('list');
  const live = new Set(requests.map(r => r.txid));
  list.querySelectorAll('li').forEach(li => {
    if (!live.has(li.dataset.txid) && li.dataset.done !== 'true') {
      li.remove();
    }
  });
  for (const request of requests) {
    if (document.getElementById('request-' + request.txid)) {
      continue;
    }
    const item = $('request').content.firstElementChild.cloneNode(true);
    item.id = 'request-' + request.txid;
    item.dataset.txid = request.txid;
    item.querySelector('.application').textContent = request.application ? 'Log in to ' + request.application : 'Log in';
    item.querySelector('.when').textContent = new Date(request.time).toLocaleString();
    item.querySelector('.where').textContent = request.origin ? 'From ' + request.origin : '';
    item.querySelector('.number').hidden = !request.verified;
    item.querySelector('.approve').addEventListener('click', () => answer(device, request, 'approve', item));
    item.querySelector('.deny').addEventListener('click', () => answer(device, request, 'deny', item));
    item.querySelector('.fraud').addEventListener('click', () => answer(device, request, 'fraud', item));
    list.prepend(item);
  }
  $('none').hidden = list.children.length > 0;
}

async function refresh() {
  const device = await stored();
  if (!device) {
    $('enroll').hidden = false;
    $('requests').hidden = true;
    status('Not set up.');
    return;
  }
  $('enroll').hidden = true;
  $('requests').hidden = false;
  const time = Math.floor(Date.now() / 1000);
  const signature = await sign(device.privateKey, 'twofold-push-list\n' + device.deviceId + '\n' + time);
  const waiting = await post('waiting', {deviceId: device.deviceId, time, signature});
  show(device, waiting.requests);
  status('Ready. Checked ' + new Date().toLocaleTimeString() + '.');
}

async function start() {
  try {
    if ('serviceWorker' in navigator) {
      navigator.serviceWorker.register('sw.js');
      navigator.serviceWorker.addEventListener('message', () => refresh().catch(e => status(e.message)));
    }
    const code = new URLSearchParams(location.hash.slice(1)).get('enroll');
    if (code) {
      await enroll(code);
    }
    await refresh();
  } catch (e) {
    status('Could not set up or reach Twofold: ' + e.message);
  }
  $('refresh').addEventListener('click', () => refresh().catch(e => status(e.message)));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') {
      refresh().catch(e => status(e.message));
    }
  });
  // while open, look again now and then: a lost notification is not a lost login
  setInterval(() => {
    if (document.visibilityState === 'visible') {
      refresh().catch(e => status(e.message));
    }
  }, 10000);
}

start();
