package org.twofold.universal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.auth0.jwt.interfaces.DecodedJWT;
import com.duosecurity.DuoIdTokenValidator;
import com.duosecurity.exception.DuoException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.twofold.universal.DuoVectors.CLIENT;
import static org.twofold.universal.DuoVectors.HOST;
import static org.twofold.universal.DuoVectors.OTHER_SECRET;
import static org.twofold.universal.DuoVectors.SECRET;

/** The ID token, validated by Duo's own SDK validator ({@code DuoIdTokenValidator}) exactly as its {@code exchangeAuthorizationCodeFor2FAResult} does. */
class IdTokenTest {
    private static final byte[] KEY = SECRET.getBytes(StandardCharsets.UTF_8);

    private static String token(String username, String nonce, String factor) {
        Instant now = Instant.now();
        return IdToken.sign(KEY, new IdToken.Claims("https://" + HOST + Endpoints.TOKEN, CLIENT, "Library", username, nonce, now.minusSeconds(3), factor,
                "198.51.100.7", "abc"), now);
    }

    @Test
    void duosValidatorAcceptsItAndReadsTheResult() throws DuoException {
        DecodedJWT jwt = new DuoIdTokenValidator(SECRET, "alice", CLIENT, HOST).validateAndDecode(token("alice", null, "push"));
        assertEquals("alice", jwt.getClaim("preferred_username").asString());
        assertEquals("alice", jwt.getSubject());
        Map<String, Object> result = jwt.getClaim("auth_result").asMap();
        assertEquals("allow", result.get("result"));
        assertEquals("allow", result.get("status"));
        Map<String, Object> context = jwt.getClaim("auth_context").asMap();
        assertEquals("duo_push", context.get("factor"));
        assertEquals("success", context.get("result"));
        // Duo's SDK casts the timestamp to Integer: it must be a JSON number that fits one
        assertEquals(Integer.class, context.get("timestamp").getClass());
        assertEquals(Map.of("name", "Library", "key", CLIENT), context.get("application"));
    }

    @Test
    void duosValidatorRefusesItForAnotherUserSecretClientHostOrNonce() throws DuoException {
        String token = token("alice", "n-1", "totp");
        new DuoIdTokenValidator(SECRET, "alice", CLIENT, HOST, "n-1").validateAndDecode(token);
        assertThrows(DuoException.class, () -> new DuoIdTokenValidator(SECRET, "mallory", CLIENT, HOST).validateAndDecode(token));
        assertThrows(DuoException.class, () -> new DuoIdTokenValidator(OTHER_SECRET, "alice", CLIENT, HOST).validateAndDecode(token));
        assertThrows(DuoException.class, () -> new DuoIdTokenValidator(SECRET, "alice", "DIZZZZZZZZZZZZZZZZZZ", HOST).validateAndDecode(token));
        assertThrows(DuoException.class, () -> new DuoIdTokenValidator(SECRET, "alice", CLIENT, "duo.example.com").validateAndDecode(token));
        assertThrows(DuoException.class, () -> new DuoIdTokenValidator(SECRET, "alice", CLIENT, HOST, "n-2").validateAndDecode(token));
    }

    @Test
    void aBypassUserIsAllowedAndSaysSo() throws DuoException {
        DecodedJWT jwt = new DuoIdTokenValidator(SECRET, "bob", CLIENT, HOST).validateAndDecode(token("bob", null, "bypass_user"));
        assertEquals("bypass", jwt.getClaim("auth_result").asMap().get("status"));
        assertEquals("allow", jwt.getClaim("auth_result").asMap().get("result"));
    }

    @Test
    void duosFactorNamesForTwofoldsWords() {
        assertEquals("duo_push", IdToken.duoFactor("push"));
        assertEquals("phone_call", IdToken.duoFactor("phone"));
        assertEquals("sms_passcode", IdToken.duoFactor("sms"));
        assertEquals("duo_mobile_passcode", IdToken.duoFactor("totp"));
        assertEquals("hardware_token", IdToken.duoFactor("hotp"));
        assertEquals("bypass_code", IdToken.duoFactor("temporary"));
        assertEquals("webauthn_credential", IdToken.duoFactor("security_key"));
        assertEquals("remembered_device", IdToken.duoFactor("remembered"));
    }
}
