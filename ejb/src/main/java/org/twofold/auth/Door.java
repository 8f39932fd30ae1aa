package org.twofold.auth;

/**
 * Which kind of front end asks "may this user log in, and how?" ({@link Authentication#preauth}):
 * it decides whether a security key or passkey can be used. WebAuthn needs the person's browser on
 * Twofold's own origin (W3C WebAuthn §5.1.3: the origin is checked), so only Twofold's pages can
 * run its ceremony — the login prompt, and the doors that send the browser to it (the hosted
 * prompt, OpenID Connect, the Duo Universal Prompt). SOAP, the Duo Auth API, pam_duo and RADIUS
 * carry a typed factor only.
 */
public enum Door {
    /** Twofold's pages in the person's browser: a security key is a capability ({@code webauthn}). */
    PAGES,
    /** An API door (SOAP, Duo Auth API, pam_duo, RADIUS): a security key is not offered. */
    API;

    /** Whether a security key or passkey can be used through this door. */
    public boolean runsSecurityKeys() {
        return this == PAGES;
    }
}
