package org.twofold.throttle;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Failures waiting to be written, per source key, written by one thread at a time for all that
 * wait (a group commit). A thread that {@link #add adds} a failure waits until a write has taken it —
 * its own, or the write of a thread that came first and took every failure added by then. So however
 * many threads fail at once, they share few writes; each failure is written exactly once and before
 * its thread returns; and no thread writes more than one batch, so none is kept waiting by a stream
 * of others' failures. A failure {@link #addBehind added behind} does not wait: the next write takes
 * it, a waiting thread's or a {@link #flush}. A batch whose write fails is kept for the next write.
 * Plain Java and thread-safe.
 */
final class UnwrittenFailures {
    private final ConcurrentMap<String, Integer> unwritten = new ConcurrentHashMap<>();
    private final ReentrantLock writing = new ReentrantLock();
    /** How many failures were added: each added failure's ticket. */
    private final AtomicLong added = new AtomicLong();
    /** Every failure with a ticket up to this one is written (guarded by {@link #writing}). */
    private long written;

    /**
     * Adds a failure of {@code source} and returns once it is written: by {@code writer} here
     * (failures per source, keys in order, with every other failure waiting), or by another
     * thread's write that took it.
     *
     * @throws RuntimeException what {@code writer} threw (its batch is kept for the next write)
     */
    void add(String source, Consumer<SortedMap<String, Integer>> writer) {
        long ticket = count(source);
        writing.lock();
        try {
            if (written >= ticket) {
                return; // another thread's write took it
            }
            writeAll(writer);
        } finally {
            writing.unlock();
        }
    }

    /** Adds a failure of {@code source} to be written by a later write ({@link #add} or {@link #flush}). */
    void addBehind(String source) {
        count(source);
    }

    /**
     * Writes every failure added by now with {@code writer}, if there are any (waiting while another
     * write runs).
     *
     * @throws RuntimeException what {@code writer} threw (its batch is kept for the next write)
     */
    void flush(Consumer<SortedMap<String, Integer>> writer) {
        writing.lock();
        try {
            writeAll(writer);
        } finally {
            writing.unlock();
        }
    }

    /** Adds a failure; returns its ticket. */
    private long count(String source) {
        unwritten.merge(source, 1, Integer::sum);
        return added.incrementAndGet(); // after the merge: a write that covers the ticket finds the failure
    }

    /** Writes every failure added by now (the caller holds {@link #writing}). */
    private void writeAll(Consumer<SortedMap<String, Integer>> writer) {
        long covered = added.get();
        SortedMap<String, Integer> batch = new TreeMap<>();
        for (String key : unwritten.keySet()) {
            Integer n = unwritten.remove(key);
            if (n != null) {
                batch.put(key, n);
            }
        }
        if (!batch.isEmpty()) {
            try {
                writer.accept(batch);
            } catch (RuntimeException e) {
                batch.forEach((key, n) -> unwritten.merge(key, n, Integer::sum));
                throw e;
            }
        }
        written = covered;
    }

    /** How many failures wait to be written, per source (for tests). */
    Map<String, Integer> pending() {
        return Map.copyOf(unwritten);
    }
}
