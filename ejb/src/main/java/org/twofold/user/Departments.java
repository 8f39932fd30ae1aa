package org.twofold.user;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.twofold.DisplayName;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;

/** Departments and their hardware-token approvers. */
@Stateless
public class Departments {
    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @EJB
    private AuditTrail audit;

    @EJB
    private Users users;

    @Inject
    private Clock clock;

    /** Creates a department, or changes the approver of an existing one. */
    public Department createOrUpdate(Actor actor, String name, String approverUsername) {
        String n;
        try {
            n = DisplayName.checked(name, "department");
        } catch (TwofoldException e) {
            throw audit.refused(actor, null, AuditAction.DEPARTMENT_CREATE, e, "name");
        }
        String approver = approverUsername == null || approverUsername.isBlank() ? null
                : users.require(actor, approverUsername, AuditAction.DEPARTMENT_CREATE).getUsername();
        Optional<Department> existing = find(n);
        if (existing.isPresent()) {
            String before = existing.get().getApprover();
            existing.get().changeApprover(approver);
            audit.record(actor, null, AuditAction.DEPARTMENT_UPDATE, "done", null, n + ": approver " + before + " → " + approver);
            return existing.get();
        }
        Department d = new Department(n, approver, clock.instant());
        em.persist(d);
        audit.record(actor, null, AuditAction.DEPARTMENT_CREATE, "done", null, n + ", approver " + approver);
        return d;
    }

    public Optional<Department> find(String name) {
        return em.createNamedQuery(Department.BY_NAME, Department.class).setParameter("name", name).getResultList().stream().findFirst();
    }

    public List<Department> all() {
        return em.createQuery("SELECT d FROM Department d ORDER BY d.name", Department.class).getResultList();
    }
}
