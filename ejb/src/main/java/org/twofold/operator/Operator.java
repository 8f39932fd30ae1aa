package org.twofold.operator;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/** A help-desk or administrator account for the JMX console. */
@Entity
@Table(name = "TF_OPERATOR")
@NamedQuery(name = Operator.BY_NAME, query = "SELECT o FROM Operator o WHERE o.name = :name")
public class Operator {
    public static final String BY_NAME = "Operator.byName";

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "TF_IDS")
    private Long id;

    @Column(nullable = false, unique = true, length = 64)
    private String name;

    @Column(nullable = false, length = 200)
    private String passwordHash;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private OperatorRole role;

    @Column(nullable = false)
    private Instant createdAt;

    protected Operator() {
    }

    Operator(String name, String passwordHash, OperatorRole role, Instant createdAt) {
        this.name = name;
        this.passwordHash = passwordHash;
        this.role = role;
        this.createdAt = createdAt;
    }

    public String getName() {
        return name;
    }

    public OperatorRole getRole() {
        return role;
    }

    String passwordHash() {
        return passwordHash;
    }
}
