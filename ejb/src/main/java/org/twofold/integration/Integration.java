package org.twofold.integration;

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

/**
 * An application allowed to call the SOAP API or to use the hosted login prompt: a name, an
 * integration key, a sealed secret and, for the hosted prompt, its registered return URL.
 */
@Entity
@Table(name = "TF_INTEGRATION")
@NamedQuery(name = Integration.BY_KEY, query = "SELECT i FROM Integration i WHERE i.integrationKey = :key")
public class Integration {
    public static final String BY_KEY = "Integration.byKey";
    static final String SECRET_PURPOSE = "integration-secret";

    @Id
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "TF_IDS")
    private Long id;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(nullable = false, unique = true, length = 32)
    private String integrationKey;

    @Column(nullable = false, length = 200)
    private String sealedSecret;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private IntegrationStatus status = IntegrationStatus.ENABLED;

    @Column(nullable = false)
    private Instant createdAt;

    /** Where the hosted prompt sends the user back with a signed result; null: not a hosted-prompt application. */
    @Column(length = 500)
    private String returnUrl;

    protected Integration() {
    }

    Integration(String name, String integrationKey, String sealedSecret, Instant createdAt) {
        this.name = name;
        this.integrationKey = integrationKey;
        this.sealedSecret = sealedSecret;
        this.createdAt = createdAt;
    }

    public String getName() {
        return name;
    }

    public String getIntegrationKey() {
        return integrationKey;
    }

    String sealedSecret() {
        return sealedSecret;
    }

    public String getReturnUrl() {
        return returnUrl;
    }

    void setReturnUrl(String returnUrl) {
        this.returnUrl = returnUrl;
    }

    void disable() {
        status = IntegrationStatus.DISABLED;
    }

    public boolean isEnabled() {
        return status == IntegrationStatus.ENABLED;
    }
}
