package org.twofold.passcode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.twofold.user.User;

class IssuedCodeTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final User USER = new User("alice", "Alice", "Law", T0);

    private static IssuedCode code(int uses, Duration validity) {
        return new IssuedCode(USER, CodeKind.BYPASS, "hash", null, 1, uses, T0, T0.plus(validity), "test");
    }

    @Test
    void aBypassCodeWorksOnceWithinItsMinutes() {
        IssuedCode c = code(1, Duration.ofMinutes(10));
        assertTrue(c.usable(T0.plus(Duration.ofMinutes(9))));
        c.use();
        assertFalse(c.usable(T0.plus(Duration.ofMinutes(9))), "single use");
        assertFalse(c.revoked(), "a used code is not a revoked one");
    }

    @Test
    void aBypassCodeExpiresAfterItsMinutes() {
        IssuedCode c = code(1, Duration.ofMinutes(10));
        assertFalse(c.usable(T0.plus(Duration.ofMinutes(10))));
        assertFalse(c.usable(T0.plus(Duration.ofHours(1))));
    }

    @Test
    void aTemporaryPasscodeWorksForItsNumberOfUses() {
        IssuedCode c = code(3, Duration.ofHours(24));
        for (int i = 0; i < 3; i++) {
            assertTrue(c.usable(T0.plusSeconds(i)), "use " + (i + 1));
            c.use();
        }
        assertFalse(c.usable(T0.plusSeconds(4)));
        assertEquals(0, c.getUsesLeft());
        assertThrows(IllegalStateException.class, c::use);
    }

    @Test
    void revokingMarksOnlyUnusedCodes() {
        IssuedCode unused = code(1, Duration.ofHours(1));
        unused.revoke();
        assertTrue(unused.revoked());
        assertFalse(unused.usable(T0));
        IssuedCode used = code(1, Duration.ofHours(1));
        used.use();
        used.revoke();
        assertFalse(used.revoked(), "a code already used stays 'used', so a retry is reported as a replay");
    }

    @Test
    void smsBatchHintIsTheFirstDigitOfTheNextCode() {
        SmsBatch batch = new SmsBatch(java.util.List.of("1234567", "7654321"));
        assertEquals('1', batch.nextHint());
        assertThrows(UnsupportedOperationException.class, () -> batch.codes().add("0000000"));
    }

    @Test
    void codeKindsHaveTheirLengths() {
        assertEquals(7, CodeKind.SMS.digits());
        assertEquals(9, CodeKind.BYPASS.digits());
        assertEquals(9, CodeKind.TEMPORARY.digits());
    }
}
