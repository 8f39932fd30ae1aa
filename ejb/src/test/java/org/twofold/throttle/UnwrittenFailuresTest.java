package org.twofold.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
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
import java.util.function.Consumer;
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
    void failuresThatArriveDuringAWriteWaitAndShareTheNextWrite() throws Exception {
        UnwrittenFailures failures = new UnwrittenFailures();
        List<SortedMap<String, Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?> first = pool.submit(() -> failures.add("a", batch -> {
                batches.add(batch);
                writing.countDown();
                await(release);
            }));
            assertTrue(writing.await(10, TimeUnit.SECONDS));
            // while "a" is being written, three more failures come; each waits for a write that takes it
            List<Future<?>> others = new ArrayList<>();
            for (String source : List.of("b", "a", "b")) {
                others.add(pool.submit(() -> failures.add(source, batches::add)));
            }
            Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
            while (!failures.pending().equals(Map.of("a", 1, "b", 2)) && Instant.now().isBefore(deadline)) {
                Thread.onSpinWait();
            }
            assertEquals(Map.of("a", 1, "b", 2), failures.pending(), "the three wait, unwritten, while the first write runs");
            for (Future<?> other : others) {
                assertTrue(!other.isDone(), "a failure's thread does not return before its failure is written");
            }
            release.countDown();
            first.get(10, TimeUnit.SECONDS);
            for (Future<?> other : others) {
                other.get(10, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of(Map.of("a", 1), Map.of("a", 1, "b", 2)), batches, "the three shared one write");
        assertTrue(failures.pending().isEmpty());
    }

    @Test
    void underConcurrencyEachFailureIsWrittenOnceBeforeItsThreadReturnsAndNoThreadWritesTwice() throws Exception {
        UnwrittenFailures failures = new UnwrittenFailures();
        Map<String, Integer> written = new ConcurrentHashMap<>();
        AtomicInteger writers = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger batches = new AtomicInteger();
        AtomicInteger notYetWritten = new AtomicInteger();
        AtomicInteger writtenTwiceByOneCall = new AtomicInteger();
        int threads = 8;
        int each = 3_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String own = "source " + t;
                work.add(pool.submit(() -> {
                    for (int i = 1; i <= each; i++) {
                        AtomicInteger callsHere = new AtomicInteger();
                        Consumer<SortedMap<String, Integer>> writer = batch -> {
                            if (writers.incrementAndGet() > 1) {
                                overlaps.incrementAndGet();
                            }
                            callsHere.incrementAndGet();
                            batches.incrementAndGet();
                            batch.forEach((k, n) -> written.merge(k, n, Integer::sum));
                            writers.decrementAndGet();
                        };
                        failures.add(own, writer);
                        if (written.getOrDefault(own, 0) != i) {
                            notYetWritten.incrementAndGet();
                        }
                        if (callsHere.get() > 1) {
                            writtenTwiceByOneCall.incrementAndGet();
                        }
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
        assertEquals(0, notYetWritten.get(), "each failure written before its thread returned");
        assertEquals(0, overlaps.get(), "never two writers at once");
        assertEquals(0, writtenTwiceByOneCall.get(), "no thread writes more than one batch");
        assertTrue(failures.pending().isEmpty());
        System.out.printf("%d failures from %d threads in %d writes%n", threads * each, threads, batches.get());
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

    @Test
    void failuresThatNeedNotWaitAreTakenByTheNextWriteWhicheverItIs() {
        UnwrittenFailures failures = new UnwrittenFailures();
        List<SortedMap<String, Integer>> batches = new ArrayList<>();
        List<String> asked = new ArrayList<>();
        assertFalse(failures.add("a", () -> asked.add("a") && false, batches::add));
        assertFalse(failures.add("b", () -> asked.add("b") && false, batches::add));
        assertFalse(failures.add("a", () -> asked.add("a") && false, batches::add));
        assertEquals(List.of("a", "b", "a"), asked, "asked once per failure");
        assertTrue(batches.isEmpty(), "nothing is written for a failure that need not wait");
        assertEquals(Map.of("a", 2, "b", 1), failures.pending());
        assertTrue(failures.add("c", () -> true, batches::add));
        assertEquals(List.of(Map.of("a", 2, "b", 1, "c", 1)), batches, "a waiting failure's write takes them along");
        assertFalse(failures.add("b", () -> false, batches::add));
        assertTrue(failures.flushUnlessWriting(batches::add));
        failures.flush(batches::add);
        assertEquals(List.of(Map.of("a", 2, "b", 1, "c", 1), Map.of("b", 1)), batches, "a flush writes what is there, and nothing when nothing is");
        assertTrue(failures.pending().isEmpty());
    }

    @Test
    void aFlushDoesNotWaitForAWriteUnderWay() throws Exception {
        UnwrittenFailures failures = new UnwrittenFailures();
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> slow = pool.submit(() -> failures.add("a", batch -> {
                writing.countDown();
                await(release);
            }));
            assertTrue(writing.await(10, TimeUnit.SECONDS));
            failures.add("b", () -> false, batch -> { });
            List<SortedMap<String, Integer>> batches = new ArrayList<>();
            assertFalse(failures.flushUnlessWriting(batches::add), "the database may be stuck under the write: the flush leaves");
            assertEquals(Map.of("b", 1), failures.pending());
            release.countDown();
            slow.get(10, TimeUnit.SECONDS);
            assertTrue(failures.flushUnlessWriting(batches::add));
            assertEquals(List.of(Map.of("b", 1)), batches);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aWriteThatFailsHalfWayKeepsOnlyWhatItDidNotWrite() {
        UnwrittenFailures failures = new UnwrittenFailures();
        failures.add("a", () -> false, batch -> { });
        failures.add("b", () -> false, batch -> { });
        assertThrows(IllegalStateException.class, () -> failures.flush(batch -> {
            batch.remove("a"); // written
            throw new IllegalStateException("database down before b");
        }));
        assertEquals(Map.of("b", 1), failures.pending());
    }

    @Test
    void aFlushWhoseWriteFailsKeepsItsBatch() {
        UnwrittenFailures failures = new UnwrittenFailures();
        failures.add("a", () -> false, batch -> { });
        assertThrows(IllegalStateException.class, () -> failures.flush(batch -> {
            throw new IllegalStateException("database down");
        }));
        assertEquals(Map.of("a", 1), failures.pending());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
