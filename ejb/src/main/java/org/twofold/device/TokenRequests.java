package org.twofold.device;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.user.Department;
import org.twofold.user.Departments;
import org.twofold.user.User;
import org.twofold.user.Users;

/**
 * Hardware-token requests and their approval. A user (in the portal) or the help desk (over JMX)
 * requests a token; the approver of the user's department sees the pending requests of their
 * departments and approves or denies them; the help desk's {@link #assign} hands a token out only
 * against an approved request and uses the approval up. An approver does not approve their own
 * request. Every step, and every refusal, is audited.
 */
@Stateless
public class TokenRequests {
    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @EJB
    private Users users;

    @EJB
    private Departments departments;

    @EJB
    private TokenInventory inventory;

    @EJB
    private AuditTrail audit;

    @Inject
    private Clock clock;

    /**
     * Requests a hardware token for the user. If the user already has a request that still stands
     * (pending or approved), that one is returned and no second one is made.
     *
     * @throws TwofoldException {@code NO_APPROVER} if the user's department has no approver
     */
    public TokenRequestView request(Actor actor, String username) {
        User user = users.requireForUpdate(actor, username, AuditAction.TOKEN_REQUEST);
        Optional<TokenRequest> open = of(user).stream().filter(r -> r.getState().open()).findFirst();
        if (open.isPresent()) {
            audit.record(actor, user.getUsername(), AuditAction.TOKEN_REQUEST, "done", "already_requested", describe(open.get()));
            return new TokenRequestView(open.get());
        }
        Department department = user.getDepartment() == null ? null : departments.find(user.getDepartment()).orElse(null);
        if (department == null || department.getApprover() == null) {
            audit.recordRefusal(actor, user.getUsername(), AuditAction.TOKEN_REQUEST, "no_approver", "department " + user.getDepartment());
            throw new TwofoldException(ErrorCode.NO_APPROVER);
        }
        TokenRequest r = new TokenRequest(user, department.getName(), actor.name(), clock.instant());
        em.persist(r);
        em.flush();
        audit.record(actor, user.getUsername(), AuditAction.TOKEN_REQUEST, "done", null, describe(r) + ", approver " + department.getApprover());
        return new TokenRequestView(r);
    }

    /** The user's newest request, whatever its state. */
    public Optional<TokenRequestView> latest(String username) {
        return users.find(username).flatMap(u -> of(u).stream().findFirst()).map(TokenRequestView::new);
    }

    /** The approver of the user's department, if there is one. */
    public Optional<String> approverFor(String username) {
        return users.find(username).map(User::getDepartment).flatMap(departments::find).map(Department::getApprover);
    }

    /** Whether {@code username} approves hardware tokens for at least one department. */
    public boolean isApprover(String username) {
        return !departmentsApprovedBy(username).isEmpty();
    }

    /** The pending requests of the departments {@code approverUsername} approves for, oldest first. */
    public List<TokenRequestView> pendingFor(String approverUsername) {
        List<String> names = departmentsApprovedBy(approverUsername);
        if (names.isEmpty()) {
            return List.of();
        }
        return em.createQuery("SELECT r FROM TokenRequest r JOIN FETCH r.user WHERE r.department IN :d AND r.state = :s ORDER BY r.id", TokenRequest.class)
                .setParameter("d", names).setParameter("s", TokenRequest.State.PENDING).getResultList().stream()
                .filter(r -> !r.getUser().getUsername().equals(approverUsername))
                .map(TokenRequestView::new).toList();
    }

