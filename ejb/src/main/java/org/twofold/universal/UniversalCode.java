package org.twofold.universal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An authorization code of the Universal Prompt flow (RFC 6749 §4.1.2): stored by its SHA-256 only,
 * bound to the client and the redirect URI it was issued for, valid {@link UniversalPrompt#CODE_LIFETIME}
 * and redeemed once ({@code redeemedAt}); it carries the result the ID token tells. In the database,
 * so that the exchange may reach any node.
 */
@Entity
@Table(name = "TF_UNIVERSAL_CODE")
class UniversalCode {
    @Id
    @Column(name = "CODEHASH", length = 64)
    private String codeHash;

    @Column(name = "CLIENTID", nullable = false, length = 32)
    private String clientId;

    @Column(name = "REDIRECTURI", nullable = false, length = 500)
    private String redirectUri;

    @Column(name = "USERNAME", nullable = false, length = 100)
    private String username;

    @Column(name = "NONCE", length = 1024)
    private String nonce;

    @Column(name = "FACTOR", nullable = false, length = 32)
    private String factor;

    @Column(name = "ORIGIN", length = 100)
    private String origin;

    @Column(name = "AUTHTIME", nullable = false)
    private Instant authTime;

    @Column(name = "EXPIRESAT", nullable = false)
    private Instant expiresAt;

    @Column(name = "REDEEMEDAT")
    private Instant redeemedAt;

    protected UniversalCode() {
    }

    UniversalCode(String codeHash, UniversalLogin login, String factor, String origin, Instant authTime, Instant expiresAt) {
        this.codeHash = codeHash;
        this.clientId = login.clientId();
        this.redirectUri = login.redirectUri();
        this.username = login.username();
        this.nonce = login.nonce();
        this.factor = factor;
        this.origin = origin;
        this.authTime = authTime;
        this.expiresAt = expiresAt;
    }

    /** Why this code cannot be redeemed by {@code clientId} for {@code redirectUri} at {@code now}, or null if it can. */
    String refusal(String clientId, String redirectUri, Instant now) {
        if (!this.clientId.equals(clientId)) {
            return "code_of_another_client";
        }
        if (redeemedAt != null) {
            return "code_replayed";
        }
        if (now.isAfter(expiresAt)) {
            return "code_expired";
        }
        if (!this.redirectUri.equals(redirectUri)) {
            return "redirect_uri_mismatch";
        }
        return null;
    }

    String codeHash() {
        return codeHash;
    }

    String username() {
        return username;
    }

    String nonce() {
        return nonce;
    }

    String factor() {
        return factor;
    }

    String origin() {
        return origin;
    }

    Instant authTime() {
        return authTime;
    }
}
