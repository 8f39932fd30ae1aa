package org.twofold.radius.door;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.twofold.policy.Factor;

/**
 * The Access-Challenges this node has sent (RFC 2865 §4.4): after the password, the user is shown
 * a menu of their devices' factors, and the NAS sends the answer in a second Access-Request with
 * the challenge's {@code State}. A State is 128 random bits, good for one answer, from the client
 * and for the user it was sent to, within {@code ttl}; at most {@code max} are open at once.
 * Plain Java, thread-safe; kept in this node's memory — a NAS sends the answer to the server that
 * sent the challenge.
 */
final class Challenges {
    private final Clock clock;
    private final SecureRandom random;
    private final Duration ttl;
    private final int max;
    private final Map<String, Pending> open = new ConcurrentHashMap<>();

    /** One menu entry: a factor on a device, and how the menu names it. */
    record Option(Factor factor, long deviceId, String text) {
    }

    /**
     * A challenge sent: to whom, through which client, what it offered (or the push it waits for:
     * verified push shows its number in a challenge, and the answer then waits for the approval), until when.
     */
    record Pending(String client, String username, List<Option> options, String txid, Instant expires) {
    }

    Challenges(Clock clock, SecureRandom random, Duration ttl, int max) {
        this.clock = clock;
        this.random = random;
        this.ttl = ttl;
        this.max = max;
    }

    /** A new State for this challenge; empty if {@code max} are open (the request is then rejected). */
    Optional<byte[]> open(String client, String username, List<Option> options) {
        return open(client, username, options, null);
    }

    /** A new State for a challenge that shows a push's number: its answer waits for that push ({@code txid}). */
    Optional<byte[]> openWaiting(String client, String username, String txid) {
        return open(client, username, List.of(), txid);
    }

    private Optional<byte[]> open(String client, String username, List<Option> options, String txid) {
        Instant now = clock.instant();
        if (open.size() >= max) {
            open.values().removeIf(p -> !p.expires().isAfter(now));
            if (open.size() >= max) {
                return Optional.empty();
            }
        }
        byte[] state = new byte[16];
        random.nextBytes(state);
        open.put(HexFormat.of().formatHex(state), new Pending(client, username, List.copyOf(options), txid, now.plus(ttl)));
        return Optional.of(state);
    }

    /** The challenge {@code state} names, if it was sent through {@code client} to {@code username} and is still open; used up either way. */
    Optional<Pending> take(String client, String username, byte[] state) {
        Pending p = open.remove(HexFormat.of().formatHex(state));
        if (p == null || !p.client().equals(client) || !p.username().equals(username) || !p.expires().isAfter(clock.instant())) {
            return Optional.empty();
        }
        return Optional.of(p);
    }

    int size() {
        return open.size();
    }
}
