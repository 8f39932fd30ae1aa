package org.twofold.webauthn;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.BadChallengeException;
import com.webauthn4j.verifier.exception.BadOriginException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.BadSignatureException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.UserNotPresentException;
import com.webauthn4j.verifier.exception.VerificationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The relying party of W3C Web Authentication Level 2 for one public address: its id (the host of
 * {@code TWOFOLD_PUBLIC_URL}) and the one origin a ceremony is accepted from (that URL's scheme,
 * host and port). It writes the options of a registration (§5.4, attestation {@code none},
 * resident key and user verification preferred) and of an authentication (§5.5, the user's
 * credentials allowed), and checks the browser's answers through webauthn4j (§7.1, §7.2: client
 * data type, challenge, origin, RP id hash, user presence, signature, and the signature counter —
 * §6.1.1: a counter that does not move forward means the credential was cloned). Plain Java: no
 * container, no storage; a refusal is a {@link Refusal} naming its cause for the audit.
 */
public final class RelyingParty {
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64URL_DECODER = Base64.getUrlDecoder();
    /** ES256, EdDSA, RS256 (COSE algorithm ids), in order of preference. */
    private static final List<Integer> ALGORITHMS = List.of(-7, -8, -257);

    private final String id;
    private final String name;
    private final Origin origin;
    private final ObjectConverter converter = new ObjectConverter();
    private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager(converter);

    private RelyingParty(String id, String name, Origin origin) {
        this.id = id;
        this.name = name;
        this.origin = origin;
    }

    /**
     * The relying party of the public address {@code publicUrl} ({@code https://mfa.example.edu/}),
     * named {@code name} to the person (the organization's name).
     *
     * @throws IllegalArgumentException if {@code publicUrl} is no absolute http(s) URL
     */
    public static RelyingParty of(String publicUrl, String name) {
        URI uri = URI.create(publicUrl);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            throw new IllegalArgumentException("the public URL is no http(s) address: " + publicUrl);
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String origin = scheme + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        return new RelyingParty(host, name, new Origin(origin));
    }

    /** The RP id: the public URL's host. */
    public String id() {
        return id;
    }

    /** The origin ceremonies are accepted from. */
    public String origin() {
        return origin.toString();
    }

    /** Why an answer was refused, as the audit names it ({@code cloned_key}, {@code wrong_origin}, ...). */
    public static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        private final String reason;

        Refusal(String reason, String detail) {
            super(detail);
            this.reason = reason;
        }

