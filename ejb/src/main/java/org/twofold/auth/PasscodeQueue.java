package org.twofold.auth;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The queue of passcode decisions that every request of this node joins: a request's attempt is
 * decided with those that arrive with it, in one transaction ({@link PasscodeDecisions}, {@link
 * GroupCommit}), and answered once that transaction has committed.
 */
@ApplicationScoped
public class PasscodeQueue {
    @EJB
    private PasscodeDecisions decisions;

    private GroupCommit<PasscodeDecisions.Attempt> commits;

    @PostConstruct
    void start() {
        commits = new GroupCommit<>(PasscodeDecisions.LANES, PasscodeDecisions.MOST, PasscodeDecisions.Attempt.LOCK_ORDER, decisions::decide);
    }

    /**
     * The attempt's verdict, once committed with its audit rows. Called holding no transaction.
     *
     * @throws org.twofold.TwofoldException {@code UNKNOWN_USER} (after an audited, committed refusal), or the attempt's own failure
     */
    public Verdict decide(PasscodeDecisions.Attempt attempt) {
        return (Verdict) commits.decide(attempt);
    }
}
