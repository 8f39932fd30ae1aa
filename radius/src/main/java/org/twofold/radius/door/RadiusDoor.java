package org.twofold.radius.door;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.aaa4j.radius.core.packet.Packet;
import org.aaa4j.radius.core.packet.PacketCodecException;
import org.aaa4j.radius.server.RadiusServer;
import org.aaa4j.radius.server.servers.UdpRadiusServer;
import org.twofold.audit.AuditTrail;
import org.twofold.auth.Authentication;
import org.twofold.radius.RadiusClients;
import org.twofold.site.Settings;

/**
 * Starts and stops the RADIUS server with the application: UDP on {@code TWOFOLD_RADIUS_PORT}
 * (default 1812, all interfaces; 0: off). The library's selector thread only receives; each request
 * is then handled on a worker thread of its own from a pool of container-managed threads, so a push
 * waited for (up to its policy time-out) holds one worker and no other login waits behind it. Beyond
 * {@link #MAX_WORKERS} requests at once, a packet is dropped and logged; the NAS resends it.
 *
 * <p>Retransmissions (RFC 5080 §2.2.2): a resend of a request within {@link #DUPLICATES_KEPT} is not
 * handled again but gets the first's answer, when it comes ({@link Retransmissions}), so that a
 * resend during a push starts no second push; NAS wait 60 s at most, typically.
 */
@Singleton
@Startup
public class RadiusDoor {
    private static final Logger LOG = Logger.getLogger(RadiusDoor.class.getName());
    /** The most requests handled at once (each waiting push or call holds one). */
    static final int MAX_WORKERS = 256;
    /** How long a request and its answer are kept to recognise a retransmission. */
    static final Duration DUPLICATES_KEPT = Duration.ofMinutes(2);
    /** How long a user has to answer an Access-Challenge (the menu after the password). */
    static final Duration CHALLENGE_OPEN = Duration.ofMinutes(5);
    /** The most challenges open at once. */
    static final int MAX_CHALLENGES = 100_000;
    /** The most requests kept at once (a few hundred bytes each). */
    static final int MAX_KEPT = 100_000;

    @EJB
    private Authentication auth;

    @EJB
    private RadiusClients clients;

    @EJB
    private AuditTrail audit;

    @Resource
    private ManagedThreadFactory threads;

    private ThreadPoolExecutor workers;
    private RadiusServer server;

    @PostConstruct
    void start() {
        int port = Settings.current().getInt(Settings.RADIUS_PORT);
        if (port == 0) {
            LOG.info("RADIUS is off (TWOFOLD_RADIUS_PORT=0)");
            return;
        }
        if (port < 0 || port > 65535) {
            throw new IllegalStateException("TWOFOLD_RADIUS_PORT must be a UDP port (1-65535), or 0 for off: " + port);
        }
        workers = new ThreadPoolExecutor(0, MAX_WORKERS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), threads);
        Retransmissions retransmissions = new Retransmissions(Clock.systemUTC(), DUPLICATES_KEPT, MAX_KEPT);
        Challenges challenges = new Challenges(Clock.systemUTC(), new SecureRandom(), CHALLENGE_OPEN, MAX_CHALLENGES);
        Failure failure = new Failure(new AccessRequests(auth, clients, audit, retransmissions, challenges));
        server = UdpRadiusServer.newBuilder()
                .bindAddress(new InetSocketAddress(port))
                .handler(failure)
                .executor(workers)
                .duplicationStrategy(retransmissions)
                .build();
        try {
            server.start();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!server.isRunning()) {
            stop();
            throw new IllegalStateException("Cannot start the RADIUS server on UDP port " + port
                    + " (TWOFOLD_RADIUS_PORT; 0 turns RADIUS off): " + (failure.last == null ? "" : failure.last.getMessage()), failure.last);
        }
        LOG.info(() -> "RADIUS listening on UDP port " + port);
    }

    @PreDestroy
    void stop() {
        try {
            if (server != null) {
                server.stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            server = null;
            if (workers != null) {
                workers.shutdownNow();
                workers = null;
            }
        }
    }

    /** The handler, remembering the last failure outside a packet (a failed bind says why the start failed), and logging a full pool. */
    private static final class Failure implements RadiusServer.Handler {
        private final RadiusServer.Handler handler;
        private volatile Exception last;

        Failure(RadiusServer.Handler handler) {
            this.handler = handler;
        }

        @Override
        public byte[] handleClient(InetAddress clientAddress) {
            return handler.handleClient(clientAddress);
        }

        @Override
        public Packet handlePacket(InetAddress clientAddress, Packet requestPacket) {
            return handler.handlePacket(clientAddress, requestPacket);
        }

        @Override
        public void handleException(Exception exception) {
            if (exception instanceof RejectedExecutionException) {
                LOG.warning("RADIUS: more than " + MAX_WORKERS + " requests at once; one dropped (the NAS resends it)");
                return;
            }
            if (!(exception instanceof PacketCodecException)) {
                last = exception;
            }
            handler.handleException(exception);
        }
    }
}
