package org.twofold.passcode;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.twofold.CommittedRefusal;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.auth.Verdict;
import org.twofold.device.Device;
import org.twofold.device.DeviceCodes;
import org.twofold.device.DeviceState;
import org.twofold.policy.Factor;
import org.twofold.policy.Policies;
import org.twofold.policy.Policy;
import org.twofold.throttle.SourceThrottle;
import org.twofold.user.User;
import org.twofold.user.UserStatus;
import org.twofold.user.Users;

/**
 * The one entry point that checks a typed passcode for a user, whichever interface it came from.
 * Under the user's row lock (so concurrent attempts are evaluated one at a time) it tries, in this
 * order: the user's active devices that make passcodes — TOTP (RFC 6238, ±1 step around the
 * device's recorded drift) and HOTP (RFC 4226 §7.4, the policy's look-ahead window) — then SMS
 * passcodes, bypass codes and temporary passcodes. A code is accepted at most once: device state
 * moves forward in a conditional UPDATE, issued codes count their uses down. A failure counts
 * toward lockout; past the hourly cap nothing is evaluated. Every verdict is audited in the same
 * transaction.
 */
@Stateless
public class PasscodeVerifier {
    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @EJB
    private Users users;

    @EJB
    private IssuedCodes codes;

    @EJB
    private Policies policies;

    @EJB
    private AuditTrail audit;

    @EJB
    private DeviceCodes deviceCodes;

    @Inject
    private Clock clock;

    /** What can be a passcode at all: 6 to 9 digits. */
    private static final Pattern PASSCODE = Pattern.compile("[0-9]{6,9}");

    @Inject
    private SourceThrottle sources;

    /** A verdict and, for the audit trail, what produced it (e.g. "totp device 12", "sms code 3"). */
    private record Outcome(Verdict verdict, String detail) {
    }

    /**
     * Checks {@code passcode} for {@code username}.
     *
     * Called at the start of its transaction, or after the other decisions of its batch
     * ({@link org.twofold.auth.PasscodeDecisions}): its refusals that change nothing else — an
     * unknown user (after its audited refusal row), a blocked source — are {@link CommittedRefusal}s,
     * which do not roll that transaction back.
     *
     * @throws CommittedRefusal {@code UNKNOWN_USER} (after an audited refusal);
     *         {@code TOO_MANY_REQUESTS} if the actor's source is blocked for its failures
     */
    public Verdict verify(Actor actor, String username, String passcode) {
        try {
            sources.admit(actor, AuditAction.AUTH_PASSCODE);
        } catch (TwofoldException refused) {
            // a source blocked since its attempt joined a batch: refused, changing nothing, without
            // rolling back the other users' decisions of the batch (PasscodeDecisions)
            throw new CommittedRefusal(refused.code(), refused.getMessage());
        }
        // nothing of this decision changed before: an unknown user's refusal commits with the transaction
        User user = users.requireForUpdateFirst(actor, username, AuditAction.AUTH_PASSCODE);
        Policy policy = policies.current();
        Instant now = clock.instant();
        Outcome outcome;
        if (user.isThrottled(now)) {
            outcome = new Outcome(Verdict.deny(Verdict.Reason.THROTTLED, "passcode"), "over " + User.MAX_FAILURES_PER_HOUR + " failures this hour");
        } else if (!user.mayAuthenticate()) {
            outcome = new Outcome(Verdict.deny(user.getStatus() == UserStatus.LOCKED_OUT ? Verdict.Reason.LOCKED_OUT : Verdict.Reason.DISABLED, "passcode"), null);
        } else if (!policy.allowedFactors().contains(Factor.PASSCODE)) {
            outcome = new Outcome(Verdict.deny(Verdict.Reason.FACTOR_NOT_ALLOWED, "passcode"), null);
        } else if (user.getStatus() == UserStatus.BYPASS) {
            outcome = new Outcome(new Verdict(true, Verdict.Reason.BYPASS_USER, "passcode"), "status bypass");
        } else {
            outcome = check(user, passcode == null ? "" : passcode.trim(), policy, now);
            if (outcome.verdict().allowed()) {
                user.recordSuccess();
            } else {
                users.countFailure(actor, user);
            }
        }
        Verdict verdict = outcome.verdict();
        audit.record(actor, user.getUsername(), AuditAction.AUTH_PASSCODE, verdict.allowed() ? "allow" : "deny",
                verdict.reason() == Verdict.Reason.ALLOWED ? null : verdict.reason().name().toLowerCase(Locale.ROOT), outcome.detail());
        return verdict;
    }

    private Outcome check(User user, String typed, Policy policy, Instant now) {
        if (!PASSCODE.matcher(typed).matches()) {
            return new Outcome(Verdict.deny(Verdict.Reason.INVALID_PASSCODE, "passcode"), "not a passcode");
        }
        // Sorted here rather than by the database: an ORDER BY made Derby set up a sorter per request.
        List<Device> devices = new ArrayList<>(em.createNamedQuery(Device.OTP_OF_USER, Device.class)
                .setParameter("user", user).setParameter("active", DeviceState.ACTIVE).getResultList());
        devices.sort(Comparator.comparing(Device::getId));
        for (Device device : devices) {
            Outcome o = tryDevice(device, typed, policy, now);
            if (o != null) {
                return o;
            }
        }
        // Each kind's live codes are read at most once: to match, and on failure to tell "wrong code"
        // from "nothing that makes codes".
        Map<CodeKind, List<IssuedCode>> loaded = new EnumMap<>(CodeKind.class);
        Function<CodeKind, List<IssuedCode>> live = k -> loaded.computeIfAbsent(k, x -> codes.live(user, x, now));
        for (CodeKind kind : CodeKind.values()) {
            // Not this kind's length; or SMS is turned off, and codes already texted stop working.
            if (typed.length() != kind.digits() || kind == CodeKind.SMS && !policy.allowedFactors().contains(Factor.SMS)) {
                continue;
            }
            Optional<IssuedCode> code = codes.match(user, kind, typed, live.apply(kind), now);
            if (code.isPresent()) {
                String what = kind.name().toLowerCase(Locale.ROOT);
                IssuedCode c = code.get();
                if (c.usable(now)) {
                    c.use();
                    return new Outcome(Verdict.allow(what), what + " code " + c.getPosition());
                }
                return new Outcome(Verdict.deny(c.revoked() ? Verdict.Reason.REVOKED_PASSCODE : Verdict.Reason.REPLAYED_PASSCODE, what), what + " code " + c.getPosition());
            }
        }
        boolean anything = !devices.isEmpty() || Arrays.stream(CodeKind.values()).anyMatch(k -> !live.apply(k).isEmpty());
        return new Outcome(Verdict.deny(anything ? Verdict.Reason.INVALID_PASSCODE : Verdict.Reason.NO_DEVICE, "passcode"), null);
    }

    /** The outcome if {@code typed} is (or was) this device's code; null if it is not its code. */
    private Outcome tryDevice(Device device, String typed, Policy policy, Instant now) {
        DeviceCodes.Match match = deviceCodes.check(device, typed, policy.hotpWindow(), now);
        if (match == DeviceCodes.Match.NOT_ITS_CODE) {
            return null;
        }
        String what = device.getOtpKind().name().toLowerCase(Locale.ROOT);
        return new Outcome(match == DeviceCodes.Match.ACCEPTED ? Verdict.allow(what) : Verdict.deny(Verdict.Reason.REPLAYED_PASSCODE, what),
                what + " device " + device.getId());
    }
}
