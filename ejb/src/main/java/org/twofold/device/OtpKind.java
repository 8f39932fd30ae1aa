package org.twofold.device;

/** How a device's passcodes advance: by time (RFC 6238) or by a counter (RFC 4226). */
public enum OtpKind {
    TOTP,
    HOTP
}
