package org.twofold.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.twofold.audit.Actor;

class SourceFailuresTest {
    private static final SourceLimits LIMITS = new SourceLimits(5, Duration.ofMinutes(10), Duration.ofMinutes(15));
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void blocksAtTheLimitWithinTheWindow() {
        SourceFailures source = new SourceFailures("ip:198.51.100.7");
        for (int i = 0; i < 4; i++) {
            assertNull(source.recordFailure(T0.plusSeconds(i), LIMITS), "failure " + (i + 1) + " is under the limit");
        }
        assertEquals(T0.plusSeconds(4).plus(Duration.ofMinutes(15)), source.recordFailure(T0.plusSeconds(4), LIMITS));
    }

    @Test
    void failuresOfAnEndedWindowDoNotCount() {
        SourceFailures source = new SourceFailures("ip:198.51.100.7");
        for (int i = 0; i < 4; i++) {
            source.recordFailure(T0, LIMITS);
        }
        Instant later = T0.plus(Duration.ofMinutes(10));
        for (int i = 0; i < 4; i++) {
            assertNull(source.recordFailure(later, LIMITS), "a new window starts at " + later);
        }
    }

    @Test
    void aBlockHoldsUntilItEndsThenCountingStartsAgain() {
        SourceFailures source = new SourceFailures("ip:198.51.100.7");
        Instant until = null;
        for (int i = 0; i < 5; i++) {
            until = source.recordFailure(T0, LIMITS);
        }
        assertEquals(until, source.recordFailure(T0.plus(Duration.ofMinutes(14)), LIMITS), "another node's failure during the block");
        assertNull(source.recordFailure(until, LIMITS), "after the block the source starts from zero");
    }

    @Test
    void pagesAreCountedByClientAddressAndSoapByIntegrationAndIpaddr() {
        assertEquals("ip:203.0.113.5", FailureSource.of(Actor.user("alice", "203.0.113.5")).orElseThrow().key());
        assertEquals("ip:203.0.113.5", FailureSource.of(Actor.user("bob", "203.0.113.5")).orElseThrow().key(), "one address, many users: one source");
        assertEquals("integration:DIKEY 198.51.100.9 via 10.0.0.1",
                FailureSource.of(Actor.integration("DIKEY", "198.51.100.9 via 10.0.0.1")).orElseThrow().key());
        assertEquals("radius:vpn 198.51.100.9 via 10.0.0.2",
                FailureSource.of(Actor.radiusClient("vpn", "198.51.100.9 via 10.0.0.2")).orElseThrow().key(), "a NAS, like an integration, acts for many");
        assertEquals("ip:198.51.100.7", FailureSource.of(Actor.user("integration:DIKEY", "198.51.100.7")).orElseThrow().key(),
                "a user whose name looks like an integration's is counted by address");
        assertTrue(FailureSource.of(Actor.system()).isEmpty(), "the system is never throttled");
        assertEquals(FailureSource.MAX_LENGTH, FailureSource.of(Actor.integration("K", "x".repeat(500))).orElseThrow().key().length());
    }
}
