# Makes signatures.tsv: requests signed by Debian's python3-duo-client (duo_client 4.5.0) with its own
# functions, as DuoAuthApi must read them back. Run: /usr/bin/python3 signatures.py > signatures.tsv
# Columns, each Base64 (UTF-8): sig_version, method, host the client was given, Host header sent,
# path, query string sent, body sent, date, skey, canonical text, Authorization header.
import base64, hashlib, urllib.parse
from duo_client import client

def b(s):
    return base64.b64encode(s.encode('utf-8')).decode('ascii')

DATE = 'Tue, 01 Dec 2026 10:00:00 -0000'
SKEY = 'Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep'
CASES = [
    (2, hashlib.sha1, 'GET', '/auth/v2/check', {}),
    (2, hashlib.sha1, 'POST', '/auth/v2/preauth', {'username': 'alice'}),
    (2, hashlib.sha1, 'POST', '/auth/v2/auth', {'username': 'root', 'factor': 'push', 'device': 'auto', 'async': '1',
                                                'pushinfo': 'from=login%20portal&domain=example.com', 'display_username': 'Zoë Ω ~ +/*'}),
    (2, hashlib.sha1, 'GET', '/auth/v2/auth_status', {'txid': '45f7c92b-f45f-4862-8545-e0f58e78075a'}),
    (2, hashlib.sha512, 'POST', '/auth/v2/auth', {'username': 'bob@example.com', 'factor': 'passcode', 'passcode': '123 456'}),
    (4, hashlib.sha512, 'GET', '/auth/v2/check', {}),
    (4, hashlib.sha512, 'GET', '/auth/v2/auth_status', {'txid': 'a b&c=d'}),
    (4, hashlib.sha512, 'POST', '/auth/v2/preauth', {'username': 'alice', 'ipaddr': '198.51.100.7'}),
    (4, hashlib.sha512, 'POST', '/auth/v2/auth', {'username': 'Zoë', 'factor': 'sms', 'device': '12', 'async': '0'}),
]
for version, digest, method, path, params in CASES:
    for host, header in (('api.example.org', 'api.example.org'), ('localhost', 'localhost:8080')):
        c = client.Client('DIWJ8X6AEYOR5OMC6TQ1', SKEY, host, digestmod=digest, sig_version=version)
        if version == 4 and method == 'POST':
            body = c.canon_json(params)
            signed = {}
            query = ''
        else:
            signed = client.normalize_params(params)
            body = urllib.parse.urlencode(signed, doseq=True) if method == 'POST' else ''
            query = '' if method == 'POST' else urllib.parse.urlencode(signed, doseq=True)
        canonical = client.canonicalize(method, host, path, signed, DATE, version, body=body if version == 4 else None)
        auth = client.sign('DIWJ8X6AEYOR5OMC6TQ1', SKEY, method, host, path, DATE, version, signed,
                           body=body if version == 4 else None, digestmod=digest)
        print('\t'.join(b(x) for x in (str(version), method, host, header, path, query, body, DATE, SKEY, canonical, auth)))
