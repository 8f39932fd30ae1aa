package org.twofold.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twofold.ErrorCode;
import org.twofold.TwofoldException;

class FailoverTest {
    private static final Recipient TO = new Recipient(1, "+14105551311", null);

    /** A gateway that records what it was asked to send, or fails. */
    private static final class Fake implements SmsGateway, VoiceGateway {
        final List<String> sent = new ArrayList<>();
        final boolean fails;

        Fake(boolean fails) {
            this.fails = fails;
        }

        @Override
        public void text(Recipient to, String message) {
            if (fails) {
                throw new DeliveryException("HTTP 500 for " + to);
            }
            sent.add(message);
        }

        @Override
        public void call(Recipient to, String txid, String announcement) {
            if (fails) {
                throw new DeliveryException("HTTP 500 for " + to);
            }
            sent.add(txid);
        }
    }

    @Test
    void usesTheFirstGatewayWhenItWorks() {
        Fake first = new Fake(false);
        Fake second = new Fake(false);
        List<String> failures = new ArrayList<>();
        new Failover(List.of(new Failover.Named("http", first), new Failover.Named("simulated", second)), (n, e) -> failures.add(n)).text(TO, "hello");
        assertEquals(List.of("hello"), first.sent);
        assertEquals(List.of(), second.sent);
        assertEquals(List.of(), failures);
    }

    @Test
    void recordsAFailureAndRetriesOnceOnTheNextGateway() {
        Fake first = new Fake(true);
        Fake second = new Fake(false);
        List<String> failures = new ArrayList<>();
        new Failover(List.of(new Failover.Named("http", first), new Failover.Named("simulated", second)), (n, e) -> failures.add(n)).call(TO, "tx1", "press a key");
        assertEquals(List.of("tx1"), second.sent);
        assertEquals(List.of("http"), failures);
    }

    @Test
    void refusesWhenTheRetryFailsTooAndTriesNoThirdGateway() {
        Fake third = new Fake(false);
        List<String> failures = new ArrayList<>();
        Failover f = new Failover(List.of(new Failover.Named("a", new Fake(true)), new Failover.Named("b", new Fake(true)),
                new Failover.Named("c", third)), (n, e) -> failures.add(n));
        TwofoldException e = assertThrows(TwofoldException.class, () -> f.text(TO, "hello"));
        assertEquals(ErrorCode.DELIVERY_FAILED, e.code());
        assertEquals(List.of("a", "b"), failures);
        assertEquals(List.of(), third.sent, "retried once, not twice");
    }
}
