package org.twofold.throttle;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Failures waiting to be written, per source key, written by one thread at a time for all that
 * wait (a group commit). A thread that {@link #add adds} a failure waits until a write has taken it —
 * its own, or the write of a thread that came first and took every failure added by then. So however
 * many threads fail at once, they share few writes; each failure is written exactly once and before
 * its thread returns; and no thread writes more than one batch, so none is kept waiting by a stream
 * of others' failures. A failure added without waiting ({@link #add(String, BooleanSupplier, Consumer)})
 * is taken by the next write, a waiting thread's or a {@link #flush}. What a failed write did not write
 * is kept for the next write (a writer may write a batch in parts, removing each part it wrote).
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
        add(source, () -> true, writer);
    }

    /**
     * Adds a failure of {@code source} and, if {@code mustWait} says so, returns once it is written
     * (as {@link #add}); else at once, for a later write to take ({@link #add}'s or a {@link #flush}).
     * {@code mustWait} is asked as the failure is added, one failure of a source at a time, so that
     * every failure of the source it was asked for before is already waiting to be written.
     *
     * @return whether the failure is written
     * @throws RuntimeException what {@code writer} threw (its batch is kept for the next write)
     */
    boolean add(String source, BooleanSupplier mustWait, Consumer<SortedMap<String, Integer>> writer) {
        boolean[] waits = new boolean[1];
        unwritten.compute(source, (k, n) -> {
            waits[0] = mustWait.getAsBoolean();
            return n == null ? 1 : n + 1;
        });
        long ticket = added.incrementAndGet(); // after the failure is in: a write that covers the ticket finds it
        if (!waits[0]) {
            return false;
        }
        writing.lock();
        try {
            if (written < ticket) {
                writeAll(writer);
            }
            return true;
        } finally {
            writing.unlock();
        }
    }

    /**
     * Writes every failure added by now with {@code writer}, if there are any (waiting while another
     * write runs).
     *
     * @throws RuntimeException what {@code writer} threw (what it did not write is kept for the next write)
     */
    void flush(Consumer<SortedMap<String, Integer>> writer) {
        writing.lock();
        try {
            writeAll(writer);
        } finally {
            writing.unlock();
        }
    }

    /**
     * Writes every failure added by now with {@code writer}, if there are any — unless another write
     * is under way (it may be waiting for the database): then nothing, and false.
     *
     * @throws RuntimeException what {@code writer} threw (what it did not write is kept for the next write)
     */
    boolean flushUnlessWriting(Consumer<SortedMap<String, Integer>> writer) {
        if (!writing.tryLock()) {
            return false;
        }
        try {
            writeAll(writer);
            return true;
        } finally {
            writing.unlock();
        }
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
            boolean done = false;
            try {
                writer.accept(batch);
                done = true;
            } finally {
                if (!done) {
                    // what the writer did not write (it removes what it wrote in parts) waits for the next write
                    batch.forEach((key, n) -> unwritten.merge(key, n, Integer::sum));
                }
            }
        }
        written = covered;
    }

    /** How many failures wait to be written, per source (for tests). */
    Map<String, Integer> pending() {
        return Map.copyOf(unwritten);
    }
}
