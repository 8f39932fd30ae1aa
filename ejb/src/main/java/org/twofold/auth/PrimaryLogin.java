package org.twofold.auth;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.user.PasswordCheck;
import org.twofold.user.User;
import org.twofold.user.Usernames;
import org.twofold.user.Users;

/**
 * The first step of a login: username and primary password. An unknown user, a wrong password and
 * a disabled account take the same time and give the same answer to the person; the audit row
 * keeps the cause. A wrong password counts toward the user's lockout like any failed factor (so a
 * password cannot be guessed without limit); past the hourly cap the password is not even checked.
 */
@Stateless
public class PrimaryLogin {
    @Inject
    private Users users;

    @Inject
    private AuditTrail audit;

    @Inject
    private Clock clock;

    @Inject
    private org.twofold.throttle.SourceThrottle sources;

    public Verdict verify(String username, char[] password, String origin) {
        // A source blocked for its failures gets the throttled answer before any account is read
        // (and without spending a password hash: the answer does not depend on the account).
        if (sources.refuses(Actor.user(Usernames.plausible(username) ? username.trim() : null, origin), AuditAction.LOGIN_PASSWORD)) {
            return Verdict.deny(Verdict.Reason.THROTTLED, "password");
        }
        Optional<User> user = users.findForUpdate(username);
        Instant now = clock.instant();
        boolean throttled = user.isPresent() && user.get().isThrottled(now);
        boolean refused = user.isPresent() && (throttled || !user.get().mayAuthenticate());
        // A refused account still costs one hash, and its answer does not depend on the password.
        boolean passwordOk = refused ? PasswordCheck.matches(null, password) : PasswordCheck.matches(user.orElse(null), password);
        String subject = user.map(User::getUsername).orElse(Usernames.plausible(username) ? username.trim() : null);
        Actor actor = Actor.user(subject, origin);
        Verdict verdict;
        if (user.isEmpty()) {
            verdict = Verdict.deny(Verdict.Reason.UNKNOWN_USER, "password");
        } else if (throttled) {
            verdict = Verdict.deny(Verdict.Reason.THROTTLED, "password");
        } else if (!user.get().mayAuthenticate()) {
            verdict = Verdict.deny(user.get().getStatus() == org.twofold.user.UserStatus.LOCKED_OUT
                    ? Verdict.Reason.LOCKED_OUT : Verdict.Reason.DISABLED, "password");
        } else if (!passwordOk) {
            verdict = Verdict.deny(Verdict.Reason.WRONG_PASSWORD, "password");
            users.countFailure(actor, user.get());
        } else {
            verdict = Verdict.allow("password");
        }
        audit.record(actor, subject, AuditAction.LOGIN_PASSWORD, verdict.allowed() ? "allow" : "deny",
                verdict.allowed() ? null : verdict.reason().name().toLowerCase(java.util.Locale.ROOT), null);
        return verdict;
    }
}
