package org.twofold.admin;

import java.rmi.server.RemoteServer;
import java.rmi.server.ServerNotActiveException;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;
import org.twofold.operator.Operators;

/**
 * Checks a JMX login against Twofold's operator accounts. A wrong name or password is refused with
 * one message (the audit row says which); repeated failures for a name or from an address are
 * throttled ({@link LoginThrottle}); the Subject carries the operator and role for the
 * {@link RoleGuard} and for attributing every call.
 */
final class OperatorAuthenticator implements JMXAuthenticator {
    /** Failed logins per operator name, and per client address, before attempts are refused unchecked. */
    static final int MAX_FAILURES_PER_NAME = 5;
    static final int MAX_FAILURES_PER_ADDRESS = 20;
    static final Duration WINDOW = Duration.ofMinutes(15);

    private final Operators operators;
    private final LoginThrottle byName = new LoginThrottle(MAX_FAILURES_PER_NAME, WINDOW);
    private final LoginThrottle byAddress = new LoginThrottle(MAX_FAILURES_PER_ADDRESS, WINDOW);

    OperatorAuthenticator(Operators operators) {
        this.operators = operators;
    }

    @Override
    public Subject authenticate(Object credentials) {
        if (!(credentials instanceof String[] pair) || pair.length != 2 || pair[0] == null || pair[1] == null) {
            throw new SecurityException("Credentials required: an operator name and password");
        }
        String origin = clientHost();
        String address = origin == null ? "local" : origin;
        Instant now = Instant.now();
        if (!byName.allows(pair[0], now) || !byAddress.allows(address, now)) {
            operators.refuseThrottled(pair[0], origin);
            throw new SecurityException("Authentication failed: too many failed logins; try again later");
        }
        var role = operators.authenticate(pair[0], pair[1].toCharArray(), origin);
        if (role.isEmpty()) {
            byName.failed(pair[0], now);
            byAddress.failed(address, now);
            throw new SecurityException("Authentication failed");
        }
        byName.succeeded(pair[0]);
        return new Subject(true, Set.of(new JMXPrincipal(pair[0]), new OperatorPrincipal(pair[0], role.get(), origin)), Set.of(), Set.of());
    }

    private static String clientHost() {
        try {
            return RemoteServer.getClientHost();
        } catch (ServerNotActiveException e) {
            return null;
        }
    }
}
