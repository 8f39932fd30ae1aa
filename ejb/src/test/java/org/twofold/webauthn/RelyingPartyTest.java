package org.twofold.webauthn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.AuthenticatorDataConverter;
import com.webauthn4j.converter.CollectedClientDataConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.ClientDataType;
import com.webauthn4j.data.client.CollectedClientData;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The relying party's checks of WebAuthn ceremonies (W3C WebAuthn Level 2 §7.1, §7.2, §6.1.1),
 * over answers of a software authenticator made here with webauthn4j's own data types and
 * converters (CBOR attestation object, COSE key, client data) and a real ECDSA P-256 key — what a
 * browser posts, byte for byte, without a browser.
 */
class RelyingPartyTest {
    private static final String PUBLIC_URL = "https://mfa.example.edu/";
    private static final String ORIGIN = "https://mfa.example.edu";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectConverter CONVERTER = new ObjectConverter();

    private final RelyingParty rp = RelyingParty.of(PUBLIC_URL, "Example University");

    /** A software authenticator holding one ES256 credential, with its own signature counter. */
    private static final class Authenticator {
        final KeyPair keys;
        final byte[] credentialId;

        Authenticator(byte[] credentialId) throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            this.keys = generator.generateKeyPair();
            this.credentialId = credentialId;
        }

        Authenticator() throws Exception {
            this(random(32));
        }

