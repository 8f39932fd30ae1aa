package org.twofold.device;

import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.ToLongFunction;
import org.twofold.passcode.Hotp;
import org.twofold.passcode.Totp;
import org.twofold.secret.Secrets;

/**
 * The one place a code typed off a device (an authenticator app, a hardware token) is checked and
 * the device's counter moved: a login's passcode ({@link #check}), an app's first code that activates
 * it ({@link #firstStep}), and a hardware token's resynchronisation ({@link #resynchronize}). A code
 * is written as the device writes them — exactly its number of ASCII digits ({@link #wellFormed}) —
 * and compared in constant time (TOTP RFC 6238 around the device's recorded drift, HOTP RFC 4226
 * §7.4 with a look-ahead window). The counter only moves forward, by a conditional UPDATE, so a code
 * is accepted at most once even when two nodes check it at the same moment. The seed is opened only
 * for the check and wiped after it.
 */
@Stateless
public class DeviceCodes {
    /** How far past its counter a drifted HOTP token is searched for when resynchronising (RFC 4226 §7.4). */
    public static final int RESYNC_SEARCH = 1000;

    /** What one device made of a typed code. */
    public enum Match {
        /** Not a code of this device (now). */
        NOT_ITS_CODE,
        /** Its code, accepted: the counter moved past it. */
        ACCEPTED,
        /** Its code, but already used (the counter had moved past it). */
        REPLAYED
    }

    @PersistenceContext(unitName = "twofold")
    private EntityManager em;

    @Inject
    private Secrets secrets;

    /** Whether {@code typed} is written as {@code device}'s codes are: exactly its number of ASCII digits. */
    public static boolean wellFormed(Device device, String typed) {
        return typed != null && device.getOtpKind() != null && typed.length() == device.getDigits()
                && typed.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /**
     * A login's passcode: TOTP within one step of the device's recorded drift, HOTP within {@code
     * hotpWindow} counter values ahead. An accepted code moves the device's state past it.
     */
    public Match check(Device device, String typed, int hotpWindow, Instant now) {
        if (!wellFormed(device, typed)) {
            return Match.NOT_ITS_CODE;
        }
        if (device.getOtpKind() == OtpKind.TOTP) {
            long step = withSeed(device, seed -> Totp.find(seed, now, device.getDrift(), device.getDigits(), device.getAlgorithm(), typed));
            if (step < 0) {
                return Match.NOT_ITS_CODE;
            }
            int updated = em.createNamedQuery(Device.PAST_TOTP_STEP)
                    .setParameter("step", step)
                    .setParameter("drift", step - Totp.step(now))
                    .setParameter("id", device.getId())
                    .executeUpdate();
            return updated == 1 ? Match.ACCEPTED : Match.REPLAYED;
        }
        long counter = withSeed(device, seed -> Hotp.find(seed, device.getOtpState(), hotpWindow, device.getDigits(), typed));
        if (counter < 0) {
            return Match.NOT_ITS_CODE;
        }
        int updated = em.createNamedQuery(Device.PAST_HOTP_COUNTER)
                .setParameter("next", counter + 1)
                .setParameter("expected", device.getOtpState())
                .setParameter("id", device.getId())
                .executeUpdate();
        return updated == 1 ? Match.ACCEPTED : Match.REPLAYED;
    }

    /**
     * The step of the first code from a new app (TOTP), typed to activate it: a code of the current
     * step or one next to it (no drift is known yet); −1 if it is none. Nothing moves: the caller
     * starts the device from that step ({@link Device#acceptedFirstStep}) once the whole
     * activation succeeds.
     */
    public long firstStep(Device device, String typed, Instant now) {
        if (device.getOtpKind() != OtpKind.TOTP || !wellFormed(device, typed)) {
            return -1;
        }
        return withSeed(device, seed -> Totp.find(seed, now, 0, device.getDigits(), device.getAlgorithm(), typed));
    }

    /**
     * Resynchronises a drifted HOTP token from two consecutive codes typed off it (RFC 4226 §7.4):
     * found within {@value #RESYNC_SEARCH} counter values ahead, the next expected counter moves past
     * them. Returns the counter it moved to, or −1 if the pair was not found (nothing moves). The
     * caller holds the user's row lock, as for every change of a user's devices.
     */
    public long resynchronize(Device device, String first, String second) {
        if (device.getOtpKind() != OtpKind.HOTP || !wellFormed(device, first) || !wellFormed(device, second)) {
            return -1;
        }
        long next = withSeed(device, seed -> Hotp.resync(seed, device.getOtpState(), RESYNC_SEARCH, device.getDigits(), first, second));
        if (next >= 0) {
            device.resynchronizedTo(next);
        }
        return next;
    }

    private long withSeed(Device device, ToLongFunction<byte[]> use) {
        byte[] seed = secrets.box().open(device.getSealedSeed(), Device.SEED_PURPOSE);
        try {
            return use.applyAsLong(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }
}