    /**
     * The approver's decision on a pending request of one of their departments.
     *
     * @throws TwofoldException {@code TOKEN_REQUEST_NOT_FOUND} if there is no such pending request
     *         that this approver decides (their own request included)
     */
    public TokenRequestView decide(Actor actor, String approverUsername, long requestId, boolean approve) {
        AuditAction action = approve ? AuditAction.TOKEN_APPROVE : AuditAction.TOKEN_DENY;
        TokenRequest r = em.find(TokenRequest.class, requestId, LockModeType.PESSIMISTIC_WRITE);
        if (r == null || r.getState() != TokenRequest.State.PENDING || r.getUser().getUsername().equals(approverUsername)
                || !departmentsApprovedBy(approverUsername).contains(r.getDepartment())) {
            audit.recordRefusal(actor, r == null ? null : r.getUser().getUsername(), action, "not_found", "request " + requestId);
            throw new TwofoldException(ErrorCode.TOKEN_REQUEST_NOT_FOUND);
        }
        r.decide(approve, approverUsername, clock.instant());
        audit.record(actor, r.getUser().getUsername(), action, "done", null, describe(r));
        return new TokenRequestView(r);
    }

    /**
     * The help desk hands the user the token {@code serial} from stock: only against an approved
     * request, which this uses up.
     *
     * @throws TwofoldException {@code TOKEN_NOT_APPROVED} without an approved request; the
     *         inventory's codes if the token is unknown or taken
     */
    public Device assign(Actor actor, String username, String serial) {
        User user = users.requireForUpdate(actor, username, AuditAction.TOKEN_ASSIGN);
        TokenRequest approved = of(user).stream().filter(r -> r.getState() == TokenRequest.State.APPROVED).findFirst().orElse(null);
        if (approved == null) {
            audit.recordRefusal(actor, user.getUsername(), AuditAction.TOKEN_ASSIGN, "not_approved",
                    "serial " + serial + "; " + of(user).stream().findFirst().map(TokenRequests::describe).orElse("no request"));
            throw new TwofoldException(ErrorCode.TOKEN_NOT_APPROVED);
        }
        Device device = inventory.assign(actor, user.getUsername(), serial);
        approved.fulfil(device.getSerial());
        audit.record(actor, user.getUsername(), AuditAction.TOKEN_REQUEST, "done", "fulfilled", describe(approved));
        return device;
    }

    /**
     * The user's approved request, which a security key may fulfil instead of a token from stock
     * ({@link Enrollment#inviteSecurityKey}); refused (audited) without one.
     *
     * @throws TwofoldException {@code TOKEN_NOT_APPROVED} without an approved request
     */
    public TokenRequest requireApproved(Actor actor, User user, String what) {
        return of(user).stream().filter(r -> r.getState() == TokenRequest.State.APPROVED).findFirst().orElseThrow(() -> {
            audit.recordRefusal(actor, user.getUsername(), AuditAction.TOKEN_ASSIGN, "not_approved",
                    what + "; " + of(user).stream().findFirst().map(TokenRequests::describe).orElse("no request"));
            return new TwofoldException(ErrorCode.TOKEN_NOT_APPROVED);
        });
    }

    /**
     * The security key the help desk handed out against the user's approved request was registered
     * as device {@code deviceId}: the approval is used up, as {@link #assign} uses it.
     *
     * @throws TwofoldException {@code TOKEN_NOT_APPROVED} (audited) if the request is no longer approved
     */
    public void fulfilWithSecurityKey(Actor actor, User user, long deviceId) {
        TokenRequest approved = requireApproved(actor, user, "security key, device " + deviceId);
        approved.fulfilWithSecurityKey(deviceId);
        audit.record(actor, user.getUsername(), AuditAction.TOKEN_REQUEST, "done", "fulfilled", describe(approved));
    }

    private List<TokenRequest> of(User user) {
        return em.createQuery("SELECT r FROM TokenRequest r WHERE r.user = :u ORDER BY r.id DESC", TokenRequest.class)
                .setParameter("u", user).getResultList();
    }

    private List<String> departmentsApprovedBy(String username) {
        return departments.all().stream().filter(d -> d.getApprover() != null && d.getApprover().equals(username)).map(Department::getName).toList();
    }

    private static String describe(TokenRequest r) {
        return "request " + r.getId() + " (" + r.getDepartment() + ") " + r.getState().name().toLowerCase(Locale.ROOT)
                + (r.getSerial() == null ? "" : ", serial " + r.getSerial());
    }
}
