package org.twofold.throttle;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.site.Settings;

/**
 * The per-source throttle of failed authentications. Every failure that counts toward a user's
 * lockout also counts for its {@link FailureSource} in the database; once a source reaches
 * {@link SourceLimits#maxFailures()} within the window, its further attempts — password, passcode,
 * identity proof — are refused with {@link ErrorCode#TOO_MANY_REQUESTS} until the block ends,
 * before any user is even loaded. The refusal is decided from memory (a successful login costs one
 * map look-up, no query). A failure that may reach the limit is written before its request is
 * answered, so on one node the block holds from the very next attempt; the others (most: a source's
 * first failures, and every failure of a source far from its limit) are written behind, within
 * {@link #WRITE_BEHIND} and many in one transaction (see {@link #countFailure}). Another node learns
 * of a block at its next write of that source's failures. The first refusal of each block is audited.
 */
@ApplicationScoped
public class SourceThrottle {
    /** How long a failure written behind waits at most for its write: the other failures of that time share it. */
    static final Duration WRITE_BEHIND = Duration.ofMillis(100);
    /** The most sources one transaction of the ledger counts. */
    static final int WRITE_PART = 500;
    private static final Logger LOG = Logger.getLogger(SourceThrottle.class.getName());

    private final ConcurrentMap<String, Block> blocked = new ConcurrentHashMap<>();
    /** Failures counted here and not yet in the ledger. */
    private final UnwrittenFailures unwritten = new UnwrittenFailures();
    /** What this node knows of each source's failures: whether a new one may reach the limit. */
    private final SourceCounts counts = new SourceCounts();
    /** Whether a write behind is scheduled. */
    private final AtomicBoolean writeScheduled = new AtomicBoolean();
    /** When a failed write is tried again, and what the log says of an outage. */
    private final WriteRetries retries = new WriteRetries();
    private volatile Instant pruned = Instant.EPOCH;
    /** Whether the ledger's blocked and nearly blocked sources are known here ({@link #knowTheLedger}). */
    private volatile boolean ledgerKnown;
    private volatile SourceLimits limits;

    @Resource
    private ManagedScheduledExecutorService scheduler;

    @EJB
    private SourceFailureLedger ledger;

    @EJB
    private AuditTrail audit;

    @Inject
    private Clock clock;

    /** A source's block on this node and whether its first refusal is audited yet. */
    private record Block(Instant until, AtomicBoolean audited) {
    }

    SourceLimits limits() {
        SourceLimits l = limits;
        if (l == null) {
            l = SourceLimits.of(Settings.current());
            limits = l;
        }
        return l;
    }

    /**
     * Refuses the attempt, audited as {@code action}, if the actor's source is blocked.
     *
     * @throws TwofoldException {@code TOO_MANY_REQUESTS}
     */
    public void admit(Actor actor, AuditAction action) {
        knowTheLedger();
        if (blocked.isEmpty()) {
            return;
        }
        FailureSource.of(actor).ifPresent(source -> {
            Block block = blocked.get(source.key());
            if (block == null) {
                return;
            }
            if (!clock.instant().isBefore(block.until())) {
                blocked.remove(source.key(), block);
                return;
            }
            if (block.audited().compareAndSet(false, true)) {
                audit.recordRefusal(actor, null, action, "too_many_requests", "failures from this source; refused until " + block.until());
            }
            throw new TwofoldException(ErrorCode.TOO_MANY_REQUESTS, "Too many failed attempts from this source. Try again later.");
        });
    }

    /** Whether {@link #admit} would refuse the actor now (for boundaries that answer with a verdict). */
    public boolean refuses(Actor actor, AuditAction action) {
        try {
            admit(actor, action);
            return false;
        } catch (TwofoldException e) {
            return true;
        }
    }

    /**
     * Counts a failure of the actor's source in the ledger. A failure that may reach the source's
     * limit ({@link SourceCounts}) returns once it is written, and blocks the source if it did;
     * while one request writes, the failures of the others wait, and the next write takes them all
     * in one transaction ({@link UnwrittenFailures}, a group commit). Any other failure returns at
     * once and is written behind, within {@link #WRITE_BEHIND}, with every failure of that time: a
     * flood of wrong codes, from one source or from many, then costs one transaction per tenth of a
     * second, not one per failure, and no request waits for it. What a crash loses of those is at
     * most that tenth of a second's count, never a block. Another node learns of a block at its next
     * write of that source's failures: until then (at most a tenth of a second, and fewer failures
     * than half the limit) it evaluates the source's attempts.
     */
    public void countFailure(Actor actor) {
        FailureSource.of(actor).ifPresent(source -> {
            String key = source.key();
            int max = limits().maxFailures();
            Instant now = clock.instant();
            knowTheLedger();
            boolean written;
            try {
                written = unwritten.add(key, () -> counts.countMayReachLimit(key, max, now), this::write);
            } catch (RuntimeException e) {
                retry(e); // what was not written is kept: try again without waiting for another failure
                throw e;
            }
            if (!written) {
                writeBehind(WRITE_BEHIND);
            }
        });
    }

