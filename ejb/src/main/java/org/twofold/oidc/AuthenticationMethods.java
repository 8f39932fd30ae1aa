package org.twofold.oidc;

import java.util.List;

/**
 * What an ID token says about how its user logged in: {@code amr} (OpenID Connect Core §2, values
 * from RFC 8176) and {@code acr}, from the second factor the login prompt actually checked. Every
 * login checked the password ({@code pwd}); a second factor adds its method and {@code mfa}, and the
 * REFEDS MFA profile as {@code acr} (what campus service providers ask for). A remembered browser
 * proves no factor now: {@code pwd} alone, and the single-factor profile.
 *
 * <p>Factors: an authenticator app's or hardware token's passcode, a bypass or temporary passcode
 * {@code otp}; a texted passcode {@code sms}; a phone call {@code tel}; a push approved in the app
 * (a key kept in software on the phone) {@code swk}; a security key or passkey {@code hwk}.
 *
 * @param amr the methods, {@code pwd} first
 * @param acr the authentication context class
 */
public record AuthenticationMethods(List<String> amr, String acr) {
    /** REFEDS Multi-Factor Authentication Profile. */
    public static final String ACR_MFA = "https://refeds.org/profile/mfa";
    /** REFEDS Single-Factor Authentication Profile. */
    public static final String ACR_SFA = "https://refeds.org/profile/sfa";
    /** How the login prompt names a login that a remembered browser completed. */
    static final String REMEMBERED = "remembered";

    public AuthenticationMethods {
        amr = List.copyOf(amr);
    }

    /** The methods of a login completed with {@code factor} (the login prompt's keyword for it). */
    public static AuthenticationMethods of(String factor) {
        String method = factor == null ? null : switch (factor) {
            case "totp", "hotp", "passcode", "bypass", "temporary" -> "otp";
            case "sms" -> "sms";
            case "phone" -> "tel";
            case "push" -> "swk";
            case "security_key" -> "hwk";
            case REMEMBERED -> null;
            default -> "";
        };
        if (method == null) {
            return new AuthenticationMethods(List.of("pwd"), ACR_SFA);
        }
        return new AuthenticationMethods(method.isEmpty() ? List.of("pwd", "mfa") : List.of("pwd", method, "mfa"), ACR_MFA);
    }

    /** Whether a second factor was proven. */
    public boolean multiFactor() {
        return amr.contains("mfa");
    }
}
