package org.twofold.delivery;

import org.twofold.policy.Factor;

/**
 * The delivery channels this server has: a push channel (the virtual phones of the simulator, or Web
 * Push to the Twofold approval app), and a carrier for
 * calls and for texts. A factor no channel can deliver is not offered: passcodes need none.
 *
 * @param push pushes reach an app
 * @param voice calls can be placed
 * @param text texts can be sent
 * @param webPush pushes go by Web Push, so only to the Twofold approval app (not to the virtual phones)
 */
public record Channels(boolean push, boolean voice, boolean text, boolean webPush) {
    /** Every channel, for what a device can do regardless of this server's carriers. */
    public static final Channels ALL = new Channels(true, true, true);

    /** Channels whose pushes (if any) go to the virtual phones. */
    public Channels(boolean push, boolean voice, boolean text) {
        this(push, voice, text, false);
    }

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
