// The receive side of a Web Push message, written independently of Twofold's Java: the message is
// decrypted with npm's http_ece (RFC 8188/8291) under the subscription keys the test made, and the
// VAPID token (RFC 8292) is checked with node's own crypto (ES256 over header.claims, under the key
// the Authorization header names). Reads one JSON object on stdin:
//   {body, authorization, privateKey, auth}   (body, privateKey (the scalar d) and auth: base64url)
// and prints {plaintext, vapid: {valid, key, claims}}.
'use strict';
const crypto = require('crypto');
const ece = require('http_ece');

let input = '';
process.stdin.on('data', chunk => { input += chunk; });
process.stdin.on('end', () => {
  const m = JSON.parse(input);
  const receiver = crypto.createECDH('prime256v1');
  receiver.setPrivateKey(Buffer.from(m.privateKey, 'base64url'));
  const plaintext = ece.decrypt(Buffer.from(m.body, 'base64url'), {
    version: 'aes128gcm', privateKey: receiver, authSecret: m.auth
  }).toString('utf8');
  const vapid = /^vapid t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(m.authorization || '');
  let result = {valid: false, key: null, claims: null};
  if (vapid) {
    const [header, claims, signature] = vapid[1].split('.');
    const point = Buffer.from(vapid[2], 'base64url');
    const key = crypto.createPublicKey({
      key: {kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url')},
      format: 'jwk'
    });
    const valid = JSON.parse(Buffer.from(header, 'base64url').toString()).alg === 'ES256'
      && crypto.verify('sha256', Buffer.from(header + '.' + claims), {key, dsaEncoding: 'ieee-p1363'}, Buffer.from(signature, 'base64url'));
    result = {valid, key: vapid[2], claims: JSON.parse(Buffer.from(claims, 'base64url').toString())};
  }
  process.stdout.write(JSON.stringify({plaintext, vapid: result}) + '\n');
});
