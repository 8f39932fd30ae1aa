package org.twofold.directory;

/**
 * The directory did not answer (no server of {@code TWOFOLD_LDAP_URL} reachable, TLS refused, the
 * service account's bind refused, a time-out): nothing is decided from a silent directory — no
 * login, no lockout count, and no user disabled by a sync.
 */
public class DirectoryUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DirectoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
