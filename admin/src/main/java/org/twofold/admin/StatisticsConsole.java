package org.twofold.admin;

import org.twofold.audit.Statistics;
import org.twofold.auth.Authentication;
import org.twofold.user.Users;

/** The Statistics MBean. */
final class StatisticsConsole implements StatisticsMXBean {
    private final Statistics statistics;
    private final Users users;
    private final Authentication authentication;

    StatisticsConsole(Statistics statistics, Users users, Authentication authentication) {
        this.statistics = statistics;
        this.users = users;
        this.authentication = authentication;
    }

    @Override
    public long getPendingTransactions() {
        return authentication.pendingCount();
    }

    @Override
    public String[] getAuthentications() {
        return statistics.snapshot().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toArray(String[]::new);
    }

    @Override
    public long getFailures() {
        return statistics.snapshot().entrySet().stream()
                .filter(e -> e.getKey().endsWith(" deny") || e.getKey().endsWith(" refused"))
                .mapToLong(java.util.Map.Entry::getValue).sum();
    }

    @Override
    public long getLockedOutUsers() {
        return users.countLockedOut();
    }

    /** The directory sync, for {@link #getLastDirectorySync}. */
    private org.twofold.directory.DirectorySync directorySync;

    StatisticsConsole withDirectorySync(org.twofold.directory.DirectorySync directorySync) {
        this.directorySync = directorySync;
        return this;
    }

    @Override
    public String getLastDirectorySync() {
        return directorySync.lastSync().orElse("");
    }
}
