package org.twofold.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RefusalTallyTest {
    private static final Instant T0 = Instant.parse("2026-12-06T14:00:03Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final String BAD_KEY = "integration.authenticate unknown_integration";
    private static final String BAD_SECRET = "integration.authenticate wrong_secret";
    private static final String BAD_XML = "soap.request malformed_xml";
    private static final Pattern COUNT = Pattern.compile("^(\\d+) more refusals from ");

    /** A clock the test moves; nothing sleeps. */
    private static final class TestClock extends Clock {
        private Instant now = T0;

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private final TestClock clock = new TestClock();

    private static int written(RefusalTally tally, String source, String kind, int times) {
        int written = 0;
        for (int i = 0; i < times; i++) {
            RefusalTally.Admission a = tally.admit(source, kind);
            assertEquals(List.of(), a.summaries(), "no window has closed yet");
            written += a.written() ? 1 : 0;
        }
        return written;
    }

    @Test
    void writesTheFirstRefusalsOfASourceAndCountsTheRest() {
        RefusalTally tally = new RefusalTally(clock, 20, MINUTE, 1000);
        assertEquals(20, written(tally, "203.0.113.9", BAD_KEY, 5000));
        clock.advance(Duration.ofSeconds(59));
        assertEquals(List.of(), tally.closed(), "the window is still open");
        clock.advance(Duration.ofSeconds(1));
        List<RefusalTally.Summary> closed = tally.closed();
        assertEquals(1, closed.size());
        RefusalTally.Summary s = closed.get(0);
        assertEquals("203.0.113.9", s.source());
        assertEquals(T0, s.from());
        assertEquals(T0.plus(MINUTE), s.to());
        assertEquals(20, s.written());
        assertEquals(4980, s.count(), "every refusal not written is counted");
        assertEquals(Map.of(BAD_KEY, 4980L), s.byKind());
        assertEquals(List.of(), tally.closed(), "a window is summarised once");
        assertEquals(0, tally.sources(), "a closed window is forgotten");
    }

    @Test
    void theFirstRefusalOfEachKindIsWrittenEvenBeyondTheLimit() {
        RefusalTally tally = new RefusalTally(clock, 20, MINUTE, 1000);
        assertEquals(20, written(tally, "203.0.113.9", BAD_KEY, 100));
        assertEquals(1, written(tally, "203.0.113.9", BAD_XML, 50), "a new kind gets its row");
        assertEquals(1, written(tally, "203.0.113.9", BAD_SECRET, 50));
        assertEquals(0, written(tally, "203.0.113.9", BAD_KEY, 10), "a kind already written is counted");
        clock.advance(MINUTE);
        RefusalTally.Summary s = tally.closed().get(0);
        assertEquals(22, s.written());
        assertEquals(new TreeMap<>(Map.of(BAD_KEY, 90L, BAD_XML, 49L, BAD_SECRET, 49L)), s.byKind());
    }

    @Test
    void eachSourceHasItsOwnLimit() {
        RefusalTally tally = new RefusalTally(clock, 20, MINUTE, 1000);
        assertEquals(20, written(tally, "203.0.113.9", BAD_KEY, 1000));
        assertEquals(20, written(tally, "198.51.100.7", BAD_KEY, 30), "another address is not buried by the first");
        assertTrue(tally.admit(null, BAD_KEY).written(), "a refusal without a source is always written");
        assertTrue(tally.admit(" ", BAD_KEY).written());
        clock.advance(MINUTE);
        Map<String, Long> counts = new TreeMap<>();
        tally.closed().forEach(s -> counts.put(s.source(), s.count()));
        assertEquals(Map.of("203.0.113.9", 980L, "198.51.100.7", 10L), counts);
    }

    @Test
    void aWindowWithinTheLimitLeavesNoSummary() {
        RefusalTally tally = new RefusalTally(clock, 20, MINUTE, 1000);
        assertEquals(20, written(tally, "203.0.113.9", BAD_KEY, 20));
        clock.advance(MINUTE);
        assertEquals(List.of(), tally.closed());
        assertEquals(0, tally.sources());
    }

    @Test
    void theNextRefusalAfterTheWindowBringsItsSummaryAndOpensANewWindow() {
        RefusalTally tally = new RefusalTally(clock, 20, MINUTE, 1000);
        written(tally, "203.0.113.9", BAD_KEY, 25);
        clock.advance(Duration.ofSeconds(90));
        RefusalTally.Admission next = tally.admit("203.0.113.9", BAD_KEY);
        assertTrue(next.written(), "a new window writes again");
        assertEquals(1, next.summaries().size());
        assertEquals(5, next.summaries().get(0).count());
        assertEquals(T0.plus(MINUTE), next.summaries().get(0).to(), "the old window kept its own bounds");
        assertEquals(19, written(tally, "203.0.113.9", BAD_KEY, 30));
        clock.advance(MINUTE);
        RefusalTally.Summary second = tally.closed().get(0);
        assertEquals(T0.plus(Duration.ofSeconds(90)), second.from());
        assertEquals(11, second.count());
    }

    @Test
    void anotherSourcesRefusalAlsoBringsDueSummaries() {
        RefusalTally tally = new RefusalTally(clock, 2, MINUTE, 1000);
        written(tally, "203.0.113.9", BAD_KEY, 7);
        clock.advance(MINUTE);
        RefusalTally.Admission other = tally.admit("198.51.100.7", BAD_XML);
        assertTrue(other.written());
        assertEquals(List.of("203.0.113.9"), other.summaries().stream().map(RefusalTally.Summary::source).toList());
        assertEquals(List.of(), tally.closed());
    }

    @Test
    void sourcesBeyondTheCapShareOneTally() {
        RefusalTally tally = new RefusalTally(clock, 2, MINUTE, 3);
        int written = 0;
        for (int i = 0; i < 100; i++) {
            for (int r = 0; r < 5; r++) {
                written += tally.admit("2001:db8::" + Integer.toHexString(i), BAD_KEY).written() ? 1 : 0;
            }
        }
        assertEquals(4, tally.sources(), "three sources and the shared tally: memory is bounded");
        assertEquals(4 * 2, written, "two rows each for three sources and for all the others together");
        clock.advance(MINUTE);
        Map<String, Long> counts = new TreeMap<>();
        tally.closed().forEach(s -> counts.put(s.source(), s.count()));
        assertEquals(Map.of("2001:db8::0", 3L, "2001:db8::1", 3L, "2001:db8::2", 3L, RefusalTally.OTHER_SOURCES, 97L * 5 - 2), counts);
        assertEquals(500, written + counts.values().stream().mapToLong(Long::longValue).sum(), "nothing is lost");
    }

    @Test
    void kindsBeyondTheCapAreCountedAsOther() {
        RefusalTally tally = new RefusalTally(clock, 0, MINUTE, 10);
        int written = 0;
        for (int k = 0; k < RefusalTally.MAX_KINDS + 10; k++) {
            for (int r = 0; r < 3; r++) {
                written += tally.admit("203.0.113.9", "soap.request kind" + k).written() ? 1 : 0;
            }
        }
        assertEquals(RefusalTally.MAX_KINDS, written, "the first of each of the first MAX_KINDS kinds is written");
        clock.advance(MINUTE);
        RefusalTally.Summary s = tally.closed().get(0);
        assertEquals(RefusalTally.MAX_KINDS + 1, s.byKind().size(), "at most MAX_KINDS kinds are kept, and 'other'");
        assertEquals(10L * 3, s.byKind().get(RefusalTally.OTHER_KINDS), "the further kinds are counted as 'other'");
        assertEquals((RefusalTally.MAX_KINDS + 10) * 3, written + s.count());
    }

    @Test
    void aSummaryReadsAsOneLineWithItsCountsByKind() {
        RefusalTally tally = new RefusalTally(clock, 1, MINUTE, 10);
        tally.admit("203.0.113.9", BAD_KEY);
        written(tally, "203.0.113.9", BAD_KEY, 812);
        written(tally, "203.0.113.9", BAD_XML, 41);
        clock.advance(MINUTE);
        assertEquals(List.of("852 more refusals from 203.0.113.9 in 2026-12-06T14:00:03Z/2026-12-06T14:01:03Z after 2 written: "
                + "integration.authenticate unknown_integration 812, soap.request malformed_xml 40"), tally.closed().get(0).details(500));
    }

    @Test
    void kindsThatDoNotFitOneDetailGoOnInTheNextAndTheCountsStillAddUp() {
        RefusalTally tally = new RefusalTally(clock, 0, MINUTE, 10);
        for (int k = 0; k < 30; k++) {
            for (int r = 0; r < 2 + k; r++) {
                tally.admit("203.0.113.9", "soap.someOperation some_long_reason_" + k);
            }
        }
        clock.advance(MINUTE);
        RefusalTally.Summary s = tally.closed().get(0);
        List<String> details = s.details(500);
        assertTrue(details.size() > 1, "30 kinds do not fit 500 characters: " + details);
        long sum = 0;
        for (String d : details) {
            assertTrue(d.length() <= 500, d.length() + ": " + d);
            Matcher m = COUNT.matcher(d);
            assertTrue(m.find(), d);
            long listed = Pattern.compile(" (\\d+)(?:, |$)").matcher(d.substring(d.indexOf(": ") + 2)).results()
                    .mapToLong(r -> Long.parseLong(r.group(1))).sum();
            assertEquals(Long.parseLong(m.group(1)), listed, "each detail counts what it lists: " + d);
            sum += listed;
        }
        assertEquals(s.count(), sum);
        assertFalse(details.stream().anyMatch(d -> d.endsWith(": ")), "no empty detail");
    }

    @Test
    void refusesLimitsThatMakeNoSense() {
        assertThrows(IllegalArgumentException.class, () -> new RefusalTally(clock, 20, Duration.ZERO, 10));
        assertThrows(IllegalArgumentException.class, () -> new RefusalTally(clock, -1, MINUTE, 10));
        assertThrows(IllegalArgumentException.class, () -> new RefusalTally(clock, 20, MINUTE, 0));
    }
}
