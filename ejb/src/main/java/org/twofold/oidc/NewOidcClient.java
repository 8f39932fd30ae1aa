package org.twofold.oidc;

import java.util.List;

/**
 * A relying party just registered: what the administrator puts into the application's configuration.
 * The secret (a confidential client's; null for a public client) is shown this once and stored
 * only as a keyed hash.
 */
public record NewOidcClient(String clientId, String name, ClientType type, List<String> redirectUris, String clientSecret) {
}
