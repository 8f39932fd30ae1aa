package org.twofold.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IntegrationCacheTest {
    private final AtomicLong nanos = new AtomicLong(1_000);
    private final IntegrationCache cache = new IntegrationCache(nanos::get);
    private final AtomicInteger reads = new AtomicInteger();

    private Optional<IntegrationCache.Loaded> load(String key) {
        reads.incrementAndGet();
        return "DIKNOWN".equals(key)
                ? Optional.of(new IntegrationCache.Loaded(new Integration("Gateway", key, "sealed", Instant.EPOCH), "s3cret".getBytes(StandardCharsets.UTF_8)))
                : Optional.empty();
    }

    @Test
    void theSecretMatchesOnlyItselfAndIsNotKept() {
        IntegrationCache.Known k = cache.get("DIKNOWN", this::load).orElseThrow();
        assertTrue(k.matches("s3cret"));
        assertFalse(k.matches("s3cre"));
        assertFalse(k.matches("s3cret "));
        assertFalse(k.matches(null));
        assertFalse(new String(k.secretDigest(), StandardCharsets.ISO_8859_1).contains("s3cret"));
    }

    @Test
    void readOnceThenFromMemoryUntilTheEntryIsOld() {
        cache.get("DIKNOWN", this::load);
        cache.get("DIKNOWN", this::load);
        assertEquals(1, reads.get());
        nanos.addAndGet(IntegrationCache.TTL_NANOS);
        cache.get("DIKNOWN", this::load);
        assertEquals(2, reads.get());
    }

    @Test
    void evictedEntriesAreReadAgain() {
        cache.get("DIKNOWN", this::load);
        cache.evict("DIKNOWN");
        cache.get("DIKNOWN", this::load);
        assertEquals(2, reads.get());
    }

    @Test
    void unknownKeysAreNotRemembered() {
        assertTrue(cache.get("DINOPE", this::load).isEmpty());
        assertTrue(cache.get("DINOPE", this::load).isEmpty());
        assertEquals(2, reads.get());
    }
}