        /** The answer of {@code navigator.credentials.create} (attestation none). */
        String create(byte[] challenge, String origin, String rpId, long counter) throws Exception {
            AttestedCredentialData acd = new AttestedCredentialData(new AAGUID(UUID.randomUUID()), credentialId,
                    EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256));
            AuthenticatorData<RegistrationExtensionAuthenticatorOutput> data = new AuthenticatorData<>(sha256(rpId),
                    (byte) (AuthenticatorData.BIT_UP | AuthenticatorData.BIT_UV | AuthenticatorData.BIT_AT), counter, acd);
            byte[] attestation = new AttestationObjectConverter(CONVERTER).convertToBytes(new AttestationObject(data, new NoneAttestationStatement()));
            byte[] clientData = clientData(ClientDataType.WEBAUTHN_CREATE, challenge, origin);
            return "{\"id\":\"" + RelyingParty.b64(credentialId) + "\",\"rawId\":\"" + RelyingParty.b64(credentialId) + "\",\"type\":\"public-key\","
                    + "\"response\":{\"clientDataJSON\":\"" + RelyingParty.b64(clientData) + "\",\"attestationObject\":\"" + RelyingParty.b64(attestation)
                    + "\",\"transports\":[\"internal\"]},\"clientExtensionResults\":{}}";
        }

        /** The answer of {@code navigator.credentials.get}: authenticator data with {@code counter}, signed. */
        String get(byte[] challenge, String origin, String rpId, long counter) throws Exception {
            return get(challenge, origin, rpId, counter, true, null);
        }

        /** As {@link #get(byte[], String, String, long)}, with or without user verification, naming {@code userHandle} (a discoverable credential's). */
        String get(byte[] challenge, String origin, String rpId, long counter, boolean verified, byte[] userHandle) throws Exception {
            byte[] data = new AuthenticatorDataConverter(CONVERTER).convert(new AuthenticatorData<>(sha256(rpId),
                    (byte) (AuthenticatorData.BIT_UP | (verified ? AuthenticatorData.BIT_UV : 0)), counter));
            byte[] clientData = clientData(ClientDataType.WEBAUTHN_GET, challenge, origin);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(ByteBuffer.allocate(data.length + 32).put(data).put(sha256(clientData)).array());
            return "{\"id\":\"" + RelyingParty.b64(credentialId) + "\",\"rawId\":\"" + RelyingParty.b64(credentialId) + "\",\"type\":\"public-key\","
                    + "\"response\":{\"clientDataJSON\":\"" + RelyingParty.b64(clientData) + "\",\"authenticatorData\":\"" + RelyingParty.b64(data)
                    + "\",\"signature\":\"" + RelyingParty.b64(signer.sign()) + "\",\"userHandle\":"
                    + (userHandle == null ? "null" : "\"" + RelyingParty.b64(userHandle) + "\"") + "},\"clientExtensionResults\":{}}";
        }

        private static byte[] clientData(ClientDataType type, byte[] challenge, String origin) {
            return new CollectedClientDataConverter(CONVERTER).convertToBytes(
                    new CollectedClientData(type, new DefaultChallenge(challenge), new Origin(origin), false, null));
        }
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    private static byte[] sha256(String text) throws Exception {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    /** A credential of {@code key} registered with counter {@code counter}. */
    private RelyingParty.Registered registered(Authenticator key, long counter) throws Exception {
        byte[] challenge = random(32);
        return rp.register(challenge, key.create(challenge, ORIGIN, "mfa.example.edu", counter));
    }

    private static RelyingParty.Credential counted(RelyingParty.Credential c, long counter) {
        return new RelyingParty.Credential(c.data(), counter, c.userVerified(), c.backupEligible(), c.backupState());
    }

    @Test
    void idAndOriginComeFromThePublicUrl() {
        assertEquals("mfa.example.edu", rp.id());
        assertEquals(ORIGIN, rp.origin());
        RelyingParty local = RelyingParty.of("http://localhost:8080/", "Twofold");
        assertEquals("localhost", local.id());
        assertEquals("http://localhost:8080", local.origin());
        assertThrows(IllegalArgumentException.class, () -> RelyingParty.of("ftp://mfa.example.edu/", "x"));
    }

    @Test
    void registersACredentialAndAcceptsItsSignatureWithACounterThatMovesForward() throws Exception {
        Authenticator key = new Authenticator();
        RelyingParty.Registered r = registered(key, 0);
        assertTrue(MessageDigest.isEqual(key.credentialId, r.credentialId()));
        assertEquals(0, r.credential().signCount());
        assertTrue(r.credential().userVerified());

        byte[] challenge = random(32);
        assertEquals(1, rp.authenticate(challenge, key.get(challenge, ORIGIN, "mfa.example.edu", 1), r.credential()).signCount());
        assertTrue(MessageDigest.isEqual(key.credentialId, rp.credentialId(key.get(challenge, ORIGIN, "mfa.example.edu", 1))));
        byte[] next = random(32);
        assertEquals(7, rp.authenticate(next, key.get(next, ORIGIN, "mfa.example.edu", 7), counted(r.credential(), 1)).signCount());
    }

    @Test
    void anAuthenticatorWithoutACounterKeepsZero() throws Exception {
        Authenticator key = new Authenticator();
        RelyingParty.Registered r = registered(key, 0);
        byte[] challenge = random(32);
        assertEquals(0, rp.authenticate(challenge, key.get(challenge, ORIGIN, "mfa.example.edu", 0), r.credential()).signCount());
    }

    @Test
    void refusesACounterThatDoesNotMoveForwardAsAClone() throws Exception {
        Authenticator key = new Authenticator();
        RelyingParty.Credential stored = counted(registered(key, 0).credential(), 5);
        for (long presented : List.of(5L, 3L, 0L)) {
            byte[] challenge = random(32);
            RelyingParty.Refusal refusal = assertThrows(RelyingParty.Refusal.class,
                    () -> rp.authenticate(challenge, key.get(challenge, ORIGIN, "mfa.example.edu", presented), stored));
            assertEquals("cloned_key", refusal.reason(), "counter " + presented + " after 5");
        }
    }

    @Test
    void refusesTheSignatureOfAnotherKeyForTheSameCredentialId() throws Exception {
        Authenticator key = new Authenticator();
        RelyingParty.Registered r = registered(key, 0);
        Authenticator other = new Authenticator(key.credentialId);
        byte[] challenge = random(32);
        assertEquals("bad_signature", assertThrows(RelyingParty.Refusal.class,
                () -> rp.authenticate(challenge, other.get(challenge, ORIGIN, "mfa.example.edu", 100), r.credential())).reason());
    }

    @Test
    void refusesAnotherOriginOnRegistrationAndLogin() throws Exception {
        Authenticator key = new Authenticator();
        byte[] challenge = random(32);
        assertEquals("wrong_origin", assertThrows(RelyingParty.Refusal.class,
                () -> rp.register(challenge, key.create(challenge, "https://mfa.example.edu.evil.test", "mfa.example.edu", 0))).reason());
        RelyingParty.Registered r = registered(key, 0);
        byte[] login = random(32);
        assertEquals("wrong_origin", assertThrows(RelyingParty.Refusal.class,
                () -> rp.authenticate(login, key.get(login, "http://mfa.example.edu", "mfa.example.edu", 1), r.credential())).reason());
    }

    @Test
    void refusesAnAnswerToAnotherChallenge() throws Exception {
        Authenticator key = new Authenticator();
        byte[] asked = random(32);
        assertEquals("wrong_challenge", assertThrows(RelyingParty.Refusal.class,
                () -> rp.register(asked, key.create(random(32), ORIGIN, "mfa.example.edu", 0))).reason());
        RelyingParty.Registered r = registered(key, 0);
        byte[] login = random(32);
        assertEquals("wrong_challenge", assertThrows(RelyingParty.Refusal.class,
                () -> rp.authenticate(login, key.get(random(32), ORIGIN, "mfa.example.edu", 1), r.credential())).reason());
    }

    @Test
    void refusesACredentialScopedToAnotherRelyingParty() throws Exception {
        Authenticator key = new Authenticator();
        byte[] challenge = random(32);
        assertEquals("wrong_rp", assertThrows(RelyingParty.Refusal.class,
                () -> rp.register(challenge, key.create(challenge, ORIGIN, "example.org", 0))).reason());
    }

    @Test
    void refusesWhatIsNoCredentialAtAll() {
        assertEquals("malformed", assertThrows(RelyingParty.Refusal.class, () -> rp.register(random(32), "{\"id\":\"x\"}")).reason());
        assertEquals("malformed", assertThrows(RelyingParty.Refusal.class, () -> rp.credentialId("not json")).reason());
    }

    @Test
    void optionsOfferTheRandomUserHandleAndExcludeKeysAlreadyRegistered() throws Exception {
        byte[] handle = random(32);
        byte[] existing = random(16);
        String create = rp.registrationOptions(random(32), handle, "jdoe", "Jane Doe", List.of(existing));
        assertTrue(create.contains("\"id\":\"" + RelyingParty.b64(handle) + "\""), create);
        assertTrue(create.contains("\"excludeCredentials\":[{") && create.contains(RelyingParty.b64(existing)), create);
        assertTrue(create.contains("\"attestation\":\"none\"") && create.contains("\"residentKey\":\"preferred\""), create);
        assertTrue(create.contains("\"rp\":{") && create.contains("\"mfa.example.edu\""), create);
        String get = rp.authenticationOptions(random(32), List.of(existing));
        assertTrue(get.contains("\"rpId\":\"mfa.example.edu\"") && get.contains(RelyingParty.b64(existing)), get);
        assertFalse(get.contains("jdoe"));
    }

    @Test
    void aPasswordlessLoginNamesNoCredentialRequiresUserVerificationAndCarriesTheUserHandle() throws Exception {
        String options = rp.passwordlessOptions(random(32));
        assertTrue(options.contains("\"allowCredentials\":[]") && options.contains("\"userVerification\":\"required\""), options);
        Authenticator key = new Authenticator();
        RelyingParty.Registered r = registered(key, 0);
        byte[] handle = random(32);
        byte[] challenge = random(32);
        String verified = key.get(challenge, ORIGIN, "mfa.example.edu", 1, true, handle);
        assertTrue(MessageDigest.isEqual(handle, rp.userHandle(verified)));
        assertEquals(1, rp.authenticate(challenge, verified, r.credential(), true).signCount());
        byte[] again = random(32);
        String unverified = key.get(again, ORIGIN, "mfa.example.edu", 2, false, handle);
        assertEquals("not_verified", assertThrows(RelyingParty.Refusal.class,
                () -> rp.authenticate(again, unverified, counted(r.credential(), 1), true)).reason(), "no PIN or biometrics: no passwordless login");
        assertEquals(2, rp.authenticate(again, unverified, counted(r.credential(), 1), false).signCount(), "as a second factor, presence is enough");
        assertNull(rp.userHandle(key.get(again, ORIGIN, "mfa.example.edu", 3)));
    }
}
