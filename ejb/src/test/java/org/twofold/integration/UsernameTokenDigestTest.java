package org.twofold.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class UsernameTokenDigestTest {
    private static final byte[] NONCE = Base64.getDecoder().decode("WScqanjCEAC4mQoBE07sAQ==");
    private static final String CREATED = "2026-11-23T16:00:00Z";
    private static final byte[] SECRET = "s3cret-of-integration".getBytes(StandardCharsets.UTF_8);
    /** Computed independently: {@code (base64 -d nonce; printf created; printf secret) | openssl dgst -sha1 -binary | base64}. */
    private static final String EXPECTED = "VoLen8VHzivUGxWty14kbLaYTJ0=";

    @Test
    void digestIsBase64OfSha1OverDecodedNonceCreatedAndPassword() {
        assertEquals(EXPECTED, UsernameTokenDigest.digest(NONCE, CREATED, SECRET));
    }

    @Test
    void matchesOnlyTheRightDigest() {
        assertTrue(UsernameTokenDigest.matches(EXPECTED, NONCE, CREATED, SECRET));
        assertFalse(UsernameTokenDigest.matches(EXPECTED, NONCE, "2026-11-23T16:00:01Z", SECRET), "created is part of the digest");
        assertFalse(UsernameTokenDigest.matches(EXPECTED, NONCE, CREATED, "other".getBytes(StandardCharsets.UTF_8)));
        assertFalse(UsernameTokenDigest.matches(null, NONCE, CREATED, SECRET));
    }

    @Test
    void createdMustLieWithinFiveMinutesEitherWay() {
        Instant now = Instant.parse("2026-11-23T16:00:00Z");
        assertTrue(UsernameTokenDigest.fresh(now.minusSeconds(300), now));
        assertTrue(UsernameTokenDigest.fresh(now.plusSeconds(300), now));
        assertFalse(UsernameTokenDigest.fresh(now.minusSeconds(301), now), "stale");
        assertFalse(UsernameTokenDigest.fresh(now.plusSeconds(301), now), "from the future");
        assertEquals(now.plusSeconds(300), UsernameTokenDigest.staleAfter(now));
    }

    @Test
    void readsCreatedWithAZoneOnly() {
        assertEquals(Instant.parse("2026-11-23T16:00:00Z"), UsernameTokenDigest.created(" 2026-11-23T16:00:00Z ").orElseThrow());
        assertEquals(Instant.parse("2026-11-23T16:00:00Z"), UsernameTokenDigest.created("2026-11-23T17:00:00.000+01:00").orElseThrow());
        assertTrue(UsernameTokenDigest.created("2026-11-23T16:00:00").isEmpty(), "no zone: ambiguous");
        assertTrue(UsernameTokenDigest.created("yesterday").isEmpty());
        assertTrue(UsernameTokenDigest.created(null).isEmpty());
    }

    @Test
    void aNonceMustBeNonEmptyBase64() {
        assertEquals(16, UsernameTokenDigest.nonce("WScqanjCEAC4mQoBE07sAQ==").orElseThrow().length);
        assertTrue(UsernameTokenDigest.nonce("").isEmpty());
        assertTrue(UsernameTokenDigest.nonce("not base64!").isEmpty());
        assertTrue(UsernameTokenDigest.nonce(null).isEmpty());
    }
}
