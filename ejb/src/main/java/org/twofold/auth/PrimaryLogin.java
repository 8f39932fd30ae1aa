package org.twofold.auth;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.directory.Directory;
import org.twofold.directory.DirectoryClient;
import org.twofold.user.PasswordCheck;
import org.twofold.user.User;
import org.twofold.user.Usernames;
import org.twofold.user.Users;

/**
 * The first step of a login: username and primary password. An unknown user, a wrong password and
 * a disabled account take the same time and give the same answer to the person; the audit row
 * keeps the cause. A wrong password counts toward the user's lockout like any failed factor (so a
 * password cannot be guessed without limit); past the hourly cap the password is not even checked.
 * A directory user's password is checked by a bind to the directory ({@link Directory}); when the
 * directory does not answer, the answer is {@link Verdict.Reason#DIRECTORY_UNAVAILABLE} — audited
 * as {@code directory_unavailable}, no login and no failure counted.
 */
@Stateless
public class PrimaryLogin {
    @EJB
    private Users users;

    @EJB
    private AuditTrail audit;

    @Inject
    private Clock clock;

    @Inject
    private org.twofold.throttle.SourceThrottle sources;

    @Inject
    private Directory directory;

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
        // A directory user's password is the directory's: a bind, never a hash kept here.
        DirectoryClient.Answer fromDirectory = refused || user.isEmpty() || !user.get().isFromDirectory() ? null
                : directory.authenticate(user.get().getUsername(), password);
        boolean passwordOk = fromDirectory != null ? fromDirectory == DirectoryClient.Answer.BOUND
                : refused ? PasswordCheck.matches(null, password) : PasswordCheck.matches(user.orElse(null), password);
        String subject = user.map(User::getUsername).orElse(Usernames.plausible(username) ? username.trim() : null);
        Actor actor = Actor.user(subject, origin);
        Verdict verdict;
        String detail = null;
        if (user.isEmpty()) {
            verdict = Verdict.deny(Verdict.Reason.UNKNOWN_USER, "password");
        } else if (throttled) {
            verdict = Verdict.deny(Verdict.Reason.THROTTLED, "password");
        } else if (!user.get().mayAuthenticate()) {
            verdict = Verdict.deny(user.get().getStatus() == org.twofold.user.UserStatus.LOCKED_OUT
                    ? Verdict.Reason.LOCKED_OUT : Verdict.Reason.DISABLED, "password");
        } else if (fromDirectory == DirectoryClient.Answer.UNAVAILABLE) {
            // nothing was decided: no login, and nothing counted against the user or the source
            verdict = Verdict.deny(Verdict.Reason.DIRECTORY_UNAVAILABLE, "password");
        } else if (fromDirectory == DirectoryClient.Answer.NOT_FOUND) {
            // gone from the directory (or excluded by its filter) since the last sync: no password was checked
            verdict = Verdict.deny(Verdict.Reason.DISABLED, "password");
            detail = "not in the directory";
        } else if (!passwordOk) {
            verdict = Verdict.deny(Verdict.Reason.WRONG_PASSWORD, "password");
            users.countFailure(actor, user.get());
        } else {
            verdict = Verdict.allow("password");
        }
        audit.record(actor, subject, AuditAction.LOGIN_PASSWORD, verdict.allowed() ? "allow" : "deny",
                verdict.allowed() ? null : verdict.reason().name().toLowerCase(java.util.Locale.ROOT), detail);
        return verdict;
    }
}
