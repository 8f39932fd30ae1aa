package org.twofold;

import jakarta.ejb.ApplicationException;

/**
 * A refusal thrown before its transaction changed anything but the refusal's own audit row, which
 * it wrote in that transaction: the transaction commits (that row) instead of rolling back. One
 * commit, where a refusal written in a transaction of its own and a request rolled back made two
 * (an unknown user's passcode, the refusal an attacker's guessed names cost most). Throw it only
 * from the first change of a transaction — or for a refusal that changed nothing, in a transaction
 * that carries other decisions it must not roll back ({@link org.twofold.auth.PasscodeDecisions}).
 */
@ApplicationException(rollback = false)
public class CommittedRefusal extends TwofoldException {
    private static final long serialVersionUID = 1L;

    public CommittedRefusal(ErrorCode code) {
        super(code);
    }

    public CommittedRefusal(ErrorCode code, String message) {
        super(code, message);
    }
}
