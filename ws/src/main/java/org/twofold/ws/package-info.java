/**
 * The SOAP interface for legacy integrators: {@code /ws/AuthService}, contract-first from
 * {@code WEB-INF/wsdl/AuthService.wsdl} (namespace {@code urn:twofold:auth:1}). The endpoint is thin:
 * it turns messages into domain calls and verdicts into responses; {@link
 * org.twofold.ws.SoapRequestFilter} screens each request and checks the integration's WS-Security
 * UsernameToken ({@link org.twofold.ws.WsSecurity}) on the one parse of it, and
 * {@link org.twofold.ws.Faults} is the one mapping from domain error codes to SOAP faults.
 */
package org.twofold.ws;
