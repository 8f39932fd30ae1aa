package org.twofold.auth;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.policy.Policies;

/**
 * Decides, once for every door, how a page login was completed ({@link LoginProof}) and whether
 * its session may change the user's settings now: the self-service portal adds and removes
 * devices, sets the PIN and the defaults only within {@code PortalStepUpMinutes} of a second
 * factor proven in the session — never on the strength of a remembered browser or of a login for
 * another application. A refusal is audited and changes nothing; the person proves a factor again
 * on the login prompt ({@code /?next=portal&stepup=1}) and comes back.
 */
@Stateless
public class StepUp {
    @EJB
    private Policies policies;

    @EJB
    private AuditTrail audit;

    @Inject
    private Clock clock;

    /** The proof of a login just completed with {@code factor} ({@link LoginProof#completed}). */
    public LoginProof completed(String username, String factor, boolean hostedApplication) {
        return LoginProof.completed(username, factor, hostedApplication, clock.instant());
    }

    /** The session's proof after a factor proven again now (a step-up of a logged-in session). */
    public LoginProof steppedUp(LoginProof proof) {
        return proof.steppedUp(clock.instant());
    }

    /** Whether the session may change settings now (for pages to say so before the person tries). */
    public boolean fresh(LoginProof proof) {
        return proof != null && proof.allowsChanges(policies.current(), clock.instant());
    }

    /**
     * Lets a change named {@code action} through, or refuses it (audited) when no second factor
     * was proven in this session within {@code PortalStepUpMinutes}.
     *
     * @throws TwofoldException {@code STEP_UP_REQUIRED}
     */
    public void require(Actor actor, LoginProof proof, AuditAction action) {
        if (!fresh(proof)) {
            audit.recordRefusal(actor, proof == null ? null : proof.username(), action, "step_up_required",
                    proof == null ? "no login" : proof.describe(clock.instant()));
            throw new TwofoldException(ErrorCode.STEP_UP_REQUIRED);
        }
    }
}
