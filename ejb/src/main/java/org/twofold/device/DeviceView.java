package org.twofold.device;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.twofold.delivery.Channels;
import org.twofold.policy.Factor;

/**
 * A device as users, the help desk and integrators see it: never its seed or full number.
 * {@code label} is the prompt's device selector text, e.g. {@code iOS (XXX-XXX-0105)}.
 * {@link #may} is the one rule of what a device may do — its kind, the policy and this server's
 * delivery channels — used by the prompt, preauth, the help desk and the start of every factor.
 */
public record DeviceView(long id, DeviceKind kind, String name, String maskedNumber, String extension, DeviceState state,
                         boolean push, boolean phoneCall, boolean sms, boolean passcodes, Instant enrolledAt) {

    /** Every factor a device can serve (a policy that allows them all). */
    public static final Set<Factor> EVERY_FACTOR = EnumSet.of(Factor.PUSH, Factor.PHONE, Factor.SMS, Factor.PASSCODE);

    static DeviceView of(Device d) {
        DeviceKind k = d.getKind();
        // a smartphone enrolled without its number (Duo's numberless phone, /auth/v2/enroll) has nothing to call or text
        boolean reachable = d.getMaskedNumber() != null;
        return new DeviceView(d.getId(), k, d.getName(), d.getMaskedNumber(), d.getExtension(), d.getState(),
                k.canPush(), reachable && k.canCall(), reachable && k.canSms(), d.getOtpKind() != null, d.getEnrolledAt());
    }

    public String label() {
        return maskedNumber == null ? name : name + " (" + maskedNumber + ")";
    }

    /**
     * Whether this device may be used for {@code factor}: the device can do it, the policy allows
     * it ({@code allowed}) and the server can deliver it ({@code channels}; a passcode needs no
     * channel). {@code auto} means a push or a call. The device's state is not looked at: the
     * callers list active devices (or, for the help desk, every device).
     */
    public boolean may(Factor factor, Set<Factor> allowed, Channels channels) {
        if (factor == Factor.AUTO) {
            return may(Factor.PUSH, allowed, channels) || may(Factor.PHONE, allowed, channels);
        }
        if (!allowed.contains(factor) || !channels.delivers(factor)) {
            return false;
        }
        return switch (factor) {
            case PUSH -> push;
            case PHONE -> phoneCall;
            case SMS -> sms;
            case PASSCODE -> passcodes;
            case AUTO -> false;
        };
    }

    /** The factors this device may be used for, in the order push, phone, sms, passcode (see {@link #may}). */
    public List<Factor> factors(Set<Factor> allowed, Channels channels) {
        List<Factor> out = new ArrayList<>();
        for (Factor f : EVERY_FACTOR) {
            if (may(f, allowed, channels)) {
                out.add(f);
            }
        }
        return out;
    }

    /** A factor as preauth and the help desk name a device's capability: {@code push}, {@code phone}, {@code sms}, {@code mobile_otp}. */
    public static String capability(Factor factor) {
        return factor == Factor.PASSCODE ? "mobile_otp" : factor.keyword();
    }

    /** What the device itself can do, as the help desk lists it: {@code push,phone,sms,mobile_otp}. */
    public String capabilities() {
        return factors(EVERY_FACTOR, Channels.ALL).stream().map(DeviceView::capability).collect(Collectors.joining(","));
    }
}
