package org.twofold.directory;

import java.time.Duration;
import java.time.Instant;

/**
 * The one row ({@code TF_DIRECTORY_SYNC}) by which the nodes of a cluster agree that one of them
 * syncs, and when the next scheduled sync is due. Every node's timer ticks each minute; at a tick,
 * a node takes the lease only if the sync is due and nobody holds the lease (or its holder's time
 * ran out: a node that died mid-sync). Taking it is one conditional {@code UPDATE} that the database
 * serialises on the row, so exactly one of several nodes ticking at once gets a row count of 1; the
 * others skip that tick. An on-demand sync takes the lease whether or not one is due. When the sync
 * ends, its node gives the lease back and sets the next due time; while it runs, it extends the
 * lease after each batch.
 *
 * <p>Plain Java over a {@link Statements} port, so the very statements the server runs are tested
 * in plain JUnit on an in-memory Derby with the real schema script ({@code SyncLeaseTest}).
 */
public final class SyncLease {
    /** How long a lease lasts unless extended: a sync extends it after each batch, so only a dead holder lets it run out. */
    public static final Duration HOLD = Duration.ofMinutes(10);

    static final String CLAIM_IF_DUE = "UPDATE TF_DIRECTORY_SYNC SET HOLDER = ?, HELDUNTIL = ? WHERE ID = 1 AND HELDUNTIL < ? AND NEXTDUE <= ?";
    static final String CLAIM = "UPDATE TF_DIRECTORY_SYNC SET HOLDER = ?, HELDUNTIL = ? WHERE ID = 1 AND HELDUNTIL < ?";
    static final String EXTEND = "UPDATE TF_DIRECTORY_SYNC SET HELDUNTIL = ? WHERE ID = 1 AND HOLDER = ? AND HELDUNTIL >= ?";
    static final String RELEASE = "UPDATE TF_DIRECTORY_SYNC SET HELDUNTIL = 0, NEXTDUE = ? WHERE ID = 1 AND HOLDER = ?";

    /** Runs one SQL update with positional parameters (each a {@code Long} or {@code String}); returns the row count. */
    @FunctionalInterface
    public interface Statements {
        int update(String sql, Object... parameters);
    }

    private final Statements db;
    private final String node;

    /** @param node this node's name in the lease row, unique per running server */
    public SyncLease(Statements db, String node) {
        this.db = db;
        this.node = node;
    }

    /**
     * Takes the lease for a sync starting {@code now}: a scheduled one only if one is due, an
     * on-demand one whenever nobody else holds it. Returns whether this node now holds it.
     */
    public boolean take(Instant now, boolean scheduled) {
        long t = now.toEpochMilli();
        long until = now.plus(HOLD).toEpochMilli();
        return scheduled ? db.update(CLAIM_IF_DUE, node, until, t, t) == 1 : db.update(CLAIM, node, until, t) == 1;
    }

    /** Extends this node's lease from {@code now}; false if it had lost it (its time had run out). */
    public boolean extend(Instant now) {
        return db.update(EXTEND, now.plus(HOLD).toEpochMilli(), node, now.toEpochMilli()) == 1;
    }

    /** Gives the lease back; the next scheduled sync of any node is due at {@code nextDue}. */
    public void release(Instant nextDue) {
        db.update(RELEASE, nextDue.toEpochMilli(), node);
    }
}
