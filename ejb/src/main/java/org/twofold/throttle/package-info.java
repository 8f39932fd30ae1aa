/**
 * Throttling failed authentications per source — a client address at the pages, an integration key
 * with the end user's {@code ipaddr} over SOAP — so that one attacker cannot cheaply lock out many
 * users: after too many failures a source's further attempts are refused before they reach any
 * user's lockout counter. Failures are counted in the database (cluster-wide); the refusal itself
 * is decided from memory, so a successful login costs no extra query.
 */
package org.twofold.throttle;