    /**
     * Learns, once, the sources the ledger has blocked or counted at half their limit or more, with
     * their window still running: what this node (just started) would otherwise take for a fresh
     * source, and let through until its next write.
     */
    private void knowTheLedger() {
        if (ledgerKnown) {
            return;
        }
        synchronized (this) {
            if (!ledgerKnown) {
                Instant now = clock.instant();
                SourceLimits l = limits();
                learn(ledger.standings(now, l, SourceCounts.keptFrom(l.maxFailures())), l);
                ledgerKnown = true;
            }
        }
    }

    private void writeBehind(Duration delay) {
        if (writeScheduled.compareAndSet(false, true)) {
            try {
                scheduler.schedule(this::flush, delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RuntimeException e) {
                writeScheduled.set(false);
                LOG.log(Level.WARNING, "The write of sources' failures could not be scheduled (they wait for the next failure's write)", e);
            }
        }
    }

    /**
     * Writes the failures written behind (and whatever else waits by then); while another write is
     * under way (maybe waiting for the database), it leaves them to that one and looks again later,
     * rather than keep a scheduler thread waiting.
     */
    private void flush() {
        writeScheduled.set(false);
        try {
            if (!unwritten.flushUnlessWriting(this::write)) {
                writeBehind(WRITE_BEHIND);
            }
        } catch (RuntimeException e) {
            retry(e);
        }
        Instant now = clock.instant();
        if (now.isAfter(pruned.plus(limits().window()))) {
            pruned = now;
            counts.prune(now);
            blocked.values().removeIf(b -> !now.isBefore(b.until()));
        }
    }

    /**
     * After a failed write: the next in a while ({@link WriteRetries}: 1 s, doubling up to 30 s),
     * logged with its cause the first time and then once a minute while the ledger stays unwritable.
     */
    private void retry(RuntimeException e) {
        WriteRetries.Retry r = retries.failed(clock.instant());
        if (r.log()) {
            String text = "Sources' failures could not be written (" + r.failedWrites() + " failed writes since " + r.failingSince()
                    + "); they are kept and tried again in " + r.delay().toSeconds() + " s";
            if (r.withCause()) {
                LOG.log(Level.WARNING, text, e);
            } else {
                LOG.log(Level.WARNING, () -> text + ": " + e);
            }
        }
        writeBehind(r.delay());
    }

    /** At shutdown, the failures still to be written behind are written, if the database is still there. */
    @PreDestroy
    void writeWhatIsLeft() {
        try {
            unwritten.flush(this::write);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Sources' failures counted in the last tenth of a second could not be written at shutdown", e);
        }
    }

    /**
     * Writes {@code batch} in parts of at most {@link #WRITE_PART} sources, each a transaction; a
     * part written is removed from the batch, so that after a failure only the rest is kept.
     */
    private void write(SortedMap<String, Integer> batch) {
        while (!batch.isEmpty()) {
            SortedMap<String, Integer> part = new TreeMap<>();
            for (Map.Entry<String, Integer> e : batch.entrySet()) {
                if (part.size() == WRITE_PART) {
                    break;
                }
                part.put(e.getKey(), e.getValue());
            }
            writePart(part);
            batch.keySet().removeAll(part.keySet());
        }
    }

    private void writePart(SortedMap<String, Integer> part) {
        Instant now = clock.instant();
        SourceLimits l = limits();
        Map<String, SourceFailures.Standing> standings;
        try {
            standings = ledger.count(part, now, l);
        } catch (EJBException firstRowRace) {
            // another node or thread created a source's row at the same moment: count again on it
            standings = ledger.count(part, now, l);
        }
        learn(standings, l);
        counts.written(part);
        WriteRetries.Recovery recovery = retries.succeeded(now);
        if (recovery != null) {
            LOG.info(() -> "Sources' failures are written again, after " + recovery.lasted().toSeconds() + " s and " + recovery.failedWrites() + " failed writes");
        }
    }

    private void learn(Map<String, SourceFailures.Standing> standings, SourceLimits l) {
        standings.forEach((key, s) -> {
            Instant end = s.blockedUntil();
            if (end != null) {
                blocked.compute(key, (k, b) -> b != null && !b.until().isBefore(end) ? b : new Block(end, new AtomicBoolean()));
            }
            counts.learn(key, s, l.maxFailures());
        });
    }
}
