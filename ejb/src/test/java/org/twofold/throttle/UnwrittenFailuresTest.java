package org.twofold.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UnwrittenFailuresTest {

    @Test
    void aFailureAloneIsWrittenAtOnceByItsOwnThread() {
        UnwrittenFailures failures = new UnwrittenFailures();
        List<SortedMap<String, Integer>> batches = new ArrayList<>();
        failures.add("vpn 203.0.113.9", batches::add);
        assertEquals(List.of(Map.of("vpn 203.0.113.9", 1)), batches);
        assertTrue(failures.pending().isEmpty());
    }

    @Test
    void failuresThatArriveDuringAWriteAreWrittenByTheWriterInItsNextBatch() throws Exception {
        UnwrittenFailures failures = new UnwrittenFailures();
        List<SortedMap<String, Integer>> batches = new ArrayList<>();
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch othersAdded = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try {
            Future<?> writer = pool.submit(() -> failures.add("a", batch -> {
                batches.add(batch);
                if (batches.size() == 1) {
                    writing.countDown();
                    await(othersAdded);
                }
            }));
            writing.await(10, TimeUnit.SECONDS);
            // while "a" is being written, three more failures come: each returns at once, unwritten
            List<SortedMap<String, Integer>> notWritten = new ArrayList<>();
            failures.add("b", notWritten::add);
            failures.add("a", notWritten::add);
            failures.add("b", notWritten::add);
            assertEquals(List.of(), notWritten, "another thread writes: these do not wait for it");
            othersAdded.countDown();
            writer.get(10, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(Map.of("a", 1), Map.of("a", 1, "b", 2)), batches, "the writer took them in one more batch");
        assertTrue(failures.pending().isEmpty());
    }

    @Test
    void underConcurrencyEveryFailureIsWrittenExactlyOnceAndOneWriterAtATime() throws Exception {
        UnwrittenFailures failures = new UnwrittenFailures();
        Map<String, Integer> written = new ConcurrentHashMap<>();
        AtomicInteger writers = new AtomicInteger();
        AtomicInteger batches = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        int threads = 8;
        int each = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        failures.add("source " + (thread + i) % 3, batch -> {
                            if (writers.incrementAndGet() > 1) {
                                overlaps.incrementAndGet();
                            }
                            batches.incrementAndGet();
                            batch.forEach((k, n) -> written.merge(k, n, Integer::sum));
                            writers.decrementAndGet();
                        });
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(threads * each, written.values().stream().mapToInt(Integer::intValue).sum(), "every failure written once");
        assertEquals(0, overlaps.get(), "never two writers at once");
        assertTrue(failures.pending().isEmpty(), "nothing left unwritten once every thread returned");
        assertTrue(batches.get() <= threads * each);
    }

    @Test
    void aBatchWhoseWriteFailsIsKeptForTheNextWrite() {
        UnwrittenFailures failures = new UnwrittenFailures();
        assertThrows(IllegalStateException.class, () -> failures.add("a", batch -> {
            throw new IllegalStateException("database down");
        }));
        assertEquals(Map.of("a", 1), failures.pending());
        List<SortedMap<String, Integer>> batches = new ArrayList<>();
        failures.add("a", batches::add);
        assertEquals(List.of(Map.of("a", 2)), batches);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
