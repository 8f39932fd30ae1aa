package org.twofold.throttle;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.QueryHint;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One source's recent failures: a count within a fixed window that starts at the first failure,
 * and, once the count reaches the limit, the time until which the source is refused. After a block
 * the count starts again from zero.
 */
@Entity
@Table(name = "TF_SOURCE_FAILURE")
@NamedQuery(name = SourceFailures.STANDING, query = "SELECT s FROM SourceFailures s WHERE s.blockedUntil > :now"
        + " OR (s.failures >= :atLeast AND s.windowStart > :windowFrom)")
// Locked by EclipseLink's own hint rather than a JPA lock mode, which would have the query prepared
// again on every execution (as for User.BY_USERNAME_FOR_UPDATE).
@NamedQuery(name = SourceFailures.FOR_UPDATE, query = "SELECT s FROM SourceFailures s WHERE s.source = :source",
        hints = {@QueryHint(name = "eclipselink.pessimistic-lock", value = "Lock"), @QueryHint(name = "eclipselink.refresh", value = "true")})
public class SourceFailures {
    /** A source's row, locked for the rest of the transaction. */
    public static final String FOR_UPDATE = "SourceFailures.forUpdate";
    /** The sources blocked at {@code :now}, or with {@code :atLeast} failures in a window begun after {@code :windowFrom}. */
    public static final String STANDING = "SourceFailures.standing";

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

    /**
     * Where the source stands after its failures were counted at {@code now}: refused until a time, or
     * its failures in the current window and when that window ends.
     */
    public Standing standing(Instant now, SourceLimits limits) {
        if (blockedUntil != null && now.isBefore(blockedUntil)) {
            return new Standing(0, null, blockedUntil);
        }
        return new Standing(failures, windowStart == null ? now : windowStart.plus(limits.window()), null);
    }

    /** A source's failures in its current window and when that window ends; or the end of its block (else null). */
    public record Standing(int failures, Instant windowEnds, Instant blockedUntil) {
    }

    public String getSource() {
        return source;
    }

    public Instant getBlockedUntil() {
        return blockedUntil;
    }
}
