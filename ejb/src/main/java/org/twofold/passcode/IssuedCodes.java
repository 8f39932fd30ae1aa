package org.twofold.passcode;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.twofold.secret.Secrets;
import org.twofold.user.User;

/**
 * Storage of single-use codes for the services that issue them (SMS batches, bypass and temporary
 * passcodes) and for the verifier that consumes them. Callers hold the user's row lock.
 */
@Stateless
public class IssuedCodes {
    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @Inject
    private Secrets secrets;

    /** Revokes every live code of {@code kind} of the user; returns how many. */
    public int revokeAll(User user, CodeKind kind, Instant now) {
        int n = 0;
        for (IssuedCode c : live(user, kind, now)) {
            if (c.usable(now)) {
                c.revoke();
                n++;
            }
        }
        return n;
    }

    /** Issues {@code count} distinct new codes of {@code kind}; returns them in clear, once. */
    public List<String> issue(User user, CodeKind kind, int count, int uses, Instant now, Duration validity, String issuedBy) {
        Set<String> distinct = new HashSet<>();
        List<String> codes = new ArrayList<>(count);
        while (codes.size() < count) {
            String code = secrets.codes().digits(kind.digits());
            if (distinct.add(code)) {
                codes.add(code);
            }
        }
        for (int i = 0; i < codes.size(); i++) {
            String code = codes.get(i);
            em.persist(new IssuedCode(user, kind, secrets.hasher().hash(kind.purpose(), user.getId(), code),
                    kind == CodeKind.SMS ? code.substring(0, 1) : null, i + 1, uses, now, now.plus(validity), issuedBy));
        }
        return codes;
    }

    /** The live (unexpired) codes of a kind, used or not, in issue order. */
    public List<IssuedCode> live(User user, CodeKind kind, Instant now) {
        return em.createNamedQuery(IssuedCode.LIVE_OF_USER, IssuedCode.class)
                .setParameter("user", user).setParameter("kind", kind).setParameter("now", now)
                .getResultList();
    }

    /** The first digit of the next usable SMS passcode, if any. */
    public Optional<String> nextSmsHint(User user, Instant now) {
        return live(user, CodeKind.SMS, now).stream().filter(c -> c.usable(now)).findFirst().map(IssuedCode::getHint);
    }

    /**
     * The code among {@code live} (the user's live codes of {@code kind}) equal to {@code typed},
     * if any. Every live code is compared (constant time each), so timing does not reveal which
     * one matched.
     */
    public Optional<IssuedCode> match(User user, CodeKind kind, String typed, List<IssuedCode> live, Instant now) {
        if (typed.length() != kind.digits()) {
            return Optional.empty();
        }
        IssuedCode found = null;
        for (IssuedCode c : live) {
            // A usable match wins over a spent or revoked code that happens to have the same digits.
            if (secrets.hasher().matches(kind.purpose(), user.getId(), typed, c.codeHash()) && (found == null || !found.usable(now) && c.usable(now))) {
                found = c;
            }
        }
        return Optional.ofNullable(found);
    }
}
