/**
 * The SOAP interface for legacy integrators: {@code /ws/AuthService}, contract-first from
 * {@code WEB-INF/wsdl/AuthService.wsdl} (namespace {@code urn:twofold:auth:1}). The endpoint is thin:
 * it turns messages into domain calls and verdicts into responses; {@link
 * org.twofold.ws.WsSecurityHandler} checks the integration's WS-Security UsernameToken first, and
 * {@link org.twofold.ws.Faults} is the one mapping from domain error codes to SOAP faults.
 */
package org.twofold.ws;
