package org.twofold.webauthn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A ceremony's life and what it keeps; and a stored key's counter, which only moves forward. */
class CeremonyTest {
    private static final Instant ISSUED = Instant.parse("2026-12-06T10:00:00Z");

    private static Ceremony ceremony(byte[] challenge) {
        return new Ceremony(Ceremony.Purpose.AUTHENTICATION, "jdoe", challenge, null, ISSUED, "{}");
    }

    @Test
    void isLiveFromItsIssueUntilTheBrowsersTimeoutAndAMargin() {
        Ceremony c = ceremony(new byte[32]);
        assertTrue(c.liveAt(ISSUED));
        assertTrue(c.liveAt(ISSUED.plus(Ceremony.VALIDITY)));
        assertFalse(c.liveAt(ISSUED.plus(Ceremony.VALIDITY).plusMillis(1)));
        assertFalse(c.liveAt(ISSUED.minusSeconds(1)), "not before it was made");
        assertEquals(150, Ceremony.VALIDITY.toSeconds());
    }

    @Test
    void itsChallengeCannotBeChangedFromOutside() {
        byte[] challenge = {1, 2, 3};
        Ceremony c = ceremony(challenge);
        challenge[0] = 9;
        c.challenge()[1] = 9;
        assertArrayEquals(new byte[] {1, 2, 3}, c.challenge());
        assertFalse(c.toString().contains("[1"), "no challenge in logs: " + c);
    }

    @Test
    void aStoredCounterNeverGoesBack() {
        RelyingParty.Registered registered = new RelyingParty.Registered(new byte[] {7},
                new RelyingParty.Credential(new byte[] {1}, 5, false, false, false), "00000000-0000-0000-0000-000000000000");
        SecurityKey key = new SecurityKey(1, null, "handle", new byte[] {7}, "hash", registered, ISSUED);
        key.counted(new RelyingParty.Asserted(6, true, false), ISSUED);
        assertEquals(6, key.getSignCount());
        assertTrue(key.stored().userVerified());
        assertThrows(IllegalStateException.class, () -> key.counted(new RelyingParty.Asserted(3, true, false), ISSUED));
        assertEquals(6, key.getSignCount());
    }
}
