package org.twofold.bypass;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.delivery.Recipient;
import org.twofold.delivery.SmsGateway;
import org.twofold.device.Devices;
import org.twofold.passcode.CodeKind;
import org.twofold.passcode.IssuedCodes;
import org.twofold.policy.Policies;
import org.twofold.policy.Policy;
import org.twofold.site.Settings;
import org.twofold.user.IdentityProof;
import org.twofold.user.User;
import org.twofold.user.Usernames;
import org.twofold.user.Users;

/**
 * Issues bypass codes. Self-service: the caller has checked the primary password; the user then
 * proves identity with date of birth plus PIN or SSN last 4 (whichever policy accepts); a wrong
 * proof counts as a failed authentication (lockout, hourly cap); a right one yields a 9-digit code
 * valid for the policy's minutes, once, replacing any earlier self-service code. Help desk: a
 * temporary passcode valid for chosen hours and uses within the policy's limits.
 */
@Stateless
public class BypassCodes {
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

    @Inject
    private org.twofold.throttle.SourceThrottle sources;

    @EJB
    private Devices devices;

    @Inject
    private SmsGateway sms;

    /** The outcome of a self-service request: a code, or the reason there is none. */
    public record SelfService(IssuedBypass issued, BypassRefusal refusal) {
        public boolean succeeded() {
            return issued != null;
        }
    }

    /**
     * A self-service bypass code for {@code username}, whose password the caller has checked, if
     * the date of birth (as typed: {@code YYYY-MM-DD}) and the PIN or SSN part match. A malformed
     * date is refused ({@link ErrorCode#INVALID_DATE}) and audited; a wrong proof is a result.
     */
    public SelfService issueSelfService(Actor actor, String username, String dateOfBirthText, IdentityProof.Kind kind, String value) {
        if (kind == null) {
            throw new TwofoldException(ErrorCode.MISSING_FIELD, "say which identity proof accompanies the date of birth (PIN or SSN)");
        }
        LocalDate dateOfBirth;
        try {
            dateOfBirth = IdentityProof.dateOfBirth(dateOfBirthText);
        } catch (TwofoldException e) {
            // refused before any user is read: a date that is no date proves nothing and counts no failure
            throw audit.refused(actor, Usernames.subject(username), AuditAction.BYPASS_SELF_SERVICE, e,
                    kind.name().toLowerCase(Locale.ROOT));
        }
        if (sources.refuses(actor, AuditAction.BYPASS_SELF_SERVICE)) {
            return new SelfService(null, BypassRefusal.NOT_ALLOWED);
        }
        User user = users.requireForUpdate(actor, username, AuditAction.BYPASS_SELF_SERVICE);
        Policy policy = policies.current();
        Instant now = clock.instant();
        BypassRefusal refusal = null;
        if (!user.mayAuthenticate() || user.isThrottled(now)) {
            refusal = BypassRefusal.NOT_ALLOWED;
        } else if (kind == IdentityProof.Kind.PIN && !policy.identityProofPin() || kind == IdentityProof.Kind.SSN_LAST4 && !policy.identityProofSsn()) {
            refusal = BypassRefusal.PROOF_NOT_ACCEPTED;
        } else if (!user.hasIdentityProof()) {
            refusal = BypassRefusal.NO_IDENTITY_PROOF;
        } else if (!Users.identityProofMatches(user, dateOfBirth, kind, value)) {
            refusal = BypassRefusal.PROOF_MISMATCH;
            users.countFailure(actor, user);
        }
        if (refusal != null) {
            audit.record(actor, user.getUsername(), AuditAction.BYPASS_SELF_SERVICE, "deny", refusal.name().toLowerCase(Locale.ROOT), kind.name().toLowerCase(Locale.ROOT));
            return new SelfService(null, refusal);
        }
        codes.revokeAll(user, CodeKind.BYPASS, now);
        Duration validity = Duration.ofMinutes(policy.bypassCodeMinutes());
        String code = codes.issue(user, CodeKind.BYPASS, 1, 1, now, validity, actor.name()).get(0);
        audit.record(actor, user.getUsername(), AuditAction.BYPASS_SELF_SERVICE, "allow", null,
                "identity proven by date of birth + " + kind.name().toLowerCase(Locale.ROOT) + "; code valid " + policy.bypassCodeMinutes() + " min");
        announce(actor, user);
        return new SelfService(new IssuedBypass(code, now.plus(validity), 1), null);
    }

    /**
     * Tells the user, on every phone of theirs that takes texts, that a bypass code was made: the
     * identity proof is something others may know, so the owner hears of each code at once. A
     * phone the text cannot reach does not stop the code (the person may have lost it); each
     * delivery and each failure is audited.
     */
    private void announce(Actor actor, User user) {
        String notice = Settings.current().get(Settings.ORG_NAME) + ": A bypass code was created for your account. If this was not you, contact "
                + Settings.current().get(Settings.HELPDESK_CONTACT) + ".";
        List<Recipient> phones = devices.textable(user);
        int sent = 0;
        for (Recipient phone : phones) {
            try {
                sms.text(phone, notice);
                sent++;
            } catch (TwofoldException e) {
                audit.record(actor, user.getUsername(), AuditAction.NOTICE_BYPASS_CODE, "deny", e.code().name().toLowerCase(Locale.ROOT), phone.toString());
            }
        }
        audit.record(actor, user.getUsername(), AuditAction.NOTICE_BYPASS_CODE, "done", null,
                phones.isEmpty() ? "no phone takes texts" : "texted " + sent + " of " + phones.size() + " phone(s)");
    }

    /** A help-desk temporary passcode: {@code validHours} and {@code uses} within policy limits. */
    public IssuedBypass issueTemporary(Actor actor, String username, int validHours, int uses) {
        Policy policy = policies.current();
        if (validHours < 1 || validHours > policy.temporaryPasscodeMaxHours()) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "validHours must be between 1 and " + policy.temporaryPasscodeMaxHours() + " (policy)");
        }
        if (uses < 1 || uses > policy.temporaryPasscodeMaxUses()) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "uses must be between 1 and " + policy.temporaryPasscodeMaxUses() + " (policy)");
        }
        User user = users.requireForUpdate(actor, username, AuditAction.PASSCODE_TEMPORARY);
        Instant now = clock.instant();
        Duration validity = Duration.ofHours(validHours);
        String code = codes.issue(user, CodeKind.TEMPORARY, 1, uses, now, validity, actor.name()).get(0);
        audit.record(actor, user.getUsername(), AuditAction.PASSCODE_TEMPORARY, "done", null, "valid " + validHours + " h, " + uses + " use(s)");
        return new IssuedBypass(code, now.plus(validity), uses);
    }
}
