package org.twofold.admin;

import java.security.Principal;
import org.twofold.operator.OperatorRole;

/** The operator behind a JMX connection, with their role; held in the connection's Subject. */
record OperatorPrincipal(String getName, OperatorRole role, String origin) implements Principal {
}
