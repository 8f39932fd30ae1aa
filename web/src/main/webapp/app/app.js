// The Twofold approval app. Its device key pair (ECDSA P-256) is made here by WebCrypto, not
// extractable, and kept in IndexedDB: the private key never leaves this browser. Each request for
// the waiting logins and each answer is signed with it; Twofold checks the signature against the
// public key registered at enrollment before it shows or decides anything. Its words come from
// Twofold's Messages bundle in the phone's language (words.js); what the service worker shares
// with it is in device.js.
'use strict';

const $ = id => document.getElementById(id);

function status(text) {
  $('status').textContent = text;
}

// Every element with data-word="<key>" shows that word.
function showWords(root) {
  root.querySelectorAll('[data-word]').forEach(e => { e.textContent = word(e.dataset.word); });
  if (root === document) {
    document.title = word('title');
    document.documentElement.lang = self.TWOFOLD_LANG || 'en';
  }
}

async function enroll(code) {
  status(word('settingUp'));
  const registration = await navigator.serviceWorker.register('sw.js');
  await navigator.serviceWorker.ready;
  const keys = await crypto.subtle.generateKey({name: 'ECDSA', namedCurve: 'P-256'}, false, ['sign', 'verify']);
  const spki = new Uint8Array(await crypto.subtle.exportKey('spki', keys.publicKey));
  const subscription = await registration.pushManager.subscribe({userVisibleOnly: true, applicationServerKey: await vapidKey()});
  const s = subscription.toJSON();
  const registered = await post('register', {
    code, endpoint: s.endpoint, p256dh: s.keys.p256dh, auth: s.keys.auth, deviceKey: b64url(spki)
  });
  await store({deviceId: registered.deviceId, privateKey: keys.privateKey, endpoint: s.endpoint});
  history.replaceState(null, '', location.pathname);
}

// The browser may have renewed the push subscription without telling the service worker (not
// every browser fires pushsubscriptionchange): when the app is opened, a subscription other than
// the one last registered is sent to Twofold as the worker would.
async function checkSubscription(device) {
  if (!('serviceWorker' in navigator)) {
    return;
  }
  const registration = await navigator.serviceWorker.ready;
  const subscription = await registration.pushManager.getSubscription()
    || await registration.pushManager.subscribe({userVisibleOnly: true, applicationServerKey: await vapidKey()});
  if (subscription.endpoint !== device.endpoint) {
    await renew(device, subscription);
  }
}

async function answer(device, request, decision, item) {
  const typed = decision === 'approve' && request.verified ? item.querySelector('.typed').value.trim() : '';
  item.querySelectorAll('button').forEach(b => { b.disabled = true; });
  try {
    const signature = await sign(device.privateKey, 'twofold-push-answer\n' + request.txid + '\n' + decision + '\n' + typed);
    const result = await post('answer', {deviceId: device.deviceId, txid: request.txid, decision, number: typed, signature});
    item.querySelector('.result').textContent = word('result.' + result.state);
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
    showWords(item);
    item.id = 'request-' + request.txid;
    item.dataset.txid = request.txid;
    item.querySelector('.application').textContent = request.application ? word('loginTo', request.application) : word('login');
    item.querySelector('.when').textContent = new Date(request.time).toLocaleString();
    item.querySelector('.where').textContent = request.origin ? word('from', request.origin) : '';
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
    status(word('notSetUpStatus'));
    return;
  }
  $('enroll').hidden = true;
  $('requests').hidden = false;
  const time = Math.floor(Date.now() / 1000);
  const signature = await sign(device.privateKey, 'twofold-push-list\n' + device.deviceId + '\n' + time);
  const waiting = await post('waiting', {deviceId: device.deviceId, time, signature});
  show(device, waiting.requests);
  status(word('ready', new Date().toLocaleTimeString()));
}

async function start() {
  showWords(document);
  status(word('starting'));
  try {
    if ('serviceWorker' in navigator) {
      navigator.serviceWorker.register('sw.js');
      navigator.serviceWorker.addEventListener('message', () => refresh().catch(e => status(e.message)));
    }
    const code = new URLSearchParams(location.hash.slice(1)).get('enroll');
    if (code) {
      await enroll(code);
    }
    const device = await stored();
    if (device) {
      // a subscription that cannot be checked now (offline, no permission) does not hide the requests
      await checkSubscription(device).catch(e => console.warn('push subscription not checked: ' + e.message));
    }
    await refresh();
  } catch (e) {
    status(word('unreachable', e.message));
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
