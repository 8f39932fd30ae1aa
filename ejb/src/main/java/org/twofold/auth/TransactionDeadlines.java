package org.twofold.auth;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

/**
 * Ends pending transactions whose deadline has passed, every few seconds, so that an unanswered
 * push or call is recorded as a time-out even if nobody asks for its status — also those that were
 * pending when the server stopped.
 */
@Singleton
@Startup
public class TransactionDeadlines {
    @EJB
    private Transactions transactions;

    @Schedule(second = "*/5", minute = "*", hour = "*", persistent = false)
    void sweep() {
        transactions.expireOverdue();
    }
}
