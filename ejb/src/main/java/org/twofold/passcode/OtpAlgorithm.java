package org.twofold.passcode;

/** The HMAC functions RFC 6238 §1.2 allows for TOTP (HOTP is defined over SHA-1 only). */
public enum OtpAlgorithm {
    SHA1("HmacSHA1"),
    SHA256("HmacSHA256"),
    SHA512("HmacSHA512");

    private final String jcaName;

    OtpAlgorithm(String jcaName) {
        this.jcaName = jcaName;
    }

    public String jcaName() {
        return jcaName;
    }
}
