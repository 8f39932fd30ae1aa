package org.twofold.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WriteRetriesTest {
    private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

    @Test
    void aWriteThatNeverFailedEndsNoOutage() {
        assertNull(new WriteRetries().succeeded(T0));
    }

    @Test
    void retriesWaitTwiceAsLongEachTimeUpToThirtySeconds() {
        WriteRetries retries = new WriteRetries();
        List<Long> waits = new ArrayList<>();
        Instant now = T0;
        for (int i = 0; i < 8; i++) {
            WriteRetries.Retry r = retries.failed(now);
            waits.add(r.delay().toSeconds());
            now = now.plus(r.delay());
        }
        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L), waits);
    }

    @Test
    void anOutageIsLoggedWithItsCauseOnceThenAtMostOnceAMinute() {
        WriteRetries retries = new WriteRetries();
        WriteRetries.Retry first = retries.failed(T0);
        assertTrue(first.log());
        assertTrue(first.withCause());
        int logged = 0;
        Instant now = T0;
        // ten minutes of failed writes, one a second (as if each retry and each waiting failure failed)
        for (int s = 1; s <= 600; s++) {
            now = T0.plusSeconds(s);
            WriteRetries.Retry r = retries.failed(now);
            assertFalse(r.withCause(), "only the first failed write is logged with its cause");
            assertEquals(T0, r.failingSince());
            if (r.log()) {
                logged++;
            }
        }
        assertEquals(10, logged, "one line a minute for ten minutes");
        assertEquals(601, retries.failed(now).failedWrites() - 1);
    }

    @Test
    void aSuccessEndsTheOutageAndTheNextFailureStartsAfreshWithOneSecond() {
        WriteRetries retries = new WriteRetries();
        retries.failed(T0);
        retries.failed(T0.plusSeconds(1));
        retries.failed(T0.plusSeconds(3));
        WriteRetries.Recovery recovery = retries.succeeded(T0.plusSeconds(7));
        assertEquals(Duration.ofSeconds(7), recovery.lasted());
        assertEquals(3, recovery.failedWrites());
        assertNull(retries.succeeded(T0.plusSeconds(8)), "a second success ends nothing");

        WriteRetries.Retry again = retries.failed(T0.plusSeconds(60));
        assertEquals(WriteRetries.FIRST, again.delay());
        assertTrue(again.withCause(), "a new outage is logged with its cause again");
        assertEquals(1, again.failedWrites());
    }
}
