package org.twofold.audit;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of authentication decisions since start, by what was attempted and its result
 * ({@code auth.passcode allow}, {@code login.password deny}, ...), fed by the audit trail. They
 * are this node's figures; the audit trail is the durable record.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class Statistics {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** Counts one decision; called by the audit trail. */
    public void count(AuditAction action, String result) {
        counts.computeIfAbsent(action.code() + " " + result, k -> new LongAdder()).increment();
    }

    /** Every counter, sorted by name. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public long get(AuditAction action, String result) {
        LongAdder a = counts.get(action.code() + " " + result);
        return a == null ? 0 : a.sum();
    }
}
