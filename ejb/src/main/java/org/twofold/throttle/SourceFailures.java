package org.twofold.throttle;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One source's recent failures: a count within a fixed window that starts at the first failure,
 * and, once the count reaches the limit, the time until which the source is refused. After a block
 * the count starts again from zero.
 */
@Entity
@Table(name = "TF_SOURCE_FAILURE")
public class SourceFailures {
    @Id
    @Column(name = "SOURCEKEY", length = FailureSource.MAX_LENGTH)
    private String source;

    @Column(name = "WINDOWSTART")
    private Instant windowStart;

    @Column(name = "FAILURES", nullable = false)
    private int failures;

    @Column(name = "BLOCKEDUNTIL")
    private Instant blockedUntil;

    protected SourceFailures() {
    }

    public SourceFailures(String source) {
        this.source = source;
    }

    /**
     * Counts one failure at {@code now}; returns the end of the block if this source is refused from
     * now on (this failure reached the limit, or an earlier block still holds), else null.
     */
    public Instant recordFailure(Instant now, SourceLimits limits) {
        if (blockedUntil != null && now.isBefore(blockedUntil)) {
            return blockedUntil;
        }
        if (windowStart == null || !now.isBefore(windowStart.plus(limits.window()))) {
            windowStart = now;
            failures = 0;
        }
        failures++;
        if (failures >= limits.maxFailures()) {
            blockedUntil = now.plus(limits.block());
            windowStart = null;
            failures = 0;
            return blockedUntil;
        }
        return null;
    }

    public String getSource() {
        return source;
    }

    public Instant getBlockedUntil() {
        return blockedUntil;
    }
}
