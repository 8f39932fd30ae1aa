package org.twofold.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link SyncLease} with the statements the server runs, on an in-memory Derby holding the real
 * schema scripts' table: two nodes ticking at the same instants (an injected time, not the wall
 * clock), a node that dies holding the lease, and nodes racing for it on threads of their own.
 */
class SyncLeaseTest {
    private static final Instant START = Instant.parse("2026-12-06T08:00:00Z");
    private static final Duration EVERY = Duration.ofMinutes(60);
    private String url;
    private final List<Connection> connections = new ArrayList<>();

    @BeforeEach
    void database() throws Exception {
        url = "jdbc:derby:memory:sync-lease-" + System.nanoTime();
        try (Connection c = DriverManager.getConnection(url + ";create=true"); Statement st = c.createStatement()) {
            for (String script : org.twofold.site.Schema.scripts()) {
                try (InputStream in = org.twofold.site.Schema.class.getResourceAsStream("schema/" + script)) {
                    for (String statement : org.twofold.site.Schema.statements(new String(in.readAllBytes(), StandardCharsets.UTF_8))) {
                        st.execute(statement);
                    }
                }
            }
        }
    }

    @AfterEach
    void close() throws SQLException {
        for (Connection c : connections) {
            c.close();
        }
    }

    /** A node: its own connection (auto-commit: each statement its own transaction, as each lease call is on the server). */
    private SyncLease node(String name) throws SQLException {
        Connection c = DriverManager.getConnection(url);
        connections.add(c);
        return new SyncLease((sql, parameters) -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    ps.setObject(i + 1, parameters[i]);
                }
                return ps.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }, name);
    }

    @Test
    void atEachDueTimeExactlyOneOfTwoNodesSyncs() throws Exception {
        SyncLease a = node("a");
        SyncLease b = node("b");
        // a fresh installation: the first tick of any node syncs
        assertTrue(a.take(START, true));
        assertFalse(b.take(START, true), "a holds the lease");
        a.release(START.plus(EVERY));

        Instant tick = START.plus(Duration.ofMinutes(1));
        assertFalse(a.take(tick, true), "not due yet");
        assertFalse(b.take(tick, true), "not due yet");

        Instant due = START.plus(EVERY);
        assertTrue(b.take(due, true), "due: the first node to tick syncs");
        assertFalse(a.take(due, true), "and only that one");
        assertFalse(a.take(due.plusSeconds(59), true), "not while b holds it");
        b.release(due.plusSeconds(20).plus(EVERY));
        assertFalse(a.take(due.plusSeconds(60), true), "the next is due an interval after b's sync");
    }

    @Test
    void anOnDemandSyncRunsWhenNotDueButNeverBesideAnother() throws Exception {
        SyncLease a = node("a");
        SyncLease b = node("b");
        assertTrue(a.take(START, true));
        assertFalse(b.take(START.plusSeconds(5), false), "a sync is running on a");
        a.release(START.plus(Duration.ofMinutes(2)));
        assertTrue(b.take(START.plus(Duration.ofMinutes(1)), false), "on demand: not due, but nobody syncs");
        assertFalse(a.take(START.plus(Duration.ofMinutes(2)), true), "b still syncing at the due time: a skips its tick");
        b.release(START.plus(Duration.ofMinutes(1)).plus(EVERY));
        assertFalse(a.take(START.plus(Duration.ofMinutes(3)), true), "b's sync moved the schedule");
    }

    @Test
    void aNodeThatDiesHoldingTheLeaseLosesItWhenItsTimeRunsOut() throws Exception {
        SyncLease dead = node("dead");
        SyncLease alive = node("alive");
        assertTrue(dead.take(START, true));
        assertFalse(alive.take(START.plus(SyncLease.HOLD).minusMillis(1), false));
        assertTrue(alive.take(START.plus(SyncLease.HOLD).plusMillis(1), true), "held too long: taken over (and the sync is overdue)");
        assertFalse(dead.extend(START.plus(SyncLease.HOLD).plusSeconds(1)), "the dead node's lease is gone");
        dead.release(START);
        assertFalse(node("third").take(START.plus(SyncLease.HOLD).plusSeconds(2), false), "a stale release does not free the new holder's lease");
    }

    @Test
    void aSyncThatExtendsItsLeaseKeepsItPastTheHoldTime() throws Exception {
        SyncLease a = node("a");
        SyncLease b = node("b");
        assertTrue(a.take(START, false));
        Instant later = START.plus(SyncLease.HOLD).minusSeconds(1);
        assertTrue(a.extend(later));
        assertFalse(b.take(START.plus(SyncLease.HOLD).plusSeconds(1), true), "a extended its lease");
    }

    @Test
    void nodesRacingForTheLeaseOnTheirOwnThreadsLetExactlyOneWin() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 20; round++) {
                Instant due = START.plus(EVERY.multipliedBy(round));
                List<Callable<Boolean>> ticks = new ArrayList<>();
                for (int n = 0; n < 8; n++) {
                    SyncLease node = node("n" + round + "-" + n);
                    ticks.add(() -> node.take(due, true));
                }
                int winners = 0;
                SyncLease winner = null;
                List<Future<Boolean>> results = pool.invokeAll(ticks);
                for (Future<Boolean> r : results) {
                    winners += r.get() ? 1 : 0;
                }
                assertEquals(1, winners, "round " + round);
                try (Statement st = connections.get(connections.size() - 1).createStatement()) {
                    st.executeUpdate("UPDATE TF_DIRECTORY_SYNC SET HELDUNTIL = 0, NEXTDUE = " + due.plus(EVERY).toEpochMilli());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
