package org.twofold.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How many refusals of requests nobody vouches for (no or wrong credentials, an envelope or post
 * that cannot be read, an unknown application) one source gets written to the audit trail. A
 * source's window opens at its first such refusal and lasts {@code window}; within it the first
 * {@code max} refusals are written, and beyond them the first of each kind (action and reason)
 * still is, so every kind of refusal keeps a row of its own. The others are only counted, by kind,
 * and when the window has closed they become one {@link Summary} (more than one only if its kinds
 * do not fit one row's detail). A flood from one address thus costs at most {@code max} rows, one
 * per kind and a summary per window, and no refusal goes uncounted.
 *
 * <p>Memory is bounded: at most {@code maxSources} sources are tracked at once, the refusals of
 * any further source share one tally ({@link #OTHER_SOURCES}) until windows close; at most
 * {@link #MAX_KINDS} kinds per window, further kinds are counted as {@link #OTHER_KINDS}. A
 * refusal without a source (the system, tests) is always written. Plain Java and thread-safe; the
 * time comes from the clock.
 */
final class RefusalTally {
    /** The tally shared by the sources beyond the cap. */
    static final String OTHER_SOURCES = "other sources";
    /** The kind of the refusals beyond {@link #MAX_KINDS} kinds in one window. */
    static final String OTHER_KINDS = "other";
    static final int MAX_KINDS = 64;

    private final Clock clock;
    private final int max;
    private final Duration window;
    private final int maxSources;
    private final Map<String, Window> open = new HashMap<>();
    /** The earliest end of an open window: before it, nothing can have closed. */
    private Instant nextClose = Instant.MAX;

    RefusalTally(Clock clock, int max, Duration window, int maxSources) {
        if (max < 0 || window.isNegative() || window.isZero() || maxSources < 1) {
            throw new IllegalArgumentException("refusal limits must be positive");
        }
        this.clock = clock;
        this.max = max;
        this.window = window;
        this.maxSources = maxSources;
    }

    /**
     * What to do with a refusal of {@code kind} from {@code source}: whether its row is written,
     * and the summaries of every window that has closed by now (this source's, and any other's).
     */
    synchronized Admission admit(String source, String kind) {
        Instant now = clock.instant();
        List<Summary> closed = closed(now);
        if (source == null || source.isBlank()) {
            return new Admission(true, closed);
        }
        String key = open.containsKey(source) || open.size() < maxSources ? source : OTHER_SOURCES;
        Window w = open.get(key);
        if (w == null) {
            w = new Window(now, now.plus(window));
            open.put(key, w);
            if (w.end.isBefore(nextClose)) {
                nextClose = w.end;
            }
        }
        return new Admission(w.admit(kind, max), closed);
    }

    /** The summaries of the windows that have closed by now, each once; their counts are then forgotten. */
    synchronized List<Summary> closed() {
        return closed(clock.instant());
    }

    /** How many sources are tracked now (at most the cap, plus {@link #OTHER_SOURCES}). */
    synchronized int sources() {
        return open.size();
    }

    private List<Summary> closed(Instant now) {
        if (now.isBefore(nextClose)) {
            return List.of();
        }
        List<Summary> out = new ArrayList<>();
        Instant next = Instant.MAX;
        for (Iterator<Map.Entry<String, Window>> i = open.entrySet().iterator(); i.hasNext();) {
            Map.Entry<String, Window> e = i.next();
            Window w = e.getValue();
            if (now.isBefore(w.end)) {
                next = w.end.isBefore(next) ? w.end : next;
                continue;
            }
            i.remove();
            if (!w.counted.isEmpty()) {
                out.add(new Summary(e.getKey(), w.start, w.end, w.written, new TreeMap<>(w.counted)));
            }
        }
        nextClose = next;
        out.sort((a, b) -> a.from().compareTo(b.from()));
        return out;
    }

    /** The answer to one refusal: write its row or not, and the summaries now due. */
    record Admission(boolean written, List<Summary> summaries) {
    }

    /**
     * The refusals from {@code source} in {@code [from, to)} that were counted and not written, by
     * kind; {@code written} rows of that window were written.
     */
    record Summary(String source, Instant from, Instant to, int written, SortedMap<String, Long> byKind) {

        /** How many refusals this summary stands for. */
        long count() {
            return byKind.values().stream().mapToLong(Long::longValue).sum();
        }

        /**
         * The summary as audit details of at most {@code maxLength} characters, usually one: "812
         * more refusals from 203.0.113.9 in 2026-12-06T14:00:03Z/2026-12-06T14:01:03Z after 20
         * written: integration.authenticate wrong_secret 800, soap.request malformed_xml 12". If
         * the kinds do not fit, each further detail lists the rest and counts only its own.
         */
        List<String> details(int maxLength) {
            String where = " more refusals from " + source + " in " + from.truncatedTo(ChronoUnit.SECONDS) + "/"
                    + to.truncatedTo(ChronoUnit.SECONDS) + " after " + written + " written: ";
            List<String> out = new ArrayList<>();
            StringBuilder kinds = new StringBuilder();
            long count = 0;
            for (Map.Entry<String, Long> e : byKind.entrySet()) {
                String item = e.getKey() + " " + e.getValue();
                int length = Long.toString(count + e.getValue()).length() + where.length() + kinds.length() + 2 + item.length();
                if (kinds.length() > 0 && length > maxLength) {
                    out.add(count + where + kinds);
                    kinds.setLength(0);
                    count = 0;
                }
                kinds.append(kinds.length() == 0 ? "" : ", ").append(item);
                count += e.getValue();
            }
            out.add(count + where + kinds);
            return out;
        }
    }

    /** One source's open window. */
    private static final class Window {
        final Instant start;
        final Instant end;
        int written;
        final Set<String> kinds = new HashSet<>();
        final Map<String, Long> counted = new HashMap<>();

        Window(Instant start, Instant end) {
            this.start = start;
            this.end = end;
        }

        boolean admit(String kind, int max) {
            boolean known = kinds.contains(kind);
            if (written < max || !known && kinds.size() < MAX_KINDS) {
                written++;
                if (!known && kinds.size() < MAX_KINDS) {
                    kinds.add(kind);
                }
                return true;
            }
            counted.merge(known ? kind : OTHER_KINDS, 1L, Long::sum);
            return false;
        }
    }
}
