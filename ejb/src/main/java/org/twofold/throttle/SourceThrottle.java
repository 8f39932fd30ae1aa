package org.twofold.throttle;

import jakarta.ejb.EJBException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
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
 * each node lets at most one more failure through. The first refusal of each block is audited.
 */
@ApplicationScoped
public class SourceThrottle {
    private final ConcurrentMap<String, Block> blocked = new ConcurrentHashMap<>();
    private volatile SourceLimits limits;

    @Inject
    private SourceFailureLedger ledger;

    @Inject
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

    /** Counts a failure of the actor's source (its own transaction); blocks the source if it reached the limit. */
    public void countFailure(Actor actor) {
        FailureSource.of(actor).ifPresent(source -> {
            Instant now = clock.instant();
            Instant until;
            try {
                until = ledger.count(source.key(), now, limits());
            } catch (EJBException firstRowRace) {
                // another node or thread created this source's row at the same moment: count again on it
                until = ledger.count(source.key(), now, limits());
            }
            if (until != null) {
                Instant end = until;
                blocked.compute(source.key(), (k, b) -> b != null && !b.until().isBefore(end) ? b : new Block(end, new AtomicBoolean()));
            }
        });
    }
}
