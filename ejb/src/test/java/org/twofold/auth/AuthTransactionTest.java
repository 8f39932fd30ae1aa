package org.twofold.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.twofold.policy.Factor;
import org.twofold.user.User;

class AuthTransactionTest {
    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final User USER = new User("alice", "Alice", "Law", T0);

    private static AuthTransaction push(String verifyNumber) {
        return new AuthTransaction("tx", USER, 1L, Factor.PUSH, TxState.PUSHED, null, verifyNumber, "VPN", "1.2.3.4", "test", T0, T0.plusSeconds(60));
    }

    private static AuthTransaction call() {
        return new AuthTransaction("tx", USER, 1L, Factor.PHONE, TxState.CALLING, "1311", null, "VPN", "1.2.3.4", "test", T0, T0.plusSeconds(60));
    }

    @Test
    void aVerifiedPushNeedsItsNumber() {
        AuthTransaction right = push("042");
        right.approve("042", T0.plusSeconds(5));
        assertEquals(TxState.ALLOW, right.getState());
        AuthTransaction wrong = push("042");
        wrong.approve("043", T0.plusSeconds(5));
        assertEquals(TxState.DENY, wrong.getState());
        assertEquals("wrong_verification_number", wrong.getReason());
        AuthTransaction none = push("042");
        none.approve(null, T0.plusSeconds(5));
        assertEquals(TxState.DENY, none.getState());
    }

    @Test
    void aPushCanBeDeniedOrReportedAsFraud() {
        AuthTransaction denied = push(null);
        denied.deny(false, T0);
        assertEquals(TxState.DENY, denied.getState());
        AuthTransaction fraud = push(null);
        fraud.deny(true, T0);
        assertEquals(TxState.FRAUD, fraud.getState());
        assertEquals("reported_fraud", fraud.getReason());
    }

    @Test
    void aCallGoesFromDialingToAnsweredToAllowed() {
        AuthTransaction t = call();
        assertEquals(TxState.CALLING, t.getState());
        assertEquals("1311", t.getNumberLastFour());
        t.answer(T0.plusSeconds(3));
        assertEquals(TxState.ANSWERED, t.getState());
        t.pressKey(T0.plusSeconds(5));
        assertEquals(TxState.ALLOW, t.getState());
        assertNull(t.getReason());
    }

    @Test
    void aKeyCannotBePressedBeforeTheCallIsAnswered() {
        assertThrows(IllegalStateException.class, () -> call().pressKey(T0));
    }

    @Test
    void pendingTransactionsTimeOutAtTheirDeadlineAndNotBefore() {
        AuthTransaction t = call();
        assertFalse(t.expireIfDue(T0.plusSeconds(59)));
        assertTrue(t.expireIfDue(T0.plusSeconds(60)));
        assertEquals(TxState.TIMEOUT, t.getState());
        assertEquals("not_answered", t.getReason());
        assertFalse(t.expireIfDue(T0.plusSeconds(61)), "a final state never changes");
    }

    @Test
    void anAnsweredCallWithoutAKeyPressTimesOutWithItsOwnMessage() {
        AuthTransaction t = call();
        t.answer(T0.plusSeconds(2));
        assertTrue(t.expireIfDue(T0.plusSeconds(60)));
        assertEquals(TxState.TIMEOUT, t.getState());
        assertEquals("no_key_pressed", t.getReason());
    }

    @Test
    void finalStatesAcceptNoFurtherEvents() {
        AuthTransaction t = push(null);
        t.deny(false, T0);
        assertThrows(IllegalStateException.class, () -> t.approve(null, T0));
        assertThrows(IllegalStateException.class, () -> t.cancel(T0));
        AuthTransaction c = call();
        c.hangUp(T0);
        assertEquals(TxState.DENY, c.getState());
        assertThrows(IllegalStateException.class, () -> c.answer(T0));
    }

    @Test
    void aPendingTransactionCanBeCancelled() {
        AuthTransaction t = call();
        t.cancel(T0);
        assertEquals(TxState.CANCELLED, t.getState());
        assertEquals("cancelled", t.getReason());
        assertFalse(t.getState().pending());
    }
}
