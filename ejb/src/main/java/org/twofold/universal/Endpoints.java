package org.twofold.universal;

/** The paths of Duo's OIDC Auth API, as Duo's SDKs call them and name them in their JWTs' audiences and the ID token's issuer. */
public final class Endpoints {
    public static final String HEALTH_CHECK = "/oauth/v1/health_check";
    public static final String AUTHORIZE = "/oauth/v1/authorize";
    public static final String TOKEN = "/oauth/v1/token";

    private Endpoints() {
    }
}
