// Security keys and passkeys (WebAuthn) for the portal and the login prompt. A page that started a
// ceremony renders <div id="webauthn" data-ceremony="create|get" data-options="JSON"> inside a form
// with a hidden field FORM:response and hidden buttons FORM:finish and FORM:abort. This script
// turns the options' base64url fields into bytes, asks the browser (navigator.credentials), and
// posts the answer as the JSON of the PublicKeyCredential (bytes as base64url) with "finish"; if
// the person cancels, or the browser cannot, it posts "abort" (nothing is checked, nothing counted).
(function () {
    function toBytes(text) {
        var s = text.replace(/-/g, '+').replace(/_/g, '/');
        while (s.length % 4) {
            s += '=';
        }
        var raw = atob(s);
        var bytes = new Uint8Array(raw.length);
        for (var i = 0; i < raw.length; i++) {
            bytes[i] = raw.charCodeAt(i);
        }
        return bytes.buffer;
    }

    function toText(buffer) {
        var bytes = new Uint8Array(buffer);
        var raw = '';
        for (var i = 0; i < bytes.length; i++) {
            raw += String.fromCharCode(bytes[i]);
        }
        return btoa(raw).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    }

    function descriptors(list) {
        return (list || []).map(function (d) {
            return {type: d.type, id: toBytes(d.id)};
        });
    }

    function create(options) {
        options.challenge = toBytes(options.challenge);
        options.user.id = toBytes(options.user.id);
        options.excludeCredentials = descriptors(options.excludeCredentials);
        return navigator.credentials.create({publicKey: options}).then(function (c) {
            return {
                id: c.id, rawId: toText(c.rawId), type: c.type, authenticatorAttachment: c.authenticatorAttachment,
                clientExtensionResults: c.getClientExtensionResults(),
                response: {
                    clientDataJSON: toText(c.response.clientDataJSON),
                    attestationObject: toText(c.response.attestationObject),
                    transports: c.response.getTransports ? c.response.getTransports() : []
                }
            };
        });
    }

    function get(options) {
        options.challenge = toBytes(options.challenge);
        options.allowCredentials = descriptors(options.allowCredentials);
        return navigator.credentials.get({publicKey: options}).then(function (c) {
            return {
                id: c.id, rawId: toText(c.rawId), type: c.type, authenticatorAttachment: c.authenticatorAttachment,
                clientExtensionResults: c.getClientExtensionResults(),
                response: {
                    clientDataJSON: toText(c.response.clientDataJSON),
                    authenticatorData: toText(c.response.authenticatorData),
                    signature: toText(c.response.signature),
                    userHandle: c.response.userHandle ? toText(c.response.userHandle) : null
                }
            };
        });
    }

    var ceremony = document.getElementById('webauthn');
    if (!ceremony || ceremony.getAttribute('data-started') === 'true') {
        return;
    }
    ceremony.setAttribute('data-started', 'true');
    var form = ceremony.closest('form');
    var answer = document.getElementById(form.id + ':response');
    var finish = document.getElementById(form.id + ':finish');
    var abort = document.getElementById(form.id + ':abort');
    if (!window.PublicKeyCredential || !navigator.credentials) {
        abort.click();
        return;
    }
    var options = JSON.parse(ceremony.getAttribute('data-options'));
    var asked = ceremony.getAttribute('data-ceremony') === 'create' ? create(options) : get(options);
    asked.then(function (credential) {
        answer.value = JSON.stringify(credential);
        finish.click();
    }, function () {
        abort.click();
    });
})();
