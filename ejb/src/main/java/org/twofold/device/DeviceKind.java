package org.twofold.device;

/** The kinds of device a user can enroll and what each can do (PRODUCT.md, "Devices"). */
public enum DeviceKind {
    SMARTPHONE(true, true, true, true),
    TABLET(true, false, false, true),
    MOBILE_PHONE(false, true, true, false),
    LANDLINE(false, true, false, false),
    HARDWARE_TOKEN(false, false, false, true),
    /** A security key or passkey (WebAuthn): it proves itself by signing, through {@code org.twofold.webauthn}. */
    SECURITY_KEY(false, false, false, false);

    private final boolean push;
    private final boolean phoneCall;
    private final boolean sms;
    private final boolean passcodes;

    DeviceKind(boolean push, boolean phoneCall, boolean sms, boolean passcodes) {
        this.push = push;
        this.phoneCall = phoneCall;
        this.sms = sms;
        this.passcodes = passcodes;
    }

    public boolean canPush() {
        return push;
    }

    public boolean canCall() {
        return phoneCall;
    }

    public boolean canSms() {
        return sms;
    }

    /** Whether the device itself generates passcodes (TOTP or HOTP). */
    public boolean makesPasscodes() {
        return passcodes;
    }
}
