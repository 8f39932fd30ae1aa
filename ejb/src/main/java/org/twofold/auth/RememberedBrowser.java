package org.twofold.auth;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import org.twofold.user.User;

/**
 * "Remember me for 8 hours": a browser trusted for one user and one application until it
 * expires or is forgotten. The browser holds a random token; only its keyed hash is stored here.
 */
@Entity
@Table(name = "TF_REMEMBERED")
public class RememberedBrowser {
    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "TF_IDS")
    private Long id;

    @ManyToOne(optional = false, fetch = FetchType.LAZY)
    @JoinColumn(name = "USER_ID")
    private User user;

    @Column(nullable = false, length = 100)
    private String application;

    @Column(nullable = false, length = 64)
    private String tokenHash;

    @Column(nullable = false)
    private Instant createdAt;

    @Column(nullable = false)
    private Instant expiresAt;

    protected RememberedBrowser() {
    }

    RememberedBrowser(User user, String application, String tokenHash, Instant createdAt, Instant expiresAt) {
        this.user = user;
        this.application = application;
        this.tokenHash = tokenHash;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
    }

    String tokenHash() {
        return tokenHash;
    }

    public String getApplication() {
        return application;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }
}
