package org.twofold.audit;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.twofold.site.Settings;

/**
 * Keeps a flood of refused requests from one address from flooding the audit trail: this node's
 * {@link RefusalTally} of {@link AuditTrail#recordRequestRefusal} refusals, and the summary rows
 * ({@value #ACTION}, result {@code refused}, reason {@value #REASON}, the source as origin) it
 * writes for the refusals it counted without writing — at the next such refusal after a window
 * closed, or within {@value #SWEEP_SECONDS} seconds by the schedule, so a source that falls quiet
 * is summarised too. The tally is in memory, per node: each node writes its own rows and
 * summaries, and a node killed with SIGKILL loses the counts of its open windows (never a row that
 * was written). Limits from {@value #MAX} (rows per source per window, default 20) and
 * {@value #WINDOW_SECONDS} (default 60); at most {@value #MAX_SOURCES} sources are tracked at once.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RefusalSummaries {
    public static final String MAX = "twofold.audit.refusals.max";
    public static final String WINDOW_SECONDS = "twofold.audit.refusals.window.seconds";
    /** The action of a summary row. */
    public static final AuditAction ACTION = AuditAction.AUDIT_SUMMARY;
    static final String REASON = "too_many_refusals";
    static final int MAX_SOURCES = 1000;
    static final int SWEEP_SECONDS = 10;
    /** The longest detail a row keeps ({@link AuditEvent}'s column). */
    private static final int DETAIL_LENGTH = 500;

    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @Inject
    private Clock clock;

    private RefusalTally tally;

    @PostConstruct
    void start() {
        Settings settings = Settings.current();
        int seconds = settings.getInt(WINDOW_SECONDS);
        if (seconds < 1) {
            throw new IllegalStateException("Setting " + WINDOW_SECONDS + " must be at least 1, not " + seconds);
        }
        tally = new RefusalTally(clock, Math.max(0, settings.getInt(MAX)), Duration.ofSeconds(seconds), MAX_SOURCES);
    }

    /**
     * Whether a refusal of {@code action} for {@code reason} from {@code origin} gets its own row;
     * first writes, in the caller's transaction, the summaries of the windows that have closed.
     */
    public boolean admit(String origin, AuditAction action, String reason) {
        RefusalTally.Admission admission = tally.admit(origin == null ? null : origin.trim(), reason == null ? action.code() : action.code() + " " + reason);
        write(admission.summaries());
        return admission.written();
    }

    @Schedule(second = "*/" + SWEEP_SECONDS, minute = "*", hour = "*", persistent = false)
    void writeClosedWindows() {
        write(tally.closed());
    }

    private void write(List<RefusalTally.Summary> summaries) {
        for (RefusalTally.Summary s : summaries) {
            String origin = RefusalTally.OTHER_SOURCES.equals(s.source()) ? null : s.source();
            for (String detail : s.details(DETAIL_LENGTH)) {
                em.persist(new AuditEvent(clock.instant(), Actor.system().name(), null, ACTION.code(), "refused", REASON, origin, detail));
            }
        }
    }
}
