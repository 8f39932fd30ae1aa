/**
 * How Twofold keeps secrets: slow salted password hashes ({@link org.twofold.secret.PasswordHash}),
 * authenticated encryption of OTP seeds and integration secrets under a key held in the data
 * directory ({@link org.twofold.secret.SecretBox}), random codes from one {@link
 * java.security.SecureRandom} ({@link org.twofold.secret.RandomCodes}), and constant-time comparison.
 */
package org.twofold.secret;
