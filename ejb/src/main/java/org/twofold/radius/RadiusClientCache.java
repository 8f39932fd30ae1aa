package org.twofold.radius;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.twofold.site.AddressBlock;

/**
 * The enabled RADIUS clients, kept in memory so that telling who sent a packet costs no database
 * query: a flood of UDP packets from made-up addresses (UDP's source is easily forged) must not
 * become a flood of queries. The list is small (one row per NAS) and read whole; secrets stay
 * sealed in it and are opened per packet.
 *
 * <p>Invalidation as {@code IntegrationCache}'s: {@link RadiusClients#create} and {@link
 * RadiusClients#disable} evict it on this node at once and again when their transaction ends; it is
 * re-read after {@link #TTL_NANOS} anyway, so that a change made on another node takes effect within
 * that time.
 */
@ApplicationScoped
public class RadiusClientCache {
    /** How long the list is trusted before it is read again: 10 s. */
    static final long TTL_NANOS = 10_000_000_000L;

    /** An enabled client as the cache keeps it. */
    record Registered(AddressBlock block, String name, RadiusMode mode, String sealedSecret) {
    }

    private record Snapshot(List<Registered> clients, long loadedAt) {
    }

    private final LongSupplier nanoTime;
    private volatile Snapshot snapshot;

    public RadiusClientCache() {
        this(System::nanoTime);
    }

    RadiusClientCache(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** The enabled clients: the cached list, or the one {@code load} reads if there is none or it is older than {@link #TTL_NANOS}. */
    List<Registered> get(Supplier<List<Registered>> load) {
        long now = nanoTime.getAsLong();
        Snapshot s = snapshot;
        if (s != null && now - s.loadedAt() < TTL_NANOS) {
            return s.clients();
        }
        List<Registered> loaded = List.copyOf(load.get());
        snapshot = new Snapshot(loaded, now);
        return loaded;
    }

    /** Forgets the list: the next packet reads it again. */
    void evict() {
        snapshot = null;
    }
}
