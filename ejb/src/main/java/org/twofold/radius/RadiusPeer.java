package org.twofold.radius;

/**
 * The RADIUS client a packet came from, as the RADIUS boundary needs it: its name (the actor's, and
 * the application a push shows), its mode, and the shared secret to decode and answer its packets.
 *
 * @param secret the shared secret's bytes; the caller's copy, to be wiped after use
 */
public record RadiusPeer(String name, RadiusMode mode, byte[] secret) {
}
