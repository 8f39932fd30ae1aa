/**
 * The RADIUS front end (RFC 2865 over UDP, PAP): VPN gateways, Wi-Fi controllers and other NAS send
 * Access-Requests, and this boundary answers Access-Accept, Access-Reject or Access-Challenge
 * with a {@code Reply-Message} in the seeds' words. It only translates: which registered client sent a packet is
 * {@link org.twofold.radius.RadiusClients}' answer, every authentication decision is the facade's
 * ({@link org.twofold.auth.Authentication}), as for the pages, SOAP and the Duo-compatible API. Packet
 * encoding, PAP password hiding, the Request/Response-Authenticators and Message-Authenticator
 * (RFC 3579 §3.2) are the {@code org.aaa4j.radius} library's, never written here.
 */
package org.twofold.radius.door;
