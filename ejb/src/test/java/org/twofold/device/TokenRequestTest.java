package org.twofold.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.twofold.user.User;

class TokenRequestTest {
    private static final Instant T = Instant.parse("2026-01-05T10:00:00Z");

    private static TokenRequest request() {
        return new TokenRequest(new User("u1", "U", "School of Law", T), "School of Law", "user:u1", T);
    }

    @Test
    void approvedRequestIsFulfilledOnceWithTheSerial() {
        TokenRequest r = request();
        assertEquals(TokenRequest.State.PENDING, r.getState());
        r.decide(true, "mgreen", T.plusSeconds(60));
        assertEquals(TokenRequest.State.APPROVED, r.getState());
        assertEquals("mgreen", r.getDecidedBy());
        r.fulfil("FOB-1");
        assertEquals(TokenRequest.State.ASSIGNED, r.getState());
        assertEquals("FOB-1", r.getSerial());
        assertThrows(IllegalStateException.class, () -> r.fulfil("FOB-2"));
    }

    @Test
    void pendingRequestCannotBeFulfilledBeforeApproval() {
        TokenRequest r = request();
        assertThrows(IllegalStateException.class, () -> r.fulfil("FOB-1"));
    }

    @Test
    void deniedRequestIsClosedAndCannotBeDecidedAgain() {
        TokenRequest r = request();
        r.decide(false, "mgreen", T);
        assertEquals(TokenRequest.State.DENIED, r.getState());
        assertFalse(r.getState().open());
        assertThrows(IllegalStateException.class, () -> r.decide(true, "mgreen", T));
        assertThrows(IllegalStateException.class, () -> r.fulfil("FOB-1"));
    }

    @Test
    void pendingAndApprovedRequestsStillStand() {
        assertTrue(TokenRequest.State.PENDING.open());
        assertTrue(TokenRequest.State.APPROVED.open());
        assertFalse(TokenRequest.State.ASSIGNED.open());
    }
}
