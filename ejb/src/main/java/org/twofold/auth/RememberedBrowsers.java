package org.twofold.auth;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.policy.Policies;
import org.twofold.secret.Secrets;
import org.twofold.user.User;
import org.twofold.user.Users;

/**
 * Remembered browsers: after a full login with "Remember me" ticked, the browser gets a token that
 * skips the second factor for that user and that application for the policy's hours (0 = feature
 * off). The user or the help desk can forget them all at once.
 */
@Stateless
public class RememberedBrowsers {
    private static final String PURPOSE = "remembered-browser";

    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @EJB
    private Users users;

    @EJB
    private Policies policies;

    @Inject
    private Secrets secrets;

    @EJB
    private AuditTrail audit;

    @Inject
    private Clock clock;

    /** Remembers the browser; returns the token to give it (shown once), or empty if policy turned it off. */
    public Optional<String> remember(Actor actor, String username, String application) {
        int hours = policies.current().rememberMeHours();
        if (hours == 0) {
            return Optional.empty();
        }
        User user = users.require(actor, username, AuditAction.BROWSER_REMEMBER);
        String token = secrets.codes().secret();
        Instant now = clock.instant();
        em.persist(new RememberedBrowser(user, application, secrets.hasher().hash(PURPOSE, user.getId(), token), now, now.plus(Duration.ofHours(hours))));
        audit.record(actor, user.getUsername(), AuditAction.BROWSER_REMEMBER, "done", null, application + " for " + hours + " h");
        return Optional.of(token);
    }

    /** Whether {@code token} is a live remembered browser of this user for this application. */
    public boolean isRemembered(String username, String application, String token) {
        if (token == null || token.isBlank()) {
            return false;
        }
        Optional<User> user = users.find(username);
        if (user.isEmpty()) {
            return false;
        }
        boolean found = false;
        for (RememberedBrowser b : em.createQuery("SELECT b FROM RememberedBrowser b WHERE b.user = :u AND b.application = :a AND b.expiresAt > :now", RememberedBrowser.class)
                .setParameter("u", user.get()).setParameter("a", application).setParameter("now", clock.instant()).getResultList()) {
            found |= secrets.hasher().matches(PURPOSE, user.get().getId(), token, b.tokenHash());
        }
        return found;
    }

    /** Forgets every remembered browser of the user; returns how many. */
    public int forgetAll(Actor actor, String username) {
        User user = users.require(actor, username, AuditAction.BROWSER_FORGET);
        int n = em.createQuery("DELETE FROM RememberedBrowser b WHERE b.user = :u").setParameter("u", user).executeUpdate();
        audit.record(actor, user.getUsername(), AuditAction.BROWSER_FORGET, "done", null, n + " forgotten");
        return n;
    }
}
