package org.twofold.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RequestRateTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstUpToTheRatePassesAndTheNextIsRefused() {
        RequestRate rate = new RequestRate(60, 0);
        for (int i = 0; i < 60; i++) {
            assertTrue(rate.tryAcquire(0), "request " + (i + 1));
        }
        assertFalse(rate.tryAcquire(0));
    }

    @Test
    void tokensComeBackEvenlyOverTheMinute() {
        RequestRate rate = new RequestRate(60, 0);
        for (int i = 0; i < 60; i++) {
            rate.tryAcquire(0);
        }
        assertFalse(rate.tryAcquire(SECOND / 2), "half a token after half a second");
        assertTrue(rate.tryAcquire(SECOND), "one per second at 60 a minute");
        assertFalse(rate.tryAcquire(SECOND));
        for (int i = 0; i < 60; i++) {
            assertTrue(rate.tryAcquire(120 * SECOND), "a quiet period refills at most to the burst size");
        }
        assertFalse(rate.tryAcquire(120 * SECOND));
    }

    @Test
    void onlyTheFirstRefusalOfARunIsReported() {
        RequestRate rate = new RequestRate(1, 0);
        assertTrue(rate.tryAcquire(0));
        assertFalse(rate.tryAcquire(0));
        assertTrue(rate.startRefusing());
        assertFalse(rate.startRefusing());
        assertTrue(rate.tryAcquire(60 * SECOND));
        assertFalse(rate.tryAcquire(60 * SECOND));
        assertTrue(rate.startRefusing(), "a new run after a request passed");
    }

    @Test
    void aRateBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RequestRate(0, 0));
    }

    @Test
    void aLeaseTakesWholeTokensAndNoMoreThanTheBucketHolds() {
        RequestRate rate = new RequestRate(60, 0);
        assertEquals(25, rate.take(25, 0));
        assertEquals(25, rate.take(25, 0));
        assertEquals(10, rate.take(25, 0), "only what is left");
        assertEquals(0, rate.take(25, 0));
        assertEquals(0, rate.take(1, SECOND / 2), "half a token is not a token");
        assertEquals(1, rate.take(25, SECOND), "one per second comes back");
    }

    @Test
    void aStoredBucketGoesOnFromWhereItWasCounted() {
        RequestRate first = new RequestRate(60, 0);
        first.take(60, 0);
        RequestRate stored = new RequestRate(60, first.tokens(), first.lastNanos());
        assertEquals(0, stored.take(1, 0), "drawn empty by another node");
        assertEquals(30, stored.take(60, 30 * SECOND));
        assertEquals(0, stored.take(1, 29 * SECOND), "a clock behind the stored time refills nothing");
    }

    @Test
    void leasesAreOnePercentOfTheLimitAndAtLeastOne() {
        assertEquals(1, IntegrationRates.leaseSize(20));
        assertEquals(60, IntegrationRates.leaseSize(6000));
        assertEquals(1_000_000, IntegrationRates.leaseSize(100_000_000));
    }
}
