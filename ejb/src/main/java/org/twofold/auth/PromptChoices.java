package org.twofold.auth;

import java.io.Serializable;
import java.util.List;
import java.util.Set;
import org.twofold.delivery.Channels;
import org.twofold.device.DeviceKind;
import org.twofold.device.DeviceState;
import org.twofold.device.DeviceView;
import org.twofold.policy.Factor;
import org.twofold.policy.Policy;

/**
 * What the prompt "Choose an authentication method" offers a user: each active device that can
 * take a push, a call or texts, with only the buttons that device can do, the policy allows and
 * this server can deliver;
 * whether "Enter a Passcode" is allowed; whether "Use a security key" is (an active security key); and the remember-me hours (0: no checkbox). Plain Java,
 * with getters for the page.
 */
public final class PromptChoices implements Serializable {
    private static final long serialVersionUID = 1L;

    /** One entry of the device selector, e.g. {@code iPhone (XXX-XXX-0105)}. */
    public static final class Choice implements Serializable {
        private static final long serialVersionUID = 1L;
        private final long id;
        private final String label;
        private final boolean push;
        private final boolean call;
        private final boolean sms;

        Choice(long id, String label, boolean push, boolean call, boolean sms) {
            this.id = id;
            this.label = label;
            this.push = push;
            this.call = call;
            this.sms = sms;
        }

        public long getId() {
            return id;
        }

        public String getLabel() {
            return label;
        }

        public boolean isPush() {
            return push;
        }

        public boolean isCall() {
            return call;
        }

        public boolean isSms() {
            return sms;
        }
    }

    private final List<Choice> devices;
    private final boolean passcode;
    private final int rememberMeHours;
    private final boolean securityKey;

    private PromptChoices(List<Choice> devices, boolean passcode, int rememberMeHours, boolean securityKey) {
        this.devices = devices;
        this.passcode = passcode;
        this.rememberMeHours = rememberMeHours;
        this.securityKey = securityKey;
    }

    /**
     * The choices for a user's devices under a policy, with this server's delivery channels: what
     * each active device may do is {@link DeviceView#may}.
     */
    public static PromptChoices of(List<DeviceView> devices, Policy policy, Channels channels) {
        Set<Factor> allowed = policy.allowedFactors();
        List<Choice> choices = devices.stream().filter(d -> d.state() == DeviceState.ACTIVE)
                .map(d -> new Choice(d.id(), d.label(), d.may(Factor.PUSH, allowed, channels), d.may(Factor.PHONE, allowed, channels),
                        d.may(Factor.SMS, allowed, channels)))
                .filter(c -> c.push || c.call || c.sms).toList();
        boolean key = devices.stream().anyMatch(d -> d.state() == DeviceState.ACTIVE && d.kind() == DeviceKind.SECURITY_KEY);
        return new PromptChoices(choices, allowed.contains(Factor.PASSCODE), policy.rememberMeHours(), key);
    }

    public List<Choice> getDevices() {
        return devices;
    }

    /** The device {@code id} among the choices, or the first one; null when there is none. */
    public Choice device(Long id) {
        return devices.stream().filter(c -> id != null && c.id == id).findFirst().orElse(devices.isEmpty() ? null : devices.get(0));
    }

    public boolean isPasscode() {
        return passcode;
    }

    /** Whether "Use a security key" is offered: the user has an active security key or passkey. */
    public boolean isSecurityKey() {
        return securityKey;
    }

    public int getRememberMeHours() {
        return rememberMeHours;
    }
}
