package org.twofold.admin;

import java.beans.ConstructorProperties;

/** A new integration as consoles see it (open data): name, integration key, and the secret shown once. */
public final class NewIntegration {
    private final String name;
    private final String integrationKey;
    private final String secret;

    @ConstructorProperties({"name", "integrationKey", "secret"})
    public NewIntegration(String name, String integrationKey, String secret) {
        this.name = name;
        this.integrationKey = integrationKey;
        this.secret = secret;
    }

    public String getName() {
        return name;
    }

    public String getIntegrationKey() {
        return integrationKey;
    }

    public String getSecret() {
        return secret;
    }
}
