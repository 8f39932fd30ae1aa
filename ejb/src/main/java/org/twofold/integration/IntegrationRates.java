package org.twofold.integration;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.twofold.site.Settings;

/**
 * The per-integration request rate limit: {@code twofold.ws.rate.per.minute}
 * ({@code TWOFOLD_WS_RATE_PER_MINUTE}) requests per minute for each integration key, as a token
 * bucket ({@link RequestRate}). Held in memory on each node: with several nodes, each allows that
 * rate, which is enough to stop a runaway client; the limit is read at start-up.
 */
@ApplicationScoped
public class IntegrationRates {
    /** The setting's name. */
    public static final String PER_MINUTE = "twofold.ws.rate.per.minute";

    private final ConcurrentMap<String, RequestRate> rates = new ConcurrentHashMap<>();
    private volatile int perMinute;

    int perMinute() {
        int p = perMinute;
        if (p == 0) {
            p = Math.max(1, Settings.current().getInt(PER_MINUTE));
            perMinute = p;
        }
        return p;
    }

    /** Outcome of one request: passed, refused, or refused and the first of a run of refusals. */
    enum Admission {
        PASSED, REFUSED, FIRST_REFUSED
    }

    Admission admit(String integrationKey) {
        RequestRate rate = rates.computeIfAbsent(integrationKey, k -> new RequestRate(perMinute(), System.nanoTime()));
        synchronized (rate) {
            if (rate.tryAcquire(System.nanoTime())) {
                return Admission.PASSED;
            }
            return rate.startRefusing() ? Admission.FIRST_REFUSED : Admission.REFUSED;
        }
    }
}
