/**
 * Security keys and passkeys (W3C Web Authentication Level 2): the relying party's ceremonies —
 * options for {@code navigator.credentials.create/get} and the checks of their answers, done by
 * webauthn4j ({@link RelyingParty}, plain Java) — and a user's registered credentials ({@link
 * SecurityKey}, each the credential of a device of kind {@code SECURITY_KEY}) with their signature
 * counters ({@link SecurityKeys}: register, verify, refuse a clone).
 */
package org.twofold.webauthn;
