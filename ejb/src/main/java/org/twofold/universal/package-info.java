/**
 * Duo Universal Prompt compatibility (Duo Web SDK v4, Duo's "OIDC Auth API"): an application built
 * with Duo's SDK sends its user to Twofold's prompt with a request signed with its integration's
 * secret, gets back a single-use code, and exchanges it for an ID token carrying the result.
 * Verifying requests and client assertions, the codes and the ID token are here; the second factor
 * itself is the authentication facade's, on Twofold's own prompt.
 */
package org.twofold.universal;
