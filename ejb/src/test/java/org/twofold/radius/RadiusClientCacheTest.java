package org.twofold.radius;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.twofold.site.AddressBlock;

class RadiusClientCacheTest {
    private final AtomicLong nanos = new AtomicLong();
    private final RadiusClientCache cache = new RadiusClientCache(nanos::get);
    private final AtomicInteger reads = new AtomicInteger();
    private final List<RadiusClientCache.Registered> clients = List.of(
            new RadiusClientCache.Registered(AddressBlock.parse("192.0.2.7").orElseThrow(), "vpn", RadiusMode.PASSWORD_MFA, "sealed"));

    private List<RadiusClientCache.Registered> load() {
        reads.incrementAndGet();
        return clients;
    }

    @Test
    void theListIsReadOnceWithinItsTimeAgainAfterIt() {
        assertEquals(clients, cache.get(this::load));
        nanos.addAndGet(RadiusClientCache.TTL_NANOS - 1);
        assertEquals(clients, cache.get(this::load));
        assertEquals(1, reads.get(), "one read for any number of packets within 10 s");
        nanos.addAndGet(1);
        cache.get(this::load);
        assertEquals(2, reads.get(), "read again after 10 s (another node's change)");
    }

    @Test
    void evictionMakesTheNextPacketReadTheList() {
        cache.get(this::load);
        cache.evict();
        cache.get(this::load);
        assertEquals(2, reads.get());
    }
}
