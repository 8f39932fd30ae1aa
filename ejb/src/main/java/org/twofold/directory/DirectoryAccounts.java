package org.twofold.directory;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;
import org.twofold.user.User;
import org.twofold.user.UserSource;
import org.twofold.user.UserStatus;

/**
 * The sync's writes, a batch per transaction (so that 50,000 users are not one transaction, and a
 * failed batch loses only itself): users created, updated and disabled, each change audited with
 * the actor {@code directory}.
 */
@Stateless
public class DirectoryAccounts {
    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @EJB
    private org.twofold.device.Devices devices;

    /** Every user, as the sync compares them (by canonical username). */
    public Map<String, SyncPlan.Known> known() {
        List<Object[]> rows = em.createQuery("SELECT u.username, u.source, u.displayName, u.department, u.mail, u.mobile, u.telephone, u.status, u.directoryGoneAt "
                + "FROM User u", Object[].class).getResultList();
        Map<String, SyncPlan.Known> known = new HashMap<>(rows.size() * 2);
        for (Object[] r : rows) {
            known.put((String) r[0], new SyncPlan.Known((String) r[0], (UserSource) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                    (String) r[6], (UserStatus) r[7], r[8] != null));
        }
        return known;
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void create(List<SyncPlan.Change> batch, Instant now) {
        Actor directory = Actor.directory();
        for (SyncPlan.Change c : batch) {
            em.persist(User.fromDirectory(c.username(), c.displayName(), c.department(), c.mail(), c.mobile(), c.telephone(), now));
            audit.record(directory, c.username(), AuditAction.USER_CREATE, "done", null, "from the directory" + (c.department() == null ? "" : ", " + c.department()));
        }
    }

    /** Updates each user of the batch; returns how many were changed (one may have changed since the plan was made). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int update(List<SyncPlan.Change> batch, Instant now) {
        Actor directory = Actor.directory();
        int changed = 0;
        for (SyncPlan.Change c : batch) {
            User u = find(c.username());
            if (u == null || !u.isFromDirectory()) {
                continue;
            }
            List<String> fields = new ArrayList<>();
            if (!Objects.equals(u.getDisplayName(), c.displayName())) {
                fields.add("display name");
            }
            if (!Objects.equals(u.getDepartment(), c.department())) {
                fields.add("department " + (u.getDepartment() == null ? "-" : u.getDepartment()) + " → " + (c.department() == null ? "-" : c.department()));
            }
            if (!Objects.equals(u.getMail(), c.mail())) {
                fields.add("mail");
            }
            if (!Objects.equals(u.getMobile(), c.mobile())) {
                fields.add("mobile");
            }
            if (!Objects.equals(u.getTelephone(), c.telephone())) {
                fields.add("telephone");
            }
            UserStatus before = u.getStatus();
            boolean back = u.getDirectoryGoneAt() != null;
            if (u.applyDirectory(c.displayName(), c.department(), c.mail(), c.mobile(), c.telephone(), now)) {
                changed++;
                if (!fields.isEmpty()) {
                    audit.record(directory, u.getUsername(), AuditAction.USER_UPDATE, "done", null, String.join(", ", fields));
                }
                if (back) {
                    audit.record(directory, u.getUsername(), AuditAction.USER_STATUS, "done", "back_in_directory",
                            name(before) + " → " + name(u.getStatus()));
                }
            }
        }
        return changed;
    }

    /**
     * Disables each user of the batch as gone from the directory, or as disabled there (those in
     * {@code disabledInDirectory}: the audit's reason tells them apart); returns how many were disabled.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int disable(List<String> batch, Instant now, java.util.Set<String> disabledInDirectory) {
        Actor directory = Actor.directory();
        int disabled = 0;
        for (String username : batch) {
            User u = find(username);
            if (u == null || !u.isFromDirectory() || u.getStatus() == UserStatus.DISABLED) {
                continue;
            }
            UserStatus before = u.getStatus();
            if (u.goneFromDirectory(now)) {
                disabled++;
                audit.record(directory, u.getUsername(), AuditAction.USER_STATUS, "done", disabledInDirectory.contains(username) ? "disabled_in_directory" : "gone_from_directory", name(before) + " → " + name(u.getStatus()));
            }
        }
        return disabled;
    }

    /** Stamps every directory user the directory still has with this sync's time (one statement). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void stampSynced(Instant now) {
        em.createNativeQuery("UPDATE TF_USER SET DIRECTORYSYNCEDAT = ? WHERE USERSOURCE = 'DIRECTORY' AND DIRECTORYGONEAT IS NULL")
                .setParameter(1, Timestamp.from(now)).executeUpdate();
    }

    /** Audits a sync's outcome (its report line), or the guard's refusal, on rows of their own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordSync(Actor actor, SyncReport report) {
        if (report.disableRefused() > 0) {
            audit.record(Actor.directory(), null, AuditAction.DIRECTORY_SYNC, "refused", "mass_disable",
                    "would disable " + report.disableRefused() + " of " + report.activeBefore() + " active directory users; nobody disabled");
        }
        audit.record(actor, null, AuditAction.DIRECTORY_SYNC, "done", null, report.line());
    }

    /** The directory's phone numbers of this user that no device of theirs has: offered to enroll ({@link DirectoryPhones}); none for a local user. */
    public List<DirectoryPhones.Offer> offeredPhones(String username) {
        User u = find(username);
        if (u == null || !u.isFromDirectory()) {
            return List.of();
        }
        java.util.Set<String> enrolled = new java.util.HashSet<>();
        devices.list(u.getUsername()).forEach(d -> {
            if (d.maskedNumber() != null) {
                enrolled.add(d.maskedNumber());
            }
        });
        return DirectoryPhones.offered(u.getMobile(), u.getTelephone(), enrolled);
    }

    /** The directory's number of this kind for the user, if it is still offered (else null). */
    public org.twofold.device.PhoneNumber offeredNumber(String username, DirectoryPhones.Source source) {
        User u = find(username);
        if (u == null || offeredPhones(username).stream().noneMatch(o -> o.source() == source)) {
            return null;
        }
        return DirectoryPhones.parse(source == DirectoryPhones.Source.MOBILE ? u.getMobile() : u.getTelephone());
    }

    /** Takes the cluster's sync lease for a sync starting {@code now} ({@link SyncLease#take}); whether this node holds it. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean takeLease(String node, Instant now, boolean scheduled) {
        return lease(node).take(now, scheduled);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean extendLease(String node, Instant now) {
        return lease(node).extend(now);
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void releaseLease(String node, Instant nextDue) {
        lease(node).release(nextDue);
    }

    private SyncLease lease(String node) {
        return new SyncLease((sql, parameters) -> {
            jakarta.persistence.Query q = em.createNativeQuery(sql);
            for (int i = 0; i < parameters.length; i++) {
                q.setParameter(i + 1, parameters[i]);
            }
            return q.executeUpdate();
        }, node);
    }

    private User find(String username) {
        return em.createNamedQuery(User.BY_USERNAME, User.class).setParameter("username", username).getResultStream().findFirst().orElse(null);
    }

    private static String name(UserStatus s) {
        return s.name().toLowerCase(Locale.ROOT);
    }
}
