package org.twofold.integration;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What the SOAP hot path needs of an integration, kept in memory so that checking a PasswordText
 * UsernameToken costs no database query and no decryption: the integration (read-only, detached),
 * and a verifier of its secret — the SHA-256 of the secret, never the secret itself. SHA-256 is
 * enough because the secret is over 230 random bits (no dictionary to try); the typed password is hashed
 * the same way and the two digests are compared in constant time.
 *
 * <p>Invalidation: {@link Integrations#disable} evicts the key at once on this node; every entry is
 * also re-read after {@link #TTL_NANOS} so that a change made on another node (or directly in the
 * database) takes effect within that time. Unknown keys are not cached (a flood of made-up keys
 * cannot fill the memory).
 */
@ApplicationScoped
public class IntegrationCache {
    /** How long an entry is trusted before it is read again: 10 s. */
    static final long TTL_NANOS = 10_000_000_000L;

    /** A cached integration and the SHA-256 of its secret. */
    record Known(Integration integration, byte[] secretDigest, long loadedAt) {
        /** Whether {@code password} is the secret, compared in constant time on digests. */
        boolean matches(String password) {
            return password != null && MessageDigest.isEqual(secretDigest, sha256(password.getBytes(StandardCharsets.UTF_8)));
        }
    }

    private final ConcurrentMap<String, Known> known = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    public IntegrationCache() {
        this(System::nanoTime);
    }

    IntegrationCache(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * The cached entry for {@code key}, or the one {@code load} reads (integration and its opened
     * secret) if there is none or it is older than {@link #TTL_NANOS}; empty for an unknown key.
     */
    Optional<Known> get(String key, Function<String, Optional<Loaded>> load) {
        long now = nanoTime.getAsLong();
        Known k = known.get(key);
        if (k != null && now - k.loadedAt() < TTL_NANOS) {
            return Optional.of(k);
        }
        Optional<Loaded> loaded = load.apply(key);
        if (loaded.isEmpty()) {
            known.remove(key);
            return Optional.empty();
        }
        Known fresh = new Known(loaded.get().integration(), sha256(loaded.get().secret()), now);
        java.util.Arrays.fill(loaded.get().secret(), (byte) 0);
        known.put(key, fresh);
        return Optional.of(fresh);
    }

    /** Forgets {@code key} (after a change to its integration). */
    void evict(String key) {
        known.remove(key);
    }

    /** An integration as read from the database, with its opened secret (wiped once digested). */
    record Loaded(Integration integration, byte[] secret) {
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
