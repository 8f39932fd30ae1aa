package org.twofold.passcode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The {@code otpauth://} URI that authenticator apps scan from a QR code (Google Authenticator's
 * Key Uri Format, which every common app follows): label {@code issuer:account}, Base32 secret,
 * issuer, algorithm, digits and period.
 */
public final class OtpAuthUri {
    private OtpAuthUri() {
    }

    public static String totp(String issuer, String account, byte[] seed, OtpAlgorithm algorithm, int digits) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + Base32.encode(seed) + "&issuer=" + encode(issuer)
                + "&algorithm=" + algorithm.name() + "&digits=" + digits + "&period=" + Totp.STEP_SECONDS;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
