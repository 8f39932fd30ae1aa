package org.twofold.admin;

/** {@code org.twofold:type=Audit}: reading the audit trail, newest first, one readable line each. */
public interface AuditMXBean {

    @Description("The newest audit events (at most 1000), newest first.")
    String[] recent(@Param(value = "count", description = "how many events") int count);

    @Description("The newest audit events about one user, newest first.")
    String[] forUser(@Param("username") String username, @Param(value = "count", description = "how many events") int count);
}
