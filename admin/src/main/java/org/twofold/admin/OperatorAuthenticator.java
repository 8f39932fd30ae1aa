package org.twofold.admin;

import java.rmi.server.RemoteServer;
import java.rmi.server.ServerNotActiveException;
import java.util.Set;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXPrincipal;
import javax.security.auth.Subject;
import org.twofold.operator.OperatorRole;
import org.twofold.operator.Operators;

/**
 * Checks a JMX login against Twofold's operator accounts. A wrong name or password is refused with
 * one message (the audit row says which); the Subject carries the operator and role for the
 * {@link RoleGuard} and for attributing every call.
 */
final class OperatorAuthenticator implements JMXAuthenticator {
    private final Operators operators;

    OperatorAuthenticator(Operators operators) {
        this.operators = operators;
    }

    @Override
    public Subject authenticate(Object credentials) {
        if (!(credentials instanceof String[] pair) || pair.length != 2 || pair[0] == null || pair[1] == null) {
            throw new SecurityException("Credentials required: an operator name and password");
        }
        String origin = clientHost();
        OperatorRole role = operators.authenticate(pair[0], pair[1].toCharArray(), origin)
                .orElseThrow(() -> new SecurityException("Authentication failed"));
        return new Subject(true, Set.of(new JMXPrincipal(pair[0]), new OperatorPrincipal(pair[0], role, origin)), Set.of(), Set.of());
    }

    private static String clientHost() {
        try {
            return RemoteServer.getClientHost();
        } catch (ServerNotActiveException e) {
            return null;
        }
    }
}
