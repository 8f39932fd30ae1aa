package org.twofold.admin;

import org.twofold.audit.Statistics;
import org.twofold.auth.Transactions;
import org.twofold.user.Users;

/** The Statistics MBean. */
final class StatisticsConsole implements StatisticsMXBean {
    private final Statistics statistics;
    private final Users users;
    private final Transactions transactions;

    StatisticsConsole(Statistics statistics, Users users, Transactions transactions) {
        this.statistics = statistics;
        this.users = users;
        this.transactions = transactions;
    }

    @Override
    public long getPendingTransactions() {
        return transactions.countPending();
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
}
