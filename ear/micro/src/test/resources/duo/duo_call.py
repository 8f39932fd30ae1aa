# Drives Debian's python3-duo-client (duo_client.Auth) for DuoApiIT: reads a JSON spec on stdin
#   {"ikey", "skey", "host", "port", "sig_version" (2 or 4), "date_offset" (seconds, optional),
#    "calls": [{"method": "preauth", "kwargs": {...}}, ...]}
# and prints one JSON list: per call {"ok": response} or {"error": message, "status": HTTP status,
# "data": body}. Plain HTTP (ca_certs='HTTP'); the client signs every request itself.
import email.utils
import hashlib
import json
import sys
import time
import types

import duo_client
from duo_client import client as duo

spec = json.load(sys.stdin)
if spec.get('date_offset'):
    offset = spec['date_offset']
    # the client's own Date header, written as it writes it, off by that many seconds
    duo.email = types.SimpleNamespace(utils=types.SimpleNamespace(formatdate=lambda: email.utils.formatdate(time.time() + offset)))
kwargs = dict(ikey=spec['ikey'], skey=spec['skey'], host=spec['host'], port=spec['port'], ca_certs='HTTP',
              sig_version=spec.get('sig_version', 2))
if kwargs['sig_version'] == 4:
    kwargs['digestmod'] = hashlib.sha512
auth = duo_client.Auth(**kwargs)
out = []
for call in spec['calls']:
    try:
        out.append({'ok': getattr(auth, call['method'])(**call.get('kwargs', {}))})
    except RuntimeError as e:
        data = getattr(e, 'data', None)
        # the body as received; duo_client hands it over parsed when it was JSON
        if isinstance(data, bytes):
            data = data.decode('utf-8')
        elif not isinstance(data, str):
            data = json.dumps(data)
        out.append({'error': str(e), 'status': getattr(e, 'status', None), 'data': data})
print(json.dumps(out))
