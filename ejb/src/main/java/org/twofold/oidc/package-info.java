/**
 * The OpenID Connect provider (OpenID Connect Core 1.0, authorization code flow; RFC 6749, RFC 7636
 * PKCE): the relying parties an administrator registers ({@link org.twofold.oidc.OidcClients}), the
 * single-use authorization codes a login through the hosted prompt earns, the ID and access tokens
 * they are exchanged for ({@link org.twofold.oidc.OpenIdProvider}), and the signing keys, sealed
 * under the data key and rotated over JMX ({@link org.twofold.oidc.SigningKeys}). JOSE is Nimbus
 * JOSE+JWT's; nothing here signs or parses a JWT by hand. The pages' door ({@code web} module,
 * {@code org.twofold.web.oidc}) only translates HTTP; the login itself is the login prompt's.
 */
package org.twofold.oidc;
