package org.twofold.integration;

import jakarta.ejb.EJB;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

/** Forgets the nonces of stale UsernameTokens every minute ({@link Nonces#forgetStale}). */
@Singleton
@Startup
public class NonceSweep {
    @EJB
    private Nonces nonces;

    @Schedule(minute = "*", hour = "*", persistent = false)
    void sweep() {
        nonces.forgetStale();
    }
}
