package org.twofold.oidc;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.Optional;
import org.twofold.secret.CodeHasher;

/**
 * A relying party an administrator registered: its generated client id, a name for people, its
 * {@link ClientType}, its redirect URIs, and for a confidential client the keyed hash of its secret
 * (the secret itself is shown once and never stored). A disabled client keeps its row for the
 * audit trail; it can no longer start a login or redeem a code.
 */
@Entity
@Table(name = "TF_OIDC_CLIENT")
@NamedQuery(name = OidcClient.BY_CLIENT_ID, query = "SELECT c FROM OidcClient c WHERE c.clientId = :clientId")
@NamedQuery(name = OidcClient.BY_NAME, query = "SELECT c FROM OidcClient c WHERE c.name = :name")
public class OidcClient {
    static final String BY_CLIENT_ID = "OidcClient.byClientId";
    static final String BY_NAME = "OidcClient.byName";
    /** The purpose bound into the secret's keyed hash. */
    static final String SECRET_PURPOSE = "oidc-client-secret";

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "TF_IDS")
    private Long id;

    @Column(nullable = false, unique = true, length = 40)
    private String clientId;

    @Column(nullable = false, unique = true, length = 100)
    private String name;

    @Enumerated(EnumType.STRING)
    @Column(name = "CLIENTTYPE", nullable = false, length = 20)
    private ClientType type;

    /** One URL a line ({@link RedirectUris}). */
    @Column(nullable = false, length = 2600)
    private String redirectUris;

    /** The keyed hash of the secret; null for a public client. */
    @Column(length = 100)
    private String secretHash;

    /** {@code Y} or {@code N}. */
    @Column(nullable = false, length = 1)
    private String enabled = "Y";

    @Column(nullable = false)
    private Instant createdAt;

    protected OidcClient() {
    }

    OidcClient(String clientId, String name, ClientType type, RedirectUris redirectUris, String secretHash, Instant createdAt) {
        this.clientId = clientId;
        this.name = name;
        this.type = type;
        this.redirectUris = redirectUris.stored();
        this.secretHash = secretHash;
        this.createdAt = createdAt;
    }

    public String getClientId() {
        return clientId;
    }

    public String getName() {
        return name;
    }

    public ClientType getType() {
        return type;
    }

    public RedirectUris redirectUris() {
        return RedirectUris.fromStored(redirectUris);
    }

    /** Whether {@code secret} is this client's secret (a keyed hash compared in constant time). */
    boolean secretMatches(CodeHasher hasher, String secret) {
        return secretHash != null && secret != null && hasher.matches(SECRET_PURPOSE, 0, clientId + ":" + secret, secretHash);
    }

    /** The client with this id, if any. */
    static Optional<OidcClient> find(EntityManager em, String clientId) {
        if (clientId == null || clientId.isEmpty() || clientId.length() > 40) {
            return Optional.empty();
        }
        return em.createNamedQuery(BY_CLIENT_ID, OidcClient.class).setParameter("clientId", clientId).getResultStream().findFirst();
    }

    public boolean isEnabled() {
        return "Y".equals(enabled);
    }

    void disable() {
        enabled = "N";
    }
}
