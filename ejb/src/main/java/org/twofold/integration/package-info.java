/**
 * Integrations: the legacy applications (VPN gateways, portals) that call Twofold over SOAP or the
 * Duo-compatible API, each with an integration key and a high-entropy secret (sealed, so WS-Security
 * PasswordDigest and Duo's request signatures, {@link org.twofold.integration.SignedRequest}, can be
 * checked too), created by an administrator.
 */
package org.twofold.integration;
