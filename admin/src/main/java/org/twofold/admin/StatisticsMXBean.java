package org.twofold.admin;

/**
 * {@code org.twofold:type=Statistics}: this node's authentication figures since start, and lockouts
 * now. It also sends the notifications {@code twofold.user.lockedOut} and {@code
 * twofold.fraud.reported} as they happen ({@link SecurityAlerts}).
 */
public interface StatisticsMXBean {

    @Description("Authentication decisions since start, one line each: what was attempted, result, count.")
    String[] getAuthentications();

    @Description("Failed or refused authentication decisions since start.")
    long getFailures();

    @Description("Pushes and phone calls waiting for an answer now.")
    long getPendingTransactions();

    @Description("Users locked out now (across the cluster: read from the database).")
    long getLockedOutUsers();

    @Description("The last directory sync (across the cluster: read from the audit trail): when, who asked, and its one-line report or why it was refused; empty if there was none.")
    String getLastDirectorySync();
}
