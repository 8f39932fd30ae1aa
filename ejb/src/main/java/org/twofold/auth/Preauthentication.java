package org.twofold.auth;

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
    @Inject
    private Users users;

    @Inject
    private Devices devices;

    @Inject
    private IssuedCodes codes;

    @Inject
    private Policies policies;

    @Inject
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
        User user = users.require(actor, username, AuditAction.PREAUTH);
        Policy policy = policies.current();
        Instant now = clock.instant();
        boolean passcodes = policy.allowedFactors().contains(Factor.PASSCODE);
        boolean liveCodes = passcodes && Arrays.stream(CodeKind.values())
                .filter(k -> k != CodeKind.SMS || policy.allowedFactors().contains(Factor.SMS))
                .anyMatch(k -> codes.live(user, k, now).stream().anyMatch(c -> c.usable(now)));
        String smsHint = policy.allowedFactors().contains(Factor.SMS) ? codes.nextSmsHint(user, now).orElse(null) : null;
        PreauthAnswer answer = PreauthAnswer.decide(user.getStatus(), devices.list(user.getUsername()), policy.allowedFactors(), carriers.channels(),
                liveCodes, smsHint);
        audit.record(actor, user.getUsername(), AuditAction.PREAUTH, answer.result().keyword(), null,
                answer.devices().size() + " device(s)");
        return answer;
    }
}
