package org.twofold.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.twofold.delivery.Channels;
import org.twofold.device.DeviceKind;
import org.twofold.device.DeviceState;
import org.twofold.device.DeviceView;
import org.twofold.policy.Factor;
import org.twofold.policy.NewUserPolicy;
import org.twofold.user.UserStatus;

/**
 * The answer to "may this user log in, and how?" (SOAP {@code preauth}), decided from the user's
 * status, active devices, the allowed factors, the server's delivery channels and whether single-use
 * codes are waiting:
 * <ul>
 * <li>{@code allow} — status bypass: the second factor is skipped;</li>
 * <li>{@code deny} — disabled or locked out, or devices but none that can do an allowed factor
 *     through this door (a user whose only devices are security keys, asked by an API door:
 *     {@link Reason#BROWSER_ONLY});</li>
 * <li>{@code enroll} — no active device and no live code: the user must enroll one first (policy
 *     {@code NewUserPolicy} {@code enroll}, the default; {@code deny} answers {@code deny}, {@code
 *     allow} answers {@code allow} for such a user);</li>
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
     *     {@code mobile_otp} (it makes passcodes), and {@value #WEBAUTHN} (a security key or passkey,
     *     listed only for a door that can run its ceremony: {@link Door#PAGES})
     * @param smsNextcode the first digit of the next unused SMS passcode, for devices that take texts
     *     when a batch is live; null otherwise
     */
    public record Device(long id, String type, String displayName, String maskedNumber, List<String> capabilities, String smsNextcode) {
        /** The capability of a security key or passkey (W3C WebAuthn). */
        public static final String WEBAUTHN = "webauthn";
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
        NOTHING_ALLOWED,
        /** {@code deny}: no active device and no live code, and {@code NewUserPolicy} is {@code deny}. */
        NEW_USER_DENIED,
        /** {@code allow}: no active device and no live code, and {@code NewUserPolicy} is {@code allow}. */
        NEW_USER_ALLOWED,
        /**
         * {@code deny}: the only active devices that could serve are security keys or passkeys, and
         * the door asking cannot run their ceremony ({@link Door#API}): the person logs in on the
         * pages, or adds another device there.
         */
        BROWSER_ONLY
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
        return decide(status, devices, allowed, channels, liveCodes, smsHint, NewUserPolicy.ENROLL);
    }

    /**
     * Decides preauth, a user with no active device and no live code (a new user) as {@code newUsers} says.
     *
     * @see #decide(UserStatus, List, Set, Channels, boolean, String)
     */
    public static PreauthAnswer decide(UserStatus status, List<DeviceView> devices, Set<Factor> allowed, Channels channels, boolean liveCodes,
            String smsHint, NewUserPolicy newUsers) {
        return decide(status, devices, allowed, channels, liveCodes, smsHint, newUsers, Door.API);
    }

    /**
     * Decides preauth for the front end {@code door}: a security key or passkey is listed (capability
     * {@value Device#WEBAUTHN}) only where the door can run its ceremony; elsewhere a user whose only
     * devices are such keys is answered {@code deny} ({@link Reason#BROWSER_ONLY}), not {@code enroll}
     * (they have a device) and not {@code auth} (nothing here could complete it).
     *
     * @see #decide(UserStatus, List, Set, Channels, boolean, String, NewUserPolicy)
     */
    public static PreauthAnswer decide(UserStatus status, List<DeviceView> devices, Set<Factor> allowed, Channels channels, boolean liveCodes,
            String smsHint, NewUserPolicy newUsers, Door door) {
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
            List<String> capabilities = new ArrayList<>(can.stream().map(DeviceView::capability).toList());
            if (d.kind() == DeviceKind.SECURITY_KEY && door.runsSecurityKeys()) {
                capabilities.add(Device.WEBAUTHN);
            }
            if (!capabilities.isEmpty()) {
                usable.add(new Device(d.id(), d.kind().name().toLowerCase(Locale.ROOT), d.name(), d.maskedNumber(),
                        List.copyOf(capabilities), can.contains(Factor.SMS) ? smsHint : null));
            }
        }
        if (!usable.isEmpty() || liveCodes) {
            return new PreauthAnswer(Result.AUTH, Reason.ACTIVE, List.copyOf(usable));
        }
        if (!active.isEmpty()) {
            boolean keys = active.stream().anyMatch(d -> d.kind() == DeviceKind.SECURITY_KEY);
            return new PreauthAnswer(Result.DENY, keys && !door.runsSecurityKeys() ? Reason.BROWSER_ONLY : Reason.NOTHING_ALLOWED, List.of());
        }
        return switch (newUsers) {
            case ENROLL -> new PreauthAnswer(Result.ENROLL, Reason.NO_DEVICE, List.of());
            case DENY -> new PreauthAnswer(Result.DENY, Reason.NEW_USER_DENIED, List.of());
            case ALLOW -> new PreauthAnswer(Result.ALLOW, Reason.NEW_USER_ALLOWED, List.of());
        };
    }
}
