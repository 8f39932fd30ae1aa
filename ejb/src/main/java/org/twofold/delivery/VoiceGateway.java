package org.twofold.delivery;

/**
 * Places a call that announces {@code announcement} and waits for a key press; the call's progress
 * comes back as {@code answered}, {@code keyPressed} or {@code hungUp} for {@code txid}.
 */
public interface VoiceGateway {
    void call(Recipient to, String txid, String announcement);
}
