package org.twofold.device;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ActivationTest {
    private static final Instant T = Instant.parse("2026-01-05T10:00:00Z");

    private static Activation activation(int attempts) {
        return new Activation(7, Activation.Channel.TEXT, "hash", attempts, T, T.plus(Duration.ofMinutes(15)));
    }

    @Test
    void worksOnlyUntilItExpires() {
        Activation a = activation(5);
        assertTrue(a.usable(T.plus(Duration.ofMinutes(14))));
        assertFalse(a.usable(T.plus(Duration.ofMinutes(15))));
    }

    @Test
    void isSpentOnceUsed() {
        Activation a = activation(5);
        a.use(T);
        assertFalse(a.usable(T));
        assertThrows(IllegalStateException.class, () -> a.use(T));
    }

    @Test
    void theLastAllowedWrongAttemptVoidsIt() {
        Activation a = activation(2);
        a.failedAttempt();
        assertTrue(a.usable(T));
        a.failedAttempt();
        assertFalse(a.usable(T));
    }
}
