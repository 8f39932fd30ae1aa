package org.twofold.auth;

import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.policy.Factor;
import org.twofold.policy.Policy;
import org.twofold.user.User;
import org.twofold.user.UserStatus;
import org.twofold.user.Users;

/** The checks every out-of-band factor makes before it starts: allowed by policy, a user who may log in. */
final class Starts {
    private Starts() {
    }

    static User checkedUser(Users users, AuditTrail audit, Policy policy, Actor actor, String username, Factor factor, AuditAction action) {
        if (!policy.allowedFactors().contains(factor)) {
            audit.recordRefusal(actor, username, action, "factor_not_allowed", null);
            throw new TwofoldException(ErrorCode.FACTOR_NOT_ALLOWED);
        }
        User user = users.requireForUpdate(actor, username, action);
        if (!user.mayAuthenticate()) {
            boolean locked = user.getStatus() == UserStatus.LOCKED_OUT;
            audit.recordRefusal(actor, user.getUsername(), action, locked ? "locked_out" : "disabled", null);
            throw new TwofoldException(locked ? ErrorCode.USER_LOCKED_OUT : ErrorCode.USER_DISABLED);
        }
        return user;
    }
}
