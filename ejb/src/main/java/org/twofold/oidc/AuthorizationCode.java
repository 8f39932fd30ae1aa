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
 * An authorization code issued after a login (RFC 6749 §4.1.2), stored only as its keyed hash and
 * bound to everything the token request must repeat or prove: the client, the exact redirect URI,
 * the PKCE challenge, and what the ID token will say (user, nonce, when and how the user logged
 * in). Valid for {@link OpenIdProvider#CODE_VALIDITY}, redeemed at most once ({@link #USE}, a
 * conditional update, so two concurrent redemptions cannot both win).
 */
@Entity
@Table(name = "TF_OIDC_CODE")
@NamedQuery(name = AuthorizationCode.BY_HASH, query = "SELECT c FROM AuthorizationCode c WHERE c.codeHash = :hash")
@NamedQuery(name = AuthorizationCode.USE, query = "UPDATE AuthorizationCode c SET c.used = 'Y' WHERE c.id = :id AND c.used = 'N'")
@NamedQuery(name = AuthorizationCode.SWEEP, query = "DELETE FROM AuthorizationCode c WHERE c.expiresAt < :before")
public class AuthorizationCode {
    static final String BY_HASH = "AuthorizationCode.byHash";
    static final String USE = "AuthorizationCode.use";
    static final String SWEEP = "AuthorizationCode.sweep";
    static final String HASH_PURPOSE = "oidc-code";

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "TF_IDS")
    private Long id;

    @Column(nullable = false, unique = true, length = 64)
    private String codeHash;

    @Column(nullable = false, length = 40)
    private String clientId;

    @Column(nullable = false, length = 500)
    private String redirectUri;

    @Column(nullable = false, length = 100)
    private String username;

    @Column(nullable = false, length = 200)
    private String scope;

    @Column(length = 200)
    private String nonce;

    @Column(length = 64)
    private String codeChallenge;

    @Column(nullable = false)
    private Instant authTime;

    /** The login prompt's keyword for the factor the login used ({@link AuthenticationMethods#of}). */
    @Column(nullable = false, length = 30)
    private String factor;

    @Column(nullable = false)
    private Instant expiresAt;

    /** {@code Y} once redeemed (or refused for replay). */
    @Column(nullable = false, length = 1)
    private String used = "N";

    protected AuthorizationCode() {
    }

    AuthorizationCode(String codeHash, Authorization a, String username, String factor, Instant authTime, Instant expiresAt) {
        this.codeHash = codeHash;
        this.clientId = a.clientId();
        this.redirectUri = a.redirectUri();
        this.username = username;
        this.scope = a.scope();
        this.nonce = a.nonce();
        this.codeChallenge = a.codeChallenge();
        this.authTime = authTime;
        this.factor = factor;
        this.expiresAt = expiresAt;
    }

    Long getId() {
        return id;
    }

    String getClientId() {
        return clientId;
    }

    String getRedirectUri() {
        return redirectUri;
    }

    String getUsername() {
        return username;
    }

    String getScope() {
        return scope;
    }

    String getNonce() {
        return nonce;
    }

    String getCodeChallenge() {
        return codeChallenge;
    }

    Instant getAuthTime() {
        return authTime;
    }

    String getFactor() {
        return factor;
    }

    Instant getExpiresAt() {
        return expiresAt;
    }

    boolean isUsed() {
        return "Y".equals(used);
    }
}
