package org.twofold.user;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.twofold.CommittedRefusal;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.secret.PasswordHash;
import org.twofold.secret.Secrets;

/** Creating users, setting their primary password, and finding them. Every change is audited. */
@Stateless
public class Users {
    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @Inject
    private Secrets secrets;

    @Inject
    private Clock clock;

    @EJB
    private org.twofold.policy.Policies policies;

    @Inject
    private org.twofold.throttle.SourceThrottle sources;

    public User create(Actor actor, String username, String displayName, String department) {
        String name = Usernames.canonical(username);
        if (find(name).isPresent()) {
            audit.recordRefusal(actor, name, AuditAction.USER_CREATE, "user_exists", null);
            throw new TwofoldException(ErrorCode.USER_EXISTS);
        }
        User user = new User(name, blankToNull(displayName), blankToNull(department), clock.instant());
        em.persist(user);
        audit.record(actor, name, AuditAction.USER_CREATE, "done", null, null);
        return user;
    }

    public void setPassword(Actor actor, String username, char[] password) {
        if (password == null || password.length < 8) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "a password needs at least 8 characters");
        }
        User user = require(actor, username, AuditAction.USER_PASSWORD);
        if (user.isFromDirectory()) {
            audit.recordRefusal(actor, user.getUsername(), AuditAction.USER_PASSWORD, "directory_user", null);
            throw new TwofoldException(ErrorCode.DIRECTORY_USER);
        }
        user.changePasswordHash(PasswordHash.hash(password, secrets.codes().random()));
        audit.record(actor, user.getUsername(), AuditAction.USER_PASSWORD, "done", null, null);
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
    public User require(Actor actor, String username, AuditAction action) {
        return find(username).orElseThrow(() -> unknown(actor, username, action));
    }

    /** The refusal of an unknown user, audited in its own transaction. */
    private TwofoldException unknown(Actor actor, String username, AuditAction action) {
        audit.recordRefusal(actor, Usernames.subject(username), action, "unknown_user", null);
        return new TwofoldException(ErrorCode.UNKNOWN_USER);
    }

    /**
     * The user, locked for update until the transaction ends: every check that reads and then
     * changes a user's authentication state (failure counts, single-use codes) holds this lock, so
     * concurrent attempts on one account are evaluated one after the other.
     */
    public User requireForUpdate(Actor actor, String username, AuditAction action) {
        // not found under the lock is not found: no second query to refuse it
        return findForUpdate(username).orElseThrow(() -> unknown(actor, username, action));
    }

    /**
     * As {@link #requireForUpdate}, for a transaction that has changed nothing yet: an unknown user's
     * refusal is written in it and committed with it ({@link CommittedRefusal}), one commit instead
     * of the refusal's own and the request's rollback.
     */
    public User requireForUpdateFirst(Actor actor, String username, AuditAction action) {
        return findForUpdate(username).orElseThrow(() -> {
            audit.recordRefusalHere(actor, Usernames.subject(username), action, "unknown_user", null);
            return new CommittedRefusal(ErrorCode.UNKNOWN_USER);
        });
    }

    /** The user, if any, locked for update as in {@link #requireForUpdate} (no refusal is audited). */
    public Optional<User> findForUpdate(String username) {
        if (!Usernames.plausible(username)) {
            return Optional.empty();
        }
        return em.createNamedQuery(User.BY_USERNAME_FOR_UPDATE, User.class)
                .setParameter("username", Usernames.canonical(username))
                .getResultList().stream().findFirst();
    }

    /** Sets (or replaces) the user's identity proof; each part is stored only as a slow salted hash. */
    public void setIdentityProof(Actor actor, String username, LocalDate dateOfBirth, String ssnLast4, String pin) {
        User user = require(actor, username, AuditAction.USER_IDENTITY_PROOF);
        String dob = IdentityProof.dob(dateOfBirth);
        boolean hasSsn = ssnLast4 != null && !ssnLast4.isBlank();
        boolean hasPin = pin != null && !pin.isBlank();
        if (!hasSsn && !hasPin) {
            throw new TwofoldException(ErrorCode.MISSING_FIELD, "an identity proof needs the SSN's last 4 digits or a PIN");
        }
        var random = secrets.codes().random();
        user.changeIdentityProof(PasswordHash.hash(dob.toCharArray(), random),
                hasSsn ? PasswordHash.hash(IdentityProof.ssnLast4(ssnLast4).toCharArray(), random) : null,
                hasPin ? PasswordHash.hash(IdentityProof.pin(pin).toCharArray(), random) : null);
        audit.record(actor, user.getUsername(), AuditAction.USER_IDENTITY_PROOF, "done", null, (hasPin ? "pin" : "") + (hasPin && hasSsn ? "+" : "") + (hasSsn ? "ssn" : ""));
    }

    /**
     * Sets or changes the user's PIN, with the date of birth it goes with; an SSN part already set
     * is kept. Both are stored only as slow salted hashes. The date of birth and PIN the user
     * already has change nothing (a double click or reload of the form is not a second change).
     * The date of birth comes as typed ({@link IdentityProof#dateOfBirth(String)}): a malformed
     * one is refused and audited like a malformed PIN.
     */
    public void setPin(Actor actor, String username, String dateOfBirthText, String pin) {
        User user = require(actor, username, AuditAction.USER_IDENTITY_PROOF);
        LocalDate dateOfBirth;
        String dob;
        String p;
        try {
            dateOfBirth = IdentityProof.dateOfBirth(dateOfBirthText);
            dob = IdentityProof.dob(dateOfBirth);
            p = IdentityProof.pin(pin);
        } catch (TwofoldException e) {
            throw audit.refused(actor, user.getUsername(), AuditAction.USER_IDENTITY_PROOF, e, "pin");
        }
        if (user.pinHash() != null && identityProofMatches(user, dateOfBirth, IdentityProof.Kind.PIN, p)) {
            return; // the date of birth and PIN it already has (a repeated post): nothing changes, nothing to audit
        }
        var random = secrets.codes().random();
        user.changeIdentityProof(PasswordHash.hash(dob.toCharArray(), random), user.ssnLast4Hash(), PasswordHash.hash(p.toCharArray(), random));
        audit.record(actor, user.getUsername(), AuditAction.USER_IDENTITY_PROOF, "done", null, "pin" + (user.ssnLast4Hash() != null ? " (ssn kept)" : ""));
    }

    /** Whether the user has set a PIN for the identity proof. */
    public boolean hasPin(String username) {
        return find(username).map(u -> u.pinHash() != null).orElse(false);
    }

    /**
     * Whether the date of birth and the chosen second element match the user's identity proof.
     * Both parts are always checked, so the time taken does not tell which one was wrong.
     */
    public static boolean identityProofMatches(User user, LocalDate dateOfBirth, IdentityProof.Kind kind, String value) {
        String dob = dateOfBirth == null ? "" : dateOfBirth.toString();
        String stored = kind == IdentityProof.Kind.PIN ? user.pinHash() : user.ssnLast4Hash();
        char[] typed = value == null ? new char[0] : value.trim().toCharArray();
        boolean dobOk = user.dobHash() != null ? PasswordHash.verify(dob.toCharArray(), user.dobHash()) : spend(dob);
        boolean secondOk = stored != null ? PasswordHash.verify(typed, stored) : spend(value);
        return dobOk && secondOk;
    }

    private static boolean spend(String value) {
        PasswordHash.spendVerificationTime(value == null ? new char[0] : value.toCharArray());
        return false;
    }

    /**
     * Counts a failed authentication of a user the caller holds locked ({@link #requireForUpdate})
     * against the policy's lockout threshold, and audits the lockout if this failure caused it. The
     * failure also counts for the actor's source ({@link org.twofold.throttle.SourceThrottle}).
     */
    public void countFailure(Actor actor, User user) {
        sources.countFailure(actor);
        if (user.recordFailure(clock.instant(), policies.current().lockoutThreshold())) {
            audit.record(actor, user.getUsername(), AuditAction.USER_LOCKOUT, "done", null, "after " + user.getConsecutiveFailures() + " consecutive failures");
        }
    }

    /** The help desk's unlock of a locked-out user (also clears failure counts). */
    public void unlock(Actor actor, String username) {
        User user = require(actor, username, AuditAction.USER_UNLOCK);
        UserStatus before = user.getStatus();
        user.unlock();
        audit.record(actor, user.getUsername(), AuditAction.USER_UNLOCK, "done", null, before.name().toLowerCase(Locale.ROOT) + " → " + user.getStatus().name().toLowerCase(Locale.ROOT));
    }

    /** An administrator's change of a user's status; {@code bypass} skips the second factor (audited). */
    public void setStatus(Actor actor, String username, String status) {
        UserStatus newStatus;
        try {
            newStatus = UserStatus.valueOf(status == null ? "" : status.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "status must be active, bypass, disabled or locked_out");
        }
        User user = require(actor, username, AuditAction.USER_STATUS);
        UserStatus before = user.getStatus();
        user.changeStatus(newStatus);
        audit.record(actor, user.getUsername(), AuditAction.USER_STATUS, "done", null, before.name().toLowerCase(Locale.ROOT) + " → " + newStatus.name().toLowerCase(Locale.ROOT));
    }

    /** Users whose username or display name contains {@code query} (case-insensitive), by username. */
    public List<User> search(String query, int max) {
        String q = "%" + (query == null ? "" : query.trim().toLowerCase(Locale.ROOT).replace("%", "").replace("_", "")) + "%";
        return em.createQuery("SELECT u FROM User u WHERE u.username LIKE :q OR LOWER(u.displayName) LIKE :q ORDER BY u.username", User.class)
                .setParameter("q", q).setMaxResults(Math.max(1, Math.min(max, 200))).getResultList();
    }

    /** How many users are locked out now. */
    public long countLockedOut() {
        return em.createQuery("SELECT COUNT(u) FROM User u WHERE u.status = :s", Long.class)
                .setParameter("s", UserStatus.LOCKED_OUT).getSingleResult();
    }

    public long count() {
        return em.createQuery("SELECT COUNT(u) FROM User u", Long.class).getSingleResult();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
