package org.twofold.radius;

/**
 * A RADIUS client just registered: what the administrator types into the NAS. The shared secret is
 * shown this once and stored only sealed.
 */
public record NewRadiusClient(String name, String addressBlock, RadiusMode mode, String sharedSecret) {
}
