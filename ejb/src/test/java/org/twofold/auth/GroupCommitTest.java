package org.twofold.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class GroupCommitTest {
    private static final int THREADS = 16;
    private static final int EACH = 400;

    /** A runner that records its batches and how many ran at once, and answers each request with its square. */
    private static class Recorder implements Function<List<Integer>, List<Object>> {
        final List<List<Integer>> batches = new CopyOnWriteArrayList<>();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final Map<Integer, Integer> decided = new ConcurrentHashMap<>();

        @Override
        public List<Object> apply(List<Integer> batch) {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                batches.add(List.copyOf(batch));
                Thread.yield(); // let others queue behind the running batch
                List<Object> out = new ArrayList<>();
                for (int r : batch) {
                    out.add(outcome(r));
                }
                return out;
            } finally {
                running.decrementAndGet();
            }
        }

        Object outcome(int r) {
            decided.merge(r, 1, Integer::sum);
            return (long) r * r;
        }
    }

    /** Every request of {@code THREADS} threads at once, each thread {@code EACH}; each answer checked. */
    private static void load(GroupCommit<Integer> commits, Function<Integer, Object> expected) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int first = t * EACH;
                done.add(pool.submit(() -> {
                    go.await();
                    for (int r = first; r < first + EACH; r++) {
                        Object want = expected.apply(r);
                        if (want instanceof RuntimeException e) {
                            int request = r;
                            RuntimeException thrown = assertThrows(RuntimeException.class, () -> commits.decide(request));
                            assertEquals(e.getMessage(), thrown.getMessage());
                        } else {
                            assertEquals(want, commits.decide(r), "request " + r + " got another's answer");
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyRequestGetsItsOwnAnswerOnceInSortedBatchesOfBoundedSizeAndAtMostTwoAtOnce() {
        Recorder recorder = new Recorder();
        GroupCommit<Integer> commits = new GroupCommit<>(2, 8, Comparator.naturalOrder(), recorder);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> load(commits, r -> (long) r * r));

        assertEquals(THREADS * EACH, recorder.decided.size());
        assertTrue(recorder.decided.values().stream().allMatch(n -> n == 1), "each request decided exactly once");
        assertTrue(recorder.batches.stream().allMatch(b -> b.size() <= 8), "no batch over its bound");
        assertTrue(recorder.batches.stream().allMatch(b -> b.equals(b.stream().sorted().toList())), "each batch in lock order");
        assertTrue(recorder.mostAtOnce.get() <= 2, "at most two batches at once: " + recorder.mostAtOnce.get());
        assertTrue(recorder.batches.stream().anyMatch(b -> b.size() > 1), "requests that arrived together shared a batch");
    }

    @Test
    void aFailedBatchIsDecidedAgainOneByOneAndOnlyTheFailingRequestFails() {
        // request 7 of every hundred fails whenever it is run; a batch with it fails as a whole
        Recorder recorder = new Recorder() {
            @Override
            public List<Object> apply(List<Integer> batch) {
                if (batch.stream().anyMatch(r -> r % 100 == 7)) {
                    batches.add(List.copyOf(batch));
                    throw new IllegalStateException("no decision for " + batch.stream().filter(r -> r % 100 == 7).findFirst().orElseThrow());
                }
                return super.apply(batch);
            }
        };
        GroupCommit<Integer> commits = new GroupCommit<>(2, 8, Comparator.naturalOrder(), recorder);
        assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> load(commits, r -> r % 100 == 7 ? new IllegalStateException("no decision for " + r) : (Object) ((long) r * r)));

        assertEquals(THREADS * EACH - THREADS * EACH / 100, recorder.decided.size());
        assertTrue(recorder.decided.values().stream().allMatch(n -> n == 1), "a request of a failed batch is decided once, when run again alone");
    }

    @Test
    void aRequestAloneIsDecidedAtOnceAndAnOutcomeThatIsAnExceptionIsThrown() {
        IllegalArgumentException refusal = new IllegalArgumentException("refused");
        Function<List<Integer>, List<Object>> runner = batch -> {
            List<Object> out = new ArrayList<>();
            batch.forEach(r -> out.add(r < 0 ? refusal : (Object) (r + 1)));
            return out;
        };
        GroupCommit<Integer> commits = new GroupCommit<>(2, 8, Comparator.naturalOrder(), runner);
        assertEquals(42, commits.decide(41));
        assertSame(refusal, assertThrows(IllegalArgumentException.class, () -> commits.decide(-1)));
    }

    @Test
    void aRequestQueuedWhileEveryLaneIsBusyIsDecidedWhenNothingComesAfterIt() {
        CountDownLatch firstBatchMayEnd = new CountDownLatch(1);
        AtomicInteger batches = new AtomicInteger();
        Function<List<Integer>, List<Object>> runner = batch -> {
            if (batches.incrementAndGet() == 1) {
                try {
                    firstBatchMayEnd.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            List<Object> out = new ArrayList<>();
            batch.forEach(r -> out.add(r * 10));
            return out;
        };
        GroupCommit<Integer> commits = new GroupCommit<>(1, 8, Comparator.naturalOrder(), runner);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<Object> first = pool.submit(() -> commits.decide(1));
                while (batches.get() == 0) {
                    Thread.onSpinWait(); // the first request leads, and its batch holds the only lane
                }
                Thread[] second = new Thread[1];
                Future<Object> queued = pool.submit(() -> {
                    second[0] = Thread.currentThread();
                    return commits.decide(2);
                });
                while (second[0] == null || second[0].getState() != Thread.State.WAITING) {
                    Thread.onSpinWait(); // the second found the lane busy and waits for its turn
                }
                firstBatchMayEnd.countDown();
                assertEquals(10, first.get());
                assertEquals(20, queued.get(), "the leader that left woke the queued request to lead");
            } finally {
                pool.shutdownNow();
            }
        });
    }

    @Test
    void anErrorFailsTheRequestsOfItsBatchAndLeavesNobodyWaiting() {
        // one lane: the first batch holds it until two more requests wait; they then form one batch, which throws an Error
        CountDownLatch firstBatchMayEnd = new CountDownLatch(1);
        AtomicInteger batches = new AtomicInteger();
        GroupCommit<Integer> commits = new GroupCommit<Integer>(1, 8, Comparator.<Integer>naturalOrder(), (List<Integer> batch) -> {
            if (batches.incrementAndGet() == 1) {
                try {
                    firstBatchMayEnd.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return List.<Object>of(batch.get(0));
            }
            throw new OutOfMemoryError("simulated");
        });
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                Future<Object> first = pool.submit(() -> commits.decide(1));
                while (batches.get() == 0) {
                    Thread.onSpinWait();
                }
                List<Thread> waiting = new CopyOnWriteArrayList<>();
                List<Future<Object>> queued = new ArrayList<>();
                for (int r = 2; r <= 3; r++) {
                    int request = r;
                    queued.add(pool.submit(() -> {
                        waiting.add(Thread.currentThread());
                        return commits.decide(request);
                    }));
                }
                while (waiting.size() < 2 || waiting.stream().anyMatch(t -> t.getState() != Thread.State.WAITING)) {
                    Thread.onSpinWait();
                }
                firstBatchMayEnd.countDown();
                assertEquals(1, first.get());
                int errors = 0;
                int failures = 0;
                for (Future<Object> f : queued) {
                    Throwable cause = assertThrows(java.util.concurrent.ExecutionException.class, f::get).getCause();
                    errors += cause instanceof OutOfMemoryError ? 1 : 0;
                    failures += cause instanceof IllegalStateException ? 1 : 0;
                }
                assertEquals(1, errors, "the leader of the failing batch gets the Error");
                assertEquals(1, failures, "the other request of that batch is failed, not left waiting");
            } finally {
                pool.shutdownNow();
            }
        });
    }

    @Test
    void anInterruptedThreadIsDecidedAsIfNotInterruptedAndKeepsItsInterrupt() {
        // the runner fails on an interrupted thread, as a database driver may
        GroupCommit<Integer> commits = new GroupCommit<Integer>(2, 8, Comparator.<Integer>naturalOrder(), (List<Integer> batch) -> {
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted");
            }
            List<Object> out = new ArrayList<>();
            batch.forEach(r -> out.add(-r));
            return out;
        });
        Thread.currentThread().interrupt();
        try {
            assertEquals(-5, commits.decide(5));
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt is set again after the decision");
        }
    }
}
