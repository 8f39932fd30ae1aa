package org.twofold.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing on the JMX console: after {@code maxFailures} failed logins for one
 * key (an operator name, or a client address) within {@code window}, further attempts for that key
 * are refused without checking the password until the oldest failure leaves the window. Plain
 * Java, per node, in memory: a restart clears it, which the 600,000-iteration hash makes harmless.
 */
final class LoginThrottle {
    private static final int MAX_KEYS = 10_000;

    private final int maxFailures;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(int maxFailures, Duration window) {
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /** Whether an attempt for {@code key} may be checked at {@code now}. */
    boolean allows(String key, Instant now) {
        Deque<Instant> d = failures.get(key);
        if (d == null) {
            return true;
        }
        synchronized (d) {
            prune(d, now);
            return d.size() < maxFailures;
        }
    }

    void failed(String key, Instant now) {
        if (failures.size() >= MAX_KEYS) {
            failures.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    prune(e.getValue(), now);
                    return e.getValue().isEmpty();
                }
            });
        }
        Deque<Instant> d = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (d) {
            prune(d, now);
            d.addLast(now);
        }
    }

    void succeeded(String key) {
        failures.remove(key);
    }

    private void prune(Deque<Instant> d, Instant now) {
        Instant oldest = now.minus(window);
        while (!d.isEmpty() && !d.peekFirst().isAfter(oldest)) {
            d.removeFirst();
        }
    }
}
