/**
 * Integrations: the legacy applications (VPN gateways, portals) that call Twofold over SOAP, each
 * with an integration key and a high-entropy secret (sealed, so WS-Security PasswordDigest can be
 * checked too), created by an administrator.
 */
package org.twofold.integration;
