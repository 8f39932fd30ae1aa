package org.twofold.admin;

import java.beans.ConstructorProperties;

/**
 * A new OpenID Connect client as consoles see it (open data): what to put into the application's
 * configuration — its client id, name, type, the registered redirect URIs (one string, space
 * separated), and a confidential client's secret, shown only this once (empty for a public client).
 */
public final class NewOidcClient {
    private final String clientId;
    private final String name;
    private final String type;
    private final String redirectUris;
    private final String clientSecret;

    @ConstructorProperties({"clientId", "name", "type", "redirectUris", "clientSecret"})
    public NewOidcClient(String clientId, String name, String type, String redirectUris, String clientSecret) {
        this.clientId = clientId;
        this.name = name;
        this.type = type;
        this.redirectUris = redirectUris;
        this.clientSecret = clientSecret;
    }

    public String getClientId() {
        return clientId;
    }

    public String getName() {
        return name;
    }

    public String getType() {
        return type;
    }

    public String getRedirectUris() {
        return redirectUris;
    }

    public String getClientSecret() {
        return clientSecret;
    }
}
