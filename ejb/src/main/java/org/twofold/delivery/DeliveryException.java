package org.twofold.delivery;

/**
 * A text or call the carrier did not accept: it refused the request (a non-2xx HTTP status), could
 * not be reached, or did not answer in time. Unchecked, like {@link org.twofold.TwofoldException},
 * but not a request error of the user's: the caller decides whether to fail the transaction or
 * offer another factor. The message names the HTTP status and the masked recipient only; it never
 * carries the carrier credentials, the text (it holds passcodes) or the whole phone number.
 */
public class DeliveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DeliveryException(String message) {
        super(message);
    }

    public DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }
}
