package org.twofold.universal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.twofold.universal.DuoVectors.CLIENT;
import static org.twofold.universal.DuoVectors.HOST;
import static org.twofold.universal.DuoVectors.OTHER_SECRET;
import static org.twofold.universal.DuoVectors.SECRET;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The client assertions of {@code health_check} and {@code token}, as Duo's SDK makes them. */
class ClientAssertionTest {
    private static final byte[] KEY = SECRET.getBytes(StandardCharsets.UTF_8);
    private static final String TOKEN = "https://" + HOST + Endpoints.TOKEN;
    private static final String HEALTH = "https://" + HOST + Endpoints.HEALTH_CHECK;

    private static String reason(Runnable r) {
        return assertThrows(UniversalRefusal.class, r::run).reason();
    }

    @Test
    void acceptsDuosAssertionForItsEndpointAndTellsItsJti() {
        Instant now = Instant.now();
        String jwt = DuoVectors.assertion(SECRET, CLIENT, TOKEN, now, "0123456789abcdef0123456789abcdef");
        assertEquals(CLIENT, ClientAssertion.claimedClient(jwt));
        ClientAssertion a = ClientAssertion.verify(jwt, CLIENT, KEY, TOKEN, now);
        assertEquals("0123456789abcdef0123456789abcdef", a.jti());
        assertEquals(now.plusSeconds(3600).getEpochSecond(), a.expiresAt().getEpochSecond());
    }

    @Test
    void refusesAnotherSecretAnotherEndpointAnotherClientAndNoJti() {
        Instant now = Instant.now();
        assertEquals("wrong_signature", reason(() -> ClientAssertion.verify(DuoVectors.assertion(OTHER_SECRET, CLIENT, TOKEN, now, "j"), CLIENT, KEY, TOKEN, now)));
        // a health check's assertion is no token request's
        assertEquals("wrong_audience", reason(() -> ClientAssertion.verify(DuoVectors.assertion(SECRET, CLIENT, HEALTH, now, "j"), CLIENT, KEY, TOKEN, now)));
        assertEquals("wrong_issuer", reason(() -> ClientAssertion.verify(DuoVectors.assertion(SECRET, "DIYYYYYYYYYYYYYYYYYY", TOKEN, now, "j"), CLIENT, KEY,
                TOKEN, now)));
        assertEquals("missing_jti", reason(() -> ClientAssertion.verify(DuoVectors.assertion(SECRET, CLIENT, TOKEN, now, null), CLIENT, KEY, TOKEN, now)));
        assertEquals("expired", reason(() -> ClientAssertion.verify(DuoVectors.assertion(SECRET, CLIENT, TOKEN, now.minusSeconds(3700), "j"), CLIENT, KEY,
                TOKEN, now)));
        assertNull(ClientAssertion.claimedClient("garbage"));
    }
}
