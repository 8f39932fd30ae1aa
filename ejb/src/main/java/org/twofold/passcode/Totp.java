package org.twofold.passcode;

import java.time.Instant;

/**
 * Time-based one-time passwords, RFC 6238 §4: HOTP over the number of 30-second steps since the
 * Unix epoch. Verification accepts the current step and {@link #WINDOW} steps either side (§5.2
 * recommends at most one step of network delay), shifted by the device's recorded drift.
 */
public final class Totp {
    public static final int STEP_SECONDS = 30;
    public static final int WINDOW = 1;

    private Totp() {
    }

    public static long step(Instant time) {
        return Math.floorDiv(time.getEpochSecond(), STEP_SECONDS);
    }

    public static String generate(byte[] secret, long step, int digits, OtpAlgorithm algorithm) {
        return Hotp.generate(secret, step, digits, algorithm);
    }

    public static String generate(byte[] secret, Instant time, int digits, OtpAlgorithm algorithm) {
        return generate(secret, step(time), digits, algorithm);
    }

    /**
     * The step in {@code [now + drift − WINDOW, now + drift + WINDOW]} whose code is {@code typed},
     * or −1. All candidates are compared (constant time in the match position). The caller refuses
     * a step not later than the last one accepted, which makes every code single-use.
     */
    public static long find(byte[] secret, Instant now, long drift, int digits, OtpAlgorithm algorithm, String typed) {
        long centre = step(now) + drift;
        long found = -1;
        for (long s = centre - WINDOW; s <= centre + WINDOW; s++) {
            if (Hotp.matches(typed, generate(secret, s, digits, algorithm)) && found < 0) {
                found = s;
            }
        }
        return found;
    }
}
