package org.twofold.delivery;

import org.twofold.policy.Factor;

/**
 * The delivery channels this server has: a push channel (so far only the virtual phones of the
 * simulator; a real one, e.g. Web Push, is one more source of {@code push}), and a carrier for
 * calls and for texts. A factor no channel can deliver is not offered: passcodes need none.
 *
 * @param push pushes reach an app
 * @param voice calls can be placed
 * @param text texts can be sent
 */
public record Channels(boolean push, boolean voice, boolean text) {
    /** Every channel, for what a device can do regardless of this server's carriers. */
    public static final Channels ALL = new Channels(true, true, true);

    /** Whether {@code factor} can be delivered: {@code auto} if a push or a call can. */
    public boolean delivers(Factor factor) {
        return switch (factor) {
            case PUSH -> push;
            case PHONE -> voice;
            case SMS -> text;
            case PASSCODE -> true;
            case AUTO -> push || voice;
        };
    }
}
