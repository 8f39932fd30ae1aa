package org.twofold.radius.door;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.aaa4j.radius.core.attribute.attributes.MessageAuthenticator;
import org.aaa4j.radius.core.packet.Packet;
import org.aaa4j.radius.server.DuplicationStrategy;

/**
 * The duplicate cache of RFC 5080 §2.2.2: a NAS that hears nothing resends its Access-Request with
 * the same Identifier and Request Authenticator, typically while a push is still waiting for the
 * user. Such a resend — same client address, Identifier and Request Authenticator — is not handled
 * again (no second push, no second failure counted): it waits for the first's answer and gets that
 * same answer (the library encodes it for the same Identifier and authenticator, so the bytes are
 * identical). Only packets whose Message-Authenticator the library verified are kept, so nobody
 * without the shared secret can fill the cache or make a request wait; the others go on to the
 * handler, which drops them. A request whose handling gave no answer is {@link #abandon}ed: its
 * waiting resends get none either, and a later resend is handled anew. Entries are kept {@code kept}
 * (longer than any NAS retries) and at most {@code max} at once (beyond that a request is handled
 * without being kept). Plain Java, thread-safe; time from the clock.
 */
final class Retransmissions implements DuplicationStrategy {
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(10);

    private final Clock clock;
    private final Duration kept;
    private final int max;
    private final Map<Key, Entry> seen = new ConcurrentHashMap<>();
    private volatile Instant nextSweep = Instant.MIN;

    /** A request as its NAS identifies it: its address, Identifier and Request Authenticator. */
    private record Key(InetAddress client, int identifier, ByteBuffer authenticator) {
        static Key of(InetAddress client, Packet request) {
            return new Key(client, request.getReceivedFields().getIdentifier(), ByteBuffer.wrap(request.getReceivedFields().getAuthenticator().clone()));
        }
    }

    /** A request being handled or answered: when it came, and its answer once there is one (null: none). */
    private static final class Entry {
        final Instant at;
        final CompletableFuture<Packet> answer = new CompletableFuture<>();

        Entry(Instant at) {
            this.at = at;
        }
    }

    Retransmissions(Clock clock, Duration kept, int max) {
        this.clock = clock;
        this.kept = kept;
        this.max = max;
    }

    @Override
    public Result handleRequest(InetSocketAddress clientAddress, Packet request, byte[] bytes) {
        if (request.getAttribute(MessageAuthenticator.class).isEmpty()) {
            return new Result(Result.State.NEW_REQUEST, null);
        }
        Instant now = clock.instant();
        sweep(now);
        if (seen.size() >= max) {
            return new Result(Result.State.NEW_REQUEST, null);
        }
        Entry first = seen.putIfAbsent(Key.of(clientAddress.getAddress(), request), new Entry(now));
        if (first == null) {
            return new Result(Result.State.NEW_REQUEST, null);
        }
        Packet answer = await(first, Duration.between(now, first.at.plus(kept)));
        return answer == null ? new Result(Result.State.IN_PROGRESS_REQUEST, null) : new Result(Result.State.CACHED_RESPONSE, answer);
    }

    @Override
    public void handleResponse(InetSocketAddress clientAddress, Packet request, byte[] bytes, Packet response) {
        Entry e = seen.get(Key.of(clientAddress.getAddress(), request));
        if (e != null) {
            e.answer.complete(response);
        }
    }

    @Override
    public void unhandleRequest(InetSocketAddress clientAddress, Packet request, byte[] bytes) {
        abandon(clientAddress.getAddress(), request);
    }

    /** The request got no answer: its resends waiting get none, a later one is handled anew. */
    void abandon(InetAddress client, Packet request) {
        Entry e = seen.remove(Key.of(client, request));
        if (e != null) {
            e.answer.complete(null);
        }
    }

    /** How many requests are kept now. */
    int size() {
        return seen.size();
    }

    private static Packet await(Entry first, Duration limit) {
        if (limit.isNegative() || limit.isZero()) {
            return first.answer.getNow(null);
        }
        try {
            return first.answer.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Forgets, at most every {@link #SWEEP_EVERY}, the requests older than {@code kept}; their waiting resends get no answer. */
    private void sweep(Instant now) {
        if (now.isBefore(nextSweep)) {
            return;
        }
        nextSweep = now.plus(SWEEP_EVERY);
        for (Iterator<Entry> i = seen.values().iterator(); i.hasNext();) {
            Entry e = i.next();
            if (e.at.plus(kept).isBefore(now)) {
                i.remove();
                e.answer.complete(null);
            }
        }
    }
}
