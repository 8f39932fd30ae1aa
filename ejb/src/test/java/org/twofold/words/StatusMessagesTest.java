package org.twofold.words;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.twofold.auth.TxState;
import org.twofold.auth.TxView;
import org.twofold.policy.Factor;

/** What a door that shows one line (RADIUS's Reply-Message) says of a push, call or text as it ended. */
class StatusMessagesTest {

    private static TxView view(Factor factor, TxState state, String reason) {
        return new TxView("tx", state, reason, factor, null, "0105", null);
    }

    @Test
    void aTextSentSaysOnlyThat() {
        assertEquals("New SMS passcodes sent.", StatusMessages.ended(view(Factor.SMS, TxState.SENT, null)));
    }

    @Test
    void aRequestStillPendingWhenTheDoorStoppedWaitingTimedOut() {
        assertEquals("Login request timed out.", StatusMessages.ended(view(Factor.PUSH, TxState.PUSHED, null)));
        assertEquals("Login request timed out.", StatusMessages.ended(view(Factor.PHONE, TxState.ANSWERED, null)));
    }

    @Test
    void anEndedRequestSaysHowItEnded() {
        assertEquals("Success. Logging you in...", StatusMessages.ended(view(Factor.PUSH, TxState.ALLOW, null)));
        assertEquals("The call ended without a key press. Login denied.", StatusMessages.ended(view(Factor.PHONE, TxState.DENY, "hung_up")));
        assertEquals("No key was pressed in time. Login denied.", StatusMessages.ended(view(Factor.PHONE, TxState.TIMEOUT, "no_key_pressed")));
    }
}
