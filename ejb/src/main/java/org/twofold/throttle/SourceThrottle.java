package org.twofold.throttle;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * map look-up, no query); another node learns of a block at the source's next failure there, so
 * each node lets at most one more failure through. Failures that arrive while one is being written
 * wait and are written together, in the next transaction (see {@link #countFailure}). The first
 * refusal of each block is audited.
 */
@ApplicationScoped
public class SourceThrottle {
    private final ConcurrentMap<String, Block> blocked = new ConcurrentHashMap<>();
    /** Failures counted here and not yet in the ledger. */
    private final UnwrittenFailures unwritten = new UnwrittenFailures();
    private volatile SourceLimits limits;

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
     * Counts a failure of the actor's source in the ledger (a transaction of its own) and returns
     * once it is written; blocks the source if it reached the limit. While one request writes, the
     * failures of the others wait, and the next write takes them all in one transaction ({@link
     * UnwrittenFailures}, a group commit): one busy source's failures then cost one row lock and
     * one log sync per batch, not per failure, and are no slower than allowed logins.
     */
    public void countFailure(Actor actor) {
        FailureSource.of(actor).ifPresent(source -> unwritten.add(source.key(), this::write));
    }

    private void write(SortedMap<String, Integer> batch) {
        Instant now = clock.instant();
        Map<String, Instant> blocks;
        try {
            blocks = ledger.count(batch, now, limits());
        } catch (EJBException firstRowRace) {
            // another node or thread created a source's row at the same moment: count again on it
            blocks = ledger.count(batch, now, limits());
        }
        blocks.forEach((key, end) -> blocked.compute(key, (k, b) -> b != null && !b.until().isBefore(end) ? b : new Block(end, new AtomicBoolean())));
    }
}
