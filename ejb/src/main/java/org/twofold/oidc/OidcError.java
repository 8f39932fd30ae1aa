package org.twofold.oidc;

import jakarta.ejb.ApplicationException;

/**
 * A request the provider refuses, in the protocol's words (RFC 6749 §4.1.2.1 and §5.2, OpenID
 * Connect Core §3.1.2.6): the {@code error} code and a description for the developer. An error is
 * {@link #redirectable()} when the client and redirect URI were verified, and then carries that
 * URI and the request's {@code state}, so the answer goes back to the application; otherwise
 * (unknown or disabled client, unregistered redirect URI) the user is shown an error page and
 * nothing is sent anywhere (RFC 6749 §4.1.2.1: "MUST NOT automatically redirect"). Already audited by
 * the service that throws it. It does not roll back: a code whose redemption is refused stays spent.
 */
@ApplicationException(rollback = false)
public class OidcError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String error;
    private final String redirectUri;
    private final String state;

    /** A refusal answered to the caller itself (an error page, or the token endpoint's JSON). */
    public OidcError(String error, String description) {
        this(error, description, null, null);
    }

    /** A refusal sent back to the application at its verified {@code redirectUri}, with its {@code state}. */
    public OidcError(String error, String description, String redirectUri, String state) {
        super(description, null, false, false);
        this.error = error;
        this.redirectUri = redirectUri;
        this.state = state;
    }

    /** The protocol's error code: {@code invalid_request}, {@code invalid_grant}, ... */
    public String error() {
        return error;
    }

    public String description() {
        return getMessage();
    }

    public boolean redirectable() {
        return redirectUri != null;
    }

    /** The verified redirect URI the error goes to; null if it is not redirectable. */
    public String redirectUri() {
        return redirectUri;
    }

    /** The request's {@code state} to return with it, or null. */
    public String state() {
        return state;
    }
}
