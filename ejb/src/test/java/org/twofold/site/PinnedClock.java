package org.twofold.site;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.interceptor.Interceptor;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The domain ITs' clock: the system's, unless a test pins it to an instant, so that a rule that
 * depends on time (TOTP steps, drift) is tested at a time the test chose rather than under
 * {@code if}s on the wall clock. Part of the in-container test deployments only.
 */
@ApplicationScoped
@Alternative
@Priority(Interceptor.Priority.APPLICATION + 100)
public class PinnedClock {
    private static final AtomicReference<Instant> PINNED = new AtomicReference<>();

    /** From now on every rule sees {@code at}, until {@link #release()}. */
    public static void pin(Instant at) {
        PINNED.set(at);
    }

    public static void release() {
        PINNED.set(null);
    }

    /** The instant every rule sees now. */
    public static Instant now() {
        Instant at = PINNED.get();
        return at == null ? Instant.now() : at;
    }

    @Produces
    Clock clock() {
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return Clock.fixed(instant(), zone);
            }

            @Override
            public Instant instant() {
                return now();
            }
        };
    }
}
