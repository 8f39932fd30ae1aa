/**
 * RADIUS clients (RFC 2865 §1's "NAS": VPN gateways, Wi-Fi controllers, switches) that may ask
 * Twofold to authenticate users over RADIUS: each a name, the address or CIDR block its packets
 * come from, its mode ({@link org.twofold.radius.RadiusMode}) and a generated shared secret, sealed
 * at rest, registered and disabled by an administrator. The RADIUS boundary (module {@code radius})
 * asks {@link org.twofold.radius.RadiusClients} who sent a packet; the authentication itself is the
 * facade's, as for every door.
 */
package org.twofold.radius;
