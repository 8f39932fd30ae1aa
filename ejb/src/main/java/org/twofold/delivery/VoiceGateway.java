package org.twofold.delivery;

/**
 * Places a call that announces {@code announcement} and waits for a key press; the call's progress
 * comes back as {@code answered}, {@code keyPressed} or {@code hungUp} for {@code txid}.
 */
public interface VoiceGateway {
    /**
     * The start of the {@code txid} of a call that only reads its announcement (a code that
     * verifies a new number): it belongs to no login request, and its key presses and progress
     * are ignored.
     */
    String ANNOUNCEMENT_ONLY = "say-";

    void call(Recipient to, String txid, String announcement);

    /** Whether {@code txid} is that of a call that only reads its announcement ({@link #ANNOUNCEMENT_ONLY}). */
    static boolean announcementOnly(String txid) {
        return txid != null && txid.startsWith(ANNOUNCEMENT_ONLY);
    }
}
