package org.twofold.auth;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.delivery.Carriers;
import org.twofold.device.Devices;
import org.twofold.passcode.CodeKind;
import org.twofold.passcode.IssuedCodes;
import org.twofold.policy.Factor;
import org.twofold.policy.Policies;
import org.twofold.policy.Policy;
import org.twofold.user.User;
import org.twofold.user.Users;

/** "May this user log in, and with what?" for integrators (SOAP {@code preauth}); decided by {@link PreauthAnswer#decide}, audited. */
@Stateless
public class Preauthentication {
    @EJB
    private Users users;

    @EJB
    private Devices devices;

    @EJB
    private IssuedCodes codes;

    @EJB
    private Policies policies;

    @EJB
    private AuditTrail audit;

    @Inject
    private Clock clock;

    @Inject
    private Carriers carriers;

    /**
     * Decides preauth for {@code username}.
     *
     * @throws org.twofold.TwofoldException {@code UNKNOWN_USER} (after an audited refusal)
     */
    public PreauthAnswer preauth(Actor actor, String username) {
        return preauth(actor, username, Door.API);
    }

    /**
     * Decides preauth for {@code username}, asked by the front end {@code door} (whether a security
     * key can be used there: {@link Door}).
     *
     * @throws org.twofold.TwofoldException {@code UNKNOWN_USER} (after an audited refusal)
     */
    public PreauthAnswer preauth(Actor actor, String username, Door door) {
        User user = users.require(actor, username, AuditAction.PREAUTH);
        PreauthAnswer answer = answer(user, door);
        // a new user let in or refused by NewUserPolicy says so on the record; other answers speak for themselves
        String reason = answer.reason() == PreauthAnswer.Reason.NEW_USER_ALLOWED || answer.reason() == PreauthAnswer.Reason.NEW_USER_DENIED
                || answer.reason() == PreauthAnswer.Reason.BROWSER_ONLY ? answer.reason().name().toLowerCase(java.util.Locale.ROOT) : null;
        audit.record(actor, user.getUsername(), AuditAction.PREAUTH, answer.result().keyword(), reason,
                answer.devices().size() + " device(s)");
        return answer;
    }

    /** The preauth decision for {@code user} now on Twofold's pages ({@link Door#PAGES}), unaudited. */
    public PreauthAnswer answer(User user) {
        return answer(user, Door.PAGES);
    }

    /** The preauth decision for {@code user} now, for {@code door}, unaudited: the one rule of what a user may log in with, and of who is a new user. */
    public PreauthAnswer answer(User user, Door door) {
        Policy policy = policies.current();
        Instant now = clock.instant();
        boolean passcodes = policy.allowedFactors().contains(Factor.PASSCODE);
        boolean liveCodes = passcodes && Arrays.stream(CodeKind.values())
                .filter(k -> k != CodeKind.SMS || policy.allowedFactors().contains(Factor.SMS))
                .anyMatch(k -> codes.live(user, k, now).stream().anyMatch(c -> c.usable(now)));
        String smsHint = policy.allowedFactors().contains(Factor.SMS) ? codes.nextSmsHint(user, now).orElse(null) : null;
        return PreauthAnswer.decide(user.getStatus(), devices.list(user.getUsername()), policy.allowedFactors(), carriers.channels(),
                liveCodes, smsHint, policy.newUserPolicy(), door);
    }
}
