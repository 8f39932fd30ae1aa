package org.twofold.auth;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * An application-level group commit: requests that arrive together are decided together, in
 * batches of at most {@code most}, each batch in one transaction with one commit (its log write),
 * and every request is answered after the commit of the batch that decided it. No thread of its
 * own: the requesting threads take turns (leader and followers) — a request joins the queue and, if
 * one of the {@code lanes} is free, its thread runs the batch of whatever is queued; the others park
 * until theirs is decided. At most {@code lanes} batches run at once, each sorted by {@code order}
 * (the row locks they take in that order, so that two batches cannot deadlock).
 * <p>
 * The runner decides a batch and returns one outcome per request, in order: its answer, or the
 * {@link RuntimeException} to throw to its requester. If the runner throws, nothing of the batch
 * stands (its transaction rolled back), and each request of it is run again in a batch of its own,
 * so that one request's failure is its own and no other's (an {@link Error} fails the requests of
 * its batch, and no other). A thread that leads runs batches only until its own request is decided,
 * then wakes the next queued request's thread to lead. A requesting thread's interrupt is kept aside
 * while it decides and set again when it returns.
 */
final class GroupCommit<T> {
    private final ReentrantLock[] lanes;
    private final int most;
    private final Comparator<T> order;
    private final Function<List<T>, List<Object>> runner;
    private final ConcurrentLinkedQueue<Waiting<T>> queue = new ConcurrentLinkedQueue<>();

    GroupCommit(int lanes, int most, Comparator<T> order, Function<List<T>, List<Object>> runner) {
        if (lanes < 1 || most < 1) {
            throw new IllegalArgumentException("lanes and most must be at least 1");
        }
        this.lanes = new ReentrantLock[lanes];
        for (int i = 0; i < lanes; i++) {
            this.lanes[i] = new ReentrantLock();
        }
        this.most = most;
        this.order = Objects.requireNonNull(order);
        this.runner = Objects.requireNonNull(runner);
    }

    /** A queued request, its thread, and (once decided) its outcome. */
    private static final class Waiting<T> {
        final T request;
        final Thread thread = Thread.currentThread();
        volatile Object outcome;

        Waiting(T request) {
            this.request = request;
        }

        void decided(Object o) {
            outcome = o != null ? o : new IllegalStateException("the decision gave no outcome");
            LockSupport.unpark(thread);
        }
    }

    /**
     * Decides {@code request} with the others queued with it; returns its outcome once the batch
     * that decided it has committed.
     *
     * @throws RuntimeException the request's own failure (the runner's outcome, or what running it alone threw)
     */
    Object decide(T request) {
        Waiting<T> w = new Waiting<>(request);
        // an interrupt would make every park return at once (a spin) and could fail the batches this
        // thread leads for others: it is kept aside while deciding, and set again after
        boolean interrupted = Thread.interrupted();
        queue.add(w);
        try {
            while (w.outcome == null) {
                lead(w);
                if (w.outcome == null) {
                    LockSupport.park(this);
                    interrupted |= Thread.interrupted();
                }
            }
        } catch (RuntimeException | Error e) {
            queue.remove(w); // not decided by anyone later, with nobody to answer
            throw e;
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        if (w.outcome instanceof RuntimeException e) {
            throw e;
        }
        return w.outcome;
    }

    /**
     * Runs batches in a free lane until {@code w} is decided or no lane is free; then wakes the
     * thread of the first request still queued, which leads next (a lane's holder wakes it in turn
     * when it leaves, so a queued request is never left without a leader). Whatever happens, every
     * request taken off the queue here gets an outcome.
     */
    private void lead(Waiting<T> w) {
        try {
            boolean ran = true;
            while (ran && w.outcome == null && !queue.isEmpty()) {
                ran = false;
                for (ReentrantLock lane : lanes) {
                    if (w.outcome != null || queue.isEmpty() || !lane.tryLock()) {
                        continue;
                    }
                    ran = true;
                    List<Waiting<T>> batch = new ArrayList<>();
                    try {
                        Waiting<T> next;
                        while (batch.size() < most && (next = queue.poll()) != null) {
                            batch.add(next);
                        }
                        if (!batch.isEmpty()) {
                            batch.sort((a, b) -> order.compare(a.request, b.request));
                            run(batch);
                        }
                    } finally {
                        lane.unlock();
                        for (Waiting<T> undecided : batch) {
                            if (undecided.outcome == null) {
                                undecided.decided(new IllegalStateException("the decision failed"));
                            }
                        }
                    }
                }
            }
        } finally {
            Waiting<T> first = queue.peek();
            if (first != null && first.thread != Thread.currentThread()) {
                LockSupport.unpark(first.thread);
            }
        }
    }

    private void run(List<Waiting<T>> batch) {
        List<T> requests = new ArrayList<>(batch.size());
        batch.forEach(w -> requests.add(w.request));
        List<Object> outcomes;
        try {
            outcomes = runner.apply(requests);
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                batch.get(0).decided(e);
            } else {
                for (Waiting<T> w : batch) {
                    run(List.of(w));
                }
            }
            return;
        }
        if (outcomes.size() != batch.size()) {
            IllegalStateException e = new IllegalStateException(outcomes.size() + " outcomes for " + batch.size() + " requests");
            batch.forEach(w -> w.decided(e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).decided(outcomes.get(i));
        }
    }
}
