package org.twofold.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A school or department with the person who approves hardware tokens for its users (the seed's
 * list: "School of Law — Mike Green"). Departments and approvers are data, not configuration.
 */
@Entity
@Table(name = "TF_DEPARTMENT")
@NamedQuery(name = Department.BY_NAME, query = "SELECT d FROM Department d WHERE d.name = :name")
public class Department {
    public static final String BY_NAME = "Department.byName";

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "TF_IDS")
    private Long id;

    @Column(nullable = false, unique = true, length = 100)
    private String name;

    /** Username of the approver. */
    @Column(length = 64)
    private String approver;

    @Column(nullable = false)
    private Instant createdAt;

    protected Department() {
    }

    Department(String name, String approver, Instant createdAt) {
        this.name = name;
        this.approver = approver;
        this.createdAt = createdAt;
    }

    public String getName() {
        return name;
    }

    public String getApprover() {
        return approver;
    }

    void changeApprover(String approver) {
        this.approver = approver;
    }
}
