package org.twofold.oidc;

import jakarta.ejb.ApplicationException;

/**
 * A request the provider refuses, in the protocol's words (RFC 6749 §4.1.2.1 and §5.2, OpenID
 * Connect Core §3.1.2.6): the {@code error} code and a description for the developer. An error is
 * {@link #redirectable()} when the client and redirect URI were verified, so the answer goes back to
 * the application; otherwise (unknown or disabled client, unregistered redirect URI) the user is
 * shown an error page and nothing is sent anywhere (RFC 6749 §4.1.2.1: "MUST NOT automatically
 * redirect"). Already audited by the service that throws it. It does not roll back: a code whose
 * redemption is refused stays spent.
 */
@ApplicationException(rollback = false)
public class OidcError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String error;
    private final boolean redirectable;

    public OidcError(String error, String description, boolean redirectable) {
        super(description, null, false, false);
        this.error = error;
        this.redirectable = redirectable;
    }

    /** The protocol's error code: {@code invalid_request}, {@code invalid_grant}, ... */
    public String error() {
        return error;
    }

    public String description() {
        return getMessage();
    }

    public boolean redirectable() {
        return redirectable;
    }
}
