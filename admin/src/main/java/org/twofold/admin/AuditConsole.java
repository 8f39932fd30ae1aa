package org.twofold.admin;

import org.twofold.audit.AuditEvent;
import org.twofold.audit.AuditTrail;
import org.twofold.user.Usernames;

/** The Audit MBean. */
final class AuditConsole implements AuditMXBean {
    private final AuditTrail audit;

    AuditConsole(AuditTrail audit) {
        this.audit = audit;
    }

    @Override
    public String[] recent(int count) {
        return audit.recent(count).stream().map(AuditEvent::toString).toArray(String[]::new);
    }

    @Override
    public String[] forUser(String username, int count) {
        return audit.forUser(Usernames.canonical(username), count).stream().map(AuditEvent::toString).toArray(String[]::new);
    }
}
