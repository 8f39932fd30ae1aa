package org.twofold;

import jakarta.ejb.ApplicationException;
import java.util.Optional;

/**
 * A request Twofold cannot serve (unknown user, missing field, bad credentials...). It rolls the
 * transaction back, so a service that must leave an audit row for a refusal writes it in its own
 * transaction first (or, for the first change of a transaction, throws {@link CommittedRefusal}). Expected outcomes such as a wrong passcode are results, not this exception.
 *
 * <p>A refusal is an answer, not a fault of the code: it carries no stack trace (filling one in was
 * a sixth of the work of refusing an unknown user), and its code and message say all there is.
 */
@ApplicationException(rollback = true)
public class TwofoldException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public TwofoldException(ErrorCode code) {
        this(code, code.text());
    }

    public TwofoldException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /**
     * The TwofoldException {@code t} is or was caused by (a container may wrap it, e.g. in an
     * EJBException), so that every boundary maps the same error code.
     */
    public static Optional<TwofoldException> in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof TwofoldException te) {
                return Optional.of(te);
            }
        }
        return Optional.empty();
    }
}
