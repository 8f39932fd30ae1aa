package org.twofold.passcode;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.policy.Factor;
import org.twofold.policy.Policies;
import org.twofold.policy.Policy;
import org.twofold.user.User;
import org.twofold.user.Users;

/**
 * SMS passcode batches: 7-digit codes, as many as the policy's batch size (1–10), each usable
 * once within the policy's lifetime. A new batch revokes every older code of the user. The codes
 * exist in clear only in the returned batch, for delivery; only keyed hashes are stored.
 */
@Stateless
public class SmsPasscodes {
    @EJB
    private Users users;

    @EJB
    private IssuedCodes codes;

    @EJB
    private Policies policies;

    @EJB
    private AuditTrail audit;

    @Inject
    private Clock clock;

    public SmsBatch issueBatch(Actor actor, String username) {
        Policy policy = policies.current();
        if (!policy.allowedFactors().contains(Factor.SMS)) {
            audit.recordRefusal(actor, username, AuditAction.SMS_BATCH, "factor_not_allowed", null);
            throw new TwofoldException(ErrorCode.FACTOR_NOT_ALLOWED, "SMS passcodes are not allowed by policy");
        }
        User user = users.requireForUpdate(actor, username, AuditAction.SMS_BATCH);
        Instant now = clock.instant();
        int revoked = codes.revokeAll(user, CodeKind.SMS, now);
        SmsBatch batch = new SmsBatch(codes.issue(user, CodeKind.SMS, policy.smsBatchSize(), 1, now,
                Duration.ofHours(policy.smsCodeLifetimeHours()), actor.name()));
        audit.record(actor, user.getUsername(), AuditAction.SMS_BATCH, "done", null,
                batch.codes().size() + " codes" + (revoked > 0 ? ", " + revoked + " older revoked" : ""));
        return batch;
    }

    /** The first digit of the user's next unused SMS passcode ("Next SMS passcode starts with 1."). */
    public Optional<String> nextCodeHint(String username) {
        return users.find(username).flatMap(u -> codes.nextSmsHint(u, clock.instant()));
    }
}
