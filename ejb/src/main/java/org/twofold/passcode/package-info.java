/**
 * Passcodes: the OTP algorithms ({@link org.twofold.passcode.Hotp}, RFC 4226;
 * {@link org.twofold.passcode.Totp}, RFC 6238), Base32 seeds (RFC 4648 §6), and the one entry point
 * that checks a typed passcode against everything a user may hold ({@link
 * org.twofold.passcode.PasscodeVerifier}), never accepting a code twice; batches of SMS passcodes
 * ({@link org.twofold.passcode.SmsPasscodes}) and the codes Twofold issues ({@link
 * org.twofold.passcode.IssuedCodes}: SMS, bypass, temporary), kept as keyed hashes only.
 */
package org.twofold.passcode;
