package org.twofold.radius.door;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.twofold.policy.Factor;

class ChallengesTest {
    private Instant now = Instant.parse("2026-12-06T12:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final Challenges challenges = new Challenges(clock, new SecureRandom(), Duration.ofMinutes(5), 2);
    private final List<Challenges.Option> menu = List.of(new Challenges.Option(Factor.PUSH, 6, "Push to iPhone (XXX-XXX-0105)"));

    @Test
    void aStateAnswersOnceForItsClientAndUser() {
        byte[] state = challenges.open("vpn", "ann", menu).orElseThrow();
        assertEquals(16, state.length);
        assertTrue(challenges.take("vpn", "bob", state).isEmpty(), "another user");
        byte[] again = challenges.open("vpn", "ann", menu).orElseThrow();
        assertTrue(challenges.take("wifi", "ann", again).isEmpty(), "another client");
        byte[] third = challenges.open("vpn", "ann", menu).orElseThrow();
        assertEquals(menu, challenges.take("vpn", "ann", third).orElseThrow().options());
        assertTrue(challenges.take("vpn", "ann", third).isEmpty(), "once");
        assertTrue(challenges.take("vpn", "ann", new byte[16]).isEmpty(), "never sent");
    }

    @Test
    void aStateExpiresAndAtMostMaxAreOpen() {
        byte[] first = challenges.open("vpn", "ann", menu).orElseThrow();
        challenges.open("vpn", "bob", menu).orElseThrow();
        assertTrue(challenges.open("vpn", "cy", menu).isEmpty(), "full");
        now = now.plus(Duration.ofMinutes(5));
        assertTrue(challenges.open("vpn", "cy", menu).isPresent(), "expired ones make room");
        assertTrue(challenges.take("vpn", "ann", first).isEmpty(), "expired");
        assertEquals(1, challenges.size());
    }
}
