package org.twofold.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.twofold.delivery.Channels;
import org.twofold.device.DeviceState;
import org.twofold.device.DeviceView;
import org.twofold.policy.Factor;
import org.twofold.user.UserStatus;

/**
 * The answer to "may this user log in, and how?" (SOAP {@code preauth}), decided from the user's
 * status, active devices, the allowed factors, the server's delivery channels and whether single-use
 * codes are waiting:
 * <ul>
 * <li>{@code allow} — status bypass: the second factor is skipped;</li>
 * <li>{@code deny} — disabled or locked out, or devices but none that can do an allowed factor;</li>
 * <li>{@code enroll} — no active device and no live code: the user must enroll one first;</li>
 * <li>{@code auth} — a second factor is needed; {@code devices} lists what each device may do under
 *     policy (a user with only a help-desk temporary passcode gets {@code auth} and no device).</li>
 * </ul>
 *
 * @param result the decision
 * @param reason why: each boundary words it for its callers (SOAP's and the Duo API's status messages)
 * @param devices the devices usable now, in enrollment order (empty unless {@code auth})
 */
public record PreauthAnswer(Result result, Reason reason, List<Device> devices) {

    /** The preauth decisions; {@link #keyword()} is the SOAP value. */
    public enum Result {
        AUTH, ALLOW, DENY, ENROLL;

        public String keyword() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A device as preauth lists it: never its full number.
     *
     * @param capabilities what it may do under policy, of {@code push}, {@code phone}, {@code sms},
     *     {@code mobile_otp} (it makes passcodes)
     * @param smsNextcode the first digit of the next unused SMS passcode, for devices that take texts
     *     when a batch is live; null otherwise
     */
    public record Device(long id, String type, String displayName, String maskedNumber, List<String> capabilities, String smsNextcode) {
    }

    /** Why preauth decided as it did. */
    public enum Reason {
        /** {@code allow}: the user's status is bypass. */
        BYPASS_USER,
        /** {@code deny}: locked out. */
        LOCKED_OUT,
        /** {@code deny}: disabled. */
        DISABLED,
        /** {@code auth}: a second factor is needed, and there is one to use. */
        ACTIVE,
        /** {@code enroll}: no active device and no live code. */
        NO_DEVICE,
        /** {@code deny}: active devices, but none can do a factor the policy allows. */
        NOTHING_ALLOWED
    }

    /**
     * Decides preauth.
     *
     * @param devices the user's devices, any state
     * @param liveCodes whether the user has a usable SMS, bypass or temporary passcode and
     *     passcodes are allowed
     * @param smsHint the next SMS passcode's first digit, or null
     * @param channels what this server can deliver: a device is listed only for what {@link DeviceView#may} do
     */
    public static PreauthAnswer decide(UserStatus status, List<DeviceView> devices, Set<Factor> allowed, Channels channels, boolean liveCodes,
            String smsHint) {
        switch (status) {
            case BYPASS:
                return new PreauthAnswer(Result.ALLOW, Reason.BYPASS_USER, List.of());
            case LOCKED_OUT:
                return new PreauthAnswer(Result.DENY, Reason.LOCKED_OUT, List.of());
            case DISABLED:
                return new PreauthAnswer(Result.DENY, Reason.DISABLED, List.of());
            default:
                break;
        }
        List<DeviceView> active = devices.stream().filter(d -> d.state() == DeviceState.ACTIVE).toList();
        List<Device> usable = new ArrayList<>();
        for (DeviceView d : active) {
            List<Factor> can = d.factors(allowed, channels);
            if (!can.isEmpty()) {
                usable.add(new Device(d.id(), d.kind().name().toLowerCase(Locale.ROOT), d.name(), d.maskedNumber(),
                        can.stream().map(DeviceView::capability).toList(), can.contains(Factor.SMS) ? smsHint : null));
            }
        }
        if (!usable.isEmpty() || liveCodes) {
            return new PreauthAnswer(Result.AUTH, Reason.ACTIVE, List.copyOf(usable));
        }
        return active.isEmpty() ? new PreauthAnswer(Result.ENROLL, Reason.NO_DEVICE, List.of())
                : new PreauthAnswer(Result.DENY, Reason.NOTHING_ALLOWED, List.of());
    }
}
