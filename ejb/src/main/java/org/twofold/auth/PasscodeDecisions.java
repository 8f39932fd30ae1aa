package org.twofold.auth;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.twofold.CommittedRefusal;
import org.twofold.audit.Actor;
import org.twofold.passcode.PasscodeVerifier;
import org.twofold.user.Usernames;

/**
 * The transaction of passcode decisions: the requests that arrive together are checked one after
 * the other in one transaction, and committed — each with its audit rows — by one commit
 * ({@link GroupCommit} through {@link PasscodeQueue}, an application-level group commit: the commit and its log write were 40%
 * of a decision's cost, README "Performance"). Each decision is as it would be alone: it takes its user's row
 * lock, sees what the decisions before it wrote (the persistence context is flushed and cleared
 * between them, so that no entity read by one is stale for the next), and is answered only after
 * the commit. An unknown user's refusal is written and committed with the batch, and a source
 * blocked while its attempt waited is refused without undoing the others. Anything else a
 * decision throws rolls the batch back, and {@link GroupCommit} decides each of its requests again
 * alone.
 */
@Stateless
public class PasscodeDecisions {
    /**
     * How many batches are decided at once: one per core, at least two (one lane alone left a core
     * idle on two cores: a batch's decisions run one after the other on its leader's thread; README
     * "Performance") and at most eight (each holds a connection of the pool, and may need a second
     * for a write of its own, as the source throttle's).
     */
    static final int LANES = Math.min(8, Math.max(2, Runtime.getRuntime().availableProcessors()));
    /** The most decisions one transaction carries. */
    static final int MOST = 32;

    /** One passcode typed for a user, as a boundary hands it over. */
    public record Attempt(Actor actor, String username, String passcode) {
        /** The order of the row locks a batch takes: by the user each names (its canonical name; none first). */
        static final Comparator<Attempt> LOCK_ORDER = Comparator.comparing(a -> Usernames.subject(a.username()),
                Comparator.nullsFirst(Comparator.naturalOrder()));
    }

    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @EJB
    private PasscodeVerifier passcodes;

    /**
     * Decides {@code attempts}, in that order, in one transaction: each one's {@link Verdict}, or its
     * {@link CommittedRefusal} (an unknown user, a blocked source).
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Object> decide(List<Attempt> attempts) {
        List<Object> outcomes = new ArrayList<>(attempts.size());
        for (Attempt a : attempts) {
            try {
                outcomes.add(passcodes.verify(a.actor(), a.username(), a.passcode()));
            } catch (CommittedRefusal refused) {
                outcomes.add(refused);
            }
            if (attempts.size() > 1) {
                em.flush();
                em.clear();
            }
        }
        return outcomes;
    }
}
