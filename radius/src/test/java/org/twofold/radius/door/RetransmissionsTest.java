package org.twofold.radius.door;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.aaa4j.radius.core.attribute.Attribute;
import org.aaa4j.radius.core.attribute.TextData;
import org.aaa4j.radius.core.attribute.attributes.MessageAuthenticator;
import org.aaa4j.radius.core.attribute.attributes.UserName;
import org.aaa4j.radius.core.packet.Packet;
import org.aaa4j.radius.core.packet.packets.AccessAccept;
import org.aaa4j.radius.core.packet.packets.AccessRequest;
import org.aaa4j.radius.server.DuplicationStrategy.Result.State;
import org.junit.jupiter.api.Test;

class RetransmissionsTest {
    private static final byte[] BYTES = new byte[20];
    private final InetSocketAddress nas = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);
    private final InetSocketAddress nasOtherPort = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40001);
    private Instant now = Instant.parse("2026-12-06T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final Retransmissions cache = new Retransmissions(clock, Duration.ofMinutes(2), 3);

    private static Packet request(int id, int authenticatorByte, boolean messageAuthenticator) {
        byte[] authenticator = new byte[16];
        java.util.Arrays.fill(authenticator, (byte) authenticatorByte);
        List<Attribute<?>> attributes = messageAuthenticator ? List.of(new UserName(new TextData("ann")), new MessageAuthenticator())
                : List.of(new UserName(new TextData("ann")));
        return new AccessRequest(attributes, new Packet.ReceivedFields(id, authenticator));
    }

    @Test
    void aResendWhileTheFirstIsAnsweredWaitsAndGetsTheSameAnswer() throws Exception {
        Packet first = request(7, 1, true);
        assertEquals(State.NEW_REQUEST, cache.handleRequest(nas, first, BYTES).getState());
        CompletableFuture<org.aaa4j.radius.server.DuplicationStrategy.Result> resend = CompletableFuture.supplyAsync(
                () -> cache.handleRequest(nasOtherPort, request(7, 1, true), BYTES));
        Packet answer = new AccessAccept();
        cache.handleResponse(nas, first, BYTES, answer);
        var r = resend.get(10, TimeUnit.SECONDS);
        assertEquals(State.CACHED_RESPONSE, r.getState());
        assertSame(answer, r.getResponsePacket());
        assertSame(answer, cache.handleRequest(nas, request(7, 1, true), BYTES).getResponsePacket(), "and after");
    }

    @Test
    void anotherIdentifierOrAuthenticatorIsANewRequest() {
        assertEquals(State.NEW_REQUEST, cache.handleRequest(nas, request(7, 1, true), BYTES).getState());
        assertEquals(State.NEW_REQUEST, cache.handleRequest(nas, request(8, 1, true), BYTES).getState());
        assertEquals(State.NEW_REQUEST, cache.handleRequest(nas, request(7, 2, true), BYTES).getState());
    }

    @Test
    void packetsWithoutMessageAuthenticatorAreNeverKept() {
        assertEquals(State.NEW_REQUEST, cache.handleRequest(nas, request(7, 1, false), BYTES).getState());
        assertEquals(State.NEW_REQUEST, cache.handleRequest(nas, request(7, 1, false), BYTES).getState());
        assertEquals(0, cache.size());
    }

    @Test
    void anAbandonedRequestIsHandledAnewWhenResent() {
        Packet first = request(9, 3, true);
        cache.handleRequest(nas, first, BYTES);
        cache.abandon(nas.getAddress(), first);
        assertEquals(0, cache.size());
        assertEquals(State.NEW_REQUEST, cache.handleRequest(nas, request(9, 3, true), BYTES).getState());
    }

    @Test
    void requestsAreForgottenAfterTheirTimeAndTheCacheIsBounded() {
        Packet first = request(1, 1, true);
        cache.handleRequest(nas, first, BYTES);
        cache.handleResponse(nas, first, BYTES, new AccessAccept());
        cache.handleRequest(nas, request(2, 1, true), BYTES);
        cache.handleRequest(nas, request(3, 1, true), BYTES);
        assertEquals(3, cache.size());
        assertEquals(State.NEW_REQUEST, cache.handleRequest(nas, request(4, 1, true), BYTES).getState(), "full: handled, not kept");
        assertEquals(3, cache.size());
        now = now.plus(Duration.ofMinutes(3));
        assertEquals(State.NEW_REQUEST, cache.handleRequest(nas, request(1, 1, true), BYTES).getState(), "forgotten");
        assertEquals(1, cache.size());
    }
}
