package org.twofold.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class HostedResultTest {
    private static final byte[] SECRET = "the-integration-secret-of-32-bytes".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final HostedResult.Claims CLAIMS = new HostedResult.Claims("alice", "DIAPP", "st-123", NOW, NOW.plus(Duration.ofMinutes(5)), "id-1");

    private static HostedResult.Verifier verifier(String appKey, Instant at) {
        return new HostedResult.Verifier(SECRET, appKey, Clock.fixed(at, ZoneOffset.UTC));
    }

    private static HostedResult.Problem refusal(HostedResult.Verifier v, String token) {
        return assertThrows(HostedResult.Rejected.class, () -> v.verify(token)).problem();
    }

    @Test
    void acceptsAFreshResultOfItsOwnApplication() {
        HostedResult.Claims claims = verifier("DIAPP", NOW.plusSeconds(10)).verify(HostedResult.sign(SECRET, CLAIMS));
        assertEquals(CLAIMS, claims);
    }

    @Test
    void refusesAResultUsedTwice() {
        HostedResult.Verifier v = verifier("DIAPP", NOW);
        String token = HostedResult.sign(SECRET, CLAIMS);
        v.verify(token);
        assertEquals(HostedResult.Problem.REPLAYED, refusal(v, token));
    }

    @Test
    void refusesAnExpiredResult() {
        assertEquals(HostedResult.Problem.EXPIRED, refusal(verifier("DIAPP", NOW.plus(Duration.ofMinutes(5))), HostedResult.sign(SECRET, CLAIMS)));
    }

    @Test
    void refusesAResultForAnotherApplication() {
        assertEquals(HostedResult.Problem.WRONG_APPLICATION, refusal(verifier("DIOTHER", NOW), HostedResult.sign(SECRET, CLAIMS)));
    }

    @Test
    void refusesATamperedPayload() {
        String token = HostedResult.sign(SECRET, CLAIMS);
        String payload = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))), StandardCharsets.UTF_8);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(payload.replace("user=alice", "user=mallory").getBytes(StandardCharsets.UTF_8))
                + token.substring(token.indexOf('.'));
        assertEquals(HostedResult.Problem.BAD_SIGNATURE, refusal(verifier("DIAPP", NOW), forged));
    }

    @Test
    void refusesAResultSignedWithAnotherSecret() {
        String token = HostedResult.sign("another-secret".getBytes(StandardCharsets.UTF_8), CLAIMS);
        assertEquals(HostedResult.Problem.BAD_SIGNATURE, refusal(verifier("DIAPP", NOW), token));
    }

    @Test
    void refusesGarbage() {
        HostedResult.Verifier v = verifier("DIAPP", NOW);
        assertEquals(HostedResult.Problem.MALFORMED, refusal(v, null));
        assertEquals(HostedResult.Problem.MALFORMED, refusal(v, "no-dot"));
        assertEquals(HostedResult.Problem.MALFORMED, refusal(v, "a.b.c"));
        assertEquals(HostedResult.Problem.MALFORMED, refusal(v, "!!!.???"));
    }

    @Test
    void aFailedVerificationDoesNotUseUpTheResult() {
        HostedResult.Verifier v = verifier("DIAPP", NOW);
        String token = HostedResult.sign(SECRET, CLAIMS);
        refusal(v, token.substring(0, token.length() - 2) + "AA");
        assertEquals("alice", v.verify(token).username());
    }

    @Test
    void claimsRefuseLineBreaksAndSeparators() {
        assertThrows(IllegalArgumentException.class, () -> new HostedResult.Claims("alice", "DIAPP", "a\nuser=bob", NOW, NOW, "id"));
        assertThrows(IllegalArgumentException.class, () -> new HostedResult.Claims("alice", "DIAPP", "a=b", NOW, NOW, "id"));
    }
}
