package org.twofold.delivery;

/**
 * What a carrier's callback says about a call placed for transaction {@code txid}, reduced to the
 * events a phone-call login reacts to ({@code answered}, {@code keyPressed}, {@code hungUp} of
 * {@link VoiceGateway}). {@code txid} is null when the callback did not name one.
 */
public record CallEvent(String txid, Kind kind) {

    /** The progress of a call as the login sees it. */
    public enum Kind {
        /** The callee picked up. */
        ANSWERED,
        /** The callee pressed a key while the announcement was playing or after it. */
        KEY_PRESSED,
        /**
         * The call ended after it was answered. Also sent after a key press ends the call; the
         * transaction has ended by then and ignores it.
         */
        HUNG_UP,
        /** The call never connected: busy, no answer, failed or canceled. */
        NOT_ANSWERED,
        /** Nothing the login acts on (ringing, queued, an unknown status or event). */
        IGNORED
    }
}
