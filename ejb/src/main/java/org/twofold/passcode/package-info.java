/**
 * Passcodes: the OTP algorithms ({@link org.twofold.passcode.Hotp}, RFC 4226;
 * {@link org.twofold.passcode.Totp}, RFC 6238), Base32 seeds (RFC 4648 §6), and the one entry point
 * that checks a typed passcode against everything a user may hold ({@link
 * org.twofold.passcode.PasscodeVerifier}), never accepting a code twice.
 */
package org.twofold.passcode;
