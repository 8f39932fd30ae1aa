package org.twofold.directory;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;
import org.twofold.audit.Actor;
import org.twofold.audit.AuditAction;
import org.twofold.audit.AuditTrail;

/**
 * Brings Twofold's users in line with the directory: on demand ({@code Administration.syncDirectory()})
 * and every {@code TWOFOLD_LDAP_SYNC_MINUTES}. The directory is read completely first; a directory
 * that stops answering before the last page changes nothing (a partial list must never read as "the
 * others are gone"). Then the {@link SyncPlan} is applied in batches. One sync runs at a time in
 * the whole cluster ({@link SyncLease}: every node's timer ticks each minute, and the node that takes
 * the lease when a sync is due runs it); an on-demand sync while one runs, on any node, is refused
 * rather than queued.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DirectorySync {
    private static final Logger LOG = Logger.getLogger(DirectorySync.class.getName());
    static final int BATCH = 500;

    @Inject
    private Directory directory;

    @EJB
    private DirectoryAccounts accounts;

    @EJB
    private AuditTrail audit;

    @Inject
    private Clock clock;

    @Resource
    private TimerService timers;

    /** How often each node looks whether a scheduled sync is due (the schedule itself is in the lease row). */
    static final Duration TICK = Duration.ofMinutes(1);

    private final ReentrantLock running = new ReentrantLock();

    /** This server's name in the lease row: its host and a random part, unique per start. */
    private final String node = node();

    @PostConstruct
    void schedule() {
        if (directory.configured() && directory.config().syncMinutes() > 0) {
            timers.createIntervalTimer(TICK.toMillis(), TICK.toMillis(), new TimerConfig("directory sync", false));
        }
    }

    @Timeout
    void scheduled() {
        try {
            run(Actor.directory(), true);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The scheduled directory sync did not run: " + e.getMessage());
        }
    }

    /**
     * Syncs now; the report.
     *
     * @throws TwofoldException {@code NO_DIRECTORY} without a directory, {@code DIRECTORY_SYNC_RUNNING}
     *     while another sync runs, {@code DIRECTORY_UNAVAILABLE} (audited, nothing changed) if the
     *     directory does not answer
     */
    public SyncReport sync(Actor actor) {
        return run(actor, false);
    }

    /** A sync now ({@code scheduled}: only if one is due and nobody runs one; then null when none ran). */
    private SyncReport run(Actor actor, boolean scheduled) {
        if (!directory.configured()) {
            throw new TwofoldException(ErrorCode.NO_DIRECTORY);
        }
        if (!running.tryLock()) {
            if (scheduled) {
                return null;
            }
            throw new TwofoldException(ErrorCode.DIRECTORY_SYNC_RUNNING);
        }
        try {
            Instant start = clock.instant();
            if (!accounts.takeLease(node, start, scheduled)) {
                if (scheduled) {
                    return null;
                }
                throw new TwofoldException(ErrorCode.DIRECTORY_SYNC_RUNNING);
            }
            try {
                return syncHoldingLease(actor, start);
            } finally {
                Duration every = Duration.ofMinutes(Math.max(1, directory.config().syncMinutes()));
                accounts.releaseLease(node, clock.instant().plus(every));
            }
        } finally {
            running.unlock();
        }
    }

    private SyncReport syncHoldingLease(Actor actor, Instant start) {
        long t0 = System.nanoTime();
        List<DirectoryEntry> entries;
        try {
            entries = directory.entries();
        } catch (DirectoryUnavailableException e) {
            audit.recordRefusal(actor, null, AuditAction.DIRECTORY_SYNC, "directory_unavailable", e.getMessage());
            throw new TwofoldException(ErrorCode.DIRECTORY_UNAVAILABLE, "The directory does not answer (" + e.getMessage() + "); nothing was changed");
        }
        int percent = directory.config().maxDisablePercent();
        SyncPlan plan = SyncPlan.of(entries, accounts.known(), percent);
        int created = 0;
        for (List<SyncPlan.Change> batch : batches(plan.creates())) {
            accounts.create(batch, start);
            created += batch.size();
            accounts.extendLease(node, clock.instant());
        }
        int updated = 0;
        for (List<SyncPlan.Change> batch : batches(plan.updates())) {
            updated += accounts.update(batch, start);
            accounts.extendLease(node, clock.instant());
        }
        int disabled = 0;
        for (List<String> batch : batches(plan.disables())) {
            disabled += accounts.disable(batch, start, plan.disabledInDirectory());
            accounts.extendLease(node, clock.instant());
        }
        accounts.stampSynced(start);
        SyncReport report = new SyncReport(start, created, updated, disabled, plan.unchanged() + plan.updates().size() - updated,
                plan.errors(), plan.disableRefused(), plan.activeDirectoryUsers(), percent, Duration.ofNanos(System.nanoTime() - t0));
        accounts.recordSync(actor, report);
        plan.errors().forEach(error -> LOG.warning(() -> "Directory sync: " + error));
        LOG.info(() -> "Directory sync: " + report.line());
        return report;
    }

    private static String node() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            host = "node";
        }
        byte[] random = new byte[6];
        new java.security.SecureRandom().nextBytes(random);
        String name = host + "-" + java.util.HexFormat.of().formatHex(random);
        return name.length() <= 100 ? name : name.substring(name.length() - 100);
    }

    /**
     * The last sync of any node, as the audit trail has it (when, who asked, its report line or why
     * it was refused), if there was one.
     */
    public Optional<String> lastSync() {
        return audit.ofAction(AuditAction.DIRECTORY_SYNC, 1).stream().findFirst().map(Object::toString);
    }

    private static <T> List<List<T>> batches(List<T> all) {
        List<List<T>> out = new java.util.ArrayList<>();
        for (int i = 0; i < all.size(); i += BATCH) {
            out.add(all.subList(i, Math.min(all.size(), i + BATCH)));
        }
        return out;
    }
}
