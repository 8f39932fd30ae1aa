package org.twofold.operator;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.secret.PasswordHash;
import org.twofold.secret.Secrets;

/** Operator accounts: creation, and the password check behind every JMX login. */
@Stateless
public class Operators {
    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @Inject
    private Secrets secrets;

    @Inject
    private Clock clock;

    public void create(Actor actor, String name, char[] password, String role) {
        if (name == null || !name.trim().matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "an operator name has 1 to 64 letters, digits and . _ - @");
        }
        if (password == null || password.length < 12) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "an operator password needs at least 12 characters");
        }
        OperatorRole r;
        try {
            r = OperatorRole.valueOf(role == null ? "" : role.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new TwofoldException(ErrorCode.INVALID_VALUE, "role must be helpdesk or admin");
        }
        if (find(name.trim()).isPresent()) {
            throw new TwofoldException(ErrorCode.OPERATOR_EXISTS);
        }
        em.persist(new Operator(name.trim(), PasswordHash.hash(password, secrets.codes().random()), r, clock.instant()));
        audit.record(actor, null, AuditAction.OPERATOR_CREATE, "done", null, name.trim() + " " + r.name().toLowerCase(Locale.ROOT));
    }

    /** The operator's role if {@code password} is right; empty (and an audit row) otherwise. */
    public Optional<OperatorRole> authenticate(String name, char[] password, String origin) {
        Optional<Operator> op = name == null ? Optional.empty() : find(name);
        boolean ok = op.isPresent() && password != null && PasswordHash.verify(password, op.get().passwordHash());
        if (op.isEmpty() && password != null) {
            PasswordHash.spendVerificationTime(password);
        }
        Actor actor = Actor.operator(name == null ? "?" : name, origin);
        if (!ok) {
            audit.record(actor, null, AuditAction.OPERATOR_LOGIN, "deny", op.isEmpty() ? "unknown_operator" : "wrong_password", null);
            return Optional.empty();
        }
        audit.record(actor, null, AuditAction.OPERATOR_LOGIN, "allow", null, null);
        return Optional.of(op.get().getRole());
    }

    /** Audits a login refused unchecked because of too many recent failures. */
    public void refuseThrottled(String name, String origin) {
        audit.record(Actor.operator(name == null ? "?" : name, origin), null, AuditAction.OPERATOR_LOGIN, "deny", "throttled", null);
    }

    public long count() {
        return em.createQuery("SELECT COUNT(o) FROM Operator o", Long.class).getSingleResult();
    }

    private Optional<Operator> find(String name) {
        return em.createNamedQuery(Operator.BY_NAME, Operator.class).setParameter("name", name).getResultList().stream().findFirst();
    }
}
