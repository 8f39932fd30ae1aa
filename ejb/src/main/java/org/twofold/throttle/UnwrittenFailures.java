package org.twofold.throttle;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Failures counted and not yet written, per source key, and the one writer at a time (a group
 * commit): whoever adds a failure writes everything unwritten, unless another thread is writing —
 * that thread then takes it in its next batch, as it looks again after each write. So however
 * many threads fail at once, failures are written in few batches, each failure exactly once, and
 * no thread ever waits for another's write. A batch whose write fails is kept for the next one.
 * Plain Java and thread-safe.
 */
final class UnwrittenFailures {
    private final ConcurrentMap<String, Integer> unwritten = new ConcurrentHashMap<>();
    private final ReentrantLock writing = new ReentrantLock();

    /**
     * Adds a failure of {@code source}, then writes what is unwritten with {@code writer} (failures
     * per source, keys in order) unless another thread is writing.
     *
     * @throws RuntimeException what {@code writer} threw (its batch is kept)
     */
    void add(String source, Consumer<SortedMap<String, Integer>> writer) {
        unwritten.merge(source, 1, Integer::sum);
        // Either this thread gets the lock, or the holder finds this failure when it looks again after unlocking.
        while (!unwritten.isEmpty() && writing.tryLock()) {
            try {
                SortedMap<String, Integer> batch = new TreeMap<>();
                for (String key : unwritten.keySet()) {
                    Integer n = unwritten.remove(key);
                    if (n != null) {
                        batch.put(key, n);
                    }
                }
                if (!batch.isEmpty()) {
                    write(batch, writer);
                }
            } finally {
                writing.unlock();
            }
        }
    }

    private void write(SortedMap<String, Integer> batch, Consumer<SortedMap<String, Integer>> writer) {
        try {
            writer.accept(batch);
        } catch (RuntimeException e) {
            batch.forEach((key, n) -> unwritten.merge(key, n, Integer::sum));
            throw e;
        }
    }

    /** How many failures wait to be written, per source (for tests). */
    Map<String, Integer> pending() {
        return Map.copyOf(unwritten);
    }
}