        public String reason() {
            return reason;
        }
    }

    /** A credential as it is stored: its attested credential data (AAGUID, id, COSE public key) and its state. */
    public record Credential(byte[] data, long signCount, boolean userVerified, boolean backupEligible, boolean backupState) {
    }

    /** A credential just registered: its id, what is stored of it, and the authenticator model (AAGUID). */
    public record Registered(byte[] credentialId, Credential credential, String aaguid) {
    }

    /** An assertion that passed: the credential's new counter and flags. */
    public record Asserted(long signCount, boolean userVerified, boolean backupState) {
    }

    /**
     * The options of {@code navigator.credentials.create} for a user (§5.4): a new challenge, the
     * random {@code userHandle}, and the credentials the user already has (so an authenticator
     * registers once).
     */
    public String registrationOptions(byte[] challenge, byte[] userHandle, String username, String displayName, List<byte[]> existing) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("challenge", b64(challenge));
        o.put("rp", Map.of("id", id, "name", name));
        o.put("user", Map.of("id", b64(userHandle), "name", username, "displayName", displayName == null || displayName.isBlank() ? username : displayName));
        List<Map<String, Object>> params = new ArrayList<>();
        ALGORITHMS.forEach(a -> params.add(Map.of("type", "public-key", "alg", a)));
        o.put("pubKeyCredParams", params);
        o.put("timeout", Ceremony.TIMEOUT.toMillis());
        o.put("attestation", "none");
        o.put("authenticatorSelection", Map.of("residentKey", "preferred", "requireResidentKey", false, "userVerification", "preferred"));
        o.put("excludeCredentials", descriptors(existing));
        return converter.getJsonConverter().writeValueAsString(o);
    }

    /** The options of {@code navigator.credentials.get} (§5.5): a new challenge and the user's credentials. */
    public String authenticationOptions(byte[] challenge, List<byte[]> allowed) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("challenge", b64(challenge));
        o.put("rpId", id);
        o.put("timeout", Ceremony.TIMEOUT.toMillis());
        o.put("userVerification", "preferred");
        o.put("allowCredentials", descriptors(allowed));
        return converter.getJsonConverter().writeValueAsString(o);
    }

    /**
     * The options of {@code navigator.credentials.get} for a login without a username (§5.5 with an
     * empty {@code allowCredentials}: the authenticator offers its discoverable credentials for this
     * RP id); user verification is required, since the passkey then stands for password and factor.
     */
    public String passwordlessOptions(byte[] challenge) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("challenge", b64(challenge));
        o.put("rpId", id);
        o.put("timeout", Ceremony.TIMEOUT.toMillis());
        o.put("userVerification", "required");
        o.put("allowCredentials", List.of());
        return converter.getJsonConverter().writeValueAsString(o);
    }

    /** The user handle an answer of {@code navigator.credentials.get} carries (a discoverable credential's); null if none. */
    public byte[] userHandle(String response) throws Refusal {
        try {
            return manager.parseAuthenticationResponseJSON(response).getUserHandle();
        } catch (RuntimeException e) {
            throw refusal(e);
        }
    }

    private static List<Map<String, Object>> descriptors(List<byte[]> ids) {
        List<Map<String, Object>> out = new ArrayList<>();
        ids.forEach(i -> out.add(Map.of("type", "public-key", "id", b64(i))));
        return out;
    }

    /**
     * Checks the answer of {@code navigator.credentials.create} (the JSON of a {@code
     * PublicKeyCredential}: {@code id}, {@code rawId}, {@code response.clientDataJSON},
     * {@code response.attestationObject}, all base64url) to the registration {@code challenge}
     * (§7.1); the attestation statement is not trusted (attestation {@code none}).
     */
    public Registered register(byte[] challenge, String response) throws Refusal {
        RegistrationData data;
        try {
            data = manager.verifyRegistrationResponseJSON(response, new RegistrationParameters(server(challenge), null, false, true));
        } catch (RuntimeException e) {
            throw refusal(e);
        }
        AuthenticatorData<?> auth = data.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData acd = auth.getAttestedCredentialData();
        if (acd == null) {
            throw new Refusal("malformed", "no attested credential data");
        }
        byte[] stored = new AttestedCredentialDataConverter(converter).convert(acd);
        return new Registered(acd.getCredentialId(), new Credential(stored, auth.getSignCount(), auth.isFlagUV(), auth.isFlagBE(), auth.isFlagBS()),
                acd.getAaguid().toString());
    }

    /**
     * The credential id an answer of {@code navigator.credentials.get} names, to find the stored
     * credential it must be checked against.
     */
    public byte[] credentialId(String response) throws Refusal {
        try {
            AuthenticationData data = manager.parseAuthenticationResponseJSON(response);
            if (data.getCredentialId() == null) {
                throw new Refusal("malformed", "no credential id");
            }
            return data.getCredentialId();
        } catch (RuntimeException e) {
            throw refusal(e);
        }
    }

    /**
     * Checks the answer of {@code navigator.credentials.get} to the authentication {@code challenge}
     * against the stored {@code credential} (§7.2), including its counter: a counter that is not
     * above the stored one (unless both are 0: an authenticator without a counter) is refused as
     * {@code cloned_key}.
     */
    public Asserted authenticate(byte[] challenge, String response, Credential credential) throws Refusal {
        return authenticate(challenge, response, credential, false);
    }

    /**
     * As {@link #authenticate(byte[], String, Credential)}; with {@code userVerificationRequired}
     * an answer whose authenticator did not verify the person (PIN, biometrics: the UV flag) is
     * refused as {@code not_verified}.
     */
    public Asserted authenticate(byte[] challenge, String response, Credential credential, boolean userVerificationRequired) throws Refusal {
        AttestedCredentialData acd = new AttestedCredentialDataConverter(converter).convert(credential.data());
        CredentialRecordImpl record = new CredentialRecordImpl(new NoneAttestationStatement(), credential.userVerified(), credential.backupEligible(),
                credential.backupState(), credential.signCount(), acd, null, null, null, null);
        AuthenticationData data;
        try {
            data = manager.verifyAuthenticationResponseJSON(response,
                    new AuthenticationParameters(server(challenge), record, List.of(acd.getCredentialId()), userVerificationRequired, true));
        } catch (RuntimeException e) {
            throw refusal(e);
        }
        AuthenticatorData<?> auth = data.getAuthenticatorData();
        return new Asserted(auth.getSignCount(), auth.isFlagUV(), auth.isFlagBS());
    }

    private ServerProperty server(byte[] challenge) {
        return ServerProperty.builder().origin(origin).rpId(id).challenge(new DefaultChallenge(challenge)).build();
    }

    /** The refusal a failed check of the library stands for. */
    private static Refusal refusal(RuntimeException e) {
        String reason = e instanceof MaliciousCounterValueException ? "cloned_key"
                : e instanceof BadOriginException ? "wrong_origin"
                : e instanceof BadChallengeException ? "wrong_challenge"
                : e instanceof BadRpIdException ? "wrong_rp"
                : e instanceof BadSignatureException ? "bad_signature"
                : e instanceof UserNotPresentException ? "user_not_present"
                : e instanceof VerificationException ? "not_verified"
                // what the library could not read (it may fail on a missing part with any runtime
                // exception): a browser never sends it, so it is refused like a forgery
                : "malformed";
        return new Refusal(reason, e.getClass().getSimpleName());
    }

    static String b64(byte[] bytes) {
        return B64URL.encodeToString(bytes);
    }

    static byte[] unb64(String text) {
        return B64URL_DECODER.decode(text);
    }
}
