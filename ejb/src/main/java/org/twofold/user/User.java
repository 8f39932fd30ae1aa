package org.twofold.user;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A person who logs in with a second factor: a username (e.g. a university ID), a display name, a
 * department and a status. The primary password is kept only as a {@link
 * org.twofold.secret.PasswordHash}.
 */
@Entity
@Table(name = "TF_USER")
@NamedQuery(name = User.BY_USERNAME, query = "SELECT u FROM User u WHERE u.username = :username")
public class User {
    public static final String BY_USERNAME = "User.byUsername";

    @Id
    @TableGenerator(name = "TF_IDS", table = "TF_SEQUENCE", pkColumnName = "SEQ_NAME", valueColumnName = "SEQ_COUNT",
            pkColumnValue = "TF_IDS", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "TF_IDS")
    private Long id;

    @Column(nullable = false, unique = true, length = 64)
    private String username;

    @Column(length = 200)
    private String displayName;

    @Column(length = 100)
    private String department;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private UserStatus status = UserStatus.ACTIVE;

    @Column(length = 200)
    private String passwordHash;

    @Column(nullable = false)
    private Instant createdAt;

    protected User() {
    }

    public User(String username, String displayName, String department, Instant createdAt) {
        this.username = username;
        this.displayName = displayName;
        this.department = department;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public String getUsername() {
        return username;
    }

    public String getDisplayName() {
        return displayName;
    }

    public String getDepartment() {
        return department;
    }

    public UserStatus getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    String passwordHash() {
        return passwordHash;
    }

    void changePasswordHash(String hash) {
        this.passwordHash = hash;
    }

    /** Whether this user may try to log in at all (not disabled, not locked out). */
    public boolean mayAuthenticate() {
        return status == UserStatus.ACTIVE || status == UserStatus.BYPASS;
    }
}
