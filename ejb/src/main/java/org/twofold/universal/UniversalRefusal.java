package org.twofold.universal;

/**
 * Why a request, client assertion or code of the Universal Prompt flow is not accepted: a reason
 * word for the audit trail ({@code wrong_signature}, {@code expired_request}, ...). Callers never
 * tell the client more than the OAuth error ({@link #error()}).
 */
public final class UniversalRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String reason;
    private final String error;

    UniversalRefusal(String reason) {
        this(reason, "invalid_request");
    }

    UniversalRefusal(String reason, String error) {
        super(reason, null, false, false);
        this.reason = reason;
        this.error = error;
    }

    /** The audit trail's word for the cause. */
    public String reason() {
        return reason;
    }

    /** The OAuth 2.0 error code (RFC 6749 §5.2) the client is answered with. */
    public String error() {
        return error;
    }
}
