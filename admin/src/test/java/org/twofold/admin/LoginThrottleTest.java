package org.twofold.admin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void refusesAfterTheMaximumFailuresInTheWindow() {
        LoginThrottle t = new LoginThrottle(3, Duration.ofMinutes(15));
        for (int i = 0; i < 3; i++) {
            assertTrue(t.allows("op", T0.plusSeconds(i)));
            t.failed("op", T0.plusSeconds(i));
        }
        assertFalse(t.allows("op", T0.plusSeconds(10)));
        assertTrue(t.allows("other", T0.plusSeconds(10)), "keys are independent");
    }

    @Test
    void allowsAgainWhenTheOldestFailureLeavesTheWindow() {
        LoginThrottle t = new LoginThrottle(2, Duration.ofMinutes(15));
        t.failed("op", T0);
        t.failed("op", T0.plusSeconds(60));
        assertFalse(t.allows("op", T0.plus(Duration.ofMinutes(14))));
        assertTrue(t.allows("op", T0.plus(Duration.ofMinutes(15)).plusSeconds(1)));
    }

    @Test
    void aSuccessClearsTheKey() {
        LoginThrottle t = new LoginThrottle(2, Duration.ofMinutes(15));
        t.failed("op", T0);
        t.succeeded("op");
        t.failed("op", T0.plusSeconds(1));
        assertTrue(t.allows("op", T0.plusSeconds(2)));
    }
}
