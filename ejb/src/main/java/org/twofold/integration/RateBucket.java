package org.twofold.integration;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An integration's request budget shared by every node on the database: the token bucket's
 * tokens (in millionths) and the wall-clock time (nanoseconds since the epoch) they were counted at. Nodes draw
 * leases from it under a row lock ({@link RateBuckets}).
 */
@Entity
@Table(name = "TF_RATE_BUCKET")
class RateBucket {
    @Id
    @Column(name = "INTEGRATIONKEY", length = 32)
    private String integrationKey;

    /** Tokens in millionths, rounded down (never more than there were). */
    @Column(name = "MICROTOKENS", nullable = false)
    private long microTokens;

    @Column(name = "COUNTEDAT", nullable = false)
    private long countedAt;

    protected RateBucket() {
    }

    RateBucket(String integrationKey, RequestRate rate) {
        this.integrationKey = integrationKey;
        store(rate);
    }

    RequestRate rate(int perMinute) {
        return new RequestRate(perMinute, microTokens / 1e6, countedAt);
    }

    void store(RequestRate rate) {
        microTokens = (long) Math.floor(rate.tokens() * 1e6);
        countedAt = rate.lastNanos();
    }
}
