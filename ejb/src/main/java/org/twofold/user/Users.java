package org.twofold.user;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditTrail;
import org.twofold.secret.PasswordHash;
import org.twofold.secret.Secrets;

/** Creating users, setting their primary password, and finding them. Every change is audited. */
@Stateless
public class Users {
    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @Inject
    private AuditTrail audit;

    @Inject
    private Secrets secrets;

    @Inject
    private Clock clock;

    public User create(Actor actor, String username, String displayName, String department) {
        String name = Usernames.canonical(username);
        if (find(name).isPresent()) {
            audit.recordRefusal(actor, name, "user.create", "user_exists", null);
            throw new TwofoldException(ErrorCode.USER_EXISTS);
        }
        User user = new User(name, blankToNull(displayName), blankToNull(department), clock.instant());
        em.persist(user);
        audit.record(actor, name, "user.create", "done", null, null);
        return user;
    }

    public void setPassword(Actor actor, String username, char[] password) {
        if (password == null || password.length < 8) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "a password needs at least 8 characters");
        }
        User user = require(actor, username, "user.password");
        user.changePasswordHash(PasswordHash.hash(password, secrets.codes().random()));
        audit.record(actor, user.getUsername(), "user.password", "done", null, null);
    }

    public Optional<User> find(String username) {
        if (!Usernames.plausible(username)) {
            return Optional.empty();
        }
        List<User> found = em.createNamedQuery(User.BY_USERNAME, User.class)
                .setParameter("username", Usernames.canonical(username))
                .getResultList();
        return found.stream().findFirst();
    }

    /** The user, or {@link ErrorCode#UNKNOWN_USER} after an audited refusal of {@code action}. */
    public User require(Actor actor, String username, String action) {
        return find(username).orElseThrow(() -> {
            audit.recordRefusal(actor, Usernames.plausible(username) ? Usernames.canonical(username) : null, action, "unknown_user", null);
            return new TwofoldException(ErrorCode.UNKNOWN_USER);
        });
    }

    public long count() {
        return em.createQuery("SELECT COUNT(u) FROM User u", Long.class).getSingleResult();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
