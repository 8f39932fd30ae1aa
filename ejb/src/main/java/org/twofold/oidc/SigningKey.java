package org.twofold.oidc;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * One of the provider's signing keys: its {@code kid}, algorithm, the private JWK sealed under the
 * data key, when it was made and when a rotation retired it ({@link KeyRing}).
 */
@Entity
@Table(name = "TF_OIDC_KEY")
@NamedQuery(name = SigningKey.LIVE, query = "SELECT k FROM SigningKey k WHERE k.retiredAt IS NULL OR k.retiredAt > :since")
@NamedQuery(name = SigningKey.CURRENT, query = "SELECT k FROM SigningKey k WHERE k.retiredAt IS NULL")
public class SigningKey {
    static final String LIVE = "SigningKey.live";
    static final String CURRENT = "SigningKey.current";
    static final String SEAL_PURPOSE = "oidc-signing-key";

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "TF_IDS")
    private Long id;

    @Column(nullable = false, unique = true, length = 50)
    private String kid;

    @Column(nullable = false, length = 10)
    private String algorithm;

    @Column(nullable = false, length = 4000)
    private String sealedJwk;

    @Column(nullable = false)
    private Instant createdAt;

    private Instant retiredAt;

    protected SigningKey() {
    }

    SigningKey(String kid, String algorithm, String sealedJwk, Instant createdAt) {
        this.kid = kid;
        this.algorithm = algorithm;
        this.sealedJwk = sealedJwk;
        this.createdAt = createdAt;
    }

    String getKid() {
        return kid;
    }

    String sealedJwk() {
        return sealedJwk;
    }

    Instant getCreatedAt() {
        return createdAt;
    }

    Instant getRetiredAt() {
        return retiredAt;
    }

    void retire(Instant now) {
        retiredAt = now;
    }
}
